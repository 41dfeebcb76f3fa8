"""The Slack app's door to analysis and the spec writer (no logic of its own here).

Kept apart so the PM commands read as Slack glue, and so the places that call the
analysis and spec modules are one short file.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from bot.language import Language
from bot.models import Project, RequirementSet
from bot.store import Store


class WrittenSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: Path
    version: int
    requirements: int


def current_requirements(store: Store, project: Project, language: Language | None = None) -> RequirementSet:
    """Analyse every answer of the project now, with the PMs' priority overrides and the
    stakeholders' review verdicts applied, and keep the result (as `reqbot requirements`)."""
    from bot.analysis import analyze   # imported here: loading the catalog takes a moment
    name = project.name
    result = analyze(name, store.list_interviews(name), language=language or project.language,
                     id_for=lambda key: store.requirement_id_for(name, key),
                     overrides=store.priority_overrides(name), reviews=store.review_decisions(name))
    store.save_requirement_set(result)
    return result


def latest_requirements(store: Store, project: Project) -> RequirementSet | None:
    """The last analysis result kept in the store, or a fresh one when none was kept."""
    return store.latest_requirement_set(project.name) or current_requirements(store, project)


def write_project_spec(store: Store, project: Project, folder: Path, language: Language) -> WrittenSpec:
    from bot.spec import write_spec
    requirement_set = current_requirements(store, project, language)
    version = len(store.spec_versions(project.name)) + 1
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{_slug(project.name)}-v{version}.docx"
    summary = write_spec(project, requirement_set, store.list_interviews(project.name), out=out,
                         language=language, version=version)
    recorded = store.record_spec_version(project.name, requirement_set, str(summary.path), language)
    return WrittenSpec(path=summary.path, version=recorded, requirements=summary.requirements)


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
