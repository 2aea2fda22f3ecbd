"""Reading real bills (bill DTD XML, USLM 2.x, plain text) and parsing their instructions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from billdraft.amendments import (
    BILL_AMENDMENT_TYPES,
    AddAtEnd,
    AddToContainer,
    AmendTableOfContents,
    Clause,
    Insert,
    NewProvision,
    Paragraph,
    Strike,
    StrikeInsert,
    StrikeProvision,
    outside_target,
)
from billdraft.bills import BLOCK_MARK, read_bill, read_bill_text
from billdraft.cite import Cite, Container
from billdraft.errors import MalformedXMLError, NotUSLMError, XMLInputError
from billdraft.instructions.parse import parse_bill

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BILLS = SHARED / "bills"


def need_shared() -> None:
    if not BILLS.is_dir():
        pytest.skip(f"the reference bills are not available at {BILLS}")


RUSSIA = NewProvision(
    "subparagraph",
    "C",
    "Special rule for Russia",
    children=(
        Clause(
            "i",
            "In general",
            "This subsection shall apply to the Russian Federation during the period described "
            "in clause (ii).",
        ),
        Clause(
            "ii",
            "Period of application",
            chapeau="The period described in this clause with respect to any country is the "
            "period—",
            children=(
                NewProvision(
                    "subclause",
                    "I",
                    content="beginning on the date that is 30 days after the date of the "
                    "enactment of this subparagraph, and",
                ),
                NewProvision(
                    "subclause",
                    "II",
                    content="ending on the date on which the resumption of the application of "
                    "the rates of duty set forth in column 1 of the Harmonized Tariff Schedule of "
                    "the United States to products of that country takes effect pursuant to "
                    "section 4(b) of the Suspending Normal Trade Relations with Russia and "
                    "Belarus Act.",
                ),
            ),
        ),
    ),
)

S327_AMENDMENTS = [
    [AddAtEnd(Cite("26", "901", ("j", "2")), (RUSSIA,))],
    [
        Insert(
            Cite("26", "901", ("j", "3")),
            "The preceding sentence shall not apply to any tax of any country to which "
            "paragraph (2)(C) applies.",
        )
    ],
]


def test_s327_reads_metadata_instructions_and_freestanding() -> None:
    """S. 327: two instructions, a short title and effective dates, with exact new matter."""
    need_shared()
    bill = read_bill(BILLS / "billdtd" / "119_s_327.xml")
    assert (bill.congress, bill.session, bill.number) == ("119th CONGRESS", "2d Session", "S. 327")
    assert bill.title is not None and bill.title.startswith("To amend the Internal Revenue Code")
    assert [i.label for i in bill.instructions] == ["Sec. 2(a)", "Sec. 2(b)"]
    assert bill.instructions[0].text == (
        f"Section 901(j)(2) of the Internal Revenue Code of 1986 is amended by adding at the end "
        f"the following new subparagraph: {BLOCK_MARK}."
    )
    assert bill.instructions[0].new_matter == ((RUSSIA,),)
    assert [(f.label, f.kind) for f in bill.freestanding] == [
        ("Sec. 1", "short title"),
        ("Sec. 2(c)", "effective date"),
    ]


def test_s327_exact_amendments() -> None:
    """S. 327 parses to exactly the amendments its words say."""
    need_shared()
    results = parse_bill(read_bill(BILLS / "billdtd" / "119_s_327.xml"))
    assert [list(r.amendments or ()) for r in results] == S327_AMENDMENTS
    assert [a.label for r in results for a in r.amendments or ()] == ["Sec. 2(a)", "Sec. 2(b)"]


def test_hr7230_exact_amendments_and_reported_misses() -> None:
    """H.R. 7230: the section-level instructions parse exactly; the new section for a subpart and
    the table of sections (which a Cite cannot name) parse into container amendments."""
    need_shared()
    results = parse_bill(read_bill(BILLS / "billdtd" / "119_hr_7230.xml"))
    assert [r.instruction.label for r in results] == [
        "Sec. 2(b)",
        "Sec. 2(c)",
        "Sec. 2(d)",
        "Sec. 2(e)",
    ]
    by_label = {r.instruction.label: r for r in results}
    assert by_label["Sec. 2(c)"].amendments == (
        Strike(Cite("26", "38", ("b", "40")), "plus", at_end=True),
        Strike(Cite("26", "38", ("b", "41")), ".", at_end=True),
        AddAtEnd(
            Cite("26", "38", ("b",)),
            (
                Paragraph(
                    "42",
                    content="the domestic cotton consumption credit determined under section 45BB.",
                ),
            ),
        ),
    )
    assert by_label["Sec. 2(d)"].amendments == (
        AddAtEnd(
            Cite("26", "6418", ("f", "1", "A")),
            (
                Clause(
                    "xii",
                    content="The domestic cotton consumption credit determined under "
                    "section 45BB(a).",
                ),
            ),
        ),
    )
    b, e = by_label["Sec. 2(b)"], by_label["Sec. 2(e)"]
    subpart = Container(
        "the Internal Revenue Code of 1986",
        (("chapter", "1"), ("subchapter", "A"), ("part", "IV"), ("subpart", "D")),
    )
    assert subpart.identifier == "/us/usc/t26/ch1/schA/ptIV/spD"
    assert b.amendments is not None and len(b.amendments) == 1
    add = b.amendments[0]
    assert isinstance(add, AddToContainer) and add.target == subpart and add.after is None
    assert [p.designation for p in add.provisions] == ["45BB"]
    assert e.amendments == (
        AmendTableOfContents(subpart, insert=("Sec. 45BB. Domestic cotton consumption credit.",)),
    )
    # The new section 45BB is carried as structured new matter, text exact.
    section = b.instruction.new_matter[0]
    assert isinstance(section, tuple) and section[0].level == "section"
    assert section[0].designation == "45BB"
    assert [c.designation for c in section[0].children] == ["a", "b", "c", "d", "e"]


def test_uslm_bill_reads_amending_actions_and_quoted_content() -> None:
    """USLM 2.x: instructions from <amendingAction> text, <quotedContent> as provisions."""
    need_shared()
    bill = read_bill(BILLS / "uslm" / "114hr644enr_good.xml")
    assert bill.congress == "114"
    by_label = {i.label: i for i in bill.instructions}
    ins = by_label["Sec. 107"]
    assert ins.text.startswith(
        "Section 411(d) of the Tariff Act of 1930 (19 U.S.C. 1411(d)) is amended— (1) by "
        "redesignating paragraphs (4) through (7) as paragraphs (5) through (8), respectively;"
    )
    block = ins.new_matter[0]
    assert isinstance(block, tuple)
    assert (block[0].level, block[0].designation, block[0].heading) == (
        "paragraph",
        "4",
        "Information technology infrastructure",
    )
    last = block[0].children[-1]
    assert last.content is not None and last.content.endswith("national security.")


def test_every_unparsed_instruction_names_where_it_stopped() -> None:
    """Nothing is dropped: each instruction is parsed or has an error with a stopped-at phrase."""
    need_shared()
    for path in [
        *sorted((BILLS / "billdtd").glob("*.xml")),
        BILLS / "uslm" / "114hr644enr_good.xml",
    ]:
        bill = read_bill(path)
        results = parse_bill(bill)
        assert len(results) == len(bill.instructions)
        for r in results:
            assert (r.amendments is None) != (r.error is None)
            if r.error is not None:
                assert r.error.stopped_at.strip(), (path.name, r.instruction.label)


def test_hr644_outside_the_code_is_structured() -> None:
    """114hr644enr: every amendment to law a Cite cannot name (the Harmonized Tariff Schedule,
    Act sections carried as notes) carries its verb and fields; at least 90% of the
    `<amendingAction>` tags are in instructions parsed that way."""
    need_shared()
    results = parse_bill(read_bill(BILLS / "uslm" / "114hr644enr_good.xml"))
    by_label = {r.instruction.label: r for r in results}
    parsed = [a for r in results for a in r.amendments or ()]
    assert parsed and all(isinstance(a, BILL_AMENDMENT_TYPES) for a in parsed)
    hts = by_label["Sec. 912(c)"].amendments
    assert hts is not None and len(hts) == 24
    assert all(isinstance(a, StrikeProvision) and a.replacement_text for a in hts)
    first = hts[0]
    assert isinstance(first, StrikeProvision)
    chapter = Container("the Harmonized Tariff Schedule of the United States", (("chapter", "62"),))
    assert (first.target, first.through) == (
        chapter.child("subheading", "6201.91.10"),
        chapter.child("subheading", "6201.91.20"),
    )
    assert by_label["Sec. 922(b)"].amendments == (
        StrikeInsert(
            Container(
                "the Internet Tax Freedom Act",
                (("section", "1104"),),
                ("a", "2", "A"),
                "47 U.S.C. 151 note",
            ),
            "October 1, 2015",
            "June 30, 2020",
        ),
    )
    assert any(outside_target(a) is not None for a in parsed)
    tags = sum(r.instruction.actions for r in results)
    ok = sum(r.instruction.actions for r in results if r.parsed)
    assert ok / tags >= 0.90


S327_TEXT = """\
119th CONGRESS
2d Session
S. 327
AN ACT
To amend the Internal Revenue Code of 1986 to deny any foreign tax credit or deduction with respect to taxes paid or accrued to the Russian Federation.

SECTION 1. SHORT TITLE.
This Act may be cited as the ``Hindering Oppressive Nations from Obtaining Revenue Act'' or the ``HONOR Act''.
SEC. 2. DENIAL OF FOREIGN TAX CREDIT WITH RESPECT TO THE RUSSIAN FEDERATION.
(a) In General.--Section 901(j)(2) of the Internal Revenue Code of 1986 is amended by adding at the end the following new subparagraph:
``(C) Special rule for Russia.--
``(i) In general.--This subsection shall apply to the Russian Federation during the period described in clause (ii).
``(ii) Period of application.--The period described in this clause with respect to any country is the period--
``(I) beginning on the date that is 30 days after the date of the enactment of this subparagraph, and
``(II) ending on the date on which the resumption of the application of the rates of duty set forth in column 1 of the Harmonized Tariff Schedule of the United States to products of that country takes effect pursuant to section 4(b) of the Suspending Normal Trade Relations with Russia and Belarus Act.''.
(b) Deduction Denied.--Section 901(j)(3) of such Code is amended by adding at the end the following new sentence: ``The preceding sentence shall not apply to any tax of any country to which paragraph (2)(C) applies.''.
(c) Effective Dates.--
(1) In general.--Except as provided in paragraph (2), the amendments made by this section shall take effect on the date of the enactment of this Act.
"""

CONVENTIONS = {
    "tex": lambda t: t,
    "doubled single": lambda t: t.replace("``", "‘‘").replace("''", "’’"),
    "straight": lambda t: t.replace("``", '"').replace("''", '"'),
    "curly": lambda t: t.replace("``", "“").replace("''", "”").replace("--", "—"),
}


@pytest.mark.parametrize("convention", sorted(CONVENTIONS))
def test_plain_text_parses_like_the_xml(convention: str) -> None:
    """Plain text in each quotation convention parses to the same amendments as the XML."""
    bill = read_bill_text(CONVENTIONS[convention](S327_TEXT))
    assert bill.number == "S. 327"
    assert [i.label for i in bill.instructions] == ["Sec. 2(a)", "Sec. 2(b)"]
    assert [f.kind for f in bill.freestanding] == ["short title", "effective date"]
    results = parse_bill(bill)
    assert [list(r.amendments or ()) for r in results] == S327_AMENDMENTS


def test_doctype_is_allowed_but_entities_are_refused(tmp_path: Path) -> None:
    """A bill DTD DOCTYPE is tolerated (never loaded); entity declarations are refused."""
    ok = tmp_path / "ok.xml"
    ok.write_text(
        '<?xml version="1.0"?><!DOCTYPE bill PUBLIC "-//US Congress//DTDs/bill.dtd//EN" '
        '"http://example.invalid/bill.dtd"><bill><legis-body><section><enum>1.</enum>'
        "<text>Section 2432(a) of title 19, United States Code, is amended by striking "
        "<quote>x</quote>.</text></section></legis-body></bill>",
        encoding="utf-8",
    )
    bill = read_bill(ok)
    assert [i.text for i in bill.instructions] == [
        "Section 2432(a) of title 19, United States Code, is amended by striking “x”."
    ]
    evil = tmp_path / "evil.xml"
    evil.write_text(
        '<?xml version="1.0"?><!DOCTYPE bill [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<bill><legis-body>&x;</legis-body></bill>",
        encoding="utf-8",
    )
    with pytest.raises(XMLInputError):
        read_bill(evil)


def test_bad_inputs_get_typed_errors(tmp_path: Path) -> None:
    """Truncated XML and XML that is not a bill are refused with typed errors."""
    trunc = tmp_path / "t.xml"
    trunc.write_text("<bill><legis-body>", encoding="utf-8")
    with pytest.raises(MalformedXMLError):
        read_bill(trunc)
    other = tmp_path / "o.xml"
    other.write_text("<html/>", encoding="utf-8")
    with pytest.raises(NotUSLMError):
        read_bill(other)


def test_quoted_text_block_ends_before_its_closing_mark() -> None:
    """H.R. 644 Sec. 601(b), 603(b), 802(d)(2): GPO prints the closing mark and the instruction's
    period (`priorities.”.`, `Security”;`) inside the quoted block; they end the quotation and are
    not part of the table's item."""
    need_shared()
    bill = read_bill(BILLS / "uslm" / "114hr644enr_good.xml")
    blocks = [b for i in bill.instructions for b in i.new_matter if isinstance(b, str)]
    assert "Sec. 310. Trade enforcement priorities." in blocks
    assert "Sec. 205. Trade monitoring." in blocks
    assert not [b for b in blocks if re.search(r"”\s*[.;,]\s*(and|or)?\s*$", b)]


def test_margin_notes_and_page_numbers_are_not_words(tmp_path: Path) -> None:
    """An enrolled public law in USLM prints margin notes (`<sidenote>26 USC 9505.</sidenote>`,
    `Expiration date.`) and page numbers (`<page>128 STAT. 1199</page>`) inside the text, in
    instructions and in quoted new matter alike (Pub. L. 113–121): none of them is the law's."""
    ns = "http://schemas.gpo.gov/xml/uslm"
    side = '<sidenote><p class="centered">{}</p></sidenote>'
    doc = tmp_path / "publ.xml"
    doc.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><pLaw xmlns="{ns}"><main><section>'
        '<num value="2102">Sec. 2102.</num><subsection><num value="c">(c)</num><content>'
        "Section 9505(c)(1) of the Internal Revenue Code of 1986"
        + side.format('<ref href="/us/usc/t26/s9505">26 USC 9505</ref>.')
        + " <amendingAction>is amended</amendingAction> by <amendingAction>adding</amendingAction>"
        ' at the end the following:<quotedContent><subparagraph><num value="D">(D)</num>'
        "<content>"
        + side.format("Expiration date.")
        + "The authority expires after the date on which a report is submitted to Congress."
        "<page>128 STAT. 1199</page></content></subparagraph></quotedContent>.</content>"
        "</subsection></section></main></pLaw>",
        encoding="utf-8",
    )
    (ins,) = read_bill(doc).instructions
    assert "USC" not in ins.text
    assert ins.text.startswith("Section 9505(c)(1) of the Internal Revenue Code of 1986 is amended")
    ((new,),) = ins.new_matter
    assert isinstance(new, NewProvision)
    assert new.content == (
        "The authority expires after the date on which a report is submitted to Congress."
    )
