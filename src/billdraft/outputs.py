"""Output files written all together or not at all.

A command that writes several files (a redline in HTML and in Word, a print and the clean law)
writes each into a temporary file beside its destination and moves them all into place only when
every one was written: a run that fails half-way leaves every destination as it was, so an old file
is never mistaken for this run's.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

__all__ = ["check_file_destination", "staged_files"]


def check_file_destination(path: str | Path) -> Path:
    """The path as a file destination, or OutputError when it is a folder or its folder is missing."""
    target = Path(path)
    if target.is_dir():
        raise OutputError("expected a file, found a folder", path=target)
    parent = target.resolve().parent
    if not parent.is_dir():
        raise OutputError(
            f"expected the folder {target.parent} to exist to write the file into, found nothing "
            "there",
            path=target,
        )
    return target


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def staged_files(*destinations: str | Path | None) -> Iterator[list[Path | None]]:
    """Temporary paths to write `destinations` to (None stays None), moved into place on success.

    Every destination is checked before any work (a folder, or a missing parent folder, is an
    `OutputError`); on an exception every temporary file is removed and no destination is touched.
    """
    targets = [None if d is None else check_file_destination(d) for d in destinations]
    staged: list[Path | None] = []
    try:
        for target in targets:
            if target is None:
                staged.append(None)
                continue
            fd, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=f".billdraft{target.suffix}", dir=target.parent
            )
            os.close(fd)
            os.chmod(name, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
            staged.append(Path(name))
        yield staged
        for temp, target in zip(staged, targets, strict=True):
            if temp is not None and target is not None:
                os.replace(temp, target)
    finally:
        for temp in staged:
            if temp is not None and temp.exists():
                temp.unlink()
