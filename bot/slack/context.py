"""What the listeners need, built once per app: the core services and the Slack client."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.models import Project
from bot.slack.web import SlackWeb
from bot.slack.worker import KeyedWorker
from bot.store import Store

if TYPE_CHECKING:
    from bot.interview.service import InterviewService


@dataclass
class SlackContext:
    store: Store
    interviews: InterviewService
    web: SlackWeb
    work: KeyedWorker                               # people's messages and buttons
    commands: KeyedWorker                           # PM commands: slow work kept apart
    spec_dir: Path                                  # where uploaded specs are written first
    admins: frozenset[str] = field(default_factory=frozenset)

    def is_admin(self, user: str) -> bool:
        return user in self.admins

    def is_manager(self, user: str, project: Project) -> bool:
        """The project's creator and the admins manage a project."""
        return user == project.created_by or self.is_admin(user)

    def may_create_projects(self, user: str) -> bool:
        """With REQBOT_ADMINS set only admins create projects; without it anyone may (a
        small team trying reqbot out), and whoever creates a project manages it."""
        return not self.admins or self.is_admin(user)
