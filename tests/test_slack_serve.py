"""`reqbot serve` as a real subprocess, pointed at the Web API stand-in through SLACK_API_URL,
driven by signed HTTP requests: the issue's "done when" scenario."""
from __future__ import annotations

import io
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import docx
import pytest
from slack_standin import SlackSender, SlackStandIn, buttons, dm_channel, message_of

from bot.store import Store

REQBOT = Path(sys.executable).with_name("reqbot")
SECRET = "serve-test-signing-secret"
PM, FIN, OUTSIDER = "UPMSERVE", "UFINSERVE", "UOUTSERVE"
CHANNEL = "CSERVEPROJ"
ANSWERS = [
    "Orders come in by email and I key every invoice into Kingdee by hand, then match bank payments in Excel.",
    "Matching payments takes about 2 days at every month end; we want it done within 2 hours.",
    "We need invoices to be created automatically from shipped orders, with e-invoices for every customer.",
    "Customers over their credit limit must be blocked before an order is confirmed.",
    "The worst part is unmatched payments and invoices that are sent late.",
    "Most important: automatic reconciliation and the credit check.",
]


def _env(home: Path, slack: SlackStandIn) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "REQBOT_"))}
    env.update(REQBOT_HOME=str(home), SLACK_BOT_TOKEN=slack.token, SLACK_SIGNING_SECRET=SECRET,
               SLACK_API_URL=slack.api_url, REQBOT_LOG_LEVEL="WARNING")
    return env


class Served:
    def __init__(self, home: Path, slack: SlackStandIn) -> None:
        self.home, self.slack = home, slack
        self.stderr = open(home / "serve.log", "w+")
        self.proc = subprocess.Popen([str(REQBOT), "serve", "--host", "127.0.0.1", "--port", "0"],
                                     env=_env(home, slack), stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=lambda: [lines.put(line) for line in self.proc.stdout], daemon=True)
        self.reader.start()
        try:
            while True:
                line = lines.get(timeout=120)
                if "listening on" in line:
                    self.url = line.split("listening on", 1)[1].strip()
                    break
        except queue.Empty:
            self.stop()
            raise AssertionError("reqbot serve did not start: " + self.log())
        self.send = SlackSender(self.url, SECRET, slack)
        self.lines = lines

    def log(self) -> str:
        if not self.stderr.closed:
            self.stderr.flush()
        return (self.home / "serve.log").read_text()

    def rest_of_stdout(self) -> str:
        """Everything printed after startup (call after stop: the output is complete then)."""
        self.reader.join(30)
        out = []
        while not self.lines.empty():
            out.append(self.lines.get_nowait())
        return "".join(out)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.stderr.close()
        return self.proc.returncode


@pytest.fixture(scope="module")
def served(built_index_home, tmp_path_factory):
    home = tmp_path_factory.mktemp("serve-home")
    shutil.copytree(built_index_home / "chroma", home / "chroma")
    with SlackStandIn() as slack:
        slack.add_user(PM, "pat", "Pat Manager")
        slack.add_user(FIN, "fiona", "Fiona Finance")
        server = Served(home, slack)
        yield server
        assert server.stop() == 0, server.log()
        assert "Traceback" not in server.log()
        assert "reqbot stopped." in server.rest_of_stdout()     # SIGTERM: a clean stop


def command(served: Served, user: str, text: str) -> tuple[str, dict | None]:
    before = len(served.slack.calls_to("response_url"))
    status, ack, _ = served.send.command(user, CHANNEL, text)
    assert status == 200
    if ack and ("Sorry" in ack or "⚠️" in ack):
        return ack, None
    return ack, served.slack.wait_for("response_url", count=before + 1, timeout=120)[before].params


def test_forged_signature_gets_401_and_nothing_is_stored(served):
    before = len(served.slack.calls)
    status, _, _ = served.send.command(PM, "CFORGED", "new Forged project", secret="forged")
    assert status == 401
    status, _, _ = served.send.dm(FIN, "hello", secret="forged")
    assert status == 401
    assert len(served.slack.calls) == before
    with Store(f"sqlite:///{served.home / 'reqbot.db'}") as store:
        assert store.get_project("Forged project") is None


def test_pm_invites_stakeholder_finishes_and_spec_is_uploaded(served):
    ack, created = command(served, PM, "new Serve Trading --lang en")
    assert "created" in created["text"]
    _, invited = command(served, PM, f"invite <@{FIN}|fiona> finance")
    assert f"<@{FIN}>" in invited["text"]

    latest = served.slack.wait_for("chat.postMessage", channel=dm_channel(FIN))[-1]
    for turn in range(30):
        if any(b["action_id"] == "reqbot.confirm" for b in buttons(latest)):
            break
        before = len(served.slack.calls_to("chat.postMessage", channel=dm_channel(FIN)))
        status, _, _ = served.send.dm(FIN, ANSWERS[turn] if turn < len(ANSWERS) else "done")
        assert status == 200
        latest = served.slack.wait_for("chat.postMessage", count=before + 1, channel=dm_channel(FIN))[before]
    else:
        raise AssertionError("no review")
    before = len(served.slack.calls_to("chat.postMessage", channel=dm_channel(FIN)))
    confirm = next(b for b in buttons(latest) if b["action_id"] == "reqbot.confirm")
    served.send.click(FIN, confirm, message_of(latest))
    served.slack.wait_for("chat.postMessage", count=before + 1, channel=dm_channel(FIN))

    refusal, response = command(served, OUTSIDER, "spec")
    assert "only this project's manager" in refusal and response is None
    assert served.slack.calls_to("files.completeUploadExternal") == []

    ack, done = command(served, PM, "spec")
    assert "Building" in ack and "version 1" in done["text"]
    complete = served.slack.wait_for("files.completeUploadExternal")[0]
    assert complete.params["channel_id"] == CHANNEL
    file_id = served.slack.calls_to("files.getUploadURLExternal")[0].response["file_id"]
    document = docx.Document(io.BytesIO(served.slack.uploads[file_id]))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)

    with Store(f"sqlite:///{served.home / 'reqbot.db'}") as store:
        interview = store.get_interview("Serve Trading", FIN)
        assert interview.status == "completed"
        requirements = store.latest_requirement_set("Serve Trading").requirements
        assert [v.version for v in store.spec_versions("Serve Trading")] == [1]
    mine = [r for r in requirements if any(s.stakeholder_id == FIN for s in r.sources)]
    assert mine, "the stakeholder's answers produced requirements"
    for requirement in mine:
        assert requirement.id in text
    assert "Fiona Finance" in text


def test_a_retried_event_gets_one_reply(served):
    for retry in (0, 1):
        status, _, _ = served.send.event(
            {"type": "app_mention", "channel": "CSERVEQA", "user": OUTSIDER, "ts": "1700000000.000100",
             "text": "<@UREQBOT> How long does an OMS implementation take?"}, event_id="EvSERVERETRY", retry=retry)
        assert status == 200
    reply = served.slack.wait_for("chat.postMessage", channel="CSERVEQA", timeout=60)[0]
    assert reply.params["thread_ts"] == "1700000000.000100" and "[faq.1]" in reply.text
    # A later message from the same person is handled after anything the retry could have
    # queued (one person's work runs in order), so once it is answered the count is final.
    served.send.dm(OUTSIDER, "hello")
    served.slack.wait_for("chat.postMessage", channel=dm_channel(OUTSIDER), timeout=60)
    assert len(served.slack.calls_to("chat.postMessage", channel="CSERVEQA")) == 1


def test_serve_explains_missing_credentials(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "REQBOT_"))}
    env["REQBOT_HOME"] = str(tmp_path)
    result = subprocess.run([str(REQBOT), "serve"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr and "SLACK_SIGNING_SECRET" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_reports_a_rejected_token_without_showing_it(tmp_path):
    with SlackStandIn() as slack:
        env = _env(tmp_path, slack)
        env["SLACK_BOT_TOKEN"] = "xoxb-wrong-secret-value"
        result = subprocess.run([str(REQBOT), "serve", "--port", "0"], env=env, capture_output=True, text=True,
                                timeout=120)
    assert result.returncode == 2
    assert "invalid_auth" in result.stderr
    assert "xoxb-wrong-secret-value" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
