"""Saving a document atomically: a temp file in the target folder, then os.replace.

A reader never sees a half-written file and a failure leaves the previous version (or
nothing) in place, with no temp file behind.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bot.spec.errors import SpecError


def check_output_path(out: Path) -> Path:
    """The path to write, or SpecError saying why it cannot be written."""
    out = Path(out).expanduser()
    if out.suffix.lower() != ".docx":
        raise SpecError(f"{out}: the output file must end in .docx")
    if out.is_dir():
        raise SpecError(f"{out} is a directory; give a file name ending in .docx")
    if not out.parent.is_dir():
        raise SpecError(f"output directory {out.parent} does not exist; create it first")
    if not os.access(out.parent, os.W_OK):
        raise SpecError(f"output directory {out.parent} is not writable")
    return out


def _umask() -> int:
    # Read, not set-and-restore: os.umask() would briefly change it for every thread.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def save_atomically(document, out: Path) -> Path:
    """Write `document` (python-docx) to `out`; returns the absolute path written."""
    out = check_output_path(out)
    fd, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            document.save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_umask())      # mkstemp makes 0600; a document is an ordinary file
        os.replace(temp, out)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise SpecError(f"could not write {out}: {exc.strerror or exc}") from exc
        raise
    return out.resolve()
