"""`reqbot chat` as a user runs it: a real subprocess, answers piped on standard input,
killed mid-interview and run again, and the answers then read by `reqbot requirements`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from _interview_helpers import grounded_home, ready_home  # noqa: F401 (fixtures)

from bot.store import Store

PROJECT = "青柠茶饮连锁 OMS"
FINANCE_ANSWERS = [
    "客户确认订单后仓库发货,我们再根据发货单在金蝶里开应收。",      # names a system: integration follow-up
    "订单、发货和回款都要和金蝶同步,每天一次可以。",
    "就是慢,月底特别慢。",                                          # vague: quantifying follow-up
    "一张应收单平均要15分钟,每月大约900张,希望缩短到3分钟。",
    "每月开票约900张,错票大概2%,希望开票和订单自动关联。",
    "回款靠对银行流水,每月大约100笔对不上,每笔要查半小时。",
    "信用额度在表格里管,每周大概有10单超额,必须在下单时自动拦截。",
    "月底结账要加班三天。",
    "应收必须自动生成,目标是结账从3天缩短到1天。",
]


def chat(home: Path, *args: str, stdin: str = "", timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", "chat", *args], input=stdin.encode("utf-8"),
                          capture_output=True, env=_env(home), timeout=timeout)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REQBOT_")}
    env.update(REQBOT_HOME=str(home), PYTHONIOENCODING="utf-8", COLUMNS="200")
    return env


def out(result: subprocess.CompletedProcess) -> str:
    return result.stdout.decode("utf-8")


def test_scripted_finance_interview_then_requirements_with_sources(ready_home):
    answers = "\n".join(FINANCE_ANSWERS + ["确认"]) + "\n"
    result = chat(ready_home, "--project", PROJECT, "--role", "finance", "--name", "王芳", stdin=answers)
    text = out(result)
    assert result.returncode == 0, result.stderr.decode()
    assert "王芳你好" in text
    assert text.count("(清单 ") >= 8                          # every question shows its checklist reference
    assert "你提到了 金蝶" in text and "你提到“慢”" in text       # integration and quantifying follow-ups
    assert "访谈完成" in text

    with Store(f"sqlite:///{ready_home / 'reqbot.db'}") as store:
        interview = store.get_interview(PROJECT, "王芳")      # default id: the name's slug
        assert interview.status == "completed"
        assert [t.answer for t in interview.turns if t.status == "answered"] == FINANCE_ANSWERS

    listed = subprocess.run([sys.executable, "-m", "bot.cli", "requirements", "--project", PROJECT,
                             "--format", "json"], capture_output=True, env=_env(ready_home), timeout=240)
    assert listed.returncode == 0, listed.stderr.decode()
    result_set = json.loads(listed.stdout)
    sources = [s for r in result_set["requirements"] for s in r["sources"]]
    assert sources and all(s["stakeholder_id"] == "王芳" and s["role"] == "finance" for s in sources)
    quoted = " ".join(s["quote"] for s in sources)
    assert "金蝶" in quoted and any(q["quote"] in " ".join(FINANCE_ANSWERS) for q in sources)


def test_english_sales_interview_with_explain(ready_home):
    answers = "Customers email orders and we retype them into SAP.\nQuoting is painful.\n"
    result = chat(ready_home, "-p", "Acme", "-r", "sales", "-n", "Maria Lopez", "--lang", "en", "--explain",
                  stdin=answers)
    text = out(result)
    assert result.returncode == 0
    assert "(checklist " in text and "Why: Checklist " in text
    assert "You mentioned SAP" in text
    assert "End of input: the interview is paused" in text
    with Store(f"sqlite:///{ready_home / 'reqbot.db'}") as store:
        assert store.get_interview("Acme", "maria-lopez").status == "paused"


def test_killed_mid_interview_resumes_at_the_pending_question(ready_home):
    command = [sys.executable, "-m", "bot.cli", "chat", "--project", PROJECT, "--role", "finance",
               "--name", "王芳", "--stakeholder-id", "wang-fang"]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=_env(ready_home))
    try:
        seen = _read_until(process, "[1/")
        for answer in FINANCE_ANSWERS[:3]:
            process.stdin.write((answer + "\n").encode("utf-8"))
            process.stdin.flush()
        seen += _read_until(process, "[4/")          # the fourth question is on screen, unanswered
    finally:
        process.kill()                                # no pause, no goodbye: the process just dies
        process.wait(timeout=30)
    pending_line = next(line for line in seen.splitlines() if line.startswith("[4/"))

    with Store(f"sqlite:///{ready_home / 'reqbot.db'}") as store:
        turns = store.get_interview(PROJECT, "wang-fang").turns
        assert [t.answer for t in turns[:3]] == FINANCE_ANSWERS[:3]
        assert turns[3].status == "pending"

    rest = "\n".join(FINANCE_ANSWERS[3:] + ["确认"]) + "\n"
    result = chat(ready_home, "--project", PROJECT, "--stakeholder-id", "wang-fang", stdin=rest)
    text = out(result)
    assert result.returncode == 0, result.stderr.decode()
    assert "欢迎回来" in text and pending_line in text          # the same question, asked again
    assert "访谈完成" in text
    with Store(f"sqlite:///{ready_home / 'reqbot.db'}") as store:
        interview = store.get_interview(PROJECT, "wang-fang")
        assert interview.status == "completed"
        assert [t.answer for t in interview.turns if t.status == "answered"] == FINANCE_ANSWERS


def test_end_of_input_pauses_and_the_next_run_resumes(ready_home):
    first = chat(ready_home, "-p", PROJECT, "-r", "warehouse", "-n", "赵强", stdin="每天大约200单。\n")
    assert "访谈已暂停" in out(first)
    second = chat(ready_home, "-p", PROJECT, "-r", "warehouse", "-n", "赵强", stdin="跳过\n上一题\n")
    text = out(second)
    assert "欢迎回来" in text and "好的,跳过这题" in text and "好的,回到上一题" in text
    with Store(f"sqlite:///{ready_home / 'reqbot.db'}") as store:
        turns = store.get_interview(PROJECT, "赵强").turns
        assert turns[0].answer == "每天大约200单。" and turns[1].status == "skipped"


def test_odd_lines_are_handled_not_crashed_on(ready_home):
    stdin = ("🙂🙂\n\n" + "长" * 10_000 + "\n").encode("utf-8") + b"\xff\xfe bad bytes\n"
    result = subprocess.run([sys.executable, "-m", "bot.cli", "chat", "-p", PROJECT, "-r", "it", "-n", "孙磊"],
                            input=stdin, capture_output=True, env=_env(ready_home), timeout=240)
    text = out(result)
    assert result.returncode == 0, result.stderr.decode()
    assert "没看懂" in text and "10,000" in text and "不是 UTF-8" in text
    assert "Traceback" not in text + result.stderr.decode()


@pytest.mark.parametrize("args, message", [
    (["-p", "X", "-r", "chef", "-n", "A"], "unknown role 'chef'"),
    (["-p", "X", "-n", "A"], "give --name and --role"),
    (["-p", "X", "-r", "sales"], "give --name"),
    (["-p", "X", "-r", "sales", "-n", "A", "--lang", "fr"], "unknown language"),
    (["-p", "", "-r", "sales", "-n", "A"], "the project must be non-empty"),
])
def test_bad_arguments_get_a_clear_error(reqbot_home, args, message):
    from typer.testing import CliRunner

    from bot.cli import app

    result = CliRunner().invoke(app, ["chat", *args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _read_until(process: subprocess.Popen, marker: str, timeout: float = 180) -> str:
    """Read the child's output line by line until a line starts with `marker`."""
    watchdog = threading.Timer(timeout, process.kill)      # a child that stops talking must not hang the test
    watchdog.start()
    lines = []
    try:
        while True:
            line = process.stdout.readline().decode("utf-8")
            if not line:
                raise AssertionError(f"output ended before {marker!r}:\n" + "".join(lines))
            lines.append(line)
            if line.startswith(marker):
                return "".join(lines)
    finally:
        watchdog.cancel()
