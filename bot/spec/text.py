"""Small text helpers: sentences, short excerpts of quotes, statement wording.

A specification quotes people briefly (the sentence that carries the point) and keeps the
full answer for the appendix. Which sentence carries the point is decided by overlap with
the requirement's own words, not by lists of sample phrases.
"""
from __future__ import annotations

import re

from bot.language import Language, has_han

_SENTENCE_END = re.compile(r"(?<=[。!?;!?;])|(?<=[.!?;])\s+|\n+")
_CLAUSE_END = re.compile(r"(?<=[,,、:])")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'\-]+|\d+(?:\.\d+)?")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# "第二,…" / "另外,…" / "Also, …": enumerations that mean nothing once the sentence stands alone
_LEAD_IN = re.compile(r"^(?:第[一二三四五六七八九十\d]+(?:个|点|件事)?(?:是|就是)?[,,、::]?|首先[,,]?|其次[,,]?|"
                      r"另外[,,]?|还有[,,]?|再有[,,]?|最后[,,]?|"
                      r"(?:first|second|third|also|plus|finally|and|but)\b[,:]?\s+)", re.IGNORECASE)

# Generic signs that a sentence describes a problem today (used to prefer it as a pain excerpt).
PAIN_CUES = (
    "慢", "错", "漏", "乱", "难", "麻烦", "手工", "人工", "手动", "重复", "对不上", "不准", "不知道", "看不到",
    "超卖", "积压", "延误", "延迟", "催", "投诉", "等", "靠", "翻", "没法", "无法", "不能", "头疼", "问题",
    "slow", "error", "mistake", "wrong", "manual", "by hand", "re-key", "rekey", "retype", "late", "delay",
    "missing", "lost", "can't", "cannot", "don't know", "no way", "complain", "chase", "spreadsheet", "excel",
    "oversell", "backlog", "problem", "pain", "waste", "hours", "days",
)

STATEMENT_PREFIXES = ("系统应当", "系统应该", "系统应", "系统需要", "系统需", "系统必须",
                      "the system shall ", "the system should ", "the system must ", "the oms shall ")


def sentences(text: str) -> list[str]:
    parts = [part.strip() for part in _SENTENCE_END.split(text or "")]
    return [part for part in parts if part]


def tokens(text: str) -> set[str]:
    """Latin words (lower-case) and Han character bigrams: comparable across wording."""
    lowered = (text or "").lower()
    result = {w for w in _LATIN_WORD.findall(lowered) if len(w) > 2}
    han = "".join(_HAN.findall(lowered))
    result |= {han[i:i + 2] for i in range(len(han) - 1)}
    return result


def has_pain(sentence: str) -> bool:
    lowered = sentence.lower()
    return any(cue in lowered for cue in PAIN_CUES)


def truncate(text: str, limit: int) -> str:
    """At most `limit` display units (a Han character or a Latin word counts one)."""
    text = " ".join(text.split())
    if has_han(text):
        if len(text) <= limit:
            return text
        clauses = [c for c in _CLAUSE_END.split(text) if c]
        kept = ""
        for clause in clauses:
            if len(kept) + len(clause) > limit:
                break
            kept += clause
        kept = kept.rstrip(",,、:") if kept else text[:limit]
        return kept + "…"
    words = text.split()
    if len(words) <= limit:
        return text
    return " ".join(words[:limit]).rstrip(",;:") + "…"


def best_sentence(quote: str, hint: str, prefer_pain: bool = False) -> str:
    """The sentence of `quote` that shares most words with `hint` (ties: a pain sentence first)."""
    options = sentences(quote)
    if not options:
        return ""
    wanted = tokens(hint)

    def score(item: tuple[int, str]) -> tuple:
        index, sentence = item
        overlap = len(tokens(sentence) & wanted)
        pain = has_pain(sentence)
        return (pain if prefer_pain else False, overlap, pain, -index)

    return max(enumerate(options), key=score)[1]


def excerpt(quote: str, hint: str, language: Language, prefer_pain: bool = False) -> str:
    """A short excerpt of a quote for tables and cards (the full quote is in the appendix)."""
    sentence = best_sentence(quote, hint, prefer_pain) or quote
    sentence = sentence.rstrip(";;,,:: ")          # a clause cut at ";" keeps no dangling mark
    mid_sentence = sentence[:1].islower()              # a clause cut out of a longer sentence
    stripped = _LEAD_IN.sub("", sentence, count=1)
    if stripped and stripped != sentence:
        sentence = stripped[:1].upper() + stripped[1:]
    short = truncate(sentence, 60 if has_han(sentence) else 28)
    return "…" + short if mid_sentence else short


def statement_rest(statement: str) -> str | None:
    """"系统应支持…" -> "支持…", "The system shall allow …" -> "allow …"; None if no such prefix."""
    text = statement.strip().rstrip("。.")
    lowered = text.lower()
    for prefix in STATEMENT_PREFIXES:
        if lowered.startswith(prefix):
            rest = text[len(prefix):].strip().lstrip(",,:")
            return rest or None
    return None
