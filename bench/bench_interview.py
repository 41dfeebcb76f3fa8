"""Interview benchmark: time from an answer to the next question, offline.

    .venv/bin/python bench/bench_interview.py [--rounds 5] [--home DIR]

Interviews the example company (examples/freshpath) `rounds` times over, each round
under new stakeholder ids in the same database (so later rounds also pay for the
conflict checks against everyone interviewed before), and times every `handle()` that
answers a question and gets the next one back: one SQLite write for the answer, the
follow-up decision, the state save and the new turn. Prints median, p95 and max, plus
the start of an interview (plan grounding, cached after the first) and the closing
review (requirement extraction). A REQBOT_HOME with a built index can be passed with
--home to skip the ~20 s index build (its database is not touched: a new one is used).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--home", type=Path, help="a REQBOT_HOME whose chroma/ index is copied (saves the build)")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="reqbot-bench-interview-"))
    if args.home and (args.home / "chroma").is_dir():
        shutil.copytree(args.home / "chroma", home / "chroma")
    os.environ["REQBOT_HOME"] = str(home)
    os.environ.pop("REQBOT_DATABASE_URL", None)
    from bot.config import reset_settings
    reset_settings()

    from bot.interview.scripted import load_company
    from bot.interview.service import InterviewService
    from bot.retrieval.index import get_index
    from bot.store import Store

    started = time.perf_counter()
    index = get_index()
    print(f"index {'built' if index.rebuilt else 'loaded'} in {time.perf_counter() - started:.1f} s")
    company = load_company(REPO / "examples" / "freshpath" / "company.json")
    service = InterviewService(Store.from_settings(), index)

    answer_to_question: list[float] = []
    starts: list[float] = []
    reviews: list[float] = []
    for round_no in range(args.rounds):
        for person in company.stakeholders:
            person = person.model_copy(update={"id": f"{person.id}-{round_no}"})
            t0 = time.perf_counter()
            reply = service.start(company.project, person.stakeholder, person.language)
            starts.append(time.perf_counter() - t0)
            while reply.status != "completed":
                if reply.status == "reviewing":
                    t0 = time.perf_counter()
                    reply = service.handle(company.project, person.id, "confirm")
                    continue
                text = person.answer(reply.question)
                t0 = time.perf_counter()
                reply = service.handle(company.project, person.id, text)
                elapsed = time.perf_counter() - t0
                (answer_to_question if reply.question is not None else reviews).append(elapsed)

    ms = [v * 1000 for v in answer_to_question]
    print(f"interviews: {args.rounds * len(company.stakeholders)}, answers timed: {len(ms)}")
    print(f"answer → next question: median {statistics.median(ms):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms, "
          f"max {max(ms):.1f} ms")
    print(f"start (plan): first {starts[0] * 1000:.0f} ms, median {statistics.median(starts) * 1000:.1f} ms")
    print(f"answer → closing review (extraction): first {reviews[0] * 1000:.0f} ms, "
          f"median {statistics.median(reviews) * 1000:.0f} ms")
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
