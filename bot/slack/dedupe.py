"""A retried event is processed once.

Slack re-sends an event (same `event_id`, header `X-Slack-Retry-Num: 1, 2, 3`) when it
did not see our acknowledgement in time. Events are acknowledged at once and the work
is done afterwards, so a retry usually means the first delivery is already being
handled, possibly by another bot process sharing the database. `store.claim_event`
records each event id in that shared database: the first delivery wins, every later
one is acknowledged and dropped.

The claim is taken before the work, so a process killed mid-work loses that one event
rather than risking a double reply; the person's message is still in Slack, and every
answer the interview stored earlier stays stored.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from bot.store import Store

log = logging.getLogger(__name__)


def retry_number(headers: Mapping[str, Any] | None, body: Mapping[str, Any]) -> int:
    """0 for a first delivery; Slack's retry count otherwise (HTTP header or Socket Mode field)."""
    value: Any = None
    for name, raw in (headers or {}).items():
        if name.lower() == "x-slack-retry-num":
            value = raw[0] if isinstance(raw, (list, tuple)) and raw else raw
    if value is None:
        value = body.get("retry_attempt")
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def first_delivery(store: Store, body: Mapping[str, Any], headers: Mapping[str, Any] | None = None) -> bool:
    """True when this event should be processed; False for a delivery already claimed."""
    event_id = body.get("event_id")
    if not event_id:          # not an Events API envelope: nothing to deduplicate by
        return True
    if store.claim_event(str(event_id)):
        return True
    log.info("dropping a repeated delivery of event %s (retry %d)", event_id, retry_number(headers, body))
    return False
