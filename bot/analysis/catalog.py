"""The catalog of requirements an OMS project commonly has (catalog.json), loaded once.

Each entry gives a recurring need one canonical, bilingual form (title, "系统应…" /
"The system shall…" statement), its category, type and checklist sections, and the
words and example phrasings used to recognise it in an answer. Stance axes (SaaS vs
on-premise, ship first vs approve first …) and named systems (金蝶, SAP, 顺丰 …) live in
the same file.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from bot.analysis.cues import compile_words
from bot.analysis.matcher import TermMatcher, normalise
from bot.models import Category, Language, RequirementType

CATALOG_PATH = Path(__file__).with_name("catalog.json")

ANCHOR_WEIGHT = 2.0
HINT_WEIGHT = 1.0


class Bilingual(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    zh: str
    en: str

    def get(self, language: Language) -> str:
        return self.zh if language == "zh" else self.en


class Parameter(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: str                       # duration | clock | percent
    terms: list[str]


class Pole(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    label: Bilingual
    terms: list[str]


class Axis(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    topic: Bilingual
    poles: list[Pole] = Field(min_length=2, max_length=2)


class System(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    en: str
    aliases: list[str]
    kind: str

    def display(self, language: Language) -> str:
        return self.name if language == "zh" else self.en


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    category: Category
    type: RequirementType
    refs: list[str]
    title: Bilingual
    statement: Bilingual
    kpi_metric: Bilingual | None = None
    anchors: list[str]
    hints: list[str] = Field(default_factory=list)
    examples: list[str]
    core_flow: bool = False
    facet: bool = False
    family: str | None = None
    system_kinds: list[str] = Field(default_factory=list)
    parameter: Parameter | None = None
    axes: list[str] = Field(default_factory=list)


class CatalogFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    about: str = ""
    systems: list[System]
    axes: list[Axis]
    entries: list[Entry]


class Catalog:
    """The loaded catalog with its compiled patterns (and, lazily, its embeddings)."""

    def __init__(self, data: CatalogFile) -> None:
        self.entries = list(data.entries)
        self.by_id = {e.id: e for e in self.entries}
        self.index = {e.id: i for i, e in enumerate(self.entries)}
        self.facet_mask = np.array([e.facet for e in self.entries], dtype=np.float32)
        self.axes = {a.id: a for a in data.axes}
        self.systems = list(data.systems)
        # one automaton for every recognition word; each word maps to the entries using it
        words: dict[str, int] = {}
        self._uses: list[list[tuple[int, bool]]] = []       # word -> [(entry index, is_anchor)]
        for i, e in enumerate(self.entries):
            for is_anchor, terms in ((True, e.anchors), (False, e.hints)):
                for t in terms:
                    key = normalise(t).strip()
                    if key not in words:
                        words[key] = len(words)
                        self._uses.append([])
                    self._uses[words[key]].append((i, is_anchor))
        self._matcher = TermMatcher(list(words))
        self._system_matcher = TermMatcher([a for s in self.systems for a in s.aliases])
        self._system_of = [s for s in self.systems for _ in s.aliases]
        self._pole_patterns = {
            (a.id, p.id): compile_words(p.terms) for a in data.axes for p in a.poles
        }
        pole_terms = [(a.id, t) for a in data.axes for p in a.poles for t in p.terms]
        self._pole_matcher = TermMatcher([t for _, t in pole_terms])
        self._pole_axis = [axis for axis, _ in pole_terms]
        parameter_terms = [(e.id, t) for e in self.entries if e.parameter for t in e.parameter.terms]
        self._parameter_matcher = TermMatcher([t for _, t in parameter_terms])
        self._parameter_entry = [entry_id for entry_id, _ in parameter_terms]
        self._parameters_in = lru_cache(maxsize=65536)(self._find_parameters)
        self._example_matrix: dict[str, np.ndarray] = {}

    # --- lexical ----------------------------------------------------------------------------

    def lexical_hits(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Distinct anchor and hint words found, per entry."""
        anchors = np.zeros(len(self.entries), dtype=np.float32)
        hints = np.zeros(len(self.entries), dtype=np.float32)
        for word in self._matcher.found(text):
            for entry, is_anchor in self._uses[word]:
                if is_anchor:
                    anchors[entry] += 1
                else:
                    hints[entry] += 1
        return anchors, hints

    def systems_in(self, text: str) -> list[System]:
        out: list[System] = []
        for i in sorted(self._system_matcher.found(text)):
            if all(s is not self._system_of[i] for s in out):
                out.append(self._system_of[i])
        return out

    def axes_in(self, text: str) -> set[str]:
        """Axes with any stance word in `text` (one pass over the text)."""
        return {self._pole_axis[i] for i in self._pole_matcher.found(text)}

    def pole_matches(self, axis_id: str, pole_id: str, text: str) -> list[re.Match[str]]:
        return list(self._pole_patterns[(axis_id, pole_id)].finditer(text))

    def mentions_parameter(self, entry_id: str, text: str) -> bool:
        return entry_id in self._parameters_in(text)

    def _find_parameters(self, text: str) -> frozenset[str]:
        return frozenset(self._parameter_entry[i] for i in self._parameter_matcher.found(text))

    # --- embeddings -------------------------------------------------------------------------

    def example_texts(self) -> tuple[list[str], np.ndarray]:
        """Every example phrasing plus each entry's titles, and the entry index of each."""
        texts: list[str] = []
        owner: list[int] = []
        for i, e in enumerate(self.entries):
            for t in [e.title.zh, e.title.en, *e.examples]:
                texts.append(t)
                owner.append(i)
        return texts, np.asarray(owner)

    def example_matrix(self, provider_key: str, embed) -> tuple[np.ndarray, np.ndarray]:
        """(matrix of example embeddings, owner entry index per row), computed once per provider.

        Embedding the examples takes ~3 s, so the matrix is also kept on disk under
        $REQBOT_HOME/cache, named by a hash of the provider and every example text: a
        catalog edit or another provider simply makes a new file.
        """
        texts, owner = self.example_texts()
        if provider_key not in self._example_matrix:
            self._example_matrix[provider_key] = _cached_matrix(provider_key, texts, embed)
        return self._example_matrix[provider_key], owner


def _cached_matrix(provider_key: str, texts: list[str], embed) -> np.ndarray:
    from bot.config import get_settings

    digest = hashlib.sha256("\0".join([provider_key, *texts]).encode("utf-8")).hexdigest()[:24]
    path = get_settings().home / "cache" / f"catalog-vectors-{digest}.npy"
    try:
        matrix = np.load(path)
        if matrix.shape[0] == len(texts):
            return matrix
    except (OSError, ValueError):
        pass                                    # absent or unreadable: compute it again
    matrix = np.asarray(embed(texts), dtype=np.float32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npy")
        np.save(temp, matrix)
        temp.replace(path)
    except OSError:
        pass                                    # a read-only home only costs time
    return matrix


@lru_cache(maxsize=4)
def load_catalog(path: str | None = None) -> Catalog:
    raw = Path(path or CATALOG_PATH).read_text(encoding="utf-8")
    return Catalog(CatalogFile.model_validate(json.loads(raw)))
