"""`reqbot demo` (what `make demo` runs): the whole job on the bundled example company.

Every stakeholder of examples/freshpath is interviewed through the real interview engine
(the same service Slack uses), the requirement set is built from all answers and printed,
and the .docx specification is written under ./out.
Runs offline in an isolated REQBOT_HOME with a fresh database each time (the checklist
index there is kept between runs, so only the first run pays the ~20 s index build).
"""
from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from bot.analysis.project import analyse_project
from bot.cli.common import EXIT_BAD_INPUT, EXIT_FAILURE, fail
from bot.spec.service import write_project_spec

REPO = Path(__file__).resolve().parent.parent.parent
DEFAULT_EXAMPLE = REPO / "examples" / "freshpath" / "company.json"
DEFAULT_HOME = Path("out") / "demo-home"
DEFAULT_OUT = Path("out")
TITLE_CHARS = 60
DEMO_MARKER = ".reqbot-demo"


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)


def demo_command(
    home: Annotated[Path, typer.Option(
        "--home", help="REQBOT_HOME for the demo (its database is recreated; its checklist index is reused).")
    ] = DEFAULT_HOME,
    out: Annotated[Path, typer.Option("--out", help="Where the specification .docx is written.")] = DEFAULT_OUT,
    example: Annotated[Path, typer.Option("--example", help="The company script to interview.")] = DEFAULT_EXAMPLE,
    transcript: Annotated[bool, typer.Option(
        "--transcript", help="Print every question and answer, not just the follow-ups.")] = False,
) -> None:
    """Interview the bundled example company through the real engine, then build and print its
    requirement set and write the .docx spec. Offline."""
    # piped output (CI logs, `| less`) gets a table wide enough to read instead of rich's 80 columns
    console = Console(soft_wrap=True, highlight=False, width=None if sys.stdout.isatty() else 160)
    started = time.perf_counter()
    home = _isolate(home.expanduser().resolve())
    console.print(f"[bold]reqbot demo[/] — REQBOT_HOME = {escape(str(home))} (fresh database)")

    from bot.interview.scripted import ScriptError, load_company
    from bot.interview.service import InterviewService
    from bot.store import Store

    try:
        company = load_company(example)
    except ScriptError as exc:
        fail(str(exc), code=EXIT_BAD_INPUT)
    console.print(f"Company: [bold]{escape(company.project)}[/] — {len(company.stakeholders)} stakeholders")

    store = Store.from_settings()
    index = _open_index(console)
    service = InterviewService(store, index)
    _interview_everyone(console, service, company, transcript)

    requirement_set = _analyse(console, store, company.project)
    _print_requirements(console, requirement_set)
    _write_spec(console, store, company.project, out)
    console.print(f"\nDone in {time.perf_counter() - started:.1f} s. Data: {escape(str(home))}")


def _isolate(home: Path) -> Path:
    """Point every setting at the demo home, with a fresh SQLite database and a local index."""
    from bot.config import reset_settings
    from bot.retrieval.index import clear_index_cache

    marker = home / DEMO_MARKER
    if (home / "reqbot.db").exists() and not marker.exists():
        # never wipe a real reqbot home someone pointed --home at by mistake
        fail(f"{home} holds a reqbot database that the demo did not create; choose another --home")
    home.mkdir(parents=True, exist_ok=True)
    marker.write_text("This REQBOT_HOME belongs to `reqbot demo`; its database is recreated on every run.\n")
    for suffix in ("", "-wal", "-shm"):
        (home / f"reqbot.db{suffix}").unlink(missing_ok=True)
    os.environ["REQBOT_HOME"] = str(home)
    for name in ("REQBOT_DATABASE_URL", "REQBOT_CHROMA_URL"):
        os.environ.pop(name, None)
    reset_settings()
    clear_index_cache()
    return home


def _open_index(console: Console):
    from bot.retrieval.index import get_index

    with console.status("Opening the checklist index (the first run builds it, about 20 s)…"):
        started = time.perf_counter()
        index = get_index()
    note = "built" if index.rebuilt else "loaded"
    console.print(f"Checklist index {note} in {time.perf_counter() - started:.1f} s "
                  f"({len(index.chunks)} chunks)")
    return index


def _interview_everyone(console: Console, service, company, transcript: bool) -> None:
    from bot.interview.scripted import run_interview

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("Interviewing", total=len(company.stakeholders))
        for person in company.stakeholders:
            progress.update(task, description=f"Interviewing {person.name} ({person.role})")
            started = time.perf_counter()
            log: list[str] = []

            def record(exchange, reply, log=log) -> None:
                q = exchange.question
                refs = ", ".join(q.checklist_refs)
                if transcript or q.followup:
                    kind = f"follow-up/{q.followup}" if q.followup else q.topic
                    log.append(f"    [{kind}] {q.text} ({refs})\n      → {_short(exchange.answer, 100)}")

            reply = run_interview(service, company.project, person, on_exchange=record)
            interview = service.store.get_interview(company.project, person.id)
            answered = sum(1 for t in interview.turns if t.status == "answered")
            skipped = sum(1 for t in interview.turns if t.status == "skipped")
            followup_count = sum(1 for line in log if "follow-up/" in line)
            progress.console.print(
                f"[green]✓[/] {escape(person.name)} ({person.role}, {person.language}): "
                f"{len(interview.turns)} questions, {answered} answered, {skipped} skipped, "
                f"{followup_count} follow-ups, status {reply.status}, "
                f"{time.perf_counter() - started:.1f} s")
            for line in log:
                progress.console.print(escape(line), highlight=False)
            progress.advance(task)


def _analyse(console: Console, store, project: str):
    with console.status("Building the requirement set…"):
        started = time.perf_counter()
        requirement_set = analyse_project(store, project)
    console.print(f"Requirement set built in {time.perf_counter() - started:.1f} s: "
                  f"{len(requirement_set.requirements)} requirements, {len(requirement_set.conflicts)} conflicts")
    return requirement_set


def _print_requirements(console: Console, requirement_set) -> None:
    table = Table(title="Requirements", show_lines=False, expand=False)
    for column in ("#", "ID", "Priority", "Category", "Title", "KPIs", "Sources"):
        table.add_column(column, overflow="fold")
    for req in sorted(requirement_set.requirements, key=lambda r: (r.rank or 10**6, r.id)):
        kpis = "; ".join(" → ".join(p for p in (k.current, k.target) if p) or k.metric for k in req.kpis)
        sources = ", ".join(dict.fromkeys(s.name for s in req.sources))
        table.add_row(str(req.rank), req.id, str(req.priority.value), str(req.category.value),
                      escape(_short(req.title, TITLE_CHARS)), escape(_short(kpis, 40)), escape(sources))
    console.print(table)
    if requirement_set.conflicts:
        conflicts = Table(title="Conflicts")
        for column in ("ID", "Summary", "Requirements", "Stakeholders"):
            conflicts.add_column(column, overflow="fold")
        for conflict in requirement_set.conflicts:
            conflicts.add_row(conflict.id, escape(conflict.summary), ", ".join(conflict.requirement_ids),
                              ", ".join(conflict.stakeholder_ids))
        console.print(conflicts)


def _write_spec(console: Console, store, project: str, out: Path) -> None:
    path = out.expanduser().resolve() / f"{_file_stem(project)}-spec.docx"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        run = write_project_spec(store, project, path)
    except Exception as exc:  # the interviews and requirements are saved; report the document failure plainly
        fail(f"could not write the specification: {exc}", code=EXIT_FAILURE)
    console.print(f"Specification written: [bold]{escape(str(run.summary.path))}[/] ({escape(run.summary.line())})")


def _file_stem(project: str) -> str:
    ascii_part = re.findall(r"[A-Za-z0-9]+", project)
    return "-".join(ascii_part).lower()[:60] or "project"


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
