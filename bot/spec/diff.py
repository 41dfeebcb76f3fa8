"""What changed between two requirement sets: added, removed, re-prioritized requirements.

Requirements are matched by id (the analysis keeps ids stable across runs); a requirement
whose status became "removed" counts as removed.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from bot.language import Language
from bot.models import Priority, Requirement, RequirementSet


class RequirementRef(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    title: str
    priority: Priority


class PriorityChange(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    title: str
    old: Priority
    new: Priority
    old_rank: int = 0
    new_rank: int = 0


class SpecDiff(BaseModel):
    added: list[RequirementRef] = Field(default_factory=list)
    removed: list[RequirementRef] = Field(default_factory=list)
    reprioritized: list[PriorityChange] = Field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.reprioritized)

    def summary(self, language: Language = "en") -> str:
        if language == "zh":
            return f"新增 {len(self.added)} 条,删除 {len(self.removed)} 条,优先级调整 {len(self.reprioritized)} 条"
        return f"{len(self.added)} added, {len(self.removed)} removed, {len(self.reprioritized)} re-prioritized"

    def lines(self) -> list[str]:
        """One line per change, for the terminal."""
        out = [f"+ {r.id} [{r.priority.value}] {r.title}" for r in self.added]
        out += [f"- {r.id} [{r.priority.value}] {r.title}" for r in self.removed]
        out += [f"~ {c.id} {c.old.value} -> {c.new.value} (rank {c.old_rank} -> {c.new_rank}) {c.title}"
                for c in self.reprioritized]
        return out


def _active(requirement_set: RequirementSet | None) -> dict[str, Requirement]:
    if requirement_set is None:
        return {}
    return {r.id: r for r in requirement_set.requirements if r.status != "removed"}


def _ref(requirement: Requirement) -> RequirementRef:
    return RequirementRef(id=requirement.id, title=requirement.title, priority=requirement.priority)


def diff_requirement_sets(old: RequirementSet | None, new: RequirementSet) -> SpecDiff:
    """Changes from `old` (None: nothing before) to `new`, each list in id order."""
    before, after = _active(old), _active(new)
    added = [_ref(after[i]) for i in sorted(after) if i not in before]
    removed = [_ref(before[i]) for i in sorted(before) if i not in after]
    changed = [
        PriorityChange(id=i, title=after[i].title, old=before[i].priority, new=after[i].priority,
                       old_rank=before[i].rank, new_rank=after[i].rank)
        for i in sorted(after) if i in before and before[i].priority != after[i].priority
    ]
    return SpecDiff(added=added, removed=removed, reprioritized=changed)
