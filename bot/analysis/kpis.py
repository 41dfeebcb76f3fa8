"""Numbers people give: durations, clock times, percentages, money and counts, in
Chinese or English words or digits, and the KPIs they form ("4 h → 30 min").

`quantities(text)` finds each amount with its kind and a comparable value range;
`kpis_from(sentences, metric)` pairs a current value with a target of the same kind
("现在大概200天…目标降到150天以内", "right now five days … I want 48 hours").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.models import KPI

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_EN_NUMBERS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "half": 0.5, "couple": 2, "a couple of": 2, "a few": 3, "several": 3, "dozen": 12,
}

_NUM_ZH = r"[零〇一二两俩三四五六七八九十百千]+|半"
_NUM_DIGIT = r"\d+(?:[.,]\d+)?"
_NUM_EN = r"(?:a couple of|a few|several|half an?|half|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen)"
# "第二天" is "the next day", not two days: an ordinal 第 never starts an amount
_NUM = rf"(?:(?<!第){_NUM_DIGIT}|(?<![第\u4e00-\u9fff]){_NUM_ZH}|(?<=[\u4e00-\u9fff])(?<!第){_NUM_ZH}|(?<![A-Za-z]){_NUM_EN}(?![A-Za-z]))"
_RANGE = rf"(?P<lo>{_NUM})(?:\s*(?:-|–|~|～|到|至|或|to|or)\s*(?P<hi>{_NUM}))?"

# unit -> (kind, factor to the base unit). Durations in minutes.
_UNITS: list[tuple[str, str, float]] = [
    (r"个?工作日|working days?|business days?", "duration", 60 * 24),
    (r"分钟|mins?\b|minutes?", "duration", 1),
    (r"个?(?:半)?小时|个钟头?|hours?|hrs?\b|h\b", "duration", 60),
    (r"天|日(?!期)|days?\b", "duration", 60 * 24),
    (r"个?(?:星期|礼拜)|周(?!转|期|边|末)|weeks?\b", "duration", 60 * 24 * 7),
    (r"个月|months?\b", "duration", 60 * 24 * 30),
    (r"年(?!度|底|初|前|后|终|会)|years?\b", "duration", 60 * 24 * 365),
    (r"%|％|percent\b|per cent\b|个百分点|percentage points?", "percent", 1),
    (r"万元|万块|万(?![一-龥])|万", "money", 10_000),
    (r"元|块钱|块(?!钱)|yuan\b|rmb\b|cny\b", "money", 1),
    (r"million\b|m\b", "money", 1_000_000),
    (r"单|张|笔|个|件|次|家|条|人|位|箱|托|票|车|台|套|orders?\b|calls?\b|lines?\b|stores?\b|people\b|persons?\b|"
     r"shipments?\b|deliveries\b|invoices?\b|customers?\b|items?\b|pallets?\b|trucks?\b|sku?s?\b", "count", 1),
]
_UNIT_RE = "|".join(f"(?P<u{i}>{pat})" for i, (pat, _, _) in enumerate(_UNITS))
_QUANTITY = re.compile(rf"(?P<cur>[¥￥$]\s*)?{_RANGE}\s*(?:{_UNIT_RE})", re.IGNORECASE)
_PERCENT_ZH = re.compile(rf"百分之(?P<lo>{_NUM_ZH}|{_NUM_DIGIT})")
_CLOCK = re.compile(
    r"(?P<h>\d{1,2})[::](?P<m>\d{2})(?!\d)|(?P<zh_pre>早上|上午|中午|下午|晚上|傍晚)?(?P<zh_h>\d{1,2}|[一二两三四五六七八九十]+)\s*点(?P<zh_half>半)?"
    r"|(?P<en_h>\d{1,2})\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)",
    re.IGNORECASE,
)
HALVED = "-50%"          # the target of "cut it in half" / 减半
_HALVING = re.compile(r"\b(cut|reduce|halve)\w*\b[^.。]{0,30}\bin half\b|\bhalved?\b|减半|降低一半|减少一半|砍掉一半", re.IGNORECASE)

# Goal words strong enough to make a KPI on their own (no current value needed) …
_GOAL_BEFORE = re.compile(
    r"(目标是?|降到|降至|缩短到|缩短至|提高到|提升到|减少到|压缩到|控制在|"
    r"target|goal|aim for|down to|reduce[ds]? to|cut to|bring it to|get it to|bring it down to)\s*[::]?\s*"
    r"(?:under|below|within|less than|at most|no more than|about|around|roughly|大概|大约|约)?\s*$",
    re.IGNORECASE,
)
# … and weaker ones that mark the target of a stated current value.
_TARGET_BEFORE = re.compile(
    r"(目标是?|希望|降到|降至|缩短到|缩短至|提高到|提升到|提到|控制在|做到|达到|减少到|压缩到|不超过|最多|"
    r"target|goal|want|aim|down to|reduce[ds]? to|cut to|bring it to|get it to|under|below|within|less than|"
    r"at most|no more than|done in)\s*[::]?\s*(?:about|around|roughly|大概|大约|约)?\s*$",
    re.IGNORECASE,
)
_TARGET_AFTER = re.compile(r"^\s*(以内|之内|以下|内完成|内搞定|or less|or fewer|max\b|at most)", re.IGNORECASE)
_CURRENT_BEFORE = re.compile(
    r"(现在|目前|现状|平均|每月|每天|每次|上个月|去年|通常|一般|大概|大约|要花|需要|得花|"
    r"currently|today|now|right now|at the moment|on average|average|takes?|took|spend|about|around|roughly|"
    r"typically|usually|every)\s*[::]?\s*(?:about|around|roughly|大概|大约|约)?\s*$",
    re.IGNORECASE,
)
# "…五分钟之内要能查出来", "半小时以内出报价单": a bound said as a demand is a goal
_GOAL_CONTEXT = re.compile(r"希望|要|必须|目标|需要|能|want|need|must|should|target", re.IGNORECASE)
_CURRENT_ANYWHERE = re.compile(
    r"现在|目前|现状|平均|上个月|去年|通常|一般|currently|today|right now|at the moment|on average|last month|last year|typically|usually",
    re.IGNORECASE,
)
_FROM_TO = re.compile(r"(?:from|从)\s*(?P<a>[^,,。;;]{1,25}?)\s*(?:to|降到|降至|缩短到|提升到|提高到|到)\s*(?P<b>[^,,。;;]{1,25})", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    kind: str              # duration | percent | money | count | clock
    low: float             # in the base unit of the kind (minutes, %, yuan, items, minute of day)
    high: float
    text: str              # as written
    start: int
    end: int
    role: str | None = None   # "current" | "target" | "goal" (a target said as a goal) | None


def parse_number(token: str) -> float | None:
    token = token.strip().lower()
    if not token:
        return None
    if re.fullmatch(_NUM_DIGIT, token):
        return float(token.replace(",", "")) if token.count(",") and len(token.split(",")[-1]) == 3 \
            else float(token.replace(",", "."))
    if token.startswith("half"):
        return 0.5
    if token in _EN_NUMBERS:
        return float(_EN_NUMBERS[token])
    if token == "半":
        return 0.5
    if re.fullmatch(r"[零〇一二两俩三四五六七八九十百千]+", token):
        return _zh_number(token)
    return None


def _zh_number(token: str) -> float | None:
    # "两三" / "三四" mean a small range; the caller treats them as their first digit.
    if len(token) == 2 and all(c in _ZH_DIGITS for c in token) and token[0] != token[1]:
        return float(_ZH_DIGITS[token[0]])
    total, current = 0, 0
    for ch in token:
        if ch in _ZH_DIGITS:
            current = _ZH_DIGITS[ch]
        elif ch in _ZH_UNITS:
            total += (current or 1) * _ZH_UNITS[ch]
            current = 0
        else:
            return None
    return float(total + current)


def quantities(text: str) -> list[Quantity]:
    """Every amount with a unit in `text`, in order of appearance."""
    return list(_quantities(text))


@lru_cache(maxsize=65536)
def _quantities(text: str) -> tuple[Quantity, ...]:
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _CLOCK.finditer(text):
        minute = _clock_minutes(m)
        if minute is not None:
            found.append(Quantity("clock", minute, minute, m.group(0).strip(), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in _PERCENT_ZH.finditer(text):
        v = parse_number(m.group("lo"))
        if v is not None:
            found.append(Quantity("percent", v, v, m.group(0), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in _QUANTITY.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        unit_index = next(i for i in range(len(_UNITS)) if m.group(f"u{i}") is not None)
        _, kind, factor = _UNITS[unit_index]
        if kind == "money" and factor == 1_000_000 and not m.group("cur") and m.group(f"u{unit_index}").lower() == "m":
            continue        # a bare "m" is metres as often as millions
        lo = parse_number(m.group("lo"))
        hi = parse_number(m.group("hi")) if m.group("hi") else None
        if lo is None:
            continue
        if m.group("lo").lower() in ("a", "an") and (kind == "count" or re.search(r"\d\s*$", text[:m.start()])):
            continue        # "a store", "an order": no number; "150 a day": a rate, not a duration
        if kind == "duration" and "半" in m.group(0) and "个半" in m.group(0):
            lo += 0.5
        high = (hi if hi is not None else _zh_pair_high(m.group("lo")) or lo)
        found.append(Quantity(kind, lo * factor, max(lo, high) * factor, m.group(0).strip(), m.start(), m.end()))
    found.sort(key=lambda q: q.start)
    return tuple(_with_role(text, q) for q in found)


def _zh_pair_high(token: str) -> float | None:
    if len(token) == 2 and all(c in _ZH_DIGITS for c in token) and token[0] != token[1]:
        return float(_ZH_DIGITS[token[1]])
    return None


def _clock_minutes(m: re.Match[str]) -> float | None:
    if m.group("h") is not None:
        h, mm = int(m.group("h")), int(m.group("m"))
        return h * 60 + mm if h < 24 and mm < 60 else None
    if m.group("zh_h") is not None:
        h = parse_number(m.group("zh_h"))
        if h is None or h > 24:
            return None
        if m.group("zh_pre") in ("下午", "晚上", "傍晚") and h < 12:
            h += 12
        return h * 60 + (30 if m.group("zh_half") else 0)
    h = int(m.group("en_h"))
    if h > 12:
        return None
    if m.group("ampm").lower().startswith("p") and h < 12:
        h += 12
    return h * 60


def _with_role(text: str, q: Quantity) -> Quantity:
    before = text[max(0, q.start - 16):q.start]
    after = text[q.end:q.end + 8]
    # the current-value marker may stand anywhere earlier in the same clause ("上个月发错的有12单")
    clause = re.split(r"[,,。;;!?!?]|\.\s", text[max(0, q.start - 30):q.start])[-1]
    role = None
    rest = re.split(r"[,,。;;!?!?]|\\.\\s", text[q.end:q.end + 30])[0]
    if _GOAL_BEFORE.search(before) or (_TARGET_AFTER.search(after) and _GOAL_CONTEXT.search(clause + rest)):
        role = "goal"
    elif _TARGET_AFTER.search(after) or _TARGET_BEFORE.search(before):
        role = "target"
    elif _CURRENT_BEFORE.search(before) or _CURRENT_ANYWHERE.search(clause):
        role = "current"
    return Quantity(q.kind, q.low, q.high, q.text, q.start, q.end, role)


def _display(text: str, q: Quantity) -> str:
    """The amount with a qualifier kept ('150天以内', 'under 1%')."""
    before = text[max(0, q.start - 12):q.start]
    after = text[q.end:q.end + 4]
    m = re.search(r"(under|below|within|less than|at most|no more than|up to|over|above|more than|at least)\s*$", before, re.IGNORECASE)
    shown = f"{m.group(1).lower()} {q.text}" if m else q.text
    m2 = re.match(r"(以内|之内|以下|以上|内)", after)
    return shown + (m2.group(1) if m2 else "")


def kpis_from(sentences: list[str], metric: str) -> list[KPI]:
    """KPIs in the sentences of one answer: each target with the current value before it.

    A sentence with a target but no current value still gives a KPI (target only);
    current values alone (no target anywhere) are not KPIs.
    """
    text = " ".join(s for s in sentences if s)
    qs = [q for q in quantities(text) if q.kind in ("duration", "percent", "count", "money")]
    out: list[KPI] = []
    m = _FROM_TO.search(text)
    if m:
        a, b = quantities(m.group("a")), quantities(m.group("b"))
        if a and b and a[0].kind == b[0].kind:
            out.append(KPI(metric=metric, current=a[0].text, target=b[0].text))
            return out
    targets = [q for q in qs if q.role in ("target", "goal")]
    halving = _HALVING.search(text)
    if not targets and halving:
        # halving an amount ("cut the calls in half"): a share said before it is not that amount
        currents = [q for q in qs if q.start < halving.start() and q.kind != "percent"]
        cur = currents[-1].text if currents else None
        return [KPI(metric=metric, current=cur, target=HALVED)]
    if not targets:
        return out
    # the last target of the answer is the stated goal ("目标是一年内降到150天以内")
    target = targets[-1]
    earlier = [q for q in qs if q.kind == target.kind and q.start < target.start and q.role not in ("target", "goal")]
    marked = [q for q in earlier if q.role == "current"]
    unmarked = [q for q in earlier if q.role is None and (q.low, q.high) != (target.low, target.high)]
    current = marked[-1] if marked else (unmarked[-1] if unmarked else None)
    if current is None and target.role != "goal":
        return out          # "want one order pool", "pay within 30 days": not a KPI
    out.append(KPI(metric=metric, current=_display(text, current) if current else None, target=_display(text, target)))
    return out


# --- naming the metric ---------------------------------------------------------------------

# Nouns that name what a figure measures ("拣货差错率", "审批时长", "error rate", "lead time").
_ZH_METRIC_END = re.compile(r"差错率|错误率|出错率|准确率|正确率|比例|比率|占比|[\u4e00-\u9fff]率|时长|时间|天数|周期|次数|金额|成本|单量|满意度")
# words that end the phrase before the metric (its verb, "目标是", "现在" …); kept short on
# purpose so compounds like 对账 or 提货 survive
_ZH_METRIC_STOP = re.compile(r"^.*(?:是|把|将|让|要|的|了|在|从|使|降到|提高|提升|缩短|希望|目标|目前|平均|每天|每月)")
_ZH_METRIC_STOP_KEEP_DE = re.compile(r"^.*(?:是|把|将|让|要|在|从|使|降到|提高|提升|缩短|希望|目标|目前|平均|每天|每月)")
_EN_METRIC = re.compile(
    r"((?:[a-z][a-z-]+\s+){0,2}?)(error rate|accuracy|rate|lead time|cycle time|turnaround|response time|waiting time|"
    r"time|errors|mistakes|calls|complaints|returns|write-offs|dso)\b", re.IGNORECASE)
_EN_METRIC_STOP = {"the", "our", "a", "an", "to", "of", "get", "cut", "bring", "reduce", "want", "is", "are", "it",
                   "that", "this", "we", "i", "from", "down", "and", "with", "in", "on", "for", "by", "at", "target",
                   "goal", "currently", "now", "about", "average", "total", "every", "each", "takes", "take", "took", "was",
                   "spend", "spent", "be", "under", "below", "within", *_EN_NUMBERS}


def metric_near(text: str, figure: str) -> str | None:
    """The metric noun said before `figure` in the same sentence, or None."""
    at = text.find(figure)
    if at < 0:
        found = quantities(figure)
        at = text.find(found[0].text) if found else -1
    if at < 0:
        return None
    start = max(0, at - 60)
    while 0 < start < at and text[start - 1].isascii() and text[start - 1].isalpha():
        start += 1                                   # never start inside an English word
    before = re.split(r"[。!?!?;;]|\.\s", text[start:at])[-1]
    if re.search(r"[\u4e00-\u9fff]", before):
        ends = list(_ZH_METRIC_END.finditer(before))
        if not ends:
            return None
        end = ends[-1]
        stem = re.split(r"[,,、::\s\d%%]", before[:end.start()])[-1]
        short = _ZH_METRIC_STOP.sub("", stem)
        metric = (short if len(short) <= 8 else short[-4:]) + end.group(0)
        if len(metric) < 3:           # "退不了货的比例": the 的-phrase is the metric
            longer = _ZH_METRIC_STOP_KEEP_DE.sub("", stem)
            metric = (longer if len(longer) <= 8 else longer[-6:]) + end.group(0)
        return metric if len(metric) >= 3 else None     # "时间" alone names nothing
    matches = list(_EN_METRIC.finditer(before))
    if not matches:
        return None
    m = matches[-1]
    words = m.group(1).split()
    while words and words[0].lower() in _EN_METRIC_STOP:
        words.pop(0)
    if any(w.lower() in _EN_METRIC_STOP or w[:1].isdigit() for w in words):
        words = words[[i for i, w in enumerate(words) if w.lower() in _EN_METRIC_STOP or w[:1].isdigit()][-1] + 1:]
    metric = " ".join(words + [m.group(2).lower()])
    return metric if words or m.group(2).lower() not in ("time", "days", "rate") else None


def activity_near(text: str, figure: str, language: str) -> str | None:
    """For a duration with no metric noun ("审批要能一小时内完成"): the order-domain activity
    of its clause, as "审批时长" / "approval time"."""
    from bot.analysis.cues import DOMAIN
    at = text.find(figure)
    if at < 0:
        return None
    clause = re.split(r"[,,。;;!?!?]|\.\s", text[:at])[-1]
    words = [m for m in DOMAIN.finditer(clause) if len(m.group(0)) >= 2]
    if not words:
        return None
    m = words[0]
    if language == "zh":
        if not re.match(r"[\u4e00-\u9fff]", m.group(0)):
            return None
        activity, end = m.group(0), m.end()
        for nxt in words[1:]:            # "退货审批": adjacent domain words form one activity
            if nxt.start() != end:
                break
            activity, end = activity + nxt.group(0), nxt.end()
        return activity + "时长"
    word = re.search(r"[A-Za-z-]*", clause[m.start():]).group(0).lower()
    return f"{word} time" if word else None
