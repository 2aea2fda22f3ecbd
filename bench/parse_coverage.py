"""Parse coverage of amendatory instructions over the real bills in ../shared/bills/.

An instruction counts as parsed only when it parses into amendment objects that each carry what
the instruction does as data (every amendment type is a verb with its fields), on a
target that is a `Cite` or — for law a Cite cannot name, such as a section of an Act the Code
carries as a note or a subheading of the Harmonized Tariff Schedule — a `Container`. Prints that
share for the 119th-Congress bills (billdtd/119_*.xml), for uslm/114hr644enr_good.xml per
`<amendingAction>` tag (an instruction's tags count as parsed when the instruction does) and per
instruction, for uslm-samples/ and for every bill file together, with how many parsed
instructions amend law outside the loaded Code (a Container target); then the most frequent
"stopped at" phrases of the instructions that did not parse (with --show: every one of them,
grouped by phrase, most frequent first, each with its bill file, label, error and words). Act names resolve through an
`ActIndex` built from the sections in ../shared/uslm/.
Run: PYTHONPATH=src python bench/parse_coverage.py [--show] [--also FOLDER]. Exit code 0 when every target is met
(95% of the 119th-Congress bills and of all bills, 90% of H.R. 644 by tag).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from billdraft.amendments import BILL_AMENDMENT_TYPES, outside_target
from billdraft.bills import read_bill
from billdraft.cite import ActIndex
from billdraft.errors import BilldraftError
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
    return [r for _, r in parse_files_named(paths, acts)]


def parse_files_named(
    paths: Iterable[Path], acts: ActIndex | None
) -> list[tuple[str, ParsedInstruction]]:
    """Every instruction of every bill, parsed, with the name of the bill file it comes from."""
    out: list[tuple[str, ParsedInstruction]] = []
    for p in paths:
        out += [(p.name, r) for r in parse_bill(read_bill(p), acts=acts)]
    return out


def structured(r: ParsedInstruction) -> bool:
    """Whether the instruction parsed and every amendment carries its action as data."""
    return r.amendments is not None and all(
        isinstance(a, BILL_AMENDMENT_TYPES) for a in r.amendments
    )


def phrase(r: ParsedInstruction) -> str:
    """The phrase an instruction not structured is grouped under in the list of misses."""
    if r.error is None:
        return "(parsed, but an amendment keeps its action only in words)"
    return r.error.stopped_at[:60] or "(no phrase)"


def outside(r: ParsedInstruction) -> bool:
    """Whether a parsed instruction amends law outside the loaded Code (a Container target)."""
    return any(outside_target(a) is not None for a in r.amendments or ())


def report(
    name: str, results: list[ParsedInstruction], target: float | None, *, per_tag: bool = False
) -> float:
    """Print one line of coverage and return the share parsed structurally."""

    def weight(r: ParsedInstruction) -> int:
        return r.instruction.actions if per_tag else 1

    n = sum(weight(r) for r in results)
    ok = sum(weight(r) for r in results if structured(r))
    out = sum(weight(r) for r in results if structured(r) and outside(r))
    unit = "tags" if per_tag else "instr."
    share = ok / n if n else 1.0
    goal = f"  (target {target:.0%})" if target is not None else ""
    print(
        f"{name:<40} {ok:>5} / {n:<5} {unit:<6} parsed = {share:6.1%}"
        f"  [{out:>4} of them outside the Code]{goal}"
    )
    return share


def _is_bill(path: Path) -> bool:
    """Whether the file reads as a bill (other USLM documents — the Code, rules — do not)."""
    try:
        read_bill(path)
    except BilldraftError:  # the Code, a rule, a file that is not a bill
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Measure and print coverage; exit 1 when a target is missed."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--top", type=int, default=25, help="how many stopped-at phrases to show")
    ap.add_argument("--show", action="store_true", help="print every unparsed instruction")
    ap.add_argument(
        "--also",
        type=Path,
        action="append",
        default=[],
        metavar="FOLDER",
        help="also report every bill file in FOLDER (e.g. a checkout of usgpo/uslm), no target",
    )
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
    named = parse_files_named(every, acts)
    everything = [r for _, r in named]
    met &= report("all bills", everything, 0.95) >= 0.95
    for folder in args.also:
        known = {p.name.lower() for p in every}
        extra = sorted(
            p
            for p in folder.rglob("*")
            if p.suffix.lower() == ".xml" and p.name.lower() not in known and _is_bill(p)
        )
        report(
            f"{folder} ({len(extra)} bill files not in ../shared)", parse_files(extra, acts), None
        )
    misses = [(f, r) for f, r in named if not structured(r)]
    print(f"{len(misses)} instruction(s) not structured, of {len(everything)}")
    groups: dict[str, list[tuple[str, ParsedInstruction]]] = {}
    for f, r in misses:
        groups.setdefault(phrase(r), []).append((f, r))
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    if args.show:
        print("\nEvery instruction not structured, grouped by the phrase parsing stopped at:")
        for key, rows in ranked:
            print(f"\n{len(rows):>4}  {key}")
            for f, r in rows:
                message = r.error.message if r.error is not None else "(no error)"
                print(f"      - {f} {r.instruction.label}: {message}")
                print(f"        {r.instruction.text[:300]}")
    else:
        print(f"\nTop {args.top} phrases the grammar stopped at (all bills; --show lists all):")
        for key, rows in ranked[: args.top]:
            print(f"{len(rows):>5}  {key}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
