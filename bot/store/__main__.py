"""Developer helper for the schema (the bot itself upgrades on start):

    python -m bot.store upgrade              # bring $REQBOT_DATABASE_URL / $REQBOT_HOME db to head
    python -m bot.store current              # print the database's revision
    python -m bot.store revision "message"   # write a new migration from changes in tables.py
"""
from __future__ import annotations

import sys

from alembic import command

from bot.config import get_settings
from bot.store.db import alembic_config, current_revision, make_engine, upgrade


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"upgrade", "current", "revision"}:
        print(__doc__.strip())
        return 2
    url = get_settings().resolved_database_url
    engine = make_engine(url)
    try:
        if argv[0] == "upgrade":
            upgrade(engine)
        elif argv[0] == "current":
            print(current_revision(engine) or "(empty database)")
        else:
            message = " ".join(argv[1:]) or "schema change"
            command.revision(alembic_config(url), message=message, autogenerate=True)
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
