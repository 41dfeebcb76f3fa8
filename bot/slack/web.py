"""Every Slack Web API call the bot makes goes through here.

Rate limits are retried after the `Retry-After` Slack sends (by a retry handler on the
WebClient, so Bolt's own calls get it too). Any other failure (channel_not_found,
not_in_channel, a network error) is logged and returned as a `WebResult` instead of
raised: a Slack hiccup must never take a listener, let alone the process, down. The
token is never logged; slack_sdk's own debug logging of requests is left off.
"""
from __future__ import annotations

import logging
import random
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry import ConnectionErrorRetryHandler, RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

log = logging.getLogger(__name__)

MAX_RATE_LIMIT_RETRIES = 3
MAX_RETRY_AFTER_SECONDS = 30      # a longer wait holds a worker too long; we report instead
HTTP_TIMEOUT_SECONDS = 30


class RateLimitRetry(RetryHandler):
    """Retry a 429 after the seconds in its Retry-After header (capped), like Slack asks."""

    def __init__(self, max_retry_count: int = MAX_RATE_LIMIT_RETRIES) -> None:
        super().__init__(max_retry_count=max_retry_count)

    def _can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        if response is None or response.status_code != 429:
            return False
        return _retry_after(response) <= MAX_RETRY_AFTER_SECONDS

    def prepare_for_next_attempt(self, *, state: RetryState, request: HttpRequest,
                                 response: HttpResponse | None = None, error: Exception | None = None) -> None:
        wait = _retry_after(response) if response is not None else 1
        method = request.url.rsplit("/", 1)[-1].split("?", 1)[0]
        log.warning("Slack rate-limited %s; retrying in %s s", method, wait)
        time.sleep(wait + random.random() * 0.2)   # a little jitter so workers do not stampede
        state.next_attempt_requested = True
        state.increment_current_attempt()


def _retry_after(response: HttpResponse) -> int:
    for name, values in response.headers.items():
        if name.lower() == "retry-after":
            value = values[0] if isinstance(values, list) else values
            try:
                return max(0, int(value))
            except (TypeError, ValueError):
                return 1
    return 1


def make_client(token: str, base_url: str | None = None) -> WebClient:
    """A WebClient for `token`, pointed at SLACK_API_URL when one is configured."""
    kwargs: dict[str, Any] = {"token": token, "timeout": HTTP_TIMEOUT_SECONDS,
                              "retry_handlers": [ConnectionErrorRetryHandler(), RateLimitRetry()]}
    if base_url:
        kwargs["base_url"] = base_url if base_url.endswith("/") else base_url + "/"
    return WebClient(**kwargs)


class WebResult(BaseModel):
    """The outcome of one call: ok with its data, or the Slack error code."""
    model_config = ConfigDict(extra="forbid")
    ok: bool
    error: str | None = None
    data: dict[str, Any] = {}


class SlackWeb:
    """The Web API calls reqbot needs, each returning a WebResult and never raising."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def call(self, method: str, **kwargs: Any) -> WebResult:
        """Call a WebClient method by its Python name (e.g. "chat_postMessage")."""
        try:
            response = getattr(self.client, method)(**kwargs)
            return WebResult(ok=True, data=dict(response.data) if isinstance(response.data, dict) else {})
        except SlackApiError as exc:
            error = str(exc.response.get("error") or f"http_{exc.response.status_code}")
            where = kwargs.get("channel") or kwargs.get("user_id") or kwargs.get("users") or ""
            log.warning("Slack %s failed (%s) %s", method, error, where)
            return WebResult(ok=False, error=error)
        except (SlackClientError, OSError, ValueError) as exc:
            # Network trouble, a timeout, an unreadable response: report, never crash.
            log.warning("Slack %s failed: %s", method, type(exc).__name__)
            return WebResult(ok=False, error=type(exc).__name__)

    # --- the calls ------------------------------------------------------------------------
    def post(self, channel: str, text: str, blocks: list[dict] | None = None,
             thread_ts: str | None = None) -> WebResult:
        kwargs: dict[str, Any] = {"channel": channel, "text": text, "unfurl_links": False, "unfurl_media": False}
        if blocks:
            kwargs["blocks"] = blocks
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        return self.call("chat_postMessage", **kwargs)

    def update(self, channel: str, ts: str, text: str, blocks: list[dict] | None = None) -> WebResult:
        return self.call("chat_update", channel=channel, ts=ts, text=text, blocks=blocks or [])

    def open_dm(self, user: str) -> str | None:
        """The id of the DM channel with `user`, or None when it cannot be opened."""
        result = self.call("conversations_open", users=user)
        channel = result.data.get("channel") or {}
        return channel.get("id") if result.ok else None

    def real_name(self, user: str) -> str | None:
        result = self.call("users_info", user=user)
        if not result.ok:
            return None
        info = result.data.get("user") or {}
        profile = info.get("profile") or {}
        name = profile.get("real_name") or info.get("real_name") or profile.get("display_name") or info.get("name")
        return (str(name).strip() or None) if name else None

    def publish_home(self, user: str, view: dict) -> WebResult:
        return self.call("views_publish", user_id=user, view=view)

    def open_view(self, trigger_id: str, view: dict) -> WebResult:
        return self.call("views_open", trigger_id=trigger_id, view=view)

    def upload(self, channel: str, path: Path, title: str, comment: str) -> WebResult:
        return self.call("files_upload_v2", channel=channel, file=str(path), filename=path.name,
                         title=title, initial_comment=comment)
