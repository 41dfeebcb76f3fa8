"""Appendix: traceability matrix (requirement × stakeholder) and every source quote."""
from __future__ import annotations

from bot.spec.blocks import Block, Heading, Paragraph, Run, SectionBreak, Table, para
from bot.spec.context import SpecContext
from bot.language import has_han

PORTRAIT_MAX_COLUMNS = 12       # up to this many stakeholders the matrix fits a portrait page
# One narrow column per stakeholder, the name written vertically (bottom-to-top; top-down
# with upright characters in Chinese): names never break mid-word. Widths in cm.
NARROW_COLUMN, ID_COLUMN, TITLE_COLUMN = 0.85, 1.75, 4.2


def _vertical_height(texts: list[str]) -> float:
    """Centimetres a vertical header needs for its longest text (9 pt: Han ~0.36 cm, Latin ~0.2 cm)."""
    longest = max((sum(0.36 if has_han(ch) else 0.2 for ch in text) for text in texts), default=0.0)
    return min(6.0, max(2.0, longest + 0.6))


def _wide(ctx: SpecContext) -> bool:
    return len(ctx.stakeholders) > PORTRAIT_MAX_COLUMNS


def traceability_tables(ctx: SpecContext) -> list[Table]:
    people = ctx.stakeholders
    per_table = ctx.layout.traceability_columns_per_table if _wide(ctx) else PORTRAIT_MAX_COLUMNS
    chunks = [people[i:i + per_table] for i in range(0, len(people), per_table)] or [[]]
    mark = ctx.t("mark")
    title_width = TITLE_COLUMN if _wide(ctx) else max(TITLE_COLUMN, 16.0 - ID_COLUMN - NARROW_COLUMN * len(people))
    tables = []
    for number, chunk in enumerate(chunks, start=1):
        names = [ctx.t("person", name=v.name, role=ctx.role_short(v.role)) for v in chunk]
        header = [ctx.t("col.id"), ctx.t("col.requirement")] + names
        rows = []
        for requirement in ctx.requirements:
            raised = {s.stakeholder_id for s in requirement.sources}
            rows.append([requirement.id, requirement.title] + [mark if v.id in raised else "" for v in chunk])
        caption = (ctx.t("appendix.matrix.caption") if len(chunks) == 1 else
                   ctx.t("appendix.matrix.caption.part", part=number, parts=len(chunks)))
        tables.append(Table(header=header, rows=rows, caption=caption, kind="traceability",
                            centered=tuple(range(2, 2 + len(chunk))),
                            widths=[ID_COLUMN, title_width] + [NARROW_COLUMN] * len(chunk), absolute_widths=True,
                            vertical_header_from=2, header_height=_vertical_height(names),
                            vertical_upright=ctx.lang == "zh"))
    return tables


def source_quotes(ctx: SpecContext) -> list[Block]:
    blocks: list[Block] = []
    for requirement in sorted(ctx.requirements, key=lambda r: r.id):
        blocks.append(para(f"{requirement.id}  {requirement.title}", bold=True, keep_with_next=True))
        for source in requirement.sources:
            view = ctx.people.get(source.stakeholder_id)
            when = source.answered_at
            meta = ctx.t("appendix.quote.meta", name=view.name if view else source.name,
                         role=ctx.role(view.role if view else source.role),
                         when=ctx.t("appendix.quote.when", date=ctx.day(when)) if when else "")
            blocks.append(Paragraph([Run(f"{ctx.t('quote.open')}{source.quote.strip()}{ctx.t('quote.close')}"),
                                     Run("\n" + meta)], style="Quote"))
    return blocks


def appendix(ctx: SpecContext) -> list[Block]:
    landscape = _wide(ctx)
    blocks: list[Block] = [SectionBreak("landscape")] if landscape else []
    blocks += [Heading(ctx.section_title("appendix")), Heading(ctx.t("appendix.matrix"), 2),
               para(ctx.t("appendix.matrix.intro"))]
    blocks += traceability_tables(ctx)
    if landscape:
        blocks.append(SectionBreak("portrait"))
    blocks += [Heading(ctx.t("appendix.quotes"), 2), para(ctx.t("appendix.quotes.intro"))]
    blocks += source_quotes(ctx)
    return blocks
