"""Benchmark: comparing two versions of H.R. 1865, as a ratio to parsing them. Goal: <= 5x.

"Parsing them" is what reading a bill's instructions costs anyway: `read_bill` and `parse_bill`
(the grammar) of both files. Comparing is `compare_bills`: both files read and parsed, their
divisions, titles, sections and appropriations paragraphs aligned and diffed word by word, and
(with the law) both versions' instructions applied to Title 19 and the law under each compared.

Three pairs:

* the real pair, the Senate's engrossed amendment (3.8 KB: a SEC. 9) and the House's amendment
  to it (3.3 MB: the Further Consolidated Appropriations Act, 2020);
* the House's text against itself changed in known ways in every division (a section struck,
  one renumbered, one moved to another division, words changed in one), 3.3 MB on both sides,
  generated in a temporary folder at each run.

Usage: python bench/compare_bills.py [path/to/shared]
"""

from __future__ import annotations

import copy
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from billdraft import compare_bills, load
from billdraft.bills import read_bill
from billdraft.instructions.parse import parse_bill

SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared"
SAMPLES = SHARED / "bills/uslm-samples"
EAS = SAMPLES / "BILLS-116hr1865eas.xml"
EAH = SAMPLES / "BILLS-116hr1865eah.xml"
USLM = "{http://schemas.gpo.gov/xml/uslm}"


def best(f: object, runs: int = 2) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def parse_both(a: Path, b: Path) -> None:
    for p in (a, b):
        parse_bill(read_bill(p))


def changed_copy(source: Path, out: Path) -> dict[str, int]:
    """The House's text with, in each division, its first section struck, its second
    renumbered, its third moved to the end of the next division, and words of its fourth changed."""
    tree = etree.parse(str(source))
    divisions = [d for d in tree.iter(f"{USLM}division")]
    done = {"struck": 0, "renumbered": 0, "moved": 0, "changed": 0}
    for k, div in enumerate(divisions):
        secs = [s for s in div.iter(f"{USLM}section") if s.find(f"{USLM}num") is not None]
        secs = [
            s for s in secs if not any(a.tag == f"{USLM}quotedContent" for a in s.iterancestors())
        ]
        if len(secs) < 4:
            continue
        secs[0].getparent().remove(secs[0])
        done["struck"] += 1
        num = secs[1].find(f"{USLM}num")
        value = num.get("value", "")
        num.set("value", value + "A")
        num.text = (num.text or "").replace(value, value + "A")
        done["renumbered"] += 1
        target = divisions[(k + 1) % len(divisions)]
        moved = copy.deepcopy(secs[2])
        secs[2].getparent().remove(secs[2])
        target.append(moved)
        done["moved"] += 1
        for el in secs[3].iter():
            if el.text and " the " in el.text:
                el.text = el.text.replace(" the ", " such ", 1)
                done["changed"] += 1
                break
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    return done


def report(name: str, old: Path, new: Path, statute: object) -> None:
    parse = best(lambda: parse_both(old, new))
    text_only = best(lambda: compare_bills(old, new))
    with_law = best(lambda: compare_bills(old, new, statute))  # type: ignore[arg-type]
    c = compare_bills(old, new)
    counts = c.counts()
    print(f"{name}:")
    print(
        f"  sections: {counts['old']} / {counts['new']}; matched {counts['matched']}, "
        f"moved {counts['moved']}, renumbered {counts['renumbered']}, added {counts['added']}, "
        f"struck {counts['struck']}, changed {counts['changed']}"
    )
    print(f"  parse (read_bill + parse_bill of both): {parse:.2f} s")
    print(f"  compare_bills, text only:  {text_only:.2f} s  ({text_only / parse:.2f}x parse)")
    print(
        f"  compare_bills, with Title 19: {with_law:.2f} s  ({with_law / parse:.2f}x parse; goal <= 5x)"
    )


def main() -> None:
    if not EAH.is_file():
        sys.exit(f"expected {EAH} (the shared reference data), found nothing there")
    statute = load(SHARED / "uslm/usc19")
    report("H.R. 1865, Senate amendment (EAS) -> House amendment (EAH)", EAS, EAH, statute)
    with tempfile.TemporaryDirectory() as tmp:
        changed = Path(tmp) / "eah-changed.xml"
        done = changed_copy(EAH, changed)
        print(f"\n(changes made to the copy: {done})")
        report("H.R. 1865 EAH -> the same changed in every division", EAH, changed, statute)


if __name__ == "__main__":
    main()
