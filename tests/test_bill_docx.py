"""The bill as a Word document: congressional form, named styles, line numbers, schema, LibreOffice."""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from billdraft.drafts import Draft, read_draft
from billdraft.errors import DraftError
from billdraft.instructions.render import word_instructions
from billdraft.render.docx.bill import (
    CHARACTER_STYLES,
    STYLES,
    Span,
    add_parser,
    bill_layout,
    chamber_line,
    congress_line,
    enacting_clause,
    run_cli,
    session_line,
    write_bill_docx,
)
from billdraft.render.docx.validate import validate_docx
from billdraft.statute import load
from lo import lo_available, plain_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCHEMAS = SHARED / "schemas" / "ooxml"
KAZAKHSTAN = ROOT / "drafts" / "kazakhstan-pntr.toml"
STATUTES = ROOT / "statutes"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ENACTING = (
    "Be it enacted by the Senate and House of Representatives of the United States of America "
    "in Congress assembled,"
)
LONG_TITLE = (
    "To authorize the extension of nondiscriminatory treatment (normal trade relations "
    "treatment) to the products of Kazakhstan, and for other purposes."
)


@pytest.fixture(scope="module")
def kazakhstan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Draft, Path]:
    draft = read_draft(KAZAKHSTAN)
    path = write_bill_docx(draft, tmp_path_factory.mktemp("bill") / "bill.docx")
    return draft, path


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    document = docx.Document(str(path))
    return [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def _draft(tmp_path: Path, sections: list[str], **bill: str) -> Draft:
    fields = {
        "chamber": '"house"',
        "sponsor": '"Mr. Roe of Utah"',
        "committee": '"Committee on Finance"',
        **bill,
    }
    head = "\n".join(f"{k} = {v}" for k, v in fields.items())
    text = (
        f"[bill]\ncongress = 119\nsession = 1\n{head}\n"
        'long_title = "To do things."\nshort_title = "Things Act"\n\n' + "\n".join(sections)
    )
    path = tmp_path / "draft.toml"
    path.write_text(text, encoding="utf-8")
    return read_draft(path)


def _section(heading: str, text: str) -> str:
    return f'[[section]]\nheading = "{heading}"\ntext = """\n{text}\n"""\n'


# --- the Kazakhstan bill ---------------------------------------------------------------------


def test_kazakhstan_cover_and_opening(kazakhstan: tuple[Draft, Path]) -> None:
    """The cover, `A BILL`, the title and the enacting clause, in order, each in its style."""
    _, path = kazakhstan
    paragraphs = _paragraphs(path)
    assert paragraphs[:15] == [
        ("Bill Number", "H. R. ___"),
        ("Bill Header", "119TH CONGRESS"),
        ("Bill Session", "2D SESSION"),
        ("Bill Cover Title", LONG_TITLE),
        ("Bill Chamber", "IN THE HOUSE OF REPRESENTATIVES"),
        ("Bill Date", "______________, 2026"),  # the draft gives no date: a blank in 2026
        (
            "Bill Sponsor",
            "Mr. Smith of Nebraska (for himself and Ms. Sánchez) introduced the following bill; "
            "which was referred to the Committee on Ways and Means.",
        ),
        ("Bill Type", "A BILL"),
        ("Bill Title", LONG_TITLE),
        ("Bill Enacting Clause", ENACTING),
        ("Bill Section Heading", "SECTION 1. SHORT TITLE."),
        ("Bill Text", "This Act may be cited as the “Kazakhstan Normal Trade Relations Act”."),
        ("Bill Section Heading", "SEC. 2. FINDINGS."),
        ("Bill Text", "Congress finds the following:"),
        (
            "Bill Paragraph",
            "(1) Kazakhstan has been independent since December 16, 1991, and has been a member "
            "of the World Trade Organization since November 30, 2015.",
        ),
    ]


def test_kazakhstan_sections_and_instructions(kazakhstan: tuple[Draft, Path]) -> None:
    """Freestanding subsections by level; the amendatory section is word_instructions' lines."""
    draft, path = kazakhstan
    paragraphs = _paragraphs(path)
    headings = [t for s, t in paragraphs if s == "Bill Section Heading"]
    assert headings == [
        "SECTION 1. SHORT TITLE.",
        "SEC. 2. FINDINGS.",
        "SEC. 3. TERMINATION OF APPLICATION OF TITLE IV OF THE TRADE ACT OF 1974 TO PRODUCTS "
        "OF KAZAKHSTAN.",
        "SEC. 4. EXCEPTION FOR KAZAKHSTAN FROM FREEDOM OF EMIGRATION REQUIREMENTS.",
    ]
    sec3 = paragraphs.index(("Bill Section Heading", headings[2]))
    assert [s for s, _ in paragraphs[sec3 + 1 : sec3 + 5]] == [
        "Bill Subsection",
        "Bill Paragraph",
        "Bill Paragraph",
        "Bill Subsection",
    ]
    assert paragraphs[sec3 + 1][1].startswith(
        "(a) Presidential determinations and extension of nondiscriminatory treatment.—"
        "Notwithstanding any provision of title IV"
    )
    # -- section 4: exactly the instruction billdraft words, the quoted block last --
    (worded,) = word_instructions(draft.sections[-1].amendments, load(STATUTES))
    sec4 = paragraphs.index(("Bill Section Heading", headings[3]))
    tail = paragraphs[sec4 + 1 :]
    assert [t for _, t in tail] == [line.text for line in worded.lines]
    assert [s for s, _ in tail] == [
        "Bill Instruction",
        "Bill Paragraph",
        "Bill Paragraph",
        "Bill Quoted Block",
    ]
    assert tail[0][1] == "Section 402 of the Trade Act of 1974 (19 U.S.C. 2432) is amended—"
    assert tail[-1][1].startswith("“(f) Exception for Kazakhstan.—This section shall not apply")
    assert tail[-1][1].endswith("Kazakhstan Normal Trade Relations Act.”.")


def test_headings_in_small_caps_by_character_style(kazakhstan: tuple[Draft, Path]) -> None:
    """Subsection headings (also in quoted matter) and Members' names use small-caps styles."""
    _, path = kazakhstan
    document = docx.Document(str(path))
    styled = {
        (r.style.name, r.text)
        for p in document.paragraphs
        for r in p.runs
        if r.style is not None and r.style.name.startswith("Bill")
    }
    assert ("Bill Heading Caps", "Termination of application of title IV") in styled
    assert ("Bill Heading Caps", "Exception for Kazakhstan") in styled
    assert ("Bill Member Name", "Smith") in styled
    assert ("Bill Member Name", "Sánchez") in styled
    caps = document.styles["Bill Heading Caps"]
    assert caps.font.small_caps is True


def test_quoted_block_indented_deeper_than_its_instruction(kazakhstan: tuple[Draft, Path]) -> None:
    """The quoted line's indentation is one step past the item that inserts it."""
    _, path = kazakhstan
    document = docx.Document(str(path))
    quoted = next(p for p in document.paragraphs if p.style.name == "Bill Quoted Block")
    item = document.styles["Bill Paragraph"].paragraph_format
    assert quoted.paragraph_format.left_indent is not None
    assert item.left_indent is not None
    assert quoted.paragraph_format.left_indent > item.left_indent


def test_named_styles_defined_and_used(kazakhstan: tuple[Draft, Path]) -> None:
    """Every Bill style is a named style of the document; every body paragraph uses one."""
    _, path = kazakhstan
    document = docx.Document(str(path))
    names = {s.name for s in document.styles}
    assert set(STYLES) | set(CHARACTER_STYLES) <= names
    assert all(p.style.name.startswith("Bill ") for p in document.paragraphs)
    section_heading = document.styles["Bill Section Heading"]
    assert section_heading.font.bold is True
    assert section_heading.paragraph_format.keep_with_next is True


def test_line_numbers_restart_each_page_and_page_numbers(kazakhstan: tuple[Draft, Path]) -> None:
    """lnNumType on the section (restart each page), cover unnumbered, the PAGE field centred in
    the header of every page after the first (as GPO prints), the bill's version in the footer."""
    _, path = kazakhstan
    body = _part(path, "word/document.xml")
    (ln,) = body.findall(".//w:sectPr/w:lnNumType", NS)
    assert ln.get(f"{{{W}}}countBy") == "1"
    assert ln.get(f"{{{W}}}restart") == "newPage"
    pg = body.find(".//w:sectPr/w:pgSz", NS)
    assert pg is not None
    assert (pg.get(f"{{{W}}}w"), pg.get(f"{{{W}}}h")) == ("12240", "15840")  # Letter
    styles = _part(path, "word/styles.xml")

    def suppressed(style_id: str) -> bool:
        found = styles.xpath(
            f"//w:style[@w:styleId='{style_id}']/w:pPr/w:suppressLineNumbers", namespaces=NS
        )
        return bool(found)

    assert suppressed("BillSponsor") and suppressed("BillTitle") and suppressed("BillType")
    assert not suppressed("BillEnactingClause") and not suppressed("BillText")
    with zipfile.ZipFile(path) as z:
        headers = [z.read(n) for n in z.namelist() if n.startswith("word/header")]
        footers = [z.read(n) for n in z.namelist() if n.startswith("word/footer")]
    fields = [
        f.get(f"{{{W}}}instr", "").strip()
        for xml in headers
        for f in etree.fromstring(xml).iter(f"{{{W}}}fldSimple")
    ]
    assert fields == ["PAGE"]
    assert not any(b"fldSimple" in xml for xml in footers)
    assert all("•HR ___ IH" in "".join(etree.fromstring(xml).itertext()) for xml in footers)
    assert body.find(".//w:sectPr/w:titlePg", NS) is not None  # the cover: no page number


def test_bill_validates_against_ecma_376(kazakhstan: tuple[Draft, Path]) -> None:
    """The Kazakhstan bill validates against the WordprocessingML schema."""
    if not SCHEMAS.is_dir():
        pytest.skip(f"../shared/ is absent: {SCHEMAS} does not exist (reference data, not in git)")
    _, path = kazakhstan
    assert validate_docx(path, SCHEMAS) == []


@pytest.mark.skipif(not lo_available(), reason="LibreOffice (soffice + python3-uno) not installed")
def test_opens_in_libreoffice(kazakhstan: tuple[Draft, Path]) -> None:
    """LibreOffice opens the bill; its text has the enacting clause and the quoted block."""
    _, path = kazakhstan
    text = plain_text(path)
    assert ENACTING in text
    assert "SEC. 4. EXCEPTION FOR KAZAKHSTAN" in text
    assert "“(f) Exception for Kazakhstan.—" in text


# --- other bills -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "congress", "session"),
    [
        (1, "1ST CONGRESS", "1ST SESSION"),
        (2, "2D CONGRESS", "2D SESSION"),
        (3, "3D CONGRESS", "3D SESSION"),
        (4, "4TH CONGRESS", "4TH SESSION"),
        (11, "11TH CONGRESS", "11TH SESSION"),
        (12, "12TH CONGRESS", "12TH SESSION"),
        (13, "13TH CONGRESS", "13TH SESSION"),
        (101, "101ST CONGRESS", "101ST SESSION"),
        (112, "112TH CONGRESS", "112TH SESSION"),
        (119, "119TH CONGRESS", "119TH SESSION"),
        (122, "122D CONGRESS", "122D SESSION"),
        (123, "123D CONGRESS", "123D SESSION"),
    ],
)
def test_ordinals_as_gpo_prints_them(n: int, congress: str, session: str) -> None:
    """GPO's ordinals: 1ST, 2D, 3D, 11TH, 122D."""
    assert congress_line(n) == congress
    assert session_line(n) == session


def test_senate_bill_and_several_cosponsors(tmp_path: Path) -> None:
    """S. ___, the Senate's chamber line and referral wording, a series of cosponsors."""
    draft = _draft(
        tmp_path,
        [_section("Purpose", "The purpose of this Act is to do things.")],
        chamber='"senate"',
        sponsor='"Ms. Doe of Ohio"',
        cosponsors='["Mr. Roe", "Mrs. Poe of Iowa", "Dr. Moe"]',
    )
    texts = [p.text for p in bill_layout(draft)]
    assert texts[:3] == ["S. ___", "119TH CONGRESS", "1ST SESSION"]
    assert chamber_line("senate") == "IN THE SENATE OF THE UNITED STATES"
    assert texts[4] == "IN THE SENATE OF THE UNITED STATES"
    assert texts[5] == "______________, 2025"
    assert texts[6] == (
        "Ms. Doe of Ohio (for herself, Mr. Roe, Mrs. Poe of Iowa, and Dr. Moe) introduced the "
        "following bill; which was read twice and referred to the Committee on Finance."
    )
    assert enacting_clause() in texts
    assert texts[-2:] == ["SEC. 2. PURPOSE.", "The purpose of this Act is to do things."]


def test_freestanding_levels_and_continuation(tmp_path: Path) -> None:
    """Subsections, paragraphs, subparagraphs and clauses each in their style; matter following."""
    text = "\n".join(
        [
            "(a) In general.—The Secretary shall—",
            "(1) report on—",
            "(A) imports; and",
            "(B) exports, including—",
            "(i) goods; and",
            "(ii) services;",
            "(2) publish the report,",
            "not later than 90 days after the date of the enactment of this Act.",
            "(b) Definition.—In this section, the term “Secretary” means the Secretary of Commerce.",
        ]
    )
    draft = _draft(tmp_path, [_section("Report", text)])
    path = write_bill_docx(draft, tmp_path / "b.docx")
    paragraphs = _paragraphs(path)
    start = paragraphs.index(("Bill Section Heading", "SEC. 2. REPORT."))
    assert paragraphs[start + 1 :] == [
        ("Bill Subsection", "(a) In general.—The Secretary shall—"),
        ("Bill Paragraph", "(1) report on—"),
        ("Bill Subparagraph", "(A) imports; and"),
        ("Bill Subparagraph", "(B) exports, including—"),
        ("Bill Clause", "(i) goods; and"),
        ("Bill Clause", "(ii) services;"),
        ("Bill Paragraph", "(2) publish the report,"),
        ("Bill Subsection", "not later than 90 days after the date of the enactment of this Act."),
        (
            "Bill Subsection",
            "(b) Definition.—In this section, the term “Secretary” means the Secretary of Commerce.",
        ),
    ]
    document = docx.Document(str(path))
    styles = document.styles
    indents = [
        styles[name].paragraph_format.first_line_indent + styles[name].paragraph_format.left_indent
        for name in ("Bill Subsection", "Bill Paragraph", "Bill Subparagraph", "Bill Clause")
    ]
    assert indents == sorted(indents) and len(set(indents)) == 4
    continuation = document.paragraphs[-2].paragraph_format
    assert continuation.first_line_indent == 0


def test_table_of_contents_when_more_than_five_sections(tmp_path: Path) -> None:
    """Six sections: section 1 is `SHORT TITLE; TABLE OF CONTENTS.` with one entry a section."""
    headings = ["Findings", "Purposes", "Definitions", "Report", "Authorization of appropriations"]
    draft = _draft(tmp_path, [_section(h, f"Text of {h.lower()}.") for h in headings])
    paragraphs = _paragraphs(write_bill_docx(draft, tmp_path / "toc.docx"))
    start = paragraphs.index(("Bill Section Heading", "SECTION 1. SHORT TITLE; TABLE OF CONTENTS."))
    assert paragraphs[start + 1 : start + 10] == [
        ("Bill Subsection", "(a) Short title.—This Act may be cited as the “Things Act”."),
        (
            "Bill Subsection",
            "(b) Table of contents.—The table of contents for this Act is as follows:",
        ),
        ("Bill TOC Entry", "Sec. 1. Short title; table of contents."),
        ("Bill TOC Entry", "Sec. 2. Findings."),
        ("Bill TOC Entry", "Sec. 3. Purposes."),
        ("Bill TOC Entry", "Sec. 4. Definitions."),
        ("Bill TOC Entry", "Sec. 5. Report."),
        ("Bill TOC Entry", "Sec. 6. Authorization of appropriations."),
        ("Bill Section Heading", "SEC. 2. FINDINGS."),
    ]
    assert ("Bill Section Heading", "SEC. 6. AUTHORIZATION OF APPROPRIATIONS.") in paragraphs
    if SCHEMAS.is_dir():
        assert validate_docx(tmp_path / "toc.docx", SCHEMAS) == []


def test_no_table_of_contents_at_five_sections(tmp_path: Path) -> None:
    """Five sections (the short title and four more): no table of contents."""
    draft = _draft(tmp_path, [_section(h, "Text.") for h in ("One", "Two", "Three", "Four")])
    texts = [p.text for p in bill_layout(draft)]
    assert "SECTION 1. SHORT TITLE." in texts
    assert not any(t.startswith("Sec. 1.") for t in texts)


def test_several_instructions_in_a_section_are_subsections(tmp_path: Path) -> None:
    """Amendments to two Code sections in one bill section read (a) … and (b) …."""
    path = tmp_path / "two.toml"
    path.write_text(
        '[bill]\ncongress = 119\nsession = 2\nchamber = "house"\nsponsor = "Mr. Roe"\n'
        'long_title = "To amend."\nshort_title = "Two Act"\n'
        f'statutes = "{STATUTES}"\n\n'
        '[[section]]\nheading = "Amendments"\n'
        '[[section.amendment]]\ntype = "strike_insert"\n'
        'target = "19 U.S.C. 2432(a)"\nstrike = "emigrate"\ninsert = "leave"\neach = true\n'
        '[[section.amendment]]\ntype = "add_at_end"\ntarget = "19 U.S.C. 2433"\n'
        'new = "(z) Sunset.—This section ceases to apply in 2030."\n',
        encoding="utf-8",
    )
    draft = read_draft(path)
    paragraphs = [(p.style, p.text) for p in bill_layout(draft, load(STATUTES))]
    heads = [t for s, t in paragraphs if s == "Bill Instruction"]
    assert [h[:4] for h in heads] == ["(a) ", "(b) "]
    assert heads[0].startswith("(a) Section 402(a) of the Trade Act of 1974")
    assert paragraphs[-1] == (
        "Bill Quoted Block",
        "“(z) Sunset.—This section ceases to apply in 2030.”.",
    )


def test_text_that_is_not_provisions_is_a_draft_error(tmp_path: Path) -> None:
    """Designated text that cannot be laid out names the draft file, section and line."""
    draft = _draft(tmp_path, [_section("Bad", "Lead.\n(a) One.\n(1) two\n(a) again\n(zz9) ?")])
    with pytest.raises(DraftError) as info:
        bill_layout(draft)
    assert Path(str(info.value.path)) == tmp_path / "draft.toml"
    assert info.value.line == 10
    assert "section 2 (Bad)" in str(info.value)


def test_cli_writes_the_bill(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`billdraft bill DRAFT -o bill.docx` through add_parser/run_cli."""
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command"))
    out = tmp_path / "cli.docx"
    args = parser.parse_args(["bill", str(KAZAKHSTAN), "-o", str(out)])
    assert args.func(args) == 0 and args.func is run_cli
    assert "wrote" in capsys.readouterr().out
    assert ("Bill Enacting Clause", ENACTING) in _paragraphs(out)


def test_date_of_introduction_on_the_cover(tmp_path: Path) -> None:
    """A draft's `date` prints before the sponsor line, the month in caps and small caps; a
    quoted date is refused, saying how to write one."""
    from billdraft.errors import DraftError
    from billdraft.render.docx.bill import SMALL_CAPS, date_line

    draft = _draft(tmp_path, [_section("Purpose", "To do things.")], date="2025-01-22")
    paragraphs = bill_layout(draft)
    styles = [p.style for p in paragraphs]
    assert styles.index("Bill Date") == styles.index("Bill Sponsor") - 1
    assert date_line(draft) == (Span("January", SMALL_CAPS), Span(" 22, 2025"))
    with pytest.raises(DraftError, match=r"expected `date` in \[bill\] to be a date"):
        _draft(tmp_path, [_section("Purpose", "To do things.")], date='"2025-01-22"')
