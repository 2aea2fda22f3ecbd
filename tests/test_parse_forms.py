"""Amendatory forms of real bills the grammar reads (issue 15, family 3): each case quotes the bill
file in ../shared/bills/ and the section of the bill it comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from billdraft.amendments import (
    AddAtEnd,
    AmendSentence,
    AmendTableOfContents,
    AmendToRead,
    Clause,
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
from billdraft.bills import BLOCK_MARK, Bill, Freestanding, Instruction, read_bill
from billdraft.cite import ActIndex, Cite, Container
from billdraft.errors import InstructionParseError
from billdraft.instructions.parse import conventions, parse_bill, parse_instruction, prepare


def c(text: str) -> Cite:
    return Cite.parse(text)


CARL_LEVIN = (
    "the Carl Levin and Howard P. “Buck” McKeon National Defense Authorization Act for Fiscal "
    "Year 2015"
)

# --- names of the law amended ------------------------------------------------------------------

NAMES = [
    # uslm-samples/S2731_IPS.XML, Div. A, Sec. 1202: a quotation inside the Act's name.
    (
        f"Section 1207(e) of {CARL_LEVIN} (10 U.S.C. 2342 note) is amended by striking “September "
        "30, 2019” and inserting “September 30, 2024”.",
        [
            StrikeInsert(
                Container(CARL_LEVIN, (("section", "1207"),), ("e",), "10 U.S.C. 2342 note"),
                "September 30, 2019",
                "September 30, 2024",
            )
        ],
    ),
    # uslm-samples/BILLS-116hr1865eah.xml, Div. P, Sec. 1403(b): an Act known by its long title.
    (
        "The Act entitled “An Act to establish in the Library of Congress a library of musical "
        "scores and other instructional materials to further educational, vocational, and cultural "
        "opportunities in the field of music for blind persons”, approved October 9, 1962 (2 "
        "U.S.C. 135a–1), is repealed.",
        [
            StrikeProvision(
                Container(
                    "the Act entitled “An Act to establish in the Library of Congress a library of "
                    "musical scores and other instructional materials to further educational, "
                    "vocational, and cultural opportunities in the field of music for blind "
                    "persons”, approved October 9, 1962",
                    usc="2 U.S.C. 135a–1",
                )
            )
        ],
    ),
    # uslm-samples/HR1017_RH.XML, Sec. 8: a resolution of the House.
    (
        "House Resolution 967, agreed to May 15, 2020, is amended— (1) in section 4, by striking "
        "“July 21, 2020” and inserting “July 31, 2020”; and (2) in section 12, by striking “July "
        "21, 2020” and inserting “July 31, 2020”.",
        [
            StrikeInsert(
                Container("House Resolution 967, agreed to May 15, 2020", (("section", "4"),)),
                "July 21, 2020",
                "July 31, 2020",
            ),
            StrikeInsert(
                Container("House Resolution 967, agreed to May 15, 2020", (("section", "12"),)),
                "July 21, 2020",
                "July 31, 2020",
            ),
        ],
    ),
    # uslm-samples/BILLS-116hr1865eah.xml, Div. A, Sec. 305: the short name the bill gave an Act;
    # the U.S.C. parenthetical names the provision.
    (
        "Section 114(f) of the HEA (20 U.S.C. 1011c(f)) is amended by striking “2019” and "
        "inserting “2020”.",
        [StrikeInsert(c("20 U.S.C. 1011c(f)"), "2019", "2020")],
    ),
    # uslm-samples/BILLS-116hr1865eah.xml, Div. P, Sec. 501(b): `the first section` of an Act.
    (
        "The first section of the Pittman-Robertson Wildlife Restoration Act (16 U.S.C. 669) is "
        "amended by adding at the end the following: “One of the purposes of this Act is to "
        "provide financial and technical assistance to the States for the promotion of hunting and "
        "recreational shooting.”.",
        [
            Insert(
                c("16 U.S.C. 669"),
                "One of the purposes of this Act is to provide financial and technical assistance "
                "to the States for the promotion of hunting and recreational shooting.",
            )
        ],
    ),
    # uslm-samples/S2731_IPS.XML, Div. A, Sec. 611(a): `, relating to …,` after the target.
    (
        "Section 910(g) of title 37, United States Code, relating to income replacement payments "
        "for reserve component members experiencing extended and frequent mobilization for active "
        "duty service, is amended by striking “December 31, 2019” and inserting “December 31, "
        "2020”.",
        [StrikeInsert(c("37 U.S.C. 910(g)"), "December 31, 2019", "December 31, 2020")],
    ),
    # uslm-samples/S2731_IPS.XML, Div. A, Sec. 611(b): the provisions listed after the actions.
    (
        "The following sections of title 10, United States Code, are amended by striking “December "
        "31, 2019” and inserting “December 31, 2020”: (1) Section 2130a(a)(1), relating to nurse "
        "officer candidate accession program. (2) Section 16302(d), relating to repayment of "
        "education loans for certain health professionals who serve in the Selected Reserve.",
        [
            StrikeInsert(c("10 U.S.C. 2130a(a)(1)"), "December 31, 2019", "December 31, 2020"),
            StrikeInsert(c("10 U.S.C. 16302(d)"), "December 31, 2019", "December 31, 2020"),
        ],
    ),
    # uslm-samples/H2839_RH.XML, Sec. 7045(a)(1)(B)(iii) (shortened): `(division F of Public Law
    # 116-6)` names where the Act was enacted and carries no meaning of its own.
    (
        "Section 7045(a) of the Department of State, Foreign Operations, and Related Programs "
        "Appropriations Act, 2019 (division F of Public Law 116-6) is amended by redesignating "
        "paragraphs (1), (2), (3), and (4) as paragraphs (2), (3), (4), and (5), respectively.",
        [
            Redesignate(
                tuple(
                    Container(
                        "the Department of State, Foreign Operations, and Related Programs "
                        "Appropriations Act, 2019",
                        (("section", "7045"),),
                        ("a", n),
                    )
                    for n in "1234"
                ),
                ("2", "3", "4", "5"),
            )
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_names_of_the_law_amended(text: str, expected: list[object]) -> None:
    """Act names with quotations, commas, long titles, short names, resolutions, `the first
    section`, and `relating to` descriptions are read; their amendments are exact."""
    assert parse_instruction(text, acts=ActIndex()) == expected


def test_history_of_the_provision_carries_no_meaning() -> None:
    """`, as added by … and most recently amended by …, is further amended` (uslm-samples/
    S2731_IPS.XML, Div. A, Sec. 1103) reads as the provision it qualifies; an Act the index does
    not know is law outside the Code."""
    act = (
        "the Emergency Supplemental Appropriations Act for Defense, the Global War on Terror, and "
        "Hurricane Recovery, 2006"
    )
    got = parse_instruction(
        f"Paragraph (2) of section 1603(a) of {act} (Public Law 109–234; 120 Stat. 443), as added "
        "by section 1102 of the Duncan Hunter National Defense Authorization Act for Fiscal Year "
        "2009 (Public Law 110–417; 122 Stat. 4616) and most recently amended by section 1115 of "
        "the John S. McCain National Defense Authorization Act for Fiscal Year 2019 (Public Law "
        "115–232), is further amended by striking “2020” and inserting “2021”.",
        acts=ActIndex(),
    )
    assert got == [StrikeInsert(Container(act, (("section", "1603"),), ("a", "2")), "2020", "2021")]


def test_history_naming_an_act_with_commas_is_one_qualifier() -> None:
    """H.R. 1865 (116th, uslm-samples/BILLS-116hr1865eah.xml) Div. P, Sec. 602: `Section 13 of
    the John F. Kennedy Center Act (20 U.S.C. 76r), as amended by the Department of the Interior,
    Environment, and Related Agencies Appropriations Act, 2020, is further amended by striking
    subsections (a) and (b)` strikes (a) and (b) of 20 U.S.C. 76r; the commas inside the Act's
    name do not make a second provision amended."""
    got = parse_instruction(
        "Section 13 of the John F. Kennedy Center Act (20 U.S.C. 76r), as amended by the "
        "Department of the Interior, Environment, and Related Agencies Appropriations Act, 2020, "
        "is further amended by striking subsections (a) and (b).",
        acts=ActIndex(),
    )
    assert got == [StrikeProvision(Cite("20", "76r", ("a",)), Cite("20", "76r", ("b",)))]


def test_parentheticals_about_sources_are_noise() -> None:
    """A nested parenthetical on how an Act was enacted carries no meaning (uslm-samples/
    BILLS-116hr1865eah.xml, Div. E, Sec. 212(a)(3)(G))."""
    prepared = prepare(
        "Section 2(a) of the Legislative Branch Appropriations Act, 1988 (as enacted into law by "
        "section 101(i) of Public Law 100–202 (101 Stat. 1329–290)) (2 U.S.C. 6651) is repealed."
    )
    assert prepared.text == (
        "Section 2(a) of the Legislative Branch Appropriations Act, 1988 «N» «C0» is repealed."
    )
    got = parse_instruction(prepared.text.replace("«N» «C0»", "(2 U.S.C. 6651)"))
    assert [type(a) for a in got] == [StrikeProvision]


def test_as_so_amended_after_such_section_n() -> None:
    """`Subsection (b)(1)(B) of such section 119, as so amended, is amended` (uslm-samples/
    BILLS-116hr1865eah.xml, Div. N, Sec. 103(b)) is section 119 of the Act named before."""
    got = parse_instruction(
        "Subsection (b)(1)(B) of such section 119, as so amended, is amended— (1) in clause (x), "
        "by striking “and” at the end; and (2) in clause (xi), by striking the period at the end "
        "and inserting “; and”.",
        source="title 42, United States Code",
    )
    assert [a.target for a in got] == [
        c("42 U.S.C. 119(b)(1)(B)(x)"),
        c("42 U.S.C. 119(b)(1)(B)(xi)"),
    ]


# --- the convention of tax bills ---------------------------------------------------------------

DIV_Q_CONVENTION = (
    "(a) This division may be cited as the “Taxpayer Certainty and Disaster Tax Relief Act of "
    "2019”. (c) Except as otherwise expressly provided, whenever in this division an amendment or "
    "repeal is expressed in terms of an amendment to, or repeal of, a section or other provision, "
    "the reference shall be considered to be made to a section or other provision of the Internal "
    "Revenue Code of 1986."
)
"""uslm-samples/BILLS-116hr1865eah.xml, Div. Q, Sec. 1 (shortened)."""


def _bill(*instructions: Instruction) -> Bill:
    free = Freestanding("Div. Q, Sec. 1", "short title", DIV_Q_CONVENTION, within=("division Q",))
    return Bill(instructions=instructions, freestanding=(free,))


def test_convention_names_the_code_of_a_bare_section() -> None:
    """Inside the division whose convention names the Internal Revenue Code of 1986, a bare
    `Section 108(a)(1)(E) is amended` (Div. Q, Sec. 101(a)) and `The heading of section
    5041(c)(8) is amended` (Div. Q, Sec. 144(d)(2)) are sections of that Code."""
    bill = _bill(
        Instruction(
            "Div. Q, Sec. 101(a)",
            "Section 108(a)(1)(E) is amended by striking “January 1, 2018” each place it appears "
            "and inserting “January 1, 2021”.",
            within=("division Q", "title I"),
        ),
    )
    assert conventions(bill) == [(("division Q",), "the Internal Revenue Code of 1986")]
    (r,) = parse_bill(bill)
    assert r.amendments == (
        StrikeInsert(c("26 U.S.C. 108(a)(1)(E)"), "January 1, 2018", "January 1, 2021", each=True),
    )


def test_bare_section_outside_the_convention_is_an_error() -> None:
    """A bare section outside the part of the bill the convention holds in is refused, and never
    taken to be a section of the Act the instruction before named."""
    bill = _bill(
        Instruction(
            "Div. P, Sec. 1",
            "Section 4 of the Pittman-Robertson Wildlife Restoration Act (16 U.S.C. 669c) is "
            "amended by striking “x”.",
            within=("division P",),
        ),
        Instruction(
            "Div. P, Sec. 2", "Section 5 is amended by striking “y”.", within=("division P",)
        ),
    )
    first, second = parse_bill(bill)
    assert first.amendments is not None
    assert second.error is not None
    assert "section 5 belongs to" in second.error.message


def test_convention_read_from_the_real_bill(shared_dir: Path) -> None:
    """The convention of Div. Q of H.R. 1865 (116th) is found where the bill puts it."""
    bill = read_bill(shared_dir / "bills" / "uslm-samples" / "BILLS-116hr1865eah.xml")
    assert conventions(bill) == [(("division Q",), "the Internal Revenue Code of 1986")]
    by_label = {r.instruction.label: r for r in parse_bill(bill)}
    r = by_label["Div. Q, Sec. 101(a)"]
    assert r.amendments is not None
    assert r.amendments[0].target == c("26 U.S.C. 108(a)(1)(E)")


# --- what the bill readers hand the grammar -----------------------------------------------------


def test_uslm_quoted_text_keeps_one_pair_of_marks(shared_dir: Path) -> None:
    """`“<quotedText>2019</quotedText>”` is the quotation “2019”, not ““2019”” (uslm-samples/
    H2740_RH.XML, Sec. 305)."""
    bill = read_bill(shared_dir / "bills" / "uslm-samples" / "H2740_RH.XML")
    (ins,) = [i for i in bill.instructions if i.label == "Sec. 305"]
    assert "by striking “2019” and inserting “2020”" in ins.text
    (r,) = [r for r in parse_bill(bill) if r.instruction.label == "Sec. 305"]
    assert r.amendments == (StrikeInsert(c("20 U.S.C. 1011c(f)"), "2019", "2020", label="x"),)


def test_page_numbers_and_next_headings_are_not_text(shared_dir: Path) -> None:
    """A page number of the Statutes at Large (`<page>131 STAT. 12</page>`, uslm/115publ6-uslm.xml,
    Sec. 3) and the `<appropriations>` heading of the next paragraph (BILLS-116hr1865eah.xml, Div.
    D, Sec. 416) are not words of the instruction."""
    law = read_bill(shared_dir / "bills" / "uslm" / "115publ6-uslm.xml")
    (ins,) = [i for i in law.instructions if i.label == "Sec. 3"]
    assert "STAT." not in ins.text
    (r,) = [r for r in parse_bill(law) if r.instruction.label == "Sec. 3"]
    assert r.amendments is not None and isinstance(r.amendments[-1], AddAtEnd)
    bill = read_bill(shared_dir / "bills" / "uslm-samples" / "BILLS-116hr1865eah.xml")
    (ins,) = [i for i in bill.instructions if i.label == "Div. D, Sec. 416"]
    assert "grazing" not in ins.text


def test_unparsed_bare_section_names_what_is_missing() -> None:
    """Without a convention, a bare section says what it needed."""
    with pytest.raises(InstructionParseError) as e:
        parse_instruction("Section 45(b) is amended by striking “x”.")
    assert "section 45 belongs to" in e.value.message


# --- places, levels and verbs -------------------------------------------------------------------

ERISA_412 = (
    "The last sentence of section 412(a) of the Employee Retirement Income Security Act of 1974 "
    "(29 U.S.C. 1112(a)) is amended by inserting “or in the case of a pooled employer plan (as "
    "defined in section 3(43))” after “section 407(d)(1))”."
)
REGISTER = (
    "The Register of Copyrights shall be compensated at the greater of the rate of pay in effect "
    "for level III of the Executive Schedule."
)

FORMS = [
    # uslm-samples/BILLS-116hr1865eah.xml, Div. O, Sec. 101(c)(2): a sentence as the target (an
    # insertion that must match once is searched in the whole provision).
    (
        ERISA_412,
        {},
        [
            Insert(
                c("29 U.S.C. 1112(a)"),
                "or in the case of a pooled employer plan (as defined in section 3(43))",
                after="section 407(d)(1))",
            )
        ],
    ),
    # Div. P, Sec. 1404(a)(3) (quotation shortened): a sentence amended to read as follows.
    (
        "The first sentence of section 701(f) of title 17, United States Code, is amended to read "
        f"as follows: “{REGISTER}”.",
        {},
        [AmendSentence(c("17 U.S.C. 701(f)"), 1, True, REGISTER)],
    ),
    # billdtd/111_h6517_enr.xml, Sec. 101(c)(4) (quotation shortened): `in the first sentence to
    # read as follows` inside a list.
    (
        "Section 255(a) of the Trade Act of 1974 (19 U.S.C. 2345(a)) is amended— (A) in the first "
        "sentence to read as follows: “There are authorized to be appropriated $50,000,000.”; and "
        "(B) in paragraph (1), by striking “December 31, 2010” and inserting “February 12, 2011”.",
        {},
        [
            AmendSentence(
                c("19 U.S.C. 2345(a)"),
                1,
                True,
                "There are authorized to be appropriated $50,000,000.",
            ),
            StrikeInsert(c("19 U.S.C. 2345(a)(1)"), "December 31, 2010", "February 12, 2011"),
        ],
    ),
    # Div. Q, Sec. 144(d)(2): the heading of a bare section, under the Code convention.
    (
        "The heading of section 5041(c)(8) is amended by striking “Special rule for 2018 and "
        "2019” and inserting “Temporary special rule”.",
        {"default": "the Internal Revenue Code of 1986"},
        [
            StrikeInsert(
                c("26 U.S.C. 5041(c)(8)"),
                "Special rule for 2018 and 2019",
                "Temporary special rule",
                scope=Scope.HEADING,
            )
        ],
    ),
    # Div. I, Sec. 301(a)(1): `is amended, in subsections (a) and (b), by striking`.
    (
        "Section 101 of the Secure Rural Schools and Community Self-Determination Act of 2000 (16 "
        "U.S.C. 7111) is amended, in subsections (a) and (b), by striking “and 2018” each place "
        "it appears and inserting “2018, 2019, and 2020”.",
        {},
        [
            StrikeInsert(c("16 U.S.C. 7111(a)"), "and 2018", "2018, 2019, and 2020", each=True),
            StrikeInsert(c("16 U.S.C. 7111(b)"), "and 2018", "2018, 2019, and 2020", each=True),
        ],
    ),
    # uslm-samples/H1112_PCS.XML, Sec. 5 (quotation shortened): `in each of subsections …`.
    (
        "Section 922 of title 18, United States Code, is amended in each of subsections (d)(4) "
        "and (g)(4) by striking “adjudicated as a mental defective” and inserting “adjudicated "
        "with mental illness”.",
        {},
        [
            StrikeInsert(
                c(f"18 U.S.C. 922{p}"),
                "adjudicated as a mental defective",
                "adjudicated with mental illness",
            )
            for p in ("(d)(4)", "(g)(4)")
        ],
    ),
    # Div. O, Sec. 403(b): struck words in several provisions named after them.
    (
        "Subsection (d) of section 6652 of the Internal Revenue Code of 1986 is amended— (1) by "
        "striking “$1” both places it appears in paragraphs (1) and (2) and inserting “$10”; and "
        "(2) by striking “$5,000” in paragraph (1) and inserting “$50,000”.",
        {},
        [
            StrikeInsert(c("26 U.S.C. 6652(d)(1)"), "$1", "$10", each=True),
            StrikeInsert(c("26 U.S.C. 6652(d)(2)"), "$1", "$10", each=True),
            StrikeInsert(c("26 U.S.C. 6652(d)(1)"), "$5,000", "$50,000"),
        ],
    ),
    # Div. N, Sec. 604(a)(2) and (5)(A): provisions struck one by one, never as a range.
    (
        "Section 1926 of the Public Health Service Act (42 U.S.C. 300x–26) is amended— (1) by "
        "striking subsections (a) and (d); and (2) in subsection (b), by striking paragraphs (1), "
        "(2), and (4).",
        {},
        [
            StrikeProvision(c(f"42 U.S.C. 300x–26{p}"))
            for p in ("(a)", "(d)", "(b)(1)", "(b)(2)", "(b)(4)")
        ],
    ),
    # Div. P, Sec. 1402 (shortened): struck words placed by the mark they follow.
    (
        "Section 4 of the American Folklife Preservation Act (20 U.S.C. 2103) is amended in "
        "subsection (b)(1)(D)— (A) in clause (vi), by striking “and” after the semicolon; and (B) "
        "in clause (vii), by striking the period at the end and inserting a semicolon.",
        {},
        [
            StrikeInsert(c("20 U.S.C. 2103(b)(1)(D)(vi)"), "; and", ";"),
            StrikeInsert(c("20 U.S.C. 2103(b)(1)(D)(vii)"), ".", ";", at_end=True),
        ],
    ),
    # Div. P, Sec. 1102(a)(2) (shortened): a mark placed by the words it follows.
    (
        "Section 119 of title 17, United States Code, is amended in subsection (c)(1)(E) by "
        "striking the comma after “in the agreement”.",
        {},
        [StrikeInsert(c("17 U.S.C. 119(c)(1)(E)"), "in the agreement,", "in the agreement")],
    ),
    # Div. N, Sec. 403(b)(3)(B) (quotation shortened): struck words placed by the words before.
    (
        "Section 1272 of the Public Health Service Act (42 U.S.C. 300d–72) is amended in "
        "subsection (b)(1) by striking “poison prevention and poison control center” and "
        "inserting “poisoning prevention materials, and poison control center” after "
        "“distribution of”.",
        {},
        [
            StrikeInsert(
                c("42 U.S.C. 300d–72(b)(1)"),
                "distribution of poison prevention and poison control center",
                "distribution of poisoning prevention materials, and poison control center",
            )
        ],
    ),
    # Div. N, Sec. 501(a): a container struck.
    (
        "Chapter 32 of the Internal Revenue Code of 1986 is amended by striking subchapter E.",
        {},
        [
            StrikeProvision(
                Container(
                    "the Internal Revenue Code of 1986", (("chapter", "32"), ("subchapter", "E"))
                )
            )
        ],
    ),
    # Div. I, Sec. 406 (quotation shortened): `and inserting: “…”`.
    (
        "Section 2 of the Export-Import Bank Act of 1945 (12 U.S.C. 635) is amended in subsection "
        "(f) by striking the period and inserting: “, and shall deny an application.”.",
        {},
        [StrikeInsert(c("12 U.S.C. 635(f)"), ".", ", and shall deny an application.")],
    ),
    # Div. P, Sec. 1404(b)(1) (quotations shortened): `by deleting`, and `all that follows
    # through the period at the end` (through the end of the text, not its first period).
    (
        "Section 203(c)(2) of the Legislative Reorganization Act of 1946 (2 U.S.C. 166(c)(2)) is "
        "amended— (A) in the second sentence of the matter preceding subparagraph (A), by "
        "deleting “subchapter III” and all that follows through “such title.” and inserting "
        "“section 5376 of title 5, United States Code.”; and (B) in subparagraph (B), by striking "
        "“may be placed in GS–16, 17, and 18” and all that follows through the period at the end "
        "and inserting “may be classified above GS–15.”.",
        {},
        [
            StrikeThrough(
                c("2 U.S.C. 166(c)(2)"),
                "subchapter III",
                "such title.",
                "section 5376 of title 5, United States Code.",
                scope=Scope.CHAPEAU,
            ),
            StrikeThrough(
                c("2 U.S.C. 166(c)(2)(B)"),
                "may be placed in GS–16, 17, and 18",
                None,
                "may be classified above GS–15.",
            ),
        ],
    ),
    # Div. N, Sec. 401(a): `is amended by— (1) striking …; and (2) striking …`.
    (
        "Section 10503(b)(1)(F) of the Patient Protection and Affordable Care Act (42 U.S.C. "
        "254b–2(b)(1)(F)) is amended by— (1) striking “$887,671,223” and inserting "
        "“$2,575,342,466”; and (2) striking “December 20, 2019” and inserting “May 22, 2020”.",
        {},
        [
            StrikeInsert(c("42 U.S.C. 254b–2(b)(1)(F)"), "$887,671,223", "$2,575,342,466"),
            StrikeInsert(c("42 U.S.C. 254b–2(b)(1)(F)"), "December 20, 2019", "May 22, 2020"),
        ],
    ),
    # Div. A, Sec. 310: a part heading, and the item for that part in the Act's table of contents.
    (
        "The Elementary and Secondary Education Act of 1965 (20 U.S.C. 6301 et seq) is amended—(1) "
        "in the part heading for part B of title IV, by inserting “NITA M. LOWEY” before “21ST”; "
        "and (2) in the table of contents of that Act, by striking the part heading for part B of "
        "title IV and inserting the following: “PART B—NITA M. LOWEY 21ST CENTURY COMMUNITY "
        "LEARNING CENTERS”.",
        {},
        [
            Insert(
                Container(
                    "the Elementary and Secondary Education Act of 1965",
                    (("title", "IV"), ("part", "B")),
                    usc="20 U.S.C. 6301 et seq",
                ),
                "NITA M. LOWEY",
                before="21ST",
                scope=Scope.HEADING,
            ),
            AmendTableOfContents(
                Container("the Elementary and Secondary Education Act of 1965"),
                ("part B of title IV",),
                ("PART B—NITA M. LOWEY 21ST CENTURY COMMUNITY LEARNING CENTERS",),
            ),
        ],
    ),
    # uslm-samples/H264_PCS.XML, Sec. 306(a): `paragraph 12` printed without parentheses, the
    # sixth sentence, and `(relating to …)` parentheticals.
    (
        "Section 203(c) of the Judicial Improvements Act of 1990 (Public Law 101–650; 28 U.S.C. "
        "133 note), is amended in the matter following paragraph 12— (1) in the second sentence "
        "(relating to the District of Kansas), by striking “27 years and 6 months” and inserting "
        "“28 years and 6 months”; and (2) in the sixth sentence (relating to the District of "
        "Hawaii), by striking “24 years and 6 months” and inserting “25 years and 6 months”.",
        {},
        [
            StrikeInsert(
                Container(
                    "the Judicial Improvements Act of 1990",
                    (("section", "203"),),
                    ("c",),
                    "28 U.S.C. 133 note",
                ),
                f"{n} years and 6 months",
                f"{n + 1} years and 6 months",
                scope=Scope.CONTINUATION,
            )
            for n in (27, 24)
        ],
    ),
    # uslm-samples/H2740_RH.XML, Sec. 526(e): `Effective October 1, 2020,` before the target.
    (
        "Effective October 1, 2020, section 214(g)(10) of the Immigration and Nationality Act (8 "
        "U.S.C. 1184(g)(10)) is repealed.",
        {},
        [StrikeProvision(c("8 U.S.C. 1184(g)(10)"))],
    ),
]


@pytest.mark.parametrize(("text", "kwargs", "expected"), FORMS)
def test_forms(text: str, kwargs: dict[str, str], expected: list[object]) -> None:
    """Sentence and heading targets, scopes after a comma, several provisions, struck words placed
    by their neighbours, struck containers, `inserting:`, `deleting`, `through the period at the
    end`, `by— (1) striking`, part headings and tables of contents, bare designations."""
    assert parse_instruction(text, **kwargs) == expected


def test_through_the_period_at_the_end_of_another_provision_is_refused() -> None:
    """`through the period at the end of subparagraph (A)` while amending paragraph (2) is not
    read as the end of paragraph (2)."""
    with pytest.raises(InstructionParseError) as e:
        parse_instruction(
            "Section 5(a)(2) of title 10, United States Code, is amended by striking “may” and all "
            "that follows through the period at the end of subparagraph (A)."
        )
    assert "the end of another" in e.value.message


def test_amend_several_provisions_to_read() -> None:
    """`by amending subparagraphs (C), (D), and (E) to read as follows:` (uslm/116hr1058enr.xml,
    Sec. 3(d)(2)(C)(iii)) gives each the quoted provision of its designation."""
    new = tuple(Subparagraph(d, content=f"new {d}.") for d in "CDE")
    got = parse_instruction(
        "Section 399DD(b)(2) of the Public Health Service Act (42 U.S.C. 280i–3(b)(2)) is amended "
        f"by amending subparagraphs (C), (D), and (E) to read as follows: {BLOCK_MARK} .",
        new_matter=[new],
    )
    assert got == [AmendToRead(c(f"42 U.S.C. 280i–3(b)(2)({p.designation})"), p) for p in new]
    with pytest.raises(InstructionParseError) as e:
        parse_instruction(
            "Section 399DD(b)(2) of the Public Health Service Act (42 U.S.C. 280i–3(b)(2)) is "
            f"amended by amending subparagraphs (C) and (E) to read as follows: {BLOCK_MARK} .",
            new_matter=[new],
        )
    assert "(C), (E)" in e.value.message


def test_new_provisions_inserted_or_added_after_one() -> None:
    """`by adding after clause (iii) the following:` (Div. O, Sec. 109(d)(1)), `by inserting at
    the end the following:` (Div. O, Sec. 203(a)(3)), `the following new subsection (c):`
    (S2731_IPS.XML, Div. A, Sec. 332), `by adding a new paragraph as follows:` (H2839_RH.XML,
    Sec. 7034(d)(6)) and `is amended at the end by adding the following:` (Sec. 7048(h))."""
    iv = Clause("iv", content="a new clause.")
    assert parse_instruction(
        "Subparagraph (A) of section 457(d)(1) of the Internal Revenue Code of 1986 is amended by "
        f"adding after clause (iii) the following: {BLOCK_MARK} .",
        new_matter=[(iv,)],
    ) == [InsertProvisions(c("26 U.S.C. 457(d)(1)(A)(iii)"), (iv,))]
    iii = Clause("iii", content="the lifetime income disclosure.")
    assert parse_instruction(
        "Subparagraph (B) of section 105(a)(2) of the Employee Retirement Income Security Act of "
        f"1974 (29 U.S.C. 1025(a)(2)) is amended by inserting at the end the following: {BLOCK_MARK}"
        " .",
        new_matter=[(iii,)],
    ) == [AddAtEnd(c("29 U.S.C. 1025(a)(2)(B)"), (iii,))]
    sub_c = Subsection("c", "Reports", "The Secretary shall report.")
    assert parse_instruction(
        "Section 323 of title 10, United States Code, is amended by inserting after subsection "
        f"(b) the following new subsection (c): {BLOCK_MARK} .",
        new_matter=[(sub_c,)],
    ) == [InsertProvisions(c("10 U.S.C. 323(b)"), (sub_c,))]
    p4 = Paragraph("4", content="a new paragraph.")
    for words in ("by adding a new paragraph as follows:", "at the end by adding the following:"):
        assert parse_instruction(
            f"Section 207(c) of title 22, United States Code, is amended {words} {BLOCK_MARK} .",
            new_matter=[(p4,)],
        ) == [AddAtEnd(c("22 U.S.C. 207(c)"), (p4,))]


def test_misprints_are_read_and_recorded() -> None:
    """`an inserting` (S2731_IPS.XML, Div. A, Sec. 1084(a)) and `is amended is amended`
    (BILLS-116hr1865eah.xml, Div. P, Sec. 1603(c)) are read as meant, and said."""
    text = (
        "Section 3903 of title 44, United States Code, is amended is amended by striking “March 1, "
        "2020” an inserting “December 1, 2020”."
    )
    assert parse_instruction(text) == [
        StrikeInsert(c("44 U.S.C. 3903"), "March 1, 2020", "December 1, 2020")
    ]
    assert prepare(text).misprints == (
        "read “is amended is amended” as “is amended”",
        "read “«Q0» an inserting” as “«Q0» and inserting”",
    )
    (r,) = parse_bill(Bill(instructions=(Instruction("Sec. 1", text),)))
    assert r.misprints == prepare(text).misprints


def test_repeal_list_keeps_the_sentence_after_it() -> None:
    """`The following are repealed: (1) … (2) … Notwithstanding …, tolls … shall be collected …`
    (BILLS-116hr1865eah.xml, Div. H, Sec. 126, shortened): the provisions listed are repealed and
    the sentence after them is kept, never dropped."""
    (r,) = parse_bill(
        Bill(
            instructions=(
                Instruction(
                    "Div. H, Sec. 126",
                    "The following are repealed: (1) Section 352 of the National Highway System "
                    "Designation Act of 1995 (Public Law 104–59, 109 Stat. 568). (2) Section 324 of "
                    "title 23, United States Code. Notwithstanding any other provision of law, "
                    "tolls collected for motor vehicles on any bridge shall be collected for any "
                    "such vehicles exiting from such bridge.",
                ),
            )
        ),
        acts=ActIndex(),
    )
    assert r.amendments == (
        StrikeProvision(
            Container("the National Highway System Designation Act of 1995", (("section", "352"),))
        ),
        StrikeProvision(c("23 U.S.C. 324")),
    )
    assert r.freestanding == (
        "Notwithstanding any other provision of law, tolls collected for motor vehicles on any "
        "bridge shall be collected for any such vehicles exiting from such bridge.",
    )


def test_such_section_after_law_outside_the_code_and_after_a_miss() -> None:
    """`Such section is further amended` (S2731_IPS.XML, Div. A, Sec. 1084(b)) is the section of
    the Act outside the Code amended just before; and after an instruction whose actions are not
    understood (Div. O, Sec. 101(c)(3): `by striking the second paragraph (41)`), `such section`
    still refers to the section it amends."""
    sec_1087 = Container(
        "the John S. McCain National Defense Authorization Act for Fiscal Year 2019",
        (("section", "1087"),),
    )
    new = Subsection("i", "Report", "The Secretary shall report.")
    first, second = parse_bill(
        Bill(
            instructions=(
                Instruction(
                    "Div. A, Sec. 1084(a)",
                    "Subsection (h)(2) of section 1087 of the John S. McCain National Defense "
                    "Authorization Act for Fiscal Year 2019 (Public Law 115–232) is amended by "
                    "striking “March 1, 2020” and inserting “December 1, 2020”.",
                ),
                Instruction(
                    "Div. A, Sec. 1084(b)",
                    "Such section is further amended by adding at the end the following new "
                    f"subsection: {BLOCK_MARK} .",
                    ((new,),),
                ),
            )
        ),
        acts=ActIndex(),
    )
    assert first.amendments is not None
    assert second.amendments == (AddAtEnd(sec_1087, (new,)),)
    miss, after = parse_bill(
        Bill(
            instructions=(
                Instruction(
                    "Div. O, Sec. 101(c)(3)",
                    "Section 3 of the Employee Retirement Income Security Act of 1974 (29 U.S.C. "
                    "1002) is amended by striking the second paragraph (41).",
                ),
                Instruction(
                    "Sec. 2", "Paragraph (16) of such section is amended by striking “or”."
                ),
            )
        )
    )
    assert miss.error is not None
    assert after.amendments == (Strike(c("29 U.S.C. 1002(16)"), "or"),)


# --- bounded parse time and bounded messages (issue 16, items 4 and 7) --------------------------


def _no_parse() -> object:
    raise AssertionError("the grammar was run on an instruction that should be refused before")


def test_a_citation_deeper_than_the_code_is_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`Section 901` followed by `(j)` 3,334 times is refused without running the grammar (no
    parse at all: linear in the length), and the message cuts the citation, with its length."""
    from billdraft.instructions import parse as parse_module

    monkeypatch.setattr(parse_module, "_parser", _no_parse)
    text = (
        "Section 901" + "(j)" * 3334 + " of the Internal Revenue Code of 1986 is amended by "
        "striking “x”."
    )
    with pytest.raises(InstructionParseError) as e:
        parse_instruction(text)
    assert "found 3,334 in" in e.value.message
    assert "(10,005 characters)" in e.value.message
    assert len(e.value.message) < 400 and len(e.value.stopped_at) < 200
    (r,) = parse_bill(Bill(instructions=(Instruction("Sec. 2", text),)))
    assert r.error is not None and len(r.error.message) < 400


def test_an_instruction_too_long_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """An instruction longer than `MAX_INSTRUCTION` is refused without running the grammar."""
    from billdraft.instructions import parse as parse_module

    monkeypatch.setattr(parse_module, "_parser", _no_parse)
    item = "(1) in subsection (a), by striking “x” and inserting “y”; "
    text = "Section 2 of title 5, United States Code, is amended— " + item * 2000
    with pytest.raises(InstructionParseError) as e:
        parse_instruction(text)
    assert f"at most {parse_module.MAX_INSTRUCTION:,} characters" in e.value.message


def test_designations_of_a_citation_read_one_way_only() -> None:
    """A run of designations (`901(j)(j)…`) has one reading in the grammar, so its parse grows
    linearly: the parse forest holds no ambiguity for it (it held one when a run could split
    into groups)."""
    from lark import Lark

    from billdraft.instructions import parse as parse_module

    grammar = (Path(parse_module.__file__).parent / "grammar.lark").read_text(encoding="utf-8")
    lark = Lark(grammar, parser="earley", lexer="dynamic", ambiguity="explicit", start="start")
    for n in (2, 8, 16):
        text = prepare(
            "Section 901" + "(j)" * n + " of the Internal Revenue Code of 1986 is amended by "
            "striking “x”."
        ).text
        assert not list(lark.parse(text).find_data("_ambig")), n


def test_a_long_quotation_is_cut_in_the_message() -> None:
    """Where the grammar stops at a long quotation, the message quotes its start and length."""
    long = "word " * 2000
    with pytest.raises(InstructionParseError) as e:
        parse_instruction(
            f"Section 2 of title 5, United States Code, is amended by frobbing “{long}”."
        )
    assert "characters)" in e.value.message and len(e.value.message) < 400


# --- the forms issue 15 names -------------------------------------------------------------------


def test_a_level_inside_a_cited_paragraph() -> None:
    """`Section 502(b)(2) … (19 U.S.C. 2462(b)(2)) is amended— (1) in subparagraph (B)` (a form
    issue 15 names): the subparagraph is the cited paragraph's."""
    got = parse_instruction(
        "Section 502(b)(2) of the Trade Act of 1974 (19 U.S.C. 2462(b)(2)) is amended— (1) in "
        "subparagraph (B), by striking “or” at the end; and (2) by striking subparagraph (D)."
    )
    assert got == [
        Strike(c("19 U.S.C. 2462(b)(2)(B)"), "or", at_end=True),
        StrikeProvision(c("19 U.S.C. 2462(b)(2)(D)")),
    ]


def test_a_section_divided_into_paragraphs() -> None:
    """`in section 305(3) (19 U.S.C. 1305(3))— (A) by striking subparagraph (A)` (a form issue 15
    names): in a section divided straight into paragraphs the subparagraph is the paragraph's
    (/us/usc/t19/s1305/3/A); a subsection of such a section is refused, never guessed."""
    got = parse_instruction(
        "The Tariff Act of 1930 is amended— (1) in section 305(3) (19 U.S.C. 1305(3))— (A) by "
        "striking subparagraph (A); and (B) in subparagraph (B), by striking “x”."
    )
    assert got == [
        StrikeProvision(Cite("19", "1305", ("3", "A"))),
        Strike(Cite("19", "1305", ("3", "B")), "x"),
    ]
    with pytest.raises(InstructionParseError) as e:
        parse_instruction(
            "Section 2(3) of title 5, United States Code, is amended in subsection (a) by "
            "striking “x”."
        )
    assert "divided into paragraphs" in e.value.message


def test_each_place_it_appears_except_in() -> None:
    """`each place it appears except in subsection (c)` (a form issue 15 names) keeps the
    provisions left alone as data (`except_in`), which `apply` carries out (tests of that in
    tests/test_except_precedes.py)."""
    from billdraft import apply, load

    got = parse_instruction(
        "Section 402 of the Trade Act of 1974 (19 U.S.C. 2432) is amended by striking “nonmarket "
        "economy country” each place it appears except in subsections (c) and (d) and inserting "
        "“covered country”."
    )
    assert got == [
        StrikeInsert(
            c("19 U.S.C. 2432"),
            "nonmarket economy country",
            "covered country",
            each=True,
            except_in=(c("19 U.S.C. 2432(c)"), c("19 U.S.C. 2432(d)")),
        )
    ]
    statute = load(Path(__file__).resolve().parents[1] / "statutes" / "2432.xml")
    result = apply(statute, got)
    assert {ch.identifier for ch in result.changes} == {
        "/us/usc/t19/s2432/a",
        "/us/usc/t19/s2432/b",
    }


def test_all_that_precedes() -> None:
    """`by striking all that precedes “X” and inserting “Y”` (a form issue 15 names) is a
    `StrikeThrough` from the start of the text (`precedes`)."""
    got = parse_instruction(
        "Section 402(a) of the Trade Act of 1974 (19 U.S.C. 2432(a)) is amended by striking all "
        "that precedes “the President” and inserting “(1) In general.—”."
    )
    assert got == [
        StrikeThrough(
            c("19 U.S.C. 2432(a)"), "the President", None, "(1) In general.—", precedes=True
        )
    ]


def test_as_amended_by_and_are_each_amended() -> None:
    """`…, as amended by subsection (d), is further amended—` (BILLS-116hr1865eah.xml, Div. N,
    Sec. 610(f)) and `Sections 6426(d)(5) and 6426(e)(3) are each amended` (Div. Q, Sec.
    133(a)(1), under the Code convention)."""
    got = parse_instruction(
        "Section 505–1 of the Federal Food, Drug, and Cosmetic Act (21 U.S.C. 355–1), as amended "
        "by subsection (d), is further amended— (1) in subsection (g)(4)(B)— (A) in clause (i) by "
        "striking “or” after the semicolon; and (B) in clause (ii) by striking the period at the "
        "end and inserting “; or”."
    )
    assert got == [
        StrikeInsert(c("21 U.S.C. 355–1(g)(4)(B)(i)"), "; or", ";"),
        StrikeInsert(c("21 U.S.C. 355–1(g)(4)(B)(ii)"), ".", "; or", at_end=True),
    ]
    got = parse_instruction(
        "Sections 6426(d)(5) and 6426(e)(3) are each amended by striking “December 31, 2017” and "
        "inserting “December 31, 2020”.",
        default="the Internal Revenue Code of 1986",
    )
    assert [a.target for a in got] == [c("26 U.S.C. 6426(d)(5)"), c("26 U.S.C. 6426(e)(3)")]


def test_in_numerical_sequence_is_refused_with_its_reason() -> None:
    """`by inserting in numerical sequence the following new heading:` (uslm/114hr644enr_good.xml,
    Sec. 904(c)(1)) has no amendment type yet: a typed error says so."""
    with pytest.raises(InstructionParseError) as e:
        parse_instruction(
            "Subchapter I of chapter 98 of the Harmonized Tariff Schedule of the United States is "
            "amended by inserting in numerical sequence the following new heading: “9801.00.11 "
            "United States Government property Free”."
        )
    assert "in numerical sequence" in e.value.message


def test_sections_repealed_with_their_items_in_the_table_of_contents() -> None:
    """`Sections 416 and 418 of the Homeland Security Act of 2002 (…), and the items relating to
    such sections in the table of contents in section 1(b) of such Act, are repealed`
    (uslm/114hr644enr_good.xml, Sec. 802(f)): `such sections` are the ones named before it, and
    `such Act` the Act named in the same list."""
    hsa = "the Homeland Security Act of 2002"
    got = parse_instruction(
        f"Sections 416 and 418 of {hsa} (6 U.S.C. 216 and 218), and the items relating to such "
        "sections in the table of contents in section 1(b) of such Act, are repealed.",
        acts=ActIndex(),
    )
    assert got == [
        StrikeProvision(Container(hsa, (("section", "416"),), usc="6 U.S.C. 216 and 218")),
        StrikeProvision(Container(hsa, (("section", "418"),), usc="6 U.S.C. 216 and 218")),
        AmendTableOfContents(Container(hsa), ("section 416", "section 418")),
    ]


def test_convention_of_a_title_holds_in_that_title_only() -> None:
    """`whenever in this title …` holds for the instructions of that title of the bill, and a
    convention naming a title of the Code (`… of title 38, United States Code`) makes a bare
    section a section of that title; outside the title a bare section is refused."""
    convention = (
        "Except as otherwise expressly provided, whenever in this title an amendment or repeal is "
        "expressed in terms of an amendment to, or repeal of, a section or other provision, the "
        "reference shall be considered to be made to a section or other provision of title 38, "
        "United States Code."
    )
    bill = Bill(
        instructions=(
            Instruction(
                "Sec. 101", "Section 1710(a) is amended by striking “x”.", within=("title I",)
            ),
            Instruction(
                "Sec. 201", "Section 1710(b) is amended by striking “y”.", within=("title II",)
            ),
        ),
        freestanding=(Freestanding("Sec. 100", "other", convention, within=("title I",)),),
    )
    assert conventions(bill) == [(("title I",), "title 38, United States Code")]
    first, second = parse_bill(bill)
    assert first.amendments == (Strike(c("38 U.S.C. 1710(a)"), "x"),)
    assert second.error is not None and "section 1710 belongs to" in second.error.message


def test_striking_and_substituting_is_a_strike_and_insert() -> None:
    """H.R. 1068 (113th), Sec. 5(a), a codification bill's conforming amendments: `striking “X”
    and substituting “Y”`."""
    words = (
        "Section 32(e) of the Bankhead-Jones Farm Tenant Act (7 U.S.C. 1011(e)) is amended by "
        "striking “the Land and Water Conservation Fund Act of 1965 (78 Stat. 897)” and "
        "substituting “chapter 2003 of title 54, United States Code”."
    )
    assert parse_instruction(words) == [
        StrikeInsert(
            c("7 U.S.C. 1011(e)"),
            "the Land and Water Conservation Fund Act of 1965 (78 Stat. 897)",
            "chapter 2003 of title 54, United States Code",
        )
    ]


def test_the_heading_for_a_provision() -> None:
    """H.R. 2029 (114th), Div. Q, Sec. 131(b): `The heading for section 42(b)(2) is amended …`."""
    words = (
        "The heading for section 42(b)(2) is amended by striking “Temporary minimum” and "
        "inserting “Minimum”."
    )
    (amendment,) = parse_instruction(words, default="the Internal Revenue Code of 1986")
    assert amendment == StrikeInsert(
        c("26 U.S.C. 42(b)(2)"), "Temporary minimum", "Minimum", scope=Scope.HEADING
    )


def test_as_so_designated_says_nothing_more() -> None:
    """H.R. 3080 (113th), Sec. 1006: `in paragraph (2) (as so designated)—`."""
    words = (
        "Section 5 of the Trade Act of 1974 (19 U.S.C. 2101) is amended— (1) by striking “x” and "
        "inserting “y”; and (2) in subsection (a)(2) (as so designated), by striking “z”."
    )
    assert parse_instruction(words) == [
        StrikeInsert(c("19 U.S.C. 2101"), "x", "y"),
        Strike(c("19 U.S.C. 2101(a)(2)"), "z"),
    ]


def test_a_bare_container_belongs_to_the_bills_convention() -> None:
    """H.R. 1 (115th, Senate), Sec. 14103(b), under `whenever in this title an amendment … of
    the Internal Revenue Code of 1986`: `The table of sections for subpart F of part III of
    subchapter N of chapter 1 is amended …` is the Code's chapter 1."""
    words = (
        "The table of sections for subpart F of part III of subchapter N of chapter 1 is amended "
        "by striking the item relating to section 965."
    )
    (amendment,) = parse_instruction(words, default="the Internal Revenue Code of 1986")
    assert isinstance(amendment, AmendTableOfContents)
    assert amendment.target == Container(
        "the Internal Revenue Code of 1986",
        (("chapter", "1"), ("subchapter", "N"), ("part", "III"), ("subpart", "F")),
    )
    assert amendment.strike == ("section 965",)
    with pytest.raises(InstructionParseError, match="belongs to, found none"):
        parse_instruction(words)


def test_known_as_parenthetical_says_nothing_more() -> None:
    """H.R. 1068 (113th), Sec. 5(d)(19): `the Act of June 22, 1948 (known as the Thye-Blatnik
    Act) (16 U.S.C. 577h(a))`."""
    words = (
        "Section 6(a) of the Act of June 22, 1948 (known as the Thye-Blatnik Act) (16 U.S.C. "
        "577h(a)) is amended by striking “x” and substituting “y”."
    )
    assert parse_instruction(words) == [StrikeInsert(c("16 U.S.C. 577h(a)"), "x", "y")]


def test_citation_never_closed_is_read_closed_and_said() -> None:
    """H.R. 1068 (113th), Sec. 5(d)(23): `(16 U.S.C. 1246(h)(1) is amended` — the bill never
    closes the parenthetical; it is read closed, and the misprint is listed."""
    words = (
        "Section 7(h)(1) of the National Trails System Act (16 U.S.C. 1246(h)(1) is amended by "
        "striking “the Volunteers in the Parks Act of 1969” and substituting “section 102301 of "
        "title 54, United States Code,”."
    )
    assert parse_instruction(words) == [
        StrikeInsert(
            c("16 U.S.C. 1246(h)(1)"),
            "the Volunteers in the Parks Act of 1969",
            "section 102301 of title 54, United States Code,",
        )
    ]
    assert prepare(words).misprints == ("read “(16 U.S.C. 1246(h)(1)” as “(16 U.S.C. 1246(h)(1))”",)


def test_the_matter_before_and_to_read_as_follows_with_a_dash() -> None:
    """H.J. Res. 59 (113th), Div. A, Sec. 703(b)(2) (`in the matter before clause (i)`) and
    Sec. 302 (`is amended to read as follows—`)."""
    words = (
        "Section 4006(a)(3)(F) of the Employee Retirement Income Security Act of 1974 (29 U.S.C. "
        "1306(a)(3)(F)) is amended in the matter before clause (i), by inserting “and before "
        "2013” after “after 2006”."
    )
    assert parse_instruction(words) == [
        Insert(
            c("29 U.S.C. 1306(a)(3)(F)"),
            "and before 2013",
            after="after 2006",
            scope=Scope.CHAPEAU,
        )
    ]
    b = Subsection("b", heading="Payments", content="All payments shall be made.")
    assert parse_instruction(
        "Section 35(b) of the Mineral Leasing Act (30 U.S.C. 191(b)) is amended to read as "
        f"follows— {BLOCK_MARK} .",
        new_matter=[(b,)],
    ) == [AmendToRead(c("30 U.S.C. 191(b)"), b)]


def test_table_of_sections_with_its_history() -> None:
    """H.R. 1 (115th, Senate), Sec. 13520(b): `The table of sections for subpart B of … chapter
    61, as amended by section 13306, is amended by inserting …`."""
    words = (
        "The table of sections for subpart B of part III of subchapter A of chapter 61, as amended "
        "by section 13306, is amended by striking the item relating to section 6050X."
    )
    (amendment,) = parse_instruction(words, default="the Internal Revenue Code of 1986")
    assert isinstance(amendment, AmendTableOfContents)
    assert amendment.strike == ("section 6050X",)


IRC = "the Internal Revenue Code of 1986"


def test_where_the_quoted_words_are_after_them() -> None:
    """H.R. 2029 (114th), Div. Q, Sec. 322(a)(2)(A): `by inserting “X” after “Y” in the matter
    preceding clause (i)`; in two provisions, one insertion in each; `striking “X” after “Y” in
    subsection (a)`."""
    assert parse_instruction(
        "Section 897(c)(1)(A) is amended by inserting “or subsection (k)” after “subparagraph (B)” "
        "in the matter preceding clause (i).",
        default=IRC,
    ) == [
        Insert(
            c("26 U.S.C. 897(c)(1)(A)"),
            "or subsection (k)",
            after="subparagraph (B)",
            scope=Scope.CHAPEAU,
        )
    ]
    assert parse_instruction(
        "Section 45 is amended by inserting “x” after “y” in subsections (a) and (b).", default=IRC
    ) == [Insert(c(f"26 U.S.C. 45({d})"), "x", after="y") for d in "ab"]
    assert parse_instruction(
        "Section 45 is amended by striking “x” after “y” in subsection (a).", default=IRC
    ) == [StrikeInsert(c("26 U.S.C. 45(a)"), "y x", "y")]


def test_the_heading_thereof() -> None:
    """H.R. 2029 (114th), Div. Q, Sec. 126(a): `by striking “…” in the heading thereof and
    inserting “…”`."""
    *_, last = parse_instruction(
        "Section 1202(a)(4) is amended— (1) by striking “and before January 1, 2015”, and (2) by "
        "striking “, 2011, 2012, 2013, and 2014” in the heading thereof and inserting “and "
        "thereafter”.",
        default=IRC,
    )
    assert last == StrikeInsert(
        c("26 U.S.C. 1202(a)(4)"),
        ", 2011, 2012, 2013, and 2014",
        "and thereafter",
        scope=Scope.HEADING,
    )


def test_flush_language_and_commonly_known_as() -> None:
    """H.R. 1 (115th, Senate), Sec. 14212(b)(1)(B): `in the flush language at the end`; H.R. 3080
    (113th), Sec. 4003(b): `the Act of December 22, 1944 (commonly known as the “Flood Control Act
    of 1944”)`."""
    assert parse_instruction(
        "Section 851(b) is amended by striking “section 951(a)(1)(A)(i)” in the flush language at "
        "the end and inserting “section 951(a)(1)(A)”.",
        default=IRC,
    ) == [
        StrikeInsert(
            c("26 U.S.C. 851(b)"),
            "section 951(a)(1)(A)(i)",
            "section 951(a)(1)(A)",
            scope=Scope.CONTINUATION,
        )
    ]
    (amendment,) = parse_instruction(
        "Section 9(f) of the Act of December 22, 1944 (commonly known as the “Flood Control Act of "
        "1944”) (33 U.S.C. 708) is amended by striking “$3,000,000” and inserting “$5,000,000”."
    )
    assert amendment == StrikeInsert(c("33 U.S.C. 708(f)"), "$3,000,000", "$5,000,000")


def test_section_struck_with_its_item_in_the_table() -> None:
    """H.R. 1 (115th, Senate), Sec. 11051(a), 13305(a): `by striking section 71 (and by striking
    the item relating to such section in the table of sections for such part)` — the item of the
    section struck, out of the table of the part the words are in; `such subpart` there is
    refused, not guessed."""
    words = (
        "Part II of subchapter B of chapter 1 is amended by striking section 71 (and by striking "
        "the item relating to such section in the table of sections for such part)."
    )
    part = Container(IRC, (("chapter", "1"), ("subchapter", "B"), ("part", "II")))
    assert parse_instruction(words, default=IRC) == [
        StrikeProvision(c("26 U.S.C. 71")),
        AmendTableOfContents(part, ("section 71",)),
    ]
    with pytest.raises(InstructionParseError, match="expected the subpart the words are in"):
        parse_instruction(words.replace("for such part", "for such subpart"), default=IRC)


def test_ranges_of_roman_numerals_and_doubled_letters() -> None:
    """H.J. Res. 59 (113th), Div. B, Sec. 1204(a): `by redesignating subclauses (III) through (VII)
    as subclauses (I) through (V)`; `clauses (ii) through (v)` are four clauses, not the
    letters ii to v."""
    (_, _, redesignate) = parse_instruction(
        "Section 1923(f)(7)(A)(ii) of the Social Security Act (42 U.S.C. 1396r–4(f)(7)(A)(ii)) is "
        "amended— (i) by striking subclauses (I) and (II); and (ii) by redesignating subclauses "
        "(III) through (VII) as subclauses (I) through (V), respectively."
    )
    base = "42 U.S.C. 1396r–4(f)(7)(A)(ii)"
    assert redesignate == Redesignate(
        tuple(c(f"{base}({d})") for d in ("III", "IV", "V", "VI", "VII")),
        ("I", "II", "III", "IV", "V"),
    )
    clauses = parse_instruction(
        "Section 5(a)(1)(A) of the Trade Act of 1974 (19 U.S.C. 2105(a)(1)(A)) is amended by "
        "redesignating clauses (ii) through (v) as clauses (i) through (iv), respectively."
    )
    assert clauses == [
        Redesignate(
            tuple(c(f"19 U.S.C. 2105(a)(1)(A)({d})") for d in ("ii", "iii", "iv", "v")),
            ("i", "ii", "iii", "iv"),
        )
    ]


def test_the_words_before_a_quotation_and_an_act_name_with_a_dash() -> None:
    """H.J. Res. 59 (113th), Div. A, Sec. 204(a)(1): `striking the comma after the words “social
    security account numbers” and inserting “…”`; H.R. 636 (114th), Sec. 1102(g): `the Vision
    100—Century of Aviation Reauthorization Act`."""
    (amendment,) = parse_instruction(
        "Section 202(x)(3)(B)(i)(I) of the Social Security Act (42 U.S.C. 402(x)(3)(B)(i)(I)) is "
        "amended by striking the comma after the words “social security account numbers” and "
        "inserting “or taxpayer identification numbers”."
    )
    assert amendment == StrikeInsert(
        c("42 U.S.C. 402(x)(3)(B)(i)(I)"),
        "social security account numbers,",
        "social security account numbers or taxpayer identification numbers",
    )
    (amendment,) = parse_instruction(
        "Section 409(d) of the Vision 100—Century of Aviation Reauthorization Act (49 U.S.C. 41731 "
        "note) is amended by striking “July 15, 2016” and inserting “September 30, 2017”."
    )
    assert isinstance(amendment, StrikeInsert)
    assert amendment.target == Container(
        "the Vision 100—Century of Aviation Reauthorization Act",
        (("section", "409"),),
        ("d",),
        "49 U.S.C. 41731 note",
    )


def test_item_of_a_table_amended_to_read() -> None:
    """H.R. 2029 (114th), Div. Q, Sec. 169(b)(3): `The item relating to section 181 in the table
    of sections for part VI of subchapter B of chapter 1 is amended to read as follows: “…”` —
    the item replaced where it is."""
    words = (
        "The item relating to section 181 in the table of sections for part VI of subchapter B of "
        "chapter 1 is amended to read as follows: “Sec. 181. Treatment of certain qualified film "
        "and television and live theatrical productions.”."
    )
    part = Container(IRC, (("chapter", "1"), ("subchapter", "B"), ("part", "VI")))
    assert parse_instruction(words, default=IRC) == [
        AmendTableOfContents(
            part,
            ("section 181",),
            (
                "Sec. 181. Treatment of certain qualified film and television and live "
                "theatrical productions.",
            ),
        )
    ]


def test_table_items_inserted_before_an_item() -> None:
    """H.R. 2029 (114th), Div. Q, Sec. 432(c): `The table of sections for part III of subchapter C
    of chapter 76 is amended by inserting before the item relating to section 7471 the following
    new items:`."""
    words = (
        "The table of sections for part III of subchapter C of chapter 76 is amended by inserting "
        "before the item relating to section 7471 the following new items: “Sec. 7470. "
        "Organization.”."
    )
    part = Container(IRC, (("chapter", "76"), ("subchapter", "C"), ("part", "III")))
    assert parse_instruction(words, default=IRC) == [
        AmendTableOfContents(part, insert=("Sec. 7470. Organization.",), before="section 7471")
    ]


def test_a_block_of_table_items_is_one_item_a_line() -> None:
    """S. 2062 (110th), Sec. 207(b)(3) and H.R. 2029 (114th), Div. Q, Sec. 432(c): one quoted
    block holds several items, GPO opening each line with “ — each is an item; a quotation inside
    an item's words stays."""
    words = (
        "The table of sections for part III of subchapter C of chapter 76 is amended by inserting "
        f"before the item relating to section 7471 the following new items: {BLOCK_MARK} ."
    )
    block = "Sec. 7470. Administration. “Sec. 7470A. Judicial conference."
    (amendment,) = parse_instruction(words, default=IRC, new_matter=[block])
    assert isinstance(amendment, AmendTableOfContents)
    assert amendment.insert == ("Sec. 7470. Administration.", "Sec. 7470A. Judicial conference.")
    assert amendment.before == "section 7471"
    words = (
        "The table of sections for part III of subchapter C of chapter 76 is amended by adding at "
        "the end the following new item: “Sec. 7475. The ‘Buy American’ rule.”."
    )
    (amendment,) = parse_instruction(words, default=IRC)
    assert isinstance(amendment, AmendTableOfContents)
    assert len(amendment.insert) == 1
