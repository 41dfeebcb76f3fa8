"""Section builders, one per layout id, and `compose` which runs them in layout order."""
from __future__ import annotations

import re
from typing import Callable

from bot.spec import i18n
from bot.spec.blocks import Block, Heading, PageBreak, Paragraph, SectionBreak, Table
from bot.spec.context import SpecContext
from bot.spec.errors import SpecError
from bot.spec.sections.appendix import appendix
from bot.spec.sections.decisions import decisions
from bot.spec.sections.frame import contents, document_control, title_page
from bot.spec.sections.goals import goals
from bot.spec.sections.implementation import implementation
from bot.spec.sections.introduction import GLOSSARY_KIND, introduction
from bot.spec.sections.requirements import pain_points, priorities, requirements_detail
from bot.spec.sections.stakeholders import stakeholders
from bot.spec.sections.system import data_migration, integration, non_functional

Builder = Callable[[SpecContext], list[Block]]

BUILDERS: dict[str, Builder] = {
    "title_page": title_page,
    "document_control": document_control,
    "contents": contents,
    "introduction": introduction,
    "goals": goals,
    "stakeholders": stakeholders,
    "pain_points": pain_points,
    "priorities": priorities,
    "requirements_detail": requirements_detail,
    "integration": integration,
    "non_functional": non_functional,
    "data_migration": data_migration,
    "decisions": decisions,
    "implementation": implementation,
    "appendix": appendix,
}


def _texts(blocks: list[Block]):
    for block in blocks:
        if isinstance(block, Heading):
            yield block.text
        elif isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    yield cell if isinstance(cell, str) else " ".join(p.text for p in cell)


def fill_glossary(ctx: SpecContext, blocks: list[Block]) -> None:
    """The glossary explains the abbreviations the finished document actually uses."""
    glossary = next((b for b in blocks if isinstance(b, Table) and b.kind == GLOSSARY_KIND), None)
    if glossary is None:
        return
    text = "\n".join(_texts(blocks))
    used = [term for term in i18n.GLOSSARY
            if term in i18n.ALWAYS_IN_GLOSSARY or re.search(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])", text)]
    glossary.rows = [[term, i18n.glossary_entry(term, ctx.lang)] for term in sorted(used, key=str.lower)]


def compose(ctx: SpecContext) -> list[Block]:
    blocks: list[Block] = []
    for section in ctx.layout.sections:
        builder = BUILDERS.get(section.id)
        if builder is None:
            raise SpecError(f"layout names an unknown section {section.id!r}; known: {', '.join(BUILDERS)}")
        part = builder(ctx)
        if not section.numbered:
            for block in part:
                if isinstance(block, Heading) and block.level == 1:
                    block.numbered = False
        if section.page_break_before and part:
            if isinstance(part[0], Heading):
                part[0].page_break_before = True
            elif not isinstance(part[0], SectionBreak):     # a section break already starts a page
                part.insert(0, PageBreak())
        if section.page_break_after:
            part.append(PageBreak())
        blocks += part
    fill_glossary(ctx, blocks)
    return blocks
