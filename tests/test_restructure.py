"""Text that becomes structure: an insertion that starts a designation divides the provision,
so the bill's later instructions apply, the USLM stays valid and every word keeps its amendment.

The instructions are read from real bills in ../shared/bills (H.R. 644, 114th Congress, the Trade
Facilitation and Trade Enforcement Act of 2015; H.R. 1865, 116th Congress, engrossed amendment).
Where the provision amended is in ../shared/uslm (19 U.S.C. 58c) the law is built from the real
section, made undivided again with the words the bill strikes; for law outside Title 19 a small
section is built here holding the words the bill quotes (it stands in for the Code's text).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from lxml import etree

from billdraft.amendments import AnyAmendment, Insert, StrikeInsert, Subparagraph
from billdraft.apply import Result, apply
from billdraft.bills import read_bill
from billdraft.cite import ActIndex, Cite
from billdraft.diff import redline
from billdraft.errors import DesignationMismatchError
from billdraft.instructions.parse import parse_bill
from billdraft.statute import Statute, load
from billdraft.uslm import USLM_NS

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
HR644 = SHARED / "bills" / "uslm" / "114hr644enr_good.xml"
HR1865 = SHARED / "bills" / "uslm-samples" / "BILLS-116hr1865eah.xml"
USC19 = SHARED / "uslm" / "usc19"
NS = "{" + USLM_NS + "}"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    """USLM.xsd (USLM 1.0), compiled once."""
    xsd = SHARED / "schemas" / "uslm" / "USLM.xsd"
    if not xsd.is_file():
        pytest.skip(f"../shared/ is absent: {xsd} does not exist (reference data)")
    return etree.XMLSchema(etree.parse(str(xsd)))


def _instruction(bill: Path, label: str, acts: ActIndex) -> list[AnyAmendment]:
    """The amendments of one instruction of a real bill, as the grammar reads them."""
    if not bill.is_file():
        pytest.skip(f"../shared/ is absent: {bill} does not exist (reference data)")
    whole = read_bill(bill)
    one = dataclasses.replace(
        whole, instructions=tuple(i for i in whole.instructions if i.label == label)
    )
    (parsed,) = parse_bill(one, acts=acts)
    assert parsed.error is None and parsed.amendments
    return list(parsed.amendments)


def _section(xml: str) -> Statute:
    return Statute([etree.fromstring(f'<section xmlns="{USLM_NS}" {xml}</section>')])


def _valid(schema: etree.XMLSchema, result: Result, cite: str) -> None:
    doc = etree.fromstring(result.statute.to_xml(cite))
    assert schema.validate(doc), schema.error_log


def _every_change_names_its_amendment(result: Result, amendments: list[AnyAmendment]) -> None:
    ids = {id(a) for a in amendments}
    assert result.changes and all(id(ch.amendment) in ids for ch in result.changes)


def _pieces(html: str) -> list[tuple[str, str, str]]:
    """(tag, amendment number, text) of each <ins>/<del> of a comparative print."""
    found = re.findall(r'<(ins|del)\b[^>]*? data-amendment="(\d+)"[^>]*>(.*?)</\1>', html)
    return [(t, n, re.sub(r"<[^>]+>", "", x)) for t, n, x in found]


# --- a designation opening undivided text -----------------------------------------------------

INSPECTOR = _section(
    'identifier="/us/usc/t44/s3903"><num value="3903">§ 3903.</num>'
    "<heading> Office of the Inspector General</heading>"
    '<subsection identifier="/us/usc/t44/s3903/a"><num value="a">(a)</num>'
    "<content> There is an Office of the Inspector General.</content></subsection>\n"
    '<subsection identifier="/us/usc/t44/s3903/b"><num value="b">(b)</num>'
    "<content> The Inspector General is authorized to select, appoint, and employ such "
    'officers and employees as may be necessary under <ref href="/us/usc/t5/s3109">section '
    "3109 of title 5</ref>.</content></subsection>\n"
)


def test_inserted_paragraph_1_divides_the_subsection(schema: etree.XMLSchema) -> None:
    """H.R. 1865 (116th), Div. P, § 1605(c): “Section 3903(b) of title 44 … is amended— (1) by
    inserting “(1)” before “The Inspector”; (2) in paragraph (1), as so designated, by inserting
    “, without the supervision …,” after “is authorized”; and (3) by adding at the end the
    following: “(2) …” “(3) …”” — all three apply, to the structure each step leaves."""
    amendments = _instruction(HR1865, "Div. P, Sec. 1605(c)", ActIndex())
    result = apply(INSPECTOR, amendments)
    b = result.statute.provision("44 U.S.C. 3903(b)")
    assert b.content is None and [c.designation for c in b.children] == ["1", "2", "3"]
    one = result.statute.provision("44 U.S.C. 3903(b)(1)")
    assert one.content is not None and one.content.startswith(
        "The Inspector General is authorized, without the supervision or approval of any other "
        "employee, office, or other entity within the Government Publishing Office, to select"
    )
    # the reference went with its words
    assert one.element.find(f"{NS}content/{NS}ref").get("href") == "/us/usc/t5/s3109"
    _valid(schema, result, "44 U.S.C. 3903")
    _every_change_names_its_amendment(result, amendments)
    # -- the comparative print: “(1)” new matter of the first amendment, the old words roman,
    #    the inserted words the second's, (2) and (3) the third's --
    pieces = _pieces(redline(result).to_html())
    assert ("ins", "1", "(1)") in pieces
    assert any(t == "ins" and n == "2" and "without the supervision" in x for t, n, x in pieces)
    assert not any("The Inspector General is authorized" in x for _, _, x in pieces)
    assert not any(t == "del" for t, _, _ in pieces)
    assert any(t == "ins" and n == "3" and "Appointments under" in x for t, n, x in pieces)


def test_inserted_subparagraph_after_the_own_designation(schema: etree.XMLSchema) -> None:
    """H.R. 1865 (116th), Div. I, § 409(a): “Section 3(c)(6) of the Export-Import Bank Act of
    1945 (12 U.S.C. 635a(c)(6)) is amended— (1) by inserting “(A)” after “(6)”; and (2) by
    adding at the end the following: “(B)(i) If there is an insufficient number …”” — “(6)” is
    the paragraph's designation, so “(A)” opens its text, and (B) is added beside it."""
    law = _section(
        'identifier="/us/usc/t12/s635a"><num value="635a">§ 635a.</num>'
        '<subsection identifier="/us/usc/t12/s635a/c"><num value="c">(c)</num>'
        '<paragraph identifier="/us/usc/t12/s635a/c/6"><num value="6">(6)</num>'
        "<content> Three members of the Board of Directors shall constitute a quorum."
        "</content></paragraph></subsection>\n"
    )
    amendments = _instruction(HR1865, "Div. I, Sec. 409(a)", ActIndex())
    result = apply(law, amendments)
    six = result.statute.provision("12 U.S.C. 635a(c)(6)")
    assert [c.designation for c in six.children] == ["A", "B"]
    assert result.statute.provision("12 U.S.C. 635a(c)(6)(A)").content == (
        "Three members of the Board of Directors shall constitute a quorum."
    )
    assert result.statute.provision("12 U.S.C. 635a(c)(6)(B)(i)(IV)").content == (
        "The members of the Board of Directors."
    )
    _valid(schema, result, "12 U.S.C. 635a")
    _every_change_names_its_amendment(result, amendments)


def test_subparagraph_a_in_words_the_bill_strikes_with_the_paragraphs_designation(
    schema: etree.XMLSchema,
) -> None:
    """H.R. 644 (114th), § 908: “Section 13031(e)(1) of the Consolidated Omnibus Budget
    Reconciliation Act of 1985 (19 U.S.C. 58c(e)(1)) is amended— (1) by striking “(1)
    Notwithstanding … (other than paragraph (2))” and inserting the following: “(1)(A)
    Notwithstanding … (other than subparagraph (B) and paragraph (2))”; and (2) by adding at the
    end the following: “(B) …””. The law: the real 19 U.S.C. 58c with (e)(1) undivided again,
    in the words the bill strikes."""
    if not (USC19 / "58c.xml").is_file():
        pytest.skip(f"../shared/ is absent: {USC19} does not exist (reference data)")
    real = load(USC19 / "58c.xml")
    amendments = _instruction(HR644, "Sec. 908", real.acts)
    struck = next(a for a in amendments if isinstance(a, StrikeInsert))
    sec = etree.fromstring(real.to_xml("19 U.S.C. 58c"))
    e1 = next(el for el in sec.iter(f"{NS}paragraph") if el.get("identifier", "").endswith("/e/1"))
    a_text = "".join(e1.find(f"{NS}subparagraph/{NS}content").itertext())
    rest = a_text.split("(other than subparagraph (B) and paragraph (2))", 1)[1]
    for kid in [c for c in e1 if c.tag == f"{NS}subparagraph"]:
        e1.remove(kid)
    content = etree.SubElement(e1, f"{NS}content")
    content.text = " " + struck.strike.split(")", 1)[1].strip() + rest
    law = Statute([sec])
    result = apply(law, amendments)
    e1_new = result.statute.provision("19 U.S.C. 58c(e)(1)")
    assert [c.designation for c in e1_new.children] == ["A", "B"]
    a = result.statute.provision("19 U.S.C. 58c(e)(1)(A)").content or ""
    assert a.startswith("Notwithstanding section 451 of the Tariff Act of 1930")
    assert "(other than subparagraph (B) and paragraph (2))" in a
    _valid(schema, result, "19 U.S.C. 58c")
    _every_change_names_its_amendment(result, amendments)


# --- a designation opening a chapeau ----------------------------------------------------------

ADVOCACY = _section(
    'identifier="/us/usc/t15/s634c"><num value="634c">§ 634c.</num>'
    "<heading> Additional duties</heading>"
    "<chapeau> The Office of Advocacy shall—</chapeau>"
    '<paragraph identifier="/us/usc/t15/s634c/1"><num value="1">(1)</num>'
    "<content> examine the role of small business in the economy;</content></paragraph>\n"
    '<paragraph identifier="/us/usc/t15/s634c/2"><num value="2">(2)</num>'
    "<content> assess the effectiveness of existing programs; and</content></paragraph>\n"
    '<paragraph identifier="/us/usc/t15/s634c/3"><num value="3">(3)</num>'
    "<content> measure the direct costs of regulation.</content></paragraph>\n"
)


def test_subsection_a_in_a_section_chapeau_takes_its_paragraphs(schema: etree.XMLSchema) -> None:
    """H.R. 644 (114th), § 502: “Section 203 of Public Law 94–305 (15 U.S.C. 634c) is amended—
    (1) in the matter preceding paragraph (1), by striking “The Office of Advocacy” and
    inserting the following: “(a) In General.—The Office of Advocacy”; and (2) by adding at the
    end the following: “(b) Outreach …”” — the new (a) takes the chapeau's words and the
    paragraphs, and (b) follows it."""
    amendments = _instruction(HR644, "Sec. 502", ActIndex())
    result = apply(ADVOCACY, amendments)
    sec = result.statute.provision("15 U.S.C. 634c")
    assert sec.chapeau is None and [c.designation for c in sec.children] == ["a", "b"]
    a = result.statute.provision("15 U.S.C. 634c(a)")
    assert a.heading == "In General" and a.chapeau == "The Office of Advocacy shall—"
    assert [c.identifier for c in a.children] == [f"/us/usc/t15/s634c/a/{n}" for n in "123"]
    assert result.statute.provision("15 U.S.C. 634c(a)(3)").content == (
        "measure the direct costs of regulation."
    )
    _valid(schema, result, "15 U.S.C. 634c")
    _every_change_names_its_amendment(result, amendments)
    pieces = _pieces(redline(result).to_html())
    # the paragraphs are not struck and put back: they only moved under (a)
    assert not any("examine the role" in x for _, _, x in pieces)
    assert ("ins", "1", "(a)") in pieces
    assert any(t == "ins" and n == "2" and "Outreach" in x for t, n, x in pieces)


def test_chapeau_designation_needs_its_subdivisions_a_level_down() -> None:
    """A subsection (a) opened in a chapeau cannot hold paragraphs that are still the section's
    paragraphs at the wrong level: here (a) would need paragraphs, and it has them, so it works;
    but a paragraph (1) opened in the chapeau of a subsection with paragraphs is refused, saying
    the paragraphs must first be redesignated as subparagraphs."""
    law = _section(
        'identifier="/us/usc/t15/s1"><num value="1">§ 1.</num>'
        '<subsection identifier="/us/usc/t15/s1/a"><num value="a">(a)</num>'
        "<chapeau> The Secretary shall—</chapeau>"
        '<paragraph identifier="/us/usc/t15/s1/a/1"><num value="1">(1)</num>'
        "<content> report;</content></paragraph></subsection>\n"
    )
    a = Cite.parse("15 U.S.C. 1(a)")
    with pytest.raises(DesignationMismatchError, match=r"redesignated a level down"):
        apply(law, [StrikeInsert(a, "The Secretary", "(1) The Secretary", scope="chapeau")])


# --- what is not structure --------------------------------------------------------------------


def test_a_designation_in_a_cross_reference_stays_text() -> None:
    """`by striking “paragraph (2)” and inserting “paragraph (1)”`, or an inserted “(1)” after a
    citation, are words of the text: the provision is not divided."""
    law = _section(
        'identifier="/us/usc/t15/s2"><num value="2">§ 2.</num>'
        '<subsection identifier="/us/usc/t15/s2/a"><num value="a">(a)</num>'
        "<content> Except as provided in paragraph (2) of subsection (c), the duty applies."
        "</content></subsection>\n"
    )
    a = Cite.parse("15 U.S.C. 2(a)")
    result = apply(
        law,
        [
            StrikeInsert(a, "paragraph (2)", "paragraph (1)"),
            Insert(a, "(3)", after="subsection (c)"),
        ],
    )
    p = result.statute.provision("15 U.S.C. 2(a)")
    assert p.children == () and p.content is not None and "paragraph (1)" in p.content
    assert not any(ch.kind == "restructure" for ch in result.changes)


def test_added_subparagraph_to_undivided_paragraph_is_still_refused() -> None:
    """Adding (B) to a paragraph that is undivided text (no “(A)” inserted first) is refused as
    before: nothing makes its text a subparagraph (A)."""
    from billdraft.amendments import AddAtEnd

    law = _section(
        'identifier="/us/usc/t15/s3"><num value="3">§ 3.</num>'
        '<subsection identifier="/us/usc/t15/s3/a"><num value="a">(a)</num>'
        '<paragraph identifier="/us/usc/t15/s3/a/1"><num value="1">(1)</num>'
        "<content> The duty applies.</content></paragraph></subsection>\n"
    )
    with pytest.raises(DesignationMismatchError, match="found only undivided text"):
        apply(law, [AddAtEnd(Cite.parse("15 U.S.C. 3(a)(1)"), (Subparagraph("B", None, "x"),))])


def test_paragraph_1_with_heading_opens_a_real_title_19_subsection(schema: etree.XMLSchema) -> None:
    """H.R. 644 (114th), § 906(b): “Section 313(b) of the Tariff Act of 1930 (19 U.S.C. 1313(b))
    is amended— (1) by striking “If imported” and inserting “(1) In general.—If imported”; … and
    (6) by adding at the end the following: “(2) Merchandise not classifiable …” …”. The law:
    the real 19 U.S.C. 1313 with (b) undivided again (its text: that of today's (b)(1)); the
    strike-and-insert makes (b)(1) with the heading “In general”, and (2)–(4) follow it."""
    if not (USC19 / "1313.xml").is_file():
        pytest.skip(f"../shared/ is absent: {USC19} does not exist (reference data)")
    real = load(USC19 / "1313.xml")
    amendments = [
        a
        for a in _instruction(HR644, "Sec. 906(b)", real.acts)
        if (isinstance(a, StrikeInsert) and a.strike == "If imported")
        or type(a).__name__ == "AddAtEnd"
    ]
    assert len(amendments) == 2
    sec = etree.fromstring(real.to_xml("19 U.S.C. 1313"))
    b = next(el for el in sec.iter(f"{NS}subsection") if el.get("identifier", "").endswith("/b"))
    kids = [c for c in b if c.tag == f"{NS}paragraph"]
    content = kids[0].find(f"{NS}content")
    assert content is not None
    for kid in kids:
        b.remove(kid)
    b.append(content)
    law = Statute([sec])
    result = apply(law, amendments)
    one = result.statute.provision("19 U.S.C. 1313(b)(1)")
    assert one.heading == "In general" and (one.content or "").startswith("If imported")
    assert [c.designation for c in result.statute.provision("19 U.S.C. 1313(b)").children] == [
        "1",
        "2",
        "3",
        "4",
    ]
    _valid(schema, result, "19 U.S.C. 1313")
    _every_change_names_its_amendment(result, amendments)
    pieces = _pieces(redline(result).to_html())
    assert ("ins", "1", "(1)") in pieces
    assert not any(t == "del" and "merchandise" in x for t, _, x in pieces)


def test_subparagraphs_a_level_down_go_under_the_new_subparagraph(schema: etree.XMLSchema) -> None:
    """H.R. 1865 (116th), Div. J, § 805(b)(2): “in paragraph (2)— (A) by redesignating
    subparagraphs (A) and (B) as clauses (i) and (ii), respectively; (B) by inserting “(A)”
    before “Subject to paragraph (3),”; and (C) by adding at the end the following: “(B) Legal
    assistance …””. The grammar does not read this instruction yet, so its three amendments are
    built here from its words and its quoted block; the law (2 U.S.C. 1301(b)(2)) is a stand-in
    holding the words the bill quotes."""
    from billdraft.amendments import AddAtEnd, Redesignate

    if not HR1865.is_file():
        pytest.skip(f"../shared/ is absent: {HR1865} does not exist (reference data)")
    (ins,) = [i for i in read_bill(HR1865).instructions if i.label == "Div. J, Sec. 805(b)"]
    new_b = ins.new_matter[0]
    assert isinstance(new_b, tuple) and new_b[0].designation == "B"
    law = _section(
        'identifier="/us/usc/t2/s1301"><num value="1301">§ 1301.</num>'
        '<subsection identifier="/us/usc/t2/s1301/b"><num value="b">(b)</num>'
        '<paragraph identifier="/us/usc/t2/s1301/b/2"><num value="2">(2)</num>'
        "<chapeau> Subject to paragraph (3), the Office of Congressional Workplace Rights shall "
        "provide assistance to—</chapeau>"
        '<subparagraph identifier="/us/usc/t2/s1301/b/2/A"><num value="A">(A)</num>'
        "<content> the Office of Compliance; and</content></subparagraph>\n"
        '<subparagraph identifier="/us/usc/t2/s1301/b/2/B"><num value="B">(B)</num>'
        "<content> the Library of Congress.</content></subparagraph>\n"
        "</paragraph></subsection>\n"
    )
    two = Cite.parse("2 U.S.C. 1301(b)(2)")
    label = "Div. J, Sec. 805(b)(2)"
    amendments: list[AnyAmendment] = [
        Redesignate((two.child("A"), two.child("B")), ("i", "ii"), label=label),
        Insert(two, "(A)", before="Subject to paragraph (3),", label=label),
        AddAtEnd(two, new_b, label=label),
    ]
    result = apply(law, amendments)
    p2 = result.statute.provision("2 U.S.C. 1301(b)(2)")
    assert p2.chapeau is None and [c.designation for c in p2.children] == ["A", "B"]
    a = result.statute.provision("2 U.S.C. 1301(b)(2)(A)")
    assert a.level == "subparagraph" and (a.chapeau or "").startswith("Subject to paragraph (3)")
    assert [(c.level, c.designation) for c in a.children] == [("clause", "i"), ("clause", "ii")]
    assert result.statute.provision("2 U.S.C. 1301(b)(2)(A)(ii)").content == (
        "the Library of Congress."
    )
    _valid(schema, result, "2 U.S.C. 1301")
    _every_change_names_its_amendment(result, amendments)
    html = redline(result).to_html()
    # the new (A) is new matter of the insertion; the old (A) and (B) are redesignated (i), (ii)
    assert re.search(
        r'<ins\b[^>]*? data-amendment="\d+" title="[^"]*1301\(b\)\(2\), insert “\(A\)” before[^"]*">'
        r'<span class="num"[^>]*>\(A\)</span></ins>',
        html,
    )
    pieces = _pieces(html)
    assert ("del", "2", "(A)") in pieces and ("ins", "2", "(i)") in pieces
    assert not any("Library of Congress" in x for t, _, x in pieces if t == "del")


@pytest.mark.parametrize("case", ["Sec. 502", "Div. P, Sec. 1605(c)"])
def test_word_redline_of_divided_provision_accepts_to_the_new_law(
    case: str, tmp_path: Path
) -> None:
    """The tracked-changes Word redline of a divided provision validates against ECMA-376;
    Accept All gives the amended section, Reject All the section as it was."""
    import docx

    from billdraft.diff import section_text
    from billdraft.render.docx.oxml import accepted_text, rejected_text
    from billdraft.render.docx.redline import write_redline_docx
    from billdraft.render.docx.validate import validate_docx

    schemas = SHARED / "schemas" / "ooxml"
    if not schemas.is_dir():
        pytest.skip(f"../shared/ is absent: {schemas} does not exist (reference data)")
    bill, law = (HR644, ADVOCACY) if case == "Sec. 502" else (HR1865, INSPECTOR)
    result = apply(law, _instruction(bill, case, ActIndex()))
    path = write_redline_docx(redline(result), tmp_path / "r.docx")
    assert validate_docx(path, schemas) == []
    ps = docx.Document(str(path)).element.body.findall(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
    )
    assert accepted_text(ps).rstrip("\n") == section_text(result.statute.sections[0])
    assert rejected_text(ps).rstrip("\n") == section_text(result.original.sections[0])


def test_a_new_subdivision_that_cannot_open_there_is_refused() -> None:
    """Inserted words opening with “(1) In general.—” in a paragraph's text (where a paragraph
    (1) cannot open) are refused, not left as words of the text: H.R. 644 § 906(b)'s first
    amendment aimed at a 19 U.S.C. 1313(b) that is already divided."""
    law = _section(
        'identifier="/us/usc/t19/s9"><num value="9">§ 9.</num>'
        '<subsection identifier="/us/usc/t19/s9/b"><num value="b">(b)</num>'
        '<paragraph identifier="/us/usc/t19/s9/b/1"><num value="1">(1)</num>'
        "<heading> In general</heading><content> If imported merchandise is used.</content>"
        "</paragraph></subsection>\n"
    )
    b = Cite.parse("19 U.S.C. 9(b)")
    with pytest.raises(
        DesignationMismatchError,
        match=r"expected a subparagraph designation to "
        r"open in /us/usc/t19/s9/b/1, found \(1\) In general\.—",
    ):
        apply(law, [StrikeInsert(b, "If imported", "(1) In general.—If imported")])
