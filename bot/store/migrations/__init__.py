"""Alembic migrations of the reqbot database (run by bot.store.db.upgrade)."""
