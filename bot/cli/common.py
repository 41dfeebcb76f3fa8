"""Small helpers every CLI command shares: exit codes and error printing."""
from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from bot.store import Store

# Documented in the README's CLI reference.
EXIT_OK = 0
EXIT_FAILURE = 1        # something went wrong that is not the caller's input
EXIT_BAD_INPUT = 2      # bad arguments, bad file, bad question (same code click uses for usage errors)

console = Console()
err_console = Console(stderr=True)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    raise typer.Exit(code)


def is_text(value: str) -> bool:
    """False for arguments that were not valid UTF-8 (Python keeps such bytes as lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def write_line(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


class LanguageChoice(str, Enum):
    zh = "zh"
    en = "en"


def choose_project(store: "Store", project: str | None) -> str:
    """The project a command works on: the one named, or the only one in the store."""
    names = [p.name for p in store.list_projects()]
    if project is not None:
        if project not in names:
            known = ", ".join(f"'{n}'" for n in names) or "none yet"
            fail(f"no project called '{escape(project)}' (projects: {escape(known)})", EXIT_BAD_INPUT)
        return project
    if not names:
        fail("the store has no projects yet; import interview notes with `reqbot import FILE.json`", EXIT_BAD_INPUT)
    if len(names) > 1:
        listing = "\n".join(f"  {n}" for n in names)
        fail(f"the store holds {len(names)} projects; choose one with --project:\n{escape(listing)}", EXIT_BAD_INPUT)
    return names[0]


def database_error_reason(exc: BaseException) -> str:
    """The driver's own message, first line only: never the URL (it may hold a password)."""
    return escape(str(getattr(exc, "orig", None) or exc).strip().splitlines()[0])
