"""Adaptive follow-ups, offline: notice what an answer lacks and ask for it.

Three kinds, one at a time, most valuable first:
- conflict:     the person states a position (deployment model, order cut-off time, discount
                approval threshold, payment before shipping) that another department stated
                differently. The question is neutral: it names only the person's own
                position, never who said what.
- quantify:     a pain without a number ("就是慢", "it's painful") gets asked for one: how long,
                how often, how many, and what target.
- integration:  a named system (SAP, 金蝶, a carrier…) gets asked what must flow between it
                and the new system.

The answer text is only ever matched against fixed cue lists; nothing in it is obeyed.
Only cue words from those lists and recognised system names are echoed back.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel

from bot.language import Language

# --- unusable answers --------------------------------------------------------------------------

_CONTENT = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")


def is_unusable(text: str) -> bool:
    """True for an answer with no letters, digits or CJK characters (emoji, punctuation only)."""
    return not _CONTENT.search(text)


# --- quantities ----------------------------------------------------------------------------------

_CN_NUMBER = "零一二两三四五六七八九十百千万半"
_CN_UNIT = "个次天日周月年小时分钟秒单张笔件箱份人家位成倍辆趟元块%"
_HAS_QUANTITY = re.compile(
    rf"\d|[{_CN_NUMBER}]+\s*[{_CN_UNIT}]|百分之"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"hundred|thousand|half|dozen|once|twice)\b",
    re.IGNORECASE)


def has_quantity(text: str) -> bool:
    return bool(_HAS_QUANTITY.search(text))


# --- vague pain ----------------------------------------------------------------------------------
# Each cue says which number is missing: how long (time), how often (frequency), how many (volume).

_VAGUE_CUES: dict[str, tuple[tuple[str, str], ...]] = {
    "zh": (
        ("time", "慢"), ("time", "很久"), ("time", "太久"), ("time", "半天"), ("time", "耽误"), ("time", "拖"),
        ("time", "等很"), ("time", "费时"), ("time", "耗时"), ("time", "效率低"), ("time", "来不及"),
        ("frequency", "经常"), ("frequency", "总是"), ("frequency", "老是"), ("frequency", "动不动"),
        ("frequency", "时不时"), ("frequency", "出错"), ("frequency", "录错"), ("frequency", "对不上"),
        ("frequency", "搞错"), ("frequency", "投诉"), ("frequency", "超卖"),
        ("volume", "很多"), ("volume", "太多"), ("volume", "大量"), ("volume", "一堆"), ("volume", "积压"),
        ("time", "麻烦"), ("time", "头疼"), ("time", "痛苦"), ("time", "累"), ("time", "不方便"), ("time", "繁琐"),
        ("time", "手工"), ("time", "人工"), ("time", "手动"),
    ),
    "en": (
        ("time", "slow"), ("time", "takes forever"), ("time", "takes ages"), ("time", "takes too long"),
        ("time", "time-consuming"), ("time", "delay"), ("time", "backlog"), ("time", "waiting"),
        ("frequency", "often"), ("frequency", "always"), ("frequency", "constantly"), ("frequency", "all the time"),
        ("frequency", "mistake"), ("frequency", "error"), ("frequency", "wrong"), ("frequency", "complain"),
        ("frequency", "oversell"), ("frequency", "don't match"), ("frequency", "doesn't match"),
        ("volume", "a lot of"), ("volume", "lots of"), ("volume", "too many"), ("volume", "tons of"),
        ("time", "painful"), ("time", "pain"), ("time", "annoying"), ("time", "frustrating"), ("time", "tedious"),
        ("time", "messy"), ("time", "a mess"), ("time", "manual"), ("time", "by hand"), ("time", "headache"),
    ),
}
_WORD_EDGE = re.compile(r"[a-z]")


class Vague(BaseModel):
    dimension: str          # time | frequency | volume
    cue: str                # the cue word as found (from the fixed list)


def find_vague(text: str) -> Vague | None:
    """A pain stated without any number, or None (an answer with a number is specific enough)."""
    if has_quantity(text):
        return None
    lowered = text.lower()
    for cues in _VAGUE_CUES.values():
        for dimension, cue in cues:
            at = lowered.find(cue)
            if at < 0:
                continue
            # English cues must start a word ("pain" in "painting" is not pain, "spain" neither).
            if _WORD_EDGE.match(cue) and at > 0 and lowered[at - 1].isalpha():
                continue
            return Vague(dimension=dimension, cue=cue)
    return None


_QUANTIFY: dict[str, dict[Language, str]] = {
    "time": {
        "zh": "你提到“{cue}”。能给个大概的数字吗?比如现在一次要多久,一周遇到几次,希望缩短到多少?",
        "en": "You mentioned “{cue}”. Could you put a rough number on it? For example, how long it takes today, "
              "how often it happens, and what time would be acceptable?",
    },
    "frequency": {
        "zh": "你提到“{cue}”。大概多久发生一次?比如每周或每月几次、占订单的几成,每次要花多少时间处理?",
        "en": "You mentioned “{cue}”. Roughly how often does it happen — times a week or a month, or what share "
              "of orders — and how long does each one take to sort out?",
    },
    "volume": {
        "zh": "你提到“{cue}”。大概是多少?比如每天或每月多少单、多少行,希望降到多少?",
        "en": "You mentioned “{cue}”. Roughly how many — per day or per month — and what level would you "
              "consider good?",
    },
}


def quantify_question(vague: Vague) -> dict[Language, str]:
    return {lang: template.replace("{cue}", vague.cue) for lang, template in _QUANTIFY[vague.dimension].items()}


# --- named systems -------------------------------------------------------------------------------
# Systems an order system typically exchanges data with: business software and carriers.
# Chat apps and spreadsheets are channels or stopgaps, not integration targets.

KNOWN_SYSTEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("SAP", ("sap",)), ("Oracle", ("oracle",)), ("NetSuite", ("netsuite",)), ("Salesforce", ("salesforce",)),
    ("Dynamics", ("dynamics", "navision")), ("Odoo", ("odoo",)), ("QuickBooks", ("quickbooks",)),
    ("Xero", ("xero",)), ("Sage", ("sage",)), ("HubSpot", ("hubspot",)), ("Zoho", ("zoho",)),
    ("Shopify", ("shopify",)), ("Magento", ("magento",)), ("WooCommerce", ("woocommerce",)),
    ("金蝶", ("金蝶", "kingdee")), ("用友", ("用友", "yonyou")), ("管家婆", ("管家婆",)), ("旺店通", ("旺店通",)),
    ("聚水潭", ("聚水潭",)), ("吉客云", ("吉客云",)), ("纷享销客", ("纷享销客", "fxiaoke")),
    ("销售易", ("销售易",)), ("有赞", ("有赞", "youzan")), ("微盟", ("微盟", "weimob")),
    ("天猫", ("天猫", "tmall")), ("京东", ("京东", "jd.com")), ("淘宝", ("淘宝", "taobao")), ("拼多多", ("拼多多",)),
    ("抖音", ("抖音", "douyin")), ("美团", ("美团", "meituan")), ("Amazon", ("amazon",)),
    ("顺丰", ("顺丰", "sf express")), ("中通", ("中通",)), ("圆通", ("圆通",)), ("德邦", ("德邦",)),
    ("菜鸟", ("菜鸟", "cainiao")), ("FedEx", ("fedex",)), ("UPS", ("ups",)), ("DHL", ("dhl",)),
    ("金税", ("金税", "航信", "百望")),
)
# A product name written before a system type: "Acme WMS", "U8 ERP", "富勒WMS".
_NAMED_TYPE = re.compile(r"([A-Za-z\u4e00-\u9fff][\w+\-]{0,14}?)\s?(ERP|WMS|CRM|TMS|MES|POS)\b", re.IGNORECASE)
_TYPE_ALONE = re.compile(r"(?<![A-Za-z])(ERP|WMS|CRM|TMS|MES)(?![A-Za-z])", re.IGNORECASE)
_NOT_A_NAME = {"the", "our", "a", "an", "old", "new", "current", "现在的", "我们的", "现有", "用", "的", "and", "in",
               "into", "from", "to", "with", "our own", "their", "your", "this", "that", "an old", "自己的", "和", "在"}


def find_systems(text: str) -> list[str]:
    """Systems named in the answer, in order of appearance, canonical names first."""
    lowered = text.lower()
    found: list[tuple[int, str]] = []
    for name, aliases in KNOWN_SYSTEMS:
        positions = []
        for alias in aliases:
            for match in re.finditer(re.escape(alias), lowered):
                start, end = match.span()
                latin = alias[0].isascii()
                if latin and ((start > 0 and lowered[start - 1].isalnum())
                              or (end < len(lowered) and lowered[end].isalnum())):
                    continue        # "ups" inside "groups", "sage" inside "message"
                positions.append(start)
        if positions:
            found.append((min(positions), name))
    for match in _NAMED_TYPE.finditer(text):
        product, kind = match.group(1), match.group(2).upper()
        if product.lower() in _NOT_A_NAME or any(product.lower() in n.lower() for _, n in found):
            continue
        found.append((match.start(), f"{product} {kind}" if product.isascii() else f"{product}{kind}"))
    if not found:
        for match in _TYPE_ALONE.finditer(text):
            found.append((match.start(), match.group(1).upper()))
    ordered: list[str] = []
    for _, name in sorted(found):
        if name not in ordered:
            ordered.append(name)
    return ordered


def integration_question(system: str) -> dict[Language, str]:
    return {
        "zh": f"你提到了 {system}。新系统需要和 {system} 交换哪些数据(比如订单、客户、库存、发票)?"
              f"要实时同步,还是每天同步一次就够?",
        "en": f"You mentioned {system}. Which data should the new system exchange with {system} (orders, customers, "
              f"stock, invoices…)? Does it need to be real time, or is once a day enough?",
    }


# --- positions that departments may disagree on ---------------------------------------------------

class Stance(BaseModel):
    dimension: str          # deployment | cutoff | discount_approval | payment_terms
    value: str              # comparable value: "cloud", "18", "5", "prepay"
    label: str              # how the person put it, for the neutral question ("18:00", "5%")


_CLOUD = re.compile(r"saas|云端|云上|上云|公有云|云部署|云服务|(?<![a-z])cloud|hosted", re.IGNORECASE)
_ON_PREM = re.compile(r"本地部署|私有化|本地服务器|自己的服务器|自建机房|机房|on-?prem|own servers?|in-house server|"
                      r"our own data ?cent", re.IGNORECASE)
_CUTOFF_CUE = re.compile(r"截单|截止|cut-?off", re.IGNORECASE)
_CLOCK = re.compile(r"(?:(上午|中午|下午|晚上)\s*)?(\d{1,2})(?:[::](\d{2})|\s*(点|时)|\s*([ap])\.?m\b)", re.IGNORECASE)
_DISCOUNT_CUE = re.compile(r"折扣|打折|让利|discount", re.IGNORECASE)
_APPROVAL_CUE = re.compile(r"审批|批准|签字|审核|approv|sign-?off", re.IGNORECASE)
_PERCENT = re.compile(r"(\d{1,2}(?:\.\d)?)\s*(?:%|％|个点|percent)|百分之\s*(\d{1,2})|(\d)\s*折")
_PREPAY = re.compile(r"先款后货|款到发货|先收款|预付|prepay|payment (?:before|first)|paid before (?:we )?ship|"
                     r"cash in advance", re.IGNORECASE)
_CREDIT = re.compile(r"先发货后|先货后款|货到付款|赊|账期|月结|ship (?:first|before (?:payment|they pay))|on credit|"
                     r"net ?\d{2}|payment terms", re.IGNORECASE)


def _hour(match: re.Match) -> int | None:
    period, hour = match.group(1), int(match.group(2))
    if match.group(5):                             # 3pm / 9 a.m.
        hour = hour % 12 + (12 if match.group(5).lower() == "p" else 0)
    elif period in ("下午", "晚上") and hour < 12:
        hour += 12
    return hour if 0 <= hour <= 23 else None


def find_stances(text: str) -> list[Stance]:
    stances: list[Stance] = []
    cloud, on_prem = bool(_CLOUD.search(text)), bool(_ON_PREM.search(text))
    if cloud != on_prem:                           # both named = weighing options, not a position
        stances.append(Stance(dimension="deployment", value="cloud" if cloud else "on_premise",
                              label="SaaS/云" if cloud else "本地部署/on-premise"))
    cue = _CUTOFF_CUE.search(text)
    if cue:
        window = text[max(0, cue.start() - 30): cue.end() + 30]
        for match in _CLOCK.finditer(window):
            hour = _hour(match)
            if hour is not None:
                stances.append(Stance(dimension="cutoff", value=str(hour), label=f"{hour}:{match.group(3) or '00'}"))
                break
    if _DISCOUNT_CUE.search(text) and _APPROVAL_CUE.search(text):
        match = _PERCENT.search(text)
        if match:
            if match.group(3):                     # "9折" = 10% off
                percent = str(100 - int(match.group(3)) * 10)
            else:
                percent = (match.group(1) or match.group(2)).rstrip("0").rstrip(".")
            stances.append(Stance(dimension="discount_approval", value=percent, label=f"{percent}%"))
    prepay, credit = bool(_PREPAY.search(text)), bool(_CREDIT.search(text))
    if prepay != credit:
        stances.append(Stance(dimension="payment_terms", value="prepay" if prepay else "credit",
                              label="先款后货/payment first" if prepay else "先货后款/credit terms"))
    return stances


def conflicting(own: Iterable[Stance], others: Iterable[Stance]) -> Stance | None:
    """The first of the person's stances that someone else stated differently."""
    other_values: dict[str, set[str]] = {}
    for stance in others:
        other_values.setdefault(stance.dimension, set()).add(stance.value)
    for stance in own:
        if other_values.get(stance.dimension, set()) - {stance.value}:
            return stance
    return None


_CONFLICT: dict[str, dict[Language, str]] = {
    "deployment": {
        "zh": "关于部署方式(云还是本地),各方的考虑还不完全一致。从你的角度,选择{label}最主要的原因是什么?"
              "如果改成另一种,对你的工作具体有什么影响?",
        "en": "Views on the deployment model (cloud or on-premise) are not yet aligned. From where you sit, what is "
              "the main reason for {label}, and what would the other option concretely change for your work?",
    },
    "cutoff": {
        "zh": "关于每天的截单时间,各方的说法还不一致。你提到的 {label} 是硬性要求吗?如果需要折中,"
              "你能接受的范围是什么,原因是什么?",
        "en": "Views on the daily order cut-off time are not yet aligned. Is the {label} you mentioned a hard "
              "requirement? If a compromise were needed, what range could you accept, and why?",
    },
    "discount_approval": {
        "zh": "关于折扣多少需要审批,各方的期望还不一致。你提到的 {label} 背后主要的考虑是什么?有没有可以接受的折中做法?",
        "en": "Expectations about when a discount needs approval are not yet aligned. What is the main reason behind "
              "the {label} you mentioned, and is there a middle ground you could accept?",
    },
    "payment_terms": {
        "zh": "关于先收款还是先发货,各方的看法还不一致。从你的角度,哪些客户或情况必须这样做,哪些可以例外?",
        "en": "Views on payment before shipping versus credit terms are not yet aligned. From your side, which "
              "customers or cases must follow your approach, and where could there be exceptions?",
    },
}


def conflict_question(stance: Stance) -> dict[Language, str]:
    label = {"zh": stance.label, "en": stance.label}
    if stance.dimension == "deployment":
        label = {"zh": "云(SaaS)" if stance.value == "cloud" else "本地部署",
                 "en": "cloud (SaaS)" if stance.value == "cloud" else "on-premise"}
    return {lang: template.replace("{label}", label[lang]) for lang, template in _CONFLICT[stance.dimension].items()}
