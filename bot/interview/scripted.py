"""Scripted interviews: a sample company whose people answer the real engine from a file.

The file (see examples/freshpath/company.json) keys each answer by interview topic, and a
follow-up's answer by "topic/kind". The engine decides what to ask; the script only
answers, so the demo and tests exercise exactly what a person in Slack would meet.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.interview.service import BotReply, InterviewService, QuestionView
from bot.language import Language
from bot.models import Role, Stakeholder

SKIP: dict[Language, str] = {"zh": "跳过", "en": "skip"}
CONFIRM: dict[Language, str] = {"zh": "确认", "en": "confirm"}
MAX_STEPS = 60              # a script can never loop forever, whatever the engine asks


class ScriptError(ValueError):
    """The script file is missing or malformed."""


class ScriptedPerson(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    role: Role
    language: Language
    answers: dict[str, str] = Field(default_factory=dict)        # topic -> answer
    followups: dict[str, str] = Field(default_factory=dict)      # "topic/kind" -> answer
    review: list[str] = Field(default_factory=list)              # what to say in the closing review

    @property
    def stakeholder(self) -> Stakeholder:
        return Stakeholder(id=self.id, name=self.name, role=self.role)

    def answer(self, question: QuestionView) -> str:
        key = f"{question.topic}/{question.followup}" if question.followup else question.topic
        table = self.followups if question.followup else self.answers
        return table.get(key) or SKIP[self.language]


class ScriptedCompany(BaseModel):
    model_config = ConfigDict(extra="forbid")
    project: str
    language: Language = "zh"
    about: str = ""
    stakeholders: list[ScriptedPerson]


def load_company(path: Path) -> ScriptedCompany:
    try:
        return ScriptedCompany.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise ScriptError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (ValueError, ValidationError) as exc:
        raise ScriptError(f"{path} is not a valid company script: {str(exc).splitlines()[0]}") from exc


class Exchange(BaseModel):
    question: QuestionView
    answer: str


def run_interview(service: InterviewService, project: str, person: ScriptedPerson,
                  on_exchange: Callable[[Exchange, BotReply], None] | None = None) -> BotReply:
    """Interview `person` to the end (answers, follow-ups, closing review); returns the last reply."""
    reply = service.start(project, person.stakeholder, person.language)
    review_lines = list(person.review)
    for _ in range(MAX_STEPS):
        if reply.status == "completed":
            break
        if reply.status == "reviewing":
            text = review_lines.pop(0) if review_lines else CONFIRM[reply.language]
            reply = service.handle(project, person.id, text)
            continue
        if reply.status == "paused":
            reply = service.act(project, person.id, "resume")
            continue
        question = reply.question
        if question is None:            # nothing pending: the engine will say why
            break
        text = person.answer(question)
        reply = service.handle(project, person.id, text)
        if on_exchange is not None:
            on_exchange(Exchange(question=question, answer=text), reply)
    return reply
