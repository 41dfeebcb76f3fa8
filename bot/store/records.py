"""Small result types the store returns besides the shared models of bot/models.py."""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.language import Language
from bot.models import Priority, TurnStatus

ReviewAction = Literal["confirm", "remove", "correct"]
REVIEW_ACTIONS: tuple[str, ...] = ("confirm", "remove", "correct")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ImportResult(_Record):
    """What one `import_transcript` call changed."""
    project: str
    stakeholders_added: int = 0
    stakeholders_updated: int = 0     # name or role differed from the stored one
    turns_added: int = 0
    turns_updated: int = 0            # question or answer edited; the old text went to history
    unchanged: int = 0                # turns already stored exactly as in the file

    @property
    def changed(self) -> bool:
        return bool(self.stakeholders_added or self.stakeholders_updated
                    or self.turns_added or self.turns_updated)


class TurnRevision(_Record):
    """An earlier state of a turn, kept when its answer was replaced or skipped."""
    index: int
    question: str
    answer: str | None
    status: TurnStatus
    answered_at: datetime | None
    replaced_at: datetime


class PriorityOverride(_Record):
    project: str
    req_id: str
    priority: Priority
    by: str                           # Slack user id (or name) of whoever decided
    note: str | None = None
    at: datetime


class ReviewDecision(_Record):
    """A stakeholder's verdict on one requirement in the closing review."""
    project: str
    stakeholder_id: str
    req_id: str
    action: ReviewAction
    text: str | None = None           # the corrected wording, for "correct"
    at: datetime


class SpecVersion(_Record):
    project: str
    version: int                      # 1, 2, 3 … per project
    path: str
    language: Language
    created_at: datetime
