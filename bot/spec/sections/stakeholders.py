"""Chapter "Stakeholders and interview coverage": who, department, when, topics covered and not."""
from __future__ import annotations

from bot.spec.blocks import Block, Heading, Table, para
from bot.spec.context import SpecContext, StakeholderView
from bot.spec.sections.gaps import category_gaps, covered_topics, departments_present, topic_label, uncovered_topics


def _when(ctx: SpecContext, view: StakeholderView) -> str:
    if not view.interviewed:
        return ctx.t("stakeholders.not_interviewed")
    first, last = ctx.day(view.first), ctx.day(view.last)
    return first if first == last or not last else f"{first} – {last}"


def _answers(ctx: SpecContext, view: StakeholderView) -> str:
    if not view.interviewed:
        return ctx.t("dash")
    if view.skipped:
        return ctx.t("stakeholders.answers_skipped", answered=view.answered, skipped=view.skipped)
    return str(view.answered)


def stakeholders(ctx: SpecContext) -> list[Block]:
    rows = []
    for view in ctx.stakeholders:
        topics = [topic_label(ctx, t) for t in view.categories + [t for t in view.topics if t not in view.categories]]
        rows.append([view.name, ctx.role(view.role), _when(ctx, view), _answers(ctx, view),
                     str(len(view.requirement_ids)), ctx.join(topics) or ctx.t("dash")])
    blocks: list[Block] = [
        Heading(ctx.section_title("stakeholders")),
        Heading(ctx.t("stakeholders.participants"), 2),
        para(ctx.t("stakeholders.intro")),
        Table(header=[ctx.t("col.name"), ctx.t("stakeholders.col.department"), ctx.t("stakeholders.col.when"),
                      ctx.t("stakeholders.col.answers"), ctx.t("stakeholders.col.requirements"),
                      ctx.t("stakeholders.col.topics")],
              rows=rows, widths=[2.2, 2.3, 2.4, 1.7, 2.7, 5.3], caption=ctx.t("stakeholders.caption"),
              kind="stakeholders", centered=(3, 4)),
    ]

    coverage_rows = []
    for role in departments_present(ctx):
        people = [v for v in ctx.stakeholders if v.role == role]
        covered = [topic_label(ctx, t) for t in covered_topics(ctx, role)]
        missing = [topic_label(ctx, t) for t in uncovered_topics(ctx, role)]
        coverage_rows.append([ctx.role(role), str(len(people)), ctx.join(covered) or ctx.t("dash"),
                              ctx.join(missing) or ctx.t("dash")])
    gaps = category_gaps(ctx)
    blocks += [
        Heading(ctx.t("stakeholders.coverage"), 2),
        para(ctx.t("stakeholders.coverage.intro")),
        Table(header=[ctx.t("stakeholders.col.department"), ctx.t("stakeholders.col.people"),
                      ctx.t("stakeholders.col.covered"), ctx.t("stakeholders.col.not_covered")],
              rows=coverage_rows, widths=[2.4, 1.5, 6, 4], caption=ctx.t("stakeholders.coverage.caption"),
              kind="coverage", centered=(1,)),
        para(ctx.t("stakeholders.gaps", categories=ctx.join([ctx.category(c) for c in gaps]))
             if gaps else ctx.t("stakeholders.no_gaps")),
    ]
    return blocks
