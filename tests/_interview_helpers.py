"""Fixtures shared by the interview and terminal tests.

The checklist index is built once per session (conftest's `built_index_home`); here the
interview plans of every role are grounded once on top of it, so each test gets a home
whose index and question cache are ready: no test waits for retrieval.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from _homes import session_home
from bot.models import ROLES, Stakeholder


@pytest.fixture(scope="session")
def grounded_home(built_index_home: Path):
    """(home, index): the session's built index with every role's plan grounded and cached."""
    from bot.interview.questions import Grounder, build_plan, followup_groundings
    from bot.retrieval.index import ChecklistIndex

    with session_home(built_index_home):
        index = ChecklistIndex()
        grounder = Grounder(index)
        for role in ROLES:
            build_plan(role, grounder)
        followup_groundings(grounder)
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


@pytest.fixture
def database_url(request, tmp_path: Path) -> str:
    """A fresh database of the kind named by the test's parameter: "sqlite" or "postgresql"
    (conftest's throwaway schema; skipped when the server is not reachable)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'interviews.db'}"
    return request.getfixturevalue("pg_url")
