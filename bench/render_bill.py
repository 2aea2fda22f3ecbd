"""Render a draft's bill (.docx) to PDF and PNG pages, to look at it.

Writes the bill with `write_bill_docx`, converts it to PDF with LibreOffice
(`soffice --headless --convert-to pdf`), then every page to PNG with `pdftoppm`, into the output
folder (default /tmp/billdraft-bill), and prints the paths.

    .venv/bin/python bench/render_bill.py [DRAFT.toml] [--out DIR] [--dpi 80] [--statutes DIR]
    .venv/bin/python bench/render_bill.py [DRAFT.toml] --time 50

With `--time N` it only times `write_bill_docx` in one process: the first write (the default
template loaded, the styles made), then the best and median of N more, and a bill of 20 times
the draft's sections (style lookups per paragraph dominate there).
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from billdraft.drafts import read_draft
from billdraft.render.docx.bill import write_bill_docx
from billdraft.statute import load

ROOT = Path(__file__).resolve().parents[1]


def to_pdf(docx: Path, out: Path) -> Path:
    """The .docx as PDF, converted by LibreOffice headless with a throw-away profile."""
    if shutil.which("soffice") is None:
        raise SystemExit("no soffice on PATH: install LibreOffice")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--norestore",
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    pdf = out / (docx.stem + ".pdf")
    if not pdf.is_file():
        raise SystemExit(f"LibreOffice wrote no {pdf}")
    return pdf


def to_pngs(pdf: Path, out: Path, dpi: int) -> list[Path]:
    """Every page of the PDF as a PNG (pdftoppm)."""
    for old in out.glob(pdf.stem + "-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out / pdf.stem)], check=True, timeout=120
    )
    return sorted(out.glob(pdf.stem + "-*.png"))


def timed(draft_path: str, statutes: str | None, repeat: int, out: Path) -> None:
    """Time write_bill_docx: first call, best and median of `repeat`, and a long bill."""
    draft = read_draft(draft_path, statutes=statutes)
    statute = (
        load(Path(statutes)) if statutes else (load(draft.statutes) if draft.statutes else None)
    )
    path = out / "timed-bill.docx"
    start = time.perf_counter()
    write_bill_docx(draft, path, statute=statute)
    first = time.perf_counter() - start
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        write_bill_docx(draft, path, statute=statute)
        runs.append(time.perf_counter() - start)
    sections = tuple(
        dataclasses.replace(s, number=i + 2) for i, s in enumerate(draft.sections * 20)
    )
    long = dataclasses.replace(draft, sections=sections)
    start = time.perf_counter()
    write_bill_docx(long, path, statute=statute)
    long_s = time.perf_counter() - start
    print(
        f"write_bill_docx {Path(draft_path).name}: first {first * 1000:.1f} ms, "
        f"best {min(runs) * 1000:.1f} ms, median {statistics.median(runs) * 1000:.1f} ms "
        f"of {repeat}; {len(sections)} sections: {long_s * 1000:.0f} ms"
    )


def main() -> int:
    """Write, convert and print the paths."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", nargs="?", default=str(ROOT / "drafts" / "kazakhstan-pntr.toml"))
    parser.add_argument("--out", default="/tmp/billdraft-bill", help="output folder")
    parser.add_argument("--statutes", help="the law the draft amends (default: the draft's)")
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--time", type=int, metavar="N", help="only time N writes in-process")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.time:
        timed(args.draft, args.statutes, args.time, out)
        return 0
    draft = read_draft(args.draft, statutes=args.statutes)
    statute = load(Path(args.statutes)) if args.statutes else None
    docx = write_bill_docx(draft, out / (Path(args.draft).stem + "-bill.docx"), statute=statute)
    pdf = to_pdf(docx, out)
    for path in (docx, pdf, *to_pngs(pdf, out, args.dpi)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
