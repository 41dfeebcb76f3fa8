"""The specification document: written, re-opened with python-docx, checked for content."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from bot.models import Requirement, Source, Stakeholder
from bot.spec import Revision, build_spec, compose_spec, write_spec
from bot.spec.blocks import Heading
from bot.spec.checklist import load_checklist
from bot.spec.i18n import ROLE_LABELS, tr
from bot.spec.template import load_layout
from test_spec_data import en_example, zh_example

DAY = date(2025, 3, 14)
EXAMPLES = {"zh": zh_example, "en": en_example}


# --- reading a .docx back ----------------------------------------------------------------------

def body_items(document):
    """Paragraphs and tables of the body, in document order."""
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield DocxParagraph(child, document)
        elif child.tag == qn("w:tbl"):
            yield DocxTable(child, document)


def cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


def tables_after_caption(document, caption_start: str) -> list[DocxTable]:
    """Tables whose caption paragraph (style Caption) contains `caption_start`."""
    found, armed = [], False
    for item in body_items(document):
        if isinstance(item, DocxParagraph):
            armed = item.style.name == "Caption" and caption_start in item.text
        elif armed:
            found.append(item)
            armed = False
    return found


def headings(document, level: int) -> list[str]:
    names = {f"Heading {level}"} | ({"TOC Heading"} if level == 1 else set())
    return [p.text for p in document.paragraphs if p.style.name in names]


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell_text(c) for c in row.cells]
    return "\n".join(parts)


def written(tmp_path: Path, lang: str, **options):
    project, requirement_set, interviews = EXAMPLES[lang]()
    out = tmp_path / f"spec-{lang}.docx"
    summary = write_spec(project, requirement_set, interviews, out=out, date=DAY, **options)
    return docx.Document(str(summary.path)), requirement_set, summary


# --- structure -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chapters_follow_the_layout_in_order(tmp_path, lang):
    document, _, _ = written(tmp_path, lang)
    expected = [tr(f"section.{s.id}", lang) for s in load_layout().sections if s.id != "title_page"]
    assert headings(document, 1) == expected
    # the contents list the numbered chapters, numbered like the heading list numbers them
    contents = [p.text for p in document.paragraphs if p.style.name == "toc 1"]
    assert contents[0] == "1\t" + tr("section.introduction", lang)
    assert contents[-1].endswith(tr("section.appendix", lang))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_requirement_is_in_the_priority_table_exactly_once_in_rank_order(tmp_path, lang):
    document, requirement_set, _ = written(tmp_path, lang)
    [table] = tables_after_caption(document, tr("priorities.caption", lang))
    header = [cell_text(c) for c in table.rows[0].cells]
    assert header == [tr(k, lang) for k in ("col.id", "col.requirement", "col.category", "col.priority",
                                             "col.score", "col.departments", "col.kpi")]
    ids = [cell_text(row.cells[0]) for row in table.rows[1:]]
    by_rank = sorted(requirement_set.requirements, key=lambda r: r.rank)
    assert ids == [r.id for r in by_rank]
    first = table.rows[1].cells
    assert cell_text(first[1]) == by_rank[0].title
    assert tr("doc.title", lang) not in cell_text(first[1])
    # KPI column carries the current and target figures people gave
    assert by_rank[0].kpis[0].target in cell_text(first[6])
    assert by_rank[0].kpis[0].current in cell_text(first[6])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_requirement_has_one_detail_card(tmp_path, lang):
    document, requirement_set, _ = written(tmp_path, lang)
    card_headings = [h for h in headings(document, 3) if h.startswith("REQ-")]
    assert sorted(h.split()[0] for h in card_headings) == sorted(r.id for r in requirement_set.requirements)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_traceability_matrix_matches_the_sources(tmp_path, lang):
    document, requirement_set, _ = written(tmp_path, lang)
    tables = tables_after_caption(document, tr("appendix.matrix.caption", lang))
    assert tables
    marked = set()
    for table in tables:
        people = [cell_text(c).rsplit(" (" if lang == "en" else "(", 1)[0] for c in table.rows[0].cells[2:]]
        for row in table.rows[1:]:
            cells = [cell_text(c) for c in row.cells]
            for name, mark in zip(people, cells[2:]):
                assert mark in ("", "●")
                if mark:
                    marked.add((cells[0], name))
    expected = {(r.id, s.name) for r in requirement_set.requirements for s in r.sources}
    assert marked == expected


def test_a_wide_matrix_is_split_and_printed_landscape(tmp_path):
    project, requirement_set, interviews = en_example()
    extra = [Stakeholder(id=f"p{i}", name=f"Person {i}", role="sales") for i in range(30)]
    first = requirement_set.requirements[0]
    first.sources = first.sources + [Source(stakeholder_id=p.id, name=p.name, role=p.role, quote=f"Quote {i}.")
                                     for i, p in enumerate(extra)]
    out = write_spec(project, requirement_set, interviews, out=tmp_path / "wide.docx", date=DAY).path
    document = docx.Document(str(out))
    parts = tables_after_caption(document, "Traceability matrix (part")
    assert len(parts) == 2                            # 36 people, 25 columns per table
    header_cell = parts[0].rows[0].cells[2]._tc
    assert header_cell.tcPr.find(qn("w:textDirection")) is not None   # names written bottom-to-top
    orientations = [s.orientation for s in document.sections]
    assert 1 in orientations and orientations[-1] == 0   # landscape for the matrix, portrait after it
    names = {cell_text(c) for t in parts for c in t.rows[0].cells[2:]}
    assert {f"{p.name} (Sales)" for p in extra} <= names
    # the landscape section has its own header copy, filled like the portrait one
    landscape = next(s for s in document.sections if s.orientation == 1)
    header = " ".join(p.text for p in landscape.header.paragraphs)
    assert "Northwind Garden Supplies" in header and "V1" in header


# --- content -----------------------------------------------------------------------------------------

def test_chinese_text_survives_and_the_east_asian_font_is_set(tmp_path):
    document, requirement_set, _ = written(tmp_path, "zh")
    text = all_text(document)
    assert "需求规格说明书" in text
    for requirement in requirement_set.requirements:
        assert requirement.statement in text
        for source in requirement.sources:
            assert source.quote in text            # the appendix keeps every full quote
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia"))
    normal_fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal_fonts.get(qn("w:eastAsia")) and normal_fonts.get(qn("w:ascii"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_conflicts_and_kpi_figures_are_in_the_document(tmp_path, lang):
    document, requirement_set, _ = written(tmp_path, lang)
    text = all_text(document)
    for conflict in requirement_set.conflicts:
        assert conflict.summary in text
        assert any(h.startswith(conflict.id) for h in headings(document, 3))
    [kpi_table] = tables_after_caption(document, tr("goals.kpi.caption", lang))
    rows = [[cell_text(c) for c in row.cells] for row in kpi_table.rows[1:]]
    expected = [(k.metric, k.current, k.target) for r in sorted(requirement_set.requirements, key=lambda r: r.rank)
                for k in r.kpis]
    assert [(r[0], r[1], r[2]) for r in rows] == expected


def test_conflict_positions_name_both_stakeholders(tmp_path):
    document, requirement_set, _ = written(tmp_path, "en")
    conflict = requirement_set.conflicts[0]
    [card] = [t for t in document.tables if cell_text(t.rows[0].cells[0]) == tr("conflict.issue", "en")]
    positions = cell_text(card.rows[1].cells[1])
    assert "Amy Ross (Sales)" in positions and "Dana Kim (Management)" in positions
    for rid in conflict.requirement_ids:
        assert rid in cell_text(card.rows[2].cells[1])


def test_header_carries_project_version_and_date_and_footer_page_numbers(tmp_path):
    document, _, _ = written(tmp_path, "zh", version=3)
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "青禾食品有限公司" in header and "V3" in header and "2025-03-14" in header
    assert "{" not in header
    footer_xml = document.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml


def test_revision_history_lists_earlier_versions_and_this_one(tmp_path):
    revisions = [Revision(version=1, created_at="2025-03-01T10:00:00Z", summary="first", requirements=7),
                 Revision(version=2, created_at="2025-03-08T10:00:00Z", summary="second", requirements=9)]
    document, _, _ = written(tmp_path, "en", version=3, revisions=revisions, change_note="2 added")
    [table] = tables_after_caption(document, tr("control.revisions", "en"))
    rows = [[cell_text(c) for c in row.cells] for row in table.rows[1:]]
    assert rows == [["V1", "2025-03-01", "first", "7"], ["V2", "2025-03-08", "second", "9"],
                    ["V3", "2025-03-14", "2 added", "8"]]


def test_stakeholder_table_shows_role_dates_answers_and_skips(tmp_path):
    document, _, _ = written(tmp_path, "zh")
    [table] = tables_after_caption(document, tr("stakeholders.caption", "zh"))
    rows = {cell_text(r.cells[0]): [cell_text(c) for c in r.cells] for r in table.rows[1:]}
    assert rows["孙丽"][1] == ROLE_LABELS["warehouse"][0]
    assert rows["孙丽"][2] == "2025-03-05"
    assert "跳过 1" in rows["孙丽"][3]                 # the skipped returns question
    assert rows["吴涛"][4] == "4"                       # IT raised four requirements
    [coverage] = tables_after_caption(document, tr("stakeholders.coverage.caption", "zh"))
    management = [cell_text(c) for c in coverage.rows[1:][3].cells]
    assert management[0] == ROLE_LABELS["management"][0]


def test_removed_requirements_leave_the_table_but_are_listed_as_withdrawn(tmp_path):
    project, requirement_set, interviews = en_example()
    requirement_set.requirements[-1].status = "removed"
    removed = requirement_set.requirements[-1]
    out = write_spec(project, requirement_set, interviews, out=tmp_path / "w.docx", date=DAY)
    document = docx.Document(str(out.path))
    [table] = tables_after_caption(document, tr("priorities.caption", "en"))
    assert removed.id not in [cell_text(r.cells[0]) for r in table.rows[1:]]
    assert f"{removed.id} {removed.title}" in [p.text for p in document.paragraphs]
    assert out.requirements == len(requirement_set.requirements) - 1


def test_language_override_writes_english_labels_for_a_chinese_project(tmp_path):
    document, _, summary = written(tmp_path, "zh", language="en")
    assert summary.language == "en"
    assert headings(document, 1)[2] == "Introduction"
    title = next(p.text for p in document.paragraphs if p.style.name == "Title")
    assert title == "Requirements Specification"
    assert "青禾食品有限公司" in all_text(document)       # data stays as the people wrote it


def test_implementation_phases_are_read_from_the_checklist_file(tmp_path):
    folder = tmp_path / "knowledge"
    folder.mkdir()
    source = load_checklist("en").path.read_text(encoding="utf-8")
    edited = source.replace("Project kickoff phase (1-2 weeks)", "Project kickoff phase (7-9 weeks)")
    assert edited != source
    (folder / "oms_checklist.en.md").write_text(edited, encoding="utf-8")
    project, requirement_set, interviews = en_example()
    document = build_spec(project, requirement_set, interviews, checklist=load_checklist("en", folder), date=DAY)
    [phases] = tables_after_caption(document, "Implementation phases")
    first = [cell_text(c) for c in phases.rows[1].cells]
    assert first[:2] == ["Project kickoff phase", "7-9 weeks"]
    assert "[faq.1]" in all_text(document)


def test_checklist_falls_back_to_the_other_language(tmp_path):
    folder = tmp_path / "knowledge"
    folder.mkdir()
    zh = load_checklist("zh").path
    (folder / zh.name).write_text(zh.read_text(encoding="utf-8"), encoding="utf-8")
    checklist = load_checklist("en", folder)
    assert checklist.language == "zh" and checklist.items("4.1")
    assert not load_checklist("en", tmp_path / "nowhere").available


def test_document_without_checklist_still_builds(tmp_path):
    project, requirement_set, interviews = en_example()
    document = build_spec(project, requirement_set, interviews, checklist=load_checklist("en", tmp_path), date=DAY)
    text = all_text(document)
    assert tr("intro.references.no_checklist", "en") in text
    assert tr("section.implementation", "en") in headings(document, 1)


def test_every_requirement_is_detailed_exactly_once_in_the_blocks():
    project, requirement_set, interviews = zh_example()
    blocks = compose_spec(project, requirement_set, interviews, date=DAY)
    cards = [b.text.split()[0] for b in blocks if isinstance(b, Heading) and b.level == 3 and b.text.startswith("REQ-")]
    assert sorted(cards) == sorted(r.id for r in requirement_set.requirements)


def test_requirement_without_sources_or_interviews_still_renders(tmp_path):
    project, requirement_set, _ = en_example()
    requirement_set.requirements.append(Requirement(id="REQ-099", title="Lonely requirement",
                                                    statement="The system shall exist.", rank=99))
    out = write_spec(project, requirement_set, [], out=tmp_path / "bare.docx", date=DAY)
    document = docx.Document(str(out.path))
    [table] = tables_after_caption(document, tr("priorities.caption", "en"))
    assert "REQ-099" in [cell_text(r.cells[0]) for r in table.rows[1:]]
