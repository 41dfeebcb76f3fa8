"""Does a sentence ask for something? A need word alone does not tell: "about a third
need a call back" and "每单需要二十分钟" describe today, with a number as the subject or
the object of the need word. Only a clause that states a want, a must or a should (or
asks the system to do something) may become a requirement of its own; the rest is
evidence (a source or a KPI) for other requirements.
"""
from __future__ import annotations

import re

# A wish or a demand in so many words.
_ZH_ASK = re.compile(
    r"希望|想要|要求|必须|一定要|务必|最好|应该|应当|要能|能不能|能否|不能再|不要再|别再|要做到|得有|要有|要支持|要让|能让|"
    r"要自动|应能|该有|才行|帮我们|可以让|要把|(我们|我|咱们|公司)(也|还|就)?(需要|要)|(系统|OMS)(也|还)?(需要|要|得)")
_EN_ASK = re.compile(
    r"\b(i|we|they|our \w+|the team|everyone)\s+(really\s+|also\s+|just\s+|would\s+|still\s+)?"
    r"(want|need|'d like|would like|wish|hope|expect|require)|\b(should|must|has to|have to be|needs to be|would help|"
    r"would be nice|ideally|make sure|let us|allow|enable|able to|can we|could we)\b|"
    r"\b(the (new )?system|it|the oms|oms)\s+(needs?|has) to\b",
    re.IGNORECASE)
# The amount or group a "need" is said of ("a quarter need", "大概三成需要"): a description.
_EN_AMOUNT_SUBJECT = re.compile(
    r"^\s*(about|around|roughly|nearly|almost|over|maybe|perhaps)?\s*(a|one|two|three)?\s*"
    r"(quarter|third|half|fifth|tenth|\d+(?:\.\d+)?\s*%?|\w+ percent|most|many|some|few|a few|all|several|none)\b"
    r"(\s+of\s+(them|those|these|the \w+|it))?\s+(need|needs|needed|require|requires)\b",
    re.IGNORECASE)
_ZH_AMOUNT_NEED = re.compile(
    r"([\d零一二两三四五六七八九十百千半]+\s*(成|%|％|个?百分点|分之[\d一二三四五六七八九十]+|单|个|次|人|天|小时|分钟)|一半|大部分|多数|少数|很多|不少)"
    r"[^,,。;;]{0,4}需要|需要[^,,。;;]{0,6}[\d零一二两三四五六七八九十百千半]+\s*(分钟|小时|天|个?工作日|周|个月|人|次)")


def states_need(text: str) -> bool:
    """True when the sentence asks for something rather than describing the present."""
    if re.search(r"[\u4e00-\u9fff]", text):
        asks = _ZH_ASK.search(text) is not None
        if not asks and _ZH_AMOUNT_NEED.search(text):
            return False
        return asks or "需要" in text or "支持" in text or "自动" in text
    for clause in re.split(r"[;:,.!?]\s*|\s+(?:and|but|so)\s+", text):
        if _EN_AMOUNT_SUBJECT.search(clause):
            return False
    return _EN_ASK.search(text) is not None or re.search(r"\b(need|needs|want|automatic|automatically|support)\b", text, re.I) is not None
