"""Shared fixtures: every test runs against its own REQBOT_HOME on disk."""
from __future__ import annotations

from pathlib import Path

import pytest

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
    import os

    from bot.retrieval.index import ChecklistIndex

    home = tmp_path_factory.mktemp("index-home")
    saved = os.environ.get("REQBOT_HOME")
    os.environ["REQBOT_HOME"] = str(home)
    reset_settings()
    try:
        ChecklistIndex()
    finally:
        if saved is None:
            os.environ.pop("REQBOT_HOME", None)
        else:
            os.environ["REQBOT_HOME"] = saved
        reset_settings()
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
