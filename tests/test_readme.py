"""Every command and every Python example in the README runs as written.

The README's ``sh`` blocks are run line by line (the part of a line from `billdraft` on, as the
installed command) in a scratch copy of the repository's `statutes/` and `drafts/`, with
`../shared` beside it when the reference data is present; its ``python`` blocks are run in that
folder too, and what their comments say they print is checked against what they print.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
from pathlib import Path

import pytest

from clirun import billdraft

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SHARED = ROOT.parent / "shared"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def blocks(kind: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README) if lang == kind]


def commands() -> list[str]:
    """Each `billdraft …` command of the README's shell blocks, comments dropped."""
    out = []
    for body in blocks("sh"):
        for line in body.splitlines():
            line = line.split("  #", 1)[0].strip()
            for part in line.split("&&"):
                part = part.strip()
                if part.startswith(".venv/bin/"):
                    part = part.removeprefix(".venv/bin/")
                if part.startswith("billdraft "):
                    out.append(part)
    return out


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("readme")
    repo = base / "repo"
    repo.mkdir()
    for name in ("statutes", "drafts"):
        shutil.copytree(ROOT / name, repo / name)
    if SHARED.is_dir():
        (base / "shared").symlink_to(SHARED)
    return repo


def test_the_readme_has_its_two_commands_and_stays_short() -> None:
    """The set-up command runs the main job; the test command is the one `.ci/run` runs."""
    sh = blocks("sh")
    assert "billdraft build drafts/kazakhstan-pntr.toml --out out/" in sh[0]
    assert sh[1].strip() == ".venv/bin/python -m pytest"
    assert ".venv/bin/python -m pytest\n" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert len(README.splitlines()) <= 200
    assert len(commands()) >= 6


@pytest.mark.parametrize("command", commands())
def test_readme_command_runs(workspace: Path, command: str) -> None:
    """Each command ends with exit code 0 and no error (import-bill: with its report)."""
    argv = shlex.split(command)[1:]
    if any("../shared" in a for a in argv) and not SHARED.is_dir():
        pytest.skip("needs the reference data in ../shared/")
    out_statutes = argv[:1] == ["import-uslm"] and "statutes" in argv
    if out_statutes:  # the README's own recipe for statutes/: it must give statutes/ again
        shutil.rmtree(workspace / "statutes")
    proc = billdraft(*argv, cwd=workspace)
    assert "Traceback" not in proc.stderr, proc.stderr
    if argv[0] == "import-bill":  # exit 1 means some instruction did not apply: still a report
        assert proc.returncode in (0, 1) and "instruction" in proc.stdout, proc.stderr
    else:
        assert proc.returncode == 0, proc.stderr
    if out_statutes:
        for committed in sorted((ROOT / "statutes").iterdir()):
            assert (workspace / "statutes" / committed.name).read_bytes() == committed.read_bytes()


@pytest.mark.parametrize("number", range(len(blocks("python"))))
def test_readme_python_example_runs(
    workspace: Path, number: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each Python example runs, and prints what its comments say it prints."""
    code = blocks("python")[number]
    monkeypatch.chdir(workspace)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, f"README python block {number + 1}", "exec"), {})
    text = printed.getvalue()
    promised = [
        line.split("#", 1)[1].strip().rstrip("…").strip()
        for line in code.splitlines()
        if line.lstrip().startswith("print(") and "#" in line
    ]
    promised += [line.lstrip("# ").strip() for line in code.splitlines() if line.startswith("# ")]
    for words in promised:
        assert words in text, (words, text)


def test_readme_instructions_are_what_the_command_prints(workspace: Path) -> None:
    """The instructions shown under `billdraft instructions` are its output (up to the “…”)."""
    shown = re.search(r"billdraft instructions (\S+)\n```\n\n```\n(.*?)^```", README, re.S | re.M)
    assert shown is not None
    proc = billdraft("instructions", shown[1], cwd=workspace)
    assert proc.returncode == 0, proc.stderr
    printed = " ".join(proc.stdout.split())
    for part in " ".join(shown[2].split()).split("…"):
        assert part.strip() in printed, part
