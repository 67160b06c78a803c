"""What briefing wrote, so that an officer's edits are never overwritten, and carried forward.

The ledger is a small JSON file beside the briefings (``.briefing-ledger.json``). For each
briefing file it keeps:

* the hash of the bytes we wrote: a file that still hashes to it is ours to replace; anything
  else (edited in Word, or a file we never wrote) is left alone and the new briefing goes
  beside it;
* the paragraphs we wrote (`Block`s): the base of the three-way merge that carries the
  officer's edits into the next briefing (`briefing.carry`);

and for each briefing name (``briefing.docx`` and its ``-new`` files together) the number each
source was given, so that a source keeps its number across rebuilds.

Files are written with the user's umask (0644 under the usual 022), through a temporary file
and a rename, so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .docx.blocks import Block

LEDGER_NAME = ".briefing-ledger.json"
LEDGER_VERSION = 2


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _umask() -> int:
    """The process's umask (read without changing it where Linux tells it; else set and put back)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: Path, write: Callable[[object], None], *, binary: bool = True) -> None:
    """Write `path` through a temporary file beside it and a rename, with the permissions a
    newly created file gets under the user's umask (mkstemp's own are 0600).

    Raises:
        OSError: the folder cannot be written; the temporary file is removed.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def family(output: Path) -> str:
    """The name a briefing's "-new" files share with it: "briefing.docx" for "briefing-new-2.docx"."""
    stem = output.stem
    head, sep, tail = stem.rpartition("-new")
    if sep and (tail == "" or (tail.startswith("-") and tail[1:].isdigit())):
        stem = head
    return stem + output.suffix


class Ledger:
    """The briefings written into one folder: their hashes, paragraphs and source numbers."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / LEDGER_NAME
        self._files: dict[str, dict] = {}
        self._sources: dict[str, dict[str, list]] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}  # no ledger yet, or a damaged one: every existing file counts as edited
        if isinstance(data, dict) and data.get("version") == LEDGER_VERSION:
            self._files = data.get("files") or {}
            self._sources = data.get("sources") or {}
        elif isinstance(data, dict):  # version 1: {file name: hash}
            self._files = {name: {"hash": h} for name, h in data.items() if isinstance(h, str)}

    def unchanged(self, file: Path) -> bool:
        """True when `file` is exactly what we last wrote there (or does not exist)."""
        if not file.exists():
            return True
        recorded = self._files.get(file.name, {}).get("hash")
        return recorded is not None and recorded == file_hash(file)

    def written(self, file: Path) -> tuple[Block, ...] | None:
        """The paragraphs we wrote into `file`, when the ledger remembers them."""
        blocks = self._files.get(file.name, {}).get("blocks")
        if blocks is None:
            return None
        return tuple(Block(text, tuple(notes), 0) for text, notes in blocks)

    def last_edited(self, output: Path) -> Path | None:
        """The officer's latest version of the briefing `output` names: of the files of its
        family that were changed since we wrote them and whose paragraphs we remember, the one
        modified last."""
        name = family(output)
        edited = [output.parent / n for n, entry in self._files.items()
                  if family(Path(n)) == name and "blocks" in entry and (output.parent / n).exists()
                  and not self.unchanged(output.parent / n)]
        return max(edited, key=lambda p: p.stat().st_mtime, default=None)

    def source_numbers(self, output: Path) -> dict[str, tuple[int, str]]:
        """Article id -> (its number, its label) in the briefings `output` names, so far."""
        return {aid: (int(n), label) for aid, (n, label) in self._sources.get(family(output), {}).items()}

    def record(self, file: Path, blocks: tuple[Block, ...] = (),
               sources: dict[str, tuple[int, str]] | None = None) -> None:
        """Remember what we just wrote into `file`: its hash, its paragraphs and, for its family,
        the source numbers (numbers only ever added: a removed source keeps its number)."""
        self._files[file.name] = {"hash": file_hash(file), "blocks": [[b.text, list(b.notes)] for b in blocks]}
        if sources is not None:
            known = self._sources.setdefault(family(file), {})
            known.update({aid: [n, label] for aid, (n, label) in sources.items()})
        data = {"version": LEDGER_VERSION, "files": self._files, "sources": self._sources}
        write_atomically(self.path, lambda fh: json.dump(data, fh, indent=1, sort_keys=True, ensure_ascii=False),
                         binary=False)


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
