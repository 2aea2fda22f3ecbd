"""A corpus of hostile and careless input for every reader and writer, run as a user runs it.

Each case writes its input into a fresh folder (nothing here is a committed binary), runs the
installed command as a subprocess and checks that it ends in exactly one `billdraft: error:` line
naming what was expected and what was found, with exit code 1, no traceback, and no output file
left behind. The time bound is the subprocess timeout: generous enough for a slow machine, hit only
by a hang. The readers covered: section and title USLM (`show`, `import-uslm`, `redline OLD NEW`),
bill XML and plain-text bills (`import-bill`), draft TOML (`build`, `instructions`, `bill`), edits
as text, .docx and USLM (`from-edit`); the writers: every output path of `build`, `apply`,
`redline`, `bill`, `show --docx`, `import-uslm` and `from-edit`.
"""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from clirun import billdraft

ROOT = Path(__file__).resolve().parents[1]
STATUTES = ROOT / "statutes"
SECTION = (STATUTES / "2432.xml").read_text(encoding="utf-8")
DRAFT = (
    (ROOT / "drafts" / "kazakhstan-pntr.toml")
    .read_text(encoding="utf-8")
    .replace('statutes = "../statutes"', f'statutes = "{STATUTES}"')
)
EXTRA = (
    '\n[[section]]\nheading = "More"\n\n[[section.amendment]]\ntype = "strike"\n'
    'target = "19 U.S.C. 2432(a)"\ntext = {text}\n'
)
TIMEOUT = 120  # seconds: only a hang reaches it


@dataclass(frozen=True)
class Case:
    """One hostile input: the files it writes, the command run on them, the words of the error."""

    name: str
    files: dict[str, str | bytes | Callable[[], bytes]]
    argv: tuple[str, ...]
    words: tuple[str, ...]
    not_written: tuple[str, ...] = ()


def docx_without(member: str) -> bytes:
    """The Word document `show --docx` writes, with one member left out of its zip archive."""
    import io
    import tempfile

    from billdraft import load
    from billdraft.render.docx.statute import write_statute_docx

    out = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        real = Path(tmp) / "s.docx"
        write_statute_docx(load(STATUTES), real, ["19 U.S.C. 2432"])
        with zipfile.ZipFile(real) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                if info.filename != member:
                    dst.writestr(info, src.read(info))
    return out.getvalue()


S = str(STATUTES)
K = "19 U.S.C. 2432"

CASES = [
    # --- section and title USLM -------------------------------------------------------------
    Case(
        "statutes-folder-of-non-xml",
        {"d/a.xml": "not xml"},
        ("show", K, "--statutes", "d"),
        ("d/a.xml:1", "expected well-formed XML", "found a syntax error"),
    ),
    Case(
        "statutes-truncated-section",
        {"t.xml": SECTION[: len(SECTION) // 2]},
        ("show", K, "--statutes", "t.xml"),
        ("t.xml:", "expected well-formed XML", "Premature end of data"),
    ),
    Case(
        "statutes-with-entities",
        {"e.xml": SECTION.replace("<section", '<!DOCTYPE x [<!ENTITY a "b">]>\n<section', 1)},
        ("show", K, "--statutes", "e.xml"),
        ("expected no document type declaration", "entity declaration(s): 'a'"),
    ),
    Case(
        "statutes-no-namespace",
        {"n.xml": "<section/>"},
        ("show", K, "--statutes", "n.xml"),
        ("expected a USLM 1.0 element", "found section (no namespace)"),
    ),
    Case(
        "statutes-empty-file",
        {"z.xml": b""},
        ("show", K, "--statutes", "z.xml"),
        ("expected a USLM XML document", "empty file"),
    ),
    Case(
        "statutes-xinclude",
        {
            "x.xml": SECTION.replace(
                "</heading>",
                '</heading><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>',
                1,
            )
        },
        ("show", K, "--statutes", "x.xml"),
        ("expected a self-contained document", "xi:include of '/etc/passwd'"),
    ),
    Case(
        "citation-too-deep",
        {},
        ("show", "19 U.S.C. 2432" + "(a)" * 10_000, "--statutes", S),
        ("expected a citation of at most 1,000 characters", "(30,014 characters)"),
    ),
    Case(
        "citation-twenty-levels",
        {},
        ("show", "19 U.S.C. 2432" + "(a)" * 20, "--statutes", S),
        ("expected at most 16 designations below a section", "found 20 in 19 U.S.C. 2432"),
    ),
    Case(
        "citation-nonsense",
        {},
        ("show", "the moon", "--statutes", S),
        ("expected a citation",),
    ),
    Case(
        "import-uslm-onto-a-file",
        {"out.txt": "x"},
        ("import-uslm", str(STATUTES / "2432.xml"), "--out", "out.txt"),
        ("out.txt: expected a folder to write the sections into, found a file",),
    ),
    Case(
        "import-uslm-truncated",
        {"t.xml": SECTION[:500]},
        ("import-uslm", "t.xml", "--out", "imported"),
        ("t.xml:", "expected well-formed XML"),
        not_written=("imported",),
    ),
    Case(
        "import-uslm-into-a-folder-it-fails-half-way",
        {"src/a.xml": SECTION, "src/b.xml": SECTION[:-300], "imported/keep.txt": "mine"},
        ("import-uslm", "src", "--out", "imported"),
        ("src/b.xml:", "expected well-formed XML"),
    ),
    Case(
        "redline-old-new-truncated",
        {"t.xml": SECTION[:-200]},
        ("redline", str(STATUTES / "2432.xml"), "t.xml", "--html", "r.html"),
        ("t.xml:", "expected well-formed XML"),
        not_written=("r.html",),
    ),
    # --- draft TOML ---------------------------------------------------------------------------
    Case(
        "draft-empty",
        {"d.toml": ""},
        ("build", "d.toml", "--out", "out"),
        ("expected a [bill] table",),
        not_written=("out",),
    ),
    Case(
        "draft-bad-toml",
        {"d.toml": "[bill\n"},
        ("instructions", "d.toml"),
        ("d.toml:1", "expected valid TOML"),
    ),
    Case(
        "draft-binary",
        {"d.toml": b"\xff\xfe\x00\x01"},
        ("bill", "d.toml", "-o", "b.docx"),
        ("expected UTF-8 text",),
        not_written=("b.docx",),
    ),
    Case(
        "draft-unknown-key",
        {"d.toml": DRAFT.replace("sponsor", "sponser", 1)},
        ("instructions", "d.toml"),
        ("sponser", "did you mean"),
    ),
    Case(
        "draft-number-for-text",
        {"d.toml": DRAFT + EXTRA.format(text="42")},
        ("instructions", "d.toml"),
        ("d.toml:57", "expected `text` in a strike amendment to be text", "found a number (42)"),
    ),
    Case(
        "draft-huge-field",
        {"d.toml": DRAFT + EXTRA.format(text='"' + "a" * 1_100_000 + '"')},
        ("instructions", "d.toml"),
        ("to hold at most 1,000,000 characters", "found 1,100,000"),
    ),
    # --- writers --------------------------------------------------------------------------------
    Case(
        "build-out-is-a-file",
        {"d.toml": DRAFT, "out": "a file"},
        ("build", "d.toml", "--out", "out"),
        ("out", "expected a folder"),
    ),
    Case(
        "apply-out-under-proc",
        {"d.toml": DRAFT},
        ("apply", "d.toml", "--out", "/proc/billdraft-nope/x"),
        ("/proc/billdraft-nope", "expected the file or its folder to exist"),
    ),
    Case(
        "redline-docx-no-folder",
        {"d.toml": DRAFT},
        ("redline", "d.toml", "--docx", "no/such/folder/r.docx"),
        ("no/such/folder/r.docx: expected the folder no/such/folder to exist",),
    ),
    Case(
        "bill-onto-a-folder",
        {"d.toml": DRAFT, "b.docx/keep": "x"},
        ("bill", "d.toml", "-o", "b.docx"),
        ("b.docx", "expected a file, found a folder"),
    ),
    Case(
        "show-docx-no-folder",
        {},
        ("show", K, "--statutes", S, "--docx", "no/such/s.docx"),
        ("no/such/s.docx: expected the folder no/such to exist",),
    ),
    Case(
        "from-edit-out-no-folder",
        {"e.txt": "§ 2432. Freedom of emigration\n"},
        ("from-edit", K, "e.txt", "--statutes", S, "-o", "/proc/billdraft-nope/x.toml"),
        ("x.toml",),
    ),
    # --- edits: text, .docx, USLM -----------------------------------------------------------
    Case(
        "edit-empty-text",
        {"e.txt": ""},
        ("from-edit", K, "e.txt", "--statutes", S),
        ("expected the edited text of a provision", "found no text"),
    ),
    Case(
        "edit-prose",
        {"e.txt": "hello world\n"},
        ("from-edit", K, "e.txt", "--statutes", S),
        ("expected a section line", "found “hello world”"),
    ),
    Case(
        "edit-binary-text",
        {"e.txt": b"\xff\xfe\x00bad"},
        ("from-edit", K, "e.txt", "--statutes", S),
        ("expected plain text", "found binary data"),
    ),
    Case(
        "edit-docx-not-a-zip",
        {"e.docx": b"x"},
        ("from-edit", K, "e.docx", "--statutes", S),
        ("expected a Word document", "found a file starting with b'x'"),
    ),
    Case(
        "edit-uslm-other-section",
        {"e.xml": SECTION.replace("/us/usc/t19/s2432", "/us/usc/t19/s9999")},
        ("from-edit", K, "e.xml", "--statutes", S),
        ("expected the edited statute to hold 19 U.S.C. 2432", "found only 19 U.S.C. 9999"),
    ),
    Case(
        "edit-uslm-entities",
        {"e.xml": SECTION.replace("<section", '<!DOCTYPE x [<!ENTITY a "b">]>\n<section', 1)},
        ("from-edit", K, "e.xml", "--statutes", S),
        ("expected no document type declaration",),
    ),
    Case(
        "edit-docx-without-its-document",
        {"e.docx": lambda: docx_without("word/document.xml")},
        ("from-edit", K, "e.docx", "--statutes", S),
        ("e.docx", "word/document.xml"),
    ),
    # --- bills ----------------------------------------------------------------------------------
    Case(
        "bill-xml-truncated",
        {"b.xml": '<?xml version="1.0"?>\n<bill><legis-body><section>'},
        ("import-bill", "b.xml", "--statutes", S),
        ("b.xml:", "expected well-formed XML"),
    ),
    Case(
        "bill-xml-not-a-bill",
        {"b.xml": SECTION},
        ("import-bill", "b.xml", "--statutes", S),
        ("b.xml", "expected"),
    ),
    Case(
        "bill-text-empty",
        {"b.txt": ""},
        ("import-bill", "b.txt", "--statutes", S),
        ("b.txt: expected a bill, found an empty file",),
    ),
    Case(
        "bill-text-prose",
        {"b.txt": "Dear colleague, please support this bill.\n"},
        ("import-bill", "b.txt", "--statutes", S),
        ("expected a bill with at least one amendatory instruction", "amend nothing"),
    ),
    Case(
        "bill-text-only-a-short-title",
        {"b.txt": "SEC. 1. SHORT TITLE.\nThis Act may be cited as the Example Act.\n"},
        ("import-bill", "b.txt", "--statutes", S),
        ("expected a bill with at least one amendatory instruction", "(1 short title)"),
    ),
    Case(
        "compare-old-empty",
        {"old.txt": "", "d.toml": DRAFT},
        ("compare-bills", "old.txt", "d.toml", "--statutes", S),
        ("old.txt: expected a bill, found an empty file",),
    ),
    Case(
        "compare-new-binary",
        {"new.txt": b"\xff\xfe\x00bad", "d.toml": DRAFT},
        ("compare-bills", "d.toml", "new.txt", "--statutes", S),
        ("new.txt: expected a UTF-8 text bill", "found byte 0xff at offset 0"),
    ),
    Case(
        "compare-new-truncated-xml",
        {"new.xml": '<?xml version="1.0"?>\n<bill><legis-body>', "d.toml": DRAFT},
        ("compare-bills", "d.toml", "new.xml", "--statutes", S),
        ("new.xml:", "expected well-formed XML"),
    ),
    Case(
        "compare-html-ok-docx-no-folder",
        {"d.toml": DRAFT},
        (
            "compare-bills",
            "d.toml",
            "d.toml",
            "--statutes",
            S,
            "--html",
            "c.html",
            "--docx",
            "no/c.docx",
        ),
        ("no/c.docx: expected the folder no to exist",),
        not_written=("c.html",),
    ),
    Case(
        "import-bill-html-ok-redline-no-folder",
        {
            "b.txt": "SEC. 2. AMENDMENT.\nSection 402(a) of the Trade Act of 1974 (19 U.S.C. 2432(a)) "
            "is amended by striking “To assure” and inserting “To ensure”.\n"
        },
        ("import-bill", "b.txt", "--statutes", S, "--html", "p.html", "--redline", "no/r.docx"),
        ("no/r.docx: expected the folder no to exist",),
        not_written=("p.html",),
    ),
    Case(
        "bill-text-binary",
        {"b.txt": b"\xff\xfe\x00bad"},
        ("import-bill", "b.txt", "--statutes", S),
        ("b.txt", "expected a UTF-8 text bill", "found byte 0xff at offset 0"),
    ),
]


def run(argv: tuple[str, ...], cwd: Path) -> subprocess.CompletedProcess[str]:
    return billdraft(*argv, cwd=cwd, timeout=TIMEOUT)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_ends_in_one_typed_error_line(tmp_path: Path, case: Case) -> None:
    """The command refuses the input in one line that says what was expected and found."""
    for name, data in case.files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(data):
            data = data()
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    proc = run(case.argv, tmp_path)
    assert proc.returncode == 1, (proc.returncode, proc.stdout[-500:], proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("billdraft: error: "), proc.stderr[-2000:]
    assert len(lines[0]) < 2_000, f"the error line is {len(lines[0]):,} characters long"
    for word in case.words:
        assert word in lines[0], (word, lines[0])
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert after == before, "a refused run must leave the folder as it was"
    for name in case.not_written:
        assert not (tmp_path / name).exists()
