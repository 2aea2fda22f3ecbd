"""Benchmark: how fast billdraft starts, and a whole-process Word redline against a peer.

Usage: ``python bench/startup.py [--repeat N] [--no-peer]``. In one run, best of N, each figure
a ratio measured on this machine in this run:

* ``billdraft --version`` as a whole process vs ``python -c "import lxml.etree"`` (goal ≤ 2×),
  in the two states a machine may be in: billdraft's bytecode cached (``compileall`` first, and
  ``PYTHONDONTWRITEBYTECODE`` unset), and ``PYTHONDONTWRITEBYTECODE=1`` with no cache of
  billdraft's own modules (an editable install on a machine that sets it: every run compiles
  billdraft's sources; the caches of the standard library and of site-packages stay, as pip
  writes them at install);
* ``billdraft show`` and ``billdraft --help`` as whole processes, and whether they import
  python-docx or lark (they must not);
* ``billdraft redline drafts/kazakhstan-pntr.toml --docx F`` as a whole process vs
  Python-Redlines' compare of the same two states (the current and the amended section as
  Word documents, written by billdraft), also as a whole process (goal ≤ 0.2×, checked with the
  bytecode cached; the uncached figure is printed beside it). Python-Redlines
  is installed into ``bench/.venv-redlines`` on first use (with its Open-XML-PowerTools
  binary); when that cannot be done the line says why and the goal is not checked;
* the parse of the largest bill in ``../shared/bills``, in instructions per second: the first
  parse in the process (the parsers built or loaded from their cache) and a second one.

Exit code 0 when every goal that could be measured is met.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PEER_ENV = ROOT / "bench" / ".venv-redlines"
PY = sys.executable


def best(cmd: Sequence[str], repeat: int, env: dict[str, str] | None = None) -> float:
    """The best wall time of `repeat` runs of a whole process (seconds)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
        times.append(time.perf_counter() - start)
    return min(times)


def _bytecode_states() -> tuple[dict[str, str], dict[str, str]]:
    """The environments of the two states: bytecode written and read, and none written."""
    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return cached, {**cached, "PYTHONDONTWRITEBYTECODE": "1"}


def _set_cache(present: bool) -> None:
    """Compile billdraft's modules into their caches, or remove those caches."""
    package = ROOT / "src" / "billdraft"
    if present:
        subprocess.run(
            [PY, "-m", "compileall", "-q", str(package)],
            check=True,
            capture_output=True,
            env=_bytecode_states()[0],
        )
    else:
        for cache in package.rglob("__pycache__"):
            shutil.rmtree(cache)


def imported(args: Sequence[str]) -> list[str]:
    """Which heavy modules a billdraft command imports (run in a child that reports them)."""
    code = (
        "import sys, runpy; sys.argv = ['billdraft', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('billdraft.cli', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('\\nIMPORTED', sorted(m for m in ('docx', 'lark') if m in sys.modules))"
    )
    out = subprocess.run(
        [PY, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, check=False
    ).stdout
    return eval(out.rsplit("IMPORTED", 1)[1].strip())  # a printed list of names


def peer_python() -> tuple[Path | None, str]:
    """The Python of an environment with Python-Redlines, made on first use; or why not."""
    python = PEER_ENV / "bin" / "python"
    if not python.exists():
        made = subprocess.run([PY, "-m", "venv", str(PEER_ENV)], capture_output=True, text=True)
        if made.returncode:
            return None, f"could not make {PEER_ENV}: {made.stderr.strip()[-200:]}"
        pip = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "python-redlines[ooxmlpowertools]"],
            capture_output=True,
            text=True,
        )
        if pip.returncode:
            return None, f"pip could not install python-redlines: {pip.stderr.strip()[-300:]}"
    return python, ""


PEER_COMPARE = """
import sys, warnings
warnings.simplefilter("ignore")
from python_redlines.engines import XmlPowerToolsEngine
out, _, _ = XmlPowerToolsEngine().run_redline("bench", sys.argv[1], sys.argv[2])
open(sys.argv[3], "wb").write(out)
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the start-up benchmarks and print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-peer", action="store_true", help="skip the Python-Redlines line")
    args = parser.parse_args(argv)
    ok = True
    billdraft_cmd = [PY, "-m", "billdraft.cli"]

    cached, uncached = _bytecode_states()
    lxml = best([PY, "-c", "import lxml.etree"], args.repeat, cached)
    for label, env in (
        ("bytecode cached", cached),
        ("PYTHONDONTWRITEBYTECODE=1, no cache of billdraft", uncached),
    ):
        _set_cache(env is cached)
        version = best([*billdraft_cmd, "--version"], args.repeat, env)
        ratio = version / lxml
        ok &= ratio <= 2.0
        print(
            f"billdraft --version ({label}): {version * 1000:6.1f} ms = {ratio:4.2f}x "
            f"python -c 'import lxml.etree' ({lxml * 1000:.1f} ms)  (goal <= 2x)"
        )
    _set_cache(True)
    for cmd in (["--help"], ["show", "19 U.S.C. 2432(a)"], ["--version"]):
        heavy = imported(cmd)
        ok &= not heavy
        took = best([*billdraft_cmd, *cmd], args.repeat, cached)
        print(
            f"billdraft {' '.join(cmd)}: {took * 1000:6.1f} ms, imports "
            f"{', '.join(heavy) if heavy else 'neither python-docx nor lark'}"
        )

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        redline_cmd = [
            *billdraft_cmd,
            "redline",
            "drafts/kazakhstan-pntr.toml",
            "--docx",
            str(out / "r.docx"),
        ]
        _set_cache(False)
        cold = best(redline_cmd, args.repeat, uncached)
        _set_cache(True)
        red = best(redline_cmd, args.repeat, cached)
        line = (
            f"billdraft redline (Kazakhstan, Word) whole process: {red * 1000:6.1f} ms "
            f"({cold * 1000:.1f} ms with PYTHONDONTWRITEBYTECODE=1 and no cache of billdraft)"
        )
        if args.no_peer:
            print(line + " (peer not run: --no-peer)")
        else:
            python, why = peer_python()
            if python is None:
                print(line + f"; Python-Redlines not measured: {why}")
            else:
                _write_states(out)
                compare = best(
                    [
                        str(python),
                        "-c",
                        PEER_COMPARE,
                        str(out / "old.docx"),
                        str(out / "new.docx"),
                        str(out / "peer.docx"),
                    ],
                    max(3, args.repeat // 2),
                )
                ratio = red / compare
                ok &= ratio <= 0.2
                print(
                    f"{line} = {ratio:4.2f}x ({cold / compare:4.2f}x uncached) Python-Redlines' "
                    f"compare of the same two states ({compare * 1000:.0f} ms)  (goal <= 0.2x)"
                )

    largest = _largest_bill()
    if largest is None:
        print("bill parse: not measured: ../shared/bills is absent")
    else:
        from billdraft.bills import read_bill
        from billdraft.instructions.parse import parse_bill

        bill = read_bill(largest)
        start = time.perf_counter()
        results = parse_bill(bill)
        took = time.perf_counter() - start
        start = time.perf_counter()
        parse_bill(bill)
        again = time.perf_counter() - start
        print(
            f"parse of the largest bill ({largest.name}, {largest.stat().st_size / 1e6:.1f} MB): "
            f"{len(results)} instructions in {took:.2f} s = {len(results) / took:,.0f} "
            f"instructions/s (the first in this process, building or loading the parsers); "
            f"again: {again:.2f} s = {len(results) / again:,.0f} instructions/s"
        )
    return 0 if ok else 1


def _write_states(out: Path) -> None:
    """The current and the amended 19 U.S.C. 2432 as Word documents, for the peer to compare."""
    from billdraft import apply, load, read_draft, write_statute_docx

    draft = read_draft(ROOT / "drafts" / "kazakhstan-pntr.toml")
    law = load(ROOT / "statutes")
    result = apply(law, draft.amendments())
    sections = list(result.changed_sections)
    write_statute_docx(law, out / "old.docx", sections)
    write_statute_docx(result.statute, out / "new.docx", sections)


def _largest_bill() -> Path | None:
    folder = SHARED / "bills"
    if not folder.is_dir():
        return None
    files = [p for p in folder.rglob("*") if p.suffix.lower() in (".xml", ".txt") and p.is_file()]
    return max(files, key=lambda p: p.stat().st_size, default=None)


if __name__ == "__main__":
    raise SystemExit(main())
