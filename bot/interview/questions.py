"""Questions grounded in the checklist: retrieve the passages behind a topic, keep their
section ids and the guidance they give, in both languages.

Retrieval is the slow part (a few hundred ms a query), so it runs once per topic when an
interview's plan is built, and the result is cached per index and on disk under
$REQBOT_HOME/cache (keyed by the knowledge files' content hash, so new guidance is
picked up): answering a question never waits for retrieval.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from bot.interview.plan import Topic, department, plan_topics
from bot.knowledge.library import content_hash, knowledge_files
from bot.language import Language

if TYPE_CHECKING:                       # importing retrieval loads chromadb: only when needed
    from bot.retrieval.index import ChecklistIndex
from bot.config import Settings, get_settings

LANGUAGES: tuple[Language, ...] = ("zh", "en")
MAX_REFS = 2                  # sections cited per question: the best one and, when close, a runner-up
RUNNER_UP_RATIO = 0.8         # a second section is cited only when its score is this close to the best
# Sections that introduce a chapter or the whole article say little on their own.
_GENERIC = {"intro", "conclusion", "faq"}

# Follow-up questions are grounded too; these are their retrieval queries.
FOLLOWUP_QUERIES: dict[str, str] = {
    "quantify": "核心目标必须量化 从X小时缩短至Y小时 关键绩效指标 quantified goals KPIs cut time from X hours to Y hours",
    "integration": "与现有ERP CRM WMS集成 数据同步 接口 integration with existing ERP data synchronization interfaces",
    "conflict": "跨部门 需求一致性 达成共识 优先级 cross-departmental consensus consistent requirements priorities",
}


class Grounding(BaseModel):
    """The checklist passages behind a question: section ids and their guidance per language."""
    refs: list[str] = Field(default_factory=list)
    guidance: dict[str, str] = Field(default_factory=dict)      # language -> text


class PlannedQuestion(BaseModel):
    topic: str
    text: dict[str, str]                                        # language -> question
    grounding: Grounding
    quick_choices: dict[str, list[str]] = Field(default_factory=dict)


log = logging.getLogger(__name__)
CACHE_FILE = "question-grounding.json"
_memory: dict[tuple[str, str], dict[str, Grounding]] = {}     # (cache file, stamp) -> query -> grounding
_lock = threading.Lock()


class Grounder:
    """Grounds queries in the knowledge base, opening the index only when a query is not cached
    (a resumed or repeated interview never waits for the index to load)."""

    def __init__(self, index: "ChecklistIndex | None" = None, settings: Settings | None = None) -> None:
        self._index = index
        self.settings = index.settings if index is not None else (settings or get_settings())
        self.path = self.settings.home / "cache" / CACHE_FILE
        self.stamp = f"{content_hash(knowledge_files(self.settings))}:{self.settings.embeddings}"

    @property
    def index(self) -> "ChecklistIndex":
        if self._index is None:
            from bot.retrieval.index import get_index
            self._index = get_index()
        return self._index

    def ground(self, query: str) -> Grounding:
        key = (str(self.path), self.stamp)
        with _lock:
            if key not in _memory:
                _memory[key] = self._read()
            known = _memory[key].get(query)
        if known is not None:
            return known
        grounding = _retrieve(query, self.index)
        with _lock:
            _memory[key][query] = grounding
            self._write(_memory[key])
        return grounding

    # one JSON file, replaced atomically, ignored when stale or unreadable
    def _read(self) -> dict[str, Grounding]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("stamp") != self.stamp:
                return {}
            return {q: Grounding.model_validate(g) for q, g in data.get("entries", {}).items()}
        except (OSError, ValueError):       # absent, unreadable or malformed: retrieve again
            return {}

    def _write(self, entries: dict[str, Grounding]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            body = json.dumps({"stamp": self.stamp, "entries": {q: g.model_dump() for q, g in entries.items()}},
                              ensure_ascii=False)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.path.parent, delete=False,
                                             suffix=".tmp") as handle:
                handle.write(body)
            os.replace(handle.name, self.path)
        except OSError as exc:              # a read-only home only costs the next process some retrieval
            log.warning("could not write the question cache %s: %s", self.path, exc)


def _is_specific(section_id: str) -> bool:
    """'1.3', 'faq.2' or a company file's 'guide.4' — not a chapter heading like '1' or the intro."""
    return section_id not in _GENERIC and ("." in section_id) and not section_id.isdigit()


def _retrieve(query: str, index: "ChecklistIndex") -> Grounding:
    hits = [h for h in index.search(query, k=MAX_REFS + 4) if _is_specific(h.section)]
    if not hits:
        return Grounding()
    chosen = hits[:1] + [h for h in hits[1:MAX_REFS] if h.score >= hits[0].score * RUNNER_UP_RATIO]
    refs = [h.section for h in chosen]
    vector = index.query_vector(query)
    guidance: dict[str, str] = {}
    for language in LANGUAGES:
        label = "清单" if language == "zh" else "Checklist"
        parts = []
        for position, section_id in enumerate(refs):
            section = index.section(section_id, language)
            sentences = index.best_sentences(query, vector, section_id, language, 2 if position == 0 else 1)
            separator = "" if language == "zh" else " "
            parts.append(f"{label} {section_id} {section.title}: {separator.join(sentences)}")
        guidance[language] = "\n".join(parts)
    return Grounding(refs=refs, guidance=guidance)


def planned_question(topic: Topic, role: str, grounder: Grounder) -> PlannedQuestion:
    text = {lang: topic.question[lang].replace("{dept}", department(role, lang)) for lang in LANGUAGES}
    return PlannedQuestion(topic=topic.id, text=text, grounding=grounder.ground(topic.query),
                           quick_choices={lang: list(c) for lang, c in topic.quick_choices.items()})


def build_plan(role: str, grounder: Grounder) -> list[PlannedQuestion]:
    """The grounded questions of an interview for `role`, in the order they are asked."""
    return [planned_question(topic, role, grounder) for topic in plan_topics(role)]


def followup_groundings(grounder: Grounder) -> dict[str, Grounding]:
    return {kind: grounder.ground(query) for kind, query in FOLLOWUP_QUERIES.items()}
