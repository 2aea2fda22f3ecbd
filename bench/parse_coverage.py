"""Parse coverage of amendatory instructions over the real bills in ../shared/bills/.

Prints the share of instructions that parse into amendment objects for the 119th-Congress bills
(billdtd/119_*.xml), for uslm/114hr644enr_good.xml counted per `<amendingAction>` tag (an
instruction's tags count as parsed when the instruction parses) and per instruction, for
uslm-samples/ overall and for every bill file together, then the most frequent "stopped at"
phrases of the instructions that did not parse. Act names resolve through an `ActIndex` built from
the sections in ../shared/uslm/. Run: PYTHONPATH=src python bench/parse_coverage.py [--show]
Exit code 0 when both targets are met.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from billdraft.bills import read_bill
from billdraft.cite import ActIndex
from billdraft.instructions.parse import ParsedInstruction, parse_bill
from billdraft.statute import load

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BILLS = SHARED / "bills"


def act_index() -> ActIndex | None:
    """The Act-section index of every section under ../shared/uslm/, or None if it is absent."""
    usc = SHARED / "uslm"
    folders = [p for p in (usc / "usc19", usc / "dev-sections" / "usc26") if p.is_dir()]
    return load(*folders).acts if folders else None


def parse_files(paths: Iterable[Path], acts: ActIndex | None) -> list[ParsedInstruction]:
    """Every instruction of every bill, parsed."""
    out: list[ParsedInstruction] = []
    for p in paths:
        out += parse_bill(read_bill(p), acts=acts)
    return out


def report(
    name: str, results: list[ParsedInstruction], target: float | None, *, per_tag: bool = False
) -> float:
    """Print one line of coverage and return the share parsed."""
    if per_tag:
        n = sum(r.instruction.actions for r in results)
        ok = sum(r.instruction.actions for r in results if r.parsed)
        unit = "tags"
    else:
        n = len(results)
        ok = sum(1 for r in results if r.parsed)
        unit = "instr."
    share = ok / n if n else 1.0
    goal = f"  (target {target:.0%})" if target is not None else ""
    print(f"{name:<40} {ok:>5} / {n:<5} {unit:<6} parsed = {share:6.1%}{goal}")
    return share


def main(argv: list[str] | None = None) -> int:
    """Measure and print coverage; exit 1 when a target is missed."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--top", type=int, default=25, help="how many stopped-at phrases to show")
    ap.add_argument("--show", action="store_true", help="print every unparsed instruction")
    args = ap.parse_args(argv)
    if not BILLS.is_dir():
        print(f"no bills at {BILLS}", file=sys.stderr)
        return 2
    acts = act_index()
    hr644 = [BILLS / "uslm" / "114hr644enr_good.xml"]
    samples = sorted((BILLS / "uslm-samples").glob("*.[xX][mM][lL]"))
    every = (
        sorted((BILLS / "billdtd").glob("*.xml")) + sorted((BILLS / "uslm").glob("*.xml")) + samples
    )
    met = True
    r119 = parse_files(sorted((BILLS / "billdtd").glob("119_*.xml")), acts)
    met &= report("119th Congress (billdtd/119_*)", r119, 0.95) >= 0.95
    r644 = parse_files(hr644, acts)
    met &= report("114hr644enr, per <amendingAction> tag", r644, 0.90, per_tag=True) >= 0.90
    report("114hr644enr, per instruction", r644, None)
    report("uslm-samples/ overall", parse_files(samples, acts), None)
    everything = parse_files(every, acts)
    report("all bills", everything, None)
    failures: Counter[str] = Counter()
    for r in everything:
        if r.error is not None:
            failures[r.error.stopped_at[:60]] += 1
            if args.show:
                print(
                    f"--- {r.instruction.label}: {r.error.message}\n    "
                    f"{r.instruction.text[:400]}"
                )
    print(f"\nTop {args.top} phrases the grammar stopped at (all bills):")
    for phrase, count in failures.most_common(args.top):
        print(f"{count:>5}  {phrase}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
