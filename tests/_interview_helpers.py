"""Fixtures shared by the interview and terminal tests.

The checklist index is built once per session (conftest's `built_index_home`); here the
interview plans of every role are grounded once on top of it, so each test gets a home
whose index and question cache are ready: no test waits for retrieval.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.config import reset_settings
from bot.models import ROLES, Stakeholder


@pytest.fixture(scope="session")
def grounded_home(built_index_home: Path):
    """(home, index): the session's built index with every role's plan grounded and cached."""
    from bot.interview.questions import Grounder, build_plan, followup_groundings
    from bot.retrieval.index import ChecklistIndex

    saved = os.environ.get("REQBOT_HOME")
    os.environ["REQBOT_HOME"] = str(built_index_home)
    reset_settings()
    try:
        index = ChecklistIndex()
        grounder = Grounder(index)
        for role in ROLES:
            build_plan(role, grounder)
        followup_groundings(grounder)
    finally:
        if saved is None:
            os.environ.pop("REQBOT_HOME", None)
        else:
            os.environ["REQBOT_HOME"] = saved
        reset_settings()
    return built_index_home, index


@pytest.fixture
def ready_home(grounded_home, reqbot_home: Path) -> Path:
    """A fresh REQBOT_HOME (empty database) holding a copy of the built index and question cache."""
    source, _index = grounded_home
    reqbot_home.mkdir(parents=True, exist_ok=True)
    for folder in ("chroma", "cache"):
        shutil.copytree(source / folder, reqbot_home / folder)
    return reqbot_home


@pytest.fixture
def store(tmp_path: Path):
    from bot.store import Store

    with Store(f"sqlite:///{tmp_path / 'interviews.db'}") as opened:
        yield opened


@pytest.fixture
def service(store, grounded_home):
    from bot.interview.service import InterviewService

    return InterviewService(store, grounded_home[1])


def person(id: str, name: str, role: str) -> Stakeholder:
    return Stakeholder(id=id, name=name, role=role)


PG_URL = os.environ.get("REQBOT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def database_url(request, tmp_path: Path) -> str:
    """A fresh database of the kind named by the test's parameter: "sqlite" or "postgresql"
    (a throwaway schema; skipped when the server is not reachable)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'interviews.db'}"
        return
    import uuid

    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable at {PG_URL} (set REQBOT_TEST_POSTGRES_URL): {exc}")
    schema = f"reqbot_interview_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')
    joiner = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{joiner}options=-csearch_path%3D{schema}"
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()
