"""Chapters "Current situation and pain points", "Prioritized requirements" and
"Functional requirements in detail"."""
from __future__ import annotations

from bot.models import ROLES
from bot.spec.blocks import Block, Heading, Paragraph, Run, Table, cell_lines, para
from bot.spec.context import SpecContext
from bot.spec.sections.cards import cards
from bot.spec.sections.goals import id_list
from bot.spec.text import excerpt, has_pain, best_sentence

QUOTES_PER_CATEGORY = 5


def _category_order(ctx: SpecContext, requirements) -> list[tuple[str, list]]:
    groups = ctx.by_category(requirements)
    return list(groups.items())          # insertion order follows rank order: best category first


def quote_paragraph(ctx: SpecContext, text: str, who: str) -> Paragraph:
    return Paragraph([Run(f"{ctx.t('quote.open')}{text}{ctx.t('quote.close')}"),
                      Run("  " + ctx.t("attribution", who=who))], style="Quote")


def _pain_quotes(ctx: SpecContext, requirements) -> list[Paragraph]:
    """Up to N short quotes, pain sentences first, one per person, most important requirements first."""
    candidates = []
    for order, requirement in enumerate(requirements):
        hint = f"{requirement.title} {requirement.statement}"
        for source in requirement.sources:
            sentence = best_sentence(source.quote, hint, prefer_pain=True)
            if sentence:
                candidates.append((not has_pain(sentence), order, source, hint))
    candidates.sort(key=lambda c: (c[0], c[1]))
    out, people, texts = [], set(), set()
    for _, _, source, hint in candidates:
        short = excerpt(source.quote, hint, ctx.lang, prefer_pain=True)
        if source.stakeholder_id in people or short in texts:
            continue
        people.add(source.stakeholder_id)
        texts.add(short)
        out.append(quote_paragraph(ctx, short, ctx.person(source.stakeholder_id, source.name, source.role)))
        if len(out) == QUOTES_PER_CATEGORY:
            break
    return out


def pain_points(ctx: SpecContext) -> list[Block]:
    blocks: list[Block] = [Heading(ctx.section_title("pain_points")), para(ctx.t("pains.intro"))]
    for category, requirements in _category_order(ctx, ctx.requirements):
        people = {s.stakeholder_id for r in requirements for s in r.sources}
        roles = {role for r in requirements for role in ctx.departments(r)}
        blocks += [
            Heading(ctx.category(category), 2, in_contents=False),
            para(ctx.t("pains.summary", requirements=ctx.n("requirement", len(requirements)),
                       people=ctx.n("stakeholder", len(people)),
                       departments=ctx.join([ctx.role(r) for r in ROLES if r in roles]) or ctx.t("dash"))),
        ]
        quotes = _pain_quotes(ctx, requirements)
        blocks += quotes or [para(ctx.t("pains.none"))]
    return blocks


def _kpi_cell(ctx: SpecContext, requirement) -> list[Paragraph] | str:
    if not requirement.kpis:
        return ctx.t("dash")
    return cell_lines([ctx.kpi_text(k) for k in requirement.kpis])


def priorities(ctx: SpecContext) -> list[Block]:
    rows = [[r.id, r.title, ctx.category_short(str(r.category)), ctx.priority(str(r.priority)), ctx.score(r),
             ctx.department_labels(r), _kpi_cell(ctx, r)] for r in ctx.requirements]
    blocks: list[Block] = [
        Heading(ctx.section_title("priorities")),
        Heading(ctx.t("priorities.table"), 2),
        para(ctx.t("priorities.intro")),
        para(ctx.t("priorities.counts", **ctx.priority_counts()), bold=True),
        Table(header=[ctx.t("col.id"), ctx.t("col.requirement"), ctx.t("col.category"), ctx.t("col.priority"),
                      ctx.t("col.score"), ctx.t("col.departments"), ctx.t("col.kpi")],
              rows=rows, widths=[1.85, 3.6, 2.2, 1.65, 1.4, 2.9, 3.0], caption=ctx.t("priorities.caption"),
              kind="priorities", centered=(4,)),
    ]
    dept_rows = []
    for role in ROLES:
        people = [v for v in ctx.stakeholders if v.role == role]
        raised = [r for r in ctx.requirements if role in ctx.departments(r)]
        if not people and not raised:
            continue
        must = [r for r in raised if str(r.priority) == "must"]
        dept_rows.append([ctx.role(role), str(len(people)), str(len(raised)), str(len(must)),
                          id_list([r.id for r in raised], limit=40) or ctx.t("dash")])
    blocks += [
        Heading(ctx.t("priorities.by_department"), 2),
        Table(header=[ctx.t("stakeholders.col.department"), ctx.t("stakeholders.col.people"),
                      ctx.t("col.requirements"), ctx.t("priorities.dept.col.must"), ctx.t("priorities.dept.col.ids")],
              rows=dept_rows, widths=[2.8, 1.6, 2.9, 2.0, 7.3], caption=ctx.t("priorities.dept.caption"),
              kind="departments", centered=(1, 2, 3)),
    ]
    return blocks


def requirements_detail(ctx: SpecContext) -> list[Block]:
    blocks: list[Block] = [
        Heading(ctx.section_title("requirements_detail")),
        para(ctx.t("detail.intro", integration=ctx.section_title("integration"),
                   nfr=ctx.section_title("non_functional"), data=ctx.section_title("data_migration"))),
    ]
    for category, requirements in _category_order(ctx, ctx.in_section("requirements_detail")):
        blocks.append(Heading(ctx.category(category), 2, in_contents=False))
        blocks += cards(ctx, requirements)
    return blocks
