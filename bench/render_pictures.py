"""Page images of the prints a committee files, to look at them: for each draft, the HTML
comparative print, the Word comparative print and the bill.

Each is converted to PDF by LibreOffice (``soffice --headless --convert-to pdf``; the HTML page
through Writer's HTML import) and every page to PNG by ``pdftoppm``, into the output folder
(default /tmp/billdraft-pictures), one subfolder per draft; the paths are printed.

    .venv/bin/python bench/render_pictures.py [DRAFT.toml ...] [--out DIR] [--dpi 80]
        [--statutes DIR] [--style house|strike|color]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from billdraft.apply import apply
from billdraft.diff import redline
from billdraft.drafts import read_draft
from billdraft.render.docx.bill import write_bill_docx
from billdraft.render.docx.statute import write_comparative_docx
from billdraft.render.html import to_html
from billdraft.statute import load

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = (
    ROOT / "drafts" / "kazakhstan-pntr.toml",
    ROOT / "drafts" / "section-402-every-amendment.toml",
)


@dataclass(frozen=True)
class Rendered:
    """One print of one draft: its source file, its PDF and its page images."""

    name: str
    source: Path
    pdf: Path
    pages: tuple[Path, ...]


def soffice() -> str:
    """The LibreOffice program on PATH."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise SystemExit("no soffice on PATH: install LibreOffice")
    return found


def to_pdf(sources: list[Path], out: Path) -> None:
    """Convert the .docx and .html files to PDF with LibreOffice (one process, a fresh profile).

    An HTML page is opened by Writer's HTML import (`--infilter`), so it is paginated as a
    Letter-size document rather than as one long web page.
    """
    with tempfile.TemporaryDirectory() as profile:
        env = [
            soffice(),
            "--headless",
            "--norestore",
            f"-env:UserInstallation={Path(profile).as_uri()}",
        ]
        docs = [s for s in sources if s.suffix == ".docx"]
        pages = [s for s in sources if s.suffix == ".html"]
        if docs:
            subprocess.run(
                [*env, "--convert-to", "pdf", "--outdir", str(out), *map(str, docs)],
                check=True,
                capture_output=True,
                timeout=300,
            )
        if pages:
            subprocess.run(
                [*env, "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
                 "--outdir", str(out), *map(str, pages)],
                check=True,
                capture_output=True,
                timeout=300,
            )  # fmt: skip


def to_pngs(pdf: Path, dpi: int) -> tuple[Path, ...]:
    """Every page of a PDF as PNG, beside it (pdftoppm)."""
    for old in pdf.parent.glob(pdf.stem + "-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(pdf.with_suffix(""))],
        check=True,
        timeout=120,
    )
    return tuple(sorted(pdf.parent.glob(pdf.stem + "-*.png")))


def render(
    draft_path: Path,
    out: Path,
    *,
    statutes: Path | None = None,
    style: str = "house",
    dpi: int = 80,
) -> list[Rendered]:
    """Write the HTML print, the Word print and the bill of one draft, and their page images."""
    out.mkdir(parents=True, exist_ok=True)
    draft = read_draft(draft_path, statutes=statutes)
    folder = statutes or draft.statutes or ROOT / "statutes"
    statute = load(folder)
    rl = redline(apply(statute, draft.amendments()))
    html = out / "html-print.html"
    html.write_text(to_html(rl, style=style), encoding="utf-8")
    word = write_comparative_docx(rl, out / "word-print.docx", style=style)
    bill = write_bill_docx(draft, out / "bill.docx", statute=statute)
    to_pdf([word, bill, html], out)
    made = []
    for name, source, stem in (
        ("HTML print", html, "html-print"),
        ("Word print", word, "word-print"),
        ("bill", bill, "bill"),
    ):
        pdf = out / f"{stem}.pdf"
        if not pdf.is_file():
            raise SystemExit(f"LibreOffice wrote no {pdf}")
        made.append(Rendered(name, source, pdf, to_pngs(pdf, dpi)))
    return made


def main() -> int:
    """Render every draft's prints and print the paths."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("drafts", nargs="*", default=[str(p) for p in DRAFTS])
    ap.add_argument("--out", default="/tmp/billdraft-pictures")
    ap.add_argument("--statutes", help="the law the drafts amend (default: each draft's)")
    ap.add_argument("--style", default="house", choices=("house", "strike", "color"))
    ap.add_argument("--dpi", type=int, default=80)
    args = ap.parse_args()
    for draft in args.drafts:
        folder = Path(args.out) / Path(draft).stem
        statutes = Path(args.statutes) if args.statutes else None
        for r in render(Path(draft), folder, statutes=statutes, style=args.style, dpi=args.dpi):
            print(f"{Path(draft).name}: {r.name}: {r.pdf} ({len(r.pages)} pages)")
            for page in r.pages:
                print(f"  {page}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
