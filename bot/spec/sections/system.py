"""Chapters "Integration and interface requirements", "Non-functional requirements", "Data migration"."""
from __future__ import annotations

from bot.models import ROLES
from bot.spec.blocks import Block, Heading, Paragraph, Run, Table, para
from bot.spec.classify import products_named
from bot.spec.context import SpecContext
from bot.spec.sections.cards import cards
from bot.spec.sections.gaps import CORE_INTERFACES, interfaces_mentioned
from bot.spec.sections.goals import id_list
from bot.spec.text import tokens


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def integration(ctx: SpecContext) -> list[Block]:
    found = interfaces_mentioned(ctx)
    rows = []
    for kind in CORE_INTERFACES + tuple(k for k in found if k not in CORE_INTERFACES):
        requirements = found.get(kind, [])
        if not requirements:
            rows.append([ctx.t(f"interface.{kind}"), ctx.t("dash"), ctx.t("integration.not_mentioned"), ctx.t("dash")])
            continue
        products: list[str] = []
        for requirement in requirements:
            products += [p for p in products_named(requirement, kind) if p not in products]
        roles = {role for r in requirements for role in ctx.departments(r)}
        rows.append([ctx.t(f"interface.{kind}"), ctx.join(products) or ctx.t("dash"),
                     id_list([r.id for r in requirements]),
                     ctx.join([ctx.role(r) for r in ROLES if r in roles]) or ctx.t("dash")])
    blocks: list[Block] = [
        Heading(ctx.section_title("integration")),
        Heading(ctx.t("integration.overview"), 2),
        para(ctx.t("integration.intro")),
        Table(header=[ctx.t("integration.col.interface"), ctx.t("integration.col.systems"),
                      ctx.t("integration.col.requirements"), ctx.t("integration.col.raised_by")],
              rows=rows, widths=[3.6, 2.8, 4.2, 3], caption=ctx.t("integration.caption"), kind="interfaces"),
        Heading(ctx.t("integration.requirements"), 2),
    ]
    own = ctx.in_section("integration")
    blocks += cards(ctx, own) if own else [para(ctx.t("integration.none"))]
    return blocks


def non_functional(ctx: SpecContext) -> list[Block]:
    blocks: list[Block] = [Heading(ctx.section_title("non_functional")), para(ctx.t("nfr.intro"))]
    requirements = ctx.in_section("non_functional")
    for aspect in ("security", "deployment", "performance", "availability", "other"):
        group = [r for r in requirements if ctx.homes[r.id].group == aspect]
        if aspect == "other" and not group:
            continue
        blocks.append(Heading(ctx.t(f"nfr.{aspect}"), 2))
        blocks += cards(ctx, group) if group else [para(ctx.t(f"nfr.gap.{aspect}"))]
    return blocks


def _related(ctx: SpecContext, label: str) -> str:
    """Requirements whose wording shares the data object's name (e.g. 客户主数据 / customer master data)."""
    wanted = tokens(label)
    needed = max(min(2, len(wanted)), (len(wanted) + 1) // 2)
    hits = [r.id for r in ctx.requirements if wanted and len(tokens(f"{r.title} {r.statement}") & wanted) >= needed]
    return id_list(hits, limit=8) or ctx.t("dash")


def data_migration(ctx: SpecContext) -> list[Block]:
    blocks: list[Block] = [Heading(ctx.section_title("data_migration")), para(ctx.t("data.intro"))]
    own = ctx.in_section("data_migration")
    blocks.append(Heading(ctx.t("data.requirements"), 2))
    blocks += cards(ctx, own) if own else [para(ctx.t("data.none"))]

    objects = ctx.checklist.items("5.1")
    steps = ctx.checklist.items("5.2")
    if objects or steps:
        blocks.append(Heading(ctx.t("data.scope"), 2))
    if objects:
        blocks += [
            para(ctx.t("data.scope.intro")),
            Table(header=[ctx.t("data.col.object"), ctx.t("data.col.guidance"), ctx.t("data.col.mentioned")],
                  rows=[[item.label, sentence_case(item.body), _related(ctx, item.label)] for item in objects],
                  widths=[2.6, 8, 2.6], caption=ctx.t("data.scope.caption"), kind="migration_scope"),
        ]
    if steps:
        blocks.append(para(ctx.t("data.approach.intro"), keep_with_next=True))
        colon = ctx.t("colon")
        blocks += [Paragraph([Run(item.label + colon, bold=True), Run(sentence_case(item.body))], style="List Bullet")
                   for item in steps]
    return blocks

