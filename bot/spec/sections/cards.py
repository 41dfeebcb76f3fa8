"""The requirement card: one requirement in detail, the same wherever it appears."""
from __future__ import annotations

from bot.models import Requirement
from bot.spec.blocks import Block, Heading, Table, cell_lines
from bot.spec.context import SpecContext
from bot.spec.text import excerpt, statement_rest


def acceptance_criteria(ctx: SpecContext, requirement: Requirement) -> list[str]:
    """Derived from the statement and the KPIs: what UAT and KPI tracking must show."""
    criteria = []
    rest = statement_rest(requirement.statement)
    if rest:
        behaviour = ctx.t("acceptance.behaviour", rest=rest[0].lower() + rest[1:] if ctx.lang == "en" else rest)
    else:
        behaviour = requirement.statement.strip().rstrip("。.")
    criteria.append(ctx.t("acceptance.demo", departments=ctx.department_labels(requirement), behaviour=behaviour))
    for kpi in requirement.kpis:
        if kpi.target and kpi.current:
            criteria.append(ctx.t("acceptance.kpi", metric=kpi.metric, target=kpi.target, current=kpi.current))
        elif kpi.target:
            criteria.append(ctx.t("acceptance.kpi.no_current", metric=kpi.metric, target=kpi.target))
        elif kpi.current:
            criteria.append(ctx.t("acceptance.kpi.no_target", metric=kpi.metric, current=kpi.current))
    if not requirement.kpis and str(requirement.priority) == "must":
        criteria.append(ctx.t("acceptance.no_target"))
    if requirement.conflicts:
        criteria.append(ctx.t("acceptance.conflict", conflicts=ctx.join(requirement.conflicts)))
    return [f"{i}. {text}" for i, text in enumerate(criteria, start=1)]


def source_lines(ctx: SpecContext, requirement: Requirement) -> list[str]:
    hint = f"{requirement.title} {requirement.statement}"
    colon = ctx.t("colon")
    lines = []
    for source in requirement.sources:
        short = excerpt(source.quote, hint, ctx.lang)
        who = ctx.person(source.stakeholder_id, source.name, source.role)
        lines.append(f"{who}{colon}{ctx.t('quote.open')}{short}{ctx.t('quote.close')}" if short else who)
    return lines


def checklist_lines(ctx: SpecContext, requirement: Requirement) -> list[str]:
    lines = []
    for ref in requirement.checklist_refs:
        title = ctx.checklist.title_of(ref)
        lines.append(f"[{ref}] {title}".strip())
    return lines


def requirement_card(ctx: SpecContext, requirement: Requirement) -> list[Block]:
    row = lambda key, lines: [ctx.t(key), cell_lines(lines)]  # noqa: E731 - a tiny local shorthand
    rows = [
        row("card.statement", [requirement.statement]),
        row("card.priority", [ctx.t("card.priority.value", priority=ctx.priority(str(requirement.priority)),
                                    score=ctx.score(requirement), rank=requirement.rank or ctx.t("dash"),
                                    type=ctx.t(f"type.{requirement.type}"))]),
    ]
    if requirement.reasons:
        rows.append(row("card.rationale", [f"• {reason}" for reason in requirement.reasons]))
    rows.append(row("card.acceptance", acceptance_criteria(ctx, requirement)))
    if requirement.kpis:
        rows.append(row("card.kpi", [ctx.kpi_text(k) for k in requirement.kpis]))
    rows.append(row("card.sources", source_lines(ctx, requirement) or [ctx.t("dash")]))
    if requirement.checklist_refs:
        rows.append(row("card.checklist", checklist_lines(ctx, requirement)))
    if requirement.conflicts:
        summaries = {c.id: c.summary for c in ctx.requirement_set.conflicts}
        rows.append(row("card.conflicts", [f"{cid}: {summaries.get(cid, '')}".rstrip(": ")
                                           for cid in requirement.conflicts]))
    rows.append(row("card.status", [ctx.t(f"status.{requirement.status}")]))
    return [
        Heading(f"{requirement.id}  {requirement.title}", level=3, numbered=False, in_contents=False),
        Table(rows=rows, widths=[1, 4.2], first_column=True, banded=False, keep_together=True,
              kind=f"card:{requirement.id}"),
    ]


def cards(ctx: SpecContext, requirements: list[Requirement]) -> list[Block]:
    blocks: list[Block] = []
    for requirement in requirements:
        blocks += requirement_card(ctx, requirement)
    return blocks
