"""Checklist questions answered offline, in the asker's language, citing sections.

The answer is composed from the most relevant sentences of the best sections (never
invented text), each followed by its section id, e.g. "… 1到3个月之间。[faq.1]".
"""
from __future__ import annotations

from bot.language import Language, detect_language
from bot.models import Answer, Citation
from bot.retrieval.index import ChecklistIndex, get_index, split_sentences

MAX_QUESTION_CHARS = 2000
# The top section gives most of the answer: its most relevant sentences and, where it
# is a list, the first sentence of every item (a list's items are its substance:
# "which risks?" wants all four). A runner-up adds a sentence only when its score is
# close, so a clear question gets a focused answer.
SENTENCES_FROM_TOP = 2
MAX_KEY_POINTS = 8
RUNNER_UP_RATIO = 0.85

_INTRO = {"zh": "根据实施检查清单:", "en": "According to the implementation checklist:"}
_NOTHING = {
    "zh": "知识库里没有找到与这个问题相关的内容。可以换个说法,或用 `reqbot knowledge add` 补充资料。",
    "en": "Nothing in the knowledge base matches this question. Try other words, or add guidance with `reqbot knowledge add`.",
}


class QuestionError(ValueError):
    """A question that cannot be answered as given (empty, too long, not text)."""


def validate_question(question: str) -> str:
    text = question.strip()
    if not text:
        raise QuestionError("the question is empty")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(text):,} characters long; the limit is {MAX_QUESTION_CHARS:,}")
    if "\x00" in text:
        raise QuestionError("the question contains a NUL byte; send plain text")
    return text


def answer_question(question: str, k: int = 5, index: ChecklistIndex | None = None,
                    language: Language | None = None) -> Answer:
    text = validate_question(question)
    language = language or detect_language(text)
    index = index or get_index()
    hits = index.search(text, k=max(k, 1))
    if not hits:
        return Answer(question=text, language=language, answer=_NOTHING[language], citations=[])
    query_vector = index.query_vector(text)
    lines: list[str] = []
    for position, hit in enumerate(hits[:3]):
        if position and hit.score < hits[0].score * RUNNER_UP_RATIO:
            break
        if position == 0:
            points = key_points(index.section(hit.section, language).text)
            count = 1 if points else SENTENCES_FROM_TOP + 1
            sentences = index.best_sentences(text, query_vector, hit.section, language, count)
            chosen = sentences + [p for p in points if p not in sentences]
        else:
            chosen = index.best_sentences(text, query_vector, hit.section, language, 1)
        lines += [f"{sentence} [{hit.section}]" for sentence in chosen]
    citations = []
    for hit in hits:
        section = index.section(hit.section, language)
        citations.append(Citation(section=hit.section, title=section.title, score=hit.score, text=section.text))
    return Answer(question=text, language=language, answer="\n".join([_INTRO[language], *lines]),
                  citations=citations)


def key_points(section_text: str) -> list[str]:
    """The first sentence of each list item of a section ("- 项目延期: 关键任务未按时完成。…")."""
    points = []
    for line in section_text.splitlines():
        if line.lstrip().startswith(("- ", "* ", "• ")):
            sentences = split_sentences(line)
            if sentences:
                points.append(sentences[0])
    return points[:MAX_KEY_POINTS]
