"""Chapter "Conflicts and open questions": what the steering committee has to decide."""
from __future__ import annotations

from dataclasses import dataclass

from bot.language import has_han
from bot.models import Category, Conflict
from bot.spec.blocks import Block, Heading, Table, bullets, cell_lines, para
from bot.spec.context import SpecContext
from bot.spec.sections.gaps import category_gaps, departments_present, missing_interfaces, nfr_gaps, uncovered_topics, topic_label
from bot.spec.text import excerpt, truncate

NFR_REFERENCES = {"security": "[5.3]", "deployment": "[2.3]", "performance": "[2.2]", "availability": "[2.2]"}
SKIPPED_QUESTIONS_LISTED = 10


@dataclass
class OpenQuestion:
    question: str
    owner: str
    reference: str


def open_questions(ctx: SpecContext) -> list[OpenQuestion]:
    questions: list[OpenQuestion] = []
    for role in departments_present(ctx):
        missing = uncovered_topics(ctx, role)
        if missing:
            questions.append(OpenQuestion(
                ctx.t("open.coverage", dept=ctx.role(role), topics=ctx.join([topic_label(ctx, t) for t in missing])),
                ctx.t("approval.key_user", dept=ctx.role(role)), "[1.3]"))
    gaps = category_gaps(ctx)
    if gaps:
        questions.append(OpenQuestion(ctx.t("open.gap_category", categories=ctx.join([ctx.category(c) for c in gaps])),
                                      ctx.t("open.owner.pm"), "[1.2]"))
    interfaces = missing_interfaces(ctx)
    if interfaces:
        questions.append(OpenQuestion(
            ctx.t("open.interfaces", interfaces=ctx.join([ctx.t(f"interface.{k}") for k in interfaces])),
            ctx.t("open.owner.it"), "[2.1]"))
    for aspect in nfr_gaps(ctx):
        questions.append(OpenQuestion(ctx.t("open.nfr", aspect=ctx.t(f"nfr.{aspect}")), ctx.t("open.owner.it"),
                                      NFR_REFERENCES[aspect]))
    no_kpi = [r.id for r in ctx.requirements if str(r.priority) == "must" and not r.kpis]
    if no_kpi:
        questions.append(OpenQuestion(ctx.t("open.no_kpi", ids=", ".join(no_kpi)), ctx.t("open.owner.pm"), "[1.1]"))
    skipped = [(view, q) for view in ctx.stakeholders for q in view.skipped_questions]
    for view, question in skipped[:SKIPPED_QUESTIONS_LISTED]:
        questions.append(OpenQuestion(ctx.t("open.skipped", question=truncate(question, 50)),
                                      ctx.person(view.id), ctx.t("dash")))
    return questions


def _conflict_title(ctx: SpecContext, conflict: Conflict) -> str:
    """The conflict's topic in the document's words: a category label, or the topic if it is
    written in the document's language, else the start of the summary."""
    topic = (conflict.topic or "").strip()
    if topic in Category.__members__:
        return ctx.category(topic)
    if topic and (has_han(topic) == (ctx.lang == "zh")):
        return topic
    return truncate(conflict.summary, 30 if ctx.lang == "zh" else 12)


def _positions(ctx: SpecContext, conflict: Conflict) -> list[str]:
    lines = []
    requirements = [ctx.by_id[rid] for rid in conflict.requirement_ids if rid in ctx.by_id]
    for stakeholder_id in conflict.stakeholder_ids:
        who = ctx.person(stakeholder_id)
        own = [(r, s) for r in requirements for s in r.sources if s.stakeholder_id == stakeholder_id]
        if not own:
            lines.append(who)
            continue
        requirement, source = own[0]
        short = excerpt(source.quote, conflict.summary + " " + requirement.title, ctx.lang)
        text = f"{requirement.id} {requirement.title}{ctx.t('colon')}{ctx.t('quote.open')}{short}{ctx.t('quote.close')}"
        lines.append(ctx.t("conflict.position", who=who, text=text))
    return lines or [ctx.t("dash")]


def decisions(ctx: SpecContext) -> list[Block]:
    blocks: list[Block] = [Heading(ctx.section_title("decisions")), Heading(ctx.t("decisions.conflicts"), 2)]
    conflicts = ctx.requirement_set.conflicts
    if conflicts:
        blocks.append(para(ctx.t("decisions.intro")))
    else:
        blocks.append(para(ctx.t("decisions.none")))
    for conflict in conflicts:
        affected = [f"{rid} {ctx.by_id[rid].title}" if rid in ctx.by_id else rid for rid in conflict.requirement_ids]
        title = _conflict_title(ctx, conflict)
        blocks += [
            Heading(f"{conflict.id}  {title}", 3, numbered=False, in_contents=False),
            Table(rows=[
                [ctx.t("conflict.issue"), cell_lines([conflict.summary])],
                [ctx.t("conflict.positions"), cell_lines(_positions(ctx, conflict))],
                [ctx.t("conflict.requirements"), cell_lines(affected or [ctx.t("dash")])],
                [ctx.t("conflict.decision"), cell_lines([ctx.t("conflict.decision.blank")])],
            ], widths=[1, 4.2], first_column=True, banded=False, keep_together=True,
                  kind=f"conflict:{conflict.id}"),
        ]

    questions = open_questions(ctx)
    blocks.append(Heading(ctx.t("decisions.open"), 2))
    if questions:
        blocks += [
            para(ctx.t("open.intro")),
            Table(header=["#", ctx.t("open.col.question"), ctx.t("open.col.owner"), ctx.t("open.col.reference")],
                  rows=[[f"Q-{i}", q.question, q.owner, q.reference] for i, q in enumerate(questions, start=1)],
                  widths=[1.3, 9.2, 3.8, 2.3], caption=ctx.t("open.caption"), kind="open_questions"),
        ]
    else:
        blocks.append(para(ctx.t("open.none")))

    if ctx.withdrawn:
        blocks += [Heading(ctx.t("decisions.withdrawn"), 2), para(ctx.t("withdrawn.intro"))]
        blocks += bullets([f"{r.id} {r.title}" for r in ctx.withdrawn])
    return blocks
