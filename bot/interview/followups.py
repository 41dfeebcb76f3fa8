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

The answer text is only ever matched against fixed cue lists; nothing in it is obeyed,
and text the analysis guard recognises as an instruction to the bot is cut first. Only
cue words from those lists and recognised system names are echoed back.

The analysis module's helpers do the recognising where it has them, so the interview and
the requirement set agree: numbers (`quantities`), systems (the catalog's `systems`),
stances and parameters that conflict (`find_disputes` over the catalog's axes and
parameters), and the injection guard (`clean_answer`). What is the interviewer's own is
which number to ask for, and how to ask.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from pydantic import BaseModel

from bot.analysis import clean_answer, load_catalog, quantities
from bot.analysis.conflicts import find_disputes
from bot.analysis.extract import sentences_of
from bot.language import Language
from bot.models import Interview, Turn

# --- unusable answers --------------------------------------------------------------------------

_CONTENT = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")


def is_unusable(text: str) -> bool:
    """True for an answer with no letters, digits or CJK characters (emoji, punctuation only)."""
    return not _CONTENT.search(text)


# --- what an answer says -----------------------------------------------------------------------

def usable_part(text: str) -> str:
    """The answer without anything the guard reads as an instruction to the bot or off-topic."""
    return clean_answer(text)[0]


def has_quantity(text: str) -> bool:
    return bool(quantities(text))


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
# "不再有人工录入", "no more manual entry": a wish to be rid of the pain, not a vague complaint.
_NEGATED = re.compile(r"(不再|不用|不要|无需|避免|减少|消除|no more|no longer|without|avoid|less|eliminate|reduce)\s*\S{0,3}\s*$",
                      re.IGNORECASE)


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
            if _NEGATED.search(lowered[max(0, at - 16):at]):
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
# Chat apps are channels, not integration targets.
NOT_INTEGRATION_KINDS = {"messaging"}
# A product name written before a system type ("FLUX WMS", "Acme ERP") names a generic catalog system.
_PRODUCT_TYPE = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9+\-]{1,15})\s?(ERP|WMS|CRM|TMS|MES)(?![A-Za-z])")
_GENERIC_KINDS = {"erp", "wms", "crm", "tms", "mes"}


class NamedSystem(BaseModel):
    key: str                # the catalog name: the same system is followed up once
    display: str            # as the person wrote it


def find_systems(text: str) -> list[NamedSystem]:
    """Integration targets named in the answer, in order of appearance (the most specific
    name when one contains another: 用友U8 rather than 用友)."""
    lowered = text.lower()
    found: list[tuple[int, int, NamedSystem]] = []
    for system in load_catalog().systems_in(text):
        if system.kind in NOT_INTEGRATION_KINDS:
            continue
        spans = [(m.start(), m.end()) for alias in system.aliases
                 for m in re.finditer(re.escape(alias.lower()), lowered) if _whole_word(lowered, m.start(), m.end())]
        if not spans:
            continue
        start, end = min(spans)
        display = text[start:end]
        if system.kind in _GENERIC_KINDS:
            product = next((m for m in _PRODUCT_TYPE.finditer(text) if m.group(2).lower() == system.name.lower()), None)
            if product is not None:
                start, end, display = product.start(), product.end(), product.group(0)
        found.append((start, end, NamedSystem(key=system.name, display=display)))
    # keep the longest of overlapping mentions ("用友U8" over "用友", "FLUX WMS" over "WMS")
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, NamedSystem]] = []
    for start, end, system in found:
        if any(start < k_end and k_start < end for k_start, k_end, _ in kept):
            continue
        kept.append((start, end, system))
    return [system for _, _, system in kept]


def _whole_word(text: str, start: int, end: int) -> bool:
    """A Latin alias must be a word of its own: "mes" is not in "messages", "ups" not in "groups"."""
    if not text[start:end].isascii():
        return True
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalpha())


def integration_question(system: NamedSystem) -> dict[Language, str]:
    name = system.display
    return {
        "zh": f"你提到了 {name}。新系统需要和 {name} 交换哪些数据(比如订单、客户、库存、发票)?"
              f"要实时同步,还是每天同步一次就够?",
        "en": f"You mentioned {name}. Which data should the new system exchange with {name} (orders, customers, "
              f"stock, invoices…)? Does it need to be real time, or is once a day enough?",
    }


# --- positions that departments disagree on ---------------------------------------------------------

class Disagreement(BaseModel):
    topic: str                       # catalog axis or entry id: each is followed up once per interview
    label: dict[str, str]            # the topic in each language ("部署方式" / "deployment model")
    own: dict[str, str]              # the person's own position in each language (never anyone else's)


def stance_topics(text: str) -> frozenset[str]:
    """Catalog axes and parameters this text takes a position on (cheap: words and numbers only)."""
    return _stance_topics(text)


@lru_cache(maxsize=65536)       # other people's answers are checked again at every stance: remember them
def _stance_topics(text: str) -> frozenset[str]:
    catalog = load_catalog()
    topics = {axis.id for axis in catalog.axes.values()
              if any(catalog.pole_matches(axis.id, pole.id, text) for pole in axis.poles)}
    found = None
    for entry in catalog.entries:
        if entry.parameter is not None and catalog.mentions_parameter(entry.id, text):
            found = found if found is not None else quantities(text)
            if any(q.kind == entry.parameter.kind for q in found):
                topics.add(entry.id)
    return frozenset(topics)


def find_disagreement(interview: Interview, turn: Turn, others: Sequence[Interview],
                      skip_topics: Sequence[str] = ()) -> Disagreement | None:
    """A position in this answer that a stakeholder of another department stated differently,
    decided by the analysis' own dispute finder on just the answers that touch the topic."""
    text = turn.answer or ""
    topics = stance_topics(text) - set(skip_topics)
    if not topics:
        return None
    own_role = interview.stakeholder.role
    relevant = []
    for other in others:
        if other.stakeholder.id == interview.stakeholder.id or other.stakeholder.role == own_role:
            continue
        turns = [t for t in other.turns if t.status == "answered" and t.answer
                 and stance_topics(usable_part(t.answer[:LONG_PROBE])) & topics]
        if turns:
            relevant.append(other.model_copy(update={"turns": turns}))
    if not relevant:
        return None
    catalog = load_catalog()
    own = interview.model_copy(update={"turns": [turn.model_copy(update={"answer": text})]})
    sentences, _ = sentences_of([own, *relevant], catalog)
    me = interview.stakeholder.id
    for dispute in find_disputes(sentences, catalog, interview.language):
        if dispute.topic not in topics or not any(me in side for side in dispute.sides):
            continue
        mine = 0 if me in dispute.sides[0] else 1
        if not dispute.sides[1 - mine]:
            continue
        return Disagreement(topic=dispute.topic, label=_topic_label(dispute.topic), own=_own_position(
            dispute.topic, mine, text))
    return None


LONG_PROBE = 2000       # characters of an answer looked at for cues; pastes can be much longer


def _topic_label(topic: str) -> dict[str, str]:
    catalog = load_catalog()
    if topic in catalog.axes:
        return {"zh": catalog.axes[topic].topic.zh, "en": catalog.axes[topic].topic.en}
    entry = catalog.by_id[topic]
    return {"zh": entry.title.zh, "en": entry.title.en.lower()}


def _own_position(topic: str, side: int, text: str) -> dict[str, str]:
    catalog = load_catalog()
    if topic in catalog.axes:
        pole = catalog.axes[topic].poles[side]
        return {"zh": pole.label.zh, "en": pole.label.en}
    kind = catalog.by_id[topic].parameter.kind
    values = "/".join(dict.fromkeys(q.text.strip() for q in quantities(text) if q.kind == kind))
    return {"zh": values, "en": values}


_CONFLICT: dict[Language, str] = {
    "zh": "关于{topic},各方的看法还不完全一致。你提到的是“{own}”:这是硬性要求吗?背后最主要的考虑是什么,"
          "有没有你能接受的折中做法?",
    "en": "Views on {topic} are not aligned yet. You mentioned \"{own}\": is that a hard requirement? What is the "
          "main reason behind it, and is there a middle ground you could accept?",
}


def conflict_question(disagreement: Disagreement) -> dict[Language, str]:
    return {lang: template.replace("{topic}", disagreement.label[lang]).replace("{own}", disagreement.own[lang])
            for lang, template in _CONFLICT.items()}
