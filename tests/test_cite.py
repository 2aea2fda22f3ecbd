"""Tests for billdraft.cite: the three citation notations and the Act-section ⇄ U.S.C. index."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from billdraft.cite import ActIndex, ActSection, Cite
from billdraft.errors import BilldraftError, CitationError, UnknownCitationError

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
USC19 = SHARED / "uslm" / "usc19"
NS = "http://xml.house.gov/schemas/uslm/1.0"


def _trade_act() -> ActIndex:
    """A small hand-built index: sections 401-404 and 409 of Pub. L. 93-618 plus a codification."""
    entries = [
        ActSection("93-618", str(s), "19", str(s + 2030), "IV") for s in (401, 402, 403, 404)
    ]
    entries.append(ActSection("93-618", "409", "19", "2439", "IV"))
    entries.append(ActSection("93-618", "104A", "19", "2114a", "I"))
    # One Act section classified to two Code sections: no exact Act form exists for either.
    entries.append(ActSection("111-314", "3", "51", "20101"))
    entries.append(ActSection("111-314", "3", "51", "20102"))
    names = {"93-618": "Trade Act of 1974", "111-314": "Example Codification Act"}
    return ActIndex(entries, names)


ACTS = _trade_act()

# --- parsing: every accepted notation ------------------------------------------------------

PARSE_CASES = [
    ("19 U.S.C. 2432(a)(1)", Cite("19", "2432", ("a", "1"))),
    ("19 USC 2432(a)(1)", Cite("19", "2432", ("a", "1"))),
    ("19 U.S.C. § 2432(a)(1)", Cite("19", "2432", ("a", "1"))),
    ("19 U.S.C. §2432", Cite("19", "2432")),
    ("19 U.S.C. §§ 2432", Cite("19", "2432")),
    ("19 U.S.C. sec. 2432", Cite("19", "2432")),
    ("19 U.S.C. section 2432", Cite("19", "2432")),
    ("19 U. S. C. 2432", Cite("19", "2432")),
    ("19\u00a0U.S.C.\u202f§\u202f2432(b)", Cite("19", "2432", ("b",))),
    ("  19   U.S.C.   2432(a)  ", Cite("19", "2432", ("a",))),
    ("19 U.S.C. 2432(a)(1).", Cite("19", "2432", ("a", "1"))),
    ("19 U.S.C. 1304a", Cite("19", "1304a")),
    ("19 U.S.C. 1677f–1(a)", Cite("19", "1677f–1", ("a",))),
    ("19 U.S.C. 1677f-1(a)", Cite("19", "1677f–1", ("a",))),
    ("19 U.S.C. 1677f\u20111", Cite("19", "1677f–1")),
    ("42 U.S.C. 1395w–114(a)(3)(A)", Cite("42", "1395w–114", ("a", "3", "A"))),
    ("26 U.S.C. 36B(c)(2)(C)(i)(II)", Cite("26", "36B", ("c", "2", "C", "i", "II"))),
    ("19 U.S.C. 1677(5B)(A)", Cite("19", "1677", ("5B", "A"))),
    (
        "19 U.S.C. 2432(a)(1)(A)(ii)(I)(aa)(AA)",
        Cite("19", "2432", tuple("a 1 A ii I aa AA".split())),
    ),
    ("/us/usc/t19/s2432/a/1", Cite("19", "2432", ("a", "1"))),
    ("/us/usc/t19/s2432", Cite("19", "2432")),
    ("/us/usc/t19/s1553–1", Cite("19", "1553–1")),
    ("/us/usc/t19/s58c/a/5/B", Cite("19", "58c", ("a", "5", "B"))),
    ("usc/19/2432", Cite("19", "2432")),
    ("usc/19/58c", Cite("19", "58c")),
    ("usc/42/300bb-2", Cite("42", "300bb–2")),
    ("usc/26/4980B", Cite("26", "4980B")),
    ("usc/19/2432/a/1", Cite("19", "2432", ("a", "1"))),
    ("section 38(b) of the Internal Revenue Code of 1986", Cite("26", "38", ("b",))),
    ("section 38(b) of the Internal Revenue Code", Cite("26", "38", ("b",))),
    ("Section 6418 of the Internal Revenue Code of 1986", Cite("26", "6418")),
    (
        "section 45Q(f)(3)(A)(ii) of the Internal Revenue Code of 1986",
        Cite("26", "45Q", tuple("f 3 A ii".split())),
    ),
    ("section 40102(9) of title 46, United States Code", Cite("46", "40102", ("9",))),
    ("Section 5901 of title 5, United States Code", Cite("5", "5901")),
    ("section 38 of the Internal Revenue Code of 1986 (26 U.S.C. 38)", Cite("26", "38")),
    # The drafting form without an index: the U.S.C. half stands on its own.
    (
        "section 402(a)(1) of the Trade Act of 1974 (19 U.S.C. 2432(a)(1))",
        Cite("19", "2432", ("a", "1")),
    ),
    ("section 2 of the Unloaded Act (19 U.S.C. 1677f–1)", Cite("19", "1677f–1")),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_CASES)
def test_parse_each_notation(text: str, expected: Cite) -> None:
    """Every accepted notation parses to the same value object, with or without an index."""
    assert Cite.parse(text) == expected
    assert Cite.parse(text, ACTS) == expected


ACT_CASES = [
    ("section 402 of the Trade Act of 1974", Cite("19", "2432")),
    ("section 402(a)(1) of the Trade Act of 1974", Cite("19", "2432", ("a", "1"))),
    ("Section 402(a)(1) of the Trade Act of 1974", Cite("19", "2432", ("a", "1"))),
    ("SECTION 402 OF THE TRADE ACT OF 1974", Cite("19", "2432")),
    ("section 402 of Trade Act of 1974", Cite("19", "2432")),
    ("section 402 of the trade act of 1974", Cite("19", "2432")),
    ("section\u00a0402(b)  of the Trade\u00a0Act of 1974", Cite("19", "2432", ("b",))),
    ("section 104A(a) of the Trade Act of 1974", Cite("19", "2114a", ("a",))),
    ("section 409 of Public Law 93–618", Cite("19", "2439")),
    ("section 409 of Pub. L. 93-618", Cite("19", "2439")),
    (
        "section 402(a)(1) of the Trade Act of 1974 (19 U.S.C. 2432(a)(1))",
        Cite("19", "2432", ("a", "1")),
    ),
    # The index knows the Act but not this section: the U.S.C. half is taken as written.
    ("section 405 of the Trade Act of 1974 (19 U.S.C. 2435)", Cite("19", "2435")),
]


@pytest.mark.parametrize(("text", "expected"), ACT_CASES)
def test_parse_act_form_with_index(text: str, expected: Cite) -> None:
    """The Act form resolves through the index, case-insensitively and ignoring a leading 'the'."""
    assert Cite.parse(text, ACTS) == expected


_NOTATION_WORDS = (
    "19 U.S.C. 2432(a)(1)",
    "/us/usc/t19/s2432/a/1",
    "usc/19/2432",
    "Trade Act of 1974",
)

ERROR_CASES = [
    ("", None, CitationError, ["citation is empty", *_NOTATION_WORDS]),
    ("   ", None, CitationError, ["citation is empty"]),
    ("19 U.S.C.", None, CitationError, ["found '19 U.S.C.'", *_NOTATION_WORDS]),
    ("19 U.S.C. 2432(a", None, CitationError, ["found '19 U.S.C. 2432(a'"]),
    ("19 U.S.C. 2432(a)(", None, CitationError, ["found '19 U.S.C. 2432(a)('"]),
    ("19 U.S.C. 2432 (a)", None, CitationError, ["found '19 U.S.C. 2432 (a)'"]),
    ("U.S.C. 2432", None, CitationError, ["found 'U.S.C. 2432'"]),
    ("19 U.S.C.A. 2432", None, CitationError, ["found '19 U.S.C.A. 2432'"]),
    ("19 C.F.R. 2432", None, CitationError, ["found '19 C.F.R. 2432'"]),
    ("5 U.S.C. 5901–5902", None, CitationError, ["range of sections", "5901–5902"]),
    ("the Trade Act of 1974", None, CitationError, ["found 'the Trade Act of 1974'"]),
    ("hello world", None, CitationError, ["found 'hello world'", *_NOTATION_WORDS]),
    ("/us/usc/t19", None, CitationError, ["USLM identifier", "'/us/usc/t19'"]),
    ("/us/usc/t19/s2432//a", None, CitationError, ["empty designation"]),
    ("/us/usc/t19/s2432/a-b", None, CitationError, ["'a-b'"]),
    ("/us/usc/tXIX/s2432", None, CitationError, ["title number", "'XIX'"]),
    ("/us/pl/93/618/s402", None, CitationError, ["USLM identifier", "/us/pl/93/618/s402"]),
    ("usc/19", None, CitationError, ["found 'usc/19'"]),
    ("section 402 of", None, CitationError, ["found 'section 402 of'"]),
    (
        "section 402 of the Trade Act of 1974 (see note)",
        None,
        CitationError,
        ["'see note'", "not a U.S.C."],
    ),
    (
        "section 402 of the Trade Act of 1974",
        None,
        UnknownCitationError,
        ["the Trade Act of 1974", "acts=", "none was given"],
    ),
    (
        "section 999 of the Trade Act of 1974",
        ACTS,
        UnknownCitationError,
        [
            "no loaded section of the Trade Act of 1974 is section 999",
            "known sections: 104A, 401–404, 409",
        ],
    ),
    (
        "section 402 of the Trade Act of 1975",
        ACTS,
        UnknownCitationError,
        ["no Act named", "did you mean 'Trade Act of 1974'"],
    ),
    (
        "section 1 of the Nonexistent Act",
        ACTS,
        UnknownCitationError,
        ["no Act named 'the Nonexistent Act'"],
    ),
    (
        "section 1 of Public Law 99-1",
        ACTS,
        UnknownCitationError,
        ["of Public Law 99-1 is section 1", "known sections: none"],
    ),
    (
        "section 402 of the Trade Act of 1974 (19 U.S.C. 2433)",
        ACTS,
        CitationError,
        ["disagree", "19 U.S.C. 2432", "19 U.S.C. 2433"],
    ),
    (
        "section 402(a) of the Trade Act of 1974 (19 U.S.C. 2432(b))",
        ACTS,
        CitationError,
        ["disagree", "19 U.S.C. 2432(a)", "19 U.S.C. 2432(b)"],
    ),
    (
        "section 38 of the Internal Revenue Code of 1986 (19 U.S.C. 38)",
        None,
        CitationError,
        ["disagree", "26 U.S.C. 38", "19 U.S.C. 38"],
    ),
    (
        "section 3 of the Example Codification Act",
        ACTS,
        CitationError,
        ["more than one section", "51 U.S.C. 20101", "51 U.S.C. 20102"],
    ),
]


@pytest.mark.parametrize(("text", "acts", "error", "fragments"), ERROR_CASES)
def test_parse_errors(
    text: str, acts: ActIndex | None, error: type[CitationError], fragments: list[str]
) -> None:
    """Each malformed or unknown citation raises its own error type, quoting what was found."""
    with pytest.raises(error) as info:
        Cite.parse(text, acts)
    assert type(info.value) is error
    for fragment in fragments:
        assert fragment in str(info.value)


def test_parse_rejects_non_strings() -> None:
    """A non-string is a citation error naming the type found."""
    with pytest.raises(CitationError, match="found int"):
        Cite.parse(2432)  # type: ignore[arg-type]


# --- formatting ----------------------------------------------------------------------------

FORMAT_CASES = [
    (Cite("19", "2432"), "19 U.S.C. 2432", "/us/usc/t19/s2432", ""),
    (Cite("19", "2432", ("a", "1")), "19 U.S.C. 2432(a)(1)", "/us/usc/t19/s2432/a/1", "(a)(1)"),
    (Cite("19", "1677f-1", ("a",)), "19 U.S.C. 1677f–1(a)", "/us/usc/t19/s1677f–1/a", "(a)"),
    (Cite("26", "36B", ("c", "2")), "26 U.S.C. 36B(c)(2)", "/us/usc/t26/s36B/c/2", "(c)(2)"),
]


@pytest.mark.parametrize(("cite", "text", "identifier", "designation"), FORMAT_CASES)
def test_format(cite: Cite, text: str, identifier: str, designation: str) -> None:
    """str(), identifier and designation give the Code form, the USLM form and the path."""
    assert str(cite) == text
    assert cite.identifier == identifier
    assert cite.designation == designation
    assert Cite.parse(text) == cite
    assert Cite.from_identifier(identifier) == cite
    assert Cite.parse(identifier) == cite


DRAFTING_CASES = [
    (
        Cite("19", "2432", ("a", "1")),
        ACTS,
        "section 402(a)(1) of the Trade Act of 1974 (19 U.S.C. 2432(a)(1))",
    ),
    (Cite("19", "2432"), ACTS, "section 402 of the Trade Act of 1974 (19 U.S.C. 2432)"),
    (
        Cite("19", "2114a", ("b",)),
        ACTS,
        "section 104A(b) of the Trade Act of 1974 (19 U.S.C. 2114a(b))",
    ),
    (Cite("19", "2432", ("a", "1")), None, "section 2432(a)(1) of title 19, United States Code"),
    (Cite("19", "1337", ("a",)), ACTS, "section 1337(a) of title 19, United States Code"),
    (Cite("51", "20101"), ACTS, "section 20101 of title 51, United States Code"),
    (Cite("26", "38", ("b",)), None, "section 38(b) of the Internal Revenue Code of 1986"),
    (Cite("26", "38", ("b",)), ACTS, "section 38(b) of the Internal Revenue Code of 1986"),
    (Cite("46", "40102", ("9",)), ACTS, "section 40102(9) of title 46, United States Code"),
]


@pytest.mark.parametrize(("cite", "acts", "expected"), DRAFTING_CASES)
def test_drafting(cite: Cite, acts: ActIndex | None, expected: str) -> None:
    """The drafting form, and it parses back to the same provision."""
    assert cite.drafting(acts) == expected
    assert Cite.parse(expected, acts) == cite


ACT_FORM_CASES = [
    (Cite("19", "2432", ("a", "1")), "section 402(a)(1) of the Trade Act of 1974"),
    (Cite("26", "38", ("b",)), "section 38(b) of the Internal Revenue Code of 1986"),
    (Cite("19", "1337"), None),
    (Cite("51", "20102"), None),
]


@pytest.mark.parametrize(("cite", "expected"), ACT_FORM_CASES)
def test_act_form(cite: Cite, expected: str | None) -> None:
    """act_form names the Act section, or None when the Act (or an exact mapping) is unknown."""
    assert cite.act_form(ACTS) == expected


INVALID_CONSTRUCTION = [
    (("", "2432"), "title number"),
    (("019", "2432"), "title number"),
    (("19", ""), "section designation"),
    (("19", "a2432"), "section designation"),
    (("19", "2432", ("a", "")), "found ''"),
    (("19", "2432", ("(a)",)), "found '(a)'"),
    (("19", "2432", ("a b",)), "found 'a b'"),
]


@pytest.mark.parametrize(("args", "fragment"), INVALID_CONSTRUCTION)
def test_construction_is_validated(args: tuple[object, ...], fragment: str) -> None:
    """A Cite cannot hold an impossible title, section or designation."""
    with pytest.raises(CitationError, match="expected") as info:
        Cite(*args)  # type: ignore[arg-type]
    assert fragment in str(info.value)


def test_construction_normalizes_dash_and_path() -> None:
    """An ASCII hyphen becomes the Code's en dash; a list path becomes a tuple."""
    cite = Cite("19", "1553-1", ["a"])  # type: ignore[arg-type]
    assert cite == Cite("19", "1553–1", ("a",))
    assert cite.path == ("a",)
    assert hash(cite) == hash(Cite("19", "1553–1", ("a",)))


# --- navigation ----------------------------------------------------------------------------


def test_parent_section_child_and_within() -> None:
    """parent, section_cite, child and is_within move through the hierarchy."""
    clause = Cite("19", "2432", ("a", "1", "A", "ii"))
    assert clause.parent == Cite("19", "2432", ("a", "1", "A"))
    assert Cite("19", "2432", ("a",)).parent == Cite("19", "2432")
    assert Cite("19", "2432").parent is None
    assert clause.section_cite == Cite("19", "2432")
    assert Cite("19", "2432").section_cite == Cite("19", "2432")
    section = Cite("19", "2432")
    assert section.child("a", "1") == Cite("19", "2432", ("a", "1"))
    assert section.child("(a)(1)", "A") == Cite("19", "2432", ("a", "1", "A"))
    assert section.child() == section
    assert clause.is_within(section)
    assert clause.is_within(clause)
    assert clause.is_within(Cite("19", "2432", ("a",)))
    assert not clause.is_within(Cite("19", "2432", ("b",)))
    assert not section.is_within(clause)
    assert not Cite("19", "24321").is_within(Cite("19", "2432"))
    assert not Cite("18", "2432").is_within(Cite("19", "2432"))


@pytest.mark.parametrize("bad", ["", "(a", "a)", "a-1", "(a) (1)", "§"])
def test_child_rejects_bad_designations(bad: str) -> None:
    """child() names the provision and the designation it could not use."""
    with pytest.raises(CitationError, match=r"below 19 U\.S\.C\. 2432"):
        Cite("19", "2432").child(bad)


def test_cites_are_ordered_and_hashable() -> None:
    """Cites sort deterministically and work as dict keys."""
    cites = [Cite("19", "2432", ("b",)), Cite("19", "2432"), Cite("19", "2432", ("a",))]
    assert sorted(cites) == [
        Cite("19", "2432"),
        Cite("19", "2432", ("a",)),
        Cite("19", "2432", ("b",)),
    ]
    assert {Cite.parse("19 U.S.C. 2432(a)"): 1}[Cite("19", "2432", ("a",))] == 1


# --- ActIndex: lookups, names, JSON --------------------------------------------------------


def test_to_usc_and_to_act() -> None:
    """The two directions of the mapping."""
    assert ACTS.to_usc("Trade Act of 1974", "402") == ("19", "2432")
    assert ACTS.to_usc("the trade act of 1974", "402") == ("19", "2432")
    assert ACTS.to_usc("THE  Trade Act of 1974", "104A") == ("19", "2114a")
    assert ACTS.to_usc("Public Law 93-618", "401") == ("19", "2431")
    name, entry = ACTS.to_act("19", "2432") or ("", None)
    assert name == "Trade Act of 1974"
    assert entry == ActSection("93-618", "402", "19", "2432", "IV")
    assert ACTS.to_act("19", "1337") is None
    assert ACTS.to_act("51", "20101") is None  # ambiguous mapping: never guessed


def test_to_usc_unknown_section_lists_known_sections() -> None:
    """The error names the Act, the section asked for and the sections that are loaded."""
    with pytest.raises(UnknownCitationError) as info:
        ACTS.to_usc("Trade Act of 1974", "999")
    assert str(info.value) == (
        "no loaded section of the Trade Act of 1974 is section 999; known "
        "sections: 104A, 401–404, 409"
    )


def test_to_act_needs_a_name() -> None:
    """An entry whose law has no known name gives no Act form."""
    index = ActIndex([ActSection("98-67", "212", "19", "2702", "II")])
    assert index.to_act("19", "2702") is None
    assert Cite("19", "2702").act_form(index) is None
    index.add_names({"98-67": "Example Act"})
    assert Cite("19", "2702", ("b",)).act_form(index) == "section 212(b) of the Example Act"


def test_add_normalizes_entries_and_replaces_by_usc_section() -> None:
    """En dashes in public laws become hyphens; a later entry for a Code section replaces one."""
    index = ActIndex([ActSection("93–618", "402", "19", "2432")])
    assert index.sections() == (ActSection("93-618", "402", "19", "2432"),)
    index.add(ActSection("93-618", "403", "19", "2432"))
    assert index.sections() == (ActSection("93-618", "403", "19", "2432"),)
    index.add_names({"93-618": "Trade Act of 1974"})
    with pytest.raises(UnknownCitationError, match="known sections: 403"):
        index.to_usc("Trade Act of 1974", "402")
    assert index.to_usc("Trade Act of 1974", "403") == ("19", "2432")


def test_add_names_rejects_a_bad_public_law() -> None:
    """A names key that is not Congress-number is an error."""
    with pytest.raises(
        CitationError,
        match=r"expected a public law like '93-618' \(or an Act before 1957 like "
        r"'act/1930-06-17/ch497'\), found 'Trade'",
    ):
        ActIndex(names={"Trade": "Trade Act of 1974"})


def test_sections_are_sorted_naturally() -> None:
    """sections() orders by title, then section number as a number."""
    index = ActIndex(
        [
            ActSection("1-1", "3", "19", "2432"),
            ActSection("1-1", "1", "19", "58c"),
            ActSection("1-1", "2", "19", "1304a"),
            ActSection("1-1", "4", "5", "9999"),
        ]
    )
    assert [e.usc_section for e in index.sections()] == ["9999", "58c", "1304a", "2432"]
    assert len(index) == 4


def test_json_round_trip() -> None:
    """to_json is sorted and stable; from_json rebuilds an equal index."""
    text = ACTS.to_json()
    again = ActIndex.from_json(text)
    assert again.to_json() == text
    assert again.sections() == ACTS.sections()
    assert dict(again.names) == dict(ACTS.names)
    data = json.loads(text)
    assert data["names"]["93-618"] == "Trade Act of 1974"
    assert {"public_law", "section", "title", "usc_section", "act_title"} == set(
        data["sections"][0]
    )
    shuffled = ActIndex(reversed(ACTS.sections()), dict(reversed(list(ACTS.names.items()))))
    assert shuffled.to_json() == text


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("not json", "invalid JSON"),
        ("[]", "format 'billdraft-act-index'"),
        ('{"format": "billdraft-act-index", "names": {}}', "malformed"),
        (
            '{"format": "billdraft-act-index", "names": {}, "sections": [{"title": "19"}]}',
            "malformed",
        ),
    ],
)
def test_from_json_errors(text: str, fragment: str) -> None:
    """Bad index JSON is a billdraft error saying what was expected."""
    with pytest.raises(BilldraftError, match="expected") as info:
        ActIndex.from_json(text)
    assert fragment in str(info.value)


def test_merge() -> None:
    """merge keeps both indexes' entries and names; the other index wins on a shared section."""
    other = ActIndex(
        [ActSection("96-39", "101", "19", "2501"), ActSection("93-618", "999", "19", "2432")],
        {"96-39": "Trade Agreements Act of 1979"},
    )
    merged = ACTS.merge(other)
    assert merged.to_usc("Trade Agreements Act of 1979", "101") == ("19", "2501")
    assert merged.to_usc("Trade Act of 1974", "999") == ("19", "2432")
    assert merged.to_usc("Trade Act of 1974", "401") == ("19", "2431")
    assert len(merged) == len(ACTS) + 1
    assert ACTS.to_usc("Trade Act of 1974", "402") == ("19", "2432")  # inputs untouched


def test_ambiguous_name_is_an_error() -> None:
    """Two laws given the same name cannot be told apart by it."""
    index = ActIndex(
        [ActSection("1-1", "1", "19", "1"), ActSection("1-2", "1", "19", "2")],
        {"1-1": "Same Act", "1-2": "Same Act"},
    )
    with pytest.raises(CitationError, match="more than one law"):
        index.to_usc("Same Act", "1")


# --- ActIndex: reading USLM sections --------------------------------------------------------


def _section(identifier: str, credit: str = "", notes: str = "") -> etree._Element:
    """A USLM <section> built from fragments (default namespace USLM)."""
    xml = (
        f'<section xmlns="{NS}" identifier="{identifier}"><num value="1">§ 1.</num>'
        f"<content>Text.</content>{credit}{notes}</section>"
    )
    return etree.fromstring(xml)


def _credit(inner: str) -> str:
    return f"<sourceCredit>({inner})</sourceCredit>"


def _note(p: str, topic: str = "referencesInText") -> str:
    return f'<notes type="uscNote"><note topic="{topic}"><p>{p}</p></note></notes>'


CREDIT_CASES = [
    (
        '<ref href="/us/pl/93/618/tIV/s402">Pub. L. 93–618, title IV, § 402</ref>, Jan. 3, 1975; '
        '<ref href="/us/pl/96/39/tXI/s1106/f/1">Pub. L. 96–39</ref>',
        ActSection("93-618", "402", "19", "2432", "IV"),
    ),
    (
        '<ref href="/us/pl/96/599/s2">Pub. L. 96–599, § 2</ref>',
        ActSection("96-599", "2", "19", "2432"),
    ),
    (
        '<ref href="/us/pl/107/210/dB/tXXI/s2101">Pub. L. 107–210, div. B, title XXI, § 2101</ref>',
        ActSection("107-210", "2101", "19", "2432", "XXI"),
    ),
    (
        '<ref href="/us/pl/93/618/tI/s104A">Pub. L. 93–618, title I, § 104A</ref>',
        ActSection("93-618", "104A", "19", "2432", "I"),
    ),
    ('<ref href="/us/act/1912-08-24/ch355">Aug. 24, 1912, ch. 355</ref>', None),
    # -- an Act before public laws were numbered: its date and chapter, the section read off
    #    the link or the credit after it --
    (
        '<ref href="/us/act/1934-06-12/ch474/s2">June 12, 1934, ch. 474, § 2</ref>',
        ActSection("act/1934-06-12/ch474", "2", "19", "2432"),
    ),
    (
        '<ref href="/us/act/1930-06-17/ch497">June 17, 1930, ch. 497</ref>, title III, '
        '§\u202f305, <ref href="/us/stat/46/688">46 Stat. 688</ref>; <ref href="/us/pl/106/200/'
        'tIV/s411/a">Pub. L. 106–200, title IV, § 411(a)</ref>',
        ActSection("act/1930-06-17/ch497", "305", "19", "2432", "III"),
    ),
    (
        '<ref href="/us/act/1922-09-21/ch356/tIV/s642">Sept. 21, 1922, ch. 356, title IV, § 642'
        "</ref>",
        ActSection("act/1922-09-21/ch356", "642", "19", "2432", "IV"),
    ),
    ('<ref href="/us/act/1930-06-17/ch497">June 17, 1930, ch. 497</ref>, title III', None),
    ('<ref href="/us/act/1930-06-17/ch497/tIII">June 17, 1930, ch. 497, title III</ref>', None),
    ('<ref href="/us/pl/93/618">Pub. L. 93–618</ref>', None),
    ('<ref href="/us/pl/105/61/tI">Pub. L. 105–61, title I</ref>', None),
    ('<ref href="/us/pl/98/573/tIII/s307/b">Pub. L. 98–573, title III, § 307(b)</ref>', None),
    ('R.S. § 3009; <ref href="/us/pl/93/618/tIV/s402">Pub. L. 93–618</ref>', None),
    ('Added <ref href="/us/pl/115/282/tIV/s401/a">Pub. L. 115–282</ref>', None),
    ('Added <ref href="/us/pl/115/282/tIV/s401">Pub. L. 115–282</ref>', None),
    ("R.S. § 3027.", None),
]


@pytest.mark.parametrize(("credit", "expected"), CREDIT_CASES)
def test_add_section_element_reads_the_first_credit(
    credit: str, expected: ActSection | None
) -> None:
    """Only a first credit that is a whole section of a public law becomes an entry."""
    index = ActIndex()
    index.add_section_element(_section("/us/usc/t19/s2432", _credit(credit)))
    assert index.sections() == ((expected,) if expected else ())


def test_credits_inside_notes_are_ignored() -> None:
    """The section's own <sourceCredit> counts, not one quoted inside a note."""
    notes = (
        '<notes><note><sourceCredit>(<ref href="/us/pl/1/2/s3">Pub. L. 1–2, § 3</ref>)'
        "</sourceCredit></note></notes>"
    )
    index = ActIndex()
    index.add_section_element(_section("/us/usc/t19/s9", notes=notes))
    assert index.sections() == ()
    index.add_section_element(
        _section(
            "/us/usc/t19/s9", _credit('<ref href="/us/pl/4/5/s6">Pub. L. 4–5, § 6</ref>'), notes
        )
    )
    assert index.sections() == (ActSection("4-5", "6", "19", "9"),)


@pytest.mark.parametrize(
    "xml",
    [
        f'<section xmlns="{NS}"/>',
        f'<section xmlns="{NS}" identifier="/us/usc/t19/s2432/a"/>',
        f'<subsection xmlns="{NS}" identifier="/us/usc/t19/s2432"/>',
    ],
)
def test_add_section_element_needs_a_section(xml: str) -> None:
    """Anything but a whole USLM section is refused, naming what was found."""
    with pytest.raises(CitationError, match="expected a USLM <section>"):
        ActIndex().add_section_element(etree.fromstring(xml))


NAME_CASES = [
    (
        "The Trade Act of 1974, referred to in subsec. (c)(2)(A) to (C), is "
        '<ref href="/us/pl/93/618">Pub. L. 93–618</ref>, Jan. 3, 1975, 88 Stat. 1978.',
        {"93-618": "Trade Act of 1974"},
    ),
    (
        "Section 204 of the United States-Canada Free-Trade Agreement Implementation Act of 1988, "
        'referred to in text, is <ref href="/us/pl/100/449/s204">section 204 '
        "of Pub. L. 100–449</ref>.",
        {"100-449": "United States-Canada Free-Trade Agreement Implementation Act of 1988"},
    ),
    (
        "Sections 202 and 204 of the Example Implementation Act, referred to "
        "in subsecs. (b) and (d), "
        'are sections 202 and 204 of <ref href="/us/pl/100/449">Pub. L. 100–449</ref>.',
        {"100-449": "Example Implementation Act"},
    ),
    (
        "Section 3(17)(B) of the Shipping Act of 1984 (46 U.S.C. App. 1702(17)(B)), referred to in "
        'subsec. (b)(1), is <ref href="/us/pl/98/237/s3/17/B">section 3(17)(B) '
        "of Pub. L. 98–237</ref>.",
        {"98-237": "Shipping Act of 1984"},
    ),
    # An Act that is only a title of a law is not the law's name.
    (
        "The Controlled Substances Import and Export Act, referred to in "
        "subsec. (m)(2), is title III "
        'of <ref href="/us/pl/91/513">Pub. L. 91–513</ref>.',
        {},
    ),
    (
        "Section 205 of the Federal-State Extended Unemployment Compensation "
        "Act of 1970, referred to "
        'in text, is section 205 of title II of <ref href="/us/pl/91/373">Pub. L. 91–373</ref>.',
        {},
    ),
    (
        "Section 223 of the Caribbean Basin Economic Recovery Expansion Act of 1990, referred "
        'to in text, is <ref href="/us/pl/101/382/s223">section 223 of Pub. L. 101–382</ref>, '
        "title II, Aug. 20, 1990, 104 Stat. 659.",
        {},
    ),
    (
        "The Tariff Act of 1930, referred to in text, is act June 17, 1930, ch. 497, "
        '<ref href="/us/stat/46/590">46 Stat. 590</ref>.',
        {},
    ),
    (
        'The Tariff Act of 1930, referred to in subsec. (a)(3)(F), is <ref href="/us/act/'
        '1930-06-17/ch497">act June 17, 1930, ch. 497</ref>, <ref href="/us/stat/46/590">46 '
        "Stat. 590</ref>. Title IV of the Act is classified generally to this subtitle.",
        {"act/1930-06-17/ch497": "Tariff Act of 1930"},
    ),
    (  # the link names another Act than the text does
        'The Tariff Act of 1930, referred to in text, is <ref href="/us/act/1922-09-21/'
        'ch356">act June 17, 1930, ch. 497</ref>.',
        {},
    ),
    (
        "Section 1303 of this title, referred to in subsec. (a), was repealed by "
        '<ref href="/us/pl/103/465/s261">Pub. L. 103–465</ref>.',
        {},
    ),
    (
        "Section 202 of the Example Act, referred to in text, is <ref "
        'href="/us/pl/1/2/s203">section '
        "203 of Pub. L. 1–2</ref>.",
        {},
    ),
]

SHORT_TITLE_CASES = [
    (
        '<ref href="/us/pl/96/599/s1">Pub. L. 96–599, § 1</ref>, Dec. 24, 1980, '
        '<ref href="/us/stat/94/3491">94 Stat. 3491</ref>, provided that: <quotedContent>“This Act '
        '[enacting <ref href="/us/usc/t19/s1356k">this section</ref>] may be cited as the '
        "‘International Coffee Agreement Act of 1980’.”</quotedContent>",
        {"96-599": "International Coffee Agreement Act of 1980"},
    ),
    (
        '<ref href="/us/pl/95/410/s1">Pub. L. 95–410, § 1</ref>, Oct. 3, 1978, '
        "92 Stat. 888, provided: "
        "“That this Act [amending sections] may be cited as the ‘Customs Procedural Reform and "
        "Simplification Act of 1978’.”",
        {"95-410": "Customs Procedural Reform and Simplification Act of 1978"},
    ),
    (
        '<ref href="/us/pl/98/67/tII/s201">Pub. L. 98–67, title II, § '
        "201</ref>, Aug. 5, 1983, provided "
        "that: “This title [enacting this chapter] may be cited as the ‘Caribbean Basin Economic "
        "Recovery Act’.”",
        {},
    ),
    (
        '<ref href="/us/pl/107/210/dA/tIII/s301">Pub. L. 107–210, div. A, '
        "title III, § 301</ref>, Aug. "
        "6, 2002, provided that: “This Act [amending sections] may be cited as the ‘Customs Border "
        "Security Act of 2002’.”",
        {},
    ),
    (
        '<ref href="/us/pl/99/570/tIII/stB/s3101">Pub. L. 99–570, title III, '
        "subtitle B, § 3101</ref>, "
        "provided that: “This subtitle may be cited as the ‘Customs Enforcement Act of 1986’.”",
        {},
    ),
    (
        '<ref href="/us/act/1953-08-08/ch397/s1">Act Aug. 8, 1953, ch. 397, § '
        "1</ref>, 67 Stat. 507, "
        "provided: “That this Act may be cited as the ‘Customs Simplification Act of 1953’.”",
        {},
    ),
    (
        '<ref href="/us/pl/110/234/tXV/s15401">Pub. L. 110–234</ref> and <ref '
        'href="/us/pl/110/246/s4/a">'
        "Pub. L. 110–246, § 4(a)</ref>, provided that: “This Act may be cited "
        "as the ‘Two Laws Act’.”",
        {},
    ),
]


@pytest.mark.parametrize(("p", "expected"), NAME_CASES)
def test_names_from_referred_to_notes(p: str, expected: dict[str, str]) -> None:
    """'The X, referred to in …, is Pub. L. N–M' names the law; an Act within a law does not."""
    assert ActIndex.names_from_notes(_section("/us/usc/t19/s1", notes=_note(p))) == expected


@pytest.mark.parametrize(("p", "expected"), SHORT_TITLE_CASES)
def test_names_from_short_title_notes(p: str, expected: dict[str, str]) -> None:
    """Only 'This Act … may be cited as' in the law's own top-level section names the law."""
    section = _section("/us/usc/t19/s1", notes=_note(p, "shortTitle"))
    assert ActIndex.names_from_notes(section) == expected


def test_conflicting_names_are_dropped_and_majorities_win() -> None:
    """A law with two equally attested names gets none; a clear majority wins across sections."""

    def referred(name: str, pl: str) -> etree._Element:
        c, n = pl.split("-")
        p = f'The {name}, referred to in text, is <ref href="/us/pl/{c}/{n}">Pub. L. {c}–{n}</ref>.'
        return _section("/us/usc/t19/s1", notes=_note(p))

    index = ActIndex()
    index.add_section_element(referred("Alpha Act", "1-1"))
    index.add_section_element(referred("Beta Act", "1-1"))
    assert "1-1" not in index.names
    index.add_section_element(referred("Alpha Act", "1-1"))
    assert index.names["1-1"] == "Alpha Act"
    # A stray vote giving the same name to another law (a typo in a note) loses to the majority.
    index.add_section_element(referred("Alpha Act", "1-2"))
    assert index.names.get("1-2") is None
    # Explicit names beat harvested ones.
    index.add_names({"1-1": "Gamma Act"})
    assert index.names["1-1"] == "Gamma Act"


# --- hypothesis: every Cite survives every notation ----------------------------------------

_titles = st.integers(min_value=1, max_value=54).map(str)
_letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", max_size=2)
_sections = st.builds(
    lambda n, s, dash: f"{n}{s}{dash}",
    st.integers(min_value=1, max_value=99999),
    _letters,
    st.one_of(st.just(""), st.integers(min_value=1, max_value=9).map(lambda d: f"–{d}")),
)
_designations = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    min_size=1,
    max_size=4,
)
_cites = st.builds(Cite, _titles, _sections, st.lists(_designations, max_size=8).map(tuple))


@given(_cites)
def test_random_cites_round_trip(cite: Cite) -> None:
    """str, identifier and the parsable form all parse back to the same Cite."""
    assert Cite.parse(str(cite)) == cite
    assert Cite.parse(cite.identifier) == cite
    assert Cite.from_identifier(cite.identifier) == cite
    assert Cite.parse(cite.drafting()) == cite
    assert Cite.parse(f"usc/{cite.title}/{cite.section}") == cite.section_cite
    for ancestor in (cite.parent, cite.section_cite):
        if ancestor is not None:
            assert cite.is_within(ancestor)


# --- the whole of Title 19 -----------------------------------------------------------------


@cache
def _title19() -> tuple[ActIndex, tuple[str, ...]]:
    index = ActIndex()
    identifiers: list[str] = []
    for path in sorted(USC19.glob("*.xml")):
        root = etree.parse(str(path)).getroot()
        index.add_section_element(root)
        identifiers += [i for i in root.xpath("//@identifier")]
    return index, tuple(identifiers)


@pytest.fixture
def title19() -> tuple[ActIndex, tuple[str, ...]]:
    if not USC19.is_dir():
        pytest.skip(f"reference data absent: {USC19} does not exist (../shared/ is not in git)")
    return _title19()


def test_title19_trade_act_section_402(title19: tuple[ActIndex, tuple[str, ...]]) -> None:
    """The index built from all of Title 19 resolves and writes the Trade Act of 1974 forms."""
    acts, _ = title19
    assert Cite.parse("section 402 of the Trade Act of 1974", acts) == Cite("19", "2432")
    cite = Cite.parse("section 402(a)(1) of the Trade Act of 1974", acts)
    assert cite.identifier == "/us/usc/t19/s2432/a/1"
    assert (
        cite.drafting(acts) == "section 402(a)(1) of the Trade Act of 1974 (19 U.S.C. 2432(a)(1))"
    )
    assert Cite.parse(cite.drafting(acts), acts) == cite
    assert acts.to_act("19", "2432") == (
        "Trade Act of 1974",
        ActSection("93-618", "402", "19", "2432", "IV"),
    )


def test_title19_index_contents(title19: tuple[ActIndex, tuple[str, ...]]) -> None:
    """Coverage and exactness of the mapping read from 874 real sections."""
    acts, _ = title19
    entries = acts.sections()
    assert len(entries) >= 500  # 520 at release point 119-100; the rest are pre-1957 Acts or R.S.
    assert len(acts.names) >= 60  # 74 at release point 119-100
    with_act_form = [e for e in entries if acts.to_act(e.title, e.usc_section)]
    assert len(with_act_form) >= 0.85 * len(entries)
    assert acts.names["96-39"] == "Trade Agreements Act of 1979"
    assert acts.names["103-465"] == "Uruguay Round Agreements Act"
    assert acts.names["114-125"] == "Trade Facilitation and Trade Enforcement Act of 2015"
    # "This Act" inside title III of Pub. L. 107-210 names the Customs Border Security Act only.
    assert acts.names["107-210"] == "Trade Act of 2002"
    # A typo in one note ("Pub. L. 103-183" for NAFTA) must not give that law NAFTA's name.
    assert acts.names["103-182"] == "North American Free Trade Agreement Implementation Act"
    assert "103-183" not in acts.names
    # CBERA is title II of Pub. L. 98-67: the law as a whole keeps no name.
    assert "98-67" not in acts.names
    assert acts.to_usc("Trade Act of 2002", "2101") == ("19", "3801")
    assert acts.to_usc("Uruguay Round Agreements Act", "101") == ("19", "3511")
    assert all(
        (e.public_law.count("-") == 1 or re.fullmatch(r"act/\d{4}-\d\d-\d\d/ch\d+", e.public_law))
        and "–" not in e.public_law
        for e in entries
    )
    # -- Acts before public laws were numbered, by date and chapter: the Tariff Act of 1930
    #    (June 17, 1930, ch. 497) enacted most of chapter 4 --
    assert acts.names["act/1930-06-17/ch497"] == "Tariff Act of 1930"
    assert acts.to_usc("Tariff Act of 1930", "305") == ("19", "1305")
    assert acts.to_usc("Tariff Act of 1930", "701") == ("19", "1671")
    assert sum(e.public_law == "act/1930-06-17/ch497" for e in entries) >= 200


def test_title19_per_section_names_never_conflict(
    title19: tuple[ActIndex, tuple[str, ...]],
) -> None:
    """Harvested one section at a time, no law is ever given two different names."""
    seen: dict[str, set[str]] = {}
    for path in sorted(USC19.glob("*.xml")):
        for law, name in ActIndex.names_from_notes(etree.parse(str(path)).getroot()).items():
            # (“Trading With the Enemy Act” and “Trading with …” are one name)
            seen.setdefault(law, set()).add(name.replace("–", "-").casefold())
    assert len(seen) >= 60
    assert {law: names for law, names in seen.items() if len(names) > 1} == {}


def test_title19_every_identifier_round_trips(title19: tuple[ActIndex, tuple[str, ...]]) -> None:
    """Every identifier in Title 19 parses and survives str() -> parse() -> identifier."""
    _, identifiers = title19
    assert len(identifiers) > 14000
    for identifier in identifiers:
        cite = Cite.from_identifier(identifier)
        assert cite.identifier == identifier
        assert Cite.parse(str(cite)) == cite
        assert Cite.parse(str(cite)).identifier == identifier


def test_title19_json_round_trip(title19: tuple[ActIndex, tuple[str, ...]]) -> None:
    """The real index serializes stably and rebuilds to the same lookups."""
    acts, _ = title19
    text = acts.to_json()
    again = ActIndex.from_json(text)
    assert again.to_json() == text
    assert again.to_usc("Trade Act of 1974", "402") == ("19", "2432")
    for entry in acts.sections():
        assert again.to_act(entry.title, entry.usc_section) == acts.to_act(
            entry.title, entry.usc_section
        )


def test_citation_depth_and_length_are_bounded() -> None:
    """A citation 10,000 levels deep is refused at once with its size, never looked up level by
    level; one longer than the limit is cut in the message, with its length."""
    from billdraft.cite import MAX_CITATION_CHARS, MAX_DESIGNATIONS

    deep = Cite("19", "2432", ("a",) * MAX_DESIGNATIONS)
    assert len(deep.path) == MAX_DESIGNATIONS
    with pytest.raises(CitationError, match=f"at most {MAX_DESIGNATIONS} designations.*found 17"):
        Cite("19", "2432", ("a",) * (MAX_DESIGNATIONS + 1))
    with pytest.raises(CitationError, match=r"found 300 in 19 U\.S\.C\. 2432"):
        Cite.parse("19 U.S.C. 2432" + "(a)" * 300)
    huge = "19 U.S.C. 2432" + "(a)" * 10_000
    with pytest.raises(CitationError) as err:
        Cite.parse(huge)
    message = str(err.value)
    assert f"at most {MAX_CITATION_CHARS:,} characters" in message
    assert "(30,014 characters)" in message and len(message) < 300
    with pytest.raises(CitationError) as err:
        Cite.from_identifier("/us/usc/t19/s2432" + "/a" * 300)
    assert "(617 characters)" in str(err.value) and len(str(err.value)) < 500
