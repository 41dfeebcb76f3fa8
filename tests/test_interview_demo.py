"""`reqbot demo` (what `make demo` runs) on the bundled example, in-process, offline."""
from __future__ import annotations

import json
from pathlib import Path

from _interview_helpers import grounded_home, ready_home  # noqa: F401 (fixtures)
from typer.testing import CliRunner

from bot.cli import app
from bot.store import Store

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "freshpath" / "company.json"


def test_demo_interviews_everyone_and_builds_the_requirement_set(ready_home, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["demo", "--home", str(ready_home), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = result.output
    company = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for person in company["stakeholders"]:
        assert f"✓ {person['name']}" in text
    assert "follow-up/quantify" in text and "follow-up/integration" in text and "follow-up/conflict" in text
    assert "Requirements" in text and "REQ-001" in text

    with Store(f"sqlite:///{ready_home / 'reqbot.db'}") as store:
        interviews = store.list_interviews(company["project"])
        assert len(interviews) == len(company["stakeholders"])
        assert all(i.status == "completed" for i in interviews)
        saved = store.latest_requirement_set(company["project"])
        assert saved is not None and saved.requirements and saved.conflicts
        people = {s.stakeholder_id for r in saved.requirements for s in r.sources}
        assert people == {p["id"] for p in company["stakeholders"]}
    specs = list(out.glob("*.docx"))
    assert len(specs) == 1 and specs[0].stat().st_size > 0


def test_demo_refuses_to_wipe_a_home_it_did_not_create(reqbot_home):
    reqbot_home.mkdir(parents=True)
    (reqbot_home / "reqbot.db").write_bytes(b"precious")
    result = CliRunner().invoke(app, ["demo", "--home", str(reqbot_home)])
    assert result.exit_code == 2
    assert (reqbot_home / "reqbot.db").read_bytes() == b"precious"
