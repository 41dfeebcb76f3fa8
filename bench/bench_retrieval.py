"""Retrieval benchmark: index build time, query latency p50/p95, peak RSS.

    .venv/bin/python bench/bench_retrieval.py [--questions ../shared/samples/questions_dev.json] [--rounds 5]

Builds the index from scratch in a temporary REQBOT_HOME, then times `search` and the
full `answer_question` over the dev questions (or a built-in list when the shared
samples are absent).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

FALLBACK = ["上线要多久?", "谁应该参加UAT?", "What belongs in a RACI matrix?", "数据迁移前要做什么?",
            "How do we pick a vendor?", "财务最关心什么?"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default = Path(__file__).resolve().parents[2] / "shared" / "samples" / "questions_dev.json"
    parser.add_argument("--questions", type=Path, default=default)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    questions = ([q["q"] for q in json.loads(args.questions.read_text(encoding="utf-8"))]
                 if args.questions.is_file() else FALLBACK)

    os.environ["REQBOT_HOME"] = tempfile.mkdtemp(prefix="reqbot-bench-")
    from bot.config import reset_settings
    from bot.qa import answer_question
    from bot.retrieval.index import ChecklistIndex
    reset_settings()

    start = time.perf_counter()
    index = ChecklistIndex()
    build = time.perf_counter() - start
    start = time.perf_counter()
    ChecklistIndex()
    reopen = time.perf_counter() - start

    index.search(questions[0])          # warm-up
    search_ms, answer_ms = [], []
    for _ in range(args.rounds):
        for q in questions:
            t = time.perf_counter()
            index.search(q, k=5)
            search_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            answer_question(q, index=index)
            answer_ms.append((time.perf_counter() - t) * 1000)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"chunks={len(index.chunks)} sentences={len(index.sentences)} questions={len(questions)} rounds={args.rounds}")
    print(f"index build (cold): {build:.1f} s; reopen (hash unchanged): {reopen:.2f} s")
    print(f"search latency: p50 {statistics.median(search_ms):.1f} ms, p95 {percentile(search_ms, 0.95):.1f} ms")
    print(f"answer latency (search + compose): p50 {statistics.median(answer_ms):.1f} ms, "
          f"p95 {percentile(answer_ms, 0.95):.1f} ms")
    print(f"peak RSS: {rss_mb:.0f} MiB")


if __name__ == "__main__":
    main()
