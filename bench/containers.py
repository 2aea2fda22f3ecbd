"""Benchmark: a whole title loaded with its containers, amended at the chapter level and written.

    python bench/containers.py [--repeat 3]

Builds one whole-title file of every section of Title 19 in `../shared/uslm/usc19` (874 sections
in one chapter, with its table of sections; `tests/make_title.py`), then times, best of N:

* ``stream``  — `iter_title_sections` over the file, keeping nothing (what `import-uslm` reads);
* ``load``    — `billdraft.load(file)`: the sections and the outline (containers, tables, stubs);
* ``amend``   — apply a new section, a redesignated section and two table items;
* ``write``   — `Statute.write_title` of the amended title.

Prints each time and ``load`` as a ratio to ``stream`` (the cost of keeping the containers).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from billdraft.amendments import (
    AmendTableOfContents,
    AnyAmendment,
    InsertProvisions,
    Redesignate,
    Section,
)
from billdraft.apply import apply
from billdraft.cite import Cite, Container
from billdraft.statute import load
from billdraft.uslm import iter_title_sections

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
make_title = importlib.import_module("make_title")  # the whole-title builder the tests use
T = TypeVar("T")

SECTIONS = ROOT.parent / "shared" / "uslm" / "usc19"
WHOLE = make_title.Level(
    "title",
    "19",
    "CUSTOMS DUTIES",
    levels=(make_title.Level("chapter", "1", "ALL SECTIONS", sections=("1..99999",)),),
)


def best(fn: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The best time of `repeat` (at least one) runs, and the last result."""
    times = []
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main() -> None:
    """Run the benchmark and print its lines."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = make_title.build_title(SECTIONS, Path(tmp) / "usc19.xml", WHOLE)
        size = path.stat().st_size
        t_stream, n = best(lambda: sum(1 for _ in iter_title_sections(path)), args.repeat)
        t_load, law = best(lambda: load(path), args.repeat)
        chapter = Container("title 19, United States Code", (("chapter", "1"),))
        amendments: list[AnyAmendment] = [
            Redesignate((Cite.parse("19 U.S.C. 2439"),), ("2441",)),
            InsertProvisions(Cite.parse("19 U.S.C. 2438"), (Section("2440", "New", "Text."),)),
            AmendTableOfContents(chapter, ("section 2439",), ("2441. Renumbered.",)),
            AmendTableOfContents(chapter, (), ("2440. New.",), "section 2438"),
        ]
        t_amend, result = best(lambda: apply(law, amendments), args.repeat)
        out = Path(tmp) / "amended.xml"
        t_write, _ = best(lambda: result.statute.write_title(out), args.repeat)
    print(f"whole-title file: {n} sections, {size / 1e6:.1f} MB")
    print(f"stream  {t_stream * 1000:8.0f} ms")
    print(f"load    {t_load * 1000:8.0f} ms  ({t_load / t_stream:.2f}x stream)")
    print(f"amend   {t_amend * 1000:8.0f} ms  (4 chapter-level amendments)")
    print(f"write   {t_write * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
