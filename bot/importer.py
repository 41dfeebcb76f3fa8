"""Import interview notes taken outside Slack (the transcript JSON format of bot/transcripts.py).

The whole file is validated before anything is stored, then stored in one transaction,
so a bad file changes nothing and a re-import of the same file changes nothing either.
"""
from __future__ import annotations

from pathlib import Path

from bot.store import ImportResult, Store
from bot.transcripts import load_transcript


def import_file(path: Path | str, project: str | None = None, store: Store | None = None) -> ImportResult:
    """Import `path` into `project` (default: the file's own project name).

    Raises bot.transcripts.TranscriptError (message names the bad field and its position)
    for a file that cannot be read or is invalid; nothing is stored then.
    """
    transcript = load_transcript(Path(path))
    if store is not None:
        return store.import_transcript(transcript, project)
    with Store.from_settings() as own_store:
        return own_store.import_transcript(transcript, project)
