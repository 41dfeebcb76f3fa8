"""Engine set-up and the migration runner.

SQLite gets WAL, foreign keys and a busy timeout, and SQLAlchemy (not the sqlite3
driver) emits BEGIN, so DDL is transactional and writers can take the write lock up
front (BEGIN IMMEDIATE) instead of failing when they upgrade a read lock.
Migrations live inside the package, so an installed bot upgrades its own database.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from bot.store.errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any constant works; it only has to be the same in every reqbot process.
_PG_MIGRATION_LOCK = 7_345_001
# Execution option that makes a SQLite transaction take the write lock at BEGIN.
WRITE = {"sqlite_begin": "BEGIN IMMEDIATE"}


def normalize_url(url: str) -> str:
    """Plain postgresql:// (and postgres://) URLs mean psycopg 3, the driver we ship."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)

    if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None      # we emit BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=30000")  # wait for other writers instead of failing
        cursor.execute("PRAGMA journal_mode=WAL")    # readers never wait for the writer
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; commits stay cheap
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql(connection.get_execution_options().get("sqlite_begin", "BEGIN"))

    return engine


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", normalize_url(url).replace("%", "%%"))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision`; safe when several processes start at once.

    The whole upgrade runs in one transaction holding a lock (a PostgreSQL advisory lock,
    SQLite's write lock), so a second process waits, then finds nothing left to do.
    """
    target = head_revision() if revision == "head" else revision
    current = current_revision(engine)
    if current == target:
        return
    if current is not None and current not in _known_revisions():
        raise StoreError(f"the database is at schema revision {current!r}, newer than this reqbot knows "
                         f"(latest {head_revision()!r}); upgrade reqbot before using this database")
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
