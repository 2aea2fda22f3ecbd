"""Benchmark: redline .docx + HTML of 1,000 changes across Title 19, against a plain lxml parse.

    python bench/redline.py [--changes 1000] [--repeat 5]

Builds a reproducible set of random whole-word amendments over Title 19 (as the tests do): the
shortest run of them that makes `--changes` changes. Applies them (not timed), then times
(1) `redline(result)` (the Redline made from the Result's change log) + `write_redline_docx` to a
file + `Redline.to_html` written to a file, and (2) parsing every Title 19 file with lxml, in the
same run, each the best of `--repeat` runs. Prints both, the stages of the best render, and their
ratio (target: at most 5x). Also prints the first render on its own: it pays once for the
Statute's Act-section index, which the HTML headings use and later renders share.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from lxml import etree  # noqa: E402

from billdraft.apply import apply  # noqa: E402
from billdraft.diff import redline  # noqa: E402
from billdraft.render.docx.redline import write_redline_docx  # noqa: E402
from billdraft.statute import load  # noqa: E402
from test_diff import random_amendment  # noqa: E402

TITLE19 = ROOT.parent / "shared" / "uslm" / "usc19"


def best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    statute = load(TITLE19)
    rng = random.Random(2024)
    amendments = []
    sections = statute.sections
    while len(amendments) < args.changes * 1.3:
        a = random_amendment(rng, statute, rng.choice(sections), f"Sec. {len(amendments) + 1}")
        if a is not None:
            amendments.append(a)
    # -- the shortest run of them that makes `--changes` changes --
    made = Counter(id(ch.amendment) for ch in apply(statute, amendments, errors="collect").changes)
    total = 0
    for k, a in enumerate(amendments):
        total += made[id(a)]
        if total >= args.changes:
            amendments = amendments[: k + 1]
            break
    result = apply(statute, amendments, errors="collect")
    n_changes = len(result.changes)
    files = sorted(TITLE19.glob("*.xml"))

    def parse() -> None:
        for f in files:
            etree.parse(str(f))

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        stages: list[list[float]] = []

        def render() -> None:
            t0 = time.perf_counter()
            rl = redline(result)
            t1 = time.perf_counter()
            write_redline_docx(rl, out / "redline.docx")  # lays the paragraphs out first
            t2 = time.perf_counter()
            (out / "redline.html").write_text(rl.to_html(), encoding="utf-8")
            stages.append([t1 - t0, t2 - t1, time.perf_counter() - t2])

        t_parse = best(parse, args.repeat)
        t_first = best(render, 1)
        t_render = best(render, args.repeat)
        size = (out / "redline.docx").stat().st_size
        paragraphs = len(redline(result).paragraphs())
    fastest = min(stages, key=sum)
    print(
        f"changes: {n_changes} in {len(result.changed_sections)} sections, {paragraphs} "
        f"paragraphs ({len(result.failures)} random amendments did not apply)"
    )
    print(f"lxml parse of Title 19 ({len(files)} files): {t_parse:.3f} s")
    print(
        f"redline + .docx ({size // 1024} KiB) + HTML: {t_render:.3f} s "
        f"(redline {fastest[0]:.3f}, layout + .docx {fastest[1]:.3f}, HTML {fastest[2]:.3f})"
    )
    print(f"ratio: {t_render / t_parse:.1f}x (target <= 5x)")
    print(
        f"first render, building the Act index the HTML headings use: {t_first:.3f} s "
        f"({t_first / t_parse:.1f}x)"
    )


if __name__ == "__main__":
    main()
