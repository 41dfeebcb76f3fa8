"""`reqbot requirements` over the real store (SQLite on disk in a fresh REQBOT_HOME)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from bot.store import Store

DATA = Path(__file__).parent / "data" / "analysis"
FOOD = DATA / "food_distributor.json"
ELECTRONICS = DATA / "electronics_maker.json"
REQUIREMENT_KEYS = {"id", "title", "statement", "category", "type", "priority", "score", "rank", "reasons",
                    "kpis", "checklist_refs", "sources"}


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_json_contract_stable_ids_and_the_set_is_kept(reqbot_home, tmp_path):
    assert _run("import", str(FOOD)).exit_code == 0
    first = _run("requirements")                   # one project in the store: no --project needed
    assert first.exit_code == 0, first.output
    data = json.loads(first.output)
    assert data["project"] == "鲜达冷链食品配送"
    assert data["requirements"] and data["conflicts"]
    for r in data["requirements"]:
        assert REQUIREMENT_KEYS <= set(r)
        assert r["id"].startswith("REQ-") and r["type"] in ("functional", "non_functional")
        assert r["priority"] in ("must", "should", "could", "wont")
        assert all({"stakeholder_id", "name", "role", "quote"} <= set(s) for s in r["sources"])
        assert all({"metric", "current", "target"} <= set(k) for k in r["kpis"])
    for c in data["conflicts"]:
        assert {"id", "summary", "requirement_ids", "stakeholder_ids"} <= set(c)
    assert [r["rank"] for r in data["requirements"]] == list(range(1, len(data["requirements"]) + 1))

    # re-importing the same notes and analysing again keeps every id
    assert _run("import", str(FOOD)).exit_code == 0
    out = tmp_path / "again.json"
    again = _run("requirements", "--project", "鲜达冷链食品配送", "--out", str(out))
    assert again.exit_code == 0 and "written to" in again.output
    second = json.loads(out.read_text(encoding="utf-8"))
    assert {r["title"]: r["id"] for r in second["requirements"]} == {r["title"]: r["id"] for r in data["requirements"]}

    with Store.from_settings() as store:
        kept = store.latest_requirement_set("鲜达冷链食品配送")
    assert kept is not None and [r.id for r in kept.requirements] == [r["id"] for r in second["requirements"]]


def test_markdown_and_csv(reqbot_home):
    assert _run("import", str(ELECTRONICS)).exit_code == 0
    md = _run("requirements", "--format", "md")
    assert md.exit_code == 0
    assert md.output.startswith("# Requirements: Voltline Components")
    assert "| Rank | ID | Priority |" in md.output and "## Conflicts" in md.output and "CON-1" in md.output
    table = _run("requirements", "--format", "csv")
    assert table.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(table.output)))
    assert rows and rows[0]["rank"] == "1" and rows[0]["id"].startswith("REQ-")
    assert any("SAP" in row["title"] for row in rows)


def test_project_choice_errors(reqbot_home):
    empty = _run("requirements")
    assert empty.exit_code == 2 and "no projects" in empty.output
    assert _run("import", str(FOOD)).exit_code == 0
    assert _run("import", str(ELECTRONICS)).exit_code == 0
    several = _run("requirements")
    assert several.exit_code == 2
    assert "--project" in several.output and "Voltline Components" in several.output and "鲜达冷链食品配送" in several.output
    unknown = _run("requirements", "--project", "nope")
    assert unknown.exit_code == 2 and "no project called 'nope'" in unknown.output
    assert "Traceback" not in several.output + unknown.output


def test_unwritable_out_is_a_clear_error(reqbot_home, tmp_path):
    assert _run("import", str(ELECTRONICS)).exit_code == 0
    result = _run("requirements", "--out", str(tmp_path / "missing-dir" / "out.json"))
    assert result.exit_code == 2 and "cannot write" in result.output


def test_a_project_without_answers_is_a_clear_error(reqbot_home):
    with Store.from_settings() as store:
        store.ensure_project("空项目")
    result = _run("requirements")
    assert result.exit_code == 2 and "no answers yet" in result.output
