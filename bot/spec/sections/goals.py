"""Chapter "Business goals and KPIs": the checklist's typical goals [1.1] and the figures people gave."""
from __future__ import annotations

from bot.models import ROLES
from bot.spec.blocks import Block, Heading, Table, para
from bot.spec.context import SpecContext

# Which requirement categories serve which of the checklist's typical goals in [1.1]; the
# goal is recognized by a word of its label so the checklist's own wording is shown.
GOAL_CATEGORIES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("效率", "efficien"), ("workflow", "pricing", "integration", "channel")),
    (("成本", "cost"), ("inventory", "logistics", "data")),
    (("客户", "customer"), ("customer_experience", "logistics")),
    (("资金", "现金", "cash"), ("finance",)),
    (("数据", "data", "decision"), ("reporting",)),
)


def id_list(ids: list[str], limit: int = 12) -> str:
    if len(ids) <= limit:
        return ", ".join(ids)
    return ", ".join(ids[:limit]) + f", … (+{len(ids) - limit})"


def _goal_rows(ctx: SpecContext) -> list[list[str]]:
    rows = []
    for item in ctx.checklist.items("1.1"):
        label = item.label.lower()
        categories = next((cats for words, cats in GOAL_CATEGORIES if any(w in label for w in words)), ())
        supporting = [r for r in ctx.requirements if str(r.category) in categories]
        roles = {role for r in supporting for role in ctx.departments(r)}
        rows.append([
            item.label,
            id_list([r.id for r in supporting]) or ctx.t("goals.not_raised"),
            ctx.join([ctx.role(role) for role in ROLES if role in roles]) or ctx.t("dash"),
        ])
    return rows


def goals(ctx: SpecContext) -> list[Block]:
    blocks: list[Block] = [Heading(ctx.section_title("goals"))]
    goal_rows = _goal_rows(ctx)
    if goal_rows:
        blocks += [Heading(ctx.t("goals.business"), 2), para(ctx.t("goals.intro")),
                   Table(header=[ctx.t("goals.col.goal"), ctx.t("goals.col.requirements"),
                                 ctx.t("goals.col.departments")],
                         rows=goal_rows, widths=[3, 5, 3], caption=ctx.t("goals.caption"), kind="goals")]

    blocks.append(Heading(ctx.t("goals.kpis"), 2))
    rows = []
    for requirement in ctx.requirements:
        names = ctx.join([s.name for s in requirement.sources]) or ctx.t("dash")
        for kpi in requirement.kpis:
            rows.append([kpi.metric, kpi.current or ctx.t("dash"), kpi.target or ctx.t("dash"),
                         requirement.id, names])
    if rows:
        blocks += [para(ctx.t("goals.kpi.intro")),
                   Table(header=[ctx.t("goals.col.metric"), ctx.t("goals.col.current"), ctx.t("goals.col.target"),
                                 ctx.t("goals.col.requirement"), ctx.t("goals.col.raised_by")],
                         rows=rows, widths=[4.4, 2.9, 2.9, 2.4, 4.0], caption=ctx.t("goals.kpi.caption"), kind="kpis")]
    else:
        metrics = ctx.join([f"{i.label}({i.body.rstrip('。.')})" if ctx.lang == "zh" else f"{i.label} ({i.body.rstrip('。.')})"
                            for i in ctx.checklist.items("7.1")]) or ctx.t("dash")
        blocks.append(para(ctx.t("goals.kpi.none", metrics=metrics)))
    blocks.append(para(ctx.t("goals.kpi.monitoring")))
    return blocks
