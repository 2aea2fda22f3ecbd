"""Benchmark: load all of Title 19 through billdraft vs. parsing the same files with plain lxml.

Usage: ``python bench/load_title.py [FOLDER] [--repeat N]`` (FOLDER defaults to
``../shared/uslm/usc19``). In one run it times, best of N:

* ``lxml``       — ``etree.parse`` of every file (no safety checks, no model);
* ``load``       — ``billdraft.load(folder)`` (hardened parse of every file, the Statute);
* ``load+lookup`` — the same plus one lookup by citation (the provision index is built per
  section, on the section's first lookup);
* ``load+index`` — the same plus a lookup in every section (every section's index built).

Each billdraft figure is printed as a ratio to the lxml time; the target is ``load+lookup`` ≤ 1.5×.
Peak memory is measured per phase in a fresh child process (peak RSS, ``VmHWM``, above the
post-import baseline, so libxml2's own allocations count), plus the Python-heap peak from
``tracemalloc``.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from lxml import etree

import billdraft

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared" / "uslm" / "usc19"
TARGET = 1.5


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".xml")


def plain_lxml(folder: Path) -> object:
    """Parse every file with plain lxml and keep the trees (what a naive loader holds)."""
    return [etree.parse(str(f)) for f in _files(folder)]


def billdraft_load(folder: Path) -> object:
    """`billdraft.load` on the folder."""
    return billdraft.load(folder)


def billdraft_load_lookup(folder: Path) -> object:
    """`billdraft.load` plus one lookup by citation (builds that section's provision index)."""
    statute = billdraft.load(folder)
    statute.provision(str(statute.sections[-1].cite))
    return statute


def billdraft_load_index(folder: Path) -> object:
    """`billdraft.load` plus a lookup in every section (builds every section's index)."""
    statute = billdraft.load(folder)
    for section in statute.sections:  # one lookup per section: every section's index is built
        statute.provision(section.identifier)
    return statute


PHASES: dict[str, Callable[[Path], object]] = {
    "lxml": plain_lxml,
    "load": billdraft_load,
    "load+lookup": billdraft_load_lookup,
    "load+index": billdraft_load_index,
}


def _time(fn: Callable[[Path], object], folder: Path) -> float:
    gc.collect()
    start = time.perf_counter()
    result = fn(folder)
    elapsed = time.perf_counter() - start
    del result
    return elapsed


def _rss_kib() -> int:
    """This process's peak resident set size in KiB (VmHWM; ru_maxrss survives exec on Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS


def _child(phase: str, folder: Path) -> None:
    """Run one phase in this (fresh) process and print its memory as JSON."""
    base = _rss_kib()
    tracemalloc.start()
    result = PHASES[phase](folder)
    _, py_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"rss_kib": _rss_kib() - base, "py_peak": py_peak}))
    del result


def _memory(phase: str, folder: Path) -> dict[str, int]:
    out = subprocess.run(
        [sys.executable, __file__, str(folder), "--child", phase],
        check=True,
        capture_output=True,
        text=True,
    )
    data: dict[str, int] = json.loads(out.stdout)
    return data


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print best times, ratios and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--child", choices=sorted(PHASES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    if not folder.is_dir():
        print(
            f"expected a folder of USLM section files, found nothing at {folder}", file=sys.stderr
        )
        return 2
    if args.child:
        _child(args.child, folder)
        return 0

    n_files = len(_files(folder))
    statute = billdraft.load(folder)  # warm-up (imports, page cache) and a sanity count
    n_provisions = sum(1 for _ in statute)
    del statute

    best: dict[str, float] = {name: float("inf") for name in PHASES}
    names = list(PHASES)
    for i in range(args.repeat):
        order = names if i % 2 == 0 else names[::-1]  # alternate to cancel drift
        for name in order:
            best[name] = min(best[name], _time(PHASES[name], folder))

    print(f"{folder}: {n_files} files, {n_provisions} provisions; best of {args.repeat} runs")
    for name in names:
        ratio = best[name] / best["lxml"]
        print(f"  {name:<12} {best[name] * 1000:8.1f} ms   {ratio:5.2f}× lxml")
    for name in names:
        mem = _memory(name, folder)
        print(
            f"  peak memory {name:<12} {mem['rss_kib'] / 1024:7.1f} MiB RSS above baseline, "
            f"{mem['py_peak'] / 2**20:6.1f} MiB Python heap (tracemalloc)"
        )
    ratio = best["load+lookup"] / best["lxml"]
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"billdraft load+lookup / plain lxml = {ratio:.2f}× ({verdict} the ≤ {TARGET}× target)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
