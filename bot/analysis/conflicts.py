"""Incompatible asks between stakeholders, found by two generic mechanisms.

1. Opposing stances on one axis (catalog.json "axes": SaaS vs on-premise, ship first vs
   approve/prepay first, central vs local pricing, partial vs complete shipments …).
   Each mention of a pole's words counts for that pole, or for the other one when the
   speaker argues against it ("我坚决反对先发货", "franchisees shouldn't … their own
   promotions", "if we force prepayment … we lose"). A stakeholder takes the pole with
   the clearly larger total; people on opposite poles conflict.
2. Different values for the same parameter (an entry's "parameter": reservation period,
   history to migrate, order cut-off time, discount threshold …): values stated in
   sentences about that parameter (or answering a question about it) by different
   people that do not overlap.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.analysis.catalog import Catalog
from bot.analysis.clauses import split_parts
from bot.analysis.cues import AGAINST, DOWNSIDE, MUST, PREFER
from bot.analysis.extract import Sentence
from bot.analysis.kpis import Quantity, quantities
from bot.language import Language

STANCE_MARGIN = 1.0
NAMES_SHOWN = 6          # names spelled out per side in a summary; the ids list them all


@dataclass
class Dispute:
    topic: str                                  # axis id or entry id
    summary: str
    sides: list[list[str]]                      # stakeholder ids per side
    sentences: list[Sentence] = field(default_factory=list)
    entry_ids: list[str] = field(default_factory=list)   # entries the topic belongs to


def find_disputes(sentences: list[Sentence], catalog: Catalog, language: Language) -> list[Dispute]:
    names = {s.stakeholder.id: s.stakeholder.name for s in sentences}
    return _stance_disputes(sentences, catalog, language, names) + \
        _parameter_disputes(sentences, catalog, language, names)


# --- stances ------------------------------------------------------------------------------

@dataclass
class Stance:
    axis: str
    sides: list[list[str]]                      # stakeholder ids on each pole
    evidence: dict[str, list[Sentence]]


def stances(sentences: list[Sentence], catalog: Catalog) -> list[Stance]:
    """Who stands where on every axis somebody took a clear stance on."""
    out: list[Stance] = []
    present = {s.id: catalog.axes_in(s.text) for s in sentences}
    for axis in catalog.axes.values():
        totals: dict[str, list[float]] = {}
        evidence: dict[str, list[Sentence]] = {}
        for s in sentences:
            if axis.id not in present[s.id]:
                continue
            votes = _votes(s, catalog, axis.id, [p.id for p in axis.poles])
            if votes == [0.0, 0.0]:
                continue
            t = totals.setdefault(s.stakeholder.id, [0.0, 0.0])
            t[0] += votes[0]
            t[1] += votes[1]
            evidence.setdefault(s.stakeholder.id, []).append(s)
        sides: list[list[str]] = [[], []]
        for person, (a, b) in totals.items():
            if a - b >= STANCE_MARGIN:
                sides[0].append(person)
            elif b - a >= STANCE_MARGIN:
                sides[1].append(person)
        if sides[0] or sides[1]:
            out.append(Stance(axis.id, sides, evidence))
    return out


def _stance_disputes(sentences: list[Sentence], catalog: Catalog, language: Language,
                     names: dict[str, str]) -> list[Dispute]:
    out: list[Dispute] = []
    for stance in stances(sentences, catalog):
        sides, axis = stance.sides, catalog.axes[stance.axis]
        if sides[0] and sides[1]:
            entries = [e.id for e in catalog.entries if axis.id in e.axes]
            used = [s for p in sides[0] + sides[1] for s in stance.evidence[p]]
            out.append(Dispute(
                topic=axis.id, sides=sides, sentences=used, entry_ids=entries,
                summary=_stance_summary(language, axis.topic.get(language), sides, names,
                                        [p.label.get(language) for p in axis.poles]),
            ))
    return out


def _votes(s: Sentence, catalog: Catalog, axis_id: str, poles: list[str]) -> list[float]:
    votes = [0.0, 0.0]
    if not any(catalog.pole_matches(axis_id, pole, s.text) for pole in poles):
        return votes
    weight = 1.0 + 0.5 * bool(PREFER.count(s.text)) + 0.5 * bool(MUST.count(s.text))
    parts = split_parts(s.text)
    # "if we force prepayment on everyone, stores order less": a warning in any part of a
    # sentence turns the option it names into an argument against it
    downside = any(DOWNSIDE.count(p) and any(catalog.pole_matches(axis_id, pole, p) for pole in poles) for p in parts) \
        or (DOWNSIDE.count(s.text) and len(parts) == 1)
    for part in parts:
        against = AGAINST.count(part) > 0 or bool(downside)
        for side, pole in enumerate(poles):
            hits = len(catalog.pole_matches(axis_id, pole, part))
            if hits:
                votes[1 - side if against else side] += weight * min(hits, 2)
    return votes


def _names(language: Language, people: list[str], names: dict[str, str]) -> str:
    shown = ("、" if language == "zh" else ", ").join(names[p] for p in people[:NAMES_SHOWN])
    more = len(people) - NAMES_SHOWN
    if more > 0:
        shown += f"等{len(people)}人" if language == "zh" else f" and {more} others"
    return shown


def _stance_summary(language: Language, topic: str, sides: list[list[str]], names: dict[str, str],
                    labels: list[str]) -> str:
    a = _names(language, sides[0], names)
    b = _names(language, sides[1], names)
    if language == "zh":
        return f"{topic}存在分歧:{a}主张{labels[0]};{b}主张{labels[1]}。"
    return f"Disagreement on {topic}: {a} want {labels[0]}; {b} want {labels[1]}."


# --- parameters ---------------------------------------------------------------------------

def _parameter_disputes(sentences: list[Sentence], catalog: Catalog, language: Language,
                        names: dict[str, str]) -> list[Dispute]:
    out: list[Dispute] = []
    for entry in catalog.entries:
        if entry.parameter is None:
            continue
        values: dict[str, list[Quantity]] = {}
        evidence: dict[str, list[Sentence]] = {}
        for s in sentences:
            if not (catalog.mentions_parameter(entry.id, s.text) or (s.assigned[:1] == [entry.id] and s.cues.is_need) or
                    (catalog.mentions_parameter(entry.id, s.question) and entry.id in s.assigned + s.question_topics)):
                continue
            found = [q for part in _parameter_parts(s.text, entry.id, catalog)
                     for q in quantities(part) if q.kind == entry.parameter.kind and not _AGO.match(part[q.end:])]
            if found:
                values.setdefault(s.stakeholder.id, []).extend(found)
                evidence.setdefault(s.stakeholder.id, []).append(s)
        people = list(values)
        sides = _value_sides(values)
        if sides is None:
            continue
        left, right = sides
        shown = {p: "/".join(dict.fromkeys(q.text for q in values[p])) for p in people}
        sep = ";" if language == "zh" else "; "
        detail = sep.join(f"{names[p]} {shown[p]}" for p in (left[:NAMES_SHOWN] + right[:NAMES_SHOWN]))
        title = entry.title.get(language)
        summary = f"{title}的取值不一致:{detail}。" if language == "zh" else f"Different values asked for {title.lower()}: {detail}."
        used = [s for p in left + right for s in evidence[p]]
        out.append(Dispute(topic=entry.id, summary=summary, sides=[left, right], sentences=used, entry_ids=[entry.id]))
    return out


_AGO = re.compile(r"\s*(ago|before|earlier|前|以前|之前|多前)", re.IGNORECASE)     # "two years ago": a date, not a setting


def _bounds(q: Quantity) -> tuple[float, float]:
    """The range a value stands for: clock times ±20 minutes, amounts ±15%."""
    if q.kind == "clock":
        return q.low - 20, q.high + 20
    return q.low * 0.87, q.high * 1.15


def _value_sides(values: dict[str, list[Quantity]]) -> tuple[list[str], list[str]] | None:
    """People whose values include the most widely shared value, and people whose values
    are all elsewhere; None when everyone's values meet. Sorting the range ends keeps this
    at n·log n however many people give a value."""
    events: list[tuple[float, int, str]] = []
    for person, qs in values.items():
        for q in qs:
            lo, hi = _bounds(q)
            events.append((lo, 0, person))
            events.append((hi, 1, person))
    events.sort()
    open_now: dict[str, int] = {}
    best, best_at = 0, None
    for at, kind, person in events:
        if kind == 0:
            open_now[person] = open_now.get(person, 0) + 1
            if len(open_now) > best:
                best, best_at = len(open_now), at
        else:
            open_now[person] -= 1
            if not open_now[person]:
                del open_now[person]
    if best_at is None:
        return None
    shared = [p for p, qs in values.items() if any(_bounds(q)[0] <= best_at <= _bounds(q)[1] for q in qs)]
    apart = [p for p in values if p not in shared]
    return (shared, apart) if shared and apart else None


def _parameter_parts(text: str, entry_id: str, catalog: Catalog) -> list[str]:
    """The parts of a sentence that state the parameter: those naming it (all parts when
    none does, e.g. a bare answer to a question about it), minus any part that names a
    value only to warn against it ("15点截单我们会丢掉很多订单", "otherwise we lose …")."""
    parts = split_parts(text)
    naming = [p for p in parts if catalog.mentions_parameter(entry_id, p)]
    return [p for p in (naming or parts) if not DOWNSIDE.count(p)]
