"""Amendatory forms of real bills the grammar reads (issue 15, family 3): each case quotes the bill
file in ../shared/bills/ and the section of the bill it comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from billdraft.amendments import (
    AddAtEnd,
    Insert,
    Redesignate,
    StrikeInsert,
    StrikeProvision,
)
from billdraft.bills import Bill, Freestanding, Instruction, read_bill
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
