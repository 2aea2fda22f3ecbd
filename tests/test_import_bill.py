"""Acceptance tests for reading real bills: import_bill, the report, the import-bill command,
plain-text input in every quotation convention, and the render -> parse round trip."""

from __future__ import annotations

import argparse
import copy
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billdraft.amendments import (
    AddAtEnd,
    AddToContainer,
    Amendment,
    AmendSentence,
    AmendTableOfContents,
    Insert,
    NewProvision,
    Scope,
    Strike,
    StrikeInsert,
    StrikeProvision,
    StrikeThrough,
)
from billdraft.apply import apply, sentences
from billdraft.bill_import import Status, add_parser, import_bill, run_cli
from billdraft.bills import BLOCK_MARK, Bill, block_text, read_bill, read_bill_text
from billdraft.cite import ActIndex, ActSection, Cite, Container
from billdraft.errors import TargetNotFoundError, TextNotFoundError
from billdraft.instructions.parse import parse_bill, parse_instruction
from billdraft.statute import Statute, load
from billdraft.uslm import USLM_NS

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BILLS = SHARED / "bills" / "billdtd"
USC26 = SHARED / "uslm" / "dev-sections" / "usc26"
USC19 = SHARED / "uslm" / "usc19"
S327 = BILLS / "119_s_327.xml"
HR7230 = BILLS / "119_hr_7230.xml"


@pytest.fixture(scope="module")
def usc26() -> Statute:
    """The three current IRC sections the 119th-Congress bills amend, from ../shared/."""
    if not (USC26 / "901.xml").is_file() or not S327.is_file():
        pytest.skip(f"../shared/ is absent: {USC26} or {S327} does not exist (reference data)")
    return load(USC26)


def _text(statute: Statute, cite: str) -> str:
    return " ".join(statute.provision(cite).lines())


def _lines(p: NewProvision) -> list[str]:
    """A quoted provision as `Provision.lines()` prints it (designation, heading, text)."""
    head = f" {p.heading}.—" if p.heading else " "
    first = (p.chapeau if p.children else p.content) or ""
    out = [f"({p.designation}){head}{first}".rstrip()]
    for c in p.children:
        out += _lines(c)
    return out


def test_s327_applies_and_matches_the_bills_quoted_matter(usc26: Statute) -> None:
    """S. 327: both instructions apply; the new text is exactly the bill's quoted matter."""
    report = import_bill(S327, usc26)
    assert [r.status for r in report.instructions] == [Status.APPLIED, Status.APPLIED]
    assert report.ok and report.result.ok
    assert [f.kind for f in report.freestanding] == ["short title", "effective date"]
    bill = report.bill
    (block,) = bill.instructions[0].new_matter
    assert isinstance(block, tuple)
    amended = report.result.statute
    got = [" ".join(line.split()) for line in amended.provision("26 U.S.C. 901(j)(2)(C)").lines()]
    assert got == [" ".join(line.split()) for line in _lines(block[0])]
    quoted = re.search(r"“([^”]*)”", bill.instructions[1].text)
    assert quoted is not None
    assert _text(amended, "26 U.S.C. 901(j)(3)").endswith(" " + quoted[1])
    assert _text(usc26, "26 U.S.C. 901(j)(3)") + " " + quoted[1] == _text(
        amended, "26 U.S.C. 901(j)(3)"
    )


def test_hr7230_applies_loaded_targets_and_reports_the_rest(usc26: Statute) -> None:
    """H.R. 7230: the section 38 amendments apply (checked against the quoted matter); the new
    section for subpart D and the table of sections are reported as targets not loaded."""
    report = import_bill(HR7230, usc26)
    by = {r.label: r for r in report.instructions}
    assert sum(report.totals.values()) == len(report.instructions) == 4
    assert by["Sec. 2(c)"].status is Status.APPLIED
    amended = report.result.statute
    block = report.bill.instructions[1].new_matter[0]
    assert isinstance(block, tuple)
    assert amended.provision("26 U.S.C. 38(b)(42)").content == block[0].content
    assert not _text(amended, "26 U.S.C. 38(b)(40)").rstrip().endswith("plus")
    assert not _text(amended, "26 U.S.C. 38(b)(41)").rstrip().endswith(".")
    for label in ("Sec. 2(b)", "Sec. 2(e)"):
        r = by[label]
        assert r.status is Status.NOT_LOADED
        (outcome,) = r.outcomes
        assert outcome.not_loaded and isinstance(outcome.error, TargetNotFoundError)
        assert "/us/usc/t26/ch1/schA/ptIV/spD" in outcome.error.message
        assert "to be loaded" in outcome.error.message
    assert isinstance(by["Sec. 2(b)"].amendments[0], AddToContainer)
    assert isinstance(by["Sec. 2(e)"].amendments[0], AmendTableOfContents)
    assert [f.kind for f in report.freestanding] == ["short title", "purposes", "effective date"]


def test_hr7230_new_clause_conflicts_with_current_law(usc26: Statute) -> None:
    """Current law (release point 119-100) already has 6418(f)(1)(A)(xii), so adding another
    (xii) is refused by apply, with the reason; without it, the clause applies as quoted."""
    report = import_bill(HR7230, usc26)
    r = {r.label: r for r in report.instructions}["Sec. 2(d)"]
    assert r.status is Status.REFUSED
    (outcome,) = r.outcomes
    assert outcome.error is not None and "(xii)" in outcome.error.message
    assert not outcome.not_loaded
    # The law as the bill's drafter read it: no clause (xii) yet.
    sections = [copy.deepcopy(e) for e in usc26.section_elements().values()]
    for sec in sections:
        for el in sec.iter(f"{{{USLM_NS}}}clause"):
            if el.get("identifier") == "/us/usc/t26/s6418/f/1/A/xii":
                el.getparent().remove(el)  # type: ignore[union-attr]
    older = Statute(sections)
    again = {x.label: x for x in import_bill(HR7230, older).instructions}
    assert again["Sec. 2(d)"].status is Status.APPLIED
    block = report.bill.instructions[2].new_matter[0]
    assert isinstance(block, tuple)
    applied = apply(older, [a for a in again["Sec. 2(d)"].amendments if isinstance(a, AddAtEnd)])
    assert applied.statute.provision("26 U.S.C. 6418(f)(1)(A)(xii)").content == block[0].content


def test_report_text_names_every_status(usc26: Statute) -> None:
    """The printed report lists each instruction, its status, and totals that add up."""
    text = import_bill(HR7230, usc26).to_text()
    assert "Sec. 2(b): TARGET NOT LOADED" in text and "Sec. 2(c): APPLIED" in text
    assert "Sec. 2(d): REFUSED" in text
    assert (
        "4 instruction(s): 1 applied, 0 not parsed, 2 target not loaded, 0 already in law, 1 refused"
        in text
    )
    assert "Sec. 1 — Short title: short title" in text


def test_unparsed_instruction_is_reported_with_the_phrase(tmp_path: Path, usc26: Statute) -> None:
    """A plain-text bill with an instruction the grammar cannot read: NOT_PARSED, stopped-at."""
    bill = tmp_path / "bill.txt"
    bill.write_text(
        "SEC. 2. AMENDMENTS.\n"
        "(a) Section 901(j)(3) of the Internal Revenue Code of 1986 is amended by frobnicating "
        "“Sections”.\n"
        "(b) Section 901(j)(3) of the Internal Revenue Code of 1986 is amended by striking "
        "“Sections 275 and 78” and inserting “Sections 275, 78, and 164”.\n",
        encoding="utf-8",
    )
    report = import_bill(bill, usc26)
    first, second = report.instructions
    assert first.status is Status.NOT_PARSED and first.stopped_at is not None
    assert first.stopped_at.startswith("frobnicating")
    assert second.status is Status.APPLIED
    assert report.totals[Status.NOT_PARSED] == 1 and not report.ok


def test_refused_text_is_refused_not_hidden(tmp_path: Path, usc26: Statute) -> None:
    """Text that is not in a loaded section: REFUSED with apply's TextNotFoundError."""
    bill = tmp_path / "bill.txt"
    bill.write_text(
        "SEC. 2. AMENDMENT.\nSection 901(j)(3) of the Internal Revenue Code of 1986 is amended "
        "by striking “no such words”.\n",
        encoding="utf-8",
    )
    (r,) = import_bill(bill, usc26).instructions
    assert r.status is Status.REFUSED
    assert isinstance(r.outcomes[0].error, TextNotFoundError)


def test_outside_the_code_is_target_not_loaded_with_its_amendment(
    tmp_path: Path, usc26: Statute
) -> None:
    """A text amendment to an Act section carried as a note, and to a subheading of the tariff
    schedule: parsed into ordinary amendments on a Container, reported TARGET NOT LOADED with
    apply's TargetNotFoundError; the amendment to a loaded section still applies."""
    bill = tmp_path / "bill.txt"
    bill.write_text(
        "SEC. 2. AMENDMENTS.\n"
        "(a) Section 1101(a) of the Internet Tax Freedom Act (47 U.S.C. 151 note) is amended by "
        "striking “October 1, 2015” and inserting “June 30, 2020”.\n"
        "(b) Subheading 6204.62.40 of the Harmonized Tariff Schedule of the United States is "
        "amended by striking “14.9%” and inserting “Free”.\n"
        "(c) Section 901(j)(3) of the Internal Revenue Code of 1986 is amended by striking "
        "“Sections 275 and 78” and inserting “Sections 275, 78, and 164”.\n",
        encoding="utf-8",
    )
    report = import_bill(bill, usc26)
    first, second, third = report.instructions
    assert first.amendments == (
        StrikeInsert(
            Container(
                "the Internet Tax Freedom Act", (("section", "1101"),), ("a",), "47 U.S.C. 151 note"
            ),
            "October 1, 2015",
            "June 30, 2020",
        ),
    )
    assert second.amendments == (
        StrikeInsert(
            Container(
                "the Harmonized Tariff Schedule of the United States",
                (("subheading", "6204.62.40"),),
            ),
            "14.9%",
            "Free",
        ),
    )
    for r in (first, second):
        assert r.status is Status.NOT_LOADED
        (outcome,) = r.outcomes
        assert outcome.not_loaded and isinstance(outcome.error, TargetNotFoundError)
        assert "to be loaded" in outcome.error.message
    assert third.status is Status.APPLIED
    assert report.totals[Status.NOT_LOADED] == 2
    assert "[not loaded] Sec. 2(b): in subheading 6204.62.40 of the Harmonized" in report.to_text()


def _cli(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="billdraft")
    add_parser(ap.add_subparsers(dest="command", required=True))
    return ap.parse_args(argv)


def test_import_bill_command_writes_outputs_and_sets_exit_code(
    tmp_path: Path, usc26: Statute, capsys: pytest.CaptureFixture[str]
) -> None:
    """`billdraft import-bill`: exit 0 when everything applied, 1 otherwise; HTML and Word out."""
    html, docx = tmp_path / "s327.html", tmp_path / "s327.docx"
    args = _cli(
        [
            "import-bill",
            str(S327),
            "--statutes",
            str(USC26),
            "--html",
            str(html),
            "--redline",
            str(docx),
        ]
    )
    assert run_cli(args) == 0
    assert "Special rule for Russia" in html.read_text(encoding="utf-8")
    assert docx.read_bytes()[:2] == b"PK"
    assert "2 instruction(s): 2 applied" in capsys.readouterr().out
    assert run_cli(_cli(["import-bill", str(HR7230), "--statutes", str(USC26)])) == 1


# --- plain text in every quotation convention ------------------------------------------------


def _as_text(bill: Bill) -> str:
    """A bill written out as plain text, one provision a line, quoted blocks line by line."""
    lines = ["SEC. 2. AMENDMENTS."]
    for ins in bill.instructions:
        des = re.sub(r"^Sec\. \d+", "", ins.label)
        parts = ins.text.split(BLOCK_MARK)
        lines.append(f"{des} {parts[0].strip()}".strip())
        for block, tail in zip(ins.new_matter, parts[1:], strict=True):
            lines += block_text(block).splitlines()
            lines[-1] += tail.strip()
    return "\n".join(lines) + "\n"


CONVENTIONS = {
    "curly": lambda t: t,
    "backticks": lambda t: t.replace("“", "``").replace("”", "''"),
    "single curly pairs": lambda t: t.replace("“", "‘‘").replace("”", "’’"),
    "straight": lambda t: t.replace("“", '"').replace("”", '"'),
}


@pytest.mark.parametrize("bill_file", [S327, HR7230], ids=["s327", "hr7230"])
@pytest.mark.parametrize("convention", list(CONVENTIONS))
def test_plain_text_parses_like_the_xml(usc26: Statute, bill_file: Path, convention: str) -> None:
    """The same bill pasted as plain text, in each quotation convention, parses to the same
    amendments as its XML."""
    xml_bill = read_bill(bill_file)
    from_xml = [p.amendments for p in parse_bill(xml_bill)]
    text = CONVENTIONS[convention](_as_text(xml_bill))
    from_text = [p.amendments for p in parse_bill(read_bill_text(text))]
    assert from_text == from_xml
    assert all(a is not None for a in from_xml)


# --- sentences -------------------------------------------------------------------------------


def test_sentences_skip_abbreviations() -> None:
    """A sentence ends at a period before a capital, not after `U.S.C.` or an initial."""
    text = "See 19 U.S.C. 2432. The Secretary may act. Howard P. Buck shall report."
    assert [text[s:e] for s, e in sentences(text)] == [
        "See 19 U.S.C. 2432.",
        "The Secretary may act.",
        "Howard P. Buck shall report.",
    ]


def test_sentence_amendments_parse_and_apply(usc26: Statute) -> None:
    """`by striking the last sentence and inserting …` and `by inserting after the first sentence`
    parse into AmendSentence, and apply to exactly that sentence."""
    target = Cite("26", "901", ("j", "3"))
    (last,) = parse_instruction(
        "Section 901(j)(3) of the Internal Revenue Code of 1986 is amended by striking the last "
        "sentence and inserting the following: “No deduction shall be allowed.”."
    )
    assert last == AmendSentence(target, -1, True, "No deduction shall be allowed.")
    (after_first,) = parse_instruction(
        "Section 901(j)(3) of the Internal Revenue Code of 1986 is amended by inserting after the "
        "first sentence the following: “Second sentence here.”."
    )
    assert after_first == AmendSentence(target, 1, False, "Second sentence here.")
    before = usc26.provision("26 U.S.C. 901(j)(3)").content or ""
    amended = apply(usc26, [after_first, AmendSentence(target, 1, True, "First replaced.")])
    assert amended.statute.provision("26 U.S.C. 901(j)(3)").content == (
        "First replaced. Second sentence here."
    )
    assert before.endswith("by reason of this subsection.")
    with pytest.raises(TextNotFoundError, match="at least 3 sentence"):
        apply(usc26, [AmendSentence(target, 3)])


def test_containers_name_their_uslm_identifier() -> None:
    """A Container names chapters and subparts the way USLM identifies them."""
    c = Container("title 26, United States Code", (("chapter", "1"), ("subchapter", "A")))
    assert c.identifier == "/us/usc/t26/ch1/schA" and c.title == "26"
    assert (
        str(c.child("part", "IV")) == "part IV of subchapter A of chapter 1 of title 26, "
        "United States Code"
    )
    note = Container(
        "the Trade Act of 2002", (("section", "343"),), ("a", "3"), "19 U.S.C. 2071 note"
    )
    assert note.identifier is None
    assert str(note) == "section 343(a)(3) of the Trade Act of 2002 (19 U.S.C. 2071 note)"


# --- round trip: worded by billdraft, read back by the parser -----------------------------

ACTS = ActIndex([ActSection("93-618", "402", "19", "2432", "IV")], {"93-618": "Trade Act of 1974"})


@pytest.fixture(scope="module")
def sec402() -> Statute:
    """The real 19 U.S.C. 2432."""
    if not (USC19 / "2432.xml").is_file():
        pytest.skip(f"../shared/ is absent: {USC19 / '2432.xml'} does not exist (reference data)")
    return load(USC19 / "2432.xml")


_TARGETS = [
    ("a",),
    ("a", "1"),
    ("a", "2"),
    ("b",),
    ("c",),
    ("c", "1"),
    ("c", "2"),
    ("d",),
    ("d", "1"),
    ("e",),
]
_WORDS = st.lists(
    st.sampled_from(
        [
            "the",
            "President",
            "emigration",
            "country",
            "shall",
            "market",
            "credits",
            "2027",
            "any",
            "nonmarket",
        ]
    ),
    min_size=1,
    max_size=4,
).map(" ".join)


@st.composite
def _amendment(draw: st.DrawFn) -> Amendment:
    target = Cite("19", "2432", draw(st.sampled_from(_TARGETS)))
    kind = draw(
        st.sampled_from(
            ["strike", "strike-insert", "insert-after", "through", "each", "strike-provision"]
        )
    )
    if kind == "strike":
        return Strike(target, draw(_WORDS))
    if kind == "each":
        return StrikeInsert(target, draw(_WORDS), draw(_WORDS), each=True)
    if kind == "strike-insert":
        return StrikeInsert(target, draw(_WORDS), draw(_WORDS))
    if kind == "insert-after":
        return Insert(target, draw(_WORDS), after=draw(_WORDS))
    if kind == "through":
        return StrikeThrough(target, draw(_WORDS), draw(_WORDS))
    if len(target.path) < 2:
        return Strike(target, draw(_WORDS), scope=Scope.TEXT)
    return StrikeProvision(target)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_amendment(), min_size=1, max_size=4))
def test_round_trip_random_amendment_sets(sec402: Statute, amendments: list[Amendment]) -> None:
    """Random amendment sets, worded by `instructions()` and parsed back, are the same objects
    (in the order the bill words them, the order of the provisions)."""
    from billdraft.instructions.order import provision_order
    from billdraft.instructions.render import instructions

    text = instructions(amendments, sec402, acts=ACTS)
    parsed = parse_bill(read_bill_text("SEC. 2. AMENDMENTS.\n" + text), acts=ACTS)
    assert [p.error for p in parsed if p.error is not None] == []
    assert [a for p in parsed for a in p.amendments or ()] == provision_order(amendments)


HR644 = SHARED / "bills" / "uslm" / "114hr644enr_good.xml"


def test_hr644_section_amended_to_read_keeps_its_code_number() -> None:
    """H.R. 644 (114th) amends section 310 of the Trade Act of 1974 (19 U.S.C. 2420) to read as
    follows, quoting “SEC. 310.”: the Code's section stays § 2420 (number and identifiers),
    and the bill's inner quotation marks (‘Trade Representative’) are the law's double ones.
    (The release point already carries it, so `import_bill` reports it already in law; the
    amendment is carried out here by `apply` itself.)"""
    if not HR644.is_file() or not (USC19 / "2420.xml").is_file():
        pytest.skip(f"../shared/ is absent: {HR644} or {USC19} does not exist (reference data)")
    title19 = load(USC19)
    report = import_bill(HR644, title19)
    (ins,) = [r for r in report.instructions if r.label == "Sec. 601(a)"]
    assert ins.status is Status.IN_LAW
    sec = apply(title19, ins.amendments).statute.section("19 U.S.C. 2420")
    assert sec.element.get("identifier") == "/us/usc/t19/s2420"
    assert next(sec.lines()).startswith("§ 2420. TRADE ENFORCEMENT PRIORITIES")
    kids = [c.get("identifier") for c in sec.element if c.get("identifier")]
    assert kids[:5] == [f"/us/usc/t19/s2420/{d}" for d in "abcde"]
    text = " ".join(sec.lines())
    assert "(in this section referred to as the “Trade Representative”)" in text
    assert "‘" not in text and "The term “WTO” means the World Trade Organization." in text


def test_law_quotes_pairs_single_marks_and_leaves_apostrophes() -> None:
    """‘x’ inside quoted matter is the law's “x”; an apostrophe or a lone closing mark stays."""
    from billdraft.bills import law_quotes

    assert law_quotes("the ‘Trade Representative’) and the President’s") == (
        "the “Trade Representative”) and the President’s"
    )
    assert law_quotes("the countries’ ‘WTO’ obligations") == "the countries’ “WTO” obligations"
