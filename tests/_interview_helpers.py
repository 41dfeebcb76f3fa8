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
