"""The checklist index: Chroma for the dense ranking, BM25 for the lexical one, fused.

The Chroma collection (on disk under $REQBOT_HOME/chroma, or a Chroma server when
REQBOT_CHROMA_URL is set) is built on first use and rebuilt only when the knowledge
files' content hash changes; the hash is kept in the collection's metadata. Each
section is one chunk (long ones are split at paragraphs) carrying its section id,
title, language and source file. Sentences are indexed too, in a second collection,
so an answer can be composed from the most relevant sentences without embedding
them on every question.
"""
from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings
from pydantic import BaseModel

from bot.config import Settings, get_settings
from bot.knowledge.library import content_hash, knowledge_files, load_all_sections
from bot.language import Language
from bot.models import Section
from bot.retrieval.embeddings import ChromaEmbeddingAdapter, embed_queries, get_embeddings
from bot.retrieval.lexical import BM25, tokenize

log = logging.getLogger(__name__)

CHUNK_COLLECTION = "reqbot-checklist"
SENTENCE_COLLECTION = "reqbot-checklist-sentences"
RRF_K = 60                    # the usual reciprocal-rank-fusion constant
MAX_CHUNK_CHARS = 400       # e5 cost grows fast with length; short chunks also rank sharper
_SENTENCE_END = re.compile(r"(?<=[。!?;!?;])|(?<=[.!?])\s+(?=[A-Z\"“(])|\n+")
_LIST_MARK = re.compile(r"^\s*[-*•]\s*")


class Chunk(BaseModel):
    chunk_id: str
    section: str
    title: str
    parent_title: str | None
    language: Language
    source: str
    text: str

    @property
    def indexed_text(self) -> str:
        """What both rankers see: the titles give short sections their topic words."""
        head = " / ".join(t for t in (self.parent_title, self.title) if t)
        return f"{head}\n{self.text}" if head else self.text


class Sentence(BaseModel):
    section: str
    source: str
    language: Language
    position: int
    text: str


class Hit(BaseModel):
    """One section found for a query, with its fused score (higher is better)."""
    section: str
    title: str
    language: Language
    source: str
    text: str
    score: float


def split_sentences(text: str) -> list[str]:
    parts = (_LIST_MARK.sub("", p).strip() for p in _SENTENCE_END.split(text))
    return [p for p in parts if len(p) >= 4]


def _blocks(text: str) -> list[str]:
    """Paragraphs, with a paragraph longer than a chunk (a long list) split at its lines."""
    blocks: list[str] = []
    for paragraph in (p for p in text.split("\n\n") if p.strip()):
        blocks += [paragraph] if len(paragraph) <= MAX_CHUNK_CHARS else [ln for ln in paragraph.splitlines() if ln.strip()]
    return blocks


def _chunks_of(section: Section) -> list[Chunk]:
    pieces, current = [], ""
    for paragraph in _blocks(section.text):
        if current and len(current) + len(paragraph) > MAX_CHUNK_CHARS:
            pieces.append(current)
            current = ""
        current = f"{current}\n\n{paragraph}" if current else paragraph
    if current:
        pieces.append(current)
    return [
        Chunk(chunk_id=f"{section.source}#{section.id}#{n}", section=section.id, title=section.title,
              parent_title=section.parent_title, language=section.language, source=section.source, text=piece)
        for n, piece in enumerate(pieces)
    ]


def chroma_client(settings: Settings) -> chromadb.api.ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(host=url.hostname or "localhost", port=url.port or 8000,
                                   ssl=url.scheme == "https", settings=chroma_settings)
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


class ChecklistIndex:
    """Search the knowledge base; opening it is cheap once the index is built (see `get_index`)."""

    def __init__(self, settings: Settings | None = None, embeddings: Embeddings | None = None,
                 use_dense: bool = True) -> None:
        self.settings = settings or get_settings()
        self.embeddings = (embeddings or get_embeddings(self.settings.embeddings)) if use_dense else None
        self._client = chroma_client(self.settings) if self.embeddings is not None else None
        self.rebuilt = False
        self._load()

    # --- building ---------------------------------------------------------------------------
    def _load(self) -> None:
        files = knowledge_files(self.settings)
        digest = content_hash(files)
        sections = load_all_sections(files)
        self.chunks = [c for s in sections for c in _chunks_of(s)]
        self.sentences = [
            Sentence(section=s.id, source=s.source, language=s.language, position=i, text=t)
            for s in sections for i, t in enumerate(split_sentences(s.text))
        ]
        self._sections = {(s.id, s.language): s for s in sections}
        self._bm25 = BM25([c.indexed_text for c in self.chunks])
        self._sentence_vectors: np.ndarray | None = None
        if self.embeddings is None:
            return
        provider = self.settings.embeddings
        stamp = f"{digest}:{provider}"
        self._store = Chroma(client=self._client, collection_name=CHUNK_COLLECTION,
                             embedding_function=self.embeddings)
        collection = self._store._collection
        if (collection.metadata or {}).get("content_hash") != stamp or collection.count() != len(self.chunks):
            self._rebuild(stamp, provider)
        self._sentence_vectors = self._load_sentence_vectors()

    def _previous_vectors(self) -> dict[str, list[float]]:
        """Vectors of the collections being replaced, by text: an edit to one file
        re-embeds only the text that changed (e5 costs ~0.1 s per long chunk here)."""
        known: dict[str, list[float]] = {}
        for name in (CHUNK_COLLECTION, SENTENCE_COLLECTION):
            try:
                stored = self._client.get_collection(name).get(include=["embeddings", "documents"])
            except Exception:  # absent on the first build; chromadb's error type varies by version
                continue
            for text, vector in zip(stored["documents"] or [], stored["embeddings"] if stored["embeddings"] is not None else []):
                known[text] = list(vector)
        return known

    def _embed(self, texts: list[str], known: dict[str, list[float]]) -> list[list[float]]:
        missing = sorted({t for t in texts if t not in known})
        if missing:
            known.update(zip(missing, self.embeddings.embed_documents(missing)))
        return [known[t] for t in texts]

    def _rebuild(self, stamp: str, provider: str) -> None:
        log.info("building the checklist index (%d chunks, %d sentences)", len(self.chunks), len(self.sentences))
        known = self._previous_vectors()
        adapter = ChromaEmbeddingAdapter(self.embeddings, provider)
        for name in (CHUNK_COLLECTION, SENTENCE_COLLECTION):
            try:
                self._client.delete_collection(name)
            except Exception:  # absent on the first build
                pass
        metadata = {"content_hash": stamp, "hnsw:space": "cosine"}
        chunks = self._client.create_collection(CHUNK_COLLECTION, embedding_function=adapter, metadata=metadata)
        if self.chunks:
            texts = [c.indexed_text for c in self.chunks]
            chunks.add(
                ids=[c.chunk_id for c in self.chunks], documents=texts, embeddings=self._embed(texts, known),
                metadatas=[{"section": c.section, "title": c.title, "language": c.language,
                            "source": c.source, "parent_title": c.parent_title or ""} for c in self.chunks],
            )
        # langchain-chroma is the query interface; it must see the new collection.
        self._store = Chroma(client=self._client, collection_name=CHUNK_COLLECTION,
                             embedding_function=self.embeddings)
        sentences = self._client.create_collection(SENTENCE_COLLECTION, embedding_function=adapter,
                                                   metadata=metadata)
        if self.sentences:
            texts = [s.text for s in self.sentences]
            sentences.add(
                ids=[self._sentence_id(s) for s in self.sentences],
                documents=texts, embeddings=self._embed(texts, known),
                metadatas=[{"section": s.section, "language": s.language, "position": s.position}
                           for s in self.sentences],
            )
        self.rebuilt = True

    @staticmethod
    def _sentence_id(sentence: Sentence) -> str:
        return f"{sentence.source}#{sentence.section}#{sentence.position}"

    def _load_sentence_vectors(self) -> np.ndarray:
        collection = self._client.get_collection(SENTENCE_COLLECTION)
        stored = collection.get(include=["embeddings"])
        by_id = dict(zip(stored["ids"], stored["embeddings"]))
        dims = len(next(iter(by_id.values()))) if by_id else 0
        matrix = np.zeros((len(self.sentences), dims), dtype=np.float32)
        for i, s in enumerate(self.sentences):
            vector = by_id.get(self._sentence_id(s))
            if vector is not None:
                matrix[i] = vector
        return matrix

    # --- searching --------------------------------------------------------------------------
    def query_vector(self, text: str) -> np.ndarray | None:
        if self.embeddings is None:
            return None
        return embed_queries(self.embeddings, [text])[0]

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The k best sections for `query`, best first, one hit per section id."""
        if not self.chunks:
            return []
        # Three rankers: BM25 over chunks, dense over chunks (through langchain-chroma) and
        # dense over single sentences (a precise sentence inside a long section). Each votes
        # once per (section, language) with its best-ranked item, so a long section split
        # into many chunks gets no extra weight; the two renderings of a section then add
        # up, so a section both languages agree on comes first.
        rankings: list[list[tuple[str, str]]] = []
        lexical = self._bm25.scores(query)
        order = sorted((i for i, s in enumerate(lexical) if s > 0), key=lambda i: -lexical[i])
        rankings.append([(self.chunks[i].section, self.chunks[i].language) for i in order])
        if self.embeddings is not None:
            vector = self.query_vector(query)       # embedded once, used by both dense rankers
            docs = self._store.similarity_search_by_vector_with_relevance_scores(vector.tolist(), k=len(self.chunks))
            rankings.append([(d.metadata["section"], d.metadata["language"]) for d, _ in docs])
            if self._sentence_vectors is not None and len(self.sentences):
                similarity = self._sentence_vectors @ vector
                rankings.append([(self.sentences[i].section, self.sentences[i].language)
                                 for i in np.argsort(-similarity, kind="stable")])
        by_section: dict[str, float] = {}
        for ranking in rankings:
            first_rank: dict[tuple[str, str], int] = {}
            for rank, key in enumerate(ranking):
                first_rank.setdefault(key, rank)
            for (section, _language), rank in first_rank.items():
                by_section[section] = by_section.get(section, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(by_section.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [self._hit(section, score) for section, score in best]

    def _hit(self, section_id: str, score: float) -> Hit:
        section = self.section(section_id, None)
        return Hit(section=section_id, title=section.title, language=section.language,
                   source=section.source, text=section.text, score=round(score, 5))

    def section(self, section_id: str, language: Language | None) -> Section:
        """The section in the wanted language when that rendering exists, else any."""
        if language and (section_id, language) in self._sections:
            return self._sections[(section_id, language)]
        for (sid, _lang), section in self._sections.items():
            if sid == section_id:
                return section
        raise KeyError(section_id)

    def best_sentences(self, query: str, query_vector: np.ndarray | None, section_id: str,
                       language: Language, count: int) -> list[str]:
        """The `count` sentences of a section most relevant to the query, in text order,
        taken from the section's rendering in `language` when there is one."""
        wanted = self.section(section_id, language).language
        rows = [i for i, s in enumerate(self.sentences) if s.section == section_id and s.language == wanted]
        query_terms = set(tokenize(query))

        def relevance(i: int) -> float:
            dense = 0.0
            if query_vector is not None and self._sentence_vectors is not None:
                dense = float(self._sentence_vectors[i] @ query_vector)
            return dense + 0.05 * len(query_terms & set(tokenize(self.sentences[i].text)))

        top = sorted(rows, key=relevance, reverse=True)[:count]
        return [self.sentences[i].text for i in sorted(top)]


_lock = threading.Lock()


@lru_cache(maxsize=4)
def _cached_index(home: str, knowledge_dir: str, chroma_url: str | None, embeddings: str) -> ChecklistIndex:
    return ChecklistIndex(get_settings())


def get_index() -> ChecklistIndex:
    """The process-wide index for the current settings (built or loaded once)."""
    s = get_settings()
    with _lock:
        return _cached_index(str(s.home), str(s.knowledge_dir), s.chroma_url, s.embeddings)


def clear_index_cache() -> None:
    _cached_index.cache_clear()
