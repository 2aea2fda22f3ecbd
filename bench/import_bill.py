"""Benchmark: import H.R. 644 (114th Congress) against Title 19, vs. a plain lxml parse of Title 19.

Usage: ``python bench/import_bill.py [BILL] [--statutes FOLDER] [--repeat N]`` (defaults:
``../shared/bills/uslm/114hr644enr_good.xml`` and ``../shared/uslm/usc19``). Best of N, it times:

* ``lxml``        — ``etree.parse`` of every Title 19 file (no safety checks, no model);
* ``import-bill`` — what ``billdraft import-bill BILL --statutes FOLDER`` does before printing:
  ``load`` the folder, read and parse the bill, apply every instruction (with the already-in-law
  checks) and build the report; then, separately, ``load`` alone and the bill's read and parse
  alone, so the rest (apply, checks, report) is shown too.

It prints the import's ratio to the lxml time (goal ≤ 8×) and the report's counts per status of
the instructions and per outcome of the amendments, which must add up.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_BILL = SHARED / "bills" / "uslm" / "114hr644enr_good.xml"
DEFAULT_DIR = SHARED / "uslm" / "usc19"
GOAL = 8.0


def _best(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    best = float("inf")
    out: object = None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main(argv: list[str] | None = None) -> int:
    """Time the import, print the ratio to lxml and the counts per status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bill", nargs="?", type=Path, default=DEFAULT_BILL)
    ap.add_argument("--statutes", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if not args.bill.is_file() or not args.statutes.is_dir():
        print(f"skipped: {args.bill} or {args.statutes} is absent (../shared/ reference data)")
        return 0
    from billdraft.bill_import import Status, import_bill
    from billdraft.statute import load

    files = sorted(p for p in args.statutes.iterdir() if p.suffix.lower() == ".xml")
    t_lxml, _ = _best(lambda: [etree.parse(str(f)) for f in files], args.repeat)

    def run() -> object:
        return import_bill(args.bill, load(args.statutes))

    t_import, report = _best(run, args.repeat)
    from billdraft.bill_import import BillReport
    from billdraft.bills import read_bill
    from billdraft.instructions.parse import parse_bill

    t_load, statute = _best(lambda: load(args.statutes), args.repeat)
    t_parse, _ = _best(lambda: parse_bill(read_bill(args.bill), acts=statute.acts), args.repeat)

    assert isinstance(report, BillReport)
    ratio = t_import / t_lxml
    print(f"lxml parse of {len(files)} files: {t_lxml * 1000:.0f} ms")
    verdict = "ok" if ratio <= GOAL else "over goal"
    print(
        f"import-bill {args.bill.name}: {t_import * 1000:.0f} ms = {ratio:.1f}x lxml "
        f"(goal <= {GOAL:g}x: {verdict})"
    )
    rest = t_import - t_load - t_parse
    print(
        f"  of which: load {t_load * 1000:.0f} ms, read+parse the bill {t_parse * 1000:.0f} ms "
        f"(the grammar), apply + already-in-law checks + report {rest * 1000:.0f} ms"
    )
    totals = report.totals
    n = len(report.instructions)
    print(f"{n} instruction(s): " + ", ".join(f"{totals[s]} {s.value}" for s in Status))
    marks = report.amendment_totals
    print(f"{sum(marks.values())} amendment(s): " + ", ".join(f"{v} {k}" for k, v in marks.items()))
    if sum(totals.values()) != n:
        print("error: the statuses do not add up to the instructions", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
