"""Honest reports: nothing is "applied" that did not change the law, a text bill is read or
refused, never an empty success; law that already carries a bill's amendments is "already in
law", checked word for word; the totals add up and `--json` gives the same report as data.

Real bills: H.R. 644 (114th Congress, enrolled), the Trade Facilitation and Trade Enforcement Act
of 2015, against the Title 19 release point in ../shared/uslm (which already carries its 2016
amendments); H.R. 7230 and S. 327 (119th) against the IRC sections in ../shared/uslm/dev-sections.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

from billdraft.amendments import AddAtEnd, Insert, StrikeInsert, Subsection
from billdraft.apply import apply
from billdraft.bill_import import BillReport, Status, add_parser, import_bill, run_cli
from billdraft.cite import Cite
from billdraft.errors import (
    EmptyFileError,
    FileTooLargeError,
    NoInstructionsError,
    NotUTF8Error,
)
from billdraft.inlaw import already_applied, in_law, provision_difference
from billdraft.statute import Statute, load
from billdraft.uslm import USLM_NS

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
USC26 = SHARED / "uslm" / "dev-sections" / "usc26"
HR644 = SHARED / "bills" / "uslm" / "114hr644enr_good.xml"
BILLS = SHARED / "bills" / "billdtd"


def _need(*paths: Path) -> None:
    for p in paths:
        if not p.exists():
            pytest.skip(f"../shared/ is absent: {p} does not exist (reference data)")


def _cli(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="billdraft")
    add_parser(ap.add_subparsers(dest="command", required=True))
    return ap.parse_args(argv)


@pytest.fixture(scope="module")
def hr644(title19: Statute) -> BillReport:
    """H.R. 644 (114th) imported against Title 19."""
    _need(HR644)
    return import_bill(HR644, title19)


# --- never "applied" without a change -----------------------------------------------------------


def test_section_not_loaded_is_not_loaded_never_applied(tmp_path: Path) -> None:
    """A bill amending section 902 of the Internal Revenue Code against a folder holding § 901
    only: the instruction is TARGET NOT LOADED (it printed APPLIED and exited 0 before), the
    reason names the missing section, and the command exits 1."""
    _need(USC26 / "901.xml")
    folder = tmp_path / "statutes"
    folder.mkdir()
    shutil.copy(USC26 / "901.xml", folder / "901.xml")
    bill = tmp_path / "bill.txt"
    bill.write_text(
        "SEC. 2. AMENDMENT.\n(a) In General.—Section 902 of the Internal Revenue Code of 1986 "
        "is amended by striking “foreign” and inserting “overseas”.\n",
        encoding="utf-8",
    )
    report = import_bill(bill, load(folder))
    (r,) = report.instructions
    assert r.status is Status.NOT_LOADED and not report.ok
    (o,) = r.outcomes
    assert o.error is not None and "26 U.S.C. 902" in o.error.message
    assert o.why_not_loaded == "not in the loaded folder: 26 U.S.C. 902"
    assert report.result.changes == ()
    assert run_cli(_cli(["import-bill", str(bill), "--statutes", str(folder)])) == 1


# --- plain-text bills: read, or refused ----------------------------------------------------------


def test_text_with_no_sec_heading_is_read_line_by_line(tmp_path: Path) -> None:
    """An instruction pasted without any `SEC.` heading is read (labelled by its line), with the
    prose around it kept as amending nothing."""
    _need(USC26 / "901.xml")
    bill = tmp_path / "pasted.txt"
    bill.write_text(
        "Here is the change we discussed.\n\n"
        "Section 901(b) of the Internal Revenue Code of 1986 is amended by striking\n"
        "“paragraph (1)” and inserting “paragraph (2)”.\n",
        encoding="utf-8",
    )
    report = import_bill(bill, load(USC26 / "901.xml"))
    (r,) = report.instructions
    assert r.label == "Line 3" and r.amendments
    assert [f.label for f in report.freestanding] == ["Line 1"]


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"", EmptyFileError, "found an empty file"),
        (b"  \n\n \t\n", EmptyFileError, "found an empty file"),
        (b"\xff\xfeS\x00E\x00C\x00", NotUTF8Error, "found byte 0xff at offset 0"),
        (
            b"Dear colleague,\nThis letter explains the bill.\n",
            NoInstructionsError,
            r"found 1 provision\(s\) that amend nothing \(1 other\)",
        ),
        (
            b"SEC. 1. SHORT TITLE.\nThis Act may be cited as the Example Act.\n",
            NoInstructionsError,
            r"found 1 provision\(s\) that amend nothing \(1 short title\)",
        ),
    ],
)
def test_text_bill_with_nothing_to_read_is_refused(
    tmp_path: Path, title19: Statute, content: bytes, error: type[Exception], message: str
) -> None:
    """An empty .txt, one not in UTF-8, prose, or a bill that amends nothing: a typed error
    saying what was expected and found, never “0 instruction(s)” with exit 0."""
    bill = tmp_path / "bill.txt"
    bill.write_bytes(content)
    with pytest.raises(error, match=message):
        import_bill(bill, title19)


def test_text_bill_over_the_size_limit_is_refused(
    tmp_path: Path, title19: Statute, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A .txt bill larger than the readers' limit (64 MB; lowered here) is refused unread."""
    import billdraft.bills as bills

    monkeypatch.setattr(bills, "MAX_BYTES", 1000)
    bill = tmp_path / "big.txt"
    bill.write_text("SEC. 2. X.\n" + "Section 2432 is amended. " * 100, encoding="utf-8")
    with pytest.raises(FileTooLargeError, match=r"at most 1000 bytes, found 2\d{3}"):
        import_bill(bill, title19)


# --- totals and JSON -----------------------------------------------------------------------------


@pytest.mark.parametrize("bill", ["119_hr_7230.xml", "119_s_327.xml"])
def test_totals_add_up_and_json_is_the_same_report(tmp_path: Path, bill: str) -> None:
    """Per-status totals add up to the instructions and per-outcome totals to the amendments;
    `import-bill --json F` writes `to_data()`, the text report's numbers included."""
    _need(BILLS / bill, USC26 / "901.xml")
    out = tmp_path / "report.json"
    args = _cli(["import-bill", str(BILLS / bill), "--statutes", str(USC26), "--json", str(out)])
    code = run_cli(args)
    report = import_bill(BILLS / bill, load(USC26))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(report.to_data()))
    assert sum(data["totals"].values()) == data["instruction_count"] == len(report.instructions)
    assert sum(data["amendment_totals"].values()) == sum(
        len(r["amendments"]) for r in data["instructions"]
    )
    assert code == (0 if data["ok"] else 1)
    text = report.to_text()
    for status, n in data["totals"].items():
        assert f"{n} {status}" in text


def test_json_alone_on_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    """`--json` without a file: the JSON alone on standard output (parseable as is)."""
    _need(BILLS / "119_s_327.xml", USC26 / "901.xml")
    run_cli(_cli(["import-bill", str(BILLS / "119_s_327.xml"), "--statutes", str(USC26), "--json"]))
    data = json.loads(capsys.readouterr().out)
    assert data["instructions"] and set(data["totals"]) == {s.value for s in Status}


# --- already in law: H.R. 644 against a release point that carries it ---------------------------


def test_hr644_every_instruction_ends_with_an_honest_status(hr644: BillReport) -> None:
    """H.R. 644 (114th) vs Title 19 (release point 119-100, which carries its 2016 amendments):
    every instruction is applied, already in law (with the law's own words as evidence), not
    loaded (outside Title 19, uncodified, or needing a whole-title file), or refused with the
    conflict named; none is left not parsed; nothing outside Title 19 is "applied"."""
    report = hr644
    totals = report.totals
    assert sum(totals.values()) == len(report.instructions) == 90
    assert totals[Status.IN_LAW] >= 30
    assert totals[Status.NOT_PARSED] == 0
    for r in report.instructions:
        if r.status is Status.IN_LAW:
            assert all(o.in_law is not None for o in r.outcomes)
            assert any(o.in_law.evidence for o in r.outcomes if o.in_law is not None)
        if r.status is Status.NOT_LOADED:
            if not r.outcomes:  # its subject was read, its verbs not: both are said
                assert r.message and r.message.startswith(
                    ("target not loaded: outside", "target not loaded: uncodified")
                ), r.message
                assert "its amendatory words were not read either" in r.message
            for o in r.outcomes:
                if o.not_loaded:
                    assert o.why_not_loaded is not None
                    assert o.why_not_loaded.startswith(
                        ("outside the loaded titles", "uncodified", "needs a whole-title file")
                    ), o.why_not_loaded
        if r.status is Status.APPLIED:
            changed = {id(ch.amendment) for ch in report.result.changes}
            assert all(id(a) in changed for a in r.amendments)
        if r.status is Status.REFUSED:
            assert r.message or any(o.mark == "refused" and o.error for o in r.outcomes)
    touched = report.result.changed_sections
    assert all(t.startswith("/us/usc/t19/") for t in touched)


def test_hr644_unread_instruction_on_the_tariff_schedule_is_not_loaded(hr644: BillReport) -> None:
    """H.R. 644 Sec. 904(c)(1): “Subchapter I of chapter 98 of the Harmonized Tariff Schedule of
    the United States is amended by inserting in numerical sequence the following new heading:”
    names no place the grammar reads, but what it amends is not in the Code at all: target not
    loaded (uncodified), with the phrase that was not read kept."""
    (r,) = [r for r in hr644.instructions if r.label == "Sec. 904(c)(1)"]
    assert r.status is Status.NOT_LOADED and not r.outcomes
    assert r.message is not None
    assert r.message.startswith("target not loaded: uncodified: the Harmonized Tariff Schedule")
    assert "in numerical sequence" in r.message and r.stopped_at


def test_hr644_history_parenthetical_tagged_as_amending_is_no_instruction(
    hr644: BillReport,
) -> None:
    """H.R. 644 Sec. 605(a): “… section 754(e) of the Tariff Act of 1930 (19 U.S.C. 1675c(e))
    (<amendingAction>repealed</amendingAction> by subtitle F of title VII of the Deficit
    Reduction Act of 2005 …) …” — GPO tags the history of the law cited; the provision amends
    nothing and is read as a freestanding section."""
    assert not [r for r in hr644.instructions if r.label.startswith("Sec. 605")]
    assert [f for f in hr644.bill.freestanding if f.label == "Sec. 605"]


def test_hr644_new_subsection_word_for_word_is_already_in_law(hr644: BillReport) -> None:
    """H.R. 644 § 604(a) adds subsection (h) (the Interagency Trade Enforcement Center) to
    19 U.S.C. 2171: the law's (h) reads as the bill's new matter, its references translated by
    the Code's editors (“section 2171(h) of this title” where the bill has “section 141(h)” are
    allowed only inside <ref>s)."""
    r = next(x for x in hr644.instructions if x.label == "Sec. 604(a)")
    assert r.status is Status.IN_LAW
    (o,) = r.outcomes
    assert o.in_law is not None and "(h)" in o.in_law.found and "word for word" in o.in_law.found


def test_hr644_structure_already_there_is_not_inserted_again(
    hr644: BillReport, title19: Statute
) -> None:
    """H.R. 644 § 906(b) strikes “If imported” in 19 U.S.C. 1313(b) and inserts “(1) In
    general.—If imported”: the law's (b)(1) already reads so, so it is already in law, not
    carried out again (which put a second “(1) In general.—” into (b)(1)'s text)."""
    r = next(x for x in hr644.instructions if x.label == "Sec. 906(b)")
    assert r.status is Status.IN_LAW
    before = title19.provision("19 U.S.C. 1313(b)(1)").content
    assert hr644.result.statute.provision("19 U.S.C. 1313(b)(1)").content == before


def test_hr644_taken_designation_names_how_the_law_differs(hr644: BillReport) -> None:
    """H.R. 644 § 914(a) adds paragraph (14) to 19 U.S.C. 4201(a), but § 914(b) of the same bill
    then changed its end: the law's (14) ends “; and” where § 914(a)'s has “.”, a real conflict
    for § 914(a) on its own, and the report quotes both."""
    r = next(x for x in hr644.instructions if x.label == "Sec. 914(a)")
    assert r.status is Status.REFUSED
    conflict = next(o.conflict for o in r.outcomes if isinstance(o.amendment, AddAtEnd))
    assert conflict is not None and "(14) reads" in conflict and "where the bill has" in conflict


# --- the checks themselves ------------------------------------------------------------------------

NS = "{" + USLM_NS + "}"


def _law(body: str) -> dict[str, etree._Element]:
    sec = etree.fromstring(
        f'<section xmlns="{USLM_NS}" identifier="/us/usc/t19/s9"><num value="9">§ 9.</num>'
        f"{body}</section>"
    )
    return {"/us/usc/t19/s9": sec}


def test_in_law_checks_are_precise() -> None:
    """Struck words gone and inserted words there is in law; inserted words absent is not; a
    lone “5” for “3” is only consistent (no evidence); an insertion whose words already stand
    beside every place its anchor appears would duplicate them."""
    law = _law(
        '<subsection identifier="/us/usc/t19/s9/a"><num value="a">(a)</num><content> within 5 '
        "years after the date of importation and before the claim is filed</content></subsection>"
    )
    a = Cite.parse("19 U.S.C. 9(a)")
    found = in_law(law, StrikeInsert(a, "3 years", "5 years"))
    assert found is not None and found.evidence
    assert in_law(law, StrikeInsert(a, "3 years", "7 years")) is None
    weak = in_law(law, StrikeInsert(a, "3", "5"))
    assert weak is not None and not weak.evidence
    insert = Insert(a, "and before the claim is filed", after="the date of importation")
    assert already_applied(law, insert) is not None
    assert already_applied(law, Insert(a, "or later", after="the date of importation")) is None
    result = apply(Statute(law.values()), [Insert(a, "or later", after="the date of importation")])
    assert "importation or later and" in (result.statute.provision(a).content or "")


def test_translated_reference_reads_as_the_acts_words_only_inside_a_ref() -> None:
    """The Code's “section 2411(c) of this title” (a <ref>) reads as the bill's “section
    301(c)”; the same difference in plain text does not."""
    marked = _law(
        '<subsection identifier="/us/usc/t19/s9/b"><num value="b">(b)</num><content> action '
        'under <ref href="/us/usc/t19/s2411/c">section 2411(c) of this title</ref> to '
        "suspend concessions.</content></subsection>"
    )
    plain = _law(
        '<subsection identifier="/us/usc/t19/s9/b"><num value="b">(b)</num><content> action '
        "under section 2411(c) of this title to suspend concessions.</content></subsection>"
    )
    new = Subsection("b", None, "action under section 301(c) to suspend concessions.")
    assert provision_difference(next(iter(marked.values()))[1], new) is None
    diff = provision_difference(next(iter(plain.values()))[1], new)
    assert diff is not None and "section 2411(c) of this title" in diff


def test_hr644_act_citations_the_code_translated_are_read_through_its_refs(
    hr644: BillReport,
) -> None:
    """H.R. 644 § 914(f) strikes “section 102(b)(16)” and inserts “section 102(b)(17)” (of the
    Bipartisan Congressional Trade Priorities and Accountability Act of 2015) in 19 U.S.C. 4204
    and 4205; § 107 inserts “section 109 of the Trade Facilitation and Trade Enforcement Act of
    2015” in 19 U.S.C. 1411(d)(8). The Code reads “section 4201(b)(17) of this title” and
    “section 4316 of this title”, each a <ref> to the provision the Act-section index maps the
    bill's citation to: already in law, and the finding quotes the Code's words."""
    for label in ("Sec. 914(f)", "Sec. 107"):
        r = next(x for x in hr644.instructions if x.label == label)
        assert r.status is Status.IN_LAW, label
    r = next(x for x in hr644.instructions if x.label == "Sec. 914(f)")
    found = [o.in_law.found for o in r.outcomes if o.in_law is not None]
    assert any(
        "as the Code's editors put it: “section 4201(b)(17) of this title”" in f for f in found
    )


def test_hr644_partly_in_law_instruction_is_not_carried_out_in_part(
    hr644: BillReport, title19: Statute
) -> None:
    """H.R. 644 § 906(k): its new (s)(2)(B) is already in 19 U.S.C. 1313, but the law does not
    read as its other amendment would leave (s)(4): that one is not carried out (the law may carry
    it in other words), and the instruction is refused with a note saying so."""
    r = next(x for x in hr644.instructions if x.label == "Sec. 906(k)")
    assert r.status is Status.REFUSED and r.message and "not carried out" in r.message
    assert not any(o.applied for o in r.outcomes)
    s4 = "19 U.S.C. 1313(s)(4)"
    assert hr644.result.statute.provision(s4).content == title19.provision(s4).content
