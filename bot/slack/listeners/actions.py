"""Buttons in the interview DM and the correction modal."""
from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App

from bot.slack import interview_dm
from bot.slack.blocks import ACTION_PREFIX
from bot.slack.context import SlackContext

BUTTON = re.compile(r"^" + re.escape(ACTION_PREFIX) + r"[a-z_]+(\.\d+)?$")


def register(app: App, ctx: SlackContext) -> None:
    @app.action(BUTTON)
    def button(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        user = (body.get("user") or {}).get("id", "")
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        name = action.get("action_id", "")[len(ACTION_PREFIX):]
        value, message, trigger = action.get("value"), body.get("message"), body.get("trigger_id")

        def run() -> None:
            target = channel or ctx.web.open_dm(user)      # App Home buttons carry no channel
            if target:
                interview_dm.on_button(ctx, name, value, user, target, message, trigger)

        ctx.work.submit(f"user:{user}", run,
                        on_error=lambda: channel and interview_dm.report_failure(ctx, channel))

    @app.view(ACTION_PREFIX + "correct")
    def correction(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        ack()
        user = (body.get("user") or {}).get("id", "")
        values = (view.get("state") or {}).get("values") or {}
        req = (((values.get("req") or {}).get("value") or {}).get("selected_option") or {}).get("value")
        text = ((values.get("text") or {}).get("value") or {}).get("value") or ""
        metadata = view.get("private_metadata") or ""
        ctx.work.submit(f"user:{user}", lambda: interview_dm.on_correction(ctx, user, metadata, req, text))
