"""Find many fixed words in a text in one pass (Aho–Corasick).

The catalog has well over a thousand recognition words; testing them one regex at a
time costs a millisecond per sentence, which at 10,000 answers is most of the time
budget. One automaton pass over the sentence finds every occurrence of every word.

Matching is case-insensitive. A word that starts with an ASCII letter or digit only
matches at a word start ("ship" is not found in "relationship"), and a short one (up to
four characters) only as a whole word ("mes" is not "messy"); Chinese words match
anywhere. Runs of whitespace in the text count as one space.
"""
from __future__ import annotations

import re
from collections import deque

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACES.sub(" ", text).lower()


class TermMatcher:
    def __init__(self, terms: list[str]) -> None:
        self.terms = [normalise(t).strip() for t in terms]
        self._bounded = [bool(t) and t[0].isascii() and t[0].isalnum() for t in self.terms]
        # short ASCII words (erp, sap, mes, bi …) must also end at a word end: "mes" is not "messy"
        self._whole = [b and len(t) <= 4 and t[-1].isalnum() for b, t in zip(self._bounded, self.terms)]
        self._goto: list[dict[str, int]] = [{}]
        self._fail: list[int] = [0]
        self._out: list[list[int]] = [[]]
        for index, term in enumerate(self.terms):
            if term:
                self._add(term, index)
        self._build()

    def _add(self, term: str, index: int) -> None:
        node = 0
        for ch in term:
            nxt = self._goto[node].get(ch)
            if nxt is None:
                nxt = len(self._goto)
                self._goto[node][ch] = nxt
                self._goto.append({})
                self._fail.append(0)
                self._out.append([])
            node = nxt
        self._out[node].append(index)

    def _build(self) -> None:
        queue: deque[int] = deque()
        for nxt in self._goto[0].values():
            queue.append(nxt)
        while queue:
            node = queue.popleft()
            for ch, nxt in self._goto[node].items():
                queue.append(nxt)
                f = self._fail[node]
                while f and ch not in self._goto[f]:
                    f = self._fail[f]
                cand = self._goto[f].get(ch, 0)
                self._fail[nxt] = cand if cand != nxt else 0
                self._out[nxt] = self._out[nxt] + self._out[self._fail[nxt]]

    def find(self, text: str) -> list[tuple[int, int]]:
        """(term index, start offset in the normalised text) of every occurrence."""
        text = normalise(text)
        goto, fail, out, terms, bounded, whole = self._goto, self._fail, self._out, self.terms, self._bounded, self._whole
        end = len(text)
        node = 0
        hits: list[tuple[int, int]] = []
        for pos, ch in enumerate(text):
            while node and ch not in goto[node]:
                node = fail[node]
            node = goto[node].get(ch, 0)
            if out[node]:
                for index in out[node]:
                    start = pos - len(terms[index]) + 1
                    if bounded[index] and start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
                        continue
                    if whole[index] and pos + 1 < end and text[pos + 1].isascii() and text[pos + 1].isalpha():
                        continue
                    hits.append((index, start))
        return hits

    def found(self, text: str) -> set[int]:
        return {index for index, _ in self.find(text)}
