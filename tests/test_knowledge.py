"""Knowledge files become sections with stable ids, whatever their format."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from bot.config import BUNDLED_KNOWLEDGE_DIR
from bot.knowledge.documents import KnowledgeFileError, load_sections
from bot.knowledge.library import add_knowledge_file, list_sources

DATA = Path(__file__).parent / "data" / "knowledge"
CHECKLIST_IDS = (
    ["intro"] + [f"{c}" for c in range(1, 8)] + [f"{c}.{s}" for c in range(1, 8) for s in range(1, 4)]
    + ["conclusion", "faq.1", "faq.2", "faq.3"]
)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_bundled_checklist_has_every_section_id_in_both_languages(language: str) -> None:
    sections = load_sections(BUNDLED_KNOWLEDGE_DIR / f"oms_checklist.{language}.md")
    assert sorted(s.id for s in sections) == sorted(CHECKLIST_IDS)
    assert {s.language for s in sections} == {language}
    # navigation and footer of the source web page are gone
    text = "\n".join(s.text for s in sections)
    for debris in ("分享链接", "400-1122-778", "微信咨询", "登录"):
        assert debris not in text


def test_markdown_heading_ids_and_generated_ids() -> None:
    sections = load_sections(DATA / "returns_policy.en.md")
    assert [s.id for s in sections] == ["rma.1", "returns_policy.1"]
    assert sections[0].title == "Returns and RMA"
    assert "two working days" in sections[0].text
    assert "Written for reqbot" not in sections[0].text      # block quotes are attribution, not content
    assert sections[1].title == "Restocking fees"


def test_text_file_split_at_heading_lines(tmp_path: Path) -> None:
    path = tmp_path / "退货指引.txt"
    path.write_text("一、退货流程\n客户退货前必须先申请退货单号。\n\n1、质检\n仓库在两个工作日内完成质检。\n", encoding="utf-8")
    sections = load_sections(path)
    assert [(s.title, s.language) for s in sections] == [("一、退货流程", "zh"), ("1、质检", "zh")]
    assert sections[1].text == "仓库在两个工作日内完成质检。"


def test_docx_headings_become_sections(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Credit control {#credit.1}", level=1)
    document.add_paragraph("Orders above the customer's credit limit are held for finance approval.")
    document.add_heading("Dunning", level=2)
    document.add_paragraph("Overdue invoices trigger a reminder after 7 days.")
    path = tmp_path / "credit.docx"
    document.save(path)
    sections = load_sections(path)
    assert [s.id for s in sections] == ["credit.1", "credit.2"]
    assert "credit limit" in sections[0].text
    assert sections[1].parent_title == "Credit control"


@pytest.mark.parametrize("name, content, message", [
    ("notes.pdf", b"%PDF", "unsupported file type"),
    ("broken.docx", b"not a zip", "not a readable .docx"),
    ("latin1.md", "## Caf\u00e9 {#x}\ntext".encode("latin-1"), "not UTF-8"),
    ("empty.md", b"# Title only\n", "no sections"),
    ("twice.md", b"## A {#a}\none\n## B {#a}\ntwo\n", "used twice"),
])
def test_bad_files_are_refused_with_a_clear_message(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(KnowledgeFileError, match=message):
        load_sections(path)


def test_add_copies_into_home_and_lists_it(reqbot_home: Path) -> None:
    source = add_knowledge_file(DATA / "returns_policy.en.md")
    assert source.path == reqbot_home / "knowledge" / "returns_policy.en.md"
    listed = {s.name: s for s in list_sources()}
    assert listed["returns_policy.en.md"].sections == 2 and not listed["returns_policy.en.md"].bundled
    assert listed["oms_checklist.zh.md"].bundled and listed["oms_checklist.zh.md"].sections == 33
