"""BM25 over tokens that work for both languages.

Chinese has no spaces, so Han text is indexed as overlapping character bigrams (and a
lone character as itself); Latin text as lower-cased words with a light plural/verb
stemming. Exact terms such as RACI, UAT, CPQ, DSO or 金蝶 are found this way even when
the dense model blurs them.
"""
from __future__ import annotations

import math
import re
from collections import Counter

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_STOP = frozenset("""a an and are as at be by can do does for from how i in is it its of on or
our should so that the their them they this to was we what when where which who why will with
you your me my it's any some us""".split())


def _stem(word: str) -> str:
    """Plural and -ing/-ed endings off, so "matrices"/"matrix" stay apart but "tests"/"testing" meet."""
    if len(word) <= 3 or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    for run in _HAN_RUN.findall(text):
        tokens += [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
    for word in _LATIN.findall(text.lower()):
        if word not in _STOP:
            tokens.append(_stem(word))
    return tokens


class BM25:
    """Okapi BM25 over a fixed list of documents."""

    def __init__(self, documents: list[str], k1: float = 1.4, b: float = 0.75) -> None:
        self._docs = [Counter(tokenize(d)) for d in documents]
        self._lengths = [sum(c.values()) for c in self._docs]
        self._avg = (sum(self._lengths) / len(self._lengths)) if self._lengths else 0.0
        frequency: Counter[str] = Counter()
        for counts in self._docs:
            frequency.update(counts.keys())
        n = len(self._docs)
        self._idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}
        self._k1, self._b = k1, b

    def scores(self, query: str) -> list[float]:
        terms = [t for t in set(tokenize(query)) if t in self._idf]
        out = []
        for counts, length in zip(self._docs, self._lengths):
            score = 0.0
            norm = self._k1 * (1 - self._b + self._b * length / self._avg) if self._avg else self._k1
            for term in terms:
                tf = counts.get(term)
                if tf:
                    score += self._idf[term] * tf * (self._k1 + 1) / (tf + norm)
            out.append(score)
        return out
