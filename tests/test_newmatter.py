"""New matter: the text a drafter writes ⇄ NewProvision ⇄ USLM elements."""

from __future__ import annotations

import pytest

from billdraft import NewProvision, Paragraph, Subparagraph, Subsection, parse_new_matter
from billdraft.errors import DesignationMismatchError, NewMatterError
from billdraft.newmatter import check_fits, designation_fits, from_element, to_element

P = NewProvision


@pytest.mark.parametrize(
    ("text", "level", "expected"),
    [
        (
            "(f) Exception for Kazakhstan.—This section shall not apply to Kazakhstan.",
            "subsection",
            (
                Subsection(
                    "f", "Exception for Kazakhstan", "This section shall not apply to Kazakhstan."
                ),
            ),
        ),
        (
            "“(f) Kazakhstan.—\n“(1) In general.—The President may—\n“(A) determine; and\n"
            "“(B) proclaim.\n“(2) Other.—Text.",
            None,
            (
                Subsection(
                    "f",
                    "Kazakhstan",
                    children=[
                        Paragraph(
                            "1",
                            "In general",
                            chapeau="The President may—",
                            children=[
                                Subparagraph("A", content="determine; and"),
                                Subparagraph("B", content="proclaim."),
                            ],
                        ),
                        Paragraph("2", "Other", "Text."),
                    ],
                ),
            ),
        ),
        (
            "(h) Heading.—(1) In general.—Foo.\n(2) Two.—Bar.\n(i) Next.—Baz.",
            "subsection",
            (
                Subsection(
                    "h",
                    "Heading",
                    children=[
                        Paragraph("1", "In general", "Foo."),
                        Paragraph("2", "Two", "Bar."),
                    ],
                ),
                Subsection("i", "Next", "Baz."),
            ),
        ),
        (
            "(2) to any country that—\n(A) denies emigration; or\n(B) taxes it,\nand ending on a date.",
            "paragraph",
            (
                Paragraph(
                    "2",
                    chapeau="to any country that—",
                    continuation="and ending on a date.",
                    children=[
                        Subparagraph("A", content="denies emigration; or"),
                        Subparagraph("B", content="taxes it,"),
                    ],
                ),
            ),
        ),
        (
            "(2)\n(A) The requirements are met.\n(B) Two.",
            "paragraph",
            (
                Paragraph(
                    "2",
                    children=[
                        Subparagraph("A", content="The requirements are met."),
                        Subparagraph("B", content="Two."),
                    ],
                ),
            ),
        ),
        (
            "(3) imposes a tax, levy, or fee—on emigration.",  # an em dash inside text is not a heading
            "paragraph",
            (Paragraph("3", content="imposes a tax, levy, or fee—on emigration."),),
        ),
    ],
)
def test_parse_new_matter(text: str, level: str | None, expected: tuple[NewProvision, ...]) -> None:
    assert parse_new_matter(text, level=level) == expected


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("", NewMatterError, "expected new matter, found empty text"),
        (
            "This section shall not apply.",
            NewMatterError,
            "expected new matter to begin with a designation",
        ),
        (
            "(f) One.\n(2) Two.",
            DesignationMismatchError,
            "expected new matter at the subsection level",
        ),
    ],
)
def test_parse_new_matter_errors(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        parse_new_matter(text, level="subsection")


@pytest.mark.parametrize(
    ("level", "good", "bad"),
    [
        ("subsection", ["a", "f", "aa1"], ["1", "A"]),
        ("paragraph", ["1", "12", "2A"], ["a", "i"]),
        ("subparagraph", ["A", "Z"], ["1", "a"]),
        ("clause", ["i", "iv", "xii"], ["a", "I", "1"]),
        ("subclause", ["I", "IV"], ["i", "A"]),
        ("item", ["aa", "bb"], ["a", "AA"]),
        ("subitem", ["AA", "BB"], ["aa", "A"]),
    ],
)
def test_designation_forms(level: str, good: list[str], bad: list[str]) -> None:
    assert all(designation_fits(level, d) for d in good)
    assert not any(designation_fits(level, d) for d in bad)


def test_check_fits_names_level_and_example() -> None:
    with pytest.raises(
        DesignationMismatchError,
        match=r"expected a paragraph designation here \(such as \(1\)\), found \(D\)",
    ):
        check_fits(Paragraph("D", content="x"), "paragraph")
    with pytest.raises(DesignationMismatchError, match="found a subsection"):
        check_fits(Subsection("f", content="x"), "paragraph")


def test_builders_reject_inconsistent_matter() -> None:
    with pytest.raises(ValueError, match="either content or subdivisions"):
        Subsection("f", content="x", children=[Paragraph("1", content="y")])
    with pytest.raises(ValueError, match="expected subdivisions"):
        Subsection("f", chapeau="x—")


def test_element_round_trip_with_identifiers_and_nums() -> None:
    new = Subsection(
        "f",
        "Kazakhstan",
        chapeau="The President may—",
        continuation="after which.",
        children=[Paragraph("1", content="determine; and"), Paragraph("2", content="proclaim,")],
    )
    el = to_element(new, "/us/usc/t19/s2432")
    assert el.get("identifier") == "/us/usc/t19/s2432/f"
    ns = "{http://xml.house.gov/schemas/uslm/1.0}"
    assert [p.get("identifier") for p in el.iter(ns + "paragraph")] == [
        "/us/usc/t19/s2432/f/1",
        "/us/usc/t19/s2432/f/2",
    ]
    assert [(n.get("value"), n.text) for n in el.iter(ns + "num")] == [
        ("f", "(f)"),
        ("1", "(1)"),
        ("2", "(2)"),
    ]
    assert from_element(el) == new
