"""Slack benchmark: N stakeholders answering their interviews at the same moment, over HTTP.

    .venv/bin/python bench/bench_slack.py [--people 50] [--answers 6] [--home DIR]

Starts the Web API stand-in (tests/slack_standin.py) and the real `reqbot serve` in its
own process pointed at it, creates a project, invites N people, then lets every person
answer at once: each sends an answer as a signed DM event, waits for the bot's next
question, answers again, and presses Skip once. Prints
- acknowledgement latency (request sent → HTTP 200 from the bot), p50 / p90 / p99 / max,
  for DM events and for button clicks, which Slack wants within 3 s;
- answer-to-next-question latency (request sent → the next question posted to Slack).
--home reuses a REQBOT_HOME whose checklist index is already built (saves ~20 s).
"""
from __future__ import annotations

import argparse
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from slack_standin import SlackSender, SlackStandIn, buttons, dm_channel, message_of  # noqa: E402

SECRET = "bench-signing-secret"
PM, CHANNEL = "UBENCHPM", "CBENCH"
ROLES = ["sales", "finance", "warehouse", "management", "customer_service", "it"]
ANSWERS_EN = [
    "Orders arrive by email and phone; we key each one into the ERP by hand, which takes about 20 minutes.",
    "We reconcile payments in Excel at month end and it takes two days; we want it done in two hours.",
    "We use Kingdee K3 and a spreadsheet for stock, and nothing talks to anything else.",
    "The system must check stock in real time so we never promise goods we do not have.",
    "Customers call to ask where their order is about 30 times a day.",
    "Most important: fewer manual steps, then real-time stock.",
]
ANSWERS_ZH = [
    "客户通过微信和电话下单,我们再手工录入ERP,每单大概要20分钟。",
    "月底对账用Excel,要两天,希望缩短到两小时。",
    "现在用金蝶K3和Excel,系统之间不通。",
    "系统必须实时检查库存,不能再超卖。",
    "客户每天大概打30个电话问订单到哪了。",
    "最重要的是减少手工环节,其次是实时库存。",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def describe(name: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return (f"{name:<34} n={len(ms):<4} p50 {percentile(ms, .5):7.1f} ms   p90 {percentile(ms, .9):7.1f} ms   "
            f"p99 {percentile(ms, .99):7.1f} ms   max {max(ms):7.1f} ms")


def build_index(home: Path) -> None:
    os.environ["REQBOT_HOME"] = str(home)
    from bot.config import reset_settings
    from bot.retrieval.index import ChecklistIndex
    reset_settings()
    ChecklistIndex()


def start_serve(home: Path, slack: SlackStandIn) -> tuple[subprocess.Popen, str]:
    """Start `reqbot serve`; return once it listens and has loaded the index and analysis."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "REQBOT_"))}
    env.update(REQBOT_HOME=str(home), SLACK_BOT_TOKEN=slack.token, SLACK_SIGNING_SECRET=SECRET,
               SLACK_API_URL=slack.api_url)
    reqbot = Path(sys.executable).with_name("reqbot")
    proc = subprocess.Popen([str(reqbot), "serve", "--host", "127.0.0.1", "--port", "0"], env=env,
                            stdout=subprocess.PIPE, stderr=open(home / "serve.log", "w"), text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    url = None
    while True:
        line = lines.get(timeout=300)
        if "listening on" in line:
            url = line.split("listening on", 1)[1].strip()
        if "ready" in line and url:       # steady state: measure answering, not loading
            return proc, url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--answers", type=int, default=6, help="answers each person sends (plus one Skip)")
    parser.add_argument("--home", type=Path, help="a REQBOT_HOME with a built index to copy")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="reqbot-bench-slack-"))
    started = time.perf_counter()
    if args.home and (args.home / "chroma").is_dir():
        shutil.copytree(args.home / "chroma", home / "chroma")
    else:
        build_index(home)
    print(f"checklist index ready in {time.perf_counter() - started:.1f} s")

    people = [f"UBENCH{n:03d}" for n in range(args.people)]
    with SlackStandIn() as slack:
        for n, user in enumerate(people):
            slack.add_user(user, user.lower(), f"Bench Person {n}")
        proc, url = start_serve(home, slack)
        send = SlackSender(url, SECRET, slack)
        try:
            run(send, slack, people, args.answers)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(120)
    shutil.rmtree(home, ignore_errors=True)


def run(send: SlackSender, slack: SlackStandIn, people: list[str], answers: int) -> None:
    status, _, _ = send.command(PM, CHANNEL, "new Bench Co --lang en")
    assert status == 200
    slack.wait_for("response_url", timeout=60)
    started = time.perf_counter()
    for start in range(0, len(people), 10):
        batch = " ".join(f"<@{u}> {ROLES[(start + i) % len(ROLES)]}" for i, u in enumerate(people[start:start + 10]))
        assert send.command(PM, CHANNEL, f"invite {batch}")[0] == 200
    for user in people:
        slack.wait_for("chat.postMessage", channel=dm_channel(user), timeout=600)
    print(f"{len(people)} people invited, first questions posted in {time.perf_counter() - started:.1f} s")

    acks: list[float] = []
    click_acks: list[float] = []
    next_question: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(people))

    def stakeholder(n: int, user: str) -> None:
        script = ANSWERS_ZH if n % 2 else ANSWERS_EN
        barrier.wait()
        try:
            for turn in range(answers + 1):
                seen = len(slack.calls_to("chat.postMessage", channel=dm_channel(user)))
                sent = time.monotonic()          # the stand-in stamps calls with time.monotonic()
                if turn == answers // 2:          # one button press per person, mid-interview
                    latest = slack.calls_to("chat.postMessage", channel=dm_channel(user))[-1]
                    skip = next(b for b in buttons(latest) if b["action_id"] == "reqbot.skip")
                    status, _, ack = send.click(user, skip, message_of(latest))
                    kind = click_acks
                else:
                    status, _, ack = send.dm(user, script[turn % len(script)])
                    kind = acks
                if status != 200:
                    raise RuntimeError(f"HTTP {status}")
                slack.wait_for("chat.postMessage", count=seen + 1, channel=dm_channel(user), timeout=120)
                posted = slack.calls_to("chat.postMessage", channel=dm_channel(user))[seen]
                with lock:
                    kind.append(ack)
                    next_question.append(posted.at - sent)
        except Exception as exc:   # report and go on: the figures show how many completed
            with lock:
                failures.append(f"{user}: {exc}")

    threads = [threading.Thread(target=stakeholder, args=(n, u)) for n, u in enumerate(people)]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall
    total = len(acks) + len(click_acks)
    print(f"{len(people)} concurrent stakeholders, {total} answers in {wall:.1f} s ({total / wall:.1f} answers/s)")
    print(describe("ack latency, DM events", acks))
    if click_acks:
        print(describe("ack latency, button clicks", click_acks))
    print(describe("answer → next question posted", next_question))
    if failures:
        print(f"{len(failures)} failures, e.g. {failures[:3]}")


if __name__ == "__main__":
    main()
