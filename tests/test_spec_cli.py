"""`reqbot spec` against a real SQLite store in a fresh REQBOT_HOME."""
from __future__ import annotations

import json

import docx
import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.importer import import_file
from bot.store import Store
from test_spec_data import EN_PEOPLE, EN_REQUIREMENTS, en_example

PROJECT = "Northwind Garden Supplies"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def project_home(reqbot_home, tmp_path, monkeypatch):
    """A store holding one imported project (answers from the English example)."""
    monkeypatch.setenv("REQBOT_EMBEDDINGS", "none")     # recognition words only: quick and offline
    answers: dict[str, list[str]] = {p.id: [] for p in EN_PEOPLE}
    for row in EN_REQUIREMENTS:
        for person, quote in row[8]:
            answers[person].append(quote)
    transcript = {"project": PROJECT, "interviews": [
        {"stakeholder": p.model_dump(include={"id", "name", "role"}),
         "turns": [{"question": f"Question {k}?", "answer": a} for k, a in enumerate(answers[p.id])]}
        for p in EN_PEOPLE]}
    path = tmp_path / "northwind.json"
    path.write_text(json.dumps(transcript), encoding="utf-8")
    import_file(path)
    return reqbot_home


def test_spec_analyses_when_needed_writes_and_records_a_version(project_home, tmp_path):
    out = tmp_path / "spec.docx"
    result = run("spec", "--out", str(out))
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0] == str(out.resolve())
    assert "requirements" in lines[1] and "version 1 (en)" in lines[1]
    with Store.from_settings() as store:
        kept = store.latest_requirement_set(PROJECT)
        assert kept is not None and kept.requirements                   # the analysis result is kept
        assert [v.version for v in store.spec_versions(PROJECT)] == [1]
        assert store.get_spec_version(PROJECT, 1) == kept
    document = docx.Document(str(out))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert PROJECT in header and "V1" in header
    text = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    for requirement in kept.requirements:
        assert requirement.id in text


def test_diff_shows_changes_since_the_last_version_and_a_second_run_is_version_two(project_home, tmp_path):
    _, example, _ = en_example()
    with Store.from_settings() as store:
        store.save_requirement_set(example)
    assert run("spec", "--out", str(tmp_path / "v1.docx")).exit_code == 0

    changed = example.model_copy(deep=True)
    changed.requirements = [r for r in changed.requirements if r.id != "REQ-007"]
    changed.requirements[0].priority = "should"
    with Store.from_settings() as store:
        store.save_requirement_set(changed)

    shown = run("spec", "--diff")
    assert shown.exit_code == 0, shown.output
    assert "since version 1: 0 added, 1 removed, 1 re-prioritized" in shown.output
    assert "- REQ-007" in shown.output and "~ REQ-001 must -> should" in shown.output
    with Store.from_settings() as store:
        assert len(store.spec_versions(PROJECT)) == 1                  # --diff alone writes nothing

    second = run("spec", "--out", str(tmp_path / "v2.docx"), "--diff", "--lang", "zh")
    assert second.exit_code == 0, second.output
    assert "version 2 (zh)" in second.output and "1 removed" in second.output
    document = docx.Document(str(tmp_path / "v2.docx"))
    assert "V2" in " ".join(p.text for p in document.sections[0].header.paragraphs)
    revision_rows = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert revision_rows[1][0] == "V1" and revision_rows[2][0] == "V2"
    assert "相对 V1" in revision_rows[2][2]


@pytest.mark.parametrize("args, message", [
    (["--project", "Nobody Ltd", "--out", "{tmp}/s.docx"], "no project called 'Nobody Ltd'"),
    (["--out", "{tmp}/missing/s.docx"], "does not exist"),
    (["--out", "{tmp}/s.txt"], "must end in .docx"),
    ([], "give --out"),
])
def test_bad_input_is_refused_with_a_clear_message(project_home, tmp_path, args, message):
    result = run("spec", *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_template_missing_a_style_is_named(project_home, tmp_path):
    from bot.spec import BUNDLED_TEMPLATE
    template = docx.Document(str(BUNDLED_TEMPLATE))
    style = template.styles["Caption"].element
    style.getparent().remove(style)
    bad = tmp_path / "company.docx"
    template.save(str(bad))
    result = run("spec", "--out", str(tmp_path / "s.docx"), "--template", str(bad))
    assert result.exit_code == 2
    assert "'Caption'" in result.output
    assert not (tmp_path / "s.docx").exists()


def test_empty_store_and_project_without_answers(reqbot_home, tmp_path):
    result = run("spec", "--out", str(tmp_path / "s.docx"))
    assert result.exit_code == 2 and "no projects yet" in result.output
    with Store.from_settings() as store:
        store.ensure_project("Empty Co", "en")
    result = run("spec", "--out", str(tmp_path / "s.docx"))
    assert result.exit_code == 2 and "has no answers yet" in " ".join(result.output.split())
