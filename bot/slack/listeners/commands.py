"""`/reqbot`: acknowledge within Slack's 3 seconds, then run the command in the background."""
from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.slack import pm
from bot.slack.context import SlackContext
from bot.slack.texts import say

log = logging.getLogger(__name__)


def register(app: App, ctx: SlackContext) -> None:
    @app.command("/reqbot")
    def reqbot_command(ack: Ack, command: dict[str, Any], respond: Respond) -> None:
        user, channel = command.get("user_id", ""), command.get("channel_id", "")
        try:
            prepared = pm.prepare(ctx, user, channel, command.get("text") or "")
        except Exception:   # e.g. the database is unreachable: still answer Slack, politely
            log.exception("could not prepare a /reqbot command")
            ack(text=say("failed", "en"))
            return
        if prepared.ack_text:
            ack(text=prepared.ack_text)
        else:
            ack()
        if prepared.job is None:
            return
        job, lang = prepared.job, prepared.language

        def run() -> None:
            reply = job()
            _respond(respond, reply.text, reply.blocks, "in_channel" if reply.in_channel else "ephemeral")

        ctx.commands.submit(f"command:{channel}", run,
                            on_error=lambda: _respond(respond, say("failed", lang), [], "ephemeral"))


def _respond(respond: Respond, text: str, blocks: list[dict], response_type: str) -> None:
    try:
        respond(text=text, blocks=blocks or None, response_type=response_type, replace_original=False)
    except Exception as exc:   # the response_url expired or Slack is unreachable: log, go on
        log.warning("could not answer a /reqbot command: %s", type(exc).__name__)
