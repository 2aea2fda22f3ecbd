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

from billdraft import load
from billdraft.bills import read_bill
from billdraft.compare import compare_versions, read_version
from billdraft.instructions.parse import parse_bill
from billdraft.statute import Statute

SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared"
SAMPLES = SHARED / "bills/uslm-samples"
EAS = SAMPLES / "BILLS-116hr1865eas.xml"
EAH = SAMPLES / "BILLS-116hr1865eah.xml"
USLM = "{http://schemas.gpo.gov/xml/uslm}"


def parse_both(a: Path, b: Path, statute: Statute) -> None:
    for p in (a, b):
        parse_bill(read_bill(p), acts=statute.acts)


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


def report(name: str, old: Path, new: Path, statute: Statute) -> None:
    """Time the parse and the comparison in alternation (the machine is shared: each figure is
    the best of three), the comparison split into reading the versions and comparing them."""
    parse, read, text_only, with_law = [], [], [], []
    for _ in range(3):
        t0 = time.perf_counter()
        parse_both(old, new, statute)
        t1 = time.perf_counter()
        a, b = read_version(old, statute), read_version(new, statute)
        t2 = time.perf_counter()
        c = compare_versions(a, b)
        t3 = time.perf_counter()
        compare_versions(a, b, statute)
        t4 = time.perf_counter()
        parse.append(t1 - t0)
        read.append(t2 - t1)
        text_only.append(t3 - t2)
        with_law.append(t4 - t3)
    p, r, t, w = min(parse), min(read), min(text_only), min(with_law)
    counts = c.counts()
    print(f"{name}:")
    print(
        f"  sections: {counts['old']} / {counts['new']}; matched {counts['matched']}, "
        f"moved {counts['moved']}, renumbered {counts['renumbered']}, added {counts['added']}, "
        f"struck {counts['struck']}, changed {counts['changed']}"
    )
    print(f"  parse (read_bill + parse_bill of both): {p:.2f} s")
    print(f"  read both versions (the same + their structure): {r:.2f} s")
    print(
        f"  align and diff: {t:.2f} s; with both applied to Title 19 and the law compared: {w:.2f} s"
    )
    print(
        f"  compare_bills, text only: {(r + t) / p:.2f}x parse; "
        f"with Title 19: {(r + w) / p:.2f}x parse (goal <= 5x)"
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
