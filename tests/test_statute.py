"""Statute and Provision: navigation by citation, exact text, errors, and all of Title 19."""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest
from lxml import etree

import billdraft
from billdraft import (
    CitationError,
    Cite,
    NoSectionsError,
    Provision,
    Statute,
    UnknownCitationError,
)
from billdraft import statute as statute_module
from billdraft.amendments import LEVELS
from billdraft.uslm import USLM_NS, c14n, parse_uslm

REPO = Path(__file__).resolve().parents[1]
STATUTES = REPO / "statutes"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
USC19 = SHARED / "uslm" / "usc19"
USLM_XSD = SHARED / "schemas" / "uslm" / "USLM.xsd"

# Identifiers that occur twice in one section of the real Code (release point 119-100): e.g.
# 19 U.S.C. 1305 has two subsections (b). A lookup returns the first; the later ones (and
# everything below them) cannot round-trip through their citation. A change here is a regression
# (or a new release point): look at the list the failing test prints.
TITLE_19_DUPLICATED = 8

_BLOCKS = ("heading", "chapeau", "content", "continuation")
_PLAIN = etree.XMLParser(resolve_entities=False, no_network=True)


@pytest.fixture(scope="module")
def committed() -> Statute:
    """The committed statutes/ folder (19 U.S.C. 2431–2439); needs nothing outside the repo."""
    return billdraft.load(STATUTES)


@pytest.fixture(scope="session")
def uslm_schema() -> etree.XMLSchema:
    """USLM.xsd, compiled once per session."""
    if not USLM_XSD.is_file():
        pytest.skip(f"../shared/ is absent: {USLM_XSD} does not exist (reference data, not in git)")
    return etree.XMLSchema(etree.parse(str(USLM_XSD)))


def _depth(p: Provision) -> int:
    depth = 0
    up = p.parent
    while up is not None:
        depth += 1
        up = up.parent
    return depth


# --- the Provision API on the committed statutes/ --------------------------------------------


def test_committed_folder_loads_every_file(committed: Statute) -> None:
    """Every section file in statutes/ becomes one section, in file order, with its source path."""
    files = sorted(STATUTES.glob("*.xml"))
    assert len(committed) == len(files) > 0
    assert [committed.sources[s.identifier] for s in committed.sections] == files
    assert committed.title == "19"


def test_section_properties(committed: Statute) -> None:
    """A section: level, designation, num as printed, heading, children, no parent."""
    sec = committed.provision("19 U.S.C. 2432")
    assert sec.level == "section"
    assert sec.identifier == "/us/usc/t19/s2432"
    assert sec.designation == "2432"
    assert sec.num == "§ 2432."
    assert sec.heading == "Freedom of emigration in East-West trade"
    assert sec.raw_text("heading") == " Freedom of emigration in East-West trade"
    assert sec.parent is None
    assert [c.designation for c in sec.children] == ["a", "b", "c", "d", "e"]
    assert all(c.level == "subsection" and c.parent == sec for c in sec.children)
    assert sec.cite == Cite("19", "2432")


def test_subdivision_properties(committed: Statute) -> None:
    """A subsection with chapeau, paragraphs and continuation; a paragraph with content."""
    a = committed.provision("19 U.S.C. 2432(a)")
    assert (a.level, a.designation, a.num) == ("subsection", "a", "(a)")
    assert a.heading is not None and a.heading.startswith("Actions of nonmarket economy countries")
    assert a.chapeau is not None
    assert a.chapeau.startswith("To assure the continued dedication of the United States")
    assert a.chapeau.endswith("such country—")
    assert a.content is None
    assert a.continuation is not None and a.continuation.startswith("and ending on the date")
    assert [c.num for c in a.children] == ["(1)", "(2)", "(3)"]

    p1 = a.children[0]
    assert (p1.level, p1.designation, p1.identifier) == ("paragraph", "1", "/us/usc/t19/s2432/a/1")
    assert p1.content == "denies its citizens the right or opportunity to emigrate;"
    assert p1.heading is None and p1.chapeau is None and p1.continuation is None
    assert p1.children == ()
    assert p1.parent == a
    assert str(p1.cite) == "19 U.S.C. 2432(a)(1)"


def test_levels_follow_the_uslm_hierarchy(committed: Statute) -> None:
    """Every provision's level is one of the eight, and a child is never above its parent."""
    seen = set()
    for p in committed:
        assert p.level in LEVELS
        seen.add(p.level)
        if p.parent is not None:
            assert LEVELS.index(p.level) > LEVELS.index(p.parent.level)
    assert {"section", "subsection", "paragraph", "subparagraph", "clause"} <= seen


def test_text_is_the_whole_operative_text(committed: Statute) -> None:
    """`text` holds designations, headings and blocks of the provision and all below, in order."""
    a = committed.provision("19 U.S.C. 2432(a)")
    lines = a.text.split("\n")
    assert lines[0].startswith("(a) Actions of nonmarket economy countries")
    assert lines[0].endswith(a.chapeau or "")
    assert lines[1:4] == [f"{c.num} {c.content}" for c in a.children]
    assert lines[4] == a.continuation
    sec = committed.provision("19 U.S.C. 2432")
    for p in sec.walk():
        assert p.num in sec.text
        for kind in _BLOCKS:
            value = getattr(p, kind)
            assert value is None or value in sec.text, (p, kind)


def test_source_credit_and_notes_are_apart_from_text(committed: Statute) -> None:
    """Source credit and notes are reachable, never part of the operative text."""
    assert sum(len(sec.notes) for sec in committed.sections) > 10
    for sec in committed.sections:
        credit = sec.source_credit
        assert credit is not None and credit.startswith("(Pub. L. ")
        assert credit not in sec.text
        assert "Pub. L." not in sec.text  # credits and amendment notes cite public laws
        for note in sec.notes:
            assert etree.QName(note).localname == "note"
        headings = [n.findtext(f"{{{USLM_NS}}}heading") for n in sec.notes]
        for heading in filter(None, headings):
            assert heading.strip() not in sec.text.split("\n")
    credit_2432 = committed.provision("19 U.S.C. 2432").source_credit or ""
    assert "Pub. L. 93–618, title IV, § 402" in credit_2432
    assert committed.provision("19 U.S.C. 2432(a)").source_credit is None  # sections carry it


def test_footnotes_are_not_operative_text(committed: Statute) -> None:
    """An OLRC footnote inside a block (mark and note) is apparatus, not the law's words."""
    found = 0
    for p in committed:
        for kind, el in p.blocks():
            notes = el.findall(f".//{{{USLM_NS}}}note")
            for note in notes:
                found += 1
                words = "".join(str(t) for t in note.itertext()).strip()
                assert words not in (p.raw_text(kind) or "")
    assert found > 0  # statutes/ has footnotes (2436, 2439): the case is really exercised


# --- lookup ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ref",
    [
        "19 U.S.C. 2432(a)(1)",
        "19 USC 2432(a)(1)",
        "19 U.S.C. § 2432(a)(1)",
        "/us/usc/t19/s2432/a/1",
        "section 402(a)(1) of the Trade Act of 1974",
        "section 402(a)(1) of the Trade Act of 1974 (19 U.S.C. 2432(a)(1))",
        "section 2432(a)(1) of title 19, United States Code",
    ],
)
def test_lookup_by_every_notation(committed: Statute, ref: str) -> None:
    """Citation, identifier and Act forms all name the same provision."""
    p = committed.provision(ref)
    assert p.identifier == "/us/usc/t19/s2432/a/1"
    assert p == committed.provision(Cite("19", "2432", ("a", "1")))
    assert ref in committed and committed.get(ref) == p


def test_act_form_uses_the_derived_mapping(committed: Statute) -> None:
    """The Act index comes from the loaded sections' source credits plus acts.json names."""
    assert committed.acts.to_usc("Trade Act of 1974", "402") == ("19", "2432")
    for sec in committed.sections:
        found = committed.acts.to_act("19", sec.designation)
        if found is None:
            continue
        name, entry = found
        act_form = f"section {entry.section} of the {name}"
        assert committed.provision(act_form) == sec
        assert f"§ {entry.section}," in (sec.source_credit or "")


@pytest.mark.parametrize("relative", ["(a)(1)", "a/1", "(a) (1)", " (a)(1) "])
def test_relative_lookup(committed: Statute, relative: str) -> None:
    """A section finds its subdivisions by relative designation."""
    sec = committed.provision("19 U.S.C. 2432")
    assert sec.provision(relative) == committed.provision("19 U.S.C. 2432(a)(1)")


def test_relative_lookup_from_a_subdivision(committed: Statute) -> None:
    """Relative designations are below the provision they are asked of."""
    c = committed.provision("19 U.S.C. 2432(c)")
    for child in c.children:
        assert c.provision(f"({child.designation})") == child
        for grandchild in child.children:
            assert c.provision(f"({child.designation})({grandchild.designation})") == grandchild


@pytest.mark.parametrize("bad", ["(a", "a)(1", "", "  ", "(a)x(1)", "a/1)"])
def test_malformed_relative_designation(committed: Statute, bad: str) -> None:
    """A malformed relative designation is a CitationError that says what was expected."""
    with pytest.raises(CitationError, match=r"expected a (relative )?designation"):
        committed.provision("19 U.S.C. 2432").provision(bad)


def test_iteration_is_document_order(committed: Statute) -> None:
    """Iterating a Statute yields every provision of every section in document order."""
    names = {f"{{{USLM_NS}}}{lv}" for lv in LEVELS}
    got = [p.identifier for p in committed]
    expected = []
    for sec in committed.sections:
        tree = etree.parse(str(committed.sources[sec.identifier]), _PLAIN)
        expected += [
            el.get("identifier")
            for el in tree.iter()
            if el.tag in names
            and not any(
                etree.QName(a).localname in ("notes", "quotedContent") for a in el.iterancestors()
            )
        ]
    assert got == expected
    assert len(got) == len(set(got))  # statutes/ has no duplicated identifiers


# --- exact text ------------------------------------------------------------------------------


def test_raw_text_is_exact_and_display_only_collapses_space(committed: Statute) -> None:
    """raw_text keeps every character; the properties are raw text with white space collapsed."""
    for p in committed:
        for kind in _BLOCKS:
            raw = p.raw_text(kind)
            shown = getattr(p, kind)
            if raw is None:
                assert shown is None
                continue
            assert shown == " ".join(raw.split())
            # nothing but white space differs
            assert re.sub(r"\s+", "", raw) == re.sub(r"\s+", "", shown)


@pytest.mark.parametrize("char", ["“", "”", "’", "—"])
def test_typography_survives(committed: Statute, char: str) -> None:
    """Curly quotes, apostrophes and em dashes come through raw and display text unchanged."""
    hits = [(p, kind) for p in committed for kind in _BLOCKS if char in (p.raw_text(kind) or "")]
    assert hits, f"statutes/ should contain {char!r} in operative text"
    for p, kind in hits:
        raw = p.raw_text(kind) or ""
        assert raw.count(char) == (getattr(p, kind) or "").count(char)
        assert char in p.text


def test_inline_date_and_ref_text_survive(committed: Statute) -> None:
    """The words inside inline <date> and <ref> are part of their block's text, in place."""
    checked = 0
    for p in committed:
        for kind, el in p.blocks():
            for inline in el.iter(f"{{{USLM_NS}}}date", f"{{{USLM_NS}}}ref"):
                if inline.get("class") == "footnoteRef":
                    continue
                prev = inline.getprevious()
                before = prev.tail if prev is not None else inline.getparent().text  # type: ignore[union-attr]
                words = "".join(str(t) for t in inline.itertext())
                raw = p.raw_text(kind) or ""
                assert words in raw
                if before:
                    assert before + words in raw
                checked += 1
    assert checked > 10
    a = committed.provision("19 U.S.C. 2432(a)")
    assert "on or after January 3, 1975, products" in (a.chapeau or "")


def test_display_normalisation_is_documented() -> None:
    """The docstrings say which text is display form and how to get the exact characters."""
    doc = statute_module.__doc__ or ""
    assert "display" in doc and "raw_text" in doc and "never changed" in doc
    for name in ("heading", "chapeau", "content", "continuation"):
        prop = getattr(Provision, name)
        assert "display" in (prop.__doc__ or ""), name
    assert "exact" in (Provision.raw_text.__doc__ or "")


def test_reading_never_changes_the_xml(committed: Statute, tmp_path: Path) -> None:
    """After every property has been read, each section still writes back C14N-identical."""
    for p in committed:
        _ = (p.text, p.heading, p.chapeau, p.content, p.continuation, p.num, p.children)
    for sec in committed.sections:
        source = etree.parse(str(committed.sources[sec.identifier]), _PLAIN)
        assert c14n(etree.fromstring(committed.to_xml(sec.cite))) == c14n(source)
    written = committed.write(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in STATUTES.glob("*.xml"))
    for path in written:
        assert c14n(parse_uslm(path)) == c14n(parse_uslm(STATUTES / path.name))


# --- errors ----------------------------------------------------------------------------------


def test_unknown_provision_lists_what_the_parent_has(committed: Statute) -> None:
    """An unknown subdivision names the nearest existing ancestor and its subdivisions."""
    sec = committed.provision("19 U.S.C. 2432")
    have = ", ".join(f"({c.designation})" for c in sec.children)
    with pytest.raises(UnknownCitationError) as info:
        committed.provision("19 U.S.C. 2432(z)")
    assert "19 U.S.C. 2432(z)" in str(info.value)
    assert f"19 U.S.C. 2432 has {have}" in str(info.value)

    a = sec.children[0]
    have = ", ".join(f"({c.designation})" for c in a.children)
    with pytest.raises(UnknownCitationError, match=re.escape(f"{a.cite} has {have}")):
        committed.provision(f"{a.cite}(99)(Z)")
    with pytest.raises(UnknownCitationError, match="no subdivisions"):
        committed.provision(f"{a.children[0].cite}(A)")
    with pytest.raises(UnknownCitationError, match=re.escape(f"{a.cite} has {have}")):
        sec.provision("(a)(77)")


def test_unknown_section_lists_what_is_loaded(committed: Statute) -> None:
    """A section that is not loaded says so and names some loaded sections."""
    with pytest.raises(UnknownCitationError) as info:
        committed.provision("19 U.S.C. 1304(a)")
    message = str(info.value)
    assert "expected a loaded section for 19 U.S.C. 1304(a)" in message
    assert str(committed.sections[0].cite) in message
    assert committed.get("19 U.S.C. 1304") is None
    assert "19 U.S.C. 1304" not in committed


def test_unknown_act_section_and_act(committed: Statute) -> None:
    """An Act form that the derived mapping cannot resolve is an UnknownCitationError."""
    with pytest.raises(UnknownCitationError, match="no loaded section of the Trade Act of 1974"):
        committed.provision("section 999 of the Trade Act of 1974")
    with pytest.raises(UnknownCitationError, match="no Act named"):
        committed.provision("section 402 of the Trade Act of 1875")


def test_loading_an_empty_folder(tmp_path: Path) -> None:
    """An empty folder, or one with no section files, is a NoSectionsError naming the folder."""
    with pytest.raises(NoSectionsError) as info:
        billdraft.load(tmp_path)
    assert info.value.path is not None and str(tmp_path) in str(info.value)
    assert "expected" in str(info.value) and "found none" in str(info.value)
    (tmp_path / "readme.txt").write_text("not xml", encoding="utf-8")
    with pytest.raises(NoSectionsError):
        billdraft.load(tmp_path)
    with pytest.raises(NoSectionsError, match="expected at least one"):
        billdraft.load()
    with pytest.raises(NoSectionsError, match="found nothing there"):
        billdraft.load(tmp_path / "missing")


def test_loading_a_uslm_file_without_sections(tmp_path: Path) -> None:
    """A valid USLM document that holds no Code section is a NoSectionsError."""
    path = tmp_path / "title.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<uscDoc xmlns="{USLM_NS}"><main><title '
        'identifier="/us/usc/t99"><num value="99">Title 99</num></title></main></uscDoc>\n',
        encoding="utf-8",
    )
    with pytest.raises(NoSectionsError, match=r"expected at least one U\.S\. Code <section>"):
        billdraft.load(path)


def test_load_a_single_section_file(committed: Statute) -> None:
    """A single section file loads into a one-section Statute; to_xml() needs no citation then."""
    one = billdraft.load(STATUTES / "2432.xml")
    assert len(one) == 1
    assert (
        one.provision("19 U.S.C. 2432(a)(1)").content
        == committed.provision("19 U.S.C. 2432(a)(1)").content
    )
    assert c14n(etree.fromstring(one.to_xml())) == c14n(parse_uslm(STATUTES / "2432.xml"))
    with pytest.raises(UnknownCitationError, match="expected a citation naming one of"):
        committed.to_xml()


def test_a_section_given_twice_is_refused_unless_it_is_the_same_file(tmp_path: Path) -> None:
    """Two files holding one section: which is the law is unclear, so loading says so, naming
    both; the same file named twice (a folder and a file in it) loads once."""
    from billdraft.errors import DuplicateSectionError

    assert len(billdraft.load(STATUTES, STATUTES / "2432.xml")) == len(billdraft.load(STATUTES))
    copy = tmp_path / "2432-edited.xml"
    copy.write_bytes((STATUTES / "2432.xml").read_bytes())
    with pytest.raises(DuplicateSectionError) as err:
        billdraft.load(STATUTES, copy)
    assert err.value.path == str(copy)
    assert str(err.value) == (
        f"{copy}: expected each section once, found /us/usc/t19/s2432 here and in "
        f"{STATUTES / '2432.xml'} (load one of the two)"
    )


# --- all of Title 19 (../shared) ------------------------------------------------------------


def test_every_title_19_section_loads(title19: Statute) -> None:
    """All 874 section files load, one section each, with the identifiers of their files."""
    files = sorted(USC19.glob("*.xml"))
    assert len(files) == 874
    assert len(title19) == 874
    assert {title19.sources[s.identifier] for s in title19.sections} == set(files)
    for sec in title19.sections:
        assert sec.level == "section"
        assert sec.heading


def test_every_title_19_citation_round_trips(title19: Statute) -> None:
    """For every provision, str(cite) parses back to that provision, except real duplicates."""
    total = 0
    duplicated: list[str] = []
    for p in title19:
        total += 1
        back = title19.provision(str(p.cite))
        if back == p:
            assert title19.provision(p.identifier) == p
            assert Cite.parse(str(p.cite)) == p.cite
            continue
        # A second provision with an identifier already used earlier in its section.
        assert back.identifier == p.identifier
        root = p.element.getroottree().getroot()
        assert back.element.getroottree().getroot() is root
        order = list(root.iter())
        assert order.index(back.element) < order.index(p.element)
        duplicated.append(p.identifier)
    assert total > 14000
    assert len(duplicated) == TITLE_19_DUPLICATED, duplicated
    counts = collections.Counter(p.identifier for p in title19)
    assert sum(n - 1 for n in counts.values()) == TITLE_19_DUPLICATED
    assert "/us/usc/t19/s1305/b" in duplicated


def test_every_title_19_section_writes_back_identically_and_validates(
    title19: Statute, uslm_schema: etree.XMLSchema
) -> None:
    """to_xml of each section is C14N-identical to the official file and valid USLM."""
    failures = []
    for sec in title19.sections:
        source = title19.sources[sec.identifier]
        reference = etree.parse(str(source), _PLAIN)  # trusted data: what a plain parse sees
        written = title19.to_xml(sec.cite)
        assert written.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
        doc = etree.fromstring(written, _PLAIN)
        if c14n(doc) != c14n(reference):
            failures.append(f"{source.name}: not C14N-identical")
        if not uslm_schema.validate(doc):
            failures.append(f"{source.name}: {str(uslm_schema.error_log).splitlines()[-1]}")
    assert failures == []


def test_title_19_text_blocks_are_exact(title19: Statute) -> None:
    """Across the title, display text differs from raw text only in white space."""
    for p in title19:
        for kind in _BLOCKS:
            raw = p.raw_text(kind)
            if raw is not None:
                assert getattr(p, kind) == " ".join(raw.split()), (p, kind)


def test_quoted_matter_is_not_a_provision(tmp_path: Path) -> None:
    """Subdivisions inside quoted content (even a quoted whole section) are never looked up."""
    path = tmp_path / "7.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<section xmlns="{USLM_NS}" '
        'identifier="/us/usc/t99/s7"><num value="7">§ 7.</num><heading> Test</heading>'
        "<chapeau>Section 8 is amended to read:<quotedContent>"
        '<section identifier="/us/usc/t99/s7"><subsection identifier="/us/usc/t99/s7/a">'
        '<num value="a">(a)</num><content>Quoted.</content></subsection></section>'
        "</quotedContent></chapeau>"
        '<subsection identifier="/us/usc/t99/s7/a"><num value="a">(a)</num>'
        "<content>The law.</content></subsection></section>\n",
        encoding="utf-8",
    )
    statute = billdraft.load(path)
    assert statute.provision("99 U.S.C. 7(a)").content == "The law."
    assert [p.identifier for p in statute] == ["/us/usc/t99/s7", "/us/usc/t99/s7/a"]


def test_a_single_section_file_finds_the_act_names_beside_it() -> None:
    """The importer's acts.json lies beside its section files; loading one file still uses it."""
    one = billdraft.load(Path(__file__).resolve().parents[1] / "statutes" / "2432.xml")
    assert (
        one.provision("section 402(a) of the Trade Act of 1974").identifier == "/us/usc/t19/s2432/a"
    )


def test_matter_between_subdivisions_prints_where_it_stands(committed: Statute) -> None:
    """19 U.S.C. 2433(a) reads “(3) …, then, during the period … — (A) …”: the matter after
    (3) introduces (A)–(C), and both `lines()` and the redline layout print it there."""
    from billdraft.diff import section_text

    a = committed.provision("19 U.S.C. 2433(a)")
    lines = [line.strip() for line in a.lines()]
    then = next(i for i, line in enumerate(lines) if line.startswith("then, during the period"))
    assert lines[then - 1].startswith("(3) to return the remains")
    assert lines[then + 1].startswith("(A) the products of such country")
    printed = section_text(committed.section("19 U.S.C. 2433")).splitlines()
    then = next(i for i, line in enumerate(printed) if line.startswith("then, during the period"))
    assert printed[then - 1].startswith("(3) to return the remains")
    assert printed[then + 1].startswith("(A) the products of such country")
