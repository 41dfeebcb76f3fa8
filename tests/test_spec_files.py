"""Writing the file (atomic, clear errors), the template (missing styles), the diff."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from bot.models import RequirementSet
from bot.spec import BUNDLED_TEMPLATE, SpecError, TemplateError, build_spec, diff_requirement_sets, write_spec
from bot.spec import writer
from test_spec_data import en_example, zh_example

REPO = Path(__file__).resolve().parent.parent


def template_without(tmp_path: Path, style_name: str) -> Path:
    document = docx.Document(str(BUNDLED_TEMPLATE))
    element = document.styles[style_name].element
    element.getparent().remove(element)
    out = tmp_path / f"no-{style_name.replace(' ', '_')}.docx"
    document.save(str(out))
    return out


# --- atomic write -------------------------------------------------------------------------------

def test_write_leaves_exactly_the_document(tmp_path):
    project, requirement_set, interviews = en_example()
    summary = write_spec(project, requirement_set, interviews, out=tmp_path / "spec.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.docx"]
    assert summary.path == (tmp_path / "spec.docx").resolve()
    mode = stat.S_IMODE(os.stat(summary.path).st_mode)
    assert mode & stat.S_IRGRP                      # not the 0600 of a temp file
    assert "8 requirements (4 must), 1 conflicts, 6 stakeholders, version 1 (en)" == summary.line()


def test_a_failed_save_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, monkeypatch):
    project, requirement_set, interviews = en_example()
    out = tmp_path / "spec.docx"
    out.write_bytes(b"previous version")
    document = build_spec(project, requirement_set, interviews)

    def broken_save(target):
        target.write(b"PK half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(document, "save", broken_save)
    with pytest.raises(SpecError, match="No space left"):
        writer.save_atomically(document, out)
    assert out.read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.docx"]


def test_an_interrupted_save_removes_the_temp_file(tmp_path, monkeypatch):
    project, requirement_set, interviews = en_example()
    document = build_spec(project, requirement_set, interviews)

    def interrupted(target):
        target.write(b"PK")
        raise KeyboardInterrupt

    monkeypatch.setattr(document, "save", interrupted)
    with pytest.raises(KeyboardInterrupt):
        writer.save_atomically(document, tmp_path / "spec.docx")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, message", [
    ("missing/spec.docx", "output directory .*missing does not exist"),
    ("spec.pdf", "must end in .docx"),
])
def test_bad_output_paths_are_refused_before_any_work(tmp_path, name, message):
    project, requirement_set, interviews = en_example()
    with pytest.raises(SpecError, match=message):
        write_spec(project, requirement_set, interviews, out=tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_a_directory_as_output_is_refused(tmp_path):
    project, requirement_set, interviews = en_example()
    (tmp_path / "d.docx").mkdir()
    with pytest.raises(SpecError, match="is a directory"):
        write_spec(project, requirement_set, interviews, out=tmp_path / "d.docx")


# --- template ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("style", ["Caption", "Spec Table", "Heading 2"])
def test_a_template_missing_a_style_is_refused_naming_it(tmp_path, style):
    template = template_without(tmp_path, style)
    project, requirement_set, interviews = zh_example()
    out = tmp_path / "spec.docx"
    with pytest.raises(TemplateError, match=f"'{style}'"):
        write_spec(project, requirement_set, interviews, out=out, template=template)
    assert not out.exists()


def test_template_that_is_not_a_docx_or_missing(tmp_path):
    project, requirement_set, interviews = zh_example()
    text = tmp_path / "notes.docx"
    text.write_text("just text")
    with pytest.raises(TemplateError, match="not a .docx"):
        build_spec(project, requirement_set, interviews, template=text)
    with pytest.raises(TemplateError, match="template not found"):
        build_spec(project, requirement_set, interviews, template=tmp_path / "absent.docx")


def test_a_company_template_without_placeholders_still_gets_the_header_line(tmp_path):
    document = docx.Document(str(BUNDLED_TEMPLATE))
    for paragraph in document.sections[0].header.paragraphs:
        paragraph.text = "ACME Corp — internal"
    company = tmp_path / "acme.docx"
    document.save(str(company))
    project, requirement_set, interviews = en_example()
    out = write_spec(project, requirement_set, interviews, out=tmp_path / "spec.docx", template=company, version=2)
    header = " ".join(p.text for p in docx.Document(str(out.path)).sections[0].header.paragraphs)
    assert "ACME Corp — internal" in header and "Northwind Garden Supplies" in header and "V2" in header


def test_make_template_regenerates_a_valid_template(tmp_path):
    out = tmp_path / "regenerated.docx"
    subprocess.run([sys.executable, str(REPO / "spec_templates" / "make_template.py"), str(out)],
                   check=True, capture_output=True)
    document = docx.Document(str(out))
    heading = document.styles["Heading 1"].element
    assert heading.pPr.find(qn("w:numPr")) is not None          # numbered headings
    assert document.styles["Spec Table"].type == 3               # a table style
    project, requirement_set, interviews = zh_example()
    assert write_spec(project, requirement_set, interviews, out=tmp_path / "s.docx", template=out).requirements == 10


# --- diff ----------------------------------------------------------------------------------------------

def test_diff_reports_added_removed_and_reprioritized():
    _, old, _ = en_example()
    _, new, _ = en_example()
    new.requirements = [r for r in new.requirements if r.id != "REQ-007"]           # removed
    new.requirements[0].priority = "should"                                           # re-prioritized
    new.requirements.append(new.requirements[1].model_copy(update={"id": "REQ-020", "title": "New one"}))
    new.requirements[2].status = "removed"                                            # removed in review
    diff = diff_requirement_sets(old, new)
    assert [r.id for r in diff.added] == ["REQ-020"]
    assert [r.id for r in diff.removed] == [new.requirements[2].id, "REQ-007"]
    assert [(c.id, c.old.value, c.new.value) for c in diff.reprioritized] == [("REQ-001", "must", "should")]
    assert diff.summary("en") == "1 added, 2 removed, 1 re-prioritized"
    assert diff.lines()[0].startswith("+ REQ-020")


def test_diff_against_nothing_adds_everything_and_same_set_is_empty():
    _, current, _ = zh_example()
    assert len(diff_requirement_sets(None, current).added) == len(current.requirements)
    same = diff_requirement_sets(current, RequirementSet.model_validate(current.model_dump()))
    assert not same.changed and same.summary("zh") == "新增 0 条,删除 0 条,优先级调整 0 条"
