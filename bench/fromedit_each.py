"""Stress run: edits made of repeated changes only, whose new words hold the words they change.

Each edit replaces every place of “of”, “the” and one other word of a section (one of its most
frequent words, or of the vocabulary the new words are drawn from) with 1-4 random words, in
random order, `each place it appears`. Later changes
can put in words an earlier one changed, and the diff lines such words up with old ones: the
hardest kind of edit for `amendments_from_edit` (`bench/fromedit_stress.py` meets it about once
in 10,000 edits). For each edit this derives the amendments back, checks that they give the
edit exactly, and counts the edits that derive in more amendments than made them.

Usage: .venv/bin/python bench/fromedit_each.py [SECTION] [EDITS] [SEED]   (default 2497a 40 1)
(billdraft installed, as the README's setup command does)
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from billdraft.amendments import StrikeInsert
from billdraft.apply import apply
from billdraft.cite import Cite
from billdraft.errors import AmendmentError
from billdraft.fromedit import amendments_from_edit
from billdraft.statute import load

ROOT = Path(__file__).resolve().parents[1]
TITLE19 = ROOT.parent / "shared" / "uslm" / "usc19"
VOCAB = [
    "Kazakhstan",
    "semiannual",
    "the",
    "of",
    "and",
    "such",
    "determination",
    "report",
    "Secretary",
    "2027",
    "(other than Kazakhstan)",
    "notwithstanding",
    ",",
    "or",
    "any",
]


def main() -> None:
    """Run the edits and print each longer derivation and a summary."""
    args = sys.argv[1:4]
    section = args[0] if args else "2497a"
    edits = int(args[1]) if len(args) > 1 else 40
    rng = random.Random(int(args[2]) if len(args) > 2 else 1)
    if not TITLE19.is_dir():
        sys.exit(f"expected the OLRC XML of Title 19 at {TITLE19}, found nothing there")
    law = load(TITLE19)
    cite = Cite("19", section)
    text = " ".join(line for line in law.section(cite).lines())
    # -- words the new words can hold (the vocabulary's, where the section has them twice or
    #    more), and the section's most frequent words --
    counts = Counter(re.findall(r"[A-Za-z]+", text))
    common = sorted({w for w in VOCAB if counts[w] >= 2} | {w for w, _ in counts.most_common(4)})
    longer, seconds, start = [], [], time.perf_counter()
    done = 0
    while done < edits:
        words = ["of", "the", *rng.sample([w for w in common if w not in ("of", "the")], 1)]
        rng.shuffle(words)
        made = [
            StrikeInsert(
                cite, w, " ".join(rng.choice(VOCAB) for _ in range(rng.randint(1, 4))), each=True
            )
            for w in words
        ]
        try:
            edited = apply(law, made).statute
        except AmendmentError:  # a later change touched an earlier one's words: not an edit
            continue
        done += 1
        t = time.perf_counter()
        derived = amendments_from_edit(law, edited, section=cite)
        seconds.append(time.perf_counter() - t)
        if seconds[-1] > 20:
            print(f"edit {done}: {seconds[-1]:.0f} s: {[(a.strike, a.insert) for a in made]}")
        again = apply(law, derived).statute.section(cite)
        if list(again.lines()) != list(edited.section(cite).lines()):
            sys.exit(f"edit {done} not reproduced: {made}")
        if len(derived) > len(made):
            longer.append((len(made), len(derived), [(a.strike, a.insert) for a in made]))
            print(f"edit {done}: {len(made)} -> {len(derived)}: {longer[-1][2]}", flush=True)
    seconds.sort()
    print(
        f"19 U.S.C. {section}: {edits} edits, {len(longer)} derived longer; "
        f"median {seconds[len(seconds) // 2]:.1f} s, slowest {seconds[-1]:.1f} s, "
        f"total {time.perf_counter() - start:.0f} s"
    )


if __name__ == "__main__":
    main()
