"""Shared fixtures: every test runs against its own REQBOT_HOME on disk."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from _homes import session_home
from bot.config import reset_settings

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = SHARED / "samples"


@pytest.fixture
def reqbot_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty REQBOT_HOME (SQLite database, Chroma index) for one test."""
    home = tmp_path / "reqbot-home"
    monkeypatch.setenv("REQBOT_HOME", str(home))
    monkeypatch.delenv("REQBOT_DATABASE_URL", raising=False)
    monkeypatch.delenv("REQBOT_CHROMA_URL", raising=False)
    reset_settings()
    yield home
    reset_settings()


@pytest.fixture
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip(f"the shared sample corpus is not present at {SAMPLES}")
    return SAMPLES


@pytest.fixture(scope="session")
def built_index_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A REQBOT_HOME whose checklist index is built once per test session (~20 s)."""
    from bot.retrieval.index import ChecklistIndex

    home = tmp_path_factory.mktemp("index-home")
    with session_home(home):
        ChecklistIndex()
    return home


@pytest.fixture
def indexed_home(built_index_home: Path, reqbot_home: Path) -> Path:
    """A fresh REQBOT_HOME that starts with a copy of the session's built checklist index."""
    import shutil

    from bot.retrieval.index import clear_index_cache

    shutil.copytree(built_index_home / "chroma", reqbot_home / "chroma")
    clear_index_cache()
    yield reqbot_home
    clear_index_cache()


# --- PostgreSQL (the machine's server; REQBOT_TEST_POSTGRES_URL to point elsewhere) -----

PG_URL = os.environ.get("REQBOT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def pg_admin():
    psycopg = pytest.importorskip("psycopg")
    try:
        connection = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable at {PG_URL} (set REQBOT_TEST_POSTGRES_URL): {exc}")
    yield connection
    connection.close()


@pytest.fixture
def pg_url(pg_admin) -> str:
    """A URL whose search_path is a fresh schema, dropped after the test."""
    schema = f"reqbot_test_{uuid.uuid4().hex[:12]}"
    pg_admin.execute(f'CREATE SCHEMA "{schema}"')
    joiner = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{joiner}options=-csearch_path%3D{schema}"
    pg_admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
