"""Split answers into sentences (the unit a need is found in) and sentences into parts
(the scope of a priority cue such as "…第一期必须上,报表可以放到第二期").

Works for Chinese and English and mixtures: Chinese sentence marks, English full stops
(not decimals or abbreviations), line breaks, and Chinese enumerations
("第一,…第二,…", "一是…二是…") that pack several needs into one long sentence.
"""
from __future__ import annotations

import re

_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "no.", "approx.", "mr.", "ms.", "dr.", "inc.", "co.", "ltd.")

# Sentence ends: Chinese marks always; '.', '!' and '?' only before a space/end, not in numbers.
_SPLIT = re.compile(r"(?<=[。!?!?;;])|(?<=[.!?])(?=\s)|\n+")
# Enumerations that start a new need inside one sentence.
_ENUM_ZH = re.compile(
    r"(?<=[,,::;;])\s*(?=(第[一二三四五六七八九十1-9]+[,,、是:]|其[一二三四][,,、是]|[一二三四五六][是来][,,]?|"
    r"另外|此外|还有[,,]|其次|最后[,,]|同时[,,]|再就是))"
)
_ENUM_EN = re.compile(r"(?<=[,;:])\s+(?=(?:first|second|third|fourth|finally|secondly|thirdly)\b)", re.IGNORECASE)
_EN_PARTS = re.compile(r";\s+|:\s+|,\s+(?=(?:but|not|while|whereas|although|though|and then|so that|so|unless|except|otherwise|or else)\b)", re.IGNORECASE)
_HAN = re.compile(r"[\u4e00-\u9fff]")

MAX_SENTENCE = 260   # longer runs are cut at the last comma before this length


def split_sentences(text: str) -> list[str]:
    """Sentences of an answer, stripped, in order; empty pieces dropped."""
    text = (text or "").strip()
    if not text:
        return []
    pieces: list[str] = []
    for raw in _SPLIT.split(text):
        raw = (raw or "").strip()
        if not raw:
            continue
        if pieces and _ends_with_abbreviation(pieces[-1], raw):
            pieces[-1] = f"{pieces[-1]} {raw}"
            continue
        pieces.append(raw)
    out: list[str] = []
    for piece in pieces:
        for sub in _ENUM_EN.split(_ENUM_ZH_SPLIT(piece)):
            sub = (sub or "").strip(" ,,;;")
            if not sub or sub.lower() in _ENUM_WORDS:
                continue
            out.extend(_cap_length(sub))
    return [s for s in out if _has_content(s)]


_ENUM_WORDS = {"first", "second", "third", "fourth", "finally", "secondly", "thirdly"}


def _ENUM_ZH_SPLIT(piece: str) -> str:
    # Mark enumeration boundaries with a newline, then let the caller split on it.
    return _ENUM_ZH.sub("\n", piece)


def _ends_with_abbreviation(sentence: str, following: str) -> bool:
    low = sentence.lower()
    if low.endswith("no."):                  # "No. 5" is a number; "No. Oh wait" is an answer
        return following[:1].isdigit()
    return low.endswith(_ABBREVIATIONS) or bool(re.search(r"\b[A-Z]\.$", sentence))


def _cap_length(sentence: str) -> list[str]:
    parts: list[str] = []
    for line in sentence.split("\n"):
        line = line.strip(" ,,")
        while len(line) > MAX_SENTENCE:
            cut = max(line.rfind(",", 0, MAX_SENTENCE), line.rfind(",", 0, MAX_SENTENCE))
            if cut < MAX_SENTENCE // 3:
                cut = MAX_SENTENCE
            parts.append(line[:cut + 1].strip(" ,,"))
            line = line[cut + 1:].strip()
        if line:
            parts.append(line)
    return parts


def _has_content(sentence: str) -> bool:
    return bool(re.search(r"[\w\u4e00-\u9fff]", sentence))


def split_parts(sentence: str) -> list[str]:
    """Comma-level parts of a sentence: Chinese commas/colons always, English only at
    ';', ':' and before a contrast ('…, not phase two', '…, but …')."""
    if _HAN.search(sentence):
        parts = re.split(r"[\uff0c,\uff1b;\uff1a]|(?<!\d):|:(?!\d)", sentence)      # not inside "18:00"
    else:
        parts = _EN_PARTS.split(sentence)
    return [p.strip() for p in parts if p and p.strip()]
