"""Draft files: the shipped drafts read and apply; every mistake is an error with file and line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from billdraft import AddAtEnd, DraftError, Insert, Scope, apply, load, read_draft
from billdraft.amendments import AMENDMENT_TYPES
from clirun import billdraft

ROOT = Path(__file__).resolve().parents[1]
GOOD = """\
[bill]
congress = 119
session = 2
chamber = "house"
sponsor = "Mr. Smith"
long_title = "To do things."
short_title = "Things Act"
statutes = "{statutes}"

[[section]]
heading = "Amendment"

[[section.amendment]]
type = "strike"
target = "19 U.S.C. 2432(a)(1)"
text = "right or"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "draft.toml"
    path.write_text(text.replace("{statutes}", str(ROOT / "statutes")), encoding="utf-8")
    return path


def test_kazakhstan_draft_reads_and_applies() -> None:
    draft = read_draft(ROOT / "drafts/kazakhstan-pntr.toml")
    assert (draft.congress, draft.session, draft.chamber) == (119, 2, "house")
    assert draft.short_title == "Kazakhstan Normal Trade Relations Act"
    assert [s.number for s in draft.sections] == [2, 3, 4]
    assert draft.sections[0].text and draft.sections[0].text.startswith("Congress finds")
    first, second = draft.amendments()
    assert isinstance(first, Insert) and first.scope is Scope.CHAPEAU
    assert isinstance(second, AddAtEnd) and str(second.target) == "19 U.S.C. 2432"
    assert first.label == "Sec. 4(1)"
    result = apply(load(ROOT / "statutes"), draft.amendments())
    assert "nonmarket economy country (other than Kazakhstan) shall not" in (
        result.statute.provision("19 U.S.C. 2432(a)").chapeau or ""
    )


def test_every_amendment_draft_covers_every_type() -> None:
    draft = read_draft(ROOT / "drafts/section-402-every-amendment.toml")
    kinds = {type(a) for a in draft.amendments()}
    assert kinds == set(AMENDMENT_TYPES)
    result = apply(load(ROOT / "statutes"), draft.amendments())
    assert result.ok and len(result.changes) == 22


@pytest.mark.parametrize(
    ("edit", "message", "line"),
    [
        (('type = "strike"', 'type = "smite"'), "expected an amendment type among", 14),
        (('target = "19 U.S.C. 2432(a)(1)"', 'target = "19 USSC 2432"'), "in `target`:", 15),
        (('text = "right or"\n', ""), "expected `text` in a strike amendment", 13),
        (('sponsor = "Mr. Smith"\n', ""), "expected `sponsor` in [bill]", 1),
        (('text = "right or"', 'text = "right or"\nbogus = 1'), "found bogus", 17),
        (('chamber = "house"', 'chamber = "hall"'), 'expected chamber "house" or "senate"', 4),
        (("session = 2", 'session = "two"'), "expected `session` in [bill] to be a number", 3),
        # an unknown key is named (with the key meant), not reported as a missing one
        (
            ('sponsor = "Mr. Smith"', 'sponser = "Mr. Smith"'),
            "found `sponser` (did you mean `sponsor`?)",
            5,
        ),
        (
            ('heading = "Amendment"', 'heading = "Amendment"\ntexts = "x"'),
            "in [[section]], found `texts`",
            12,
        ),
        (('text = "right or"', 'txt = "right or"'), "found txt (did you mean `text`?)", 16),
        # a number or a list where text belongs is refused, never inserted as "42"
        (
            ('text = "right or"', "text = 42"),
            "expected `text` in a strike amendment to be text, found a number (42)",
            16,
        ),
        (
            ('long_title = "To do things."', "long_title = ['To']"),
            "expected `long_title` in [bill] to be text, found a list",
            6,
        ),
        (('type = "strike"', "type = 3"), "expected an amendment type among", 14),
        (
            ('text = "right or"', 'text = "right or"\neach = "yes"'),
            "expected `each` in a strike amendment to be true or false",
            17,
        ),
        (('text = "right or"', 'text = "right or'), "expected valid TOML", 16),
    ],
)
def test_draft_mistakes_name_file_and_line(
    tmp_path: Path, edit: tuple[str, str], message: str, line: int
) -> None:
    path = write(tmp_path, GOOD.replace(*edit))
    with pytest.raises(DraftError) as err:
        read_draft(path)
    assert message in str(err.value)
    assert err.value.path == str(path) and err.value.line == line
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_an_amendment_type_takes_its_article(tmp_path: Path) -> None:
    """An insert amendment is "an insert amendment" in messages, never "a insert"."""
    path = write(
        tmp_path,
        GOOD.replace('type = "strike"', 'type = "insert"').replace(
            'text = "right or"', 'after = "x"'
        ),
    )
    with pytest.raises(
        DraftError, match="expected `text` in an insert amendment, found it missing"
    ):
        read_draft(path)


def test_a_field_or_a_draft_too_large_is_refused(tmp_path: Path) -> None:
    """A 5 MB text field is refused with the limit and the size found; so is a file over the cap."""
    from billdraft.drafts import MAX_DRAFT_BYTES, MAX_FIELD_CHARS

    big = "word " * 1_000_000  # 5,000,000 characters
    path = write(tmp_path, GOOD.replace('text = "right or"', f'text = "{big}"'))
    with pytest.raises(DraftError) as err:
        read_draft(path)
    assert f"at most {MAX_FIELD_CHARS:,} characters, found 5,000,000" in str(err.value)
    assert err.value.line == 16
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"#" * (MAX_DRAFT_BYTES + 1))
    with pytest.raises(DraftError, match=f"at most {MAX_DRAFT_BYTES:,} bytes, found"):
        read_draft(huge)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return billdraft(*args)


def test_cli_apply_writes_amended_uslm(tmp_path: Path) -> None:
    done = run("apply", "drafts/kazakhstan-pntr.toml", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "[Sec. 4(1)] /us/usc/t19/s2432/a: inserted “(other than Kazakhstan)”" in done.stdout
    amended = load(tmp_path / "2432.xml")
    assert amended.provision("19 U.S.C. 2432(f)").heading == "Exception for Kazakhstan"


def test_cli_apply_prints_every_refusal_and_fails(tmp_path: Path) -> None:
    bad = GOOD.replace('text = "right or"', 'text = "Kazakhstan"') + (
        '\n[[section.amendment]]\ntype = "strike"\ntarget = "19 U.S.C. 2432(a)(9)"\ntext = "x"\n'
    )
    done = run("apply", str(write(tmp_path, bad)), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "2 amendment(s) could not be applied" in done.stderr
    assert (
        "expected “Kazakhstan” in the text of 19 U.S.C. 2432(a)(1), found it nowhere" in done.stderr
    )
    assert "expected 19 U.S.C. 2432(a)(9) to exist" in done.stderr


def test_cli_instructions_words_the_kazakhstan_draft() -> None:
    done = run("instructions", "drafts/kazakhstan-pntr.toml")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "Section 402 of the Trade Act of 1974 (19 U.S.C. 2432) is amended—\n"
        "  (1) in subsection (a), in the matter preceding paragraph (1), by inserting "
        "“(other than Kazakhstan)” after “products from any nonmarket economy country”; and\n"
        "  (2) by adding at the end the following:\n"
        "    “(f) Exception for Kazakhstan.—This section shall not apply"
    )
