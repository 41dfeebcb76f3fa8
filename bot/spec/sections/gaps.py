"""What the interviews did not cover: per department, project-wide, interfaces and quality aspects.

Shared by the coverage table and the open questions so both say the same thing.
"""
from __future__ import annotations

from bot.interview.plan import topic_title

from bot.models import Category
from bot.spec.classify import interface_kinds
from bot.spec.context import SpecContext

# Topics each department usually owns. Sales, finance, warehouse and management follow the
# checklist's description of what each department cares about [1.3]; customer service and
# IT follow the pain points and the infrastructure assessment ([1.2], [2.1]-[2.3], [5.3]).
EXPECTED_TOPICS: dict[str, tuple[str, ...]] = {
    "sales": ("pricing", "workflow", "inventory", "customer_experience"),
    "finance": ("finance", "integration", "workflow"),
    "warehouse": ("inventory", "logistics", "integration"),
    "management": ("reporting",),
    "customer_service": ("customer_experience", "logistics", "inventory"),
    "it": ("integration", "security", "deployment", "data"),
    "other": (),
}

# Categories every OMS specification should say something about.
CORE_CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category if c.value not in ("other", "channel"))

# The interfaces the checklist lists [2.1]; "channel" is reported only when mentioned.
CORE_INTERFACES: tuple[str, ...] = ("erp", "crm", "wms", "einvoice", "payment", "carrier")


def covered_topics(ctx: SpecContext, role: str) -> list[str]:
    """Category keys (and free-text turn topics) the department's people produced."""
    topics: list[str] = []
    for view in ctx.stakeholders:
        if view.role != role:
            continue
        for item in view.categories + view.topics:
            if item not in topics:
                topics.append(item)
    return topics


def uncovered_topics(ctx: SpecContext, role: str) -> list[str]:
    covered = set(covered_topics(ctx, role))
    return [topic for topic in EXPECTED_TOPICS.get(role, ()) if topic not in covered]


def topic_label(ctx: SpecContext, topic: str) -> str:
    """A requirement category or an interview topic, in the document's words."""
    return ctx.category(topic) if topic in Category.__members__ else topic_title(topic, ctx.lang)


def departments_present(ctx: SpecContext) -> list[str]:
    roles: list[str] = []
    for view in ctx.stakeholders:
        if view.role not in roles:
            roles.append(view.role)
    return roles


def category_gaps(ctx: SpecContext) -> list[str]:
    present = {str(r.category) for r in ctx.requirements}
    return [c for c in CORE_CATEGORIES if c not in present]


def interfaces_mentioned(ctx: SpecContext) -> dict[str, list]:
    found: dict[str, list] = {}
    for requirement in ctx.requirements:
        for kind in interface_kinds(requirement):
            found.setdefault(kind, []).append(requirement)
    return found


def missing_interfaces(ctx: SpecContext) -> list[str]:
    found = interfaces_mentioned(ctx)
    return [kind for kind in CORE_INTERFACES if kind not in found]


def nfr_gaps(ctx: SpecContext) -> list[str]:
    """Quality aspects without any requirement: security, deployment, performance, availability."""
    groups = {ctx.homes[r.id].group for r in ctx.in_section("non_functional")}
    return [aspect for aspect in ("security", "deployment", "performance", "availability") if aspect not in groups]
