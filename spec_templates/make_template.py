"""Regenerate `spec_templates/reqbot_spec.docx`, the Word template of the specification.

    .venv/bin/python spec_templates/make_template.py [OUT.docx]

The template carries everything the document's look depends on, so a company can swap
in its own file (`reqbot spec --template`) as long as it defines the same style names
(listed in `layout.json` under "styles"):

- fonts that render Chinese: every style sets the east-Asian font (w:eastAsia) next to
  the Latin one, and theme-font attributes are removed so Word cannot override them;
- numbered headings: Heading 1-3 are linked to one multi-level list (1 / 1.1 / 1.1.1);
- "Spec Table": a table style with a shaded header row, banded rows and a shaded first
  column (used by the requirement cards), plus "Table Text" for compact cell text;
- A4 pages, a header line with placeholders filled at render time ({project},
  {title}, {version}, {date}) and a footer with PAGE / NUMPAGES fields.
"""
from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "reqbot_spec.docx"

LATIN_FONT = "Calibri"
EAST_ASIAN_FONT = "Microsoft YaHei"      # 微软雅黑: on every Chinese Windows; LibreOffice falls back to a CJK font
NAVY = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x59, 0x59, 0x59)
HEADING_NUMBERING_ID = 90
FIXED_TIME = datetime(2025, 1, 1)      # core properties and zip entry times: reproducible bytes               # w:numId / w:abstractNumId of the heading list

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN_SIDE, MARGIN_TOP = Cm(2.2), Cm(2.4)


# w:pPr children in schema order: Word refuses a document whose elements are out of order.
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
             "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
             "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
             "sectPr", "pPrChange")


def insert_ordered(ppr, element) -> None:
    """Add `element` to a w:pPr at its schema position (replacing one of the same name)."""
    name = element.tag.split("}")[1]
    old = ppr.find(qn(f"w:{name}"))
    if old is not None:
        ppr.remove(old)
    later = PPR_ORDER[PPR_ORDER.index(name) + 1:]
    for child in ppr:
        if child.tag.split("}")[1] in later:
            child.addprevious(element)
            return
    ppr.append(element)


def set_fonts(style, latin: str = LATIN_FONT, east_asian: str = EAST_ASIAN_FONT) -> None:
    """Explicit Latin + east-Asian fonts; theme attributes would win over them in Word."""
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian), ("w:cs", latin)):
        rfonts.set(qn(attr), value)


def set_document_defaults(document) -> None:
    """docDefaults: fonts and languages every run inherits (zh-CN for east-Asian text)."""
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr_default.clear()
    rpr_default.append(parse_xml(
        f'<w:rPr {nsdecls("w")}>'
        f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{EAST_ASIAN_FONT}" w:cs="{LATIN_FONT}"/>'
        '<w:sz w:val="21"/><w:szCs w:val="21"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        '</w:rPr>'))


def add_heading_numbering(document) -> None:
    """One multi-level list (1, 1.1, 1.1.1) bound to Heading 1-3 through w:pStyle."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:pStyle w:val="Heading{i + 1}"/>'
        f'<w:lvlText w:val="{".".join(f"%{k + 1}" for k in range(i + 1))}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr></w:lvl>'
        for i, indent in enumerate((680, 850, 1020))
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{HEADING_NUMBERING_ID}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)      # abstractNum elements must precede num elements
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{HEADING_NUMBERING_ID}">'
        f'<w:abstractNumId w:val="{HEADING_NUMBERING_ID}"/></w:num>'))


def set_numbering(style, num_id: int, level: int | None) -> None:
    lvl = f'<w:ilvl w:val="{level}"/>' if level is not None else ""
    insert_ordered(style.element.get_or_add_pPr(),
                   parse_xml(f'<w:numPr {nsdecls("w")}>{lvl}<w:numId w:val="{num_id}"/></w:numPr>'))


def style_paragraphs(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    set_fonts(normal)
    normal.font.size = Pt(10.5)
    fmt = normal.paragraph_format
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.2

    title = styles["Title"]
    set_fonts(title)
    title.font.size, title.font.bold, title.font.color.rgb = Pt(28), True, NAVY
    title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(120), Pt(12)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _remove_border(title)

    subtitle = styles["Subtitle"]
    set_fonts(subtitle)
    subtitle.font.size, subtitle.font.italic, subtitle.font.color.rgb = Pt(15), False, GREY
    subtitle.paragraph_format.space_after = Pt(36)

    for level, size, before in ((1, 16, 18), (2, 13, 14), (3, 11, 10)):
        heading = styles[f"Heading {level}"]
        set_fonts(heading)
        heading.font.size, heading.font.bold, heading.font.color.rgb = Pt(size), True, NAVY
        heading.font.italic = False
        fmt = heading.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(6)
        fmt.keep_with_next = True
        set_numbering(heading, HEADING_NUMBERING_ID, level - 1)

    toc_heading = styles["TOC Heading"]
    set_fonts(toc_heading)
    toc_heading.font.size, toc_heading.font.bold, toc_heading.font.color.rgb = Pt(16), True, NAVY
    set_numbering(toc_heading, 0, None)       # based on Heading 1, but never numbered

    for name, indent, number_width in (("toc 1", 0.0, 0.9), ("toc 2", 0.9, 1.1)):
        toc = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        # Word's own built-in ids, so Word treats these as its TOC levels, not look-alikes.
        toc.element.set(qn("w:styleId"), name.upper().replace(" ", ""))
        toc.element.attrib.pop(qn("w:customStyle"), None)
        toc.base_style = normal
        toc.paragraph_format.left_indent = Cm(indent)
        toc.paragraph_format.space_after = Pt(2)
        # entries are "number<TAB>title": one stop after the widest number of the level
        toc.paragraph_format.tab_stops.add_tab_stop(Cm(indent + number_width))
        if indent == 0.0:
            toc.font.bold = True

    caption = styles["Caption"]
    set_fonts(caption)
    caption.font.size, caption.font.bold, caption.font.italic = Pt(9), True, False
    caption.font.color.rgb = GREY
    caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(8), Pt(3)
    caption.paragraph_format.keep_with_next = True

    bullet = styles["List Bullet"]
    set_fonts(bullet)
    bullet.paragraph_format.space_after = Pt(3)

    quote = styles["Quote"]
    set_fonts(quote)
    quote.font.italic, quote.font.size, quote.font.color.rgb = False, Pt(10), RGBColor(0x40, 0x40, 0x40)
    quote.paragraph_format.left_indent = Cm(0.6)
    quote.paragraph_format.space_after = Pt(4)
    insert_ordered(quote.element.get_or_add_pPr(), parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="18" w:space="8" w:color="B4C6E7"/></w:pBdr>'))

    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(9)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.1

    text_width = PAGE_WIDTH - 2 * MARGIN_SIDE
    for name, size in (("Header", 8), ("Footer", 8.5)):
        style = styles[name]
        set_fonts(style)
        style.font.size, style.font.color.rgb = Pt(size), GREY
        ppr = style.element.get_or_add_pPr()
        tabs = ppr.find(qn("w:tabs"))
        if tabs is not None:            # the default Letter-width stops; A4 needs its own
            ppr.remove(tabs)
        style.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    insert_ordered(styles["Header"].element.get_or_add_pPr(), parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="4" w:color="BFBFBF"/></w:pBdr>'))


def _remove_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is not None:
        ppr.remove(border)


def add_table_style(document) -> None:
    """'Spec Table': thin grey grid, navy header row, light banding, shaded first column."""
    style = document.styles.add_style("Spec Table", WD_STYLE_TYPE.TABLE)
    element = style.element
    element.append(parse_xml(f'<w:basedOn {nsdecls("w")} w:val="TableNormal"/>'))
    element.append(parse_xml(
        f'<w:pPr {nsdecls("w")}><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'))
    element.append(parse_xml(
        f'<w:rPr {nsdecls("w")}><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" '
        f'w:eastAsia="{EAST_ASIAN_FONT}" w:cs="{LATIN_FONT}"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'))
    element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}>'
        '<w:tblBorders>'
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        '<w:left w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        '</w:tblBorders>'
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        '</w:tblPr>'))
    element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow">'
        '<w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
        '<w:tblPr/><w:trPr><w:tblHeader/></w:trPr>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/></w:tcPr>'
        '</w:tblStylePr>'))
    element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstCol">'
        '<w:rPr><w:b/></w:rPr>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DEE6F2"/></w:tcPr>'
        '</w:tblStylePr>'))
    element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="band2Horz">'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F2F5FA"/></w:tcPr>'
        '</w:tblStylePr>'))


def set_page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN_SIDE
    section.top_margin = section.bottom_margin = MARGIN_TOP
    section.header_distance = section.footer_distance = Cm(1.2)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (PAGE, NUMPAGES): begin, instruction, separate, cached result, end."""
    def run_with(xml: str) -> None:
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}>{xml}</w:r>'))
    run_with('<w:fldChar w:fldCharType="begin"/>')
    run_with(f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>')
    run_with('<w:fldChar w:fldCharType="separate"/>')
    run_with(f'<w:t>{placeholder}</w:t>')
    run_with('<w:fldChar w:fldCharType="end"/>')


def set_header_footer(document) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.add_run("{project} · {title}")
    # A positional tab aligned to the right margin: the version and date sit at the right
    # edge in portrait and landscape sections alike (a fixed tab stop would not).
    header._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/></w:r>'))
    header.add_run("{version} · {date}")
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", "1")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES", "1")


def clear_body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def make_template(out: Path = DEFAULT_OUT) -> Path:
    document = docx.Document()
    clear_body(document)
    set_document_defaults(document)
    add_heading_numbering(document)
    style_paragraphs(document)
    add_table_style(document)
    set_page(document)
    set_header_footer(document)
    props = document.core_properties
    props.title, props.author, props.comments = "Requirements specification template", "reqbot", (
        "Generated by spec_templates/make_template.py")
    props.last_modified_by, props.revision = "reqbot", 1
    props.created = props.modified = FIXED_TIME
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    document.save(buffer)
    out.write_bytes(_reproducible(buffer.getvalue()))
    return out


def _reproducible(package: bytes) -> bytes:
    """The same zip with fixed entry times, so regenerating an unchanged template changes no byte."""
    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return buffer.getvalue()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    print(make_template(target))
