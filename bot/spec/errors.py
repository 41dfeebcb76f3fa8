"""What the spec writer raises on purpose: messages meant for the person running it."""
from __future__ import annotations


class SpecError(ValueError):
    """The specification cannot be written; the message says why and what to do."""


class TemplateError(SpecError):
    """The Word template is missing, unreadable, or lacks a style the document uses."""
