"""Blocks -> WordprocessingML in a template document.

The body is written as one XML string and parsed once: python-docx's object API costs
a style lookup per paragraph and an O(n) walk per table cell, which a specification of
300 requirements × 100 stakeholders cannot afford. Styles are referenced by the ids
the template defines (StyleMap), so the template decides every font and colour.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from bot.spec.blocks import Block, Contents, Heading, PageBreak, Paragraph, Run, SectionBreak, Table
from bot.spec.template import StyleMap

_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_W_URI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_CM = 1440 / 2.54


def _text(value: str) -> str:
    return escape(_INVALID_XML.sub("", value))


def _runs_xml(paragraph: Paragraph) -> str:
    out = []
    for run in paragraph.runs:
        props = ("<w:b/><w:bCs/>" if run.bold else "") + ("<w:i/><w:iCs/>" if run.italic else "")
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        pieces = run.text.split("\n")
        body = "<w:br/>".join(f'<w:t xml:space="preserve">{_text(piece)}</w:t>' for piece in pieces)
        out.append(f"<w:r>{rpr}{body}</w:r>")
    return "".join(out)


@dataclass
class _Page:
    width: int          # twips
    height: int
    text_width: int


class Renderer:
    """Draws blocks into `document` (whose body the template loader emptied)."""

    def __init__(self, document, styles: StyleMap, table_label: str):
        self.document = document
        self.styles = styles
        self.table_label = table_label
        self.body = document.element.body
        self.final_sectpr = self.body.find(qn("w:sectPr"))
        self.portrait = self._page_of(self.final_sectpr)
        self.tables = 0

    # --- page geometry ------------------------------------------------------------------
    @staticmethod
    def _page_of(sectpr) -> _Page:
        size = sectpr.find(qn("w:pgSz"))
        margins = sectpr.find(qn("w:pgMar"))
        width = int(size.get(qn("w:w"), 11906))
        height = int(size.get(qn("w:h"), 16838))
        if size.get(qn("w:orient")) == "landscape" or width > height:
            width, height = height, width            # remember the portrait shape
        left = int(margins.get(qn("w:left"), 1247)) if margins is not None else 1247
        right = int(margins.get(qn("w:right"), 1247)) if margins is not None else 1247
        return _Page(width, height, width - left - right)

    def _text_width(self, orientation: str) -> int:
        page = self.portrait
        if orientation == "landscape":
            return page.height - (page.width - page.text_width)
        return page.text_width

    # --- blocks -> xml ---------------------------------------------------------------------
    def _paragraph_xml(self, paragraph: Paragraph, keep_next: bool = False) -> str:
        ppr = f'<w:pStyle w:val="{self.styles.id(paragraph.style)}"/>'
        if paragraph.keep_with_next or keep_next:
            ppr += "<w:keepNext/>"
        if paragraph.align:
            ppr += f'<w:jc w:val="{ {"left": "left", "center": "center", "right": "right"}[paragraph.align] }"/>'
        return f"<w:p><w:pPr>{ppr}</w:pPr>{_runs_xml(paragraph)}</w:p>"

    def _heading_xml(self, heading: Heading) -> str:
        level = max(1, min(heading.level, 3))
        numpr = ""
        if heading.numbered:
            style = f"Heading {level}"
        elif level == 1:
            style = "TOC Heading"              # document control, contents: chapter-sized, no number
        else:
            style = f"Heading {level}"         # e.g. requirement cards: the REQ id is their number
            numpr = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
        ppr = f'<w:pStyle w:val="{self.styles.id(style)}"/><w:keepNext/>'
        if heading.page_break_before:
            ppr += "<w:pageBreakBefore/>"
        ppr += numpr
        return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{_text(heading.text)}</w:t></w:r></w:p>'

    def _cell_xml(self, cell, width: int, centered: bool = False, keep_next: bool = False,
                  vertical: str | None = None) -> str:
        paragraphs = cell if isinstance(cell, list) else [
            Paragraph([_plain(cell)], style="Table Text", align="center" if centered and not vertical else None)]
        inner = "".join(self._paragraph_xml(p, keep_next) for p in paragraphs) or "<w:p/>"
        direction = f'<w:textDirection w:val="{vertical}"/><w:vAlign w:val="center"/>' if vertical else ""
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{direction}</w:tcPr>{inner}</w:tc>'

    def _table_xml(self, table: Table, orientation: str) -> str:
        out = []
        if table.caption:
            self.tables += 1
            caption = Paragraph([_plain(f"{self.table_label} {self.tables}  {table.caption}")],
                                style="Caption", keep_with_next=True)
            out.append(self._paragraph_xml(caption))
        if table.absolute_widths:
            widths = [int(w * TWIPS_PER_CM) for w in table.widths]
        else:
            total = self._text_width(orientation)
            weight = sum(table.widths) or 1
            widths = fit_widths(table, [int(total * w / weight) for w in table.widths])
        look = 0x0020 * bool(table.header) | 0x0080 * table.first_column | 0x0200 * (not table.banded) | 0x0400
        tblpr = (
            f'<w:tblPr><w:tblStyle w:val="{self.styles.id("Spec Table")}"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblLook w:val="{look:04X}" w:firstRow="{int(bool(table.header))}" w:lastRow="0" '
            f'w:firstColumn="{int(table.first_column)}" w:lastColumn="0" '
            f'w:noHBand="{int(not table.banded)}" w:noVBand="1"/></w:tblPr>'
        )
        grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
        rows = []
        centered = set(table.centered)
        if table.header:
            vertical_from = table.vertical_header_from
            direction = "tbRl" if table.vertical_upright else "btLr"
            cells = "".join(
                self._cell_xml(text, w, i in centered,
                               vertical=direction if vertical_from is not None and i >= vertical_from else None)
                for i, (text, w) in enumerate(zip(table.header, widths)))
            height = (f'<w:trHeight w:val="{int(table.header_height * TWIPS_PER_CM)}" w:hRule="atLeast"/>'
                      if table.header_height else "")
            rows.append(f"<w:tr><w:trPr><w:cantSplit/>{height}<w:tblHeader/></w:trPr>{cells}</w:tr>")
        last = len(table.rows) - 1
        for number, row in enumerate(table.rows):
            # Word and LibreOffice keep a table on one page when every row but the last "keeps with next"
            keep = table.keep_together and number < last
            cells = "".join(self._cell_xml(cell, w, i in centered, keep) for i, (cell, w) in enumerate(zip(row, widths)))
            rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
        out.append(f"<w:tbl>{tblpr}{grid}{''.join(rows)}</w:tbl>")
        # A little air below the table, so a following paragraph does not stick to it.
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{self.styles.id("Normal")}"/>'
                   '<w:spacing w:before="0" w:after="0" w:line="160" w:lineRule="exact"/></w:pPr></w:p>')
        return "".join(out)

    def _contents_xml(self, contents: Contents) -> str:
        """A real TOC field (Word: right-click, Update Field adds page numbers) whose cached
        result lists the numbered headings, so every viewer shows the contents as written.
        Not marked dirty: that would make Word ask about updating fields on every open."""
        field_begin = (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> TOC \\o "1-{contents.levels}" \\h \\z \\u </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        )
        out = []
        for i, (level, text) in enumerate(contents.entries):
            style = f"toc {level}"
            style_id = self.styles.id(style)
            prefix = field_begin if i == 0 else ""
            out.append(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{prefix}'
                       f'<w:r><w:t xml:space="preserve">{_text(text)}</w:t></w:r></w:p>')
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        if not out:
            out.append(f"<w:p>{field_begin}</w:p>")
        out.append(f"<w:p>{end}</w:p>")
        return "".join(out)

    # --- the whole body ---------------------------------------------------------------------
    def render(self, blocks: list[Block]) -> None:
        numbers = number_headings(blocks)
        orientation = "portrait"
        parts: list[str] = []
        orientations: list[str] = []          # orientation of each section break, in order
        for block in blocks:
            if isinstance(block, Heading):
                parts.append(self._heading_xml(block))
            elif isinstance(block, Paragraph):
                parts.append(self._paragraph_xml(block))
            elif isinstance(block, Table):
                parts.append(self._table_xml(block, orientation))
            elif isinstance(block, PageBreak):
                parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            elif isinstance(block, SectionBreak):
                if block.orientation != orientation:
                    parts.append('<w:p><w:pPr><w:sectPr/></w:pPr></w:p>')
                    orientations.append(orientation)        # the section this paragraph closes
                    orientation = block.orientation
            elif isinstance(block, Contents):
                block.entries = [(level, f"{number}\t{text}") for level, number, text in numbers
                                 if level <= block.levels]
                parts.append(self._contents_xml(block))
        self._replace_body("".join(parts), orientations, orientation)

    def _replace_body(self, xml: str, orientations: list[str], final_orientation: str) -> None:
        """Parse the new body once and swap it in whole.

        Moving thousands of parsed elements into the template's tree one by one makes lxml
        reconcile namespaces per node (seconds for a large spec); swapping the body element
        is one move. The body is parsed with the document root's namespace declarations.
        """
        root = self.document.element
        declarations = " ".join(f'xmlns:{prefix}="{uri}"' if prefix else f'xmlns="{uri}"'
                                for prefix, uri in root.nsmap.items())
        sectpr = etree.tostring(self.final_sectpr, encoding="unicode")
        body = parse_xml(f"<w:body {declarations}>{xml}{sectpr}</w:body>")
        final = body[-1]
        breaks = iter(orientations)
        for placeholder in body.findall("w:p/w:pPr/w:sectPr", namespaces={"w": _W_URI}):
            replacement = copy.deepcopy(final)
            self._orient(replacement, next(breaks))      # the orientation of the section it closes
            placeholder.getparent().replace(placeholder, replacement)
        self._orient(final, final_orientation)
        root.replace(root.body, body)
        self.body, self.final_sectpr = body, final
        # python-docx caches its wrapper of the old body; make it wrap the new one.
        if getattr(self.document, "_Document__body", None) is not None:
            self.document._Document__body = None

    def _orient(self, sectpr, orientation: str) -> None:
        size = sectpr.find(qn("w:pgSz"))
        if size is None:
            return
        portrait = self.portrait
        if orientation == "landscape":
            size.set(qn("w:w"), str(portrait.height))
            size.set(qn("w:h"), str(portrait.width))
            size.set(qn("w:orient"), "landscape")
        else:
            size.set(qn("w:w"), str(portrait.width))
            size.set(qn("w:h"), str(portrait.height))
            size.attrib.pop(qn("w:orient"), None)


# Rough 9 pt glyph widths (DejaVu Sans, the widest common fallback for Calibri), in twips.
_LATIN_TWIPS, _BOLD_TWIPS, _CELL_PADDING = 110, 122, 220
_UNBREAKABLE = re.compile(r"[^\s\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+")


def _longest_word(text: str) -> int:
    return max((len(word) for word in _UNBREAKABLE.findall(text)), default=0)


def fit_widths(table: Table, widths: list[int]) -> list[int]:
    """Widen columns whose longest word would otherwise break mid-word, taking the room
    from columns that have some to spare; the table keeps its total width."""
    needed = []
    for column in range(len(widths)):
        header = table.header[column] if table.header and column < len(table.header) else ""
        longest = _longest_word(header) * _BOLD_TWIPS
        for row in table.rows:
            cell = row[column] if column < len(row) else ""
            text = cell if isinstance(cell, str) else " ".join(p.text for p in cell)
            longest = max(longest, _longest_word(text) * _LATIN_TWIPS)
        needed.append(longest + _CELL_PADDING)
    deficit = sum(max(0, n - w) for n, w in zip(needed, widths))
    spare = [max(0, w - n) for n, w in zip(needed, widths)]
    if not deficit or sum(spare) < deficit:
        return widths
    share = deficit / sum(spare)
    return [max(w, n) if n > w else int(w - s * share) for n, w, s in zip(needed, widths, spare)]


def _plain(text: str) -> Run:
    return Run(text)


def number_headings(blocks: list[Block]) -> list[tuple[int, str, str]]:
    """(level, "2.3", text) for the numbered headings meant for the contents, numbered as the
    template's list numbers them (headings left out of the contents still count)."""
    counters = [0, 0, 0, 0]
    out = []
    for block in blocks:
        if isinstance(block, Heading) and block.numbered:
            level = max(1, min(block.level, 3))
            counters[level - 1] += 1
            for deeper in range(level, len(counters)):
                counters[deeper] = 0
            if block.in_contents:
                out.append((level, ".".join(str(n) for n in counters[:level]), block.text))
    return out


# --- header / footer placeholders ----------------------------------------------------------

PLACEHOLDER = re.compile(r"\{(project|title|version|date|status)\}")


def _fill_paragraph(paragraph, fields: dict[str, str]) -> bool:
    full = "".join(run.text for run in paragraph.runs)
    if not PLACEHOLDER.search(full):
        return False
    for run in paragraph.runs:                 # placeholders kept inside one run: keep formatting
        if PLACEHOLDER.search(run.text):
            run.text = PLACEHOLDER.sub(lambda m: fields[m.group(1)], run.text)
    if PLACEHOLDER.search("".join(run.text for run in paragraph.runs)):
        # a placeholder split across runs (Word does that after editing): merge the text
        text_runs = [run for run in paragraph.runs if run.text]
        merged = PLACEHOLDER.sub(lambda m: fields[m.group(1)], "".join(r.text for r in text_runs))
        text_runs[0].text = merged
        for run in text_runs[1:]:
            run.text = ""
    return True


def fill_header(document, fields: dict[str, str], header_style: str = "Header") -> None:
    """Fill {project} {title} {version} {date} {status} in every header and footer.

    A template whose headers hold no placeholder at all gets one header line added, so the
    project, version and date are on every page whatever the template.
    """
    found = False
    seen: set[int] = set()
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            if part.is_linked_to_previous or id(part.part) in seen:
                continue                 # no definition of its own, or already filled
            seen.add(id(part.part))
            paragraphs = list(part.paragraphs)
            for table in part.tables:
                for row in table.rows:
                    for cell in row.cells:
                        paragraphs += cell.paragraphs
            for paragraph in paragraphs:
                found |= _fill_paragraph(paragraph, fields)
    if not found:
        header = document.sections[0].header
        line = f"{fields['project']} · {fields['title']}\t{fields['version']} · {fields['date']}"
        paragraph = header.add_paragraph(line)
        try:
            paragraph.style = document.styles[header_style]
        except KeyError:
            pass


def landscape_headers(document, renderer: Renderer) -> None:
    """Give landscape sections their own copy of the header, with its right tab at the wider edge.

    All sections reference the template's header; its right-aligned tab stop sits at the
    portrait text width, which would leave the version and date mid-page in landscape.
    """
    portrait_header = document.sections[0].header
    if portrait_header.is_linked_to_previous:
        return
    source = portrait_header._element
    wide = renderer._text_width("landscape")
    style_tabs: dict[str, list[int]] = {}
    for style in document.styles:
        tabs = style.element.find(qn("w:pPr") + "/" + qn("w:tabs")) if style.element.pPr is not None else None
        if tabs is not None:
            style_tabs[style.style_id] = [int(t.get(qn("w:pos"))) for t in tabs if t.get(qn("w:pos"))]
    for section in document.sections:
        if section.orientation != 1 or section.header.is_linked_to_previous:   # 1 = WD_ORIENT.LANDSCAPE
            continue
        reference = next((r for r in section._sectPr.findall(qn("w:headerReference"))
                          if r.get(qn("w:type")) == "default"), None)
        if reference is not None:
            section._sectPr.remove(reference)       # keep the shared part; only this section lets go
        section.header.is_linked_to_previous = False  # a new, empty header part for this section
        element = section.header._element
        for child in list(element):
            element.remove(child)
        for child in source:
            element.append(copy.deepcopy(child))
        for p in element.iter(qn("w:p")):
            for ptab in list(p.iter(qn("w:ptab"))):
                ptab.getparent().replace(ptab, OxmlElement("w:tab"))
            paragraph = DocxParagraph(p, section.header)
            style_id = p.pPr.pStyle.val if p.pPr is not None and p.pPr.pStyle is not None else None
            stops = paragraph.paragraph_format.tab_stops
            for position in style_tabs.get(style_id, []):
                stops.add_tab_stop(Twips(position), WD_TAB_ALIGNMENT.CLEAR)
            stops.add_tab_stop(Twips(wide), WD_TAB_ALIGNMENT.RIGHT)
