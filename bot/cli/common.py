"""Small helpers every CLI command shares: exit codes and error printing."""
from __future__ import annotations

import sys
from typing import NoReturn

import typer
from rich.console import Console

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
