"""Which language a person writes in: the bot answers in that language."""
from __future__ import annotations

import re
from typing import Literal

Language = Literal["zh", "en"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def detect_language(text: str, default: Language = "en") -> Language:
    """'zh' when Chinese characters carry the text, else 'en'.

    Mixed text such as "我们用SAP和WMS" is Chinese and "we still key orders into 金蝶"
    is English: a Han character counts about as much as a Latin word.
    """
    han = len(_HAN.findall(text))
    latin_words = len(_LATIN_WORD.findall(text))
    if han == 0 and latin_words == 0:
        return default
    return "zh" if han >= latin_words else "en"


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))
