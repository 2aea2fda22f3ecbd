"""`billdraft show`: a provision as a drafter reads it, or its USLM."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import billdraft
from billdraft import Provision, Statute
from billdraft.amendments import LEVELS
from billdraft.cli import main
from billdraft.uslm import USLM_NS, c14n, parse_uslm_bytes

REPO = Path(__file__).resolve().parents[1]
STATUTES = REPO / "statutes"
USC19 = Path(__file__).resolve().parents[1].parent / "shared" / "uslm" / "usc19"
INDENT = "  "


@pytest.fixture(scope="module")
def committed() -> Statute:
    """The committed statutes/ folder."""
    return billdraft.load(STATUTES)


def _show(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    code = main(["show", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    return out.rstrip("\n").split("\n")


def _pad(p: Provision) -> str:
    """The indentation of a provision's line: one step per level below subsection."""
    return INDENT * max(LEVELS.index(p.level) - 1, 0)


def _assert_drafter_view(lines: list[str], top: Provision) -> None:
    """Every provision below `top` has its own line, in order, indented by level, with heading."""
    assert lines[0] == str(top.cite) + (f" — {top.heading}" if top.level == "section" else "")
    body = lines[1:]
    at = 0
    for p in top.walk():
        head = _pad(p) + p.num
        if p.heading:
            head += " " + p.heading
        # the provision's line comes next (in document order), starting with its designation
        while at < len(body) and not body[at].startswith(head):
            at += 1
        assert at < len(body), f"no line for {p.cite} starting {head!r}"
        line = body[at]
        first_block = p.chapeau or p.content
        if first_block:
            assert line.endswith(first_block), (p, line)
        at += 1
    for p in top.walk():
        if p.continuation:
            assert _pad(p) + p.continuation in body  # flush with its provision


def test_show_subsection(committed: Statute, capsys: pytest.CaptureFixture[str]) -> None:
    """The README's example: designations indented by level, headings, chapeau, continuation."""
    lines = _show(capsys, "19 U.S.C. 2432(a)", "--statutes", str(STATUTES))
    a = committed.provision("19 U.S.C. 2432(a)")
    _assert_drafter_view(lines, a)
    assert lines[0] == "19 U.S.C. 2432(a)"
    assert lines[1].startswith(f"(a) {a.heading}.—To assure the continued dedication")
    assert lines[2] == "  (1) denies its citizens the right or opportunity to emigrate;"
    assert lines[3].startswith("  (2) imposes more than a nominal tax on emigration")
    assert lines[-1] == a.continuation
    assert len(lines) == 1 + 1 + len(a.children) + 1


def test_show_uses_statutes_by_default(
    committed: Statute, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from the project root, `show` reads statutes/ without --statutes."""
    monkeypatch.chdir(REPO)
    assert _show(capsys, "19 U.S.C. 2432(a)") == _show(
        capsys, "19 U.S.C. 2432(a)", "--statutes", str(STATUTES)
    )


def test_show_section(committed: Statute, capsys: pytest.CaptureFixture[str]) -> None:
    """A whole section: its citation and heading, then every provision at its level."""
    for sec in committed.sections:
        lines = _show(capsys, str(sec.cite), "--statutes", str(STATUTES))
        _assert_drafter_view(lines, sec)
        assert lines[1].startswith(f"{sec.num} {sec.heading}")
        assert (sec.source_credit or "").strip("()") not in "\n".join(lines)


def test_show_deep_levels_are_indented(
    committed: Statute, capsys: pytest.CaptureFixture[str]
) -> None:
    """Subparagraphs and clauses are indented further than their paragraphs."""
    deep = next(p for p in committed if p.level == "clause")
    sub = deep.parent
    assert sub is not None and sub.parent is not None
    top = sub.parent.parent or sub.parent
    lines = _show(capsys, str(top.cite), "--statutes", str(STATUTES))
    _assert_drafter_view(lines, top)
    assert any(line.startswith(INDENT * 3 + deep.num) for line in lines)


def test_show_act_form(capsys: pytest.CaptureFixture[str]) -> None:
    """The Act form works on the command line too."""
    lines = _show(capsys, "section 402(a)(1) of the Trade Act of 1974", "--statutes", str(STATUTES))
    assert lines == [
        "19 U.S.C. 2432(a)(1)",
        "  (1) denies its citizens the right or opportunity to emigrate;",
    ]


def test_show_xml(committed: Statute, capsys: pytest.CaptureFixture[str]) -> None:
    """--xml prints the provision's USLM exactly (C14N-identical to the stored element)."""
    code = main(["show", "19 U.S.C. 2432(a)", "--xml", "--statutes", str(STATUTES)])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<subsection ')
    doc = parse_uslm_bytes(out.encode("utf-8"), name="stdout")
    root = doc.getroot()
    assert root.tag == f"{{{USLM_NS}}}subsection"
    assert root.get("identifier") == "/us/usc/t19/s2432/a"
    assert c14n(root) == c14n(committed.provision("19 U.S.C. 2432(a)").element)
    assert root.find(f"{{{USLM_NS}}}chapeau/{{{USLM_NS}}}date") is not None  # inline markup kept


def test_show_unknown_provision(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown provision exits 1 and says what the parent has."""
    code = main(["show", "19 U.S.C. 2432(z)", "--statutes", str(STATUTES)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith("billdraft: error: expected 19 U.S.C. 2432(z) to exist")
    assert "19 U.S.C. 2432 has (a), (b), (c), (d), (e)" in err


def test_show_malformed_citation(capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed citation exits 1 with what was expected."""
    code = main(["show", "nineteen USC", "--statutes", str(STATUTES)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith("billdraft: error: ") and "expected" in err


def test_show_empty_statutes_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Pointing at a folder with no sections exits 1 naming the folder."""
    code = main(["show", "19 U.S.C. 2432", "--statutes", str(tmp_path)])
    _, err = capsys.readouterr()
    assert code == 1
    assert str(tmp_path) in err and "found none" in err


def test_show_as_a_command(tmp_path: Path) -> None:
    """The real command (a child process) prints the same as main()."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    run = subprocess.run(
        [sys.executable, "-m", "billdraft.cli", "show", "19 U.S.C. 2432(a)(2)"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.splitlines()[0] == "19 U.S.C. 2432(a)(2)"
    assert run.stdout.splitlines()[1].startswith("  (2) imposes more than a nominal tax")


def test_show_every_depth_in_title_19(capsys: pytest.CaptureFixture[str]) -> None:
    """On real sections reaching subclauses and items, every level is indented one step more."""
    if not USC19.is_dir():
        pytest.skip(f"../shared/ is absent: {USC19} does not exist (reference data, not in git)")
    title = billdraft.load(USC19)
    deepest: dict[str, Provision] = {}
    for p in title:
        deepest.setdefault(p.level, p)
    assert {"subclause", "item"} <= set(deepest)
    for level in ("subclause", "item"):
        sec = title.section(deepest[level].cite)
        lines = _show(capsys, str(sec.cite), "--statutes", str(USC19))
        _assert_drafter_view(lines, sec)
        p = deepest[level]
        assert any(line.startswith(INDENT * (LEVELS.index(level) - 1) + p.num) for line in lines)
    # A continuation below a paragraph is flush with its paragraph, not with the subparagraphs.
    para = next(p for p in title if p.level == "paragraph" and p.continuation)
    lines = _show(capsys, str(para.cite), "--statutes", str(USC19))
    _assert_drafter_view(lines, para)
    assert lines[-1] == INDENT + (para.continuation or "")
    assert lines[-2].startswith(INDENT * 2 + para.children[-1].num)
