"""`reqbot spec`: write the requirements specification (.docx) of a project.

Exit codes: 0 written (or changes shown), 2 bad input (unknown project, no answers,
missing output folder, template without a needed style), 1 any other failure.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from sqlalchemy.exc import SQLAlchemyError

from bot.cli.common import (
    EXIT_BAD_INPUT, EXIT_FAILURE, LanguageChoice, choose_project, database_error_reason, fail, write_line,
)


def register(app: typer.Typer) -> None:
    app.command("spec")(spec_command)


def spec_command(
    project: Annotated[Optional[str], typer.Option(
        "--project", "-p", help="The project; may be left out when the store holds only one.")] = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="The .docx file to write (its folder must exist). Required unless --diff is given.",
        dir_okay=False)] = None,
    lang: Annotated[Optional[LanguageChoice], typer.Option(
        "--lang", "-l", help="Language of the document (default: the project's language).",
        case_sensitive=False)] = None,
    template: Annotated[Optional[Path], typer.Option(
        "--template", "-t", help="A Word .docx template defining the same style names as "
        "spec_templates/reqbot_spec.docx (default: that file).", dir_okay=False)] = None,
    diff: Annotated[bool, typer.Option(
        "--diff", help="Show requirements added, removed and re-prioritized since the last written version. "
        "Without --out nothing is written.")] = False,
    fresh: Annotated[bool, typer.Option(
        "--fresh", help="Run the analysis again first instead of using the latest kept requirement set.")] = False,
) -> None:
    """Write the requirements specification (需求规格说明书) of a project as a Word document.

    Uses the project's latest requirement set, as `reqbot requirements` keeps it (the analysis runs when there is none). The file is written atomically and recorded as the next spec version; the command prints its path and a one-line summary.

    Exit status: 0 done, 2 bad input, 1 other failure.
    """  # noqa: E501 - one line per paragraph: the help screen wraps it
    if out is None and not diff:
        fail("give --out FILE.docx (or --diff to only show what changed)", EXIT_BAD_INPUT)
    from bot.spec import SpecError                       # imported late: keeps `reqbot --help` quick
    from bot.spec.service import pending_changes, write_project_spec
    from bot.store import Store, StoreError
    language = lang.value if lang else None
    try:
        with Store.from_settings() as store:
            name = choose_project(store, project)
            if out is None:
                changes, previous, current = pending_changes(store, name, fresh, language)
                _print_diff(changes, previous, len(current.requirements))
                return
            run = write_project_spec(store, name, out, language=language, template=template, fresh=fresh)
    except SpecError as exc:
        fail(str(exc), EXIT_BAD_INPUT)
    except (StoreError, SQLAlchemyError) as exc:
        fail(f"database error: {database_error_reason(exc)}", EXIT_FAILURE)
    write_line(str(run.summary.path))
    write_line(run.summary.line())
    if diff:
        _print_diff(run.diff, run.previous_version, run.summary.requirements)


def _print_diff(changes, previous: int | None, total: int) -> None:
    if previous is None:
        write_line(f"no specification written yet: all {total} requirements are new")
        return
    write_line(f"since version {previous}: {changes.summary('en')}")
    for line in changes.lines():
        write_line(f"  {line}")
