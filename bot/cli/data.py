"""`reqbot import`: load interview notes taken outside Slack into the store.

Exit codes: 0 imported (or already up to date), 2 bad input (unreadable or invalid
file; the message names the field and its position), 1 any other failure (e.g. the
database cannot be reached). Nothing is half-imported in any case.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from sqlalchemy.exc import SQLAlchemyError

from bot.cli.common import EXIT_BAD_INPUT, EXIT_FAILURE, console, database_error_reason, fail
from bot.importer import import_file
from bot.store import ImportResult, StoreError
from bot.transcripts import TranscriptError


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)


def import_command(
    file: Annotated[Path, typer.Argument(
        help='Interview notes as JSON: {"project", "interviews": [{"stakeholder": {"id", "name", "role"}, '
             '"turns": [{"question", "answer"}]}]}.', metavar="FILE.json", show_default=False)],
    project: Annotated[Optional[str], typer.Option(
        "--project", "-p", help="Import into this project instead of the one named in the file.")] = None,
) -> None:
    """Import interview notes taken outside Slack.

    Safe to repeat: importing the same file again changes nothing.

    An edited answer updates that turn; the old answer stays in its history.

    An invalid file is refused whole, with the bad field and its position.

    Exit status: 0 imported, 2 bad or unreadable file, 1 other failure.
    """
    try:
        result = import_file(file, project=project)
    except TranscriptError as exc:
        fail(f"not imported: {escape(str(exc))}", EXIT_BAD_INPUT)
    except (StoreError, SQLAlchemyError) as exc:
        fail(f"not imported, database error: {database_error_reason(exc)}", EXIT_FAILURE)
    console.print(summary(file, result), markup=False, highlight=False, soft_wrap=True)


def summary(file: Path, result: ImportResult) -> str:
    if not result.changed:
        return (f"{file.name}: already imported into project '{result.project}', nothing changed "
                f"({result.unchanged} answers).")
    people = f"{result.stakeholders_added} new stakeholders"
    if result.stakeholders_updated:
        people += f", {result.stakeholders_updated} updated"
    return (f"{file.name} → project '{result.project}': {people}; answers: {result.turns_added} new, "
            f"{result.turns_updated} updated, {result.unchanged} unchanged.")
