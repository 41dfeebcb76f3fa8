"""The real Bolt app served over real HTTP in this process, talking to the Web API stand-in.

    with running_bot(home) as bot:
        bot.send.command("UPM", "CPROJ", "new Acme")
        bot.slack.wait_for("response_url")
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from slack_standin import Call, SlackSender, SlackStandIn, buttons, dm_channel

from bot.config import Settings
from bot.slack.app import SlackBot, build_app
from bot.slack.server import make_http_server
from bot.store import Store

SIGNING_SECRET = "test-signing-secret"


@dataclass
class RunningBot:
    slack: SlackStandIn
    send: SlackSender
    bot: SlackBot
    url: str

    @property
    def store(self) -> Store:
        return self.bot.ctx.store

    def idle(self, timeout: float = 60) -> None:
        assert self.bot.ctx.commands.wait_idle(timeout), "commands did not finish"
        assert self.bot.ctx.work.wait_idle(timeout), "background work did not finish"

    def dms(self, user: str) -> list[Call]:
        return self.slack.calls_to("chat.postMessage", channel=dm_channel(user))

    def next_dm(self, user: str, before: int) -> Call:
        """The first DM to `user` posted after the first `before` ones."""
        return self.slack.wait_for("chat.postMessage", count=before + 1, channel=dm_channel(user))[before]

    def button(self, call: Call, action: str) -> dict:
        found = [b for b in buttons(call) if b["action_id"] == "reqbot." + action]
        assert found, f"no {action} button in {[b['action_id'] for b in buttons(call)]}"
        return found[0]


def settings_for(home: Path, slack: SlackStandIn, admins: list[str] | None = None) -> Settings:
    return Settings(REQBOT_HOME=str(home), SLACK_BOT_TOKEN=slack.token, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                    SLACK_API_URL=slack.api_url, REQBOT_ADMINS=admins or [], _env_file=None)


@contextmanager
def running_bot(home: Path, admins: list[str] | None = None) -> Iterator[RunningBot]:
    with SlackStandIn() as slack:
        bot = build_app(settings_for(home, slack, admins), socket_mode=False)
        server = make_http_server(bot.app, "127.0.0.1", 0)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{server.server_address[1]}/slack/events"
        try:
            yield RunningBot(slack=slack, send=SlackSender(url, SIGNING_SECRET, slack), bot=bot, url=url)
        finally:
            server.shutdown()
            server.server_close()
            bot.ctx.commands.wait_idle(30)
            bot.ctx.work.wait_idle(30)
            bot.close()
            bot.ctx.store.close()
