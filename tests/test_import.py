"""`reqbot import` and bot.importer on a real SQLite database in a fresh REQBOT_HOME."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.importer import import_file
from bot.store import Store
from bot.transcripts import TranscriptError, load_transcript

DATA = Path(__file__).parent / "data"
FASTENER = DATA / "transcript_fastener.json"
PROJECT = "宏达紧固件 (Hongda Fasteners)"


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def _snapshot() -> tuple:
    """Everything an import writes, as models, for before/after comparisons."""
    with Store.from_settings() as store:
        projects = store.list_projects()
        return projects, [(p.name, store.list_stakeholders(p.name), store.list_interviews(p.name)) for p in projects]


def test_import_stores_every_stakeholder_and_answer(reqbot_home):
    result = import_file(FASTENER)
    assert (result.project, result.stakeholders_added, result.turns_added) == (PROJECT, 3, 7)

    with Store.from_settings() as store:
        interviews = {i.stakeholder.id: i for i in store.list_interviews(PROJECT)}
        assert store.get_project(PROJECT).language == load_transcript(FASTENER).language()
    assert interviews["li-na"].stakeholder.name == "李娜" and interviews["li-na"].language == "zh"
    assert interviews["emma-chen"].stakeholder.role == "finance" and interviews["emma-chen"].language == "en"
    assert all(i.status == "imported" for i in interviews.values())
    turn = interviews["emma-chen"].turns[1]
    assert (turn.index, turn.status, turn.question) == (1, "answered", "Which accounting system should the OMS talk to?")
    assert turn.answer == "We run Kingdee K/3. Invoices must flow there automatically, no re-keying."


def test_reimporting_the_same_file_changes_nothing(reqbot_home):
    import_file(FASTENER)
    before = _snapshot()
    again = import_file(FASTENER)
    assert not again.changed and (again.turns_added, again.turns_updated, again.unchanged) == (0, 0, 7)
    assert _snapshot() == before


def test_an_edited_file_updates_the_turn_and_keeps_the_old_answer(reqbot_home):
    import_file(FASTENER)
    edited = import_file(DATA / "transcript_fastener_edited.json")
    assert (edited.turns_added, edited.turns_updated, edited.unchanged) == (1, 1, 6)
    with Store.from_settings() as store:
        turn = store.get_interview(PROJECT, "li-na").turns[1]
        history = store.turn_history(PROJECT, "li-na", 1)
    assert turn.answer.startswith("必须按客户等级")
    assert [h.answer for h in history] == ["希望能按客户等级自动带出价格,报价从现在的一小时缩短到十分钟。"]


def test_project_option_imports_into_another_project(reqbot_home):
    import_file(FASTENER)
    result = import_file(DATA / "transcript_bakery_en.json", project="Pilot")
    assert result.project == "Pilot"
    with Store.from_settings() as store:
        assert [p.name for p in store.list_projects()] == [PROJECT, "Pilot"]
        assert [s.id for s in store.list_stakeholders("Pilot")] == ["tom-baker", "wu-min"]


def _not_utf8(tmp_path: Path) -> Path:
    path = tmp_path / "gbk.json"
    path.write_bytes(FASTENER.read_text(encoding="utf-8").encode("gb18030"))
    return path


INVALID = [
    (lambda tmp: DATA / "invalid" / "bad_json.json", "not valid JSON"),
    (lambda tmp: DATA / "invalid" / "missing_answer.json", "interviews[1].turns[1].answer: Field required"),
    (lambda tmp: DATA / "invalid" / "wrong_role.json", "interviews[1].stakeholder.role"),
    (lambda tmp: DATA / "invalid" / "duplicate_stakeholder.json", "stakeholder id 'ann' appears more than once"),
    (_not_utf8, "not UTF-8"),
    (lambda tmp: tmp / "missing.json", "cannot be read"),
]
INVALID_IDS = ["bad-json", "missing-answer", "wrong-role", "duplicate-stakeholder", "not-utf8", "missing-file"]


@pytest.mark.parametrize(("make_path", "message"), INVALID, ids=INVALID_IDS)
def test_an_invalid_file_is_refused_whole_with_its_position(reqbot_home, tmp_path, make_path, message):
    import_file(FASTENER)
    before = _snapshot()
    with pytest.raises(TranscriptError) as refused:
        import_file(make_path(tmp_path))
    assert message in str(refused.value)
    assert _snapshot() == before


@pytest.mark.parametrize(("make_path", "message"), INVALID, ids=INVALID_IDS)
def test_cli_refuses_an_invalid_file_with_exit_2_and_no_traceback(reqbot_home, tmp_path, make_path, message):
    outcome = _run("import", str(make_path(tmp_path)))
    assert outcome.exit_code == 2
    flat = " ".join(outcome.output.split())   # the console may wrap long lines
    assert message in flat and "Traceback" not in flat
    assert _snapshot() == ([], [])


def test_cli_imports_and_reports_a_one_line_summary(reqbot_home):
    first = _run("import", str(FASTENER))
    assert first.exit_code == 0, first.output
    assert "3 new stakeholders" in first.output and "7 new" in first.output
    second = _run("import", str(FASTENER), "--project", PROJECT)
    assert second.exit_code == 0 and "nothing changed" in second.output


def test_cli_reports_an_unreachable_database_with_exit_1(reqbot_home, monkeypatch):
    from bot.config import reset_settings

    monkeypatch.setenv("REQBOT_DATABASE_URL", "postgresql://postgres:s3cret@127.0.0.1:1/none")
    reset_settings()
    outcome = _run("import", str(FASTENER))
    assert outcome.exit_code == 1
    assert "database error" in outcome.output and "s3cret" not in outcome.output
    assert "Traceback" not in outcome.output


def test_the_shared_samples_import_completely_and_idempotently(reqbot_home, samples_dir, tmp_path):
    for name in ("company_d.json", "company_e.json"):
        path = samples_dir / name
        raw = json.loads(path.read_text(encoding="utf-8"))
        result = import_file(path)
        assert result.stakeholders_added == len(raw["interviews"])
        assert result.turns_added == sum(len(i["turns"]) for i in raw["interviews"])
        copy = tmp_path / name            # the same content under another path is still "the same file"
        shutil.copy(path, copy)
        assert not import_file(copy).changed
