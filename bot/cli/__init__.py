"""The `reqbot` command line: a thin adapter over the core.

Each command group lives in its own module with a `register(app)` function, so a
command's parsing and printing sit in one short file and the core stays free of
terminal concerns.
"""
from __future__ import annotations

import importlib
import logging

import typer

app = typer.Typer(
    name="reqbot",
    help="reqbot: requirements interviews for order management system (OMS) projects.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)

# Command modules, in the order `reqbot --help` lists them.
COMMAND_MODULES = [
    "bot.cli.demo",
    "bot.cli.chat",
    "bot.cli.data",
    "bot.cli.requirements",
    "bot.cli.spec",
    "bot.cli.ask",
    "bot.cli.knowledge",
    "bot.cli.serve",
]



@app.callback()
def _configure_logging() -> None:
    """Log at REQBOT_LOG_LEVEL (default WARNING) to standard error."""
    from bot.config import get_settings

    logging.basicConfig(level=get_settings().log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:  # pragma: no cover - console entry point
    app()
