"""`reqbot requirements`: analyse a project's answers into the prioritized requirement set.

Exit codes: 0 printed (and kept in the store), 2 bad input (no such project, several
projects and none chosen, a project without answers, unwritable --out), 1 any other
failure (e.g. the database cannot be reached).
"""
from __future__ import annotations

import csv
import io
import json
import logging
import os
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from sqlalchemy.exc import SQLAlchemyError

from bot.cli.common import (
    EXIT_BAD_INPUT, EXIT_FAILURE, LanguageChoice, choose_project, console, database_error_reason, fail, write_line,
)
from bot.models import RequirementSet
from bot.store import Store, StoreError


log = logging.getLogger(__name__)


class Format(str, Enum):
    json = "json"
    md = "md"
    csv = "csv"


def register(app: typer.Typer) -> None:
    app.command("requirements")(requirements_command)


def requirements_command(
    project: Annotated[Optional[str], typer.Option(
        "--project", "-p", help="The project to analyse; may be left out when the store holds only one.")] = None,
    fmt: Annotated[Format, typer.Option(
        "--format", "-f", help="json (the contract other tools read), md (tables for people) or csv (one row per requirement).",
        case_sensitive=False)] = Format.json,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Write to this file instead of standard output.", dir_okay=False)] = None,
    language: Annotated[Optional[LanguageChoice], typer.Option(
        "--language", "-l", help="Wording of titles, statements and reasons (default: the project's language).",
        case_sensitive=False)] = None,
) -> None:
    """Analyse every answer of a project into one deduplicated, prioritized requirement set.

    Each requirement lists every stakeholder who raised it, with their words; the set
    also lists where stakeholders disagree. Requirement ids (REQ-001 …) stay the same
    when the analysis is run again. The result is kept in the store, with the project
    managers' priority overrides and the stakeholders' review verdicts applied.

    Exit status: 0 done, 2 bad input (unknown project, no answers), 1 other failure.
    """
    from bot.analysis.project import NoAnswersError, analyse_project
    try:
        with Store.from_settings() as store:
            name = choose_project(store, project)
            result = analyse_project(store, name, language.value if language else None)
    except NoAnswersError as exc:
        fail(escape(str(exc)), EXIT_BAD_INPUT)
    except (StoreError, SQLAlchemyError) as exc:
        fail(f"database error: {database_error_reason(exc)}", EXIT_FAILURE)
    except typer.Exit:
        raise
    except Exception as exc:       # never a traceback to the user; the log has the details
        log.exception("reqbot requirements failed")
        fail(f"the analysis failed: {escape(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)}",
             EXIT_FAILURE)

    text = render(result, fmt.value)
    if out is None:
        write_line(text.rstrip("\n"))
        return
    try:
        _write_atomically(out, text)
    except OSError as exc:
        fail(f"cannot write {escape(str(out))}: {escape(exc.strerror or str(exc))}", EXIT_BAD_INPUT)
    console.print(f"{len(result.requirements)} requirements and {len(result.conflicts)} conflicts of "
                  f"project '{result.project}' written to {out}", markup=False, highlight=False, soft_wrap=True)


def _write_atomically(path: Path, text: str) -> None:
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- renderings ---------------------------------------------------------------------------

def render(result: RequirementSet, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(result)
    return _markdown(result)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(result: RequirementSet) -> str:
    lines = [f"# Requirements: {result.project}", "",
             f"{len(result.requirements)} requirements, {len(result.conflicts)} conflicts.", "",
             "| Rank | ID | Priority | Score | Category | Title | Raised by | KPI |",
             "|---:|---|---|---:|---|---|---|---|"]
    for r in result.requirements:
        people = ", ".join(s.name for s in r.sources)
        kpis = "; ".join(f"{k.metric}: {k.current + ' → ' if k.current else ''}{k.target or ''}" for k in r.kpis)
        status = "" if r.status == "proposed" else f" ({r.status})"
        lines.append(f"| {r.rank} | {r.id} | {r.priority.value}{status} | {r.score:g} | {r.category.value} | "
                     f"{_cell(r.title)} | {_cell(people)} | {_cell(kpis)} |")
    if result.conflicts:
        lines += ["", "## Conflicts", ""]
        for c in result.conflicts:
            lines.append(f"- **{c.id}** ({', '.join(c.requirement_ids)}): {c.summary}")
    lines += ["", "## Details", ""]
    for r in result.requirements:
        lines += [f"### {r.id} {r.title}", "", r.statement, "",
                  f"- Priority: {r.priority.value} (score {r.score:g}, rank {r.rank}); "
                  f"{r.category.value}, {r.type.replace('_', '-')}; checklist {', '.join(r.checklist_refs) or '-'}"]
        lines += [f"- Why: {reason}" for reason in r.reasons]
        lines += [f"- {s.name} ({s.role}): “{s.quote}”" for s in r.sources]
        if r.conflicts:
            lines.append(f"- Conflicts: {', '.join(r.conflicts)}")
        lines.append("")
    return "\n".join(lines)


CSV_COLUMNS = ["rank", "id", "priority", "score", "status", "category", "type", "title", "statement", "kpis",
               "checklist_refs", "stakeholders", "reasons", "conflicts"]


def _csv(result: RequirementSet) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in result.requirements:
        writer.writerow([
            r.rank, r.id, r.priority.value, f"{r.score:g}", r.status, r.category.value, r.type, r.title, r.statement,
            "; ".join(f"{k.metric}: {k.current + ' -> ' if k.current else ''}{k.target or ''}" for k in r.kpis),
            " ".join(r.checklist_refs), "; ".join(f"{s.name} ({s.role})" for s in r.sources),
            "; ".join(r.reasons), " ".join(r.conflicts),
        ])
    return buffer.getvalue()

