"""Alembic environment: runs on the connection bot.store.db.upgrade hands over, or,
from the developer helper (`python -m bot.store`), on the configured URL."""
from __future__ import annotations

from alembic import context

from bot.store.tables import Base, UTCDateTime


def _render_item(kind: str, obj, autogen_context):
    # Migrations spell the column type plainly; UTCDateTime only converts in Python.
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,        # SQLite needs batch mode to alter tables
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from bot.store.db import make_engine

    engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as new_connection:
            _run(new_connection)
            new_connection.commit()
    finally:
        engine.dispose()
