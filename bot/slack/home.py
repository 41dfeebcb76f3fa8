"""The App Home tab: a project manager's projects with their status, and a person's own
interviews (with a button to pick theirs up again)."""
from __future__ import annotations

from bot.language import Language
from bot.slack.context import SlackContext
from bot.slack.status import project_status
from bot.slack.views import home_view


def publish(ctx: SlackContext, user: str) -> None:
    managed = []
    for project in ctx.store.list_projects():
        if project.slack_channel_id and ctx.is_manager(user, project):
            versions = ctx.store.spec_versions(project.name)
            managed.append((project, project_status(ctx.store, project.name),
                            versions[-1].version if versions else None))
    own = []
    for project_name, person in ctx.store.find_stakeholder_by_slack_user(user):
        interview = ctx.store.get_interview(project_name, person.id)
        if interview is not None:
            own.append(interview)
    languages = [p.language for p, _s, _v in managed] + [i.language for i in own]
    lang: Language = max(set(languages), key=languages.count) if languages else "en"
    ctx.web.publish_home(user, home_view(managed, own, lang))
