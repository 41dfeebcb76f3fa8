"""`Store`: the one door to the database. Takes and returns pydantic models only.

Every public method is one transaction: it commits completely or not at all. A Store
is safe to share between threads (each call opens its own session); several processes
may open stores on the same database at once.

Projects are created on first use by `import_transcript`, `start_interview` and
`upsert_stakeholder`; every other method raises NotFoundError for an unknown project.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import get_args

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from bot.config import get_settings
from bot.language import Language
from bot.models import Interview, InterviewStatus, Priority, Project, RequirementSet, Stakeholder, Turn, utcnow
from bot.store.db import WRITE, make_engine, upgrade
from bot.store.errors import ConflictError, NotFoundError
from bot.store.records import (
    REVIEW_ACTIONS, ImportResult, PriorityOverride, ReviewAction, ReviewDecision, SpecVersion, TurnRevision,
)
from bot.store.tables import (
    InterviewRow, PriorityOverrideRow, ProjectRow, RequirementKeyRow, RequirementSetRow, ReviewDecisionRow,
    SlackProcessedRow, SpecVersionRow, StakeholderRow, TurnRevisionRow, TurnRow,
)
from bot.transcripts import TranscriptFile

SLACK_EVENT_TTL = timedelta(days=1)     # Slack stops retrying long before this
REQUIREMENT_ID = re.compile(r"REQ-\d{3,}")


class Store:
    def __init__(self, url: str) -> None:
        """Open (and, if needed, create or upgrade) the database at `url`."""
        self._engine = make_engine(url)
        self._writer = self._engine.execution_options(**WRITE)
        upgrade(self._engine)

    @classmethod
    def from_settings(cls) -> Store:
        """The configured database: REQBOT_DATABASE_URL, else $REQBOT_HOME/reqbot.db."""
        return cls(get_settings().resolved_database_url)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- sessions ---------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self._engine) as session, session.begin():
            yield session

    # --- projects ---------------------------------------------------------------------------

    def create_project(self, project: Project) -> Project:
        """Raises ConflictError when the name or the Slack channel already has a project."""
        try:
            with self._write() as s:
                row = ProjectRow(name=project.name, language=project.language,
                                 slack_channel_id=project.slack_channel_id,
                                 created_by=project.created_by, created_at=project.created_at)
                s.add(row)
                s.flush()
                return _project(row)
        except IntegrityError as exc:
            raise ConflictError(f"a project named {project.name!r} or using channel "
                                f"{project.slack_channel_id!r} already exists") from exc

    def ensure_project(self, name: str, language: Language = "zh") -> Project:
        """The project called `name`, created with `language` if it does not exist yet."""
        with self._write() as s:
            return _project(self._ensure_project_row(s, name, language))

    def get_project(self, name: str) -> Project | None:
        with self._read() as s:
            row = s.scalar(select(ProjectRow).where(ProjectRow.name == name))
            return _project(row) if row else None

    def get_project_by_channel(self, slack_channel_id: str) -> Project | None:
        with self._read() as s:
            row = s.scalar(select(ProjectRow).where(ProjectRow.slack_channel_id == slack_channel_id))
            return _project(row) if row else None

    def list_projects(self) -> list[Project]:
        with self._read() as s:
            return [_project(r) for r in s.scalars(select(ProjectRow).order_by(ProjectRow.id))]

    def update_project(self, project: Project) -> Project:
        """Store `project`'s language, Slack channel and creator (found by name; created_at is kept)."""
        try:
            with self._write() as s:
                row = _project_row(s, project.name)
                row.language = project.language
                row.slack_channel_id = project.slack_channel_id
                row.created_by = project.created_by
                s.flush()
                return _project(row)
        except IntegrityError as exc:
            raise ConflictError(f"channel {project.slack_channel_id!r} already belongs to another project") from exc

    # --- stakeholders -----------------------------------------------------------------------

    def upsert_stakeholder(self, project: str, stakeholder: Stakeholder) -> Stakeholder:
        """Add or update a stakeholder (by id). A None slack_user_id keeps the stored one."""
        with self._write() as s:
            proj = self._ensure_project_row(s, project)
            row, _added, _changed = self._upsert_stakeholder_row(s, proj, stakeholder)
            return _stakeholder(row)

    def get_stakeholder(self, project: str, stakeholder_id: str) -> Stakeholder | None:
        with self._read() as s:
            row = s.scalar(_stakeholder_query(project, stakeholder_id))
            return _stakeholder(row) if row else None

    def list_stakeholders(self, project: str) -> list[Stakeholder]:
        with self._read() as s:
            proj = _project_row(s, project)
            rows = s.scalars(select(StakeholderRow).where(StakeholderRow.project_id == proj.id)
                             .order_by(StakeholderRow.id))
            return [_stakeholder(r) for r in rows]

    def find_stakeholder_by_slack_user(self, slack_user_id: str) -> list[tuple[str, Stakeholder]]:
        """Every (project name, stakeholder) this Slack user is, oldest project first."""
        with self._read() as s:
            rows = s.scalars(select(StakeholderRow).join(StakeholderRow.project)
                             .where(StakeholderRow.slack_user_id == slack_user_id)
                             .options(selectinload(StakeholderRow.project))
                             .order_by(ProjectRow.id, StakeholderRow.id))
            return [(r.project.name, _stakeholder(r)) for r in rows]

    # --- interviews -------------------------------------------------------------------------

    def start_interview(self, project: str, stakeholder: Stakeholder, language: Language) -> Interview:
        """Create the stakeholder's interview, or return the existing one unchanged (safe to
        call again, e.g. on a retried Slack event). Also stores the stakeholder."""
        with self._write() as s:
            proj = self._ensure_project_row(s, project, language)
            person, _added, _changed = self._upsert_stakeholder_row(s, proj, stakeholder)
            row = self._ensure_interview_row(s, person, language, "in_progress")
            return _interview(row, project)

    def get_interview(self, project: str, stakeholder_id: str) -> Interview | None:
        with self._read() as s:
            row = s.scalar(_interview_query(project, stakeholder_id))
            return _interview(row, project) if row else None

    def list_interviews(self, project: str) -> list[Interview]:
        with self._read() as s:
            proj = _project_row(s, project)
            rows = s.scalars(_interview_query(project).where(StakeholderRow.project_id == proj.id)
                             .order_by(InterviewRow.id))
            return [_interview(r, project) for r in rows]

    def add_question(self, project: str, stakeholder_id: str, question: str, topic: str | None = None,
                     checklist_refs: Sequence[str] = ()) -> Turn:
        """Append a pending turn (index = one past the last) and return it."""
        with self._write() as s:
            interview = self._interview_row(s, project, stakeholder_id, lock=True)
            position = max((t.position for t in interview.turns), default=-1) + 1
            row = TurnRow(position=position, question=question, answer=None,
                          status="pending", topic=topic, checklist_refs=list(checklist_refs),
                          asked_at=utcnow(), answered_at=None)
            interview.turns.append(row)
            interview.updated_at = row.asked_at
            s.flush()
            return _turn(row)

    def answer_turn(self, project: str, stakeholder_id: str, index: int, answer: str) -> Turn:
        """Store the answer of turn `index`. A different earlier answer goes to the history;
        the same answer again (a retry) changes nothing."""
        with self._write() as s:
            interview = self._interview_row(s, project, stakeholder_id, lock=True)
            row = _turn_row(interview, index)
            if row.status == "answered" and row.answer == answer:
                return _turn(row)
            now = utcnow()
            _revise(row, now)
            row.answer, row.status, row.answered_at = answer, "answered", now
            interview.updated_at = now
            s.flush()
            return _turn(row)

    def skip_turn(self, project: str, stakeholder_id: str, index: int) -> Turn:
        """Mark turn `index` skipped; an answer it had goes to the history."""
        with self._write() as s:
            interview = self._interview_row(s, project, stakeholder_id, lock=True)
            row = _turn_row(interview, index)
            if row.status == "skipped":
                return _turn(row)
            now = utcnow()
            _revise(row, now)
            row.answer, row.status, row.answered_at = None, "skipped", None
            interview.updated_at = now
            s.flush()
            return _turn(row)

    def turn_history(self, project: str, stakeholder_id: str, index: int) -> list[TurnRevision]:
        """Earlier states of turn `index`, oldest first (the current state is not included)."""
        with self._read() as s:
            row = _turn_row(self._interview_row(s, project, stakeholder_id), index)
            return [TurnRevision(index=index, question=r.question, answer=r.answer, status=r.status,
                                 answered_at=r.answered_at, replaced_at=r.replaced_at)
                    for r in row.revisions]

    def set_interview_status(self, project: str, stakeholder_id: str, status: InterviewStatus) -> Interview:
        with self._write() as s:
            row = self._interview_row(s, project, stakeholder_id, lock=True)
            row.status = _check_status(status)
            row.updated_at = utcnow()
            s.flush()
            return _interview(row, project)

    def set_interview_language(self, project: str, stakeholder_id: str, language: Language) -> Interview:
        if language not in ("zh", "en"):
            raise ValueError(f"language must be 'zh' or 'en', not {language!r}")
        with self._write() as s:
            row = self._interview_row(s, project, stakeholder_id, lock=True)
            row.language, row.updated_at = language, utcnow()
            s.flush()
            return _interview(row, project)

    def save_interview_state(self, project: str, stakeholder_id: str, state_json: str) -> None:
        """Keep the interview engine's own serialised state (opaque to the store)."""
        with self._write() as s:
            row = self._interview_row(s, project, stakeholder_id, lock=True)
            row.engine_state = state_json

    def load_interview_state(self, project: str, stakeholder_id: str) -> str | None:
        with self._read() as s:
            return self._interview_row(s, project, stakeholder_id).engine_state

    # --- import -----------------------------------------------------------------------------

    def import_transcript(self, transcript: TranscriptFile, project: str | None = None) -> ImportResult:
        """Store a validated transcript file, all or nothing, idempotently.

        Turns are matched by position within each stakeholder's interview: the same
        question and answer count as unchanged; an edited one is updated and its old text
        kept in the turn's history. Stored turns beyond the file's are left alone.
        """
        name = project or transcript.project
        counts = dict(stakeholders_added=0, stakeholders_updated=0, turns_added=0, turns_updated=0, unchanged=0)
        with self._write() as s:
            proj = self._ensure_project_row(s, name, transcript.language(), lock=True)
            for incoming in transcript.to_interviews(name):
                person, added, changed = self._upsert_stakeholder_row(s, proj, incoming.stakeholder)
                counts["stakeholders_added"] += added
                counts["stakeholders_updated"] += changed
                interview = self._ensure_interview_row(s, person, incoming.language, "imported")
                stored = {t.position: t for t in interview.turns}
                now = utcnow()
                edits_before = counts["turns_added"] + counts["turns_updated"]
                for turn in incoming.turns:
                    row = stored.get(turn.index)
                    if row is None:
                        interview.turns.append(TurnRow(
                            position=turn.index, question=turn.question, answer=turn.answer, status="answered",
                            topic=None, checklist_refs=[], asked_at=now, answered_at=now))
                        counts["turns_added"] += 1
                    elif (row.question, row.answer, row.status) == (turn.question, turn.answer, "answered"):
                        counts["unchanged"] += 1
                    else:
                        _revise(row, now)
                        row.question, row.answer, row.status, row.answered_at = \
                            turn.question, turn.answer, "answered", now
                        counts["turns_updated"] += 1
                if counts["turns_added"] + counts["turns_updated"] > edits_before:
                    interview.updated_at = now
            s.flush()
        return ImportResult(project=name, **counts)

    # --- analysis results -------------------------------------------------------------------

    def requirement_id_for(self, project: str, key: str) -> str:
        """The stable id (REQ-001, REQ-002, …) of `key` in `project`; the same key always
        gets the same id, a new key the next free number."""
        return self.requirement_ids_for(project, [key])[key]

    def requirement_ids_for(self, project: str, keys: Iterable[str]) -> dict[str, str]:
        """`requirement_id_for` for many keys in one transaction (new keys numbered in order)."""
        keys = list(dict.fromkeys(keys))
        with self._write() as s:
            proj = _project_row(s, project, lock=True)   # serialises numbering across processes
            hashes = {k: hashlib.sha256(k.encode("utf-8")).hexdigest() for k in keys}
            known: dict[str, int] = {}
            for chunk in _chunks(list(hashes.values()), 500):
                known.update(s.execute(select(RequirementKeyRow.key_hash, RequirementKeyRow.number).where(
                    RequirementKeyRow.project_id == proj.id, RequirementKeyRow.key_hash.in_(chunk))).all())
            number = s.scalar(select(func.max(RequirementKeyRow.number))
                              .where(RequirementKeyRow.project_id == proj.id)) or 0
            for key in keys:
                if hashes[key] not in known:
                    number += 1
                    s.add(RequirementKeyRow(project_id=proj.id, number=number, key_hash=hashes[key], key=key))
                    known[hashes[key]] = number
            return {k: f"REQ-{known[hashes[k]]:03d}" for k in keys}

    def save_requirement_set(self, requirement_set: RequirementSet) -> None:
        """Keep this analysis result; `latest_requirement_set` returns the newest one."""
        with self._write() as s:
            proj = _project_row(s, requirement_set.project)
            s.add(RequirementSetRow(project_id=proj.id, created_at=utcnow(),
                                    body=requirement_set.model_dump_json()))

    def latest_requirement_set(self, project: str) -> RequirementSet | None:
        with self._read() as s:
            proj = _project_row(s, project)
            body = s.scalar(select(RequirementSetRow.body).where(RequirementSetRow.project_id == proj.id)
                            .order_by(RequirementSetRow.id.desc()).limit(1))
            return RequirementSet.model_validate_json(body) if body else None

    # --- decisions --------------------------------------------------------------------------

    def add_priority_override(self, project: str, req_id: str, priority: Priority | str, by: str,
                              note: str | None = None) -> PriorityOverride:
        """Record a manual priority; for each requirement the latest override wins."""
        priority = Priority(priority)
        _check_requirement_id(req_id)
        with self._write() as s:
            proj = _project_row(s, project)
            row = PriorityOverrideRow(project_id=proj.id, req_id=req_id, priority=priority.value,
                                      decided_by=by, note=note, created_at=utcnow())
            s.add(row)
            return _override(row, project)

    def priority_overrides(self, project: str) -> list[PriorityOverride]:
        """Every override, oldest first (so folding them in order leaves the latest)."""
        with self._read() as s:
            proj = _project_row(s, project)
            rows = s.scalars(select(PriorityOverrideRow).where(PriorityOverrideRow.project_id == proj.id)
                             .order_by(PriorityOverrideRow.id))
            return [_override(r, project) for r in rows]

    def record_review_decision(self, project: str, stakeholder_id: str, req_id: str, action: ReviewAction,
                               text: str | None = None) -> ReviewDecision:
        """Keep a stakeholder's confirm / remove / correct of a requirement (all kept, in order)."""
        if action not in REVIEW_ACTIONS:
            raise ValueError(f"action must be one of {', '.join(REVIEW_ACTIONS)}, not {action!r}")
        _check_requirement_id(req_id)
        with self._write() as s:
            proj = _project_row(s, project)
            row = ReviewDecisionRow(project_id=proj.id, stakeholder_key=stakeholder_id, req_id=req_id,
                                    action=action, text=text, created_at=utcnow())
            s.add(row)
            return _decision(row, project)

    def review_decisions(self, project: str, stakeholder_id: str | None = None) -> list[ReviewDecision]:
        """Review decisions, oldest first; only one stakeholder's when `stakeholder_id` is given."""
        with self._read() as s:
            proj = _project_row(s, project)
            query = select(ReviewDecisionRow).where(ReviewDecisionRow.project_id == proj.id)
            if stakeholder_id is not None:
                query = query.where(ReviewDecisionRow.stakeholder_key == stakeholder_id)
            return [_decision(r, project) for r in s.scalars(query.order_by(ReviewDecisionRow.id))]

    # --- spec versions ----------------------------------------------------------------------

    def record_spec_version(self, project: str, requirement_set: RequirementSet, path: str,
                            language: Language) -> int:
        """Record a written specification; returns its version number (1, 2, 3 … per project)."""
        with self._write() as s:
            proj = _project_row(s, project, lock=True)   # serialises numbering across processes
            last = s.scalar(select(func.max(SpecVersionRow.version)).where(SpecVersionRow.project_id == proj.id))
            version = (last or 0) + 1
            s.add(SpecVersionRow(project_id=proj.id, version=version, path=str(path), language=language,
                                 created_at=utcnow(), body=requirement_set.model_dump_json()))
            return version

    def spec_versions(self, project: str) -> list[SpecVersion]:
        with self._read() as s:
            proj = _project_row(s, project)
            rows = s.scalars(select(SpecVersionRow).where(SpecVersionRow.project_id == proj.id)
                             .order_by(SpecVersionRow.version))
            return [SpecVersion(project=project, version=r.version, path=r.path, language=r.language,
                                created_at=r.created_at) for r in rows]

    def get_spec_version(self, project: str, version: int) -> RequirementSet | None:
        """The requirement set spec version `version` was written from."""
        with self._read() as s:
            proj = _project_row(s, project)
            body = s.scalar(select(SpecVersionRow.body).where(SpecVersionRow.project_id == proj.id,
                                                              SpecVersionRow.version == version))
            return RequirementSet.model_validate_json(body) if body else None

    # --- Slack ------------------------------------------------------------------------------

    def claim_event(self, event_id: str) -> bool:
        """True the first time `event_id` is seen, False for every later (retried) delivery,
        across threads and processes. Ids older than a day are forgotten."""
        now = utcnow()
        try:
            with self._write() as s:
                s.execute(delete(SlackProcessedRow).where(SlackProcessedRow.processed_at < now - SLACK_EVENT_TTL))
                s.add(SlackProcessedRow(event_id=event_id, processed_at=now))
                s.flush()
            return True
        except IntegrityError:
            return False

    # --- helpers (run inside a session) -----------------------------------------------------

    def _ensure_project_row(self, s: Session, name: str, language: Language = "zh",
                            lock: bool = False) -> ProjectRow:
        row = _find_project_row(s, name, lock)
        if row is not None:
            return row
        try:
            with s.begin_nested():   # another process may create it at the same moment
                row = ProjectRow(name=name, language=language, created_at=utcnow())
                s.add(row)
            return row
        except IntegrityError:
            return _project_row(s, name, lock)

    def _upsert_stakeholder_row(self, s: Session, proj: ProjectRow,
                                stakeholder: Stakeholder) -> tuple[StakeholderRow, bool, bool]:
        """(row, added, changed) — changed when the stored name or role differed."""
        query = select(StakeholderRow).where(StakeholderRow.project_id == proj.id,
                                             StakeholderRow.key == stakeholder.id)
        row = s.scalar(query)
        if row is None:
            try:
                with s.begin_nested():
                    row = StakeholderRow(project_id=proj.id, key=stakeholder.id, name=stakeholder.name,
                                         role=stakeholder.role, slack_user_id=stakeholder.slack_user_id)
                    s.add(row)
                return row, True, False
            except IntegrityError:
                row = s.scalars(query).one()
        changed = (row.name, row.role) != (stakeholder.name, stakeholder.role)
        row.name, row.role = stakeholder.name, stakeholder.role
        if stakeholder.slack_user_id is not None:
            row.slack_user_id = stakeholder.slack_user_id
        return row, False, changed

    def _ensure_interview_row(self, s: Session, person: StakeholderRow, language: Language,
                              status: InterviewStatus) -> InterviewRow:
        query = select(InterviewRow).where(InterviewRow.stakeholder_id == person.id) \
            .options(selectinload(InterviewRow.turns))
        row = s.scalar(query)
        if row is not None:
            return row
        now = utcnow()
        try:
            with s.begin_nested():
                row = InterviewRow(stakeholder=person, language=language, status=status,
                                   started_at=now, updated_at=now, turns=[])
                s.add(row)
            return row
        except IntegrityError:
            return s.scalars(query).one()

    def _interview_row(self, s: Session, project: str, stakeholder_id: str, lock: bool = False) -> InterviewRow:
        query = _interview_query(project, stakeholder_id)
        if lock:   # serialises changes to one interview; other interviews are not blocked
            query = query.with_for_update(of=InterviewRow, key_share=True)
        row = s.scalar(query)
        if row is None:
            raise NotFoundError(f"no interview of stakeholder {stakeholder_id!r} in project {project!r}")
        return row


# --- queries and row → model conversion ---------------------------------------------------------

def _find_project_row(s: Session, name: str, lock: bool = False) -> ProjectRow | None:
    query = select(ProjectRow).where(ProjectRow.name == name)
    # NO KEY UPDATE: serialises numbering without blocking inserts that reference the project.
    return s.scalar(query.with_for_update(key_share=True) if lock else query)


def _project_row(s: Session, name: str, lock: bool = False) -> ProjectRow:
    row = _find_project_row(s, name, lock)
    if row is None:
        raise NotFoundError(f"no project named {name!r}")
    return row


def _stakeholder_query(project: str, stakeholder_id: str):
    return (select(StakeholderRow).join(StakeholderRow.project)
            .where(ProjectRow.name == project, StakeholderRow.key == stakeholder_id))


def _interview_query(project: str, stakeholder_id: str | None = None):
    query = (select(InterviewRow).join(InterviewRow.stakeholder).join(StakeholderRow.project)
             .where(ProjectRow.name == project)
             .options(selectinload(InterviewRow.turns), selectinload(InterviewRow.stakeholder)))
    if stakeholder_id is not None:
        query = query.where(StakeholderRow.key == stakeholder_id)
    return query


def _turn_row(interview: InterviewRow, index: int) -> TurnRow:
    for row in interview.turns:
        if row.position == index:
            return row
    raise NotFoundError(f"interview of {interview.stakeholder.key!r} has no turn {index}")


def _revise(row: TurnRow, now: datetime) -> None:
    """Keep the turn's current question and answer before they are replaced."""
    if row.answer is not None or row.status != "pending":
        row.revisions.append(TurnRevisionRow(question=row.question, answer=row.answer, status=row.status,
                                             answered_at=row.answered_at, replaced_at=now))


def _check_status(status: str) -> str:
    allowed = get_args(InterviewStatus)
    if status not in allowed:
        raise ValueError(f"status must be one of {', '.join(allowed)}, not {status!r}")
    return status


def _check_requirement_id(req_id: str) -> None:
    if not REQUIREMENT_ID.fullmatch(req_id):
        raise ValueError(f"not a requirement id (like REQ-001): {req_id[:40]!r}")


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _project(row: ProjectRow) -> Project:
    return Project(name=row.name, language=row.language, slack_channel_id=row.slack_channel_id,
                   created_by=row.created_by, created_at=row.created_at)


def _stakeholder(row: StakeholderRow) -> Stakeholder:
    return Stakeholder(id=row.key, name=row.name, role=row.role, slack_user_id=row.slack_user_id)


def _turn(row: TurnRow) -> Turn:
    return Turn(index=row.position, question=row.question, answer=row.answer, status=row.status,
                topic=row.topic, checklist_refs=list(row.checklist_refs or []),
                asked_at=row.asked_at, answered_at=row.answered_at)


def _interview(row: InterviewRow, project: str) -> Interview:
    return Interview(project=project, stakeholder=_stakeholder(row.stakeholder), language=row.language,
                     status=row.status, turns=[_turn(t) for t in row.turns],
                     started_at=row.started_at, updated_at=row.updated_at)


def _override(row: PriorityOverrideRow, project: str) -> PriorityOverride:
    return PriorityOverride(project=project, req_id=row.req_id, priority=row.priority, by=row.decided_by,
                            note=row.note, at=row.created_at)


def _decision(row: ReviewDecisionRow, project: str) -> ReviewDecision:
    return ReviewDecision(project=project, stakeholder_id=row.stakeholder_key, req_id=row.req_id,
                          action=row.action, text=row.text, at=row.created_at)
