"""A project's interview progress: who finished, who is pending, which topics each role
covered. Read from the store; shown by `/reqbot status` and the App Home tab."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from bot.interview.plan import plan_topics
from bot.models import ROLES
from bot.store import Store

FINISHED = ("completed", "imported")


class PersonStatus(BaseModel):
    model_config = ConfigDict(extra="forbid")
    stakeholder_id: str
    name: str
    role: str
    slack_user_id: str | None
    status: str
    answered: int
    skipped: int
    updated_at: datetime

    @property
    def finished(self) -> bool:
        return self.status in FINISHED


class RoleCoverage(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: str
    people: int
    finished: int
    covered: list[str]          # topic ids with at least one answer from this role
    missing: list[str]          # topics of the role's plan nobody of the role has answered yet


class ProjectStatus(BaseModel):
    model_config = ConfigDict(extra="forbid")
    project: str
    people: list[PersonStatus]
    roles: list[RoleCoverage]

    @property
    def finished(self) -> int:
        return sum(p.finished for p in self.people)

    @property
    def pending(self) -> list[PersonStatus]:
        return [p for p in self.people if not p.finished]


def project_status(store: Store, project: str) -> ProjectStatus:
    people: list[PersonStatus] = []
    covered: dict[str, set[str]] = {}
    for interview in store.list_interviews(project):
        person = interview.stakeholder
        answered = [t for t in interview.turns if t.status == "answered"]
        people.append(PersonStatus(
            stakeholder_id=person.id, name=person.name, role=person.role, slack_user_id=person.slack_user_id,
            status=interview.status, answered=len(answered),
            skipped=sum(t.status == "skipped" for t in interview.turns), updated_at=interview.updated_at))
        covered.setdefault(person.role, set()).update(t.topic for t in answered if t.topic)
    roles = []
    for role in ROLES:
        members = [p for p in people if p.role == role]
        if not members:
            continue
        plan = [t.id for t in plan_topics(role)]
        done = covered.get(role, set())
        roles.append(RoleCoverage(role=role, people=len(members), finished=sum(p.finished for p in members),
                                  covered=[t for t in plan if t in done] + sorted(done - set(plan)),
                                  missing=[t for t in plan if t not in done]))
    return ProjectStatus(project=project, people=people, roles=roles)
