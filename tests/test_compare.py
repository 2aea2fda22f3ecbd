"""compare_bills: two versions of a bill aligned, diffed word by word, and applied side by side.

Real data: the two H.R. 1865 documents (the Senate's engrossed amendment and the House's
amendment to it), counts checked by hand once (an lxml count of the `<section>`s outside quoted
matter, and the one section they share, the Senate's SEC. 9 FINANCIAL ASSURANCES, which is
Div. K, SEC. 108 of the House's text) and kept below; S. 2731 changed in known ways; the
Kazakhstan draft and a copy with a section moved (renumbering two) and an instruction changed.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from billdraft import compare_bills
from billdraft.compare import Comparison, read_version
from billdraft.diff import Op
from billdraft.errors import BilldraftError, DraftError, MalformedXMLError, XMLInputError
from billdraft.render.compare_html import to_html
from billdraft.render.docx.compare import write_comparison_docx
from billdraft.render.docx.oxml import accepted_text, rejected_text
from billdraft.statute import Statute, load

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = ROOT / "drafts"
STATUTES = ROOT / "statutes"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
USLM = "{http://schemas.gpo.gov/xml/uslm}"

# -- golden counts, H.R. 1865 (checked by hand: see the module docstring) --
HR1865_EAS_TO_EAH = {
    "old": 2,
    "new": 923,
    "matched": 2,
    "added": 921,
    "struck": 0,
    "moved": 1,
    "renumbered": 1,
    "changed": 2,
    "unchanged": 0,
}


def _view_texts(comparison: Comparison) -> tuple[str, str]:
    """What Accept All and Reject All must leave: NEW's lines and OLD's, in their orders."""
    new = "\n".join(u.text for u in comparison.new.units)
    old = "\n".join(u.text for u in comparison.old.units)
    return new, old


def _oracle(path: Path) -> tuple[str, str]:
    """Accept All and Reject All by the oxml oracle, without the title paragraph."""
    paragraphs = Document(str(path)).element.body.findall(f"{W}p")[1:]
    return accepted_text(paragraphs).rstrip("\n"), rejected_text(paragraphs).rstrip("\n")


def _assert_round_trip(comparison: Comparison, tmp_path: Path, name: str) -> Path:
    path = write_comparison_docx(comparison, tmp_path / f"{name}.docx")
    accepted, rejected = _oracle(path)
    new, old = _view_texts(comparison)
    assert accepted == new
    assert rejected == old
    return path


# --- drafts --------------------------------------------------------------------------------


def _draft_copy(tmp_path: Path, name: str, change: str | None = None, move: bool = False) -> Path:
    """A copy of the Kazakhstan draft: the exception section moved before the termination
    section (renumbering both) and/or the words of its first amendment changed."""
    text = (DRAFTS / "kazakhstan-pntr.toml").read_text(encoding="utf-8")
    text = text.replace('statutes = "../statutes"', f'statutes = "{STATUTES.as_posix()}"')
    head, findings, termination, exception = text.split("[[section]]")
    if change is not None:
        old = 'text = "(other than Kazakhstan)"'
        assert old in exception
        exception = exception.replace(old, change)
    sections = [findings, exception, termination] if move else [findings, termination, exception]
    out = tmp_path / name
    out.write_text(
        head + "".join("[[section]]" + s.rstrip("\n") + "\n\n" for s in sections), "utf-8"
    )
    return out


@pytest.fixture(scope="module")
def law() -> Statute:
    return load(STATUTES)


def test_draft_with_a_section_moved_and_an_instruction_changed(
    tmp_path: Path, law: Statute
) -> None:
    """The exact result: two sections renumbered (one of them counted moved), one word inserted
    in the instruction, and the law under each version differing in those words alone."""
    old = _draft_copy(tmp_path, "old.toml")
    new = _draft_copy(
        tmp_path, "new.toml", 'text = "(other than Kazakhstan or Uzbekistan)"', move=True
    )
    c = compare_bills(old, new, law)
    assert c.counts() == {
        "old": 4,
        "new": 4,
        "matched": 4,
        "added": 0,
        "struck": 0,
        "moved": 1,
        "renumbered": 2,
        "changed": 2,
        "unchanged": 2,
    }
    got = [(p.old.label, p.new.label, p.status, p.how) for p in c.pairs if p.old and p.new]
    assert got == [
        ("Sec. 1", "Sec. 1", "unchanged", "designation"),
        ("Sec. 2", "Sec. 2", "unchanged", "designation"),
        ("Sec. 3", "Sec. 4", "moved", "heading"),
        ("Sec. 4", "Sec. 3", "renumbered", "heading"),
    ]
    assert [(e.role, e.pair.old.label if e.pair.old else None) for e in c.entries] == [
        ("in place", "Sec. 1"),
        ("in place", "Sec. 2"),
        ("from", "Sec. 3"),
        ("in place", "Sec. 4"),
        ("to", "Sec. 3"),
    ]
    exception = c.pairs[3]
    changes = [(e.op, e.text) for e in exception.edits if e.op != Op.EQUAL]
    assert changes == [(Op.DELETE, "4"), (Op.INSERT, "3"), (Op.INSERT, " or Uzbekistan")]
    assert not c.notes
    effect = c.effect
    assert effect is not None
    assert [p.cite for p in effect.provisions] == ["19 U.S.C. 2432"]
    p = effect.provisions[0]
    assert p.under_old is not None and p.under_new is not None and p.current is not None
    assert "(other than Kazakhstan) shall not" in p.under_old
    assert "(other than Kazakhstan or Uzbekistan) shall not" in p.under_new
    assert "(other than" not in p.current
    assert p.difference is not None
    old_labels = {a.label for a in p.old_redline.amendments} if p.old_redline else set()
    new_labels = {a.label for a in p.new_redline.amendments} if p.new_redline else set()
    assert old_labels == {"Sec. 4(1)", "Sec. 4(2)"}
    assert new_labels == {"Sec. 3(1)", "Sec. 3(2)"}
    assert [(x.old.label, x.new.label) for x in effect.pairs if x.old and x.new] == [
        ("Sec. 4", "Sec. 3")
    ]
    assert effect.diverging == ()
    _assert_round_trip(c, tmp_path, "drafts")


def test_an_instruction_refused_in_one_version_is_listed_beside_its_counterpart(
    tmp_path: Path, law: Statute
) -> None:
    """NEW inserts after words the law does not have: refused there, applied in OLD."""
    old = _draft_copy(tmp_path, "old.toml")
    new = _draft_copy(
        tmp_path,
        "new.toml",
        'text = "(other than Kazakhstan)"\nafter = "products from any market economy country"',
    )
    new.write_text(
        new.read_text("utf-8").replace(
            'after = "products from any nonmarket economy country"\n', "", 1
        ),
        "utf-8",
    )
    c = compare_bills(old, new, law)
    assert c.effect is not None
    assert c.effect.totals("old")["applied"] == 1
    assert c.effect.totals("new") == {
        "applied": 0,
        "not parsed": 0,
        "target not loaded": 0,
        "refused": 1,
    }
    (pair,) = c.effect.diverging
    assert pair.old is not None and pair.new is not None
    assert (pair.old.status, pair.new.status) == ("applied", "refused")
    assert any("market economy country" in m for m in pair.new.errors)
    html = to_html(c)
    assert "Instructions that apply in one version and not the other" in html
    assert "refused" in html


def test_a_draft_compares_with_its_own_text_as_a_plain_text_bill(
    tmp_path: Path, law: Statute
) -> None:
    """Any pairing: a draft and the same bill typed as plain text match section for section."""
    draft = _draft_copy(tmp_path, "d.toml")
    version = read_version(draft, law)
    text = tmp_path / "d.txt"
    text.write_text("\n".join(u.text for u in version.units) + "\n", "utf-8")
    c = compare_bills(draft, text, law)
    counts = c.counts()
    assert (counts["matched"], counts["unchanged"], counts["added"], counts["struck"]) == (
        4,
        4,
        0,
        0,
    )
    assert c.effect is not None
    # -- the text bill's instruction is parsed by the grammar; the draft's are its objects --
    assert c.effect.totals("old")["applied"] == 1
    assert c.effect.totals("new")["applied"] == 1
    assert c.effect.provisions[0].difference is None  # both amend the law alike


# --- plain text: renumbering and moves -------------------------------------------------------

_TEXT = """TITLE I—FIRST MATTERS
SEC. 101. DEFINITIONS.
In this title, the term “Secretary” means the Secretary of Commerce.
SEC. 102. REPORT ON TRADE.
(a) In general.—The Secretary shall report on trade with Kazakhstan every year.
(b) Contents.—Each report shall describe exports and imports.
SEC. 103. FUNDING.
There is authorized to be appropriated $1,000,000 for each fiscal year.
TITLE II—OTHER MATTERS
SEC. 201. SENSE OF CONGRESS.
It is the sense of Congress that trade with Central Asia should grow.
"""


def test_text_bills_a_section_inserted_renumbers_those_after_it(tmp_path: Path) -> None:
    """A new SEC. 102 pushes 102 and 103 down: one added, two renumbered, none moved."""
    old = tmp_path / "old.txt"
    old.write_text(_TEXT, "utf-8")
    new_text = _TEXT.replace("SEC. 103. FUNDING.", "SEC. 104. FUNDING.").replace(
        "SEC. 102. REPORT ON TRADE.",
        "SEC. 102. STUDY OF TRANSIT ROUTES.\nThe Secretary shall study transit routes.\n"
        "SEC. 103. REPORT ON TRADE.",
    )
    new = tmp_path / "new.txt"
    new.write_text(new_text, "utf-8")
    c = compare_bills(old, new)
    assert c.counts() == {
        "old": 4,
        "new": 5,
        "matched": 4,
        "added": 1,
        "struck": 0,
        "moved": 0,
        "renumbered": 2,
        "changed": 2,
        "unchanged": 2,
    }
    assert c.counts("title")["matched"] == 2
    (added,) = [p for p in c.pairs if p.status == "added"]
    assert added.new is not None and added.new.label == "Title I, Sec. 102"
    _assert_round_trip(c, tmp_path, "text")


def test_text_bills_a_section_moved_to_another_title(tmp_path: Path) -> None:
    """SEC. 103 taken to title II as SEC. 202 with a changed amount: moved and renumbered."""
    old = tmp_path / "old.txt"
    old.write_text(_TEXT, "utf-8")
    block = "SEC. 103. FUNDING.\nThere is authorized to be appropriated $1,000,000 for each fiscal year.\n"
    new_text = _TEXT.replace(block, "") + block.replace("103", "202").replace(
        "1,000,000", "2,000,000"
    )
    new = tmp_path / "new.txt"
    new.write_text(new_text, "utf-8")
    c = compare_bills(old, new)
    (moved,) = [p for p in c.pairs if p.moved]
    assert moved.old is not None and moved.new is not None
    assert (moved.old.label, moved.new.label) == ("Title I, Sec. 103", "Title II, Sec. 202")
    assert moved.renumbered and moved.changed
    assert [(e.op, e.text) for e in moved.edits if e.op != Op.EQUAL] == [
        (Op.DELETE, "103"),
        (Op.INSERT, "202"),
        (Op.DELETE, "$1,000,000"),
        (Op.INSERT, "$2,000,000"),
    ]
    assert c.counts()["moved"] == 1 and c.counts()["added"] == 0
    _assert_round_trip(c, tmp_path, "moved")


# --- real bills ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples(shared_dir: Path) -> Path:
    return shared_dir / "bills" / "uslm-samples"


@pytest.fixture(scope="module")
def hr1865(samples: Path) -> Comparison:
    return compare_bills(samples / "BILLS-116hr1865eas.xml", samples / "BILLS-116hr1865eah.xml")


def test_hr1865_golden_counts(hr1865: Comparison) -> None:
    """The Senate's amendment (SEC. 9) against the House's whole Act: two sections shared."""
    assert hr1865.counts() == HR1865_EAS_TO_EAH
    assert hr1865.counts("division")["new"] == 17
    assert hr1865.counts("title")["new"] == 89
    assert hr1865.counts("subtitle")["new"] == 18
    assert hr1865.counts("appropriation")["new"] == 1032
    (moved,) = [p for p in hr1865.pairs if p.moved]
    assert moved.old is not None and moved.new is not None
    assert (moved.old.label, moved.new.label) == ("Sec. 9", "Div. K, Sec. 108")
    assert moved.how == "heading" and moved.score > 99
    assert any("few sections matched" in n for n in hr1865.notes)


def test_hr1865_the_other_way_round_strikes_what_was_added(samples: Path) -> None:
    """NEW and OLD swapped: the 921 sections added become 921 struck."""
    c = compare_bills(samples / "BILLS-116hr1865eah.xml", samples / "BILLS-116hr1865eas.xml")
    swapped = dict(HR1865_EAS_TO_EAH, old=923, new=2, added=0, struck=921)
    assert c.counts() == swapped


def test_hr1865_word_comparison_round_trips(hr1865: Comparison, tmp_path: Path) -> None:
    """Accept All gives the House's text, Reject All the Senate's (by the oxml oracle)."""
    _assert_round_trip(hr1865, tmp_path, "hr1865")


def _perturbed_s2731(samples: Path, out: Path) -> Path:
    """S. 2731 with five known changes: SEC. 153 renumbered 154, words changed in SEC. 201,
    SEC. 332 moved to the end of title X, SEC. 572 struck, a SEC. 805 added after SEC. 804."""
    tree = etree.parse(str(samples / "S2731_IPS.XML"))
    sections = {
        s.find(f"{USLM}num").get("value"): s
        for s in tree.iter(f"{USLM}section")
        if s.find(f"{USLM}num") is not None
        and not any(a.tag == f"{USLM}quotedContent" for a in s.iterancestors())
    }
    num = sections["153"].find(f"{USLM}num")
    num.set("value", "154")
    num.text = (num.text or "").replace("153", "154")
    content = next(e for e in sections["201"].iter() if e.text and "2020" in e.text)
    content.text = content.text.replace("2020", "2021", 1)
    moved = sections["332"]
    moved.getparent().remove(moved)
    sections["1084"].addnext(moved)
    struck = sections["572"]
    struck.getparent().remove(struck)
    added = copy.deepcopy(sections["804"])
    for el in added.iter():
        if el.tag == f"{USLM}num":
            el.set("value", "805")
            el.text = "SEC. 805. "
        elif el.tag == f"{USLM}heading":
            el.text = "STUDY OF SUPPLY ROUTES THROUGH CENTRAL ASIA."
            for c in list(el):
                el.remove(c)
    for el in list(added):
        if el.tag not in (f"{USLM}num", f"{USLM}heading"):
            added.remove(el)
    body = etree.SubElement(added, f"{USLM}content")
    body.text = "The Secretary of Defense shall study supply routes through Central Asia."
    sections["804"].addnext(added)
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    return out


def test_s2731_with_known_changes(samples: Path, tmp_path: Path) -> None:
    """Each of the five changes found as what it is, nothing else."""
    new = _perturbed_s2731(samples, tmp_path / "S2731_changed.xml")
    c = compare_bills(samples / "S2731_IPS.XML", new)
    assert c.counts() == {
        "old": 97,
        "new": 97,
        "matched": 96,
        "added": 1,
        "struck": 1,
        "moved": 1,
        "renumbered": 1,
        "changed": 2,
        "unchanged": 94,
    }
    by_status = {
        p.status: (p.old.label if p.old else None, p.new.label if p.new else None)
        for p in c.pairs
        if p.status not in ("unchanged",) and p.kind == "section"
    }
    assert by_status["renumbered"][1] == "Div. A, Title I, Subtitle E, Sec. 154"
    assert by_status["moved"] == (
        "Div. A, Title III, Subtitle C, Sec. 332",
        "Div. A, Title X, Subtitle H, Sec. 332",
    )
    assert by_status["struck"] == ("Div. A, Title V, Sec. 572", None)
    assert by_status["added"] == (None, "Div. A, Title VIII, Sec. 805")
    assert by_status["changed"][0] == "Div. A, Title II, Subtitle A, Sec. 201"
    assert not c.notes
    _assert_round_trip(c, tmp_path, "s2731")


def test_identical_versions_match_everything_unchanged(samples: Path) -> None:
    """Two printings of one text (S. 2731 as placed on the calendar and as introduced)."""
    c = compare_bills(samples / "S2731_IPS.XML", samples / "S2731_RCS.XML")
    counts = c.counts()
    assert counts["matched"] == counts["unchanged"] == counts["old"] == counts["new"] == 97
    assert all(p.status == "unchanged" for p in c.pairs)


def test_unrelated_bills_are_compared_with_a_note(shared_dir: Path, tmp_path: Path) -> None:
    """Two unrelated bill DTD bills: compared all the same, with a note that few matched."""
    dtd = shared_dir / "bills" / "billdtd"
    c = compare_bills(dtd / "119_hr_7230.xml", dtd / "119_s_327.xml")
    assert any("few sections matched" in n for n in c.notes)
    assert "few sections matched" in c.summary()
    _assert_round_trip(c, tmp_path, "unrelated")


def test_a_bill_dtd_bill_and_its_plain_text(shared_dir: Path, tmp_path: Path) -> None:
    """Any pairing: bill DTD XML against the same words as plain text."""
    xml = shared_dir / "bills" / "billdtd" / "119_s_327.xml"
    version = read_version(xml)
    text = tmp_path / "s327.txt"
    text.write_text("\n".join(u.text for u in version.units) + "\n", "utf-8")
    c = compare_bills(xml, text)
    counts = c.counts()
    assert counts["matched"] == counts["old"] == counts["unchanged"] >= 2


# --- bad input and outputs -------------------------------------------------------------------


def test_unreadable_files_raise_the_readers_typed_errors(tmp_path: Path) -> None:
    """A missing file, broken XML, a broken draft and a text bill not in UTF-8."""
    good = tmp_path / "good.txt"
    good.write_text(_TEXT, "utf-8")
    with pytest.raises(XMLInputError, match="expected a readable bill file"):
        compare_bills(tmp_path / "missing.xml", good)
    broken = tmp_path / "broken.xml"
    broken.write_text("<bill><legis-body><section>", "utf-8")
    with pytest.raises(MalformedXMLError):
        compare_bills(good, broken)
    draft = tmp_path / "broken.toml"
    draft.write_text("[bill]\ncongress = 119\n", "utf-8")
    with pytest.raises(DraftError):
        compare_bills(draft, good)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("SEC. 2. CAFÉ.\n".encode("latin-1"))
    with pytest.raises(BilldraftError, match="UTF-8"):
        compare_bills(latin, good)


def test_cli_writes_docx_html_and_json(tmp_path: Path, law: Statute) -> None:
    """`billdraft compare-bills OLD NEW --statutes DIR --docx --html --json`."""
    from billdraft.cli import main

    old = _draft_copy(tmp_path, "old.toml")
    new = _draft_copy(
        tmp_path, "new.toml", 'text = "(other than Kazakhstan or Uzbekistan)"', move=True
    )
    out = tmp_path / "out"
    out.mkdir()
    code = main(
        [
            "compare-bills",
            str(old),
            str(new),
            "--statutes",
            str(STATUTES),
            "--docx",
            str(out / "c.docx"),
            "--html",
            str(out / "c.html"),
            "--json",
            str(out / "c.json"),
        ]
    )
    assert code == 0
    data = json.loads((out / "c.json").read_text("utf-8"))
    assert data["counts"]["section"]["moved"] == 1
    assert data["effect"]["provisions"][0]["cite"] == "19 U.S.C. 2432"
    labels = {
        e[2] for ch in data["effect"]["provisions"][0]["new_changes"] for e in ch["edits"] if e[2]
    }
    assert labels == {"Sec. 3(1)", "Sec. 3(2)"}
    html = (out / "c.html").read_text("utf-8")
    assert "Law under OLD" in html and "Law under NEW" in html
    assert "<b>NEW Sec. 3(1)</b>" in html and "<b>OLD Sec. 4(1)</b>" in html
    assert "moved from OLD Sec. 3" in html
    accepted, rejected = _oracle(out / "c.docx")
    assert "or Uzbekistan" in accepted and "or Uzbekistan" not in rejected


def test_the_most_alike_sections_pair_first(tmp_path: Path) -> None:
    """Sections without headings, alike in their boilerplate: the struck SEC. 101 must not take
    the counterpart of SEC. 103, moved to title II as SEC. 202, because it comes first."""
    a = "There is authorized to be appropriated $1,000,000 for fiscal year 2020 to carry out "
    old = tmp_path / "old.txt"
    old.write_text(
        f"TITLE I—FUNDS\nSEC. 101.\n{a}the rural roads program.\nSEC. 102.\nThe Secretary "
        f"shall report.\nSEC. 103.\n{a}the rural bridges program of the Department.\n"
        "TITLE II—OTHER\nSEC. 201.\nThis title applies everywhere.\n",
        "utf-8",
    )
    new = tmp_path / "new.txt"
    new.write_text(
        "TITLE I—FUNDS\nSEC. 102.\nThe Secretary shall report.\n"
        "TITLE II—OTHER\nSEC. 201.\nThis title applies everywhere.\n"
        f"SEC. 202.\n{a}the rural bridges program of the Department.\n",
        "utf-8",
    )
    c = compare_bills(old, new)
    (moved,) = [p for p in c.pairs if p.moved]
    assert moved.old is not None and moved.new is not None
    assert (moved.old.label, moved.new.label, moved.how) == (
        "Title I, Sec. 103",
        "Title II, Sec. 202",
        "text",
    )
    (struck,) = [p for p in c.pairs if p.status == "struck"]
    assert struck.old is not None and struck.old.label == "Title I, Sec. 101"


def test_a_real_bill_and_a_version_with_one_term_changed_side_by_side(
    shared_dir: Path, tmp_path: Path
) -> None:
    """S. 327 (amends 26 U.S.C. 901) and a version whose new matter says 60 days, not 30: both
    apply; the law under each differs in that word alone, each change noted to its instruction."""
    xml = shared_dir / "bills" / "billdtd" / "119_s_327.xml"
    changed = tmp_path / "s327-60.xml"
    changed.write_text(xml.read_text("utf-8").replace("30 days after", "60 days after"), "utf-8")
    law = load(shared_dir / "uslm" / "dev-sections" / "usc26")
    c = compare_bills(xml, changed, law)
    assert c.counts()["changed"] == 1 and c.counts()["matched"] == 2
    effect = c.effect
    assert effect is not None
    assert effect.totals("old")["applied"] == effect.totals("new")["applied"] == 2
    (p,) = effect.provisions
    assert p.cite == "26 U.S.C. 901"
    assert p.difference is not None
    changes = [(e.op, e.text) for para in p.difference.paragraphs() for _, e in para.pieces if e.op]
    assert changes == [(Op.DELETE, "30"), (Op.INSERT, "60")]
    assert p.new_redline is not None
    assert {a.label for a in p.new_redline.amendments} == {"Sec. 2(a)", "Sec. 2(b)"}
    assert effect.diverging == ()
    html = to_html(c)
    assert "<b>OLD Sec. 2(a)</b>" in html and "<b>NEW Sec. 2(a)</b>" in html


def test_two_different_drafts_without_the_law(law: Statute) -> None:
    """No statute given: drafts are worded against their own `statutes`, no effect is worked
    out, and two drafts that are not one bill get the note."""
    c = compare_bills(DRAFTS / "kazakhstan-pntr.toml", DRAFTS / "section-402-every-amendment.toml")
    assert c.effect is None
    assert c.counts()["matched"] == 1  # the short title
    assert any("few sections matched" in n for n in c.notes)


def test_many_against_many_scores_only_texts_alike_at_an_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above `_FULL_SCORING` unmatched pairs the text pass prefilters by each text's first and
    last words; a moved section is still found."""
    import billdraft.compare as compare

    monkeypatch.setattr(compare, "_FULL_SCORING", 0)
    test_the_most_alike_sections_pair_first(tmp_path)


def test_a_heading_alone_does_not_make_two_sections_one(tmp_path: Path) -> None:
    """A DEFINITIONS section struck from title I and another, unlike it, added to title II."""
    old = tmp_path / "old.txt"
    old.write_text(
        "TITLE I—A\nSEC. 101. DEFINITIONS.\nIn this title, the term “port” means a seaport.\n"
        "SEC. 102. RULE.\nThe Secretary shall issue a rule.\nTITLE II—B\nSEC. 201. STUDY.\n"
        "The Comptroller General shall study tariffs.\n",
        "utf-8",
    )
    new = tmp_path / "new.txt"
    new.write_text(
        "TITLE I—A\nSEC. 102. RULE.\nThe Secretary shall issue a rule.\nTITLE II—B\n"
        "SEC. 201. STUDY.\nThe Comptroller General shall study tariffs.\nSEC. 202. "
        "DEFINITIONS.\nFor purposes of section 201, an “import” includes goods entered for "
        "warehousing or withdrawn from a foreign trade zone.\n",
        "utf-8",
    )
    c = compare_bills(old, new)
    counts = c.counts()
    assert (counts["matched"], counts["added"], counts["struck"], counts["moved"]) == (2, 1, 1, 0)


def test_the_word_comparison_is_valid_wordprocessingml(
    shared_dir: Path, samples: Path, tmp_path: Path, law: Statute
) -> None:
    """The documents validate against the ECMA-376 schemas (comments and revisions included)."""
    from billdraft.render.docx.validate import validate_docx

    old = _draft_copy(tmp_path, "old.toml")
    new = _draft_copy(
        tmp_path, "new.toml", 'text = "(other than Kazakhstan or Uzbekistan)"', move=True
    )
    changed = _perturbed_s2731(samples, tmp_path / "S2731_changed.xml")
    for name, c in (
        ("drafts", compare_bills(old, new, law)),
        ("s2731", compare_bills(samples / "S2731_IPS.XML", changed)),
    ):
        path = write_comparison_docx(c, tmp_path / f"{name}.docx")
        assert validate_docx(path, shared_dir / "schemas" / "ooxml") == [], name
