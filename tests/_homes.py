"""Pointing REQBOT_HOME somewhere for a block of test setup."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.config import reset_settings


@contextmanager
def session_home(home: Path) -> Iterator[None]:
    """REQBOT_HOME=home for the block; session fixtures can't use the `monkeypatch` fixture."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REQBOT_HOME", str(home))
        reset_settings()
        try:
            yield
        finally:
            reset_settings()
