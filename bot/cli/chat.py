"""`reqbot chat`: a requirements interview in the terminal (TTY or piped answers)."""
from __future__ import annotations

import re
from typing import Annotated, Optional

import typer
from sqlalchemy.exc import SQLAlchemyError

from bot.cli.common import EXIT_BAD_INPUT, EXIT_FAILURE, database_error_reason, fail, is_text
from bot.models import ROLES, Stakeholder
from bot.store import StoreError

_NOT_SLUG = re.compile(r"[^\w]+", re.UNICODE)


def slug(name: str) -> str:
    """'Kevin Li' -> 'kevin-li', '王芳' -> '王芳': a readable default stakeholder id."""
    return _NOT_SLUG.sub("-", name.strip().lower()).strip("-_")[:128] or "stakeholder"


def register(app: typer.Typer) -> None:
    app.command("chat")(chat_command)


def chat_command(
    project: Annotated[str, typer.Option("--project", "-p", help="The project the interview belongs to "
                                         "(created on first use).", show_default=False)],
    role: Annotated[Optional[str], typer.Option(
        "--role", "-r", help=f"The person's department: {', '.join(ROLES)}. Needed for a new stakeholder.",
        show_default=False)] = None,
    name: Annotated[Optional[str], typer.Option(
        "--name", "-n", help='The person\'s name, e.g. "王芳". Needed for a new stakeholder.',
        show_default=False)] = None,
    stakeholder_id: Annotated[Optional[str], typer.Option(
        "--stakeholder-id", help="A stable id for the person (default: made from the name, e.g. kevin-li).",
        show_default=False)] = None,
    lang: Annotated[Optional[str], typer.Option(
        "--lang", help="zh or en. Default: the language of the name (or the project's); the interview also "
                       "switches when the person writes in the other language.", show_default=False)] = None,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Show the checklist guidance behind every question.")] = False,
) -> None:
    """Interview one stakeholder in the terminal, one question at a time.

    Works on a TTY and with answers piped on standard input, one answer a line. Each
    question shows the checklist sections it comes from, e.g. (清单 1.3). Type skip/跳过,
    back/上一题, pause/暂停, done/结束, help/帮助, why/为什么, English/中文 at any time.
    End of input (or Ctrl-C) pauses the interview: run the same command again to resume
    at the pending question. Exit status: 0 ok, 2 bad arguments, 1 other failure.
    """
    from bot.interview.service import InterviewService
    from bot.store import Store
    from bot.terminal import TerminalChat

    for label, value in (("project", project), ("name", name), ("stakeholder id", stakeholder_id)):
        if value is not None and (not is_text(value) or not value.strip()):
            fail(f"the {label} must be non-empty UTF-8 text")
    if role is not None and role not in ROLES:
        fail(f"unknown role {role!r}; choose one of: {', '.join(ROLES)}")
    if lang is not None and lang not in ("zh", "en"):
        fail(f"unknown language {lang!r}; use zh or en")
    if name is None and stakeholder_id is None:
        fail("give --name (and --role) for a new stakeholder, or --stakeholder-id to resume one")
    try:
        store = Store.from_settings()
        sid = stakeholder_id or slug(name)
        known = store.get_stakeholder(project, sid) if store.get_project(project) else None
        if known is None and (name is None or role is None):
            fail(f"no stakeholder {sid!r} in project {project!r} yet: give --name and --role to start one")
        person = Stakeholder(id=sid, name=name or known.name, role=role or known.role,
                             slack_user_id=known.slack_user_id if known else None)
        TerminalChat(InterviewService(store), project, person, language=lang, explain=explain).run()
    except (StoreError, SQLAlchemyError) as exc:
        fail(f"database error: {database_error_reason(exc)}", code=EXIT_FAILURE)
    except ValueError as exc:            # pydantic validation of names/ids, an unknown role in an old record
        fail(str(exc).splitlines()[0], code=EXIT_BAD_INPUT)
