"""Analysis of a stored project: the one place that runs `analyze` over the store.

`reqbot requirements`, `reqbot spec`, the demo and the Slack app all come here, so each
applies the same priority overrides and review decisions, hands out the same stable
requirement ids and keeps the result in the store.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot.language import Language
from bot.models import RequirementSet

if TYPE_CHECKING:
    from bot.store import Store


class NoAnswersError(ValueError):
    """The project has no answers to analyse yet."""


def analyse_project(store: Store, project: str, language: Language | None = None) -> RequirementSet:
    """Analyse every answer of `project` (wording in `language`, default the project's) and keep the set."""
    interviews = store.list_interviews(project)
    if not any(t.answer for i in interviews for t in i.turns):
        raise NoAnswersError(f"project '{project}' has no answers yet; import interview notes with "
                             "`reqbot import FILE.json` or run interviews first")
    from bot.analysis.analyze import analyze      # imported late: loading the catalog takes a moment
    record = store.get_project(project)
    result = analyze(project, interviews, language=language or (record.language if record else None),
                     id_for=lambda key: store.requirement_id_for(project, key),
                     overrides=store.priority_overrides(project), reviews=store.review_decisions(project))
    store.save_requirement_set(result)
    return result
