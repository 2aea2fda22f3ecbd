"""Render a draft's bill (.docx) to PDF and PNG pages, to look at it.

Writes the bill with `write_bill_docx`, converts it to PDF with LibreOffice
(`soffice --headless --convert-to pdf`), then every page to PNG with `pdftoppm`, into the output
folder (default /tmp/billdraft-bill), and prints the paths.

    .venv/bin/python bench/render_bill.py [DRAFT.toml] [--out DIR] [--dpi 80] [--statutes DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
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
            ["soffice", "--headless", "--norestore",
             f"-env:UserInstallation={Path(profile).as_uri()}",
             "--convert-to", "pdf", "--outdir", str(out), str(docx)],
            check=True, capture_output=True, timeout=180,
        )
    pdf = out / (docx.stem + ".pdf")
    if not pdf.is_file():
        raise SystemExit(f"LibreOffice wrote no {pdf}")
    return pdf


def to_pngs(pdf: Path, out: Path, dpi: int) -> list[Path]:
    """Every page of the PDF as a PNG (pdftoppm)."""
    for old in out.glob(pdf.stem + "-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out / pdf.stem)],
                   check=True, timeout=120)
    return sorted(out.glob(pdf.stem + "-*.png"))


def main() -> int:
    """Write, convert and print the paths."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", nargs="?", default=str(ROOT / "drafts" / "kazakhstan-pntr.toml"))
    parser.add_argument("--out", default="/tmp/billdraft-bill", help="output folder")
    parser.add_argument("--statutes", help="the law the draft amends (default: the draft's)")
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    draft = read_draft(args.draft, statutes=args.statutes)
    statute = load(Path(args.statutes)) if args.statutes else None
    docx = write_bill_docx(draft, out / (Path(args.draft).stem + "-bill.docx"), statute=statute)
    pdf = to_pdf(docx, out)
    for path in (docx, pdf, *to_pngs(pdf, out, args.dpi)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
