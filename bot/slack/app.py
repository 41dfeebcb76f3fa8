"""Build the Bolt app from settings.

    bot = build_app()              # reads SLACK_* and REQBOT_* settings
    bot.app                        # the slack_bolt.App (serve it over HTTP or Socket Mode)

Request signatures are always verified. `process_before_response` stays False: Bolt
answers Slack as soon as a listener acknowledges (events are acknowledged before any
listener runs) and the work continues on `KeyedWorker` threads, so acknowledgements
stay fast however slow an answer, an analysis or a spec is.
"""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from slack_bolt import App
from slack_bolt.error import BoltError

from bot.config import Settings, get_settings
from bot.slack.context import SlackContext
from bot.slack.listeners import register
from bot.slack.web import SlackWeb, make_client
from bot.slack.worker import KeyedWorker
from bot.store import Store

log = logging.getLogger(__name__)

LISTENER_THREADS = 16     # only acknowledge and queue; the real work runs on the KeyedWorker
# Answers and questions are CPU-bound Python: on a small machine more threads only fight
# over the GIL (and slow the acknowledgements down); 4 keeps a spare for Slack I/O waits.
WORK_THREADS = 4
COMMAND_THREADS = 2       # PM commands (specs, analyses, invites) never hold up interviews


class SlackSetupError(RuntimeError):
    """Slack cannot be reached with the configured credentials; the message says what to fix."""


@dataclass
class SlackBot:
    app: App
    ctx: SlackContext

    def close(self) -> None:
        self.ctx.commands.shutdown()
        self.ctx.work.shutdown()


def credentials(settings: Settings, socket_mode: bool) -> tuple[str, str | None]:
    """(bot token, signing secret); SlackSetupError naming what is missing."""
    missing = []
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else ""
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    if not token:
        missing.append("SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-…, from OAuth & Permissions)")
    if not secret and not socket_mode:
        missing.append("SLACK_SIGNING_SECRET (from Basic Information → App Credentials)")
    if missing:
        raise SlackSetupError("missing " + " and ".join(missing))
    return token, secret or None


def build_app(settings: Settings | None = None, *, socket_mode: bool | None = None, store: Store | None = None,
              interviews=None, work_threads: int = WORK_THREADS) -> SlackBot:
    settings = settings or get_settings()
    if socket_mode is None:
        socket_mode = settings.slack_app_token is not None
    token, secret = credentials(settings, socket_mode)
    client = make_client(token, settings.slack_api_url)
    try:
        # Verification stays on; Bolt skips it only for Socket Mode, whose requests are not signed.
        app = App(client=client, signing_secret=secret or "", process_before_response=False, logger=_bolt_logger(),
                  request_verification_enabled=True,
                  ignoring_self_events_enabled=True,
                  listener_executor=ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="reqbot-listener"))
    except BoltError as exc:   # auth.test failed: a wrong or revoked token, or an unreachable API URL
        raise SlackSetupError(f"Slack refused the bot token or could not be reached: {_reason(exc)}") from None
    settings.ensure_home()
    store = store or Store(settings.resolved_database_url)
    if interviews is None:
        from bot.interview.service import InterviewService
        interviews = InterviewService(store)
    ctx = SlackContext(store=store, interviews=interviews, web=SlackWeb(client),
                       work=KeyedWorker(work_threads), commands=KeyedWorker(COMMAND_THREADS, "reqbot-command"),
                       spec_dir=settings.home / "specs",
                       admins=frozenset(settings.admins))
    register(app, ctx)
    return SlackBot(app=app, ctx=ctx)


class _TokenUnusedFilter(logging.Filter):
    """Bolt warns that SLACK_BOT_TOKEN from the environment goes unused when a client is
    given; that is intended (the client carries the token and SLACK_API_URL)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def _bolt_logger() -> logging.Logger:
    logger = logging.getLogger("bot.slack.bolt")
    if not any(isinstance(f, _TokenUnusedFilter) for f in logger.filters):
        logger.addFilter(_TokenUnusedFilter())
    return logger


def _reason(exc: BoltError) -> str:
    text = str(exc)
    # Bolt's message carries Slack's answer ({'ok': False, 'error': 'invalid_auth'}); keep the code only.
    for code in ("invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"):
        if code in text:
            return code
    return text.splitlines()[0][:200]
