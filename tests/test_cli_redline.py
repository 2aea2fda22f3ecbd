"""The `billdraft redline` command: a draft, or two USLM versions, to HTML and Word."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

from clirun import billdraft

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return billdraft(*args)


def test_redline_of_a_draft_writes_html_and_tracked_changes(tmp_path: Path) -> None:
    html, docx = tmp_path / "k.html", tmp_path / "k.docx"
    done = run(
        "redline",
        "drafts/kazakhstan-pntr.toml",
        "--html",
        str(html),
        "--docx",
        str(docx),
        "--author",
        "Committee Staff",
        "--style",
        "strike",
    )
    assert done.returncode == 0, done.stderr
    page = html.read_text(encoding="utf-8")
    assert "<ins" in page and "(other than Kazakhstan)" in page
    with zipfile.ZipFile(docx) as z:
        body = z.read("word/document.xml").decode()
    assert 'w:author="Committee Staff"' in body and "<w:ins " in body


def test_redline_compares_two_uslm_versions(tmp_path: Path) -> None:
    amended = tmp_path / "amended"
    assert run("apply", "drafts/kazakhstan-pntr.toml", "--out", str(amended)).returncode == 0
    done = run("redline", "statutes/2432.xml", str(amended / "2432.xml"))
    assert done.returncode == 0, done.stderr
    assert re.search(r"country \{ ?\(other than Kazakhstan\) ?\} ?shall", done.stdout)
    assert "{(f) Exception for Kazakhstan.—" in done.stdout


def test_redline_of_a_failing_draft_exits_non_zero(tmp_path: Path) -> None:
    bad = (
        (ROOT / "drafts/kazakhstan-pntr.toml")
        .read_text(encoding="utf-8")
        .replace('after = "products from any nonmarket economy country"', 'after = "Kazakhstan"')
        .replace('statutes = "../statutes"', f'statutes = "{ROOT / "statutes"}"')
    )
    draft = tmp_path / "bad.toml"
    draft.write_text(bad, encoding="utf-8")
    done = run("redline", str(draft), "--html", str(tmp_path / "x.html"))
    assert done.returncode == 1
    assert "expected “Kazakhstan” in the matter preceding" not in done.stdout
    assert "found it nowhere" in done.stderr
    assert not (tmp_path / "x.html").exists()


def test_build_runs_the_main_job(tmp_path: Path) -> None:
    done = run("build", "drafts/kazakhstan-pntr.toml", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    names = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert names == [
        "amended-uslm/2432.xml",
        "kazakhstan-pntr-amended-law.docx",
        "kazakhstan-pntr-bill.docx",
        "kazakhstan-pntr-comparative-print.docx",
        "kazakhstan-pntr-comparative-print.html",
        "kazakhstan-pntr-instructions.txt",
        "kazakhstan-pntr-redline.docx",
        "kazakhstan-pntr-written.txt",
    ]
    words = (tmp_path / "kazakhstan-pntr-instructions.txt").read_text(encoding="utf-8")
    assert words.startswith("Section 402 of the Trade Act of 1974 (19 U.S.C. 2432) is amended—")
    assert words in done.stdout
    with zipfile.ZipFile(tmp_path / "kazakhstan-pntr-bill.docx") as z:
        assert "Kazakhstan Normal Trade Relations Act" in z.read("word/document.xml").decode()
