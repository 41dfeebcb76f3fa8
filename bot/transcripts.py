"""The interview-notes file format that `reqbot import` reads.

Exactly the shape of the sample transcripts:
    {"project": str,
     "interviews": [{"stakeholder": {"id", "name", "role"},
                     "turns": [{"question", "answer"}]}]}

`load_transcript` validates the whole file before anything is stored, and reports a
bad field by its position ("interviews[2].turns[0].answer: field required").
"""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.language import Language, detect_language
from bot.models import Interview, Stakeholder, Turn


class TranscriptError(ValueError):
    """The file cannot be imported; the message names the bad field and its position."""


class TranscriptTurn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    question: str
    answer: str


class TranscriptInterview(BaseModel):
    model_config = ConfigDict(extra="ignore")
    stakeholder: Stakeholder
    turns: list[TranscriptTurn]


class TranscriptFile(BaseModel):
    model_config = ConfigDict(extra="ignore")
    project: str = Field(min_length=1)
    interviews: list[TranscriptInterview]

    def language(self) -> Language:
        """The project's language: the one most of its answers are written in."""
        answers = [t.answer for i in self.interviews for t in i.turns]
        zh = sum(detect_language(a) == "zh" for a in answers)
        return "zh" if zh * 2 >= len(answers) and answers else "en"

    def to_interviews(self, project: str | None = None) -> list[Interview]:
        name = project or self.project
        result = []
        for item in self.interviews:
            answers = " ".join(t.answer for t in item.turns)
            turns = [
                Turn(index=i, question=t.question, answer=t.answer, status="answered")
                for i, t in enumerate(item.turns)
            ]
            for turn in turns:
                turn.answered_at = turn.asked_at
            result.append(Interview(
                project=name, stakeholder=item.stakeholder, language=detect_language(answers),
                status="imported", turns=turns,
            ))
        return result


def _position(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def parse_transcript(raw: bytes | str, origin: str = "<input>") -> TranscriptFile:
    try:
        data = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise TranscriptError(f"{origin}: not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise TranscriptError(f"{origin}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from exc
    try:
        transcript = TranscriptFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{_position(e['loc'])}: {e['msg']}" for e in exc.errors()[:5])
        raise TranscriptError(f"{origin}: {problems}") from exc
    ids = [i.stakeholder.id for i in transcript.interviews]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise TranscriptError(f"{origin}: interviews: stakeholder id {duplicates[0]!r} appears more than once")
    return transcript


def load_transcript(path: Path) -> TranscriptFile:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise TranscriptError(f"{path}: cannot be read ({exc.strerror})") from exc
    return parse_transcript(raw, origin=str(path))
