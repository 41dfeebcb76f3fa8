"""The Slack app's door to analysis and the spec writer (no logic of its own here).

The PM commands call the same project services as `reqbot requirements` and
`reqbot spec` (bot/spec/service.py), always re-analysing first so answers given since
the last run, new priority overrides and review verdicts are all in.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from bot.language import Language
from bot.models import Project, RequirementSet
from bot.spec.errors import SpecError
from bot.store import Store

__all__ = ["SpecError", "WrittenSpec", "current_requirements", "latest_requirements", "write_project_spec",
           "warm_up"]


class WrittenSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: Path
    version: int
    requirements: int


def current_requirements(store: Store, project: Project, language: Language | None = None) -> RequirementSet:
    """A fresh analysis of every answer (kept in the store). SpecError when nobody answered yet."""
    from bot.spec.service import current_requirement_set
    return current_requirement_set(store, project.name, fresh=True, language=language)[0]


def latest_requirements(store: Store, project: Project) -> RequirementSet:
    """The last kept analysis, or a fresh one when there is none."""
    from bot.spec.service import current_requirement_set
    return current_requirement_set(store, project.name)[0]


def write_project_spec(store: Store, project: Project, folder: Path, language: Language) -> WrittenSpec:
    from bot.spec.service import write_project_spec as write
    folder.mkdir(parents=True, exist_ok=True)
    version = len(store.spec_versions(project.name)) + 1          # the file name only; the store numbers
    out = folder / f"{_slug(project.name)}-v{version}.docx"
    run = write(store, project.name, out, language=language, fresh=True)
    return WrittenSpec(path=run.summary.path, version=run.summary.version, requirements=run.summary.requirements)


def warm_up() -> None:
    """Load what the first person would otherwise wait for: the checklist index (its first
    build takes ~20 s) and the analysis's catalog vectors (~10 s on first use in a process,
    paid when someone's closing review is prepared)."""
    from bot.analysis import analyze
    from bot.models import Interview, Stakeholder, Turn
    from bot.retrieval.index import get_index
    get_index()
    sample = Interview(project="warm-up", stakeholder=Stakeholder(id="warm-up", name="warm-up", role="other"),
                       turns=[Turn(index=0, question="?", answer="We need orders to sync to the ERP.",
                                   status="answered")])
    analyze("warm-up", [sample], language="en")


def _slug(name: str) -> str:
    kept = "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-")
    return kept[:60] or "project"
