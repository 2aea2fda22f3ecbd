"""Benchmark: 1,000 and 10,000 generated text amendments spread across all of Title 19.

Prints apply time relative to a plain lxml parse of Title 19 in the same run, and the
10,000/1,000 ratio. Targets: 1,000 amendments <= 3x the plain parse; 10,000/1,000 <= 12.
Usage: python bench/apply.py [path/to/usc19]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from lxml import etree

from billdraft import Cite, Insert, Statute, StrikeInsert, apply, load
from billdraft.amendments import Amendment
from billdraft.statute import block_text
from billdraft.textblock import find_all

USC19 = (
    Path(sys.argv[1])
    if len(sys.argv) > 1
    else Path(__file__).resolve().parents[2] / "shared/uslm/usc19"
)


def plain_parse(files: list[Path]) -> float:
    t = time.perf_counter()
    for f in files:
        etree.parse(str(f))
    return time.perf_counter() - t


def generate(statute: Statute, n: int, seed: int) -> list[Amendment]:
    """n text amendments on distinct blocks: replace a unique word, or insert after it."""
    rng = random.Random(seed)
    blocks = []
    for p in statute:
        for kind, el in p.blocks():
            if kind != "heading":
                blocks.append((p, el))
    rng.shuffle(blocks)
    out: list[Amendment] = []
    used: set[str] = set()
    for p, el in blocks:
        if len(out) >= n:
            break
        if p.identifier in used or any(c.identifier in used for c in p.walk()):
            continue
        text = block_text(el)
        words = [w for w in text.split() if w.isalpha() and len(w) > 3]
        rng.shuffle(words)
        cite = Cite.from_identifier(p.identifier)
        scope_blocks = [b for q in p.walk() for k, b in q.blocks() if k != "heading"]
        for w in words[:5]:
            if sum(len(find_all(block_text(b), w)) for b in scope_blocks) == 1:
                used.add(p.identifier)
                if rng.random() < 0.5:
                    out.append(StrikeInsert(cite, w, w.upper()))
                else:
                    out.append(Insert(cite, "newly", before=w))
                break
    return out


def main() -> None:
    files = sorted(USC19.glob("*.xml"))
    statute = load(USC19)
    list(statute)  # build the provision index once, outside the timings
    small = generate(statute, 1000, 1)
    large = generate(statute, 10000, 2)
    print(f"generated {len(small)} and {len(large)} amendments over {len(files)} sections")
    best = {"parse": 1e9, "small": 1e9, "large": 1e9}
    for _ in range(3):
        best["parse"] = min(best["parse"], plain_parse(files))
        t = time.perf_counter()
        r = apply(statute, small)
        best["small"] = min(best["small"], time.perf_counter() - t)
        assert len(r.changes) == len(small)
        t = time.perf_counter()
        apply(statute, large)
        best["large"] = min(best["large"], time.perf_counter() - t)
    per = best["large"] / best["small"] * len(small) / max(len(large), 1)
    print(f"plain lxml parse of Title 19: {best['parse']:.3f} s")
    print(
        f"apply {len(small)} amendments: {best['small']:.3f} s = {best['small'] / best['parse']:.2f}x parse (target <= 3)"
    )
    print(f"apply {len(large)} amendments: {best['large']:.3f} s")
    print(
        f"{len(large)}/{len(small)} time ratio: {best['large'] / best['small']:.2f} (target <= 12; per-amendment ratio {per:.2f})"
    )


if __name__ == "__main__":
    main()
