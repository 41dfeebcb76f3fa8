"""The document as plain data: what the section builders produce and the renderer draws.

Keeping content (which words, in which order) apart from Word mechanics (XML, styles)
lets the builders stay short and lets tests check content without opening a .docx.
Style names here are the template's style names (see spec_templates/layout.json).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Paragraph:
    runs: list[Run]
    style: str = "Normal"
    keep_with_next: bool = False
    align: Literal["left", "center", "right"] | None = None

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Heading:
    text: str
    level: int = 1
    numbered: bool = True
    page_break_before: bool = False
    in_contents: bool = True        # False for the many data-driven headings (one per category)


Cell = Union[str, list[Paragraph]]


@dataclass
class Table:
    rows: list[list[Cell]]
    widths: list[float]                     # relative column widths
    header: list[str] | None = None         # repeated on every page
    caption: str | None = None              # numbered "Table n" by the renderer, placed above
    first_column: bool = False              # shade the first column (requirement cards, key/value tables)
    banded: bool = True
    kind: str = ""                          # lets tests find a table ("priorities", "traceability", …)
    centered: tuple[int, ...] = ()          # columns whose cells are centred (marks, numbers)
    keep_together: bool = False             # keep a short table (a card) on one page
    absolute_widths: bool = False           # widths are centimetres, not shares of the text width
    vertical_header_from: int | None = None  # header cells from this column on read bottom-to-top
    header_height: float | None = None       # centimetres, for vertical header text
    vertical_upright: bool = False           # vertical header read top-down, CJK upright (Chinese)


@dataclass
class PageBreak:
    pass


@dataclass
class SectionBreak:
    """Start a new page section with the given orientation (wide tables go landscape)."""
    orientation: Literal["portrait", "landscape"]


@dataclass
class Contents:
    """The table of contents: filled by the renderer from the document's headings."""
    levels: int = 2
    entries: list[tuple[int, str]] = field(default_factory=list)


Block = Union[Heading, Paragraph, Table, PageBreak, SectionBreak, Contents]


def para(text: str, style: str = "Normal", *, bold: bool = False, keep_with_next: bool = False,
         align: Literal["left", "center", "right"] | None = None) -> Paragraph:
    return Paragraph([Run(text, bold=bold)], style=style, keep_with_next=keep_with_next, align=align)


def bullets(items: list[str], style: str = "List Bullet") -> list[Paragraph]:
    return [para(item, style) for item in items]


def cell_lines(lines: list[str], style: str = "Table Text") -> list[Paragraph]:
    """A table cell holding several short paragraphs (one per line)."""
    return [para(line, style) for line in lines] or [para("", style)]
