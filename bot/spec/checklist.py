"""The implementation checklist as the spec cites it: sections by id and their bullet items.

Recommendations in the specification (phases and durations, roles, risks, migration
steps, KPIs) are read from the checklist file, so every sentence of advice can be traced
to a section id such as [4.1]. The document's language picks `oms_checklist.<lang>.md`;
when that file is missing the other language's file is used and the document says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import get_settings
from bot.knowledge.documents import KnowledgeFileError, load_sections
from bot.language import Language
from bot.models import Section

CHECKLIST_STEM = "oms_checklist"
_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_LABEL_SPLIT = re.compile(r"[::]\s*")
_HEADING_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d+(?:\.\d+)*[、.．]?\s+|\d+、)")
_DURATION = re.compile(r"[((]([^()()]*\d[^()()]*|[^()()]*(?:持续|ongoing)[^()()]*)[))]")


@dataclass
class ChecklistItem:
    label: str                 # "项目启动阶段" / "Project kickoff phase"
    body: str                  # the text after the label
    duration: str | None = None    # "1-2周" / "1-2 weeks" when the label carries one
    group: str | None = None   # the bullet this one sits under ("企业方团队")


@dataclass
class Checklist:
    language: Language | None = None          # None: no checklist file found
    title: str = ""
    attribution: str = ""
    sections: dict[str, Section] = field(default_factory=dict)
    path: Path | None = None

    @property
    def available(self) -> bool:
        return bool(self.sections)

    def section(self, section_id: str) -> Section | None:
        return self.sections.get(section_id)

    def title_of(self, section_id: str) -> str:
        """The heading without its own numbering ("2、梳理…" / "1.2 Map …" -> "梳理…" / "Map …")."""
        section = self.sections.get(section_id)
        return _HEADING_NUMBER.sub("", section.title).strip() if section else ""

    def items(self, section_id: str) -> list[ChecklistItem]:
        section = self.sections.get(section_id)
        return parse_items(section.text) if section else []

    def paragraphs(self, section_id: str) -> list[str]:
        """The section's prose paragraphs (bullets left out)."""
        section = self.sections.get(section_id)
        if not section:
            return []
        return [line.strip() for line in section.text.splitlines()
                if line.strip() and not _BULLET.match(line)]


def parse_items(text: str) -> list[ChecklistItem]:
    """Bullets "- Label (duration): body." into items; a bullet with no body opens a group."""
    items: list[ChecklistItem] = []
    group: str | None = None
    for line in text.splitlines():
        match = _BULLET.match(line)
        if not match:
            continue
        content = match.group(1).strip()
        parts = _LABEL_SPLIT.split(content, maxsplit=1)
        label = parts[0].strip()
        body = parts[1].strip() if len(parts) > 1 else ""
        if not body:
            group = label
            continue
        duration_match = _DURATION.search(label)
        duration = duration_match.group(1).strip() if duration_match else None
        if duration_match:
            label = (label[: duration_match.start()] + label[duration_match.end():]).strip()
        items.append(ChecklistItem(label=label, body=body, duration=duration, group=group))
    return items


def _header(path: Path) -> tuple[str, str]:
    """The file's title (first '# ' line) and its attribution (the first '> ' line)."""
    title, attribution = "", ""
    for line in path.read_text(encoding="utf-8-sig").splitlines()[:20]:
        if not title and line.startswith("# "):
            title = line[2:].strip()
        elif not attribution and line.startswith(">"):
            attribution = line.lstrip("> ").strip()
    return title, attribution


def load_checklist(language: Language, knowledge_dir: Path | None = None) -> Checklist:
    folder = Path(knowledge_dir) if knowledge_dir else get_settings().knowledge_dir
    order = [language] + [other for other in ("zh", "en") if other != language]
    for lang in order:
        path = folder / f"{CHECKLIST_STEM}.{lang}.md"
        if not path.is_file():
            continue
        try:
            sections = load_sections(path)
        except KnowledgeFileError:
            continue
        title, attribution = _header(path)
        return Checklist(language=lang, title=title, attribution=attribution,  # type: ignore[arg-type]
                         sections={s.id: s for s in sections}, path=path)
    return Checklist()
