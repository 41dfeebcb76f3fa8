"""Analysis: from interview answers to a prioritized, deduplicated requirement set.

Core module: no Slack, no CLI, no database. The entry point is `analyze`; the helpers
below are exported for the interview engine (spotting needs, numbers and injection
attempts in a single answer).
"""
from bot.analysis.analyze import AUTO, analyze, project_language
from bot.analysis.catalog import Catalog, load_catalog
from bot.analysis.clauses import split_parts, split_sentences
from bot.analysis.cues import cues
from bot.analysis.guard import clean_answer, is_injection, is_small_talk
from bot.analysis.kpis import kpis_from, quantities

__all__ = [
    "analyze", "project_language", "AUTO", "Catalog", "load_catalog", "split_sentences", "split_parts",
    "cues", "clean_answer", "is_injection", "is_small_talk", "kpis_from", "quantities",
]
