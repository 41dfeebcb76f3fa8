"""The checklist knowledge base: which files it holds and how they become sections."""
