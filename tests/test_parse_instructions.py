"""Golden tests of the amendatory-language grammar: real sentences -> expected amendment objects."""

from __future__ import annotations

import pytest

from billdraft.amendments import (
    AddAtEnd,
    AmendHeading,
    AmendTableOfContents,
    AmendToRead,
    Insert,
    InsertProvisions,
    Paragraph,
    Redesignate,
    Scope,
    Strike,
    StrikeInsert,
    StrikeProvision,
    StrikeThrough,
    Subparagraph,
    Subsection,
)
from billdraft.bills import BLOCK_MARK
from billdraft.cite import Cite, Container
from billdraft.errors import InstructionParseError
from billdraft.instructions.parse import parse_instruction, prepare


def c(text: str) -> Cite:
    return Cite.parse(text)


T2432 = "Section 402(a) of the Trade Act of 1974 (19 U.S.C. 2432(a))"
NEW_F = Subsection("f", "Exception", "This section shall not apply to Kazakhstan.")
NEW_P = Paragraph(
    "42", content="the domestic cotton consumption credit determined under section 45BB."
)

GOLDEN = [
    # --- strike / strike and insert, with target forms -----------------------------------
    (
        f"{T2432} is amended by striking “nonmarket economy” and inserting “covered”.",
        [StrikeInsert(c("19 U.S.C. 2432(a)"), "nonmarket economy", "covered")],
    ),
    (
        "Section 40102(9) of title 46, United States Code, is amended by striking “or”.",
        [Strike(c("46 U.S.C. 40102(9)"), "or")],
    ),
    (
        "Subsection (d) of section 6302 of the Internal Revenue Code of 1986 is amended by "
        "striking “2025” and inserting “2030”.",
        [StrikeInsert(c("26 U.S.C. 6302(d)"), "2025", "2030")],
    ),
    (
        "Clause (i) of section 36B(f)(2)(B) of the Internal Revenue Code of 1986 is amended by "
        "striking “400 percent”.",
        [Strike(c("26 U.S.C. 36B(f)(2)(B)(i)"), "400 percent")],
    ),
    (
        "Section 1581(c) of title 28, United States Code, is amended by inserting “or 517” after "
        "“516A”.",
        [Insert(c("28 U.S.C. 1581(c)"), "or 517", after="516A")],
    ),
    # --- each place / both places / nth place --------------------------------------------
    (
        "Section 313(p) of the Tariff Act of 1930 (19 U.S.C. 1313(p)) is amended by striking "
        "“Harmonized Tariff Schedule of the United States” each place it appears and inserting "
        "“HTS”.",
        [
            StrikeInsert(
                c("19 U.S.C. 1313(p)"),
                "Harmonized Tariff Schedule of the United States",
                "HTS",
                each=True,
            )
        ],
    ),
    (
        f"{T2432} is amended by striking “products” both places it appears.",
        [Strike(c("19 U.S.C. 2432(a)"), "products", each=True)],
    ),
    (
        f"{T2432} is amended by inserting “all” before “products” the second place it appears.",
        [Insert(c("19 U.S.C. 2432(a)"), "all", before="products", occurrence=2)],
    ),
    # --- the period at the end; at the end of a paragraph --------------------------------
    (
        "Section 38(b) of the Internal Revenue Code of 1986 is amended by striking “plus” at the "
        f"end of paragraph (40), by striking the period at the end of paragraph (41), and by "
        f"adding at the end the following new paragraph: {BLOCK_MARK}.",
        [
            Strike(c("26 U.S.C. 38(b)(40)"), "plus", at_end=True),
            Strike(c("26 U.S.C. 38(b)(41)"), ".", at_end=True),
            AddAtEnd(c("26 U.S.C. 38(b)"), (NEW_P,)),
        ],
    ),
    (
        f"{T2432} is amended by striking the period at the end and inserting “; and”.",
        [StrikeInsert(c("19 U.S.C. 2432(a)"), ".", "; and", at_end=True)],
    ),
    (
        f"{T2432} is amended by inserting “, or Kazakhstan” before the period at the end.",
        [Insert(c("19 U.S.C. 2432(a)"), ", or Kazakhstan", before=".", at_end=True)],
    ),
    # --- and all that follows through ----------------------------------------------------
    (
        f"{T2432} is amended by striking “(1) is” and all that follows through “(2)” and "
        "inserting “is”.",
        [StrikeThrough(c("19 U.S.C. 2432(a)"), "(1) is", "(2)", "is")],
    ),
    (
        f"{T2432} is amended by striking “any nonmarket” and all that follows through the period.",
        [StrikeThrough(c("19 U.S.C. 2432(a)"), "any nonmarket", ".")],
    ),
    # --- structural verbs -----------------------------------------------------------------
    (
        "Section 311(b) of title 19, United States Code, is amended by striking paragraph (3).",
        [StrikeProvision(c("19 U.S.C. 311(b)(3)"))],
    ),
    (
        f"Section 402 of the Trade Act of 1974 (19 U.S.C. 2432) is amended by striking "
        f"subsection (e) and inserting the following: {BLOCK_MARK}.",
        [StrikeProvision(c("19 U.S.C. 2432(e)"), replacement=(NEW_F,))],
    ),
    (
        "Section 411(d) of the Tariff Act of 1930 (19 U.S.C. 1411(d)) is amended by "
        "redesignating paragraphs (4) through (7) as paragraphs (5) through (8), respectively.",
        [
            Redesignate(
                tuple(c(f"19 U.S.C. 1411(d)({n})") for n in (4, 5, 6, 7)), ("5", "6", "7", "8")
            )
        ],
    ),
    (
        "Section 44901(d)(4) of title 49, United States Code, is amended by redesignating "
        "subparagraph (C) as subparagraph (D).",
        [Redesignate((c("49 U.S.C. 44901(d)(4)(C)"),), ("D",))],
    ),
    (
        f"Section 402 of the Trade Act of 1974 (19 U.S.C. 2432) is amended by inserting after "
        f"subsection (e) the following new subsection: {BLOCK_MARK}.",
        [InsertProvisions(c("19 U.S.C. 2432(e)"), (NEW_F,))],
    ),
    (
        f"Section 402 of the Trade Act of 1974 (19 U.S.C. 2432) is amended by inserting before "
        f"subsection (g) the following: {BLOCK_MARK}.",
        [InsertProvisions(c("19 U.S.C. 2432(g)"), (NEW_F,), before=True)],
    ),
    (
        f"Section 402(f) of the Trade Act of 1974 (19 U.S.C. 2432(f)) is amended to read as "
        f"follows: {BLOCK_MARK}.",
        [AmendToRead(c("19 U.S.C. 2432(f)"), NEW_F)],
    ),
    (
        f"Section 402 of the Trade Act of 1974 (19 U.S.C. 2432) is amended by amending "
        f"subsection (f) to read as follows: {BLOCK_MARK}.",
        [AmendToRead(c("19 U.S.C. 2432(f)"), NEW_F)],
    ),
    (
        f"{T2432} is amended by amending the heading to read as follows: “Freedom of emigration”.",
        [AmendHeading(c("19 U.S.C. 2432(a)"), "Freedom of emigration")],
    ),
    (
        "Section 304(e) of the Tariff Act of 1930 (19 U.S.C. 1304(e)) is amended by striking the "
        "subsection heading and inserting “Castings”.",
        [AmendHeading(c("19 U.S.C. 1304(e)"), "Castings")],
    ),
    (
        "Section 9503(c) of title 19, United States Code, is repealed.",
        [StrikeProvision(c("19 U.S.C. 9503(c)"))],
    ),
    (
        "Section 901(j)(3) of the Internal Revenue Code of 1986 is amended by adding at the end "
        "the following new sentence: “The preceding sentence shall not apply.”.",
        [Insert(c("26 U.S.C. 901(j)(3)"), "The preceding sentence shall not apply.")],
    ),
    (
        f"{T2432} is amended by adding “or” at the end.",
        [Insert(c("19 U.S.C. 2432(a)"), "or")],
    ),
    # --- nested scopes ---------------------------------------------------------------------
    (
        "Section 13031(f)(4)(B) of the Consolidated Omnibus Budget Reconciliation Act of 1985 "
        "(19 U.S.C. 58c(f)(4)(B)) is amended— (1) by striking “2003 through 2005” and inserting "
        "“2016 through 2018”; (2) by striking “such amounts” and inserting “not less than "
        "$153,736,000”; and (3) by striking “for the development” and inserting “to complete the "
        "development”.",
        [
            StrikeInsert(c("19 U.S.C. 58c(f)(4)(B)"), "2003 through 2005", "2016 through 2018"),
            StrikeInsert(c("19 U.S.C. 58c(f)(4)(B)"), "such amounts", "not less than $153,736,000"),
            StrikeInsert(
                c("19 U.S.C. 58c(f)(4)(B)"), "for the development", "to complete the development"
            ),
        ],
    ),
    (
        "Section 313(j) of the Tariff Act of 1930 (19 U.S.C. 1313(j)) is amended— (1) in "
        "paragraph (1)— (A) in subparagraph (A), in the matter preceding clause (i)— (i) by "
        "striking “3-year” and inserting “5-year”; and (ii) by inserting “and before the claim” "
        "after “the date of importation”; and (B) in subparagraph (B), by striking “the "
        "Customs Service” each place it appears; and (2) in paragraph (2), as so redesignated, "
        "by striking “or” at the end, by adjusting the margins accordingly.",
        [
            StrikeInsert(c("19 U.S.C. 1313(j)(1)(A)"), "3-year", "5-year", scope=Scope.CHAPEAU),
            Insert(
                c("19 U.S.C. 1313(j)(1)(A)"),
                "and before the claim",
                after="the date of importation",
                scope=Scope.CHAPEAU,
            ),
            Strike(c("19 U.S.C. 1313(j)(1)(B)"), "the Customs Service", each=True),
            Strike(c("19 U.S.C. 1313(j)(2)"), "or", at_end=True),
        ],
    ),
    (
        "Section 304(e) of the Tariff Act of 1930 (19 U.S.C. 1304(e)) is amended— (1) in the "
        "subsection heading, by striking “Manhole Rings” and inserting “Castings”; and (2) in "
        "the matter following paragraph (3), by striking “such” and inserting “the”.",
        [
            StrikeInsert(c("19 U.S.C. 1304(e)"), "Manhole Rings", "Castings", scope=Scope.HEADING),
            StrikeInsert(c("19 U.S.C. 1304(e)"), "such", "the", scope=Scope.CONTINUATION),
        ],
    ),
    # --- multi-target ------------------------------------------------------------------------
    (
        "Each of the following provisions is amended by striking “Customs Service” and "
        "inserting “U.S. Customs and Border Protection”: (1) Section 402(a) of title 19, United "
        "States Code. (2) Section 2433(b) of title 19, United States Code.",
        [
            StrikeInsert(
                c("19 U.S.C. 402(a)"), "Customs Service", "U.S. Customs and Border Protection"
            ),
            StrikeInsert(
                c("19 U.S.C. 2433(b)"), "Customs Service", "U.S. Customs and Border Protection"
            ),
        ],
    ),
    (
        "Sections 2432 and 2433 of title 19, United States Code, are each amended by striking "
        "“annual” each place it appears.",
        [
            Strike(c("19 U.S.C. 2432"), "annual", each=True),
            Strike(c("19 U.S.C. 2433"), "annual", each=True),
        ],
    ),
]

BLOCKS = {
    "new paragraph": (NEW_P,),
}


def _matter_for(text: str) -> tuple[object, ...]:
    if BLOCK_MARK not in text:
        return ()
    if "new paragraph" in text:
        return ((NEW_P,),)
    return ((NEW_F,),)


@pytest.mark.parametrize(("text", "expected"), GOLDEN, ids=[g[0][:60] for g in GOLDEN])
def test_golden(text: str, expected: list[object]) -> None:
    """Each real-style sentence parses to exactly the expected amendments."""
    got = parse_instruction(text, new_matter=_matter_for(text))  # type: ignore[arg-type]
    assert got == expected


@pytest.mark.parametrize(
    "quoted",
    [
        "``nonmarket economy'' and inserting ``covered''",
        "‘‘nonmarket economy’’ and inserting ‘‘covered’’",
        '"nonmarket economy" and inserting "covered"',
        "“nonmarket economy” and inserting “covered”",
    ],
)
def test_quotation_conventions(quoted: str) -> None:
    """All four quotation conventions parse to the same amendment."""
    got = parse_instruction(f"{T2432} is amended by striking {quoted}.")
    assert got == [StrikeInsert(c("19 U.S.C. 2432(a)"), "nonmarket economy", "covered")]


def test_such_code_uses_the_source() -> None:
    """`such Code` resolves through the Act or Code named earlier."""
    got = parse_instruction(
        "Section 38(b) of such Code is amended by striking “plus”.",
        source="the Internal Revenue Code of 1986",
    )
    assert got == [Strike(c("26 U.S.C. 38(b)"), "plus")]


def test_such_section_uses_the_context() -> None:
    """`Subsection (b) of such section` resolves against the provision named before."""
    got = parse_instruction(
        "Subsection (b) of such section is amended by striking “plus”.",
        context=c("26 U.S.C. 38(a)"),
    )
    assert got == [Strike(c("26 U.S.C. 38(b)"), "plus")]


def test_label_is_carried() -> None:
    """Every amendment carries the label of the instruction it came from."""
    got = parse_instruction(f"{T2432} is amended by striking “x”.", label="Sec. 2(a)(1)")
    assert got[0].label == "Sec. 2(a)(1)"


def test_paragraph_of_a_section_is_read_literally() -> None:
    """`paragraph (2)` right inside a section is the section's own paragraph (2) (USLM
    /us/usc/t15/s634c/2), never a guess at a subsection; `apply` refuses it where there is none."""
    got = parse_instruction(
        "Section 402 of the Trade Act of 1974 (19 U.S.C. 2432) is amended in paragraph (2) "
        "by striking “x”."
    )
    assert got == [Strike(Cite("19", "2432", ("2",)), "x")]


def test_subparagraph_with_unknown_paragraph_is_an_error() -> None:
    """`subparagraph (A)` inside a section with no paragraph named is not guessed."""
    with pytest.raises(InstructionParseError) as e:
        parse_instruction(
            "Section 402 of the Trade Act of 1974 (19 U.S.C. 2432) is amended in subparagraph (A) "
            "by striking “x”."
        )
    assert "subparagraph (A)" in e.value.stopped_at


@pytest.mark.parametrize(
    ("text", "stopped"),
    [
        (f"{T2432} is amended by frobnicating “x”.", "frobnicating “x”"),
        (f"{T2432} is amended by striking the last word.", "the last word"),
        ("The Secretary shall submit a report.", "The Secretary shall submit"),
    ],
)
def test_unparsed_names_where_it_stopped(text: str, stopped: str) -> None:
    """An unparsable instruction raises with the phrase the grammar stopped at."""
    with pytest.raises(InstructionParseError) as e:
        parse_instruction(text)
    assert stopped in e.value.stopped_at
    assert e.value.text == text


def test_unknown_act_without_index_is_an_error() -> None:
    """An Act citation without a U.S.C. parenthetical needs the Act index."""
    with pytest.raises(InstructionParseError) as e:
        parse_instruction("Section 402 of the Trade Act of 1974 is amended by striking “x”.")
    assert "Trade Act of 1974" in e.value.message
    assert e.value.stopped_at.startswith("Section 402")


def test_prepare_tokenises_quotes_blocks_and_cites() -> None:
    """Quotations, blocks and U.S.C. parentheticals become opaque tokens."""
    p = prepare(f"{T2432} is amended by inserting “a (b) “c”” after {BLOCK_MARK}")
    assert p.cites == ("19 U.S.C. 2432(a)",)
    assert p.quotes == ("a (b) “c”",)
    assert p.blocks == 1
    assert "«Q0»" in p.text and "«C0»" in p.text and "«B0»" in p.text


def test_subparagraph_builder_in_new_matter() -> None:
    """Quoted new matter given as a single NewProvision is accepted like a tuple."""
    sub = Subparagraph("C", content="new text.")
    got = parse_instruction(
        f"Section 901(j)(2) of title 26, United States Code, is amended by adding at the end the "
        f"following new subparagraph: {BLOCK_MARK}.",
        new_matter=[sub],
    )
    assert got == [AddAtEnd(c("26 U.S.C. 901(j)(2)"), (sub,))]


# --- law a Cite cannot name: the ordinary verbs on a Container ----------------------------------

HTS = "the Harmonized Tariff Schedule of the United States"
CH62 = Container(HTS, (("chapter", "62"),))
CBSA = Container(
    "the Customs Border Security Act of 2002", (("section", "311"),), (), "19 U.S.C. 2075 note"
)

OUTSIDE = [
    (
        f"Subheading 6204.62.40 of {HTS} is amended by striking “X” and inserting “Y”.",
        [StrikeInsert(Container(HTS, (("subheading", "6204.62.40"),)), "X", "Y")],
    ),
    (
        "Section 311(b) of the Customs Border Security Act of 2002 (19 U.S.C. 2075 note) is "
        "amended by striking paragraph (3).",
        [StrikeProvision(CBSA.provision_child("b", "3"))],
    ),
    (
        "Section 311(b) of the Customs Border Security Act of 2002 (19 U.S.C. 2075 note) is "
        "amended— (1) by striking “or” at the end; and (2) by redesignating paragraphs (3) and (4) "
        "as paragraphs (4) and (5), respectively.",
        [
            Strike(CBSA.provision_child("b"), "or", at_end=True),
            Redesignate(
                (CBSA.provision_child("b", "3"), CBSA.provision_child("b", "4")), ("4", "5")
            ),
        ],
    ),
    (
        "Section 311 of the Customs Border Security Act of 2002 (19 U.S.C. 2075 note) is repealed.",
        [StrikeProvision(CBSA)],
    ),
    (
        f"The article description for heading 9801.00.10 of {HTS} is amended by inserting after "
        "“exported” the following: “, or any other products”.",
        [
            Insert(
                Container(HTS, (("heading", "9801.00.10"), ("article description", ""))),
                ", or any other products",
                after="exported",
            )
        ],
    ),
    (
        "The Homeland Security Act of 2002 (6 U.S.C. 101 et seq.) is amended in title IV by "
        "striking the title heading and inserting “BORDER SECURITY”.",
        [
            AmendHeading(
                Container(
                    "the Homeland Security Act of 2002",
                    (("title", "IV"),),
                    (),
                    "6 U.S.C. 101 et seq.",
                ),
                "BORDER SECURITY",
            )
        ],
    ),
    (
        f"Chapter 62 of {HTS} is amended by striking subheadings 6201.91.10 through 6201.91.20 and "
        "inserting the following, with the superior text to subheading 6201.91.03 having the same "
        "degree of indentation as the article description for subheading 6201.91.10: "
        f"{BLOCK_MARK}",
        [
            StrikeProvision(
                CH62.child("subheading", "6201.91.10"),
                CH62.child("subheading", "6201.91.20"),
                replacement_text="6201.91.03 Padded, sleeveless jackets 8.5%",
            )
        ],
    ),
    (
        f"Chapter 62 of {HTS} is amended by striking subheadings 6203.49.10 through 6203.49.80 and "
        "the immediate superior text to subheading 6203.49.10, and inserting the following: "
        f"{BLOCK_MARK}",
        [
            StrikeProvision(
                CH62.child("superior text to subheading", "6203.49.10"),
                CH62.child("subheading", "6203.49.80"),
                replacement_text="6201.91.03 Padded, sleeveless jackets 8.5%",
            )
        ],
    ),
    (
        "The table of contents for the Homeland Security Act of 2002 is amended in the item "
        "relating to section 403 by striking “Under Secretary” and inserting “Commissioner”.",
        [
            StrikeInsert(
                Container(
                    "the Homeland Security Act of 2002",
                    (("table of contents", ""), ("item relating to", "section 403")),
                ),
                "Under Secretary",
                "Commissioner",
            )
        ],
    ),
    (
        "The chapter analysis for chapter 223 of title 18, United States Code, is amended by "
        f"inserting after the item relating to section 3502 the following: {BLOCK_MARK}",
        [
            AmendTableOfContents(
                Container("title 18, United States Code", (("chapter", "223"),)),
                insert=("6201.91.03 Padded, sleeveless jackets 8.5%",),
                after="section 3502",
            )
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), OUTSIDE, ids=[o[0][:60] for o in OUTSIDE])
def test_outside_the_code_parses_to_ordinary_amendments(text: str, expected: list[object]) -> None:
    """Law a Cite cannot name gets the ordinary amendment types, with a Container target."""
    got = parse_instruction(text, new_matter=["6201.91.03 Padded, sleeveless jackets 8.5%"])
    assert got == expected


def test_as_added_by_an_act_whose_name_holds_and() -> None:
    """`as added by section 402 of the Security and Accountability … Act` is one qualifier, not
    a second target split at `and`."""
    got = parse_instruction(
        "Section 2 of the Act of March 3, 1927 (44 Stat. 1381, chapter 348; 19 U.S.C. 2072), as "
        "added by section 402 of the Security and Accountability for Every Port Act of 2006 "
        "(Public Law 109–347; 120 Stat. 1924), is amended— (A) by striking subsection (d); and "
        "(B) by redesignating subsections (e) and (f) as subsections (d) and (e), respectively."
    )
    assert got == [
        StrikeProvision(c("19 U.S.C. 2072(d)")),
        Redesignate((c("19 U.S.C. 2072(e)"), c("19 U.S.C. 2072(f)")), ("d", "e")),
    ]


def test_an_action_no_amendment_type_holds_is_not_parsed_even_outside_the_code() -> None:
    """An action the verbs cannot read fails with the phrase, whatever the target: it never
    becomes an amendment that keeps the action only in words."""
    with pytest.raises(InstructionParseError) as e:
        parse_instruction(
            f"Subchapter I of chapter 98 of {HTS} is amended by inserting in numerical sequence "
            f"the following new heading: {BLOCK_MARK}",
            new_matter=["9801.00.11 United States Government property"],
        )
    assert "in numerical sequence" in e.value.stopped_at
    assert "numerical sequence" in e.value.message


def test_superior_text_must_be_the_first_struck_row() -> None:
    """The superior text struck with a range is that of the range's first subheading."""
    with pytest.raises(InstructionParseError) as e:
        parse_instruction(
            f"Chapter 62 of {HTS} is amended by striking subheadings 6203.49.10 through "
            "6203.49.80 and the immediate superior text to subheading 6203.49.20, and inserting "
            f"the following: {BLOCK_MARK}",
            new_matter=["rows"],
        )
    assert "6203.49.20" in e.value.message and "6203.49.10" in e.value.message
