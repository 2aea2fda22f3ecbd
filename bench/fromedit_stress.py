"""Stress run: the round-trip property of `amendments_from_edit` under random seeds.

`tests/test_fromedit.py::test_round_trip_random_edits` makes a random edit of a random Title 19
section (1-4 strikes, insertions and replacements, some "each place it appears"), derives the
amendments back, and checks they give the edit exactly in no more amendments than made it. CI
runs 500 fixed edits; this runs EXAMPLES fresh ones for each seed, two seeds at a time, and
prints each seed that fails (hypothesis reports the smallest edit it finds).

Usage: python bench/fromedit_stress.py [FIRST_SEED] [SEEDS] [EXAMPLES]   (default 1 30 600)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(seed: int, examples: int) -> tuple[int, bool, float, str]:
    """One seed's run: (seed, passed, seconds, the tail of pytest's output)."""
    t = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/test_fromedit.py",
            "-q",
            "-p",
            "no:cacheprovider",
            "-k",
            "round_trip_random",
            f"--hypothesis-seed={seed}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "BILLDRAFT_STRESS_EXAMPLES": str(examples)},
    )
    return seed, proc.returncode == 0, time.perf_counter() - t, proc.stdout[-3000:]


def main() -> None:
    """Run the seeds and print a summary."""
    args = [int(a) for a in sys.argv[1:4]]
    first, seeds, examples = [*args, *(1, 30, 600)[len(args) :]]
    failed = []
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = pool.map(lambda s: run(s, examples), range(first, first + seeds))
        for seed, ok, secs, out in runs:
            print(f"seed {seed}: {'passed' if ok else 'FAILED'} in {secs:.0f} s", flush=True)
            if not ok:
                failed.append(seed)
                print(out)
    print(
        f"{seeds} seeds x {examples} edits = {seeds * examples} edits: "
        f"{len(failed)} seeds failed {failed} ({time.perf_counter() - start:.0f} s)"
    )


if __name__ == "__main__":
    main()
