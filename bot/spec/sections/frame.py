"""Title page, document control (revision history, approvals) and the contents."""
from __future__ import annotations

from bot.spec.blocks import Block, Contents, Heading, PageBreak, Paragraph, Run, Table, para
from bot.spec.context import SpecContext


def title_page(ctx: SpecContext) -> list[Block]:
    facts = [
        ("field.project", ctx.project.name),
        ("field.version", ctx.t("doc.version", n=ctx.version)),
        ("field.date", ctx.day(ctx.date)),
        ("field.status", ctx.t("doc.status")),
        ("field.prepared_by", ctx.t("doc.prepared_by", people=ctx.n("stakeholder", len(ctx.interviewed) or len(ctx.stakeholders)))),
        ("field.classification", ctx.t("doc.classification")),
    ]
    return [
        para(ctx.t("doc.title"), "Title"),
        Paragraph([Run(ctx.project.name), Run("\n" + ctx.t("doc.subtitle"))], style="Subtitle"),
        Table(rows=[[ctx.t(key), value] for key, value in facts], widths=[1, 3],
              first_column=True, banded=False, kind="title_facts"),
        PageBreak(),
    ]


def document_control(ctx: SpecContext) -> list[Block]:
    blocks: list[Block] = [
        Heading(ctx.section_title("document_control"), numbered=False),
        para(ctx.t("control.intro", decisions=ctx.section_title("decisions"))),
    ]
    rows = [[ctx.t("doc.version", n=r.version), ctx.day(r.created_at), r.summary,
             "" if r.requirements is None else str(r.requirements)]
            for r in sorted(ctx.revisions, key=lambda r: r.version) if r.version < ctx.version]
    current = ctx.change_note or (
        ctx.t("revision.first", interviews=ctx.n("interview", len(ctx.interviewed)),
              requirements=ctx.n("requirement", len(ctx.requirements)))
        if not rows else
        ctx.t("revision.current", requirements=ctx.n("requirement", len(ctx.requirements)),
              conflicts=ctx.n("conflict", len(ctx.requirement_set.conflicts))))
    rows.append([ctx.t("doc.version", n=ctx.version), ctx.day(ctx.date), current, str(len(ctx.requirements))])
    blocks.append(Table(
        header=[ctx.t("field.version"), ctx.t("field.date"), ctx.t("col.change"), ctx.t("col.requirements")],
        rows=rows, widths=[1.4, 2.5, 9.9, 2.8], caption=ctx.t("control.revisions"), kind="revisions"))

    approvers = [ctx.t("approval.sponsor"), ctx.t("approval.pm")]
    roles = []
    for view in ctx.stakeholders:
        if view.role not in roles and view.role != "it":
            roles.append(view.role)
    approvers += [ctx.t("approval.key_user", dept=ctx.role(role)) for role in roles]
    approvers.append(ctx.t("approval.it"))
    blocks.append(Table(
        header=[ctx.t("col.role"), ctx.t("col.name"), ctx.t("field.date"), ctx.t("col.signature")],
        rows=[[role, "", "", ""] for role in approvers], widths=[4, 3, 2, 3],
        caption=ctx.t("control.approvals"), banded=False, kind="approvals"))
    return blocks


def contents(ctx: SpecContext) -> list[Block]:
    return [Heading(ctx.section_title("contents"), numbered=False), Contents(levels=ctx.layout.contents_levels)]
