"""The USLM importer: official OLRC XML in, one file per Code section out (`statutes/`).

The importer keeps the official markup untouched. Besides the sections it writes `acts.json`, the
Act names it derived from the notes of every section it read (e.g. `93-618` → `Trade Act of 1974`);
together with the source credits of the loaded sections that yields the Act-section ⇄ U.S.C. mapping.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .cite import ActIndex, Cite
from .errors import CitationError, NoSectionsError, OutputError
from .statute import ACTS_FILE, sections_of
from .uslm import serialize

# Section numbers: 2432, 2432a, 1677f–1 (the Code writes an en dash; accept any hyphen-like dash).
_SECTION_NUM = re.compile(r"^(\d+)([A-Za-z0-9\-\u2010\u2011\u2013\u2212]*)$")


@dataclass(frozen=True)
class SectionRange:
    """An inclusive range of Code section numbers, e.g. `2431-2441` (suffixed ones like 2432a fall inside)."""

    first: int
    last: int

    @classmethod
    def parse(cls, text: str) -> SectionRange:
        """Parse `2431-2441` or a single number `2432`."""
        parts = [p.strip() for p in re.split(r"[-–]", text.strip())]
        try:
            nums = [int(p) for p in parts]
        except ValueError:
            raise CitationError(
                f"expected a section range such as 2431-2441, found {text!r}"
            ) from None
        if len(nums) == 1:
            return cls(nums[0], nums[0])
        if len(nums) != 2 or nums[0] > nums[1]:
            raise CitationError(f"expected a section range such as 2431-2441, found {text!r}")
        return cls(nums[0], nums[1])

    def __contains__(self, section: object) -> bool:
        if not isinstance(section, str):
            return False
        match = _SECTION_NUM.match(section)
        return match is not None and self.first <= int(match.group(1)) <= self.last


@dataclass
class ImportReport:
    """What an import read and wrote."""

    read: int = 0
    written: list[Path] = field(default_factory=list)
    act_names: dict[str, str] = field(default_factory=dict)


def _source_files(sources: Iterable[str | Path]) -> Iterator[Path]:
    for given in sources:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".xml")
            if not files:
                raise NoSectionsError(
                    "expected USLM files (*.xml) in the folder, found none", path=path
                )
            yield from files
        elif path.is_file():
            yield path
        else:
            raise NoSectionsError("expected a USLM file or folder, found nothing there", path=path)


def import_uslm(
    sources: Iterable[str | Path],
    out: str | Path,
    *,
    select: Callable[[Cite], bool] | None = None,
    progress: bool | None = None,
) -> ImportReport:
    """Read OLRC USLM (section files, folders, whole-title files) and write one file per section.

    The sections are written into a temporary folder beside `out` and moved into it only when
    every source was read: a source that fails half-way leaves `out` as it was."""
    files = list(_source_files(sources))
    final = Path(out)
    if final.exists() and not final.is_dir():
        raise OutputError("expected a folder to write the sections into, found a file", path=final)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.billdraft-", dir=final.parent))
    try:
        report = _import_into(files, staging, select, progress)
        final.mkdir(exist_ok=True)
        for path in sorted(staging.iterdir()):
            os.replace(path, final / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.written = [final / p.name for p in report.written]
    return report


def _import_into(
    files: list[Path],
    out_dir: Path,
    select: Callable[[Cite], bool] | None,
    progress: bool | None,
) -> ImportReport:
    report = ImportReport()
    show = sys.stderr.isatty() if progress is None else progress
    acts = ActIndex()  # names are voted over every section read, so a typo in one note loses
    for section in _with_progress(files, show):
        acts.add_section_element(section)
        report.read += 1
        cite = Cite.from_identifier(section.get("identifier", ""))
        if select is not None and not select(cite):
            continue
        path = out_dir / f"{cite.section}.xml"
        path.write_bytes(serialize(section))
        report.written.append(path)
    if report.read == 0:
        raise NoSectionsError(
            "expected at least one U.S. Code <section> in the sources, found none"
        )
    report.act_names = dict(acts.names)
    (out_dir / ACTS_FILE).write_text(ActIndex(names=report.act_names).to_json(), encoding="utf-8")
    return report


def _with_progress(files: list[Path], show: bool) -> Iterator[etree._Element]:
    """Stream the sections of every file, with a progress bar over files when `show`."""
    if not show:
        for file in files:
            yield from sections_of(file)
        return
    from rich.console import Console
    from rich.progress import Progress

    # The bar goes to stderr (the stream whose terminal-ness decided to show it), never stdout.
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("importing USLM", total=len(files))
        for file in files:
            bar.update(task, description=f"importing {file.name}")
            yield from sections_of(file)
            bar.advance(task)
