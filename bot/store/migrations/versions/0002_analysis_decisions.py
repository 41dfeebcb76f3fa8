"""requirement ids and sets, priority overrides, review decisions, spec versions, Slack events

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def _project_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_project_id_projects"))


def upgrade() -> None:
    op.create_table(
        "requirement_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        _project_fk("requirement_keys"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requirement_keys")),
        sa.UniqueConstraint("project_id", "key_hash", name=op.f("uq_requirement_keys_project_id_key_hash")),
        sa.UniqueConstraint("project_id", "number", name=op.f("uq_requirement_keys_project_id_number")),
    )
    op.create_table(
        "requirement_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        _project_fk("requirement_sets"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requirement_sets")),
    )
    op.create_index(op.f("ix_requirement_sets_project_id"), "requirement_sets", ["project_id"])
    op.create_table(
        "priority_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("req_id", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.String(length=8), nullable=False),
        sa.Column("decided_by", sa.String(length=128), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        _project_fk("priority_overrides"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_priority_overrides")),
    )
    op.create_index(op.f("ix_priority_overrides_project_id"), "priority_overrides", ["project_id"])
    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("stakeholder_key", sa.String(length=128), nullable=False),
        sa.Column("req_id", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        _project_fk("review_decisions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_decisions")),
    )
    op.create_index(op.f("ix_review_decisions_project_id"), "review_decisions", ["project_id"])
    op.create_table(
        "spec_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        _project_fk("spec_versions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spec_versions")),
        sa.UniqueConstraint("project_id", "version", name=op.f("uq_spec_versions_project_id_version")),
    )
    op.create_table(
        "slack_processed",
        sa.Column("event_id", sa.String(length=255), nullable=False),
        sa.Column("processed_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_slack_processed")),
    )
    op.create_index(op.f("ix_slack_processed_processed_at"), "slack_processed", ["processed_at"])


def downgrade() -> None:
    op.drop_table("slack_processed")
    op.drop_table("spec_versions")
    op.drop_table("review_decisions")
    op.drop_table("priority_overrides")
    op.drop_table("requirement_sets")
    op.drop_table("requirement_keys")
