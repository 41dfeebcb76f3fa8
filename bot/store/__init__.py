"""The persistent store: SQLAlchemy 2 over SQLite (default) or PostgreSQL, schema by Alembic.

    from bot.store import Store
    store = Store.from_settings()        # or Store("postgresql://user@host/db")
"""
from bot.store.errors import ConflictError, NotFoundError, StoreError
from bot.store.records import (
    ImportResult, PriorityOverride, ReviewAction, ReviewDecision, SpecVersion, TurnRevision,
)
from bot.store.repository import Store

__all__ = [
    "Store", "StoreError", "NotFoundError", "ConflictError", "ImportResult", "TurnRevision",
    "PriorityOverride", "ReviewAction", "ReviewDecision", "SpecVersion",
]
