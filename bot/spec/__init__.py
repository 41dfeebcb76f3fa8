"""The requirements specification (需求规格说明书) as a Word document.

    document = build_spec(project, requirement_set, interviews, language="zh")
    summary = write_spec(project, requirement_set, interviews, out=Path("spec.docx"))
    changes = diff_requirement_sets(previous_set, requirement_set)

Content is composed from the shared models (bot/models.py) into plain blocks
(sections/), then drawn into the Word template (render.py) and saved atomically
(writer.py). No Slack, no terminal, no store access here: adapters load the data.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date as Date
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel

from bot.language import Language
from bot.models import Interview, Project, RequirementSet
from bot.spec.checklist import Checklist, load_checklist
from bot.spec.context import Revision, SpecContext
from bot.spec.diff import PriorityChange, RequirementRef, SpecDiff, diff_requirement_sets
from bot.spec.errors import SpecError, TemplateError
from bot.spec.i18n import tr
from bot.spec.render import Renderer, fill_header, landscape_headers
from bot.spec.sections import compose
from bot.spec.template import BUNDLED_LAYOUT, BUNDLED_TEMPLATE, Layout, load_layout, open_template
from bot.spec.writer import check_output_path, save_atomically

__all__ = [
    "build_spec", "write_spec", "compose_spec", "diff_requirement_sets", "SpecSummary", "SpecDiff",
    "RequirementRef", "PriorityChange", "Revision", "SpecError", "TemplateError", "BUNDLED_TEMPLATE",
    "BUNDLED_LAYOUT", "check_output_path",
]


class SpecSummary(BaseModel):
    """What `write_spec` wrote, for the one-line report and the spec-version record."""
    path: Path
    language: Language
    version: int
    requirements: int
    must: int
    conflicts: int
    stakeholders: int
    interviews: int

    def line(self) -> str:
        return (f"{self.requirements} requirements ({self.must} must), {self.conflicts} conflicts, "
                f"{self.stakeholders} stakeholders, version {self.version} ({self.language})")


def _context(project: Project, requirement_set: RequirementSet, interviews: Sequence[Interview],
             language: Language | None, version: int, revisions: Sequence[Revision], date: Date | None,
             checklist: Checklist | None, layout: Layout, change_note: str | None) -> SpecContext:
    lang: Language = language or project.language
    if lang not in ("zh", "en"):
        raise SpecError(f"unsupported language {lang!r}; use zh or en")
    if version < 1:
        raise SpecError("version must be 1 or more")
    return SpecContext(
        project=project, requirement_set=requirement_set, interviews=list(interviews), lang=lang,
        version=version, date=date or Date.today(), revisions=list(revisions),
        checklist=checklist if checklist is not None else load_checklist(lang), layout=layout,
        change_note=change_note,
    )


def compose_spec(project: Project, requirement_set: RequirementSet, interviews: Sequence[Interview] = (),
                 language: Language | None = None, *, version: int = 1, revisions: Sequence[Revision] = (),
                 date: Date | None = None, checklist: Checklist | None = None, layout: Layout | None = None,
                 change_note: str | None = None):
    """The document as blocks (bot.spec.blocks), without Word: for tests and other renderers."""
    layout = layout or load_layout()
    ctx = _context(project, requirement_set, interviews, language, version, revisions, date, checklist,
                   layout, change_note)
    return compose(ctx)


def build_spec(project: Project, requirement_set: RequirementSet, interviews: Sequence[Interview] = (),
               language: Language | None = None, template: Path | None = None, version: int = 1,
               revisions: Sequence[Revision] = (), *, date: Date | None = None,
               checklist: Checklist | None = None, layout: Layout | None = None,
               change_note: str | None = None):
    """The specification as a python-docx Document (not yet saved).

    language: "zh" | "en"; default the project's language. template: a .docx defining the
    style names of layout.json (default spec_templates/reqbot_spec.docx). revisions: the
    earlier recorded versions, shown in the revision history. Raises TemplateError or
    SpecError with a message for the user.
    """
    layout = layout or load_layout()
    document, styles = open_template(template, layout)       # fail on a bad template before any work
    ctx = _context(project, requirement_set, interviews, language, version, revisions, date, checklist,
                   layout, change_note)
    blocks = compose(ctx)
    renderer = Renderer(document, styles, table_label=tr("table.prefix", ctx.lang))
    renderer.render(blocks)
    landscape_headers(document, renderer)
    title = tr("doc.title", ctx.lang)
    fill_header(document, {
        "project": project.name, "title": title, "version": tr("doc.version", ctx.lang, n=version),
        "date": ctx.day(ctx.date), "status": tr("doc.status", ctx.lang),
    })
    props = document.core_properties
    props.title = f"{project.name} {title}"
    props.subject = project.name
    props.author = "reqbot"
    props.revision = version
    props.language = "zh-CN" if ctx.lang == "zh" else "en-US"
    props.comments = ""
    props.last_modified_by = "reqbot"
    props.created = props.modified = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    return document


def write_spec(project: Project, requirement_set: RequirementSet, interviews: Sequence[Interview] = (),
               out: Path | str = "spec.docx", language: Language | None = None, template: Path | None = None,
               version: int = 1, revisions: Sequence[Revision] = (), **options) -> SpecSummary:
    """Build the specification and write it atomically to `out` (a .docx path)."""
    out = check_output_path(Path(out))                       # a bad path fails before the work
    document = build_spec(project, requirement_set, interviews, language, template, version, revisions, **options)
    path = save_atomically(document, out)
    active = [r for r in requirement_set.requirements if r.status != "removed"]
    people = {i.stakeholder.id for i in interviews} | {s.stakeholder_id for r in active for s in r.sources}
    return SpecSummary(
        path=path, language=language or project.language, version=version, requirements=len(active),
        must=sum(1 for r in active if str(r.priority) == "must"), conflicts=len(requirement_set.conflicts),
        stakeholders=len(people), interviews=len(interviews),
    )
