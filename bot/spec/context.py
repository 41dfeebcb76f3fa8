"""Everything a section builder needs, computed once from the models.

The builders read a `SpecContext`: the active requirements in rank order, the
stakeholders with their interview facts, the checklist, labels in the document's
language. Nothing here knows about Word.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from bot.language import Language
from bot.models import ROLES, Interview, Project, Requirement, RequirementSet, Stakeholder
from bot.spec import i18n
from bot.spec.checklist import Checklist
from bot.spec.classify import Home, detail_home
from bot.spec.template import Layout


class Revision(BaseModel):
    """One row of the revision history (an earlier recorded version of the spec)."""
    model_config = ConfigDict(extra="forbid")
    version: int
    created_at: datetime
    summary: str = ""
    requirements: int | None = None


@dataclass
class StakeholderView:
    id: str
    name: str
    role: str
    interviewed: bool = False
    first: datetime | None = None
    last: datetime | None = None
    answered: int = 0
    skipped: int = 0
    topics: list[str] = field(default_factory=list)
    skipped_questions: list[str] = field(default_factory=list)
    requirement_ids: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def _sort_key(requirement: Requirement) -> tuple:
    # rank 0 means "not ranked": after the ranked ones, by score then id
    return (requirement.rank <= 0, requirement.rank, -requirement.score, requirement.id)


def _stakeholder_views(interviews: list[Interview], requirements: list[Requirement]) -> list[StakeholderView]:
    views: dict[str, StakeholderView] = {}
    for interview in interviews:
        person: Stakeholder = interview.stakeholder
        view = views.setdefault(person.id, StakeholderView(person.id, person.name, person.role))
        view.interviewed = True
        for turn in interview.turns:
            if turn.status == "answered" and turn.answer:
                view.answered += 1
                when = turn.answered_at or turn.asked_at
                view.first = min(view.first, when) if view.first else when
                view.last = max(view.last, when) if view.last else when
                if turn.topic and turn.topic not in view.topics:
                    view.topics.append(turn.topic)
            elif turn.status == "skipped":
                view.skipped += 1
                view.skipped_questions.append(turn.question)
        if view.first is None:
            view.first = interview.started_at
    for requirement in requirements:
        for source in requirement.sources:
            view = views.setdefault(source.stakeholder_id,
                                    StakeholderView(source.stakeholder_id, source.name, source.role))
            if requirement.id not in view.requirement_ids:
                view.requirement_ids.append(requirement.id)
            category = str(requirement.category)
            if category not in view.categories:
                view.categories.append(category)
    role_order = {role: i for i, role in enumerate(ROLES)}
    return sorted(views.values(), key=lambda v: (role_order.get(v.role, len(ROLES)), v.name, v.id))


@dataclass
class SpecContext:
    project: Project
    requirement_set: RequirementSet
    interviews: list[Interview]
    lang: Language
    version: int
    date: date
    revisions: list[Revision]
    checklist: Checklist
    layout: Layout
    change_note: str | None = None

    requirements: list[Requirement] = field(init=False)
    withdrawn: list[Requirement] = field(init=False)
    by_id: dict[str, Requirement] = field(init=False)
    stakeholders: list[StakeholderView] = field(init=False)
    people: dict[str, StakeholderView] = field(init=False)
    homes: dict[str, Home] = field(init=False)

    def __post_init__(self) -> None:
        ordered = sorted(self.requirement_set.requirements, key=_sort_key)
        self.requirements = [r for r in ordered if r.status != "removed"]
        self.withdrawn = [r for r in ordered if r.status == "removed"]
        self.by_id = {r.id: r for r in ordered}
        self.stakeholders = _stakeholder_views(self.interviews, self.requirements)
        self.people = {v.id: v for v in self.stakeholders}
        self.homes = {r.id: detail_home(r) for r in self.requirements}
        self.score_format = "{:.2f}" if all(abs(r.score) <= 1.0 for r in self.requirements) else "{:.1f}"

    # --- words -------------------------------------------------------------------------------
    def t(self, key: str, **fields: object) -> str:
        return i18n.tr(key, self.lang, **fields)

    def role(self, role: str) -> str:
        return i18n.role_label(role, self.lang)

    def role_short(self, role: str) -> str:
        return i18n.role_short(role, self.lang)

    def category(self, category: str) -> str:
        return i18n.category_label(category, self.lang)

    def n(self, noun: str, count: int) -> str:
        return i18n.count_noun(noun, count, self.lang)

    def category_short(self, category: str) -> str:
        return i18n.category_short(category, self.lang)

    def priority(self, priority: str) -> str:
        return i18n.priority_label(priority, self.lang)

    def join(self, items: list[str]) -> str:
        return i18n.join_list(items, self.lang)

    def section_title(self, section_id: str) -> str:
        return self.t(f"section.{section_id}")

    def score(self, requirement: Requirement) -> str:
        return self.score_format.format(requirement.score)

    def person(self, stakeholder_id: str, name: str | None = None, role: str | None = None) -> str:
        view = self.people.get(stakeholder_id)
        return self.t("person", name=view.name if view else (name or stakeholder_id),
                      role=self.role(view.role if view else (role or "other")))

    @staticmethod
    def day(value: datetime | date | None) -> str:
        return value.strftime("%Y-%m-%d") if value else ""

    # --- facts -------------------------------------------------------------------------------
    def departments(self, requirement: Requirement) -> list[str]:
        """Role keys of the people who raised it, in the fixed role order."""
        roles = {s.role for s in requirement.sources}
        return [role for role in ROLES if role in roles]

    def department_labels(self, requirement: Requirement) -> str:
        return self.join([self.role(r) for r in self.departments(requirement)]) or self.t("dash")

    def kpi_text(self, kpi) -> str:
        metric = kpi.metric
        if kpi.current and kpi.target:
            return self.t("kpi.format", metric=metric, current=kpi.current, target=kpi.target)
        if kpi.target:
            return self.t("kpi.target_only", metric=metric, target=kpi.target)
        if kpi.current:
            return self.t("kpi.current_only", metric=metric, current=kpi.current)
        return metric

    def in_section(self, section: str) -> list[Requirement]:
        return [r for r in self.requirements if self.homes[r.id].section == section]

    def by_category(self, requirements: list[Requirement]) -> dict[str, list[Requirement]]:
        """Categories ordered by their most important requirement."""
        groups: dict[str, list[Requirement]] = defaultdict(list)
        for requirement in requirements:
            groups[str(requirement.category)].append(requirement)
        return dict(groups)

    @property
    def interviewed(self) -> list[StakeholderView]:
        return [v for v in self.stakeholders if v.interviewed]

    @property
    def answers(self) -> int:
        return sum(v.answered for v in self.stakeholders)

    @property
    def department_count(self) -> int:
        return len({v.role for v in self.stakeholders})

    def priority_counts(self) -> dict[str, int]:
        counts = {p: 0 for p in ("must", "should", "could", "wont")}
        for requirement in self.requirements:
            counts[str(requirement.priority)] = counts.get(str(requirement.priority), 0) + 1
        return counts
