"""The analysis entry point: all answers of a project in, one requirement set out.

    from bot.analysis import analyze
    result = analyze(project, interviews, id_for=lambda key: store.requirement_id_for(project, key))

Pure: no database, no terminal, no network. Deterministic for the same input.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

import numpy as np

from bot.analysis.catalog import Catalog, load_catalog
from bot.analysis.compose import catalog_wording, free_title, rewrite_need, sources_of
from bot.analysis.conflicts import Dispute, find_disputes, stances
from bot.analysis.extract import Extraction, Sentence, extract
from bot.analysis.guard import is_injection
from bot.analysis.kpis import HALVED, activity_near, kpis_from, metric_near, quantities
from bot.analysis.merge import Cluster, build_clusters
from bot.analysis.priority import PRIORITY_ORDER, assess
from bot.language import Language, detect_language
from bot.models import KPI, Category, Conflict, Interview, Priority, Requirement, RequirementSet

__all__ = ["analyze", "project_language", "PriorityOverrideLike", "ReviewDecisionLike", "AUTO"]

AUTO: Any = object()          # "use the configured embeddings"
_EMBED_CACHE_SIZE = 50_000


class PriorityOverrideLike(Protocol):
    """What the analysis reads of a manual priority (bot.store.PriorityOverride fits)."""
    req_id: str
    priority: Any
    by: str
    note: str | None


class ReviewDecisionLike(Protocol):
    """What the analysis reads of a review verdict (bot.store.ReviewDecision fits)."""
    stakeholder_id: str
    req_id: str
    action: str              # confirm | remove | correct
    text: str | None


def project_language(interviews: Sequence[Interview]) -> Language:
    """The language most answers are written in (ties go to Chinese)."""
    answers = [t.answer for i in interviews for t in i.turns if t.answer]
    if not answers:
        return interviews[0].language if interviews else "zh"
    zh = sum(detect_language(a) == "zh" for a in answers)
    return "zh" if zh * 2 >= len(answers) else "en"


def analyze(
    project: str,
    interviews: Sequence[Interview],
    language: Language | None = None,
    id_for: Callable[[str], str] | None = None,
    *,
    overrides: Iterable[PriorityOverrideLike] = (),
    reviews: Iterable[ReviewDecisionLike] = (),
    embeddings: Any = AUTO,
    catalog: Catalog | None = None,
) -> RequirementSet:
    """The prioritized, deduplicated requirement set of `project`.

    id_for(key) gives the stable REQ-nnn id of a requirement's key (catalog entry id or
    a hash of a free need's wording); without it requirements are numbered by rank.
    overrides: manual priorities (the latest per requirement id wins).
    reviews: stakeholders' confirm / remove / correct verdicts, applied in order.
    embeddings: a langchain Embeddings, None for recognition words only, or AUTO for
    the configured provider (bot.retrieval.embeddings.get_embeddings()).
    """
    interviews = list(interviews)
    language = language or project_language(interviews)
    catalog = catalog or load_catalog()
    embed, embed_key = _embedder(embeddings)

    extraction = extract(interviews, catalog, embed, embed_key)
    clusters = build_clusters(extraction, catalog)
    anaphora = _anaphora(extraction, clusters)

    by_turn: dict[tuple[str, int], list[Sentence]] = {}
    for s in extraction.sentences:
        by_turn.setdefault(s.key, []).append(s)
    agreed = _agreed_stances(extraction, catalog, language)
    drafts: list[tuple[Cluster, Requirement]] = []
    for cluster in clusters:
        kpis = _kpis(cluster, by_turn, language, catalog)
        verdict = assess(cluster, anaphora.get(cluster.key, []), kpis, language)
        if cluster.entry is not None:
            title, statement = catalog_wording(cluster, catalog, kpis, language)
            statement += "".join(agreed.get(axis, "") for axis in cluster.entry.axes)
            category, rtype, refs = cluster.entry.category, cluster.entry.type, _refs(cluster)
        else:
            lead = _lead_sentence(cluster)
            # without a model to translate, a free need keeps the language it was said in
            statement = rewrite_need(lead.text, lead.language)
            title = free_title(statement, lead.language)
            category, rtype, refs = _free_category(lead, catalog)
        drafts.append((cluster, Requirement(
            id="REQ-000", title=title, statement=statement, category=category, type=rtype,
            priority=verdict.priority, score=verdict.score, reasons=verdict.reasons, kpis=kpis,
            checklist_refs=refs, sources=sources_of(cluster),
        )))

    drafts.sort(key=lambda d: (PRIORITY_ORDER[d[1].priority], -d[1].score, d[0].key))
    for rank, (cluster, req) in enumerate(drafts, start=1):
        req.id = id_for(cluster.key) if id_for else f"REQ-{rank:03d}"
    requirements = [req for _, req in drafts]
    _apply_overrides(requirements, overrides, language)
    _apply_reviews(requirements, reviews, language)
    requirements.sort(key=lambda r: (r.status == "removed", PRIORITY_ORDER[r.priority], -r.score, r.id))
    for rank, req in enumerate(requirements, start=1):
        req.rank = rank

    conflicts = _conflicts(find_disputes(extraction.sentences, catalog, language), drafts)
    for c in conflicts:
        for req in requirements:
            if req.id in c.requirement_ids:
                req.conflicts.append(c.id)
    return RequirementSet(project=project, requirements=requirements, conflicts=conflicts)


# --- embeddings ---------------------------------------------------------------------------

_cache: "OrderedDict[tuple[str, str], np.ndarray]" = OrderedDict()


def _embedder(embeddings: Any) -> tuple[Callable[[list[str]], np.ndarray] | None, str]:
    if embeddings is AUTO:
        from bot.retrieval.embeddings import get_embeddings
        embeddings = get_embeddings()
    if embeddings is None:
        return None, ""
    from bot.retrieval.embeddings import embed_queries
    key = f"{type(embeddings).__module__}.{type(embeddings).__name__}:{getattr(embeddings, 'model', '')}"

    def embed(texts: list[str]) -> np.ndarray:
        # query-style vectors on both sides: matching a sentence to an example is symmetric
        missing = list(dict.fromkeys(t for t in texts if (key, t) not in _cache))
        if missing:
            vectors = embed_queries(embeddings, missing)
            for t, v in zip(missing, vectors):
                _cache[(key, t)] = v
            while len(_cache) > _EMBED_CACHE_SIZE:
                _cache.popitem(last=False)
        return np.stack([_cache[(key, t)] for t in texts]) if texts else np.zeros((0, 1), dtype=np.float32)

    return embed, key


# --- pieces -------------------------------------------------------------------------------

def _agreed_stances(extraction: Extraction, catalog: Catalog, language: Language) -> dict[str, str]:
    """Axes on which everyone who took a stance took the same one ("都倾向SaaS"): the
    statement says so. Disagreements are Conflicts instead."""
    out: dict[str, str] = {}
    for stance in stances(extraction.sentences, catalog):
        if bool(stance.sides[0]) != bool(stance.sides[1]):
            pole = catalog.axes[stance.axis].poles[0 if stance.sides[0] else 1].label.get(language)
            out[stance.axis] = f"干系人的意见:{pole}。" if language == "zh" else f" Stakeholders asked for: {pole}."
    return out


def _anaphora(extraction: Extraction, clusters: list[Cluster]) -> dict[str, list[tuple[Sentence, str]]]:
    """"This is a must" / "这个不急" apply to the need voiced just before, in the same answer."""
    owner: dict[int, str] = {}
    for c in clusters:
        for s in c.sentences:
            if s.id in c.primary or s.id not in owner:
                owner[s.id] = c.key
    out: dict[str, list[tuple[Sentence, str]]] = {}
    previous: dict[tuple[str, int], Sentence] = {}
    for s in extraction.sentences:
        if s.anaphoric and s.key in previous:
            level = "must" if s.cues.must and not s.cues.is_low else "low"
            out.setdefault(owner[previous[s.key].id], []).append((s, level))
        if s.id in owner:
            previous[s.key] = s
    return out


_METRIC_KIND = [("duration", re.compile(r"时间|时长|天数|周期|time|days|dso|lead", re.I)),
                ("percent", re.compile(r"率|比例|rate|share|percent", re.I)),
                ("count", re.compile(r"次数|数量|来电|单数|calls|count|number|errors", re.I))]


def _kpis(cluster: Cluster, by_turn: dict[tuple[str, int], list[Sentence]], language: Language,
          catalog: Catalog) -> list[KPI]:
    """Current → target pairs said in the answers that voice this need.

    A topic-less sentence of the same answer gives its target to this need only when it
    names no metric of its own ("I want that down to 30 minutes") or names one this
    need's recognition words know ("拣货差错率" for a picking need), so a figure about
    one thing does not land on every need of the answer. The metric is the
    noun said with the figure ("拣货差错率", "error rate"), else the catalog's when its
    unit fits, else the activity of the clause for a duration ("审批时长"); a figure
    with no nameable metric is no KPI.
    """
    catalog_metric = cluster.entry.kpi_metric.get(language) if cluster.entry and cluster.entry.kpi_metric else None
    out: list[KPI] = []
    for key in dict.fromkeys(s.key for s in cluster.sentences if s.id in cluster.primary):
        texts = [s.text for s in by_turn[key]
                 if s.id in cluster.primary or (not s.assigned and not s.free and _target_fits(s.text, cluster, catalog))]
        joined = " ".join(texts)
        for k in kpis_from(texts, "?"):
            kind = next((q.kind for q in quantities(k.current or k.target or "")), "duration")
            fits = catalog_metric and (k.target == HALVED and not k.current
                                       or any(kind == want and pat.search(catalog_metric) for want, pat in _METRIC_KIND))
            metric = metric_near(joined, k.target or "") or (metric_near(joined, k.current) if k.current else None)
            if fits and (metric is None or _same_metric(metric, catalog_metric)):
                metric = catalog_metric     # the catalog's full name for what the sentence named
            if metric is None and kind == "duration" and k.target:
                metric = activity_near(joined, k.target, language)
            if metric is None:
                continue
            k.metric = metric
            _add_kpi(out, k)
    return out


def _same_metric(said: str, catalog_metric: str) -> bool:
    """"账款周转天数" is the catalog's "应收账款周转天数(DSO)": the said name lies inside it."""
    return said.lower() in catalog_metric.lower()


def _target_fits(text: str, cluster: Cluster, catalog: Catalog) -> bool:
    targets = [q for q in quantities(text) if q.role in ("target", "goal")]
    if not targets:
        return True                     # a current value or background: always usable
    named = [m for m in (metric_near(text, q.text) for q in targets) if m]
    if not named:
        return True                     # "I want that down to 30 minutes": refers back
    if cluster.entry is None:
        return False
    index = catalog.index[cluster.entry.id]
    return any(sum(hits[index] for hits in catalog.lexical_hits(m)) > 0 for m in named)


def _add_kpi(out: list[KPI], k: KPI) -> None:
    """One KPI per metric and current value: the more specific target wins
    ("5分钟以内" over "5分钟"); a KPI with a current value beats the same target without."""
    for i, other in enumerate(out):
        same_current = other.metric == k.metric and other.current == k.current
        same_target = other.metric == k.metric and _bare(other.target) == _bare(k.target)
        if same_current or same_target:
            if (bool(k.current), len(k.target or "")) > (bool(other.current), len(other.target or "")):
                out[i] = k
            return
    out.append(k)


def _bare(figure: str | None) -> str:
    return re.sub(r"以内|之内|以下|以上|under|below|within|less than|at most|no more than|\s", "", figure or "", flags=re.I)


def _refs(cluster: Cluster) -> list[str]:
    refs = list(cluster.entry.refs) if cluster.entry else []
    for e in cluster.folded:
        refs += [r for r in e.refs if r not in refs]
    return refs


def _lead_sentence(cluster: Cluster) -> Sentence:
    return max(cluster.sentences, key=lambda s: (s.cues.need + s.cues.must, len(s.text) <= 200, -s.id))


def _free_category(s: Sentence, catalog: Catalog):
    if s.lex.size and float(s.lex.max()) > 0:
        entry = catalog.entries[int(np.argmax(s.lex))]
        return entry.category, entry.type, list(entry.refs)
    return Category.other, "functional", ["1.2"]


def _apply_overrides(requirements: list[Requirement], overrides: Iterable[PriorityOverrideLike],
                     language: Language) -> None:
    latest: dict[str, PriorityOverrideLike] = {}
    for o in overrides:
        latest[o.req_id] = o
    for req in requirements:
        o = latest.get(req.id)
        if o is None:
            continue
        new = Priority(getattr(o.priority, "value", o.priority))
        note = f" ({o.note})" if o.note else ""
        req.reasons.append(f"优先级由{o.by}手动设为{new.value}{note}" if language == "zh"
                           else f"priority set to {new.value} by {o.by}{note}")
        req.priority = new


def _apply_reviews(requirements: list[Requirement], reviews: Iterable[ReviewDecisionLike], language: Language) -> None:
    by_id = {r.id: r for r in requirements}
    for d in reviews:
        req = by_id.get(d.req_id)
        if req is None:
            continue
        if d.action == "remove":
            req.sources = [s for s in req.sources if s.stakeholder_id != d.stakeholder_id]
            req.reasons.append(f"{d.stakeholder_id}在确认环节删除了本条" if language == "zh"
                               else f"removed by {d.stakeholder_id} in review")
            if not req.sources:
                req.status = "removed"
        elif d.action == "confirm":
            if req.status == "proposed":
                req.status = "confirmed"
        elif d.action == "correct" and d.text and d.text.strip() and not is_injection(d.text):
            req.statement = d.text.strip()
            req.reasons.append(f"表述由{d.stakeholder_id}在确认环节修正" if language == "zh"
                               else f"wording corrected by {d.stakeholder_id} in review")
            if req.status == "proposed":
                req.status = "confirmed"


def _conflicts(disputes: list[Dispute], drafts: list[tuple[Cluster, Requirement]]) -> list[Conflict]:
    primary_of: dict[int, str] = {}
    any_of: dict[int, str] = {}
    by_entry: dict[str, str] = {}
    for cluster, req in drafts:
        for s in cluster.sentences:
            if s.id in cluster.primary:
                primary_of[s.id] = req.id
            any_of.setdefault(s.id, req.id)
        if cluster.entry is not None:
            by_entry[cluster.entry.id] = req.id
        for e in cluster.folded:
            by_entry.setdefault(e.id, req.id)
    out: list[Conflict] = []
    for d in disputes:
        ids = [primary_of.get(s.id) or any_of.get(s.id) for s in d.sentences]
        ids += [by_entry[e] for e in d.entry_ids if e in by_entry]
        ids = sorted({i for i in ids if i})
        people = list(dict.fromkeys(d.sides[0] + d.sides[1]))
        out.append(Conflict(id=f"CON-{len(out) + 1}", summary=d.summary, requirement_ids=ids,
                            stakeholder_ids=people, topic=d.topic))
    return out
