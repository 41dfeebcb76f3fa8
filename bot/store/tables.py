"""The database tables (SQLAlchemy 2 ORM). Private to bot/store: callers get pydantic models.

Changing a table here needs a new migration in migrations/versions/ (tests compare the
two and fail on drift): `python -m bot.store revision "what changed"`.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Explicit constraint names, so later migrations (and SQLite batch mode) can refer to them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone, so store naive UTC)."""
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --- projects, people, interviews (migration 0001) ----------------------------------------

class ProjectRow(Base):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    language: Mapped[str] = mapped_column(String(8))
    slack_channel_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StakeholderRow(Base):
    __tablename__ = "stakeholders"
    __table_args__ = (UniqueConstraint("project_id", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(128))          # the Stakeholder.id callers see
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    slack_user_id: Mapped[str | None] = mapped_column(String(64), index=True)

    project: Mapped[ProjectRow] = relationship()


class InterviewRow(Base):
    __tablename__ = "interviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # One interview per stakeholder of a project.
    stakeholder_id: Mapped[int] = mapped_column(ForeignKey("stakeholders.id", ondelete="CASCADE"), unique=True)
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    engine_state: Mapped[str | None] = mapped_column(Text)   # opaque JSON the interview engine owns

    stakeholder: Mapped[StakeholderRow] = relationship()
    turns: Mapped[list[TurnRow]] = relationship(order_by="TurnRow.position", back_populates="interview")


class TurnRow(Base):
    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("interview_id", "position"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)                # Turn.index
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    topic: Mapped[str | None] = mapped_column(Text)
    checklist_refs: Mapped[list[str]] = mapped_column(JSON)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    interview: Mapped[InterviewRow] = relationship(back_populates="turns")
    revisions: Mapped[list[TurnRevisionRow]] = relationship(order_by="TurnRevisionRow.id")


class TurnRevisionRow(Base):
    """A turn's earlier question/answer, kept whenever it is replaced."""
    __tablename__ = "turn_revisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime)


# --- analysis results, decisions, spec versions, Slack events (migration 0002) -------------

class RequirementKeyRow(Base):
    """Hands out REQ-<number> once per (project, key), so ids survive re-analysis."""
    __tablename__ = "requirement_keys"
    __table_args__ = (UniqueConstraint("project_id", "key_hash"), UniqueConstraint("project_id", "number"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    key_hash: Mapped[str] = mapped_column(String(64))       # sha256 of key: keys may be long
    key: Mapped[str] = mapped_column(Text)


class RequirementSetRow(Base):
    __tablename__ = "requirement_sets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    body: Mapped[str] = mapped_column(Text)                 # RequirementSet JSON


class PriorityOverrideRow(Base):
    __tablename__ = "priority_overrides"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    req_id: Mapped[str] = mapped_column(String(32))
    priority: Mapped[str] = mapped_column(String(8))
    decided_by: Mapped[str] = mapped_column(String(128))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReviewDecisionRow(Base):
    __tablename__ = "review_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    stakeholder_key: Mapped[str] = mapped_column(String(128))
    req_id: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SpecVersionRow(Base):
    __tablename__ = "spec_versions"
    __table_args__ = (UniqueConstraint("project_id", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    body: Mapped[str] = mapped_column(Text)                 # the RequirementSet the document was built from


class SlackProcessedRow(Base):
    """Slack event ids already handled; a retried delivery finds its id here."""
    __tablename__ = "slack_processed"
    event_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

