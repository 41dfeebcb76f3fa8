"""Turn a knowledge file (.md, .txt, .docx) into `Section`s.

The Markdown convention (also documented in the README): a heading whose text ends in
`{#ID}` starts the section ID; the body up to the next heading is its text.

    ## 四、制定详细的实施计划 {#4}
    ### 1、设定实施时间表与关键里程碑 {#4.1}

Headings without an id get `<file-stem>.<n>` so a company's own guidance can be added
as it is. Block quotes (`> …`, used for the source and attribution) are not content.
A `.docx` follows the same rule with Word's heading styles; a `.txt` file is split at
short heading-like lines ("一、…", "1、…", "2.3 …").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.language import Language, detect_language
from bot.models import Section

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".docx")

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_ID_SUFFIX = re.compile(r"\s*\{#([A-Za-z0-9][\w.\-]*)\}\s*$")
_TXT_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+(?:\.\d+)*[、.．)]\s*|第[一二三四五六七八九十\d]+[章节部分])\S")
_LANG_SUFFIX = re.compile(r"\.(zh|en)$")


class KnowledgeFileError(ValueError):
    """A knowledge file that cannot be read as sections."""


@dataclass
class _Heading:
    level: int
    title: str
    section_id: str | None


@dataclass
class _Draft:
    heading: _Heading
    parent_title: str | None
    lines: list[str] = field(default_factory=list)


def file_language(path: Path, text: str) -> Language:
    """`name.zh.md` / `name.en.md` say it; otherwise the text does."""
    match = _LANG_SUFFIX.search(Path(path).stem)
    return match.group(1) if match else detect_language(text, default="zh")  # type: ignore[return-value]


def _split_heading(title: str) -> tuple[str, str | None]:
    match = _ID_SUFFIX.search(title)
    if not match:
        return title.strip(), None
    return title[: match.start()].strip(), match.group(1)


def _sections_from_blocks(blocks: list[tuple[_Heading | None, str]], path: Path) -> list[Section]:
    """Shared by all formats: a stream of (heading or None, text line) into sections."""
    stem = _LANG_SUFFIX.sub("", Path(path).stem)
    drafts: list[_Draft] = []
    titles_by_level: dict[int, str] = {}
    current: _Draft | None = None
    for heading, line in blocks:
        if heading is not None:
            parent = next((titles_by_level[lv] for lv in sorted(titles_by_level, reverse=True)
                           if lv < heading.level), None)
            titles_by_level = {lv: t for lv, t in titles_by_level.items() if lv < heading.level}
            titles_by_level[heading.level] = heading.title
            current = _Draft(heading, parent)
            drafts.append(current)
        elif current is not None:
            current.lines.append(line)
    full_text = "\n".join(line for _, line in blocks)
    language = file_language(path, full_text)
    sections, seen, auto = [], set(), 0
    explicit = {d.heading.section_id for d in drafts if d.heading.section_id}
    for draft in drafts:
        text = "\n".join(draft.lines).strip()
        if not text:
            continue            # a heading with no body of its own (the document title, "FAQ")
        section_id = draft.heading.section_id
        while section_id is None or (draft.heading.section_id is None and section_id in explicit):
            auto += 1
            section_id = f"{stem}.{auto}"
        if section_id in seen:
            raise KnowledgeFileError(f"{path}: section id {section_id!r} is used twice")
        seen.add(section_id)
        sections.append(Section(
            id=section_id, title=draft.heading.title, text=text, language=language,
            source=Path(path).name, parent_title=draft.parent_title,
        ))
    return sections


def _markdown_blocks(text: str) -> list[tuple[_Heading | None, str]]:
    blocks: list[tuple[_Heading | None, str]] = []
    for raw in text.splitlines():
        match = _MD_HEADING.match(raw)
        if match:
            title, section_id = _split_heading(match.group(2))
            blocks.append((_Heading(len(match.group(1)), title, section_id), ""))
        elif raw.lstrip().startswith(">"):
            continue
        else:
            blocks.append((None, raw.rstrip()))
    return blocks


def _text_blocks(text: str) -> list[tuple[_Heading | None, str]]:
    blocks: list[tuple[_Heading | None, str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and len(line) <= 60 and _TXT_HEADING.match(line) and not line.endswith(("。", ".", ";", ";")):
            title, section_id = _split_heading(line)
            level = 1 if re.match(r"^[一二三四五六七八九十]+、|^第", title) else 2
            blocks.append((_Heading(level, title, section_id), ""))
        else:
            blocks.append((None, line))
    if not any(h for h, _ in blocks):
        # No headings at all: the whole file is one section.
        blocks.insert(0, (_Heading(1, "", None), ""))
    return blocks


def _docx_blocks(path: Path) -> list[tuple[_Heading | None, str]]:
    import docx  # python-docx
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for a damaged package
        raise KnowledgeFileError(f"{path}: not a readable .docx file ({exc})") from exc
    blocks: list[tuple[_Heading | None, str]] = []
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        level_match = re.match(r"^(?:Heading|标题)\s*(\d)$", style)
        if level_match or style == "Title":
            title, section_id = _split_heading(paragraph.text)
            blocks.append((_Heading(int(level_match.group(1)) if level_match else 1, title, section_id), ""))
        else:
            blocks.append((None, paragraph.text))
    if not any(h for h, _ in blocks):
        blocks.insert(0, (_Heading(1, "", None), ""))
    return blocks


def load_sections(path: Path) -> list[Section]:
    """All sections of one knowledge file; `KnowledgeFileError` when it cannot be used."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise KnowledgeFileError(f"{path}: unsupported file type {suffix or '(none)'}; use .md, .txt or .docx")
    if not path.is_file():
        raise KnowledgeFileError(f"{path}: no such file")
    if suffix == ".docx":
        blocks = _docx_blocks(path)
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise KnowledgeFileError(f"{path}: not UTF-8 text") from exc
        blocks = _markdown_blocks(text) if suffix in (".md", ".markdown") else _text_blocks(text)
    sections = _sections_from_blocks(blocks, path)
    if not sections:
        raise KnowledgeFileError(f"{path}: no sections with text found")
    return sections
