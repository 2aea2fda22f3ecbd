"""Instructions worded in the order of the provisions, whatever order the draft lists them in,
and never in an order that makes other law."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billdraft.amendments import (
    AddAtEnd,
    AmendHeading,
    Amendment,
    Insert,
    InsertProvisions,
    Paragraph,
    Redesignate,
    Scope,
    Strike,
    StrikeInsert,
    StrikeProvision,
    Subsection,
)
from billdraft.apply import apply
from billdraft.cite import Cite
from billdraft.drafts import read_draft
from billdraft.errors import BilldraftError
from billdraft.instructions.order import provision_order
from billdraft.instructions.render import instructions
from billdraft.statute import Statute, load

ROOT = Path(__file__).resolve().parents[1]
S2432 = ROOT / "statutes" / "2432.xml"


def c(*path: str) -> Cite:
    return Cite("19", "2432", path)


@pytest.fixture(scope="module")
def law() -> Statute:
    return load(ROOT / "statutes")


def test_every_change_to_a_subsection_falls_under_one_item(law: Statute) -> None:
    """The every-amendment draft lists subsection (a)'s changes apart; the bill gathers them under
    one ``(2) in subsection (a)—`` in the order of the provisions."""
    draft = read_draft(ROOT / "drafts" / "section-402-every-amendment.toml")
    text = instructions(draft.sections[0].amendments, law)
    assert text.count("in subsection (a)—") == 1
    assert text.count("in subsection (b)—") == 1
    order = [
        "each place it appears",
        "in subsection (a)—",
        "in the matter preceding paragraph (1)",
        "in paragraph (1)",
        "in paragraph (2)",
        "in the matter following paragraph (3)",
        "in subsection (b)—",
        "in subsection (c), in the heading",
        "in subsection (e)",
    ]
    at = [text.index(words) for words in order]
    assert at == sorted(at)


def test_the_draft_order_does_not_matter_when_changes_are_apart(law: Statute) -> None:
    """Changes to different provisions are worded alike in any order they are listed."""
    given = [
        Strike(c("e"), "numbered"),
        StrikeInsert(c("a"), "To assure", "To ensure", scope=Scope.CHAPEAU),
        Strike(c("a", "2"), "or", at_end=True),
        AmendHeading(c("b"), "Report"),
        Insert(c("a", "1"), "or to return", after="emigrate"),
    ]
    worded = instructions(given, law)
    assert instructions(list(reversed(given)), law) == worded
    assert worded.index("matter preceding") < worded.index("paragraph (1), by") < worded.index(
        "paragraph (2)"
    ) < worded.index("subsection (b)") < worded.index("subsection (e)")  # fmt: skip


def test_changes_that_interact_keep_their_order() -> None:
    """A redesignation and what names the new designations, two changes to one text, and a
    section-wide change keep the order given; they would make other law reordered."""
    redesignated = [
        StrikeProvision(c("c", "1")),
        Redesignate((c("c", "2"), c("c", "3")), ("1", "2")),
        Strike(c("c", "1"), "any"),  # paragraph (1) as so redesignated
        Strike(c("a"), "x"),
    ]
    assert provision_order(redesignated) == [redesignated[3], *redesignated[:3]]
    same_text = [Strike(c("b"), "such"), Insert(c("b"), "x", after="report")]
    assert provision_order(list(reversed(same_text))) == list(reversed(same_text))
    everywhere = [Strike(c("e"), "x"), StrikeInsert(c(), "1975", "2027", each=True)]
    assert provision_order(everywhere) == everywhere
    at_end = [AddAtEnd(c(), (Subsection("g", "G", "G."),)), Strike(c("b"), "such")]
    assert provision_order(at_end) == [at_end[1], at_end[0]]


def test_roman_and_doubled_designations_sort_as_the_law_numbers_them() -> None:
    """(ii) before (iv) before (ix) among clauses, (z) before (aa), (2) before (10)."""
    clauses = [Strike(c("a", "1", "A", d), "x") for d in ("ix", "iv", "ii")]
    assert [a.target.path[-1] for a in provision_order(clauses)] == ["ii", "iv", "ix"]
    subsections = [Strike(c(d), "x") for d in ("aa", "z", "b")]
    assert [a.target.path[-1] for a in provision_order(subsections)] == ["b", "z", "aa"]
    paragraphs = [Strike(c("a", d), "x") for d in ("10", "2")]
    assert [a.target.path[-1] for a in provision_order(paragraphs)] == ["2", "10"]


_WORDS = ["President", "country", "emigration", "such", "report", "waiver", "1975", "Congress"]
_PLACES = [(), ("a",), ("a", "1"), ("a", "2"), ("a", "3"), ("b",), ("c",), ("c", "2"), ("d",),
           ("e",)]  # fmt: skip


@st.composite
def _amendment(draw: st.DrawFn) -> Amendment:
    place = c(*draw(st.sampled_from(_PLACES)))
    kind = draw(st.sampled_from(["each", "strike-each", "chapeau", "heading", "add", "insert",
                                 "strike-provision", "redesignate"]))  # fmt: skip
    word, other = draw(st.sampled_from(_WORDS)), draw(st.sampled_from(_WORDS))
    if kind == "each":
        return StrikeInsert(place, word, other + " x", each=True)
    if kind == "strike-each":
        return Strike(place, word, each=True)
    if kind == "chapeau":
        return StrikeInsert(c("a"), word, other, each=True, scope=Scope.CHAPEAU)
    if kind == "heading":
        return AmendHeading(c(draw(st.sampled_from("abce"))), f"Heading {other}")
    if kind == "add":
        return AddAtEnd(c("c"), (Paragraph(draw(st.sampled_from("45")), f"New {other}."),))
    if kind == "insert":
        return InsertProvisions(c("a", "1"), (Paragraph("1A", f"Inserted {other}."),))
    if kind == "strike-provision":
        return StrikeProvision(c("c", draw(st.sampled_from("123"))))
    return Redesignate((c("c", "3"),), (draw(st.sampled_from("45")),))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_amendment(), min_size=2, max_size=6))
def test_the_order_worded_makes_the_same_law(law: Statute, amendments: list[Amendment]) -> None:
    """Applied in the order the bill words them, random amendments make the same law as in the
    order given, or fail alike."""
    reordered = provision_order(amendments)
    assert sorted(map(id, reordered)) == sorted(map(id, amendments))

    def outcome(items: list[Amendment]) -> bytes | str:
        try:
            return apply(law, items).statute.c14n("19 U.S.C. 2432")
        except BilldraftError as exc:
            return type(exc).__name__

    first, second = outcome(amendments), outcome(reordered)
    if isinstance(first, bytes) or isinstance(second, bytes):
        assert first == second
