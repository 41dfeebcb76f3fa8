"""Appendix: traceability matrix (requirement × stakeholder) and every source quote."""
from __future__ import annotations

from bot.spec.blocks import Block, Heading, Paragraph, Run, SectionBreak, Table, para
from bot.spec.context import SpecContext

PORTRAIT_MAX_COLUMNS = 6        # more stakeholder columns than this: the matrix goes landscape


def traceability_tables(ctx: SpecContext) -> list[Table]:
    people = ctx.stakeholders
    per_table = ctx.layout.traceability_columns_per_table
    chunks = [people[i:i + per_table] for i in range(0, len(people), per_table)] or [[]]
    mark = ctx.t("mark")
    tables = []
    for number, chunk in enumerate(chunks, start=1):
        header = [ctx.t("col.id"), ctx.t("col.requirement")] + [f"{v.name}\n{ctx.role(v.role)}" for v in chunk]
        rows = []
        for requirement in ctx.requirements:
            raised = {s.stakeholder_id for s in requirement.sources}
            rows.append([requirement.id, requirement.title] + [mark if v.id in raised else "" for v in chunk])
        caption = (ctx.t("appendix.matrix.caption") if len(chunks) == 1 else
                   ctx.t("appendix.matrix.caption.part", part=number, parts=len(chunks)))
        tables.append(Table(header=header, rows=rows, widths=[1.75, 4.5] + [1.6] * len(chunk),
                            caption=caption, kind="traceability", centered=tuple(range(2, 2 + len(chunk)))))
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
    landscape = len(ctx.stakeholders) > PORTRAIT_MAX_COLUMNS
    blocks: list[Block] = [SectionBreak("landscape")] if landscape else []
    blocks += [Heading(ctx.section_title("appendix")), Heading(ctx.t("appendix.matrix"), 2),
               para(ctx.t("appendix.matrix.intro"))]
    blocks += traceability_tables(ctx)
    if landscape:
        blocks.append(SectionBreak("portrait"))
    blocks += [Heading(ctx.t("appendix.quotes"), 2), para(ctx.t("appendix.quotes.intro"))]
    blocks += source_quotes(ctx)
    return blocks
