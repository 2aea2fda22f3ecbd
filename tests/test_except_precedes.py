"""Two amendatory forms issue 15 (family 3) names, carried out, worded and read from a draft:
`by striking “X” each place it appears except in subsection (c)` (`except_in`) and
`by striking all that precedes “X” and inserting “Y”` (`StrikeThrough.precedes`).

No bill in ../shared/bills uses either form (a grep for `all that precedes` and `appears except`
finds none), so the instructions here are written in the House Legislative Counsel form the
parser reads, against the real text of 19 U.S.C. 2432 (statutes/2432.xml) and 19 U.S.C. 2462
(../shared/uslm/usc19/2462.xml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from billdraft import apply, load
from billdraft.amendments import Insert, Strike, StrikeInsert, StrikeThrough
from billdraft.cite import Cite, Container
from billdraft.diff import redline
from billdraft.drafts import read_draft
from billdraft.errors import (
    AmbiguousTextError,
    AmendmentError,
    DraftError,
    TargetNotFoundError,
    TextNotFoundError,
)
from billdraft.instructions.parse import parse_instruction
from billdraft.instructions.render import instructions
from billdraft.render.comparative import comparative_print
from billdraft.statute import Statute

ROOT = Path(__file__).resolve().parents[1]
SEC = Cite("19", "2432")
TRADE_ACT = "Section 402 of the Trade Act of 1974 (19 U.S.C. 2432)"


def c(*path: str) -> Cite:
    """A provision of 19 U.S.C. 2432."""
    return SEC.child(*path) if path else SEC


@pytest.fixture(scope="module")
def law() -> Statute:
    """The real 19 U.S.C. 2432 (statutes/2432.xml)."""
    return load(ROOT / "statutes" / "2432.xml")


def _count(law: Statute, cite: Cite, words: str) -> int:
    return law.provision(cite).text.count(words)


# --- each place it appears except in … ---------------------------------------------------


def test_except_in_leaves_the_named_subsections_alone(law: Statute) -> None:
    """`… each place it appears except in subsections (c) and (d) …`: every “the President” in
    (a) and (b) is replaced, none in (c) or (d), and each change names the amendment."""
    (amendment,) = parse_instruction(
        f"{TRADE_ACT} is amended by striking “the President” each place it appears except in "
        "subsections (c) and (d) and inserting “the Trade Representative”."
    )
    assert isinstance(amendment, StrikeInsert) and amendment.except_in == (c("c"), c("d"))
    before = {k: _count(law, c(k), "the President") for k in "abcd"}
    assert before == {"a": 3, "b": 2, "c": 2, "d": 6}
    result = apply(law, [amendment])
    new = result.statute
    assert {k: _count(new, c(k), "the President") for k in "abcd"} == {
        "a": 0,
        "b": 0,
        "c": 2,
        "d": 6,
    }
    assert len(result.changes) == before["a"] + before["b"]
    assert {ch.identifier for ch in result.changes} == {c("a").identifier, c("b").identifier}
    assert all(ch.amendment is amendment and ch.kind == "replace" for ch in result.changes)
    assert list(new.provision(c("c")).lines()) == list(law.provision(c("c")).lines())


def test_except_in_a_paragraph_of_the_target(law: Statute) -> None:
    """`Section 402(c) … by striking “by Executive order ” each place it appears except in
    paragraph (3)`: (c)(1) and (c)(2) lose the words, (c)(3) keeps them."""
    amendment = Strike(c("c"), "by Executive order ", each=True, except_in=(c("c", "3"),))
    new = apply(law, [amendment]).statute
    assert [_count(law, c("c", p), "by Executive order") for p in "123"] == [1, 1, 1]
    assert [_count(new, c("c", p), "by Executive order") for p in "123"] == [0, 0, 1]
    assert "is authorized to waive the application" in new.provision(c("c", "1")).text


def test_except_in_for_an_insertion(law: Statute) -> None:
    """`by inserting “or the Trade Representative” after “the President” each place it appears
    except in paragraph (1)`."""
    amendment = Insert(
        c("c"),
        "or the Trade Representative",
        after="the President",
        each=True,
        except_in=(c("c", "1"),),
    )
    new = apply(law, [amendment]).statute
    assert "the President or the Trade Representative" not in new.provision(c("c", "1")).text
    assert "the President or the Trade Representative is" in new.provision(c("c", "2")).text
    # “The President” in (c)(3) is not “the President”: the words match case for case
    assert "The President may" in new.provision(c("c", "3")).text


def test_except_in_counts_only_the_places_left(law: Statute) -> None:
    """When every place the words appear is in a provision left alone, nothing is changed and
    the refusal says where it looked."""
    amendment = Strike(c("c"), "18-month", each=True, except_in=(c("c", "1"), c("c", "2")))
    with pytest.raises(TextNotFoundError) as e:
        apply(law, [amendment])
    assert "except in 19 U.S.C. 2432(c)(1) and 19 U.S.C. 2432(c)(2)" in e.value.message


def test_except_in_a_provision_that_does_not_exist(law: Statute) -> None:
    """An excluded provision missing under the target is refused by name, with what is there."""
    amendment = Strike(SEC, "the President", each=True, except_in=(c("g"),))
    with pytest.raises(TargetNotFoundError) as e:
        apply(law, [amendment])
    assert "expected 19 U.S.C. 2432(g), which the amendment leaves alone" in e.value.message
    assert "(a), (b), (c), (d), (e)" in e.value.message
    result = apply(law, [amendment], errors="collect")
    assert [type(f) for f in result.failures] == [TargetNotFoundError]
    assert result.changes == ()


@pytest.mark.parametrize(
    "left",
    [
        c("d"),
        SEC,
        Cite("19", "2433", ("a",)),
        Container("title 19, United States Code", (("chapter", "12"),), usc="19"),
    ],
    ids=["outside-the-target", "the-target-itself", "another-section", "a-container"],
)
def test_except_in_must_be_under_the_target(law: Statute, left: object) -> None:
    """Only a subdivision of the target can be left alone."""
    amendment = Strike(c("c"), "the President", each=True, except_in=(left,))
    with pytest.raises(AmendmentError) as e:
        apply(law, [amendment])
    assert "to be a subdivision of 19 U.S.C. 2432(c)" in e.value.message


def test_except_in_needs_each_place(law: Statute) -> None:
    """`except in` belongs to `each place it appears`: with one place or an occurrence it is
    refused, not guessed."""
    for amendment in (
        Strike(c("c"), "18-month", except_in=(c("c", "1"),)),
        Strike(c("c"), "the President", occurrence=2, except_in=(c("c", "1"),)),
    ):
        with pytest.raises(AmendmentError) as e:
            apply(law, [amendment])
        assert "expected `each place it appears` with `except in`" in e.value.message
        with pytest.raises(AmendmentError):
            instructions([amendment])


# --- all that precedes ---------------------------------------------------------------------


def test_all_that_precedes_with_an_insertion(law: Statute) -> None:
    """`Section 402(e) … by striking all that precedes “shall not apply” and inserting
    “Subsections (a) and (b)”`: the words before go, “shall not apply” stays."""
    (amendment,) = parse_instruction(
        "Section 402(e) of the Trade Act of 1974 (19 U.S.C. 2432(e)) is amended by striking all "
        "that precedes “shall not apply” and inserting “Subsections (a) and (b)”."
    )
    assert isinstance(amendment, StrikeThrough) and amendment.precedes
    result = apply(law, [amendment])
    assert result.statute.provision(c("e")).content.startswith(
        "Subsections (a) and (b) shall not apply to any country"
    )
    (change,) = result.changes
    assert (change.kind, change.struck, change.inserted) == (
        "replace",
        "This section ",
        "Subsections (a) and (b)",
    )
    assert change.amendment is amendment
    assert result.statute.provision(c("e")).heading == law.provision(c("e")).heading


def test_all_that_precedes_struck_alone(law: Statute) -> None:
    """Without an insertion the text then starts at “X”."""
    amendment = StrikeThrough(c("a"), "products from any nonmarket economy country", precedes=True)
    result = apply(law, [amendment])
    chapeau = result.statute.provision(c("a")).chapeau
    assert chapeau is not None and chapeau.startswith("products from any nonmarket economy")
    (change,) = result.changes
    assert change.kind == "strike" and change.struck.startswith("To assure the continued")
    assert law.provision(c("a")).chapeau.endswith(chapeau)


def test_all_that_precedes_refusals(law: Statute) -> None:
    """Absent, ambiguous, at the very start, or past the first text of the provision (which
    would strike subdivisions): each refused with a typed error saying what was found."""
    with pytest.raises(TextNotFoundError) as e:
        apply(law, [StrikeThrough(c("e"), "shall never apply", precedes=True)])
    assert "found it nowhere" in e.value.message
    with pytest.raises(AmbiguousTextError) as amb:
        apply(law, [StrikeThrough(c("a"), "the President", precedes=True)])
    assert "found it 3 times" in amb.value.message
    assert "each place" not in amb.value.message and "name the occurrence" in amb.value.message
    with pytest.raises(TextNotFoundError) as e:
        apply(law, [StrikeThrough(c("e"), "This section", precedes=True)])
    assert "nothing that precedes it" in e.value.message
    with pytest.raises(AmendmentError) as e:
        apply(law, [StrikeThrough(c("c"), "During any period subsequent", precedes=True)])
    assert "found it in the chapeau of 19 U.S.C. 2432(c)(2)" in e.value.message
    assert "structural amendment" in e.value.message


def test_all_that_precedes_a_named_occurrence(law: Statute) -> None:
    """With an occurrence, the strike runs up to that place."""
    amendment = StrikeThrough(c("a"), "the President", occurrence=2, precedes=True)
    chapeau = apply(law, [amendment]).statute.provision(c("a")).chapeau
    assert chapeau is not None and chapeau.startswith("the President determines")


def test_precedes_on_another_title_19_section(shared_dir: Path) -> None:
    """19 U.S.C. 2462(a)(1) (`The President is authorized to designate …`), from
    ../shared/uslm/usc19, with `except in` on the whole section as well."""
    law = load(shared_dir / "uslm/usc19/2462.xml")
    gsp = Cite("19", "2462")
    amendments = [
        StrikeThrough(
            gsp.child("a", "1"),
            "is authorized to designate",
            insert="The United States Trade Representative",
            precedes=True,
        ),
        StrikeInsert(
            gsp,
            "beneficiary developing country",
            "eligible developing country",
            each=True,
            except_in=(gsp.child("f"),),
        ),
    ]
    result = apply(law, amendments)
    new = result.statute
    assert new.provision(gsp.child("a", "1")).content.startswith(
        "The United States Trade Representative is authorized to designate countries"
    )
    f_before = law.provision(gsp.child("f")).text
    assert new.provision(gsp.child("f")).text == f_before
    assert "beneficiary developing country" in f_before
    for k in "abcde":
        assert "beneficiary developing country" not in new.provision(gsp.child(k)).text


# --- the views: redline, print, USLM, wording ---------------------------------------------


def test_redline_print_and_uslm(law: Statute, shared_dir: Path) -> None:
    """Both forms show as omitted and new matter in the comparative print, and the amended
    section validates against USLM.xsd."""
    amendments = [
        StrikeThrough(c("e"), "shall not apply", insert="Subsections (a) and (b)", precedes=True),
        StrikeInsert(
            SEC, "the President", "the Trade Representative", each=True, except_in=(c("c"), c("d"))
        ),
    ]
    result = apply(law, amendments)
    plain = "\n".join(ln.plain for ln in comparative_print(redline(result)).lines)
    assert "[This section] Subsections (a) and (b) shall not apply" in plain
    assert plain.count("[the President] the Trade Representative") == 5
    schema = etree.XMLSchema(etree.parse(str(shared_dir / "schemas/uslm/USLM.xsd")))
    doc = etree.fromstring(result.statute.to_xml("19 U.S.C. 2432"))
    assert schema.validate(doc), schema.error_log


def test_worded_and_read_back_as_one_instruction(law: Statute) -> None:
    """Worded together, the two amendments read back as the same amendments."""
    amendments = [
        StrikeInsert(
            SEC, "the President", "the Trade Representative", each=True, except_in=(c("c"), c("d"))
        ),
        StrikeThrough(c("e"), "shall not apply", insert="Subsections (a) and (b)", precedes=True),
    ]
    text = instructions(amendments, law)
    assert "except in subsections (c) and (d)" in text
    assert "by striking all that precedes “shall not apply” and inserting" in text
    assert parse_instruction(" ".join(text.split())) == amendments


# --- drafts --------------------------------------------------------------------------------

HEAD = """
[bill]
congress = 119
session = 1
chamber = "house"
sponsor = "Mr. Smith"
long_title = "To amend the Trade Act of 1974."
short_title = "Test Act"

[[section]]
heading = "Amendments"
"""


def _draft(tmp_path: Path, body: str) -> list[object]:
    path = tmp_path / "d.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    return list(read_draft(path).amendments())


def test_draft_reads_except_in_and_precedes(tmp_path: Path) -> None:
    """`except_in` takes citations or designations under the target; `precedes` a flag."""
    got = _draft(
        tmp_path,
        """
[[section.amendment]]
type = "strike_insert"
target = "19 U.S.C. 2432"
strike = "the President"
insert = "the Trade Representative"
each = true
except_in = ["(c)", "19 U.S.C. 2432(d)(1)"]

[[section.amendment]]
type = "strike_through"
target = "19 U.S.C. 2432(e)"
start = "shall not apply"
insert = "Subsections (a) and (b)"
precedes = true
""",
    )
    assert got == [
        StrikeInsert(
            SEC,
            "the President",
            "the Trade Representative",
            each=True,
            except_in=(c("c"), c("d", "1")),
        ),
        StrikeThrough(c("e"), "shall not apply", insert="Subsections (a) and (b)", precedes=True),
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'type = "strike"\ntarget = "19 U.S.C. 2432"\ntext = "x"\nexcept_in = ["(c)"]\n',
            "expected `each = true` with `except_in`",
        ),
        (
            'type = "strike"\ntarget = "19 U.S.C. 2432"\ntext = "x"\neach = true\nexcept_in = []\n',
            "found an empty list",
        ),
        (
            'type = "strike"\ntarget = "19 U.S.C. 2432"\ntext = "x"\neach = true\n'
            'except_in = "(c)"\n',
            "to be a list of text",
        ),
        (
            'type = "strike"\ntarget = "19 U.S.C. 2432"\ntext = "x"\neach = true\n'
            'except_in = ["(c"]\n',
            "in `except_in`",
        ),
        (
            'type = "strike_through"\ntarget = "19 U.S.C. 2432"\nstart = "x"\nprecedes = "yes"\n',
            "expected `precedes` in a strike_through amendment to be true or false",
        ),
        (
            'type = "strike_through"\ntarget = "19 U.S.C. 2432"\nstart = "x"\nprecedes = true\n'
            'through = "y"\n',
            "found a strike through",
        ),
        (
            'type = "strike_provision"\ntarget = "19 U.S.C. 2432(c)"\nprecedes = true\n',
            "expected only the fields",
        ),
        (
            'type = "strike_through"\ntarget = "19 U.S.C. 2432"\nstart = "x"\n'
            'except_in = ["(c)"]\n',
            "expected only the fields",
        ),
    ],
    ids=[
        "except-in-without-each",
        "except-in-empty",
        "except-in-not-a-list",
        "except-in-bad-designation",
        "precedes-not-a-flag",
        "precedes-and-through",
        "precedes-on-a-provision-strike",
        "except-in-on-strike-through",
    ],
)
def test_draft_refusals(tmp_path: Path, body: str, message: str) -> None:
    """Each mistake is a DraftError naming what was expected and what was found."""
    with pytest.raises(DraftError) as e:
        _draft(tmp_path, "[[section.amendment]]\n" + body)
    assert message in e.value.message
    assert e.value.line is not None


def test_all_that_precedes_that_starts_a_designation(law: Statute, shared_dir: Path) -> None:
    """`by striking all that precedes “shall not apply” and inserting “(1) In general.—This
    section”` in undivided subsection (e): the new “(1)” makes (e) a subsection with a paragraph
    (1), as for any insertion that starts a designation, and the section stays valid USLM."""
    amendment = StrikeThrough(
        c("e"), "shall not apply", insert="(1) In general.—This section", precedes=True
    )
    result = apply(law, [amendment])
    lines = list(result.statute.provision(c("e")).lines())
    assert lines[0] == "(e) Countries not covered.—"
    assert lines[1].startswith("  (1) In general.—This section shall not apply to any country")
    assert result.changes[0].kind == "replace"
    assert all(ch.amendment is amendment for ch in result.changes)
    schema = etree.XMLSchema(etree.parse(str(shared_dir / "schemas/uslm/USLM.xsd")))
    assert schema.validate(etree.fromstring(result.statute.to_xml("19 U.S.C. 2432")))
