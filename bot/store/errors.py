"""What the store raises, so callers can tell "you asked for something missing" from
"that would break a rule" without knowing SQLAlchemy."""
from __future__ import annotations


class StoreError(Exception):
    """Base class of every error the store raises on purpose."""


class NotFoundError(StoreError, LookupError):
    """The project, stakeholder, interview or turn named does not exist."""


class ConflictError(StoreError):
    """The write would break a uniqueness rule (a project name or channel already taken)."""
