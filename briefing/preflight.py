"""Checks run before any slow work: is there a folder of articles (or a briefing to check), and
can the briefing be written where the user asked? A build reads every article and may load a
model before it writes; an output it cannot write should be said in a second, not after minutes.

Example:
    >>> check_output(Path("reports"))  # an existing folder: the briefing goes inside it
    PosixPath('reports/briefing.docx')
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from .errors import BriefingError, UsageError

# A briefing is well under 1 MB and is written beside the old one before the rename, but a disk
# this close to full also holds the cache and the ledger, and SQLite fails oddly when it fills:
# 50 MB is the margin below which we would rather stop now than fail at the end.
MIN_FREE_BYTES = 50 * 1024 * 1024

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "it is on a read-only file system",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    # The folder exists, yet creating a file in it says "no such file": /proc and the like.
    errno.ENOENT: "it does not accept new files",
}


def check_folder(folder: Path) -> Path:
    """`folder`, if it is a folder of articles to read.

    Raises:
        UsageError: it does not exist, or is a file.
    """
    folder = Path(folder)
    if folder.is_dir():
        return folder
    if folder.exists():
        raise UsageError(f"{folder} is a file, not a folder; give the folder that holds the articles.")
    raise UsageError(f"{folder} is not a folder: it does not exist.")


def check_briefing(path: Path) -> Path:
    """`path`, if it is a Word briefing to read (`briefing check`).

    Raises:
        UsageError: it does not exist, is a folder, or is not a .docx file.
    """
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give the briefing's .docx file (briefing build writes "
                         f"output/briefing.docx).")
    if not path.exists():
        raise UsageError(f"{path} does not exist; give the briefing's .docx file (briefing build writes "
                         f"output/briefing.docx).")
    if path.suffix.lower() != ".docx":
        raise UsageError(f"Cannot check {path}: a briefing is a Word .docx file.")
    return path


def check_output(output: Path, *, template: Path | None = None) -> Path:
    """The .docx file a build writes for `-o output`, once it is known that it can be written.

    A folder means `folder/briefing.docx`, as for `build_briefing`. Nothing is created: the
    nearest folder that exists on the way to the file is checked instead (a missing output folder
    is made when the briefing is written), by creating and removing a temporary file in it,
    since `os.access` answers from permission bits that some mounts do not enforce.

    Raises:
        UsageError: the name is not .docx, a file stands where a folder is needed, or the
            template is missing or not a Word file (exit 2: the user's own choice).
        BriefingError: the folder refuses new files or the disk is nearly full, or the template
            does not open (exit 1).
    """
    output = Path(output).expanduser()
    target = output / "briefing.docx" if output.is_dir() else output
    if target.suffix.lower() != ".docx":
        raise UsageError(f"Cannot write {target}: the briefing is a Word file; give a name ending in .docx, "
                         "or a folder.")
    if target.is_dir():  # "-o reports/briefing.docx" where that name is a folder
        raise UsageError(f"Cannot write {target}: it is a folder; give a file name with -o.")
    folder = _nearest_existing(target.parent, target)
    if not folder.is_dir():
        raise UsageError(f"Cannot write {target}: {folder} is a file, not a folder.")
    _check_writable(folder, target)
    free = shutil.disk_usage(folder).free
    if free < MIN_FREE_BYTES:
        raise BriefingError(f"Cannot write {target}: only {free // (1024 * 1024)} MB free on the disk holding "
                            f"{folder} (briefing needs {MIN_FREE_BYTES // (1024 * 1024)} MB). Free some space or "
                            "choose another place with -o.")
    if template is not None:
        _check_template(Path(template).expanduser())
    return target


def _nearest_existing(folder: Path, target: Path) -> Path:
    """`folder` or its nearest ancestor that exists (as a folder or as a file)."""
    path = folder
    while True:
        try:
            os.stat(path)
            return path
        except (FileNotFoundError, NotADirectoryError):  # missing, or under a file: look higher
            if path.parent == path:
                return path
            path = path.parent
        except OSError as exc:  # e.g. a folder on the way we may not look into
            raise BriefingError(f"Cannot write {target}: {path} cannot be reached ({_reason(exc)}).") from exc


def _check_writable(folder: Path, target: Path) -> None:
    try:
        fd, probe = tempfile.mkstemp(prefix=".briefing-check-", dir=folder)
    except OSError as exc:
        raise BriefingError(f"Cannot write {target}: {folder} is not writable ({_reason(exc)}). "
                            "Choose another place with -o.") from exc
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:  # the probe is hidden and empty; a folder we may create in but not delete from is rare
        pass


def _check_template(template: Path) -> None:
    if not template.is_file():
        what = "is a folder" if template.is_dir() else "does not exist"
        raise UsageError(f"Cannot use template {template}: it {what}; give a Word .docx or .dotx file.")
    if template.suffix.lower() not in (".docx", ".dotx"):
        raise UsageError(f"Cannot use template {template}: use a Word .docx or .dotx file.")
    from .assemble import (
        open_template,  # python-docx: imported only when a template is given
    )

    open_template(template)


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno, (exc.strerror or str(exc)).lower())
