"""Events: DMs to the bot, mentions of it, the App Home tab.

Bolt acknowledges events before these run. Each listener drops repeated deliveries
(`dedupe`), ignores bots (its own messages and other bots'), and queues the work per
Slack user so one person's messages are handled in order.
"""
from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_bolt.request import BoltRequest

from bot.slack import home, interview_dm
from bot.slack.answers import answer_in_thread
from bot.slack.context import SlackContext
from bot.slack.dedupe import first_delivery


def from_a_person(event: dict[str, Any]) -> bool:
    """Edits, joins, file shares and every bot's messages carry a subtype or a bot_id."""
    return bool(event.get("user")) and not event.get("bot_id") and not event.get("subtype")


def register(app: App, ctx: SlackContext) -> None:
    @app.event("message")
    def direct_message(event: dict[str, Any], body: dict[str, Any], request: BoltRequest) -> None:
        if event.get("channel_type") != "im" or not from_a_person(event):
            return
        if not first_delivery(ctx.store, body, request.headers):
            return
        user, channel, text, ts = event["user"], event["channel"], event.get("text") or "", event.get("ts", "")
        thread = event.get("thread_ts")
        ctx.work.submit(f"user:{user}", lambda: interview_dm.on_message(ctx, user, channel, text, ts, thread),
                        on_error=lambda: interview_dm.report_failure(ctx, channel, text))

    @app.event("app_mention")
    def mention(event: dict[str, Any], body: dict[str, Any], request: BoltRequest) -> None:
        if not from_a_person(event) or not first_delivery(ctx.store, body, request.headers):
            return
        channel, text = event["channel"], event.get("text") or ""
        thread = event.get("thread_ts") or event.get("ts", "")
        ctx.work.submit(f"user:{event['user']}", lambda: answer_in_thread(ctx, channel, thread, text),
                        on_error=lambda: interview_dm.report_failure(ctx, channel, text))

    @app.event("app_home_opened")
    def home_opened(event: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        user = event["user"]
        ctx.work.submit(f"home:{user}", lambda: home.publish(ctx, user))
