"""Block Kit for project managers: the status summary, the top requirements, App Home."""
from __future__ import annotations

from typing import Any

from bot.language import Language
from bot.models import Interview, Project, RequirementSet
from bot.slack.blocks import ButtonRef, actions, button, clip, context, escape, mrkdwn
from bot.slack.status import ProjectStatus
from bot.slack.texts import role_label, say, status_label, topic_label

TOP_REQUIREMENTS = 10
MAX_PEOPLE_LISTED = 30
MAX_HOME_PROJECTS = 10


def status_blocks(status: ProjectStatus, lang: Language) -> tuple[str, list[dict[str, Any]]]:
    title = say("status_title", lang, project=escape(status.project), done=status.finished, total=len(status.people))
    if not status.people:
        return title, [mrkdwn(title), mrkdwn(say("status_none", lang))]
    blocks = [mrkdwn(title)]
    for heading, group in ((say("finished", lang), [p for p in status.people if p.finished]),
                           (say("pending", lang), status.pending)):
        if not group:
            continue
        lines = [f"• {_who(p.slack_user_id, p.name)} ({role_label(p.role, lang)}): {status_label(p.status, lang)}, "
                 f"{say('answers', lang, n=p.answered)}" for p in group[:MAX_PEOPLE_LISTED]]
        if len(group) > MAX_PEOPLE_LISTED:
            lines.append(f"… +{len(group) - MAX_PEOPLE_LISTED}")
        blocks.append(mrkdwn(f"*{heading}* ({len(group)})\n" + "\n".join(lines)))
    role_lines = []
    for role in status.roles:
        line = f"• *{role_label(role.role, lang)}* {role.finished}/{role.people}"
        if role.covered:
            line += f" — {say('covered', lang)}: {', '.join(topic_label(t) for t in role.covered)}"
        if role.missing:
            line += f" — _{say('not_covered', lang)}: {', '.join(topic_label(t) for t in role.missing)}_"
        role_lines.append(line)
    blocks.append(mrkdwn(f"*{say('by_role', lang)}*\n" + "\n".join(role_lines)))
    return title, blocks


def _who(slack_user_id: str | None, name: str) -> str:
    return f"<@{slack_user_id}>" if slack_user_id else escape(name)


def requirements_blocks(requirements: RequirementSet, lang: Language,
                        top: int = TOP_REQUIREMENTS) -> tuple[str, list[dict[str, Any]]]:
    ranked = sorted(requirements.requirements, key=lambda r: (r.rank or 10**6, -r.score, r.id))
    ranked = [r for r in ranked if r.status != "removed"]
    title = say("top_requirements", lang, project=escape(requirements.project), total=len(ranked))
    lines = []
    for r in ranked[:top]:
        roles = sorted({s.role for s in r.sources})
        departments = ", ".join(role_label(role, lang) for role in roles)
        line = f"*{r.id}* {escape(clip(r.title, 200))} — *{r.priority.value.upper()}* ({r.score:.1f})"
        if departments:
            line += f" · {departments}"
        lines.append(line)
    blocks = [mrkdwn(title)]
    # One section per five requirements keeps each under Slack's 3000-character limit.
    for start in range(0, len(lines), 5):
        blocks.append(mrkdwn("\n".join(lines[start:start + 5])))
    return title + "\n" + "\n".join(lines), blocks


def home_view(managed: list[tuple[Project, ProjectStatus, int | None]], own: list[Interview],
              lang: Language) -> dict[str, Any]:
    """The App Home tab: the projects this person manages, and their own interviews."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": say("home_title", lang)}},
        context(say("home_intro", lang)),
    ]
    if managed:
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": say("home_projects", lang)}})
        for project, status, spec_version in managed[:MAX_HOME_PROJECTS]:
            where = f" · <#{project.slack_channel_id}>" if project.slack_channel_id else ""
            title = say("status_title", lang, project=escape(project.name), done=status.finished,
                        total=len(status.people))
            pending = ", ".join(_who(p.slack_user_id, p.name) for p in status.pending[:10])
            lines = [title + where]
            if pending:
                lines.append(f"{say('pending', lang)}: {pending}")
            lines.append(say("home_spec", lang, version=spec_version) if spec_version else say("home_no_spec", lang))
            blocks.append(mrkdwn("\n".join(lines)))
            blocks.append({"type": "divider"})
    if own:
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": say("home_interviews", lang)}})
        for interview in own[:MAX_HOME_PROJECTS]:
            answered = sum(t.status == "answered" for t in interview.turns)
            section = mrkdwn(f"*{escape(interview.project)}*: {status_label(interview.status, lang)}, "
                             f"{say('answers', lang, n=answered)}")
            blocks.append(section)
            if interview.status in ("in_progress", "paused"):
                ref = ButtonRef(p=interview.project, s=interview.stakeholder.id).encode()
                blocks.append(actions([button(say("resume", lang), "resume", ref, "primary")]))
    return {"type": "home", "blocks": blocks[:100]}
