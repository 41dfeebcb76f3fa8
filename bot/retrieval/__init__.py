"""Offline, bilingual retrieval over the checklist knowledge base."""
