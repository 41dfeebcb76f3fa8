"""Bolt listeners: each parses the request, acknowledges, and hands the work to the core."""
from __future__ import annotations

from slack_bolt import App

from bot.slack.context import SlackContext
from bot.slack.listeners import actions, commands, events


def register(app: App, ctx: SlackContext) -> None:
    commands.register(app, ctx)
    events.register(app, ctx)
    actions.register(app, ctx)
