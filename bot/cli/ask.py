"""`reqbot ask`: checklist questions answered with citations."""
from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from bot.cli.common import EXIT_BAD_INPUT, EXIT_OK, console, fail, is_text, write_line
from bot.models import Answer


def _print_answer(answer: Answer) -> None:
    console.print(answer.answer, highlight=False, markup=False, soft_wrap=True)
    if answer.citations:
        console.print()
        console.print("Sources:" if answer.language == "en" else "引用章节:", style="bold")
        for c in answer.citations:
            console.print(f"  [{c.section}] {c.title}  (score {c.score:.4f})", highlight=False, markup=False)


def _batch(k: int) -> int:
    """One question per input line, one JSON object per output line, one process."""
    from bot.qa import QuestionError, answer_question
    status = EXIT_OK
    for raw in sys.stdin.buffer:
        try:
            line = raw.decode("utf-8").strip()
        except UnicodeDecodeError:
            write_line(json.dumps({"question": None, "error": "the line is not UTF-8 text"}))
            status = EXIT_BAD_INPUT
            continue
        if not line:
            continue
        try:
            write_line(answer_question(line, k=k).model_dump_json())
        except QuestionError as exc:
            write_line(json.dumps({"question": line[:200], "error": str(exc)}, ensure_ascii=False))
            status = EXIT_BAD_INPUT
    return status


def register(app: typer.Typer) -> None:
    @app.command()
    def ask(
        question: Optional[str] = typer.Argument(
            None, help="The question, in Chinese or English. Leave out to read one question per line from standard input."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object: question, language, answer, citations."),
        k: int = typer.Option(5, "--k", min=1, max=20, help="How many checklist sections to cite."),
    ) -> None:
        """Answer a checklist question in its own language, citing sections like [4.1].

        Batch mode (no QUESTION): every line of standard input is a question and every
        answer is a JSON line. Exit status: 0 answered, 2 bad input (empty, over 2,000
        characters, not text), 1 other failure.
        """
        if question is None:
            if sys.stdin.isatty():
                fail("give a QUESTION, or pipe questions on standard input (one a line)")
            raise typer.Exit(_batch(k))
        if not is_text(question):
            fail("the question is not valid UTF-8 text")
        from bot.qa import QuestionError, answer_question   # imported here: chromadb is slow to import
        try:
            answer = answer_question(question, k=k)
        except QuestionError as exc:
            fail(str(exc))
        if as_json:
            write_line(answer.model_dump_json())
        else:
            _print_answer(answer)
