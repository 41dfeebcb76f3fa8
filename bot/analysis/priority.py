"""MoSCoW priority, a numeric score and the reasons behind them.

Signals, all from what people said (never from instructions inside an answer):
how many stakeholders and departments raised the need, explicit "must/必须" versus
"not urgent/不急/nice to have", management's weight, stated KPIs and business impact,
and whether the need sits on the core order flow (order capture, stock, approval,
credit, integration, status).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from bot.analysis.extract import Sentence
from bot.analysis.merge import Cluster
from bot.language import Language
from bot.models import KPI, Priority

ROLE_NAMES = {
    "zh": {"sales": "销售", "finance": "财务", "warehouse": "仓储物流", "management": "管理层",
           "customer_service": "客服", "it": "IT", "other": "其他"},
    "en": {"sales": "sales", "finance": "finance", "warehouse": "warehouse/logistics", "management": "management",
           "customer_service": "customer service", "it": "IT", "other": "other"},
}
PRIORITY_ORDER = {Priority.must: 0, Priority.should: 1, Priority.could: 2, Priority.wont: 3}

MUST_SCORE = 6.0
SHOULD_SCORE = 2.5


@dataclass
class Assessment:
    priority: Priority
    score: float
    reasons: list[str] = field(default_factory=list)


def assess(cluster: Cluster, anaphora: list[tuple[Sentence, str]], kpis: list[KPI], language: Language) -> Assessment:
    """`anaphora`: priority sentences ("This is a must") that refer to this cluster."""
    people: dict[str, Sentence] = {}
    for s in cluster.sentences:
        people.setdefault(s.stakeholder.id, s)
    names = {s.stakeholder.id: s.stakeholder.name for s in cluster.sentences}
    roles = list(dict.fromkeys(s.stakeholder.role for s in cluster.sentences))

    must_by: list[str] = []
    low_by: list[str] = []
    for s in cluster.sentences:
        if s.id in cluster.mention_only:
            continue            # its cue was about another topic of the sentence (see mentions)
        if s.cues.must and not s.cues.low:
            must_by.append(s.stakeholder.id)
        elif s.cues.is_low:
            low_by.append(s.stakeholder.id)
    for s, level in list(cluster.mentions) + anaphora:
        (low_by if level == "low" else must_by).append(s.stakeholder.id)
        names.setdefault(s.stakeholder.id, s.stakeholder.name)
    must_by = list(dict.fromkeys(must_by))
    low_by = [p for p in dict.fromkeys(low_by) if p not in must_by]

    management = [p for p, s in people.items() if s.stakeholder.role == "management"]
    management_must = [p for p in must_by if p in management or _role_of(cluster, anaphora, p) == "management"]
    impact = any(s.cues.impact for s in cluster.sentences)
    blocks = bool(cluster.entry and cluster.entry.core_flow) or any(s.cues.blocks for s in cluster.sentences)
    pain = sum(min(s.cues.pain, 2) for s in cluster.sentences)
    n, departments = len(people), len(roles)

    score = 1.0 * min(n, 5) + 0.5 * max(0, departments - 1)
    score += (1.5 + 0.5 * min(len(must_by) - 1, 2)) if must_by else 0.0
    score += 1.0 * bool(management) + 1.0 * bool(management_must)
    score += 0.75 * min(len(kpis), 2) + 0.5 * impact + 1.0 * blocks + 0.25 * min(pain, 4)
    only_low = bool(low_by) and not must_by and (set(people) <= set(low_by) or n == 1)
    if only_low:
        score -= 2.5
    elif low_by:
        score -= 1.0
    score = round(max(score, 0.0), 2)

    if only_low:
        # deferred by everyone who raised it; still "should" when they stated an impact
        priority = Priority.should if (impact or kpis) and score >= SHOULD_SCORE - 1.0 else Priority.could
    elif management_must or n >= 3 or score >= MUST_SCORE or \
            (must_by and (blocks or kpis or impact or n >= 2)) or \
            (blocks and (n >= 2 or kpis or impact or must_by)):
        priority = Priority.must
    elif n == 1 and not (kpis or impact or blocks):
        priority = Priority.could        # said once, no stated impact: desirable, not necessary
    else:
        priority = Priority.should

    return Assessment(priority, score, _reasons(language, n, roles, names, must_by, low_by, management,
                                                 management_must, kpis, impact, blocks))


def _role_of(cluster: Cluster, anaphora: list[tuple[Sentence, str]], person: str) -> str | None:
    for s, _ in list(cluster.mentions) + anaphora:
        if s.stakeholder.id == person:
            return s.stakeholder.role
    return None


# The words of each reason, by language; `_reasons` decides which apply.
REASON_TEXT: dict[Language, dict[str, str]] = {
    "zh": {
        "raised": "{n}位干系人提出,涉及{departments}个部门({names})",
        "must": "明确表示必须:{who}",
        "management_must": "管理层明确要求:{who}",
        "management": "管理层提出:{who}",
        "kpi": "有量化目标:{kpi}",
        "impact": "回答中说明了业务影响(损失、投诉、合规或返工)",
        "blocks": "影响核心订单流程",
        "low": "被标注为不急/可后置:{who}",
        "separator": "、",
    },
    "en": {
        "raised": "raised by {n} stakeholder{s} from {departments} department{ds} ({names})",
        "must": "explicitly required (must) by {who}",
        "management_must": "required by management: {who}",
        "management": "raised by management: {who}",
        "kpi": "quantified target: {kpi}",
        "impact": "stated business impact (losses, complaints, compliance or rework)",
        "blocks": "on the core order flow",
        "low": "marked not urgent / nice to have / later phase by {who}",
        "separator": ", ",
    },
}


def _reasons(language: Language, n: int, roles: list[str], names: dict[str, str], must_by: list[str],
             low_by: list[str], management: list[str], management_must: list[str], kpis: list[KPI],
             impact: bool, blocks: bool) -> list[str]:
    text = REASON_TEXT[language]
    role_names = ROLE_NAMES[language]

    def who(ids: list[str]) -> str:
        return text["separator"].join(names.get(i, i) for i in ids)

    out = [text["raised"].format(n=n, s="s" if n != 1 else "", departments=len(roles),
                                 ds="s" if len(roles) != 1 else "",
                                 names=text["separator"].join(role_names.get(r, r) for r in roles))]
    if must_by:
        out.append(text["must"].format(who=who(must_by)))
    if management_must:
        out.append(text["management_must"].format(who=who(management_must)))
    elif management:
        out.append(text["management"].format(who=who(management)))
    for k in kpis[:2]:
        out.append(text["kpi"].format(kpi=f"{k.metric} {k.current + ' → ' if k.current else ''}{k.target}"))
    if impact:
        out.append(text["impact"])
    if blocks:
        out.append(text["blocks"])
    if low_by:
        out.append(text["low"].format(who=who(low_by)))
    return out
