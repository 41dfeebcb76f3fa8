"""Chapter "Introduction": purpose, scope, background and findings, glossary, references."""
from __future__ import annotations

from collections import Counter

from bot.spec.blocks import Block, Heading, Table, bullets, para
from bot.spec.context import SpecContext

GLOSSARY_KIND = "glossary"     # rows filled in by compose() once the whole text is known


def _period(ctx: SpecContext) -> str:
    days = sorted({d.date() for v in ctx.interviewed for d in (v.first, v.last) if d})
    if not days:
        return ctx.t("intro.period.none")
    if days[0] == days[-1]:
        return ctx.t("intro.period.single", start=ctx.day(days[0]))
    return ctx.t("intro.period", start=ctx.day(days[0]), end=ctx.day(days[-1]))


def _themes(ctx: SpecContext, top: int = 3) -> str:
    counts = Counter(str(r.category) for r in ctx.requirements)
    return ctx.join([ctx.category(c) for c, _ in counts.most_common(top)]) or ctx.t("dash")


def _departments(ctx: SpecContext) -> list[str]:
    seen: list[str] = []
    for view in ctx.stakeholders:
        if view.role not in seen:
            seen.append(view.role)
    return [ctx.role(r) for r in seen]


def introduction(ctx: SpecContext) -> list[Block]:
    people = len(ctx.interviewed) or len(ctx.stakeholders)
    departments = _departments(ctx)
    blocks: list[Block] = [Heading(ctx.section_title("introduction"))]

    blocks += [Heading(ctx.t("intro.purpose"), 2),
               para(ctx.t("intro.purpose.text", project=ctx.project.name, people=ctx.n("stakeholder", people),
                          departments=ctx.n("department", len(departments)),
                          requirements=ctx.n("requirement", len(ctx.requirements)))),
               para(ctx.t("intro.purpose.uses"), keep_with_next=True)]
    blocks += bullets([ctx.t("intro.purpose.use1"), ctx.t("intro.purpose.use2"), ctx.t("intro.purpose.use3")])

    categories = Counter(str(r.category) for r in ctx.requirements)
    category_list = ctx.join([ctx.t("count", label=ctx.category(c), n=n) for c, n in categories.most_common()]) or ctx.t("dash")
    blocks += [Heading(ctx.t("intro.scope"), 2),
               para(ctx.t("intro.scope.text", departments=ctx.join(departments) or ctx.t("dash"),
                          categories=category_list)),
               para(ctx.t("intro.scope.out", decisions=ctx.section_title("decisions")))]

    counts = ctx.priority_counts()
    kpis = sum(len(r.kpis) for r in ctx.requirements)
    conflicts = len(ctx.requirement_set.conflicts)
    top = ctx.join([f"{r.id} {r.title}" for r in ctx.requirements[:5]]) or ctx.t("dash")
    findings = [
        ctx.t("intro.finding.counts", requirements=ctx.n("requirement", len(ctx.requirements)), **counts),
        (ctx.t("intro.finding.conflicts", conflicts=ctx.n("conflict", conflicts)) if conflicts
         else ctx.t("intro.finding.no_conflicts")),
        ctx.t("intro.finding.kpis", targets=ctx.n("target", kpis)) if kpis else ctx.t("intro.finding.no_kpis"),
        ctx.t("intro.finding.top", items=top),
    ]
    blocks += [Heading(ctx.t("intro.background"), 2),
               para(ctx.t("intro.background.text", project=ctx.project.name, period=_period(ctx),
                          people=ctx.n("stakeholder", people), departments_list=ctx.join(departments) or ctx.t("dash"),
                          answers=ctx.n("answer", ctx.answers),
                          themes=_themes(ctx))),
               para(ctx.t("intro.findings"), bold=True, keep_with_next=True)]
    blocks += bullets(findings)

    blocks += [Heading(ctx.t("intro.glossary"), 2),
               Table(header=[ctx.t("intro.glossary.term"), ctx.t("intro.glossary.definition")], rows=[],
                     widths=[1, 5], caption=ctx.t("intro.glossary"), kind=GLOSSARY_KIND)]

    references = []
    if ctx.checklist.available:
        note = ""
        if ctx.checklist.language != ctx.lang:
            note = ctx.t("intro.references.checklist_language")
        references.append(ctx.t("intro.references.checklist", title=ctx.checklist.title + note,
                                attribution=ctx.checklist.attribution))
    else:
        references.append(ctx.t("intro.references.no_checklist"))
    references.append(ctx.t("intro.references.iso"))
    references.append(ctx.t("intro.references.interviews", interviews=ctx.n("interview", len(ctx.interviewed)),
                            answers=ctx.n("answer", ctx.answers)))
    blocks += [Heading(ctx.t("intro.references"), 2)] + bullets(references)
    return blocks
