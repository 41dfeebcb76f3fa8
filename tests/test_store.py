"""The store on real databases: SQLite on disk and the local PostgreSQL (one throwaway
schema per test). Every API test runs on both backends."""
from __future__ import annotations

import multiprocessing
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, text, update

from bot.config import get_settings
from bot.models import Conflict, Project, Requirement, RequirementSet, Stakeholder, utcnow
from bot.store import ConflictError, NotFoundError, Store, StoreError
from bot.store.db import current_revision, head_revision, make_engine, normalize_url, upgrade
from bot.store.tables import Base, SlackProcessedRow
from bot.transcripts import load_transcript

DATA = Path(__file__).parent / "data"

ANA = Stakeholder(id="ana", name="Ana Souza", role="sales")
WEI = Stakeholder(id="wei", name="陈伟", role="finance", slack_user_id="U_WEI")


# --- backends ---------------------------------------------------------------------------------

@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, reqbot_home) -> str:
    if request.param == "sqlite":
        return get_settings().resolved_database_url
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(url):
    with Store(url) as opened:
        yield opened


# --- schema and migrations --------------------------------------------------------------------

def test_opening_a_new_database_creates_the_schema_at_head(url):
    with Store(url) as store:
        assert current_revision(store._engine) == head_revision() == "0002"
        tables = set(inspect(store._engine).get_table_names())
    assert set(Base.metadata.tables) | {"alembic_version"} <= tables


def test_default_database_is_sqlite_in_reqbot_home_with_wal_and_foreign_keys(reqbot_home):
    with Store.from_settings() as store:
        assert (reqbot_home / "reqbot.db").is_file()
        with store._engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_plain_postgresql_urls_use_psycopg3():
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_upgrading_an_older_database_keeps_its_data(url):
    engine = make_engine(url)
    upgrade(engine, "0001")
    with engine.begin() as connection:   # data written by a bot that only knew revision 0001
        connection.execute(text(
            "INSERT INTO projects (id, name, language, created_at) VALUES (1, 'Old', 'en', :t)"), {"t": utcnow()})
        connection.execute(text(
            "INSERT INTO stakeholders (id, project_id, key, name, role) VALUES (1, 1, 'ana', 'Ana', 'sales')"))
        connection.execute(text(
            "INSERT INTO interviews (id, stakeholder_id, language, status, started_at, updated_at) "
            "VALUES (1, 1, 'en', 'paused', :t, :t)"), {"t": utcnow()})
        connection.execute(text(
            "INSERT INTO turns (interview_id, position, question, answer, status, checklist_refs, asked_at) "
            "VALUES (1, 0, 'How do you quote?', 'By email.', 'answered', '[\"2.1\"]', :t)"), {"t": utcnow()})
    assert current_revision(engine) == "0001"
    engine.dispose()

    with Store(url) as store:
        assert current_revision(store._engine) == head_revision()
        interview = store.get_interview("Old", "ana")
        assert interview.status == "paused"
        assert [(t.question, t.answer, t.checklist_refs) for t in interview.turns] == \
            [("How do you quote?", "By email.", ["2.1"])]
        assert store.requirement_id_for("Old", "quote by email") == "REQ-001"   # 0002's tables work


def test_a_database_from_a_newer_reqbot_is_refused_clearly(url):
    Store(url).close()
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer than this reqbot"):
        Store(url)


def test_tables_and_migrations_describe_the_same_schema(reqbot_home):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with Store.from_settings() as store, store._engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == [], "tables.py changed without a migration: python -m bot.store revision '…'"


def test_postgres_tests_stay_in_their_own_schema(pg_url, pg_admin):
    schema = pg_url.rsplit("%3D", 1)[1]
    with Store(pg_url):
        rows = pg_admin.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                                (schema,)).fetchall()
    assert {"projects", "turns", "alembic_version"} <= {r[0] for r in rows}


# --- projects and stakeholders ----------------------------------------------------------------

def test_projects_are_created_found_by_name_and_channel_and_updated(store):
    created = store.create_project(Project(name="Acme OMS", language="en", slack_channel_id="C1", created_by="U_PM"))
    assert store.get_project("Acme OMS") == created
    assert store.get_project_by_channel("C1").name == "Acme OMS"
    assert store.get_project("nope") is None and store.get_project_by_channel("C9") is None

    created.slack_channel_id = "C2"
    created.language = "zh"
    store.update_project(created)
    assert store.get_project_by_channel("C2").language == "zh"
    assert store.get_project_by_channel("C1") is None
    assert store.get_project("Acme OMS").created_at == created.created_at

    store.create_project(Project(name="Beta"))
    assert [p.name for p in store.list_projects()] == ["Acme OMS", "Beta"]
    with pytest.raises(ConflictError):
        store.create_project(Project(name="Acme OMS"))
    with pytest.raises(ConflictError):
        store.update_project(Project(name="Beta", slack_channel_id="C2"))
    with pytest.raises(NotFoundError):
        store.update_project(Project(name="Gamma"))


def test_stakeholders_are_upserted_and_found_by_slack_user(store):
    store.upsert_stakeholder("P1", WEI)
    store.upsert_stakeholder("P1", ANA)
    store.upsert_stakeholder("P2", WEI)
    # A later update without a Slack id keeps the stored one.
    store.upsert_stakeholder("P1", Stakeholder(id="wei", name="陈伟 (Wei Chen)", role="management"))

    assert store.get_stakeholder("P1", "wei") == \
        Stakeholder(id="wei", name="陈伟 (Wei Chen)", role="management", slack_user_id="U_WEI")
    assert [s.id for s in store.list_stakeholders("P1")] == ["wei", "ana"]
    assert [(p, s.id) for p, s in store.find_stakeholder_by_slack_user("U_WEI")] == [("P1", "wei"), ("P2", "wei")]
    assert store.find_stakeholder_by_slack_user("U_NOBODY") == []
    assert store.get_stakeholder("P1", "nobody") is None
    with pytest.raises(NotFoundError):
        store.list_stakeholders("no such project")


# --- interviews -------------------------------------------------------------------------------

def test_an_interview_survives_a_restart_with_answers_history_and_engine_state(url):
    with Store(url) as store:
        store.start_interview("P", WEI, "zh")
        store.add_question("P", "wei", "现在怎么对账?", topic="reconciliation", checklist_refs=["3.2"])
        store.add_question("P", "wei", "用什么财务软件?", topic="ledger")
        store.answer_turn("P", "wei", 0, "每周五手工对账")
        store.save_interview_state("P", "wei", '{"pending": 1}')

    with Store(url) as store:   # a new process, days later
        interview = store.get_interview("P", "wei")
        assert interview.language == "zh" and interview.status == "in_progress"
        assert [(t.index, t.status, t.answer) for t in interview.turns] == \
            [(0, "answered", "每周五手工对账"), (1, "pending", None)]
        assert interview.turns[0].checklist_refs == ["3.2"] and interview.turns[0].topic == "reconciliation"
        assert interview.turns[0].answered_at.tzinfo is not None
        assert store.load_interview_state("P", "wei") == '{"pending": 1}'

        # start_interview again (e.g. a retried invite) changes nothing.
        assert store.start_interview("P", WEI, "en") == interview


def test_a_changed_answer_keeps_the_old_one_in_history(store):
    store.start_interview("P", ANA, "en")
    store.add_question("P", "ana", "How long does a quote take?")
    store.answer_turn("P", "ana", 0, "about an hour")
    store.answer_turn("P", "ana", 0, "about an hour")            # a retry: no new history
    changed = store.answer_turn("P", "ana", 0, "4 hours for big orders")
    assert changed.answer == "4 hours for big orders"
    assert [(r.answer, r.status) for r in store.turn_history("P", "ana", 0)] == [("about an hour", "answered")]

    skipped = store.skip_turn("P", "ana", 0)
    assert (skipped.status, skipped.answer) == ("skipped", None)
    assert [r.answer for r in store.turn_history("P", "ana", 0)] == ["about an hour", "4 hours for big orders"]


def test_interview_status_language_and_listing(store):
    store.start_interview("P", ANA, "en")
    store.start_interview("P", WEI, "zh")
    assert store.set_interview_status("P", "ana", "paused").status == "paused"
    assert store.set_interview_language("P", "ana", "zh").language == "zh"
    assert [(i.stakeholder.id, i.status) for i in store.list_interviews("P")] == \
        [("ana", "paused"), ("wei", "in_progress")]
    assert store.get_interview("P", "nobody") is None
    with pytest.raises(ValueError):
        store.set_interview_status("P", "ana", "lost")
    with pytest.raises(NotFoundError):
        store.answer_turn("P", "ana", 5, "no such turn")
    with pytest.raises(NotFoundError):
        store.add_question("P", "nobody", "?")


# --- analysis results, decisions, spec versions -----------------------------------------------

def test_requirement_ids_are_stable_per_key_and_numbered_per_project(url):
    with Store(url) as store:
        store.ensure_project("P")
        store.ensure_project("Q")
        assert store.requirement_ids_for("P", ["auto pricing", "erp sync", "auto pricing"]) == \
            {"auto pricing": "REQ-001", "erp sync": "REQ-002"}
        assert store.requirement_id_for("Q", "erp sync") == "REQ-001"
    with Store(url) as store:   # analysis run again, later
        assert store.requirement_id_for("P", "credit block") == "REQ-003"
        assert store.requirement_id_for("P", "erp sync") == "REQ-002"
        assert store.requirement_id_for("P", "x" * 5000) == "REQ-004"     # long keys are fine
        with pytest.raises(NotFoundError):
            store.requirement_id_for("nope", "k")


def _requirement_set(project: str, *titles: str) -> RequirementSet:
    return RequirementSet(project=project, requirements=[
        Requirement(id=f"REQ-{n:03d}", title=t, statement=f"The system shall {t}.") for n, t in enumerate(titles, 1)
    ], conflicts=[Conflict(id="CON-1", summary="cut-off time", requirement_ids=["REQ-001"])])


def test_latest_requirement_set_is_the_last_saved(store):
    store.ensure_project("P")
    assert store.latest_requirement_set("P") is None
    store.save_requirement_set(_requirement_set("P", "sync orders"))
    second = _requirement_set("P", "sync orders", "block overdue customers")
    store.save_requirement_set(second)
    assert store.latest_requirement_set("P") == second


def test_priority_overrides_and_review_decisions_keep_who_and_when(store):
    store.ensure_project("P")
    store.add_priority_override("P", "REQ-001", "could", by="U_PM")
    store.add_priority_override("P", "REQ-001", "must", by="U_BOSS", note="blocks go-live")
    overrides = store.priority_overrides("P")
    assert [(o.req_id, o.priority, o.by, o.note) for o in overrides] == \
        [("REQ-001", "could", "U_PM", None), ("REQ-001", "must", "U_BOSS", "blocks go-live")]
    assert overrides[0].at <= overrides[1].at
    with pytest.raises(ValueError):
        store.add_priority_override("P", "REQ-001", "urgent", by="U_PM")
    with pytest.raises(ValueError):
        store.add_priority_override("P", "make it REQ-001 please", "must", by="U_PM")

    store.record_review_decision("P", "ana", "REQ-001", "confirm")
    store.record_review_decision("P", "wei", "REQ-002", "correct", text="系统应在下单时检查信用额度")
    store.record_review_decision("P", "ana", "REQ-001", "remove")
    assert [(d.stakeholder_id, d.action) for d in store.review_decisions("P")] == \
        [("ana", "confirm"), ("wei", "correct"), ("ana", "remove")]
    assert [d.text for d in store.review_decisions("P", "wei")] == ["系统应在下单时检查信用额度"]
    with pytest.raises(ValueError):
        store.record_review_decision("P", "ana", "REQ-001", "delete")


def test_spec_versions_are_numbered_and_keep_their_requirement_set(store):
    store.ensure_project("P")
    first, second = _requirement_set("P", "sync orders"), _requirement_set("P", "sync orders", "track parcels")
    assert store.record_spec_version("P", first, "/out/spec.docx", "zh") == 1
    assert store.record_spec_version("P", second, "/out/spec-2.docx", "en") == 2
    assert [(v.version, v.path, v.language) for v in store.spec_versions("P")] == \
        [(1, "/out/spec.docx", "zh"), (2, "/out/spec-2.docx", "en")]
    assert store.get_spec_version("P", 1) == first
    assert store.get_spec_version("P", 2) == second
    assert store.get_spec_version("P", 3) is None


# --- Slack events -----------------------------------------------------------------------------

def test_an_event_is_claimed_once_and_forgotten_after_a_day(store):
    assert store.claim_event("Ev1") is True
    assert store.claim_event("Ev1") is False
    assert store.claim_event("Ev2") is True
    with store._engine.begin() as connection:   # pretend Ev1 arrived two days ago
        connection.execute(update(SlackProcessedRow).where(SlackProcessedRow.event_id == "Ev1")
                           .values(processed_at=utcnow() - timedelta(days=2)))
    assert store.claim_event("Ev3") is True       # prunes Ev1
    assert store.claim_event("Ev1") is True
    assert store.claim_event("Ev2") is False


# --- import (the importer's own tests are in test_import.py) ------------------------------------

def test_import_is_idempotent_and_keeps_edited_answers_in_history(store):
    first = store.import_transcript(load_transcript(DATA / "transcript_fastener.json"))
    assert (first.stakeholders_added, first.turns_added, first.turns_updated) == (3, 7, 0)
    before = store.list_interviews(first.project)

    again = store.import_transcript(load_transcript(DATA / "transcript_fastener.json"))
    assert not again.changed and again.unchanged == 7
    assert store.list_interviews(first.project) == before

    edited = store.import_transcript(load_transcript(DATA / "transcript_fastener_edited.json"))
    assert (edited.turns_added, edited.turns_updated, edited.unchanged) == (1, 1, 6)
    assert [r.answer for r in store.turn_history(first.project, "li-na", 1)] == [before[0].turns[1].answer]


def test_a_failing_import_stores_nothing(store, monkeypatch):
    transcript = load_transcript(DATA / "transcript_fastener.json")
    real = Store._ensure_interview_row
    calls = []

    def fail_on_third(self, *args):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(self, *args)

    monkeypatch.setattr(Store, "_ensure_interview_row", fail_on_third)
    with pytest.raises(RuntimeError):
        store.import_transcript(transcript)
    assert store.list_projects() == []


# --- concurrency ------------------------------------------------------------------------------

ROUNDS = 15


def _interview(store: Store, who: Stakeholder) -> None:
    store.start_interview("Shared", who, "en")
    for n in range(ROUNDS):
        turn = store.add_question("Shared", who.id, f"{who.id} question {n}")
        store.answer_turn("Shared", who.id, turn.index, f"{who.id} answer {n}")
        store.save_interview_state("Shared", who.id, f'{{"after": {n}}}')


def _assert_interviews_kept_apart(store: Store, people: list[Stakeholder]) -> None:
    for who in people:
        interview = store.get_interview("Shared", who.id)
        assert [(t.index, t.question, t.answer) for t in interview.turns] == \
            [(n, f"{who.id} question {n}", f"{who.id} answer {n}") for n in range(ROUNDS)]
        assert store.load_interview_state("Shared", who.id) == f'{{"after": {ROUNDS - 1}}}'


def test_threads_interview_two_people_and_claim_events_without_interfering(store):
    people = [ANA, WEI]
    claimed: list[str] = []
    errors: list[BaseException] = []

    def work(who: Stakeholder) -> None:
        try:
            _interview(store, who)
            claimed.extend(e for e in (f"Ev{n}" for n in range(20)) if store.claim_event(e))
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(claimed) == sorted(f"Ev{n}" for n in range(20))
    _assert_interviews_kept_apart(store, people)


def _process_worker(url: str, who: dict, barrier, results) -> None:
    try:
        barrier.wait(timeout=60)
        with Store(url) as store:          # both processes open (and migrate) a fresh database at once
            _interview(store, Stakeholder(**who))
            results.put([e for e in (f"Ev{n}" for n in range(20)) if store.claim_event(e)])
    except BaseException as exc:  # noqa: BLE001 - reported by the parent
        results.put(repr(exc))


def test_two_processes_migrate_interview_and_claim_events_without_interfering(url):
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    people = [ANA, WEI]
    processes = [context.Process(target=_process_worker, args=(url, p.model_dump(), barrier, results))
                 for p in people]
    for p in processes:
        p.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for p in processes:
        p.join(timeout=30)
    assert all(isinstance(o, list) for o in outcomes), outcomes
    assert sorted(e for o in outcomes for e in o) == sorted(f"Ev{n}" for n in range(20))
    with Store(url) as store:
        _assert_interviews_kept_apart(store, people)
