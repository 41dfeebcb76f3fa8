"""`reqbot knowledge add|list`: the checklist and a company's own guidance."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from bot.cli.common import console, fail
from bot.knowledge.documents import KnowledgeFileError
from bot.knowledge.library import add_knowledge_file, list_sources


def register(app: typer.Typer) -> None:
    knowledge = typer.Typer(help="Manage the knowledge base the bot searches and cites.", no_args_is_help=True)
    app.add_typer(knowledge, name="knowledge")

    @knowledge.command("add")
    def add(file: Path = typer.Argument(..., help="A .md, .txt or .docx file of guidance.")) -> None:
        """Add (or replace) a knowledge file and rebuild the index.

        Markdown headings carry their section id as `{#ID}` at the end
        (`### 2.4 Returns handling {#2.4}`); headings without one are numbered
        `<file-stem>.<n>`. In .docx files, Word's heading styles mark sections.
        """
        try:
            source = add_knowledge_file(file)
        except KnowledgeFileError as exc:
            fail(str(exc))
        from bot.retrieval.index import clear_index_cache, get_index  # chromadb is slow to import
        clear_index_cache()
        index = get_index()
        console.print(f"added {source.name}: {source.sections} sections ({source.language}); "
                      f"index {'rebuilt' if index.rebuilt else 'up to date'} with {len(index.chunks)} chunks",
                      highlight=False)

    @knowledge.command("list")
    def list_() -> None:
        """Show every knowledge source with its language and section count."""
        try:
            sources = list_sources()
        except KnowledgeFileError as exc:
            fail(str(exc))
        table = Table("source", "language", "sections", "origin")
        for s in sources:
            table.add_row(s.name, s.language, str(s.sections), "bundled" if s.bundled else "added")
        console.print(table)
