"""`/reqbot` for project managers: parse, check who may, then do the work after the ack.

`prepare()` runs before Slack is acknowledged and does only cheap things (parse the
text, one read to find the channel's project, the permission check). It returns the
text to acknowledge with and, when the command may run, the job that does the work
afterwards. Someone who may not run a command gets the refusal as the (private)
acknowledgement and no job: nothing is stored, nobody is messaged.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict

from bot.language import Language, detect_language
from bot.models import ROLES, Project, Stakeholder
from bot.slack import core
from bot.slack.blocks import escape
from bot.slack.context import SlackContext
from bot.slack.interview_dm import send_reply
from bot.slack.parsing import Command, CommandError, Invitee, parse_command
from bot.slack.status import project_status
from bot.slack.texts import role_label, say
from bot.slack.views import requirements_blocks, status_blocks
from bot.store import ConflictError

log = logging.getLogger(__name__)

PENDING = ("in_progress", "paused", "reviewing")


class Reply(BaseModel):
    """What a command answers, sent to the command's response_url."""
    model_config = ConfigDict(extra="forbid")
    text: str
    blocks: list[dict[str, Any]] = []
    in_channel: bool = False           # visible to the channel, else only to the PM


class Prepared(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)
    ack_text: str | None = None
    job: Callable[[], Reply] | None = None
    language: Language = "en"


def prepare(ctx: SlackContext, user: str, channel: str, text: str) -> Prepared:
    project = ctx.store.get_project_by_channel(channel) if channel else None
    lang: Language = project.language if project else "en"
    try:
        command = parse_command(text)
    except CommandError as exc:
        return Prepared(ack_text=f"⚠️ {exc}", language=lang)
    if command.name == "help":
        return Prepared(ack_text=say("help", lang, roles=", ".join(ROLES)), language=lang)
    if command.name == "new":
        lang = command.language or detect_language(command.project_name or "")
        if not ctx.may_create_projects(user):
            return Prepared(ack_text=say("refused_new", lang), language=lang)
        if channel.startswith("D") or not channel:
            return Prepared(ack_text=say("not_in_dm", lang), language=lang)
        return Prepared(ack_text=None, job=lambda: create_project(ctx, user, channel, command, lang), language=lang)
    if project is None:
        return Prepared(ack_text=say("no_project", lang), language=lang)
    if not ctx.is_manager(user, project):
        owner = f"<@{project.created_by}>" if project.created_by else say("an_admin", lang)
        return Prepared(ack_text=say("refused", lang, owner=owner), language=lang)
    jobs: dict[str, tuple[str | None, Callable[[], Reply]]] = {
        "invite": (say("working", lang), lambda: invite(ctx, user, project, command.invitees)),
        "status": (None, lambda: status(ctx, project)),
        "remind": (None, lambda: remind(ctx, user, project)),
        "requirements": (say("working", lang), lambda: requirements(ctx, project)),
        "spec": (say("building_spec", lang), lambda: spec(ctx, project, command.language)),
        "priority": (None, lambda: priority(ctx, user, project, command)),
    }
    ack_text, job = jobs[command.name]
    return Prepared(ack_text=ack_text, job=job, language=lang)


# --- the commands (run after the ack) ------------------------------------------------------

def create_project(ctx: SlackContext, user: str, channel: str, command: Command, lang: Language) -> Reply:
    name = command.project_name or ""
    existing = ctx.store.get_project(name)
    try:
        if existing is not None and existing.slack_channel_id is None and ctx.may_create_projects(user):
            # A project imported from files first is linked to this channel, keeping its data.
            ctx.store.update_project(existing.model_copy(update={
                "slack_channel_id": channel, "created_by": existing.created_by or user}))
            project = ctx.store.get_project(name)
        else:
            project = ctx.store.create_project(Project(name=name, language=lang, slack_channel_id=channel,
                                                       created_by=user))
    except ConflictError as exc:
        return Reply(text=say("exists", lang, reason=escape(str(exc))))
    return Reply(text=say("created", lang, project=escape(project.name), user=project.created_by or user),
                 in_channel=True)


def invite(ctx: SlackContext, pm: str, project: Project, invitees: list[Invitee]) -> Reply:
    lang = project.language
    done, failed = [], []
    known = {p.slack_user_id: p for p in ctx.store.list_stakeholders(project.name) if p.slack_user_id}
    for invitee in invitees:
        channel = ctx.web.open_dm(invitee.user)
        if channel is None:
            failed.append(f"<@{invitee.user}>")
            continue
        existing = known.get(invitee.user)
        name = ctx.web.real_name(invitee.user) or invitee.label or (existing.name if existing else invitee.user)
        person = Stakeholder(id=existing.id if existing else invitee.user, name=name[:200], role=invitee.role,
                             slack_user_id=invitee.user)
        reply = ctx.interviews.start(project.name, person)     # the engine picks the person's language
        send_reply(ctx, channel, reply, project.name, person.id,
                   preface=say("invited_by", reply.language, pm=f"<@{pm}>", project=escape(project.name)))
        done.append(f"<@{invitee.user}> ({role_label(invitee.role, lang)})")
    lines = []
    if done:
        lines.append(say("invited", lang, people=", ".join(done)))
    if failed:
        lines.append(say("invite_failed", lang, people=", ".join(failed)))
    return Reply(text="\n".join(lines))


def status(ctx: SlackContext, project: Project) -> Reply:
    text, blocks = status_blocks(project_status(ctx.store, project.name), project.language)
    return Reply(text=text, blocks=blocks)


def remind(ctx: SlackContext, pm: str, project: Project) -> Reply:
    """One nudge to each person whose interview is not finished, with where they stopped."""
    lang = project.language
    reminded = []
    for person in project_status(ctx.store, project.name).pending:
        if person.status not in PENDING or not person.slack_user_id:
            continue
        channel = ctx.web.open_dm(person.slack_user_id)
        if channel is None:
            continue
        current = ctx.interviews.current(project.name, person.stakeholder_id)
        send_reply(ctx, channel, current, project.name, person.stakeholder_id,
                   preface=say("reminder", current.language, project=escape(project.name)))
        reminded.append(f"<@{person.slack_user_id}>")
    if not reminded:
        return Reply(text=say("nobody_pending", lang))
    return Reply(text=say("reminded", lang, count=len(reminded), people=", ".join(reminded)))


def requirements(ctx: SlackContext, project: Project) -> Reply:
    try:
        result = core.current_requirements(ctx.store, project)
    except core.SpecError:          # nobody has answered yet
        return Reply(text=say("no_requirements", project.language))
    if not result.requirements:
        return Reply(text=say("no_requirements", project.language))
    text, blocks = requirements_blocks(result, project.language)
    return Reply(text=text, blocks=blocks, in_channel=True)


def spec(ctx: SlackContext, project: Project, language: Language | None) -> Reply:
    lang = language or project.language
    if not any(t.answer for i in ctx.store.list_interviews(project.name) for t in i.turns):
        return Reply(text=say("no_requirements", lang))
    try:
        written = core.write_project_spec(ctx.store, project, ctx.spec_dir, lang)
    except core.SpecError as exc:   # e.g. a company template missing a style
        return Reply(text=say("unavailable", lang, reason=escape(str(exc))))
    if not project.slack_channel_id:
        return Reply(text=str(written.path))
    comment = say("spec_comment", lang, project=project.name, version=written.version, count=written.requirements)
    result = ctx.web.upload(project.slack_channel_id, written.path, written.path.stem, comment)
    if not result.ok:
        hint = say("hint_invite_bot", lang) if result.error in ("not_in_channel", "channel_not_found") else ""
        return Reply(text=say("spec_failed", lang, path=written.path.name, error=result.error, hint=hint))
    return Reply(text=say("spec_done", lang, version=written.version))


def priority(ctx: SlackContext, pm: str, project: Project, command: Command) -> Reply:
    lang = project.language
    try:
        known = core.latest_requirements(ctx.store, project)
    except core.SpecError:          # nobody has answered yet
        return Reply(text=say("no_requirements", lang))
    match = next((r for r in known.requirements if r.id == command.req_id), None)
    if match is None:
        return Reply(text=say("unknown_req", lang, req=command.req_id))
    override = ctx.store.add_priority_override(project.name, command.req_id, command.priority, by=pm)
    return Reply(text=say("priority_set", lang, user=pm, req=override.req_id,
                          priority=override.priority.value.upper(), old=match.priority.value.upper()),
                 in_channel=True)
