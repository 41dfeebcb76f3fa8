"""Which knowledge files reqbot knows: the bundled checklist plus a company's own.

Bundled files live in the repository's `knowledge/` folder (REQBOT_KNOWLEDGE_DIR);
`reqbot knowledge add` copies a company's files into `$REQBOT_HOME/knowledge/`, so the
bundled ones are never edited in place.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from pydantic import BaseModel

from bot.config import Settings, get_settings
from bot.knowledge.documents import SUPPORTED_SUFFIXES, KnowledgeFileError, load_sections
from bot.models import Section


class KnowledgeSource(BaseModel):
    name: str
    path: Path
    language: str
    sections: int
    bundled: bool


def knowledge_files(settings: Settings | None = None) -> list[Path]:
    settings = settings or get_settings()
    files: list[Path] = []
    for folder in (settings.knowledge_dir, settings.user_knowledge_dir):
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir()
                            if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    return files


def content_hash(files: list[Path]) -> str:
    """Changes exactly when a knowledge file is added, removed, renamed or edited."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def load_all_sections(files: list[Path] | None = None) -> list[Section]:
    sections: list[Section] = []
    for path in files if files is not None else knowledge_files():
        sections += load_sections(path)
    return sections


def list_sources(settings: Settings | None = None) -> list[KnowledgeSource]:
    settings = settings or get_settings()
    result = []
    for path in knowledge_files(settings):
        sections = load_sections(path)
        result.append(KnowledgeSource(
            name=path.name, path=path, language=sections[0].language if sections else "?",
            sections=len(sections), bundled=path.parent == settings.knowledge_dir,
        ))
    return result


def add_knowledge_file(path: Path, settings: Settings | None = None) -> KnowledgeSource:
    """Validate a file and copy it into the user's knowledge folder (replacing one of the same name)."""
    settings = settings or get_settings()
    path = Path(path)
    sections = load_sections(path)          # raises KnowledgeFileError with a clear message
    if (settings.knowledge_dir / path.name).exists():
        raise KnowledgeFileError(f"{path.name}: a bundled knowledge file has that name; rename your file")
    target_dir = settings.user_knowledge_dir
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / path.name
    temp = target.with_name(target.name + ".tmp")
    shutil.copyfile(path, temp)
    temp.replace(target)
    return KnowledgeSource(name=target.name, path=target, language=sections[0].language,
                           sections=len(sections), bundled=False)
