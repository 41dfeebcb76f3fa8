"""projects, stakeholders, interviews, turns and their revisions

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("slack_channel_id", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
        sa.UniqueConstraint("name", name=op.f("uq_projects_name")),
        sa.UniqueConstraint("slack_channel_id", name=op.f("uq_projects_slack_channel_id")),
    )
    op.create_table(
        "stakeholders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("slack_user_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE",
                                name=op.f("fk_stakeholders_project_id_projects")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stakeholders")),
        sa.UniqueConstraint("project_id", "key", name=op.f("uq_stakeholders_project_id_key")),
    )
    op.create_index(op.f("ix_stakeholders_slack_user_id"), "stakeholders", ["slack_user_id"])
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stakeholder_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("started_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.Column("engine_state", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["stakeholder_id"], ["stakeholders.id"], ondelete="CASCADE",
                                name=op.f("fk_interviews_stakeholder_id_stakeholders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews")),
        sa.UniqueConstraint("stakeholder_id", name=op.f("uq_interviews_stakeholder_id")),
    )
    op.create_table(
        "turns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("topic", sa.Text(), nullable=True),
        sa.Column("checklist_refs", sa.JSON(), nullable=False),
        sa.Column("asked_at", UTC_TIME, nullable=False),
        sa.Column("answered_at", UTC_TIME, nullable=True),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE",
                                name=op.f("fk_turns_interview_id_interviews")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_turns")),
        sa.UniqueConstraint("interview_id", "position", name=op.f("uq_turns_interview_id_position")),
    )
    op.create_table(
        "turn_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("turn_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("answered_at", UTC_TIME, nullable=True),
        sa.Column("replaced_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(["turn_id"], ["turns.id"], ondelete="CASCADE",
                                name=op.f("fk_turn_revisions_turn_id_turns")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_turn_revisions")),
    )
    op.create_index(op.f("ix_turn_revisions_turn_id"), "turn_revisions", ["turn_id"])


def downgrade() -> None:
    op.drop_table("turn_revisions")
    op.drop_table("turns")
    op.drop_table("interviews")
    op.drop_table("stakeholders")
    op.drop_table("projects")
