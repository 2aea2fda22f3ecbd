"""Render the comparative prints to PNG for a visual check.

HTML: headless Chromium screenshot. Word: LibreOffice to PDF, then `pdftoppm` to PNG (page 1 and
2). Writes into the output folder (default /tmp/billdraft-pictures) and prints the paths.

    .venv/bin/python bench/render_pictures.py [DRAFT.toml] [--out DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from billdraft.apply import apply
from billdraft.diff import redline
from billdraft.drafts import read_draft
from billdraft.render.docx.redline import write_redline_docx
from billdraft.render.docx.statute import write_comparative_docx, write_statute_docx
from billdraft.statute import load

ROOT = Path(__file__).resolve().parents[1]


def chromium() -> str:
    """The headless browser on PATH."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("no chromium on PATH: apt-get install -y chromium")


def screenshot(html: Path, png: Path, width: int = 900, height: int = 1400) -> None:
    """A PNG of an HTML page as headless Chromium draws it."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--no-first-run", f"--user-data-dir={profile}",
             "--hide-scrollbars", f"--window-size={width},{height}", f"--screenshot={png}",
             html.resolve().as_uri()],
            check=True, capture_output=True, timeout=120,
        )


def docx_pngs(docx: Path, out: Path) -> list[Path]:
    """Pages 1-2 of a .docx as PNG (LibreOffice to PDF, then pdftoppm)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", "--headless", "--norestore", f"-env:UserInstallation={Path(profile).as_uri()}",
             "--convert-to", "pdf", "--outdir", str(out), str(docx)],
            check=True, capture_output=True, timeout=180,
        )
    pdf = out / (docx.stem + ".pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", str(pdf),
                    str(out / docx.stem)], check=True, timeout=120)
    return sorted(out.glob(docx.stem + "-[0-9]*.png"))


def main() -> None:
    """Render every picture and print the paths."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("draft", nargs="?", default=str(ROOT / "drafts" / "section-402-every-amendment.toml"))
    ap.add_argument("--out", default="/tmp/billdraft-pictures")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    draft = read_draft(args.draft)
    statute = load(draft.statutes) if draft.statutes else load(ROOT / "statutes")
    result = apply(statute, draft.amendments())
    rl = redline(result)
    made: list[Path] = []
    for style in ("house", "strike", "color"):
        html = out / f"comparative-{style}.html"
        html.write_text(rl.to_html(style=style), encoding="utf-8")
        png = out / f"comparative-{style}-html.png"
        screenshot(html, png)
        made.append(png)
    made += docx_pngs(write_redline_docx(rl, out / "redline.docx"), out)
    made += docx_pngs(write_comparative_docx(rl, out / "comparative.docx"), out)
    made += docx_pngs(write_statute_docx(result.statute, out / "statute.docx",
                                         result.changed_sections), out)
    for p in made:
        print(p)


if __name__ == "__main__":
    main()
