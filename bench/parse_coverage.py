"""Parse coverage of amendatory instructions over the real bills in ../shared/bills/.

Prints the share of instructions that parse into amendment objects for the 119th-Congress bills
(billdtd/119_*.xml), for the <amendingAction> instructions of uslm/114hr644enr_good.xml, for
uslm-samples/ overall and for every bill file together, then the most frequent "stopped at"
phrases of the instructions that did not parse. Run: PYTHONPATH=src python bench/parse_coverage.py
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from billdraft.bills import read_bill
from billdraft.instructions.parse import ParsedInstruction, parse_bill

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "bills"


def parse_files(paths: Iterable[Path], *, tagged_only: bool = False) -> list[ParsedInstruction]:
    out: list[ParsedInstruction] = []
    for p in paths:
        bill = read_bill(p)
        results = parse_bill(bill)
        if tagged_only:
            raw = p.read_text(encoding="utf-8")
            if "amendingAction" not in raw:
                continue
        out += results
    return out


def report(name: str, results: list[ParsedInstruction], target: float | None) -> float:
    n = len(results)
    ok = sum(1 for r in results if r.parsed)
    share = ok / n if n else 1.0
    goal = f"  (target {target:.0%})" if target is not None else ""
    print(f"{name:<34} {ok:>5} / {n:<5} parsed = {share:6.1%}{goal}")
    return share


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--top", type=int, default=25, help="how many stopped-at phrases to show")
    ap.add_argument("--show", action="store_true", help="print every unparsed instruction")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"no bills at {SHARED}", file=sys.stderr)
        return 2
    groups = {
        "119th Congress (billdtd/119_*)": (sorted((SHARED / "billdtd").glob("119_*.xml")), 0.95),
        "114hr644enr <amendingAction>": ([SHARED / "uslm" / "114hr644enr_good.xml"], 0.90),
        "uslm-samples/ overall": (sorted((SHARED / "uslm-samples").glob("*.[xX][mM][lL]")), None),
        "all bills": (
            sorted((SHARED / "billdtd").glob("*.xml"))
            + sorted((SHARED / "uslm").glob("*.xml"))
            + sorted((SHARED / "uslm-samples").glob("*.[xX][mM][lL]")),
            None,
        ),
    }
    failures: Counter[str] = Counter()
    met = True
    for name, (paths, target) in groups.items():
        results = parse_files(paths)
        share = report(name, results, target)
        if target is not None and share < target:
            met = False
        if name == "all bills":
            for r in results:
                if r.error is not None:
                    failures[r.error.stopped_at] += 1
                    if args.show:
                        print(f"--- {r.instruction.label}: {r.error.message}\n    "
                              f"{r.instruction.text[:400]}")
    print(f"\nTop {args.top} phrases the grammar stopped at (all bills):")
    for phrase, count in failures.most_common(args.top):
        print(f"{count:>5}  {phrase}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
