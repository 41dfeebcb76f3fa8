"""`reqbot ask` as a user runs it: a real process, real index, no network."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REQBOT = [sys.executable, "-m", "bot.cli"]


def run(args: list, home: Path, stdin: bytes | None = None, prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "REQBOT_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([*(prefix or []), *REQBOT, *args], input=stdin, capture_output=True, env=env, timeout=300)


def test_json_answer(indexed_home: Path) -> None:
    result = run(["ask", "谁应该参加UAT测试?", "--json", "--k", "3"], indexed_home)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {"question", "language", "answer", "citations"}
    assert answer["language"] == "zh" and len(answer["citations"]) == 3
    assert set(answer["citations"][0]) == {"section", "title", "score", "text"}
    scores = [c["score"] for c in answer["citations"]]
    assert scores == sorted(scores, reverse=True)


def test_batch_mode_answers_one_json_line_per_question(indexed_home: Path) -> None:
    questions = "上线要多久?\n\nWho should sit in user acceptance testing?\n数据迁移前要准备什么?\n"
    result = run(["ask"], indexed_home, stdin=questions.encode())
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [a["language"] for a in lines] == ["zh", "en", "zh"]
    assert all(a["citations"] for a in lines)


@pytest.mark.parametrize("question, message", [
    ("", "empty"),
    ("   ", "empty"),
    ("订单" * 10_000, "20,000 characters"),
])
def test_bad_questions_get_a_message_and_exit_2(indexed_home: Path, question: str, message: str) -> None:
    result = run(["ask", question], indexed_home)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_bytes_that_are_not_text(indexed_home: Path) -> None:
    result = run([b"ask", b"\xff\xfe\xfa broken"], indexed_home)
    assert result.returncode == 2 and b"not valid UTF-8" in result.stderr
    batch = run(["ask"], indexed_home, stdin=b"\xff\xfe\n\xe4\xb8\x8a\xe7\xba\xbf\xe8\xa6\x81\xe5\xa4\x9a\xe4\xb9\x85\n")
    assert batch.returncode == 2
    first, second = [json.loads(line) for line in batch.stdout.decode().splitlines()]
    assert "not UTF-8" in first["error"] and second["language"] == "zh"


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare(1) to cut the network")
def test_ask_works_with_the_network_cut_off(reqbot_home: Path, built_index_home: Path) -> None:
    """In a network namespace with no interface but loopback: a cold start (index built
    from scratch) and a warm one both answer. A guard also fails any non-loopback connect."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"unshare -n is not permitted here: {probe.stderr.decode().strip()}")
    guard = (
        "import socket, sys, runpy\n"
        "real = socket.socket.connect\n"
        "def connect(self, address):\n"
        "    host = address[0] if isinstance(address, tuple) else address\n"
        "    if isinstance(host, str) and not (host.startswith('127.') or host in ('::1', 'localhost')) and self.family != socket.AF_UNIX:\n"
        "        raise SystemExit(f'network access attempted: {address}')\n"
        "    return real(self, address)\n"
        "socket.socket.connect = connect\n"
        "sys.argv = ['reqbot'] + sys.argv[1:]\n"
        "runpy.run_module('bot.cli', run_name='__main__')\n"
    )
    env = {**os.environ, "REQBOT_HOME": str(reqbot_home), "PYTHONIOENCODING": "utf-8"}
    for _ in range(2):      # cold (builds the index offline), then warm
        result = subprocess.run(["unshare", "-n", sys.executable, "-c", guard, "ask", "RACI 矩阵是做什么的?", "--json"],
                                capture_output=True, env=env, timeout=300)
        assert result.returncode == 0, result.stderr.decode()[-2000:]
        assert "4.2" in [c["section"] for c in json.loads(result.stdout)["citations"]]
