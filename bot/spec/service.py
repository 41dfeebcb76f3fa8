"""The specification of a stored project: what `reqbot spec`, `reqbot demo` and Slack call.

    run = write_project_spec(store, "ACME", Path("spec.docx"))
    print(run.summary.path, run.summary.line(), run.diff.summary())

Takes the project's latest requirement set from the store (running the analysis and
keeping its result when there is none, or when `fresh=True`), numbers the document as
the next spec version, writes it atomically, records the version, and says what changed
since the previous version. Uses the store and analysis; knows nothing of a terminal.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.analysis.project import NoAnswersError, analyse_project
from bot.language import Language
from bot.models import RequirementSet
from bot.spec import Revision, SpecSummary, check_output_path, write_spec
from bot.spec.diff import SpecDiff, diff_requirement_sets
from bot.spec.errors import SpecError
from bot.spec.i18n import tr


@dataclass
class SpecRun:
    summary: SpecSummary
    diff: SpecDiff                      # against the previous recorded version (all added for the first)
    previous_version: int | None
    analysed: bool                      # True when the analysis ran for this document


def current_requirement_set(store, project: str, fresh: bool = False,
                            language: Language | None = None) -> tuple[RequirementSet, bool]:
    """(set, analysed): the latest kept set, or a new analysis (kept) when none exists or `fresh`."""
    if not fresh:
        kept = store.latest_requirement_set(project)
        if kept is not None:
            return kept, False
    try:
        result = analyse_project(store, project, language)
    except NoAnswersError as exc:
        raise SpecError(str(exc)) from exc
    return result, True


def change_note(diff: SpecDiff, previous: int | None, language: Language) -> str | None:
    if previous is None:
        return None
    return tr("revision.since", language, version=tr("doc.version", language, n=previous),
              changes=diff.summary(language))


def revision_history(store, project: str, language: Language) -> list[Revision]:
    """Earlier versions with what each changed, read back from the sets they were built from."""
    revisions, before = [], None
    for record in store.spec_versions(project):
        body = store.get_spec_version(project, record.version)
        active = len([r for r in body.requirements if r.status != "removed"]) if body else None
        if body is not None and before is not None:
            summary = change_note(diff_requirement_sets(before, body), revisions[-1].version, language) or ""
        else:
            summary = tr("revision.first.short", language)
        revisions.append(Revision(version=record.version, created_at=record.created_at, summary=summary,
                                  requirements=active))
        before = body if body is not None else before
    return revisions


def pending_changes(store, project: str, fresh: bool = False,
                    language: Language | None = None) -> tuple[SpecDiff, int | None, RequirementSet]:
    """What a new document would change since the last recorded version (nothing written)."""
    current, _ = current_requirement_set(store, project, fresh, language)
    versions = store.spec_versions(project)
    previous = versions[-1].version if versions else None
    old = store.get_spec_version(project, previous) if previous else None
    return diff_requirement_sets(old, current), previous, current


def write_project_spec(store, project: str, out: Path, *, language: Language | None = None,
                       template: Path | None = None, fresh: bool = False) -> SpecRun:
    record = store.get_project(project)
    if record is None:
        raise SpecError(f"no project called '{project}'")
    out = check_output_path(Path(out))          # a bad path fails before the analysis runs
    lang: Language = language or record.language
    requirement_set, analysed = current_requirement_set(store, project, fresh, language)
    interviews = store.list_interviews(project)
    revisions = revision_history(store, project, lang)
    previous = revisions[-1].version if revisions else None
    old = store.get_spec_version(project, previous) if previous else None
    diff = diff_requirement_sets(old, requirement_set)
    note = change_note(diff, previous, lang)
    version = (previous or 0) + 1

    def write(number: int) -> SpecSummary:
        return write_spec(record, requirement_set, interviews, out=out, language=lang, template=template,
                          version=number, revisions=revisions, change_note=note)

    summary = write(version)
    recorded = store.record_spec_version(project, requirement_set, str(summary.path), lang)
    if recorded != version:             # another process recorded a version meanwhile: renumber the file
        summary = write(recorded)
    return SpecRun(summary=summary, diff=diff, previous_version=previous, analysed=analysed)
