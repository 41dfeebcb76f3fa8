"""From interview answers to need sentences assigned to catalog entries.

1. Each answer is cleaned by the guard (instructions to the bot and off-topic remarks
   are cut) and split into sentences; small talk is dropped.
2. A sentence is a candidate when it voices a need or a pain, or names a catalog topic.
3. Candidates are matched to the catalog: the recognition words alone when they are
   decisive, otherwise embedding similarity to the entries' example phrasings (batched,
   standardised per sentence so Chinese and English compare alike) plus the words.
4. Candidates that match no entry but clearly ask for something stay "free" needs.

Nothing here does I/O; the embeddings object is passed in.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from bot.analysis.catalog import ANCHOR_WEIGHT, HINT_WEIGHT, Catalog
from bot.analysis.clauses import split_parts, split_sentences
from bot.analysis.statements import states_need
from bot.analysis.cues import MUST, PHASE_FIRST, TRANSFER, Cues, count_low, cues
from bot.analysis.guard import clean_answer, is_small_talk
from bot.language import Language, detect_language
from bot.models import Interview, Stakeholder

log = logging.getLogger(__name__)

# Lexical decisiveness: the words alone settle the entry when the best entry has this
# score and leads the runner-up by this margin (no embedding needed).
DECISIVE_SCORE = 4.0
DECISIVE_MARGIN = 2.0
# Embedding + words: combined = z-score of the similarity + LEX_WEIGHT * word score.
LEX_WEIGHT = 0.5
LEX_CAP = 8.0
# Accept an entry on similarity alone (no recognition word) from this z-score.
Z_ALONE = 3.2
# A second entry for the same sentence: its own words, and a close meaning when measured.
SECONDARY_MIN_LEX = 2.0
SECONDARY_Z = 1.5
# Accept an entry with a single hint word when the meaning is this close.
Z_WITH_WORD = 2.4
# The entry the interviewer's question was about gets this bonus; facets this penalty.
QUESTION_BONUS = 1.5
Z_QUESTION = 1.0
# An acceptable entry may trail the best-looking (but unsupported) one by this much.
ACCEPT_MARGIN = 2.0
TOPIC_PERSISTENCE = 0.75
FACET_PENALTY = 0.75
# A topic-less need sentence continues its neighbour's topic from this closeness.
CONTINUE_Z = 0.0
MAX_ASSIGNMENTS = 3
# A free (non-catalog) need must name something from the order domain and be this long.
FREE_MIN_CHARS = 8

_ANAPHORA = re.compile(r"^(this|that|it|these|those|which|这个|这一点|这一条|这块|这件事|这些|这|此|那个)(\s|$|[,,是很也对])", re.IGNORECASE)


@dataclass(eq=False)          # identity: two sentences are never "equal" by content
class Sentence:
    id: int
    text: str
    language: Language
    stakeholder: Stakeholder
    interview: int
    turn: int
    position: int                        # index within its answer
    question: str
    answered_at: datetime | None
    cues: Cues
    lex: np.ndarray
    anchors: np.ndarray
    candidate: bool = False
    anaphoric: bool = False              # "This is a must" – refers to the sentence before
    assigned: list[str] = field(default_factory=list)    # entry ids, best first
    score: float = 0.0                   # strength of the best assignment
    free: bool = False
    mentions: dict[str, str] = field(default_factory=dict)  # entry id -> "phase1" | "must" | "low" (part-level cues)
    question_topics: list[str] = field(default_factory=list)  # entries the question was about
    z: np.ndarray | None = None          # standardised similarity to each entry, when embedded
    continued: bool = False              # took the topic of its neighbour in the answer

    @property
    def key(self) -> tuple[str, int]:
        return (self.stakeholder.id, self.turn)


@dataclass
class Extraction:
    sentences: list[Sentence]
    dropped: list[tuple[str, str]]       # (stakeholder id, reason) for the guard's cuts
    embedded: int = 0                    # sentences that needed the embedding model
    vectors: dict[int, np.ndarray] = field(default_factory=dict)   # sentence id -> embedding


def sentences_of(interviews: list[Interview], catalog: Catalog) -> tuple[list[Sentence], list[tuple[str, str]]]:
    out: list[Sentence] = []
    dropped: list[tuple[str, str]] = []
    for i, interview in enumerate(interviews):
        for turn in interview.turns:
            if not turn.answer or turn.status == "skipped":
                continue
            text, notes = clean_answer(turn.answer)
            dropped.extend((interview.stakeholder.id, n) for n in notes)
            q_anchors, _ = catalog.lexical_hits(turn.question or "")
            topics = [catalog.entries[int(i)].id for i in np.nonzero(q_anchors)[0]]
            for position, sentence in enumerate(split_sentences(text)):
                if is_small_talk(sentence):
                    dropped.append((interview.stakeholder.id, "small talk"))
                    continue
                anchors, hints = catalog.lexical_hits(sentence)
                _integration_anchor(sentence, catalog, anchors)
                lex = ANCHOR_WEIGHT * anchors + HINT_WEIGHT * np.minimum(hints, 3)
                out.append(Sentence(
                    id=len(out), text=sentence, language=detect_language(sentence, interview.language),
                    stakeholder=interview.stakeholder, interview=i, turn=turn.index, position=position,
                    question=turn.question or "", answered_at=turn.answered_at, cues=cues(sentence),
                    lex=lex, anchors=anchors, question_topics=topics,
                ))
    return out, dropped


def _integration_anchor(text: str, catalog: Catalog, anchors: np.ndarray) -> None:
    """A named system (FLUX WMS, 金蝶, Shopify …) with data moving to or from it is the
    integration entry for that kind of system, even in words the entry does not list."""
    kinds = {system.kind for system in catalog.systems_in(text)}
    if not kinds or TRANSFER.count(text) == 0:
        return
    for index, entry in enumerate(catalog.entries):
        if entry.category == "integration" and kinds.intersection(entry.system_kinds):
            anchors[index] += 1


def _is_candidate(s: Sentence) -> bool:
    c = s.cues
    best = float(s.lex.max()) if s.lex.size else 0.0
    if len(s.text) < 4:
        return False
    if c.is_need and (c.domain or best >= 1):
        return True
    if c.pain and (best >= 2 or c.domain >= 2):
        return True
    return best >= 3 or (best >= 2 and float(s.anchors.max()) >= 1)


def extract(interviews: list[Interview], catalog: Catalog, embed=None, embed_key: str = "") -> Extraction:
    """Sentences with their catalog assignments. `embed(texts) -> L2-normalised matrix`
    (None = recognition words only)."""
    sentences, dropped = sentences_of(interviews, catalog)
    said_before: set[tuple[str, int]] = set()
    for s in sentences:
        s.candidate = _is_candidate(s)
        s.anaphoric = (s.cues.must > 0 or s.cues.low > 0) and (
            (bool(_ANAPHORA.match(s.text)) and len(s.text) < 90)
            or (len(s.text) < 40 and s.cues.domain == 0 and not s.anchors.any()))
        if s.anaphoric and s.key not in said_before and s.anchors.any():
            s.anaphoric = False     # "That report is a must" after a bare noun phrase: its own words tell
        if s.anaphoric:
            s.candidate = False
        if s.candidate:
            said_before.add(s.key)
        _part_mentions(s, catalog)

    candidates = [s for s in sentences if s.candidate]
    undecided = [s for s in candidates if not _decide_lexically(s, catalog)]
    extraction = Extraction(sentences=sentences, dropped=dropped)
    vectors = None
    if undecided and embed is not None:
        try:
            matrix, owner = catalog.example_matrix(embed_key, embed)
            vectors = embed([s.text for s in undecided])
        except Exception as exc:      # a remote provider down, a broken model: words alone still work
            log.warning("embeddings failed (%s); matching on recognition words alone", exc)
            vectors = None
    if vectors is not None:
        rows = {s.id: row for row, s in enumerate(undecided)}
        extraction.embedded = len(undecided)
        per_entry = _entry_similarity(vectors @ matrix.T, owner, len(catalog.entries))
        previous: dict[tuple[str, int], Sentence] = {}
        for s in sentences:     # in answer order, so a sentence can lean on the one before it
            if s.id in rows:
                extraction.vectors[s.id] = vectors[rows[s.id]]
                _decide_with_embeddings(s, per_entry[rows[s.id]], catalog, previous.get(s.key))
            if s.assigned:
                previous[s.key] = s
    else:
        for s in undecided:
            _decide_words_only(s, catalog)
    _continue_topic(sentences, catalog)
    for s in candidates:
        if not s.assigned and _free_need(s):
            s.free = True
    return extraction


def _decide_lexically(s: Sentence, catalog: Catalog) -> bool:
    if s.question_topics and not any(s.anchors[catalog.index[e]] for e in s.question_topics):
        return False        # the question points elsewhere: let the meaning decide
    order = np.argsort(-s.lex, kind="stable")
    top, second = float(s.lex[order[0]]), float(s.lex[order[1]])
    alone = top >= 2 and second == 0            # the only entry any word points to
    if s.anchors[order[0]] >= 1 and (alone or (top >= DECISIVE_SCORE and top - second >= DECISIVE_MARGIN)):
        _assign(s, catalog, int(order[0]), top, s.lex)
        return True
    return False


def _decide_words_only(s: Sentence, catalog: Catalog) -> None:
    order = np.argsort(-s.lex, kind="stable")
    if s.lex[order[0]] >= 2 and s.anchors[order[0]] >= 1:
        _assign(s, catalog, int(order[0]), float(s.lex[order[0]]), s.lex)


def _entry_similarity(sims: np.ndarray, owner: np.ndarray, n_entries: int) -> np.ndarray:
    """Best similarity of each sentence to each entry's examples."""
    out = np.full((sims.shape[0], n_entries), -1.0, dtype=np.float32)
    for entry in range(n_entries):
        cols = np.nonzero(owner == entry)[0]
        if cols.size:
            out[:, entry] = sims[:, cols].max(axis=1)
    return out


def _decide_with_embeddings(s: Sentence, sim: np.ndarray, catalog: Catalog, previous: Sentence | None) -> None:
    z = (sim - sim.mean()) / (sim.std() + 1e-6)
    s.z = z
    combined = z + LEX_WEIGHT * np.minimum(s.lex, LEX_CAP)
    # the interviewer's question sets the topic of a short answer, and people tend to
    # stay on the topic of their previous sentence
    if not s.anchors.any():
        for entry_id in s.question_topics:
            combined[catalog.index[entry_id]] += QUESTION_BONUS
    if previous is not None:
        combined[catalog.index[previous.assigned[0]]] += TOPIC_PERSISTENCE
    # a facet (mobile, compliance …) loses a near tie to a specific need
    combined = combined - FACET_PENALTY * catalog.facet_mask
    topics = np.zeros(len(catalog.entries), dtype=bool)
    for entry_id in s.question_topics:
        topics[catalog.index[entry_id]] = True
    acceptable = ((s.lex >= 2) & (s.anchors >= 1)) \
        | ((z >= Z_ALONE) & bool(s.cues.is_need or s.cues.pain)) \
        | ((s.lex >= 1) & (z >= Z_WITH_WORD)) \
        | ((s.lex >= 3) & (z >= 1.0)) \
        | (topics & (z >= Z_QUESTION))
    if not acceptable.any():
        return
    best = int(np.argmax(np.where(acceptable, combined, -np.inf)))
    if combined[best] >= combined.max() - ACCEPT_MARGIN:
        _assign(s, catalog, best, float(combined[best]), s.lex)


def _assign(s: Sentence, catalog: Catalog, best: int, score: float, lex: np.ndarray) -> None:
    s.assigned = [catalog.entries[best].id]
    s.score = score
    for other in np.argsort(-lex, kind="stable"):
        other = int(other)
        if other == best or len(s.assigned) >= MAX_ASSIGNMENTS:
            continue
        if lex[other] < SECONDARY_MIN_LEX:
            break
        # a second topic needs two of its own words, or one word and a close meaning
        if s.anchors[other] >= 2 or (s.anchors[other] >= 1 and s.z is not None and s.z[other] >= SECONDARY_Z):
            s.assigned.append(catalog.entries[other].id)
    for entry_id in s.mentions:
        if entry_id not in s.assigned and len(s.assigned) < MAX_ASSIGNMENTS + 1:
            s.assigned.append(entry_id)


def _continue_topic(sentences: list[Sentence], catalog: Catalog) -> None:
    """A need sentence with no topic of its own, said right after (or before) a sentence
    of the same answer that has one, continues that topic ("…reconciling payments takes
    four days. I want it done in one day.")."""
    by_turn: dict[tuple[str, int], list[Sentence]] = {}
    for s in sentences:
        by_turn.setdefault(s.key, []).append(s)
    for s in sentences:
        if s.assigned or not s.candidate:
            continue
        turn = by_turn[s.key]
        before = [n for n in turn if n.position < s.position and n.assigned]
        after = [n for n in turn if n.position > s.position and n.assigned]
        neighbour = before[-1] if before else (after[0] if after else None)
        if neighbour is None:
            continue
        entry = catalog.index[neighbour.assigned[0]]
        # an answer about one topic only: its topic-less sentences are about it too
        single_topic = len({n.assigned[0] for n in before + after}) == 1
        related = single_topic or (s.z is not None and s.z[entry] >= CONTINUE_Z) or (s.z is None and s.lex[entry] >= 1)
        if related:
            s.assigned = [neighbour.assigned[0]]
            s.score = 0.0
            s.continued = True


def _part_mentions(s: Sentence, catalog: Catalog) -> None:
    """Priority said about topics named in one part of a sentence
    ("追溯和审批第一期必须上,报表可以放到第二期") applies to those topics only."""
    if not (s.cues.must or s.cues.low or PHASE_FIRST.count(s.text)):
        return
    parts = split_parts(s.text)
    if len(parts) < 2:
        return
    for part in parts:
        phase = PHASE_FIRST.count(part) > 0
        must = MUST.count(part) > 0 or phase
        low = count_low(part) > 0
        if must == low:
            continue
        anchors, _ = catalog.lexical_hits(part)
        for index in np.nonzero(anchors)[0]:
            entry = catalog.entries[int(index)]
            if not entry.facet:
                s.mentions[entry.id] = ("phase1" if phase else "must") if must else "low"


def _free_need(s: Sentence) -> bool:
    c = s.cues
    return (c.is_need and c.domain >= 1 and len(s.text) >= FREE_MIN_CHARS and not c.is_low
            and states_need(s.text))
