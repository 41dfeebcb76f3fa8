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
