"""Chapter "Implementation recommendations": phases and durations, roles, risks, next steps.

Read from the checklist ([4.1], [4.2], [4.3], [faq.1]) and set against this project's
facts, so each recommendation is traceable to a section and to the interviews.
"""
from __future__ import annotations

import re

from bot.spec.blocks import Block, Heading, Paragraph, Run, Table, cell_lines, para
from bot.spec.context import SpecContext
from bot.spec.sections.decisions import open_questions
from bot.spec.sections.gaps import interfaces_mentioned
from bot.spec.sections.system import sentence_case
from bot.spec.text import has_pain

_RESPONSE = re.compile(r"(?:应对策略是|应对策略[::]|response strategy[::]?)\s*", re.IGNORECASE)
MANUAL_CUES = ("手工", "人工", "手动", "excel", "表格", "纸", "manual", "by hand", "spreadsheet", "paper", "re-key", "retype")
NAMES_LISTED = 12


def _names(ctx: SpecContext, roles: tuple[str, ...] | None) -> str:
    people = [v for v in ctx.interviewed if roles is None or v.role in roles]
    shown = [ctx.person(v.id) for v in people[:NAMES_LISTED]]
    more = f" … (+{len(people) - NAMES_LISTED})" if len(people) > NAMES_LISTED else ""
    return (ctx.join(shown) + more) if shown else ctx.t("dash")


def _phase_note(ctx: SpecContext, label: str, facts: dict) -> str:
    label = label.lower()
    checks = (
        (("支持", "support"), lambda: ctx.t("impl.note.support")),
        (("迁移", "migration"), lambda: ctx.t("impl.note.migration", interfaces=ctx.n("interface", len(facts["interfaces"])),
                                             names=ctx.join([ctx.t(f"interface.short.{k}") for k in facts["interfaces"]])
                                             or ctx.t("dash"),
                                             data=facts["data"])),
        (("uat", "验收", "acceptance"), lambda: ctx.t("impl.note.uat", departments=ctx.n("department", ctx.department_count))),
        (("上线", "go-live", "cut-over", "cutover"), lambda: ctx.t("impl.note.golive")),
        (("配置", "configur"), lambda: ctx.t("impl.note.configuration.simple", must=facts["must"])),
        (("需求", "requirement"), lambda: ctx.t("impl.note.requirements", conflicts=ctx.n("conflict", facts["conflicts"]),
                                               questions=ctx.n("question", facts["questions"]))),
    )
    for words, note in checks:
        if any(w in label for w in words):
            return note()
    return ctx.t("dash")


def _complexity(facts: dict) -> str:
    """simple | medium | complex, after the FAQ's two cases [faq.1]: standard needs with few
    integration points (1-3 months) versus complex processes with deep integration (6+)."""
    interfaces, requirements = len(facts["interfaces"]), facts["requirements"]
    if interfaces >= 4 or requirements >= 40 or facts["conflicts"] >= 3:
        return "complex"
    if interfaces <= 2 and requirements < 25:
        return "simple"
    return "medium"


def _risk_signal(ctx: SpecContext, label: str, facts: dict) -> str:
    label = label.lower()
    if any(w in label for w in ("范围", "scope")):
        return ctx.t("impl.signal.scope", requirements=ctx.n("requirement", facts["requirements"]), low=facts["low"])
    if any(w in label for w in ("抵触", "resist", "adoption")):
        if not facts["training"]:
            return ctx.t("impl.signal.resistance.no_training", people=ctx.n("stakeholder", facts["manual_people"]))
        return ctx.t("impl.signal.resistance", people=ctx.n("stakeholder", facts["manual_people"]),
                     training=ctx.n("training_requirement", facts["training"]))
    if any(w in label for w in ("数据", "data")):
        return ctx.t("impl.signal.data", data_requirements=ctx.n("data_requirement", facts["data"]),
                     data=ctx.section_title("data_migration"))
    if any(w in label for w in ("延期", "delay")):
        return ctx.t("impl.signal.delay", conflicts=ctx.n("conflict", facts["conflicts"]),
                     questions=ctx.n("question", facts["questions"]))
    return ctx.t("impl.signal.none")


def _facts(ctx: SpecContext) -> dict:
    manual_people = {s.stakeholder_id for r in ctx.requirements for s in r.sources
                     if has_pain(s.quote) and any(c in s.quote.lower() for c in MANUAL_CUES)}
    counts = ctx.priority_counts()
    return {
        "requirements": len(ctx.requirements),
        "must": counts["must"],
        "low": counts["should"] + counts["could"],
        "conflicts": len(ctx.requirement_set.conflicts),
        "questions": len(open_questions(ctx)),
        "interfaces": list(interfaces_mentioned(ctx)),
        "data": len([r for r in ctx.requirements if str(r.category) == "data"]),
        "training": len([r for r in ctx.requirements if str(r.category) == "training"]),
        "manual_people": len(manual_people),
    }


def implementation(ctx: SpecContext) -> list[Block]:
    facts = _facts(ctx)
    blocks: list[Block] = [Heading(ctx.section_title("implementation")), para(ctx.t("impl.intro"))]

    phases = ctx.checklist.items("4.1")
    if phases:
        blocks += [
            Heading(ctx.t("impl.phases"), 2),
            Table(header=[ctx.t("impl.col.phase"), ctx.t("impl.col.duration"), ctx.t("impl.col.activities"),
                          ctx.t("impl.col.project")],
                  rows=[[p.label, p.duration or ctx.t("dash"), sentence_case(p.body), _phase_note(ctx, p.label, facts)]
                        for p in phases],
                  widths=[3.4, 2.2, 5.6, 5.4], caption=ctx.t("impl.phases.caption"), kind="phases"),
        ]
    faq = ctx.checklist.section("faq.1")
    if faq:
        key = f"impl.duration.assessment.{_complexity(facts)}"
        blocks += [
            para(ctx.t("impl.duration"), keep_with_next=True),
            Paragraph([Run(faq.text.strip())], style="Quote"),
            para(ctx.t(key, requirements=ctx.n("requirement", facts["requirements"]),
                       interfaces=ctx.n("interface", len(facts["interfaces"])),
                       departments=ctx.n("department", ctx.department_count),
                       conflicts=ctx.n("conflict", facts["conflicts"]))),
        ]

    roles = ctx.checklist.items("4.2")
    if roles:
        rows = []
        for item in roles:
            label = item.label.lower()
            if any(w in label for w in ("关键用户", "key user")):
                who = _names(ctx, tuple(r for r in ("sales", "finance", "warehouse", "customer_service", "other")))
            elif any(w in label for w in ("发起人", "sponsor")):
                who = _names(ctx, ("management",))
            elif label.startswith("it") or "it负责人" in label or "it lead" in label:
                who = _names(ctx, ("it",))
            else:
                who = ctx.t("dash")
            rows.append([item.group or ctx.t("dash"), item.label, sentence_case(item.body), who])
        blocks += [
            Heading(ctx.t("impl.roles"), 2),
            para(ctx.t("impl.roles.intro")),
            Table(header=[ctx.t("impl.col.team"), ctx.t("impl.col.role"), ctx.t("impl.col.responsibility"),
                          ctx.t("impl.col.candidates")],
                  rows=rows, widths=[2.2, 3, 5.4, 3.8], caption=ctx.t("impl.roles.caption"), kind="roles"),
        ]

    risks = ctx.checklist.items("4.3")
    if risks:
        rows = []
        for item in risks:
            parts = _RESPONSE.split(item.body, maxsplit=1)
            description = parts[0].strip()
            response = sentence_case(parts[1].strip()) if len(parts) > 1 else ctx.t("dash")
            rows.append([cell_lines([item.label, sentence_case(description)]), response,
                         _risk_signal(ctx, item.label, facts)])
        for row in rows:
            row[0][0].runs[0].bold = True
        blocks += [
            Heading(ctx.t("impl.risks"), 2),
            Table(header=[ctx.t("impl.col.risk"), ctx.t("impl.col.response"), ctx.t("impl.col.signals")],
                  rows=rows, widths=[4.4, 4.6, 5.2], caption=ctx.t("impl.risks.caption"), kind="risks"),
        ]

    steps = [ctx.t("impl.next.1", decisions=ctx.section_title("decisions"), conflicts=ctx.n("conflict", facts["conflicts"])),
             ctx.t("impl.next.2"), ctx.t("impl.next.3"), ctx.t("impl.next.4"), ctx.t("impl.next.5")]
    if not facts["conflicts"]:
        steps = steps[1:]
    blocks.append(Heading(ctx.t("impl.next"), 2))
    blocks += [para(f"{i}. {step}") for i, step in enumerate(steps, start=1)]
    return blocks
