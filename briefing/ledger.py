"""What briefing wrote: a hash of each briefing file, so an officer's edits are never overwritten.

The ledger is a small JSON file beside the briefings (``.briefing-ledger.json``). A file whose
bytes still hash to what we wrote is ours to replace; anything else (edited in Word, or a file
we never wrote) is left alone and the new briefing goes beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

LEDGER_NAME = ".briefing-ledger.json"


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


class Ledger:
    """Hashes of the briefings written into one folder, by file name."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / LEDGER_NAME
        try:
            self._hashes: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(self._hashes, dict):
                self._hashes = {}
        except (OSError, ValueError):
            self._hashes = {}  # no ledger yet, or a damaged one: every existing file counts as edited

    def unchanged(self, file: Path) -> bool:
        """True when `file` is exactly what we last wrote there (or does not exist)."""
        if not file.exists():
            return True
        recorded = self._hashes.get(file.name)
        return recorded is not None and recorded == file_hash(file)

    def record(self, file: Path) -> None:
        self._hashes[file.name] = file_hash(file)
        fd, tmp = tempfile.mkstemp(prefix=".ledger-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self._hashes, fh, indent=1, sort_keys=True)
            os.replace(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def safe_output_path(path: Path, ledger: Ledger, *, force: bool = False) -> Path:
    """Where to write: `path` itself, or the first free "<stem>-new[-N]" name beside it.

    `path` is used when it does not exist, is unchanged since we wrote it, or `force` is set.
    A "-new" file is reused only while it too is unchanged since we wrote it.
    """
    if force or ledger.unchanged(path):
        return path
    n = 1
    while True:
        candidate = path.with_name(f"{path.stem}-new{'' if n == 1 else f'-{n}'}{path.suffix}")
        if ledger.unchanged(candidate):
            return candidate
        n += 1
