"""The shared vocabulary: every layer (store, analysis, interview, spec, adapters)
passes these pydantic models, never loose dicts."""
from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.language import Language

__all__ = [
    "Language", "Role", "ROLES", "Category", "Priority", "RequirementType", "TurnStatus",
    "InterviewStatus", "Stakeholder", "Project", "Turn", "Interview", "KPI", "Source",
    "Requirement", "Conflict", "RequirementSet", "Section", "Citation", "Answer", "utcnow",
]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


Role = Literal["sales", "finance", "warehouse", "management", "customer_service", "it", "other"]
ROLES: tuple[str, ...] = ("sales", "finance", "warehouse", "management", "customer_service", "it", "other")


class Category(StrEnum):
    """Requirement categories, taken from the checklist's areas."""
    integration = "integration"
    workflow = "workflow"                       # workflow / approval
    pricing = "pricing"                         # pricing, promotions, CPQ
    inventory = "inventory"
    channel = "channel"
    finance = "finance"                         # AR, invoices, reconciliation, credit
    logistics = "logistics"
    reporting = "reporting"                     # reporting / BI / dashboards
    customer_experience = "customer_experience"
    data = "data"                               # data migration and master data
    security = "security"                       # security / permissions
    deployment = "deployment"
    training = "training"
    other = "other"


class Priority(StrEnum):
    """MoSCoW."""
    must = "must"
    should = "should"
    could = "could"
    wont = "wont"


RequirementType = Literal["functional", "non_functional"]
TurnStatus = Literal["pending", "answered", "skipped"]
InterviewStatus = Literal["in_progress", "paused", "reviewing", "completed", "imported"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Stakeholder(_Model):
    id: str = Field(min_length=1, max_length=128)
    name: str = Field(min_length=1, max_length=200)
    role: Role
    slack_user_id: str | None = None


class Project(_Model):
    name: str = Field(min_length=1, max_length=200)
    language: Language = "zh"
    slack_channel_id: str | None = None
    created_by: str | None = None          # Slack user id of the project manager who created it
    created_at: datetime = Field(default_factory=utcnow)


class Turn(_Model):
    """One question of an interview and the answer it got."""
    index: int = Field(ge=0)
    question: str
    answer: str | None = None
    status: TurnStatus = "pending"
    topic: str | None = None                # interview-plan topic the question belongs to
    checklist_refs: list[str] = Field(default_factory=list)   # section ids the question came from
    asked_at: datetime = Field(default_factory=utcnow)
    answered_at: datetime | None = None


class Interview(_Model):
    project: str
    stakeholder: Stakeholder
    language: Language = "zh"
    status: InterviewStatus = "in_progress"
    turns: list[Turn] = Field(default_factory=list)
    started_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class KPI(_Model):
    metric: str
    current: str | None = None
    target: str | None = None


class Source(_Model):
    """Who raised a requirement, and the words they used."""
    stakeholder_id: str
    name: str
    role: Role
    quote: str
    answered_at: datetime | None = None


class Requirement(_Model):
    id: str = Field(pattern=r"^REQ-\d{3,}$")
    title: str
    statement: str                                   # "The system shall …" / "系统应…"
    category: Category = Category.other
    type: RequirementType = "functional"
    priority: Priority = Priority.should
    score: float = 0.0
    rank: int = 0                                    # 1 = most important
    reasons: list[str] = Field(default_factory=list)
    kpis: list[KPI] = Field(default_factory=list)
    checklist_refs: list[str] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    conflicts: list[str] = Field(default_factory=list)        # Conflict ids
    status: Literal["proposed", "confirmed", "removed"] = "proposed"


class Conflict(_Model):
    id: str = Field(pattern=r"^CON-\d+$")
    summary: str
    requirement_ids: list[str] = Field(default_factory=list)
    stakeholder_ids: list[str] = Field(default_factory=list)
    topic: str | None = None


class RequirementSet(_Model):
    """The consolidated output of analysis; its JSON is a contract other tools read."""
    project: str
    requirements: list[Requirement] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)


# --- knowledge and Q&A ------------------------------------------------------------------------

class Section(_Model):
    """One checklist section (or one section of a company's own guidance)."""
    id: str                      # "4.1", "faq.2", "conclusion", or "<source-stem>.<n>" for added files
    title: str
    text: str
    language: Language
    source: str                  # file name the section came from
    parent_title: str | None = None


class Citation(_Model):
    section: str
    title: str
    score: float
    text: str


class Answer(_Model):
    question: str
    language: Language
    answer: str
    citations: list[Citation] = Field(default_factory=list)
