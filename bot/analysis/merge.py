"""Group need sentences into clusters, one per requirement.

- Sentences assigned to the same catalog entry form one cluster, whoever said them and
  in whichever language.
- A facet (mobile access, compliance, documented APIs …) said in the same answer as a
  specific need is a quality of that need: it joins that need's cluster.
- An entry that only ever appears in sentences that also carry another entry is a
  facet of that other need for this project, and is folded into it.
- Free needs (no catalog entry) are clustered by nearest neighbour over cluster
  centroids (embeddings), or by shared character pairs without a model; each sentence
  is compared with the existing centroids only, never with every other sentence.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np

from bot.analysis.catalog import Catalog, Entry
from bot.analysis.extract import Extraction, Sentence

FREE_SIMILARITY = 0.90        # cosine to a free cluster's centroid to join it
FREE_JACCARD = 0.45           # without embeddings: share of character pairs


@dataclass
class Cluster:
    key: str                                   # stable: "catalog:<entry id>" or "need:<hash>"
    entry: Entry | None
    sentences: list[Sentence] = field(default_factory=list)      # evidence, in transcript order
    primary: set[int] = field(default_factory=set)               # ids where this is the best match
    facets: list[Sentence] = field(default_factory=list)         # qualities attached from facet entries
    folded: list[Entry] = field(default_factory=list)            # entries folded in
    mentions: list[tuple[Sentence, str]] = field(default_factory=list)   # part-level priority cues
    mention_only: set[int] = field(default_factory=set)          # sentences whose cues were split by part

    @property
    def stakeholders(self) -> list[str]:
        return list(dict.fromkeys(s.stakeholder.id for s in self.sentences))


def build_clusters(extraction: Extraction, catalog: Catalog) -> list[Cluster]:
    sentences = extraction.sentences
    clusters: dict[str, Cluster] = {}
    facet_moves: list[tuple[Sentence, str]] = []
    mentioned: list[tuple[Sentence, str, str]] = []

    def cluster_for(entry_id: str) -> Cluster:
        key = f"catalog:{entry_id}"
        if key not in clusters:
            clusters[key] = Cluster(key=key, entry=catalog.by_id[entry_id])
        return clusters[key]

    for s in sentences:
        if not s.assigned:
            continue
        real = [e for e in s.assigned if e not in s.mentions or e == s.assigned[0]]
        if s.mentions and real and real[0] not in s.mentions and not s.anchors[catalog.index[real[0]]]:
            real = []       # the topics are named part by part; a guess by meaning adds nothing
        head = catalog.by_id[real[0]] if real else None
        if head is not None and head.facet:
            facet_moves.append((s, head.id))
            real = real[1:]
        for rank, entry_id in enumerate(real):
            if catalog.by_id[entry_id].facet:
                continue
            c = cluster_for(entry_id)
            c.sentences.append(s)
            if rank == 0 and (head is None or not head.facet):
                c.primary.add(s.id)
        for entry_id, level in s.mentions.items():
            if not catalog.by_id[entry_id].facet:
                mentioned.append((s, entry_id, level))
        if s.mentions:     # the sentence's priority cues were assigned part by part
            for entry_id in s.assigned:
                if f"catalog:{entry_id}" in clusters:
                    clusters[f"catalog:{entry_id}"].mention_only.add(s.id)

    # a priority said about a topic ("追溯和审批第一期必须上") makes the speaker one of its
    # voices; scheduling it for the first release makes it a need of its own
    for s, entry_id, level in mentioned:
        c = clusters.get(f"catalog:{entry_id}")
        if level == "phase1":
            c = cluster_for(entry_id)
            c.primary.add(s.id)             # "…第一期必须上": scheduling a topic for release one is a need of its own
        if c is not None:
            c.mentions.append((s, level))
            if s.id not in {x.id for x in c.sentences}:
                c.sentences.append(s)
            c.mention_only.add(s.id)
    _free_clusters(extraction, clusters)
    _place_facets(facet_moves, sentences, clusters, catalog)
    _attach_named_systems(sentences, clusters, catalog)
    for c in clusters.values():
        c.sentences.sort(key=lambda s: s.id)
    result = [c for c in clusters.values() if c.sentences]
    return _fold_siblings(_fold_companions(result))


def _place_facets(moves: list[tuple[Sentence, str]], sentences: list[Sentence],
                  clusters: dict[str, Cluster], catalog: Catalog) -> None:
    """A facet sentence joins the need voiced nearest to it in the same answer."""
    by_turn: dict[tuple[str, int], list[Sentence]] = {}
    for s in sentences:
        by_turn.setdefault(s.key, []).append(s)
    owner: dict[int, Cluster] = {}
    for c in clusters.values():
        for s in c.sentences:
            if s.id in c.primary or s.id not in owner:
                owner[s.id] = c
    for s, entry_id in moves:
        neighbours = [n for n in by_turn[s.key] if n.id != s.id and n.id in owner]
        if neighbours:
            before = [n for n in neighbours if n.id < s.id]
            host = owner[(before[-1] if before else neighbours[0]).id]
            host.facets.append(s)
            continue
        key = f"catalog:{entry_id}"
        c = clusters.setdefault(key, Cluster(key=key, entry=catalog.by_id[entry_id]))
        c.sentences.append(s)
        c.primary.add(s.id)


def _attach_named_systems(sentences: list[Sentence], clusters: dict[str, Cluster], catalog: Catalog) -> None:
    """Someone who complains about, or asks something of, a named system (金蝶, Deppon …)
    is also a voice for the existing need about that kind of system (ERP integration,
    carrier integration …)."""
    members = {key: {x.id for x in c.sentences} for key, c in clusters.items()}
    for s in sentences:
        if not (s.cues.pain or s.cues.is_need) or s.cues.is_low:
            continue
        for system in catalog.systems_in(s.text):
            for entry in catalog.entries:
                if system.kind not in entry.system_kinds:
                    continue
                key = f"catalog:{entry.id}"
                c = clusters.get(key)
                if c is not None and c.sentences and s.id not in members[key]:
                    c.sentences.append(s)
                    members[key].add(s.id)
                    break


def _fold_companions(clusters: list[Cluster]) -> list[Cluster]:
    """Fold B into A when B is never the main topic of a sentence and every sentence of
    B also supports A: for this project B is a detail of A, not a need of its own."""
    clusters.sort(key=lambda c: (-len(c.sentences), -len(c.primary), c.key))
    kept: list[Cluster] = []
    for c in clusters:
        ids = {s.id for s in c.sentences}
        host = None
        if not c.primary and c.entry is not None:
            host = next((k for k in kept if k.entry is not None and ids <= {s.id for s in k.sentences}), None)
        if host is not None:
            host.folded.append(c.entry)
            host.mentions.extend(c.mentions)
            continue
        if not c.primary and len(c.sentences) == 1:
            continue        # a side remark in one sentence about something else is not a need
        kept.append(c)
    return kept


def _fold_siblings(clusters: list[Cluster]) -> list[Cluster]:
    """Entries of one family (portal, fast order entry, mobile ordering …) are ways to
    meet one need: when everything said about B was said in answers that also speak of
    its sibling A, B's sentences join A."""
    clusters.sort(key=lambda c: (-len(c.sentences), -len(c.primary), c.key))
    kept: list[Cluster] = []
    for c in clusters:
        family = c.entry.family if c.entry else None
        turns = {s.key for s in c.sentences}
        host = next((k for k in kept if family and k.entry and k.entry.family == family
                     and turns <= {s.key for s in k.sentences}), None) if family else None
        if host is None:
            kept.append(c)
            continue
        host.folded.append(c.entry)
        known = {s.id for s in host.sentences}
        host.sentences.extend(s for s in c.sentences if s.id not in known)
        host.sentences.sort(key=lambda s: s.id)
        host.primary |= c.primary
        host.mentions.extend(c.mentions)
        host.facets.extend(c.facets)
    return kept


# --- free needs ---------------------------------------------------------------------------

def _free_clusters(extraction: Extraction, clusters: dict[str, Cluster]) -> None:
    free = [s for s in extraction.sentences if s.free]
    if not free:
        return
    if all(s.id in extraction.vectors for s in free):
        groups = _leader_clusters_by_vector([extraction.vectors[s.id] for s in free])
    else:
        groups = _leader_clusters_by_pairs([s.text for s in free])
    members: dict[int, list[Sentence]] = {}
    for s, g in zip(free, groups):
        members.setdefault(g, []).append(s)
    for group in members.values():
        leader = group[0]
        key = "need:" + hashlib.sha1(_normal(leader.text).encode("utf-8")).hexdigest()[:12]
        c = clusters.setdefault(key, Cluster(key=key, entry=None))
        c.sentences.extend(group)
        c.primary.update(s.id for s in group)


def _leader_clusters_by_vector(vectors: list[np.ndarray]) -> list[int]:
    """Each vector joins the nearest centroid above the threshold, or starts a cluster.
    Cost grows with sentences × clusters, not sentences²."""
    centroids: list[np.ndarray] = []
    sums: list[np.ndarray] = []
    counts: list[int] = []
    labels: list[int] = []
    for v in vectors:
        if centroids:
            sims = np.stack(centroids) @ v
            best = int(np.argmax(sims))
            if sims[best] >= FREE_SIMILARITY:
                labels.append(best)
                sums[best] = sums[best] + v
                counts[best] += 1
                centroids[best] = sums[best] / (np.linalg.norm(sums[best]) or 1.0)
                continue
        labels.append(len(centroids))
        centroids.append(v)
        sums.append(v.copy())
        counts.append(1)
    return labels


def _pairs(text: str) -> set[str]:
    t = _normal(text)
    return {t[i:i + 2] for i in range(len(t) - 1)}


def _leader_clusters_by_pairs(texts: list[str]) -> list[int]:
    leaders: list[set[str]] = []
    labels: list[int] = []
    for text in texts:
        p = _pairs(text)
        best, best_score = -1, 0.0
        for i, q in enumerate(leaders):
            score = len(p & q) / (len(p | q) or 1)
            if score > best_score:
                best, best_score = i, score
        if best >= 0 and best_score >= FREE_JACCARD:
            labels.append(best)
        else:
            labels.append(len(leaders))
            leaders.append(p)
    return labels


def _normal(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())
