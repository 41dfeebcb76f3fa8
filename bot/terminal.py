"""The terminal adapter: an interview on a TTY, or scripted with answers piped one a line.

It only reads lines, calls the interview service and prints its replies; everything the
interview knows lives in the store, so end of input (or Ctrl-C) just pauses the interview
and running the same command again resumes it at the pending question.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator

from rich.console import Console

from bot.interview.messages import say
from bot.interview.service import BotReply, InterviewService
from bot.language import Language
from bot.models import Stakeholder

ECHO_CHARS = 200          # a piped answer is echoed (shortened) so the transcript reads like a conversation

_LABELS: dict[Language, dict[str, str]] = {
    "zh": {"ref": "清单", "choices": "可选", "question": "问题", "review": "我理解的需求",
           "eof_paused": "输入结束:访谈已暂停。再次运行同一条命令即可从这一题继续。",
           "eof_review": "输入结束:确认环节尚未完成,再次运行同一条命令即可继续。",
           "not_text": "这一行不是 UTF-8 文本,已忽略。", "guidance": "依据", "working": "稍等…"},
    "en": {"ref": "checklist", "choices": "Choices", "question": "Question", "review": "What I understood",
           "eof_paused": "End of input: the interview is paused. Run the same command again to continue from "
                         "this question.",
           "eof_review": "End of input: the review is not finished. Run the same command again to continue.",
           "not_text": "That line is not UTF-8 text; ignored.", "guidance": "Why", "working": "One moment…"},
}


class TerminalChat:
    def __init__(self, service: InterviewService, project: str, stakeholder: Stakeholder,
                 language: Language | None = None, explain: bool = False,
                 console: Console | None = None, interactive: bool | None = None) -> None:
        self.service = service
        self.project = project
        self.stakeholder = stakeholder
        self.language = language
        self.explain = explain
        self.console = console or Console(soft_wrap=True, highlight=False)
        self.interactive = sys.stdin.isatty() if interactive is None else interactive

    def run(self, lines: Iterator[bytes | str] | None = None) -> BotReply:
        """Interview until it completes or input ends (which pauses it). Returns the last reply."""
        reply = self.service.start(self.project, self.stakeholder, self.language)
        self.show(reply)
        source = lines if lines is not None else (self._tty_lines() if self.interactive else iter(sys.stdin.buffer))
        while reply.status != "completed":
            text = self._next_answer(source, reply.language)
            if text is None:
                return self._end_of_input(reply)
            reply = self._handle(text, reply.language)
            self.show(reply)
        return reply

    # --- input ------------------------------------------------------------------------------

    def _tty_lines(self) -> Iterator[str]:
        while True:
            try:
                yield self.console.input("[bold cyan]> [/]")
            except (EOFError, KeyboardInterrupt):
                self.console.print()
                return

    def _next_answer(self, source: Iterator[bytes | str], language: Language) -> str | None:
        """The next non-blank line, or None at the end of input."""
        for raw in source:
            if isinstance(raw, bytes):
                try:
                    raw = raw.decode("utf-8")
                except UnicodeDecodeError:
                    self._say(_LABELS[language]["not_text"], style="yellow")
                    continue
            text = raw.rstrip("\r\n")
            if not text.strip():
                continue
            if not self.interactive:
                echo = text if len(text) <= ECHO_CHARS else text[:ECHO_CHARS] + f"… ({len(text):,})"
                self._say(f"> {echo}", style="dim")
            return text
        return None

    def _handle(self, text: str, language: Language) -> BotReply:
        if not self.interactive:
            return self.service.handle(self.project, self.stakeholder.id, text)
        # the closing review runs the requirement extraction: a few seconds the person should see pass
        with self.console.status(_LABELS[language]["working"]):
            return self.service.handle(self.project, self.stakeholder.id, text)

    def _end_of_input(self, reply: BotReply) -> BotReply:
        labels = _LABELS[reply.language]
        if reply.status == "in_progress":
            reply = self.service.act(self.project, self.stakeholder.id, "pause")
            self._say(labels["eof_paused"], style="yellow")
        elif reply.status == "reviewing":
            self._say(labels["eof_review"], style="yellow")
        return reply

    # --- output -----------------------------------------------------------------------------

    def _say(self, text: str, style: str | None = None) -> None:
        # markup=False: answers and guidance are data, never rich markup
        self.console.print(text, style=style, markup=False, highlight=False)
        self.console.file.flush()       # a script reading our output line by line must see it now

    def show(self, reply: BotReply) -> None:
        labels = _LABELS[reply.language]
        for message in reply.messages:
            self._say(message, style="green")
        question = reply.question
        if question is not None and reply.status == "in_progress":
            refs = ", ".join(question.checklist_refs)
            reference = f"  ({labels['ref']} {refs})" if refs else ""
            progress = f"[{question.number}/{question.estimated_total}] " if question.number else ""
            self.console.print()
            self._say(f"{progress}{question.text}{reference}", style="bold")
            if question.quick_choices:
                self._say(f"  {labels['choices']}: " + " · ".join(question.quick_choices), style="dim")
            if self.explain and question.guidance:
                for line in question.guidance.splitlines():
                    self._say(f"  {labels['guidance']}: {line}", style="dim")
        if reply.review:
            self.console.print()
            self._say(labels["review"] + ":", style="bold")
            for item in reply.review:
                mark = {"confirmed": " ✓", "corrected": " ✎"}.get(item.decision, "")
                self._say(f"  {item.req_id}  [{item.priority}]  {item.title}{mark}")
            self._say(say("review_howto", reply.language), style="green")
