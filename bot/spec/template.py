"""The Word template and the section layout: finding, loading and checking them.

A template is any .docx that defines the style names listed in layout.json; its body is
discarded, its styles, page setup, header and footer are kept. A template that lacks a
style is refused with a message naming every missing style, before anything is written.
"""
from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from pydantic import BaseModel, Field, ValidationError

from bot.spec.errors import SpecError, TemplateError

TEMPLATES_DIR = Path(__file__).resolve().parent.parent.parent / "spec_templates"
BUNDLED_TEMPLATE = TEMPLATES_DIR / "reqbot_spec.docx"
BUNDLED_LAYOUT = TEMPLATES_DIR / "layout.json"


class LayoutSection(BaseModel):
    id: str
    numbered: bool = True
    page_break_before: bool = False
    page_break_after: bool = False


class LayoutStyles(BaseModel):
    paragraph: list[str]
    table: list[str]
    optional_paragraph: list[str] = Field(default_factory=list)


class Layout(BaseModel):
    sections: list[LayoutSection]
    styles: LayoutStyles
    contents_levels: int = Field(default=2, ge=1, le=3)
    traceability_columns_per_table: int = Field(default=22, ge=1, le=40)


def load_layout(path: Path | None = None) -> Layout:
    path = Path(path) if path else BUNDLED_LAYOUT
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SpecError(f"section layout not found: {path}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SpecError(f"{path}: not a readable JSON layout ({exc})") from exc
    try:
        return Layout.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SpecError(f"{path}: {where}: {first['msg']}") from exc


@dataclass
class StyleMap:
    """Style name -> style id in the loaded template (XML refers to styles by id)."""
    ids: dict[str, str]

    def id(self, name: str) -> str:
        return self.ids.get(name) or self.ids["Normal"]

def _style_id(document, name: str, kind: WD_STYLE_TYPE) -> str | None:
    try:
        style = document.styles[name]
    except KeyError:
        return None
    if style.type != kind:
        return None
    return style.style_id


def open_template(path: Path | None, layout: Layout):
    """(document with an empty body, StyleMap). Raises TemplateError naming what is wrong."""
    path = Path(path) if path else BUNDLED_TEMPLATE
    if not path.is_file():
        hint = " (regenerate it with spec_templates/make_template.py)" if path == BUNDLED_TEMPLATE else ""
        raise TemplateError(f"template not found: {path}{hint}")
    if not zipfile.is_zipfile(path):
        raise TemplateError(f"{path}: not a .docx file (a Word document saved as .docx is needed)")
    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises several types for a damaged or foreign package
        raise TemplateError(f"{path}: not a readable Word .docx file ({exc})") from exc
    ids: dict[str, str] = {}
    missing: list[str] = []
    for names, kind, required in (
        (layout.styles.paragraph, WD_STYLE_TYPE.PARAGRAPH, True),
        (layout.styles.table, WD_STYLE_TYPE.TABLE, True),
        (layout.styles.optional_paragraph, WD_STYLE_TYPE.PARAGRAPH, False),
    ):
        for name in names:
            style_id = _style_id(document, name, kind)
            if style_id:
                ids[name] = style_id
            elif required:
                missing.append(f"'{name}' ({'table' if kind == WD_STYLE_TYPE.TABLE else 'paragraph'} style)")
    if missing:
        raise TemplateError(
            f"template {path} lacks the style{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            "that the specification uses; add them to the template (spec_templates/make_template.py "
            "shows how) or leave out --template")
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document, StyleMap(ids)
