"""The command's paths around the library end in one line that says what was expected and found.

Each case is run as a user runs it (a subprocess of the installed command) and must end with a
`billdraft: error:` line and no traceback, leaving no output that looks like this run's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import billdraft

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "drafts" / "kazakhstan-pntr.toml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return billdraft(*args, cwd=cwd, timeout=120)


def assert_one_line_error(proc: subprocess.CompletedProcess[str], expected: str) -> None:
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("billdraft: error: "), proc.stderr
    assert expected in lines[0]


def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("billdraft 0.")


def test_show_into_a_pipe_closed_early_ends_quietly() -> None:
    """`billdraft show … | head -1`: the reader goes away; no BrokenPipeError traceback.

    The section's text may fit in the pipe's buffer before `head` exits, so that run may end 0;
    with a reader that is gone before the command starts writing (`| true`), it must end 141."""
    first = (
        f"{sys.executable} -m billdraft.cli show '19 U.S.C. 2432' | head -1; "
        'echo "status=${PIPESTATUS[0]}"'
    )
    gone = (
        f"{sys.executable} -m billdraft.cli show '19 U.S.C. 2432' | true; "
        'echo "status=${PIPESTATUS[0]}"'
    )
    proc, closed = (
        subprocess.run(
            ["bash", "-c", shell],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
            timeout=120,
        )
        for shell in (first, gone)
    )
    assert (
        proc.stdout.splitlines()[0] == "19 U.S.C. 2432 — Freedom of emigration in East-West trade"
    )
    assert proc.stdout.strip().splitlines()[-1] in ("status=0", "status=141")
    for done in (proc, closed):
        assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert closed.stdout.strip() == "status=141"


def test_build_out_a_file_is_refused_before_any_work(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("mine", encoding="utf-8")
    proc = run("build", str(DRAFT), "--out", str(target))
    assert_one_line_error(proc, "expected a folder to write the outputs into (--out), found a file")
    assert target.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_build_that_fails_leaves_out_as_it_was(tmp_path: Path) -> None:
    """A file named `amended-uslm` in --out: refused, and nothing of this run is left behind."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "amended-uslm").write_text("not a folder", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    proc = run("build", str(DRAFT), "--out", str(out))
    assert_one_line_error(proc, "expected a folder of amended sections there, found a file")
    assert sorted(p.name for p in out.iterdir()) == ["amended-uslm", "notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left


def test_build_replaces_stale_outputs_and_lists_what_it_wrote(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "amended-uslm").mkdir(parents=True)
    (out / "amended-uslm" / "9999.xml").write_text("stale", encoding="utf-8")
    proc = run("build", str(DRAFT), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in (out / "amended-uslm").iterdir()] == ["2432.xml"]
    manifest = (out / "kazakhstan-pntr-written.txt").read_text(encoding="utf-8").split()
    assert "amended-uslm/2432.xml" in manifest and "kazakhstan-pntr-bill.docx" in manifest
    assert all((out / name).is_file() for name in manifest)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.skipif(
    not Path("/proc").is_dir(), reason="needs /proc to name a folder that cannot hold files"
)
def test_from_edit_output_that_cannot_be_written(tmp_path: Path) -> None:
    edited = tmp_path / "edit.txt"
    shown = run("show", "19 U.S.C. 2432(b)")
    assert shown.returncode == 0
    edited.write_text(shown.stdout.replace("nonmarket", "non-market"), encoding="utf-8")
    proc = run("from-edit", "19 U.S.C. 2432(b)", str(edited), "-o", "/proc/nope/x.toml")
    assert_one_line_error(proc, "/proc/nope/x.toml")


def test_build_help_explains_the_styles() -> None:
    proc = run("build", "--help")
    assert proc.returncode == 0
    text = " ".join(proc.stdout.split())
    assert "house (default; omitted law in black brackets" in text
    assert "strike (omitted law struck through" in text and "color (struck through in red" in text


def test_no_statutes_folder_suggests_statutes(tmp_path: Path) -> None:
    proc = run("show", "19 U.S.C. 2432", cwd=tmp_path)
    assert_one_line_error(proc, "name another with --statutes DIR")


def test_a_section_not_loaded_says_how_to_get_it() -> None:
    proc = run("show", "19 U.S.C. 1304")
    assert_one_line_error(proc, "expected a loaded section for 19 U.S.C. 1304, found none")
    assert "--statutes DIR" in proc.stderr and "billdraft import-uslm" in proc.stderr


def test_redline_that_fails_leaves_every_output_as_it_was(tmp_path: Path) -> None:
    """--html is writable but --docx is a folder: nothing is written, the old print stays."""
    old = tmp_path / "r.html"
    old.write_text("an earlier run's print", encoding="utf-8")
    (tmp_path / "r.docx").mkdir()
    proc = run("redline", str(DRAFT), "--html", str(old), "--docx", str(tmp_path / "r.docx"))
    assert_one_line_error(proc, "r.docx: expected a file, found a folder")
    assert old.read_text(encoding="utf-8") == "an earlier run's print"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx", "r.html"]


def test_redline_writes_every_output_with_ordinary_permissions(tmp_path: Path) -> None:
    html, docx = tmp_path / "r.html", tmp_path / "r.docx"
    proc = run("redline", str(DRAFT), "--html", str(html), "--docx", str(docx))
    assert proc.returncode == 0, proc.stderr
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html")
    assert docx.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx", "r.html"]
    mask = os.umask(0o022)
    os.umask(mask)
    assert html.stat().st_mode & 0o777 == 0o666 & ~mask
