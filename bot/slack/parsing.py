"""Reading what people type: `/reqbot` arguments, Slack mentions, questions vs answers."""
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.language import Language
from bot.models import ROLES, Priority

# <@U123>, <@U123|name> (slash commands with escaping on), <@W123> (Enterprise Grid)
MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")
_TOKEN = re.compile(r"<@[^>]*>|[^\s<]+|<")   # a mention (its label may hold spaces) or a word
REQ_ID = re.compile(r"^REQ-\d{3,}$", re.IGNORECASE)

COMMANDS = ("help", "new", "invite", "status", "remind", "requirements", "spec", "priority")
CommandName = Literal["help", "new", "invite", "status", "remind", "requirements", "spec", "priority"]

# What people call the roles, in both languages; the canonical names are bot.models.ROLES.
ROLE_ALIASES: dict[str, str] = {
    **{r: r for r in ROLES},
    "sale": "sales", "销售": "sales", "销售部": "sales", "业务": "sales",
    "fin": "finance", "accounting": "finance", "财务": "finance", "财务部": "finance", "会计": "finance",
    "logistics": "warehouse", "wms": "warehouse", "warehousing": "warehouse", "仓储": "warehouse",
    "仓库": "warehouse", "物流": "warehouse", "仓储物流": "warehouse",
    "manager": "management", "mgmt": "management", "exec": "management", "executive": "management",
    "管理": "management", "管理层": "management", "老板": "management", "总经理": "management",
    "cs": "customer_service", "customer-service": "customer_service", "customerservice": "customer_service",
    "service": "customer_service", "support": "customer_service", "客服": "customer_service",
    "售后": "customer_service",
    "tech": "it", "信息": "it", "信息部": "it", "技术": "it", "信息化": "it",
    "其他": "other", "其它": "other",
}


class CommandError(ValueError):
    """The command cannot be run as typed; the message says what to type instead."""


class Invitee(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    user: str                   # Slack user id
    label: str | None = None    # the name Slack put in the mention, if any
    role: str


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: CommandName
    text: str = ""                              # the arguments after the command word
    project_name: str | None = None             # new
    language: Language | None = None            # new, spec (--lang)
    invitees: list[Invitee] = []                # invite
    req_id: str | None = None                   # priority
    priority: Priority | None = None            # priority


def parse_command(text: str) -> Command:
    """`/reqbot` text to a Command; CommandError for anything that cannot run."""
    text = (text or "").strip()
    if not text:
        return Command(name="help")
    word, _, rest = text.partition(" ")
    name = word.lower()
    rest = rest.strip()
    if name not in COMMANDS:
        raise CommandError(f"unknown command `{word[:40]}`; try `/reqbot help`")
    if name == "new":
        rest, language = _take_lang(rest)
        if not rest:
            raise CommandError("give the project a name: `/reqbot new NAME`")
        if len(rest) > 200:
            raise CommandError("the project name is longer than 200 characters")
        if MENTION.search(rest) or "<#" in rest:
            raise CommandError("the project name cannot contain mentions")
        return Command(name="new", text=rest, project_name=rest, language=language)
    if name == "invite":
        return Command(name="invite", text=rest, invitees=parse_invitees(rest))
    if name == "spec":
        rest, language = _take_lang(rest)
        return Command(name="spec", text=rest, language=language)
    if name == "priority":
        parts = rest.split()
        if len(parts) != 2 or not REQ_ID.match(parts[0]):
            raise CommandError("use `/reqbot priority REQ-003 must|should|could|wont`")
        try:
            priority = Priority(parts[1].lower())
        except ValueError:
            raise CommandError(f"priority must be must, should, could or wont, not `{parts[1][:20]}`") from None
        return Command(name="priority", text=rest, req_id=parts[0].upper(), priority=priority)
    return Command(name=name, text=rest)


def _take_lang(text: str) -> tuple[str, Language | None]:
    match = re.search(r"(?:^|\s)--lang(?:=|\s+)(\S+)\s*$", text)
    if not match:
        return text, None
    value = match.group(1).lower()
    if value not in ("zh", "en"):
        raise CommandError(f"--lang must be zh or en, not `{value[:10]}`")
    return text[: match.start()].strip(), value  # type: ignore[return-value]


def parse_invitees(text: str) -> list[Invitee]:
    """`<@U1|wang> finance <@U2> sales` → invitees. Mentions in a row share the role that
    follows them (`@a @b finance`). All-or-nothing: any mistake raises CommandError."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        raise CommandError("name the people and their roles: `/reqbot invite @user ROLE [@user ROLE …]`")
    invitees: list[Invitee] = []
    waiting: list[tuple[str, str | None]] = []
    for token in tokens:
        mention = MENTION.fullmatch(token)
        if mention:
            waiting.append((mention.group(1), mention.group(2) or None))
            continue
        if token.startswith("@"):
            raise CommandError(f"I cannot tell who `{token[:40]}` is; pick people from Slack's @-list so the "
                               "mention becomes a link")
        role = ROLE_ALIASES.get(token.lower())
        if role is None:
            raise CommandError(f"`{token[:40]}` is not a role; roles: {', '.join(ROLES)}")
        if not waiting:
            raise CommandError(f"the role `{token[:40]}` does not follow anyone; write `@user {token[:40]}`")
        invitees += [Invitee(user=u, label=label, role=role) for u, label in waiting]
        waiting = []
    if waiting:
        raise CommandError("give a role after each person: `/reqbot invite @user ROLE`")
    unique = {i.user: i for i in invitees}      # the last role given for a person wins
    return list(unique.values())


def strip_mentions(text: str) -> str:
    return MENTION.sub(" ", text or "").strip()


# --- is a DM a question? ------------------------------------------------------------------
_ASK_PREFIX = re.compile(r"^\s*(?:ask|q|question|问|提问)\s*[::]\s*", re.IGNORECASE)
_EN_QUESTION_START = re.compile(
    r"^\s*(what|how|why|when|which|who|where|can|could|should|would|do|does|did|is|are|will|"
    r"tell me|explain|describe)\b", re.IGNORECASE)
_ZH_QUESTION = re.compile(r"(什么|怎么|如何|为什么|为何|多久|多长时间|多少|哪些|哪个|哪里|是否|能否|可否|有没有|"
                          r"是不是|请问|介绍一下|说说)")
_ZH_PARTICLE_END = re.compile(r"[吗呢么][\s。!.!]*$")


def explicit_question(text: str) -> str | None:
    """`ask: …` / `问:…` asks the checklist even in the middle of an interview."""
    match = _ASK_PREFIX.match(text or "")
    return text[match.end():].strip() if match else None


def looks_like_question(text: str) -> bool:
    text = (text or "").strip()
    if not text:
        return False
    if text.rstrip().endswith(("?", "?")):
        return True
    return bool(_EN_QUESTION_START.match(text) or _ZH_QUESTION.search(text) or _ZH_PARTICLE_END.search(text))
