"""The Code above the section: containers of a whole-title file, and the amendments they receive.

The whole-title files are built by `tests/make_title.py` from the real sections in
`../shared/uslm/usc19/` (into a temporary folder, never committed) and validate against USLM.xsd.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import make_title
from billdraft.amendments import (
    AddToContainer,
    AmendHeading,
    AmendTableOfContents,
    InsertProvisions,
    Redesignate,
    Section,
    StrikeProvision,
)
from billdraft.apply import apply
from billdraft.bills import read_bill
from billdraft.cite import Cite, Container
from billdraft.containers import Division, enclosing, proposed_classification
from billdraft.errors import (
    DesignationMismatchError,
    RedesignationCollisionError,
    TargetNotFoundError,
    TextNotFoundError,
    UnknownCitationError,
)
from billdraft.importer import import_uslm
from billdraft.instructions.parse import parse_bill, parse_instruction
from billdraft.statute import Statute, load

T19 = "title 19, United States Code"
CH12 = Container(T19, (("chapter", "12"),))


@pytest.fixture(scope="session")
def schema(shared_dir: Path) -> etree.XMLSchema:
    """USLM.xsd, compiled once."""
    return etree.XMLSchema(etree.parse(str(shared_dir / "schemas/uslm/USLM.xsd")))


@pytest.fixture(scope="session")
def title_file(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Part of Title 19 as one whole-title file (chapters 12 and 13), built from real sections."""
    out = tmp_path_factory.mktemp("title") / "usc19.xml"
    return make_title.build_title(shared_dir / "uslm/usc19", out)


@pytest.fixture(scope="session")
def before_hr644(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Chapters 4 and 12 of Title 19 without the sections H.R. 644 (114th) added."""
    out = tmp_path_factory.mktemp("title") / "usc19-before-hr644.xml"
    return make_title.build_title(shared_dir / "uslm/usc19", out, make_title.TITLE_19_BEFORE_HR644)


@pytest.fixture(scope="session")
def law(title_file: Path) -> Statute:
    """The whole-title file, loaded."""
    return load(title_file)


def test_generated_title_validates(title_file: Path, before_hr644: Path, schema: etree.XMLSchema):
    """The test data is schema-valid USLM, as OLRC's whole-title files are."""
    schema.assertValid(etree.parse(str(title_file)))
    schema.assertValid(etree.parse(str(before_hr644)))


# --- containers as provisions ---------------------------------------------------------------


def test_a_chapter_is_cited_three_ways(law: Statute):
    """`chapter 12 of title 19`, its identifier and the Container a bill's words parse to agree."""
    by_words = law.provision("chapter 12 of title 19")
    assert isinstance(by_words, Division)
    assert by_words == law.provision("/us/usc/t19/ch12") == law.provision(CH12)
    assert by_words.kind == "chapter" and by_words.designation == "12"
    assert by_words.heading == "TRADE ACT OF 1974"
    assert by_words.container == CH12


def test_a_subchapter_with_its_sections_and_parent(law: Statute):
    """Subchapter IV of chapter 12 holds 19 U.S.C. 2431–2439, in order; its parent is chapter 12."""
    sch = law.provision("subchapter IV of chapter 12 of title 19, United States Code")
    assert sch == law.provision("/us/usc/t19/ch12/schIV")
    assert sch.heading is not None and sch.heading.startswith("TRADE RELATIONS WITH COUNTRIES")
    numbers = [s.designation for s in sch.children]
    assert numbers == ["2431", "2432", "2433", "2434", "2435", "2436", "2437", "2438", "2439"]
    assert sch.parent == law.provision("chapter 12 of title 19")
    section = law.provision("19 U.S.C. 2432")
    assert enclosing(law, section) == sch
    assert section.parent is None  # a section's parent provision stays None


def test_the_chapter_analysis_is_data(law: Statute):
    """The table of sections of chapter 12, row by row: section items with their links."""
    toc = law.provision("chapter 12 of title 19").toc
    item = next(i for i in toc if i.designation == "2432")
    assert item.kind == "section" and item.href == "/us/usc/t19/s2432"
    assert item.text == "2432. Freedom of emigration in East-West trade."
    heads = [(i.kind, i.designation) for i in toc if i.kind == "subchapter"]
    assert heads == [("subchapter", "III"), ("subchapter", "IV"), ("subchapter", "V")]
    title_toc = law.provision("title 19").toc
    assert [(i.kind, i.designation) for i in title_toc] == [("chapter", "12"), ("chapter", "13")]


def test_an_unknown_container_names_what_the_title_has(law: Statute):
    """A chapter the title lacks is refused, listing the chapters it has."""
    with pytest.raises(UnknownCitationError, match=r"chapter 99 .*its chapters: 12, 13"):
        law.provision("chapter 99 of title 19")


def test_a_per_section_folder_has_no_containers(shared_dir: Path):
    """../shared/uslm/usc19 holds sections only: a chapter is not loaded, and the message says
    that a whole-title file is needed."""
    folder = load(shared_dir / "uslm/usc19")
    assert folder.outlines == {}
    with pytest.raises(UnknownCitationError, match="whole-title file"):
        folder.provision("chapter 12 of title 19")
    new = Section("2432a", "Kazakhstan", "Text.")
    result = apply(
        folder,
        [
            AddToContainer(CH12, (new,)),
            AmendTableOfContents(CH12, strike=("section 2433",)),
            InsertProvisions(Cite.parse("19 U.S.C. 2432"), (new,)),
        ],
        errors="collect",
    )
    assert len(result.failures) == 3
    assert all(isinstance(f, TargetNotFoundError) for f in result.failures)
    assert all("whole-title file" in f.message for f in result.failures)


def test_imported_sections_from_a_title_still_load_alone(title_file: Path, tmp_path: Path):
    """import-uslm of the whole title still writes one file per section; those have no containers."""
    report = import_uslm([title_file], tmp_path / "statutes", progress=False)
    assert report.read == len(load(title_file))
    assert load(tmp_path / "statutes").outlines == {}


# --- the whole-title round trip -------------------------------------------------------------


def _instructions(law: Statute) -> list[object]:
    """A new section, a redesignated one and their table items, in the forms bills use."""
    new = Section(
        "2440",
        "Kazakhstan",
        "The President may terminate the application of this subchapter to Kazakhstan.",
    )
    texts = [
        (
            "Chapter 12 of title 19, United States Code, is amended by redesignating section 2439 "
            "as section 2441.",
            [],
        ),
        (
            "Chapter 12 of title 19, United States Code, is amended by inserting after section "
            "2438 the following: ‹BLOCK›",
            [new],
        ),
        (
            "The table of sections for chapter 12 of title 19, United States Code, is amended by "
            "striking the item relating to section 2439 and inserting the following: “2441. Freedom "
            "to emigrate to join a very close relative in United States.”.",
            [],
        ),
        (
            "The table of sections for chapter 12 of title 19, United States Code, is amended by "
            "inserting after the item relating to section 2438 the following: “2440. "
            "Kazakhstan.”.",
            [],
        ),
        (
            "Chapter 12 of title 19, United States Code, is amended by amending the heading to read "
            "as follows: “CHAPTER 12—TRADE ACT OF 1974, AS AMENDED”.",
            [],
        ),
    ]
    out: list[object] = []
    for text, matter in texts:
        out += parse_instruction(text, new_matter=matter, acts=law.acts)
    return out


def test_round_trip_new_section_table_item_and_redesignation(
    law: Statute, schema: etree.XMLSchema, tmp_path: Path
):
    """Load → amend (new section, redesignated section, table items, heading) → write → the file
    validates against USLM.xsd → reloading it gives the amended structure."""
    amendments = _instructions(law)
    assert [type(a) for a in amendments] == [
        Redesignate,
        InsertProvisions,
        AmendTableOfContents,
        AmendTableOfContents,
        AmendHeading,
    ]
    result = apply(law, amendments)
    assert {(c.kind, c.identifier) for c in result.changes} == {
        ("redesignate", "/us/usc/t19/s2441"),
        ("insert-provision", "/us/usc/t19/s2440"),
    }
    assert [c.kind for c in result.container_changes] == [
        "section-added",
        "toc-insert",
        "toc-strike",
        "toc-insert",
        "heading",
    ]
    out = result.statute.write_title(tmp_path / "usc19.xml")
    schema.assertValid(etree.parse(str(out)))
    again = load(out)
    sch = again.provision("subchapter IV of chapter 12 of title 19")
    assert [s.designation for s in sch.children][-3:] == ["2438", "2440", "2441"]
    assert again.provision("19 U.S.C. 2441").num == "§ 2441."
    assert again.provision("/us/usc/t19/s2441/a").identifier == "/us/usc/t19/s2441/a"
    assert "19 U.S.C. 2439" not in again
    assert again.provision("19 U.S.C. 2440").heading == "Kazakhstan"
    chapter = again.provision("chapter 12 of title 19")
    assert chapter.heading == "TRADE ACT OF 1974, AS AMENDED"
    rows = [i.text for i in chapter.toc if i.kind == "section"]
    i = rows.index(
        "2438. Payment by Czechoslovakia of amounts owed United States citizens and nationals."
    )
    assert rows[i + 1 : i + 3] == [
        "2440. Kazakhstan.",
        "2441. Freedom to emigrate to join a very close relative in United States.",
    ]
    assert not any(r.startswith("2439.") for r in rows)
    assert next(i for i in chapter.toc if i.designation == "2440").href == "/us/usc/t19/s2440"
    # -- the input was not changed --
    assert "19 U.S.C. 2439" in law and "19 U.S.C. 2441" not in law
    assert law.provision("chapter 12 of title 19").heading == "TRADE ACT OF 1974"


def test_a_struck_section_leaves_the_chapter_and_the_title_file(law: Statute, tmp_path: Path):
    """`Chapter 12 … is amended by striking section 2433` removes it from the chapter."""
    (strike,) = parse_instruction(
        "Chapter 12 of title 19, United States Code, is amended by striking section 2433."
    )
    assert isinstance(strike, StrikeProvision)
    result = apply(law, [strike])
    assert [c.kind for c in result.changes] == ["strike-provision"]
    again = load(result.statute.write_title(tmp_path / "usc19.xml"))
    assert "2433" not in [s.designation for s in again.provision("/us/usc/t19/ch12/schIV").sections]


def test_a_new_section_at_the_end_of_a_chapter(law: Statute):
    """`by adding at the end the following:` puts the section after the chapter's last one."""
    (add,) = parse_instruction(
        "Chapter 13 of title 19, United States Code, is amended by adding at the end the "
        "following: ‹BLOCK›",
        new_matter=[Section("2505", "Reports", "The Trade Representative shall report.")],
    )
    assert isinstance(add, AddToContainer)
    result = apply(law, [add])
    ch13 = result.statute.provision("chapter 13 of title 19")
    assert [s.designation for s in ch13.sections][-2:] == ["2504", "2505"]


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amendment", "error", "words"),
    [
        (
            AmendTableOfContents(CH12, strike=("section 2499",)),
            TargetNotFoundError,
            "item relating to section 2499",
        ),
        (
            AmendTableOfContents(CH12, insert=("2432. Again.",), after="section 2431"),
            DesignationMismatchError,
            "already there",
        ),
        (
            AddToContainer(CH12, (Section("2433", "Taken", "Text."),), after="2432"),
            DesignationMismatchError,
            "section 2433 already there",
        ),
        (
            AddToContainer(CH12, (Section("2499", "New", "Text."),), after="2501"),
            TargetNotFoundError,
            "expected section 2501 in chapter 12",
        ),
        (
            Redesignate((Cite.parse("19 U.S.C. 2433"),), ("2434",)),
            RedesignationCollisionError,
            "section 2434 to be free",
        ),
        (
            AmendTableOfContents(Container(T19, (("chapter", "99"),)), strike=("section 1",)),
            TargetNotFoundError,
            "chapter 99",
        ),
    ],
)
def test_refusals_are_typed_and_change_nothing(
    law: Statute, amendment: object, error: type[Exception], words: str
):
    """An item not found, a section number taken, a section outside the chapter: typed errors."""
    with pytest.raises(error, match=words):
        apply(law, [amendment])
    result = apply(law, [amendment], errors="collect")
    assert len(result.failures) == 1 and result.statute is law


# --- a new section of an Act in a title that is not positive law ----------------------------


def _hr644(before_hr644: Path, shared_dir: Path, labels: tuple[str, ...]) -> list[object]:
    bill = read_bill(shared_dir / "bills/uslm/114hr644enr_good.xml")
    acts = load(shared_dir / "uslm/usc19").acts
    picked = [p for p in parse_bill(bill, acts=acts) if p.instruction.label in labels]
    assert [p.instruction.label for p in picked] == list(labels)
    return [a for p in picked for a in p.amendments or ()]


def test_hr644_new_sections_get_the_code_numbers_olrc_gave_them(
    before_hr644: Path, shared_dir: Path, schema: etree.XMLSchema, tmp_path: Path
):
    """H.R. 644 (114th), `114hr644enr_good.xml`: Sec. 302(a) “The Tariff Act of 1930 is amended
    by inserting after section 628 (19 U.S.C. 1628) the following new section: SEC. 628A.”,
    Sec. 421(a) “… after section 516A (19 U.S.C. 1516a) … SEC. 517.”, and Sec. 603(a) “Chapter 1
    of title II of the Trade Act of 1974 (19 U.S.C. 2251 et seq.) is amended by adding at the end
    … SEC. 205.”. Against Title 19 as it stood before, billdraft proposes 19 U.S.C. 1628a, 1517 and
    2255: the numbers OLRC gave them (the current Code's source credits say so). Each is shown as
    billdraft's proposal, in a warning and a note, never as fact."""
    law = load(before_hr644)
    amendments = _hr644(before_hr644, shared_dir, ("Sec. 302(a)", "Sec. 421(a)", "Sec. 603(a)"))
    result = apply(law, amendments)
    assert [c.identifier for c in result.changes] == [
        "/us/usc/t19/s1628a",
        "/us/usc/t19/s1517",
        "/us/usc/t19/s2255",
    ]
    assert len(result.warnings) == 3
    assert all("proposed classification" in w for w in result.warnings)
    assert "section 628A of the Tariff Act of 1930 is shown as 19 U.S.C. 1628a" in "".join(
        result.warnings
    )
    new = result.statute.provision("19 U.S.C. 1628a")
    proposal = proposed_classification(new)
    assert proposal is not None
    assert (proposal.act, proposal.act_section, proposal.number) == (
        "the Tariff Act of 1930",
        "628A",
        "1628a",
    )
    assert "proposed classification" in proposal.text
    assert proposed_classification(result.statute.provision("19 U.S.C. 1628")) is None
    # -- the comparative print shows the new sections as the bill numbers them, in the Act --
    from billdraft.diff import redline
    from billdraft.render.comparative import comparative_print

    lines = [ln.plain for ln in comparative_print(redline(result)).lines]
    assert "TARIFF ACT OF 1930" in lines
    assert any(ln.startswith("SEC. 628A. EXCHANGE OF INFORMATION") for ln in lines)
    assert not any("1628a" in ln for ln in lines)
    part = result.statute.provision("part 1 of subchapter II of chapter 12 of title 19")
    assert [s.designation for s in part.sections][-2:] == ["2254", "2255"]
    out = result.statute.write_title(tmp_path / "usc19.xml")
    schema.assertValid(etree.parse(str(out)))
    current = load(shared_dir / "uslm/usc19/1628a.xml")  # what OLRC made of Sec. 628A
    assert current.sections[0].identifier == new.identifier


def test_the_acts_table_of_contents_stays_not_loaded(before_hr644: Path, shared_dir: Path):
    """H.R. 644 Sec. 601(b) amends “the table of contents for the Trade Act of 1974”: the Act's
    own table, which the Code does not carry; it is reported as not loaded, never applied."""
    law = load(before_hr644)
    amendments = _hr644(before_hr644, shared_dir, ("Sec. 601(b)",))
    result = apply(law, amendments, errors="collect")
    assert len(result.failures) == 1 and not result.changes
    assert "Trade Act of 1974" in result.failures[0].message


def test_a_positive_law_title_keeps_the_bills_number(title_file: Path, tmp_path: Path):
    """In a positive-law title the bill's section number is the Code's: no proposal."""
    text = title_file.read_text(encoding="utf-8").replace(
        '<property role="is-positive-law">no</property>',
        '<property role="is-positive-law">yes</property>',
    )
    positive = tmp_path / "usc19.xml"
    positive.write_text(text, encoding="utf-8")
    law = load(positive)
    result = apply(
        law, [InsertProvisions(Cite.parse("19 U.S.C. 2432"), (Section("402A", "X", "Y."),))]
    )
    assert [c.identifier for c in result.changes] == ["/us/usc/t19/s402A"]
    assert result.warnings == ()


# --- the redline, the HTML print and the instructions ---------------------------------------


def test_redline_shows_new_redesignated_and_struck_sections_and_table_items(law: Statute):
    """A new section is wholly inserted, a redesignated one keeps its text under a renumbered
    designation, a struck one is wholly struck, and the chapter's heading and table items show
    struck and inserted, ahead of the sections."""
    from billdraft.diff import redline

    amendments = [
        *_instructions(law),
        *parse_instruction(
            "Chapter 12 of title 19, United States Code, is amended by striking section 2433."
        ),
    ]
    red = redline(apply(law, amendments))
    first = red.sections[0]
    assert first.identifier == "/us/usc/t19/ch12"
    text = str(red)
    assert "CHAPTER 12— TRADE ACT OF 1974{, AS AMENDED}" in text
    assert "{2440. Kazakhstan.}" in text
    assert "[2439]{2441}. Freedom to emigrate" in text
    assert "[§ 2439.]{§ 2441.} Freedom to emigrate" in text
    assert "{§ 2440. Kazakhstan}" in text
    assert "[§ 2433. United States personnel missing in action in Southeast Asia]" in text
    html = red.to_html()
    assert "2440. Kazakhstan." in html and "AS AMENDED" in html


def test_instructions_word_chapter_level_amendments(law: Statute):
    """billdraft words the chapter-level amendments in the forms it reads."""
    from billdraft.instructions.render import instructions

    words = instructions(_instructions(law), law)
    assert (
        "Subchapter IV of chapter 12 of title 19, United States Code, is amended by "
        "redesignating section 2439 as section 2441." in words
    )
    assert (
        "Subchapter IV of chapter 12 of title 19, United States Code, is amended by inserting "
        "after section 2438 the following:" in words
    )
    assert (
        "The table of sections for chapter 12 of title 19, United States Code, is amended by "
        "striking the item relating to section 2439 and inserting the following:\n"
        "  “2441. Freedom to emigrate to join a very close relative in United States.”." in words
    )
    assert (
        "The table of sections for chapter 12 of title 19, United States Code, is amended by "
        "inserting after the item relating to section 2438 the following:\n"
        "  “2440. Kazakhstan.”." in words
    )
    # -- the words read back as the same amendments --
    again = [
        a
        for para in words.split("\n\n")
        if "table of sections" in para
        for a in parse_instruction(para.replace("\n  ", " "))
    ]
    assert again == [a for a in _instructions(law) if isinstance(a, AmendTableOfContents)]


# --- the command line -----------------------------------------------------------------------


def test_cli_show_a_subchapter(title_file: Path, capsys: pytest.CaptureFixture[str]):
    """`billdraft show "subchapter IV of chapter 12 of title 19" --statutes usc19.xml`."""
    from billdraft.cli import main

    code = main(["show", "subchapter IV of chapter 12 of title 19", "--statutes", str(title_file)])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0] == "subchapter IV of chapter 12 of title 19, United States Code"
    assert "  § 2432. Freedom of emigration in East-West trade" in out


def test_cli_build_writes_the_amended_title_whole(
    title_file: Path, tmp_path: Path, schema: etree.XMLSchema, capsys: pytest.CaptureFixture[str]
):
    """`billdraft build` of a draft against a whole-title file writes the amended sections and
    the amended title (`amended-uslm/usc19.xml`), which validates and reloads amended."""
    from billdraft.cli import main

    draft = tmp_path / "renumber.toml"
    draft.write_text(
        '[bill]\ncongress = 119\nsession = 2\nchamber = "house"\n'
        'sponsor = "Mr. Smith of Nebraska"\nlong_title = "To renumber a section."\n'
        'short_title = "Renumbering Act"\n'
        f'statutes = "{title_file.as_posix()}"\n\n'
        '[[section]]\nheading = "Redesignation"\n\n'
        '[[section.amendment]]\ntype = "redesignate"\n'
        'targets = ["19 U.S.C. 2439"]\nas = ["2441"]\n',
        encoding="utf-8",
    )
    assert main(["build", str(draft), "--out", str(tmp_path / "out")]) == 0
    words = capsys.readouterr().out
    assert (
        "Subchapter IV of chapter 12 of title 19, United States Code, is amended by "
        "redesignating section 2439 as section 2441." in words
    )
    whole = tmp_path / "out/amended-uslm/usc19.xml"
    schema.assertValid(etree.parse(str(whole)))
    again = load(whole)
    assert [s.designation for s in again.provision("/us/usc/t19/ch12/schIV").sections][-1] == "2441"


def test_a_titles_table_of_chapters(law: Statute):
    """`The table of chapters for title 19 … is amended by adding at the end the following:` adds
    a row linked as the title's other chapter rows are."""
    result = apply(
        law,
        parse_instruction(
            "The table of chapters for title 19, United States Code, is amended by adding at the "
            "end the following: “14. Other matters”."
        ),
    )
    rows = result.statute.provision("title 19").toc
    assert [(i.kind, i.designation, i.href) for i in rows][-1] == (
        "chapter",
        "14",
        "/us/usc/t19/ch14",
    )


def test_a_subchapter_item_struck_from_the_chapter_table(law: Statute):
    """`The table of subchapters for chapter 12 … by striking the item relating to subchapter
    IV`: the chapter's analysis loses the subchapter's heading row."""
    result = apply(
        law,
        parse_instruction(
            "The table of subchapters for chapter 12 of title 19, United States Code, is amended "
            "by striking the item relating to subchapter IV."
        ),
    )
    (change,) = result.container_changes
    assert change.kind == "toc-strike" and change.struck.startswith("SUBCHAPTER IV—TRADE")
    toc = result.statute.provision("chapter 12 of title 19").toc
    assert [i.designation for i in toc if i.kind == "subchapter"] == ["III", "V"]


def test_sections_redesignated_along_one_step(law: Statute, tmp_path: Path):
    """`by redesignating sections 2438 and 2439 as sections 2439 and 2440, respectively`: each
    moves one place on, none collides with the other, and the text of each follows it."""
    (renumber,) = parse_instruction(
        "Chapter 12 of title 19, United States Code, is amended by redesignating sections 2438 "
        "and 2439 as sections 2439 and 2440, respectively."
    )
    old_2438 = law.provision("19 U.S.C. 2438").heading
    old_2439 = law.provision("19 U.S.C. 2439").heading
    result = apply(law, [renumber])
    again = load(result.statute.write_title(tmp_path / "usc19.xml"))
    assert again.provision("19 U.S.C. 2439").heading == old_2438
    assert again.provision("19 U.S.C. 2440").heading == old_2439
    assert "19 U.S.C. 2438" not in again
    numbers = [s.designation for s in again.provision("/us/usc/t19/ch12/schIV").sections]
    assert numbers[-2:] == ["2439", "2440"]


def test_a_new_act_section_is_worded_as_an_amendment_of_the_act(law: Statute):
    """A `SEC. 402A.` inserted after 19 U.S.C. 2432 in a title that is not positive law amends
    the Trade Act of 1974, as a bill words it (and the words read back as the amendment)."""
    from billdraft.instructions.render import instructions

    new = Section("402A", "Kazakhstan", "The President may.")
    amendment = InsertProvisions(Cite.parse("19 U.S.C. 2432"), (new,))
    words = instructions([amendment], law)
    head = (
        "The Trade Act of 1974 is amended by inserting after section 402 (19 U.S.C. 2432) the "
        "following:"
    )
    assert words.startswith(head + "\n  “SEC. 402A. KAZAKHSTAN.")
    again = parse_instruction(head + " ‹BLOCK›", new_matter=[new], acts=law.acts)
    assert again == [amendment]


def test_the_comparative_print_heads_sections_with_their_containers(law: Statute):
    """In the print of a whole title, a new section is headed by its chapter and subchapter, read
    from the outline (its section tree stands alone), and the changed chapter by its title."""
    from billdraft.diff import redline
    from billdraft.render.comparative import comparative_print

    layout = comparative_print(redline(apply(law, _instructions(law))))
    heads = [(ln.kind, ln.plain) for ln in layout.lines if ln.kind in ("act", "container")]
    assert heads[0] == ("act", "TITLE 19, UNITED STATES CODE")
    i = heads.index(("container", "CHAPTER 12—TRADE ACT OF 1974, AS AMENDED"))
    assert heads[i + 1][1].startswith("SUBCHAPTER IV—TRADE RELATIONS WITH COUNTRIES")


def test_import_bill_reports_hr644s_new_sections_applied(before_hr644: Path, shared_dir: Path):
    """`billdraft import-bill` of H.R. 644 (114th) against a whole-title file of Title 19 as it
    stood before: Sec. 302(a), 421(a) and 603(a) (new sections) are applied, Sec. 601(b) (the
    Trade Act's own table of contents) is not loaded."""
    from billdraft.bill_import import Status, import_bill

    report = import_bill(
        shared_dir / "bills/uslm/114hr644enr_good.xml",
        load(before_hr644),
        acts=load(shared_dir / "uslm/usc19").acts,
    )
    status = {r.label: r.status for r in report.instructions}
    assert status["Sec. 302(a)"] is Status.APPLIED
    assert status["Sec. 421(a)"] is Status.APPLIED
    assert status["Sec. 603(a)"] is Status.APPLIED
    assert status["Sec. 601(b)"] is Status.NOT_LOADED


def test_adding_at_the_end_of_a_subchapters_rows_in_the_chapters_table(law: Statute):
    """`The table of sections for subchapter IV of chapter 12 … by adding at the end` puts the
    row after subchapter IV's last section, where the chapter's analysis lists them, not at the
    end of the chapter's table (after subchapter V)."""
    result = apply(
        law,
        parse_instruction(
            "The table of sections for subchapter IV of chapter 12 of title 19, United States "
            "Code, is amended by adding at the end the following: “2442. Kazakhstan.”."
        ),
    )
    rows = [i.designation for i in result.statute.provision("chapter 12 of title 19").toc]
    assert rows[rows.index("2439") + 1 : rows.index("2439") + 3] == ["2442", "V"]


def test_words_struck_in_a_subchapter_heading(law: Statute):
    """`Subchapter IV … is amended in the subchapter heading by striking “X” and inserting “Y”`;
    words found nowhere in the heading are refused, typed."""
    text = (
        "Subchapter IV of chapter 12 of title 19, United States Code, is amended in the "
        "subchapter heading by striking “{}” and inserting “COMMERCE RELATIONS”."
    )
    result = apply(law, parse_instruction(text.format("TRADE RELATIONS")))
    heading = result.statute.provision("/us/usc/t19/ch12/schIV").heading
    assert heading is not None and heading.startswith("COMMERCE RELATIONS WITH COUNTRIES")
    (change,) = result.container_changes
    assert change.kind == "heading" and change.struck.startswith("TRADE RELATIONS")
    with pytest.raises(TextNotFoundError, match="in the heading"):
        apply(law, parse_instruction(text.format("TARIFF")))


def test_hr7230_adds_section_45bb_to_subpart_d_and_its_table(
    shared_dir: Path, tmp_path: Path, schema: etree.XMLSchema
):
    """H.R. 7230 (119th), `billdtd/119_hr_7230.xml`, Sec. 2(b): “Subpart D of part IV of
    subchapter A of chapter 1 of the Internal Revenue Code of 1986 is amended by adding at the end
    the following new section: SEC. 45BB. …”, and Sec. 2(e): “The table of sections for subpart D
    … is amended by adding at the end the following item: Sec. 45BB. Domestic cotton consumption
    credit.” Against the IRC sections of `dev-sections/usc26` in Title 26's real structure (the
    bill names no subtitle; OLRC's identifiers carry it): the section lands in subpart D under the
    bill's own number (the Code is the Act), its row after subpart D's last, and the amended title
    validates and reloads. Sec. 2(d)'s clause (xii) of 6418(f)(1)(A) is refused: the current law
    already has a clause (xii)."""
    path = make_title.build_title(
        shared_dir / "uslm/dev-sections/usc26", tmp_path / "usc26.xml", make_title.TITLE_26_DEV
    )
    law = load(path)
    bill = read_bill(shared_dir / "bills/billdtd/119_hr_7230.xml")
    amendments = [a for p in parse_bill(bill, acts=law.acts) for a in p.amendments or ()]
    result = apply(law, amendments, errors="collect")
    assert [f.amendment.label for f in result.failures] == ["Sec. 2(d)"]
    assert "(xii) already there" in result.failures[0].message
    assert result.warnings == ()  # no proposed classification: the IRC's numbers are the Code's
    again = load(result.statute.write_title(tmp_path / "amended.xml"))
    schema.assertValid(etree.parse(str(tmp_path / "amended.xml")))
    subpart = again.provision("subpart D of part IV of subchapter A of chapter 1 of title 26")
    assert subpart.identifier == "/us/usc/t26/stA/ch1/schA/ptIV/spD"
    assert [s.designation for s in subpart.sections] == ["38", "45BB"]
    assert again.provision("26 U.S.C. 45BB").heading == "Domestic cotton consumption credit"
    rows = [i.text for i in again.provision("/us/usc/t26/stA/ch1").toc]
    assert rows[rows.index("38. General business credit.") + 1] == (
        "45BB. Domestic cotton consumption credit."
    )
    assert "(42) the domestic cotton consumption credit" in again.provision("26 U.S.C. 38(b)").text


def test_table_items_inserted_before_an_item(law: Statute):
    """`The table of sections for chapter 12 … is amended by inserting before the item relating to
    section 2432 the following new item:` (the form of H.R. 2029, 114th, Div. Q, Sec. 432(c)): the
    new item goes right before it; before the table's first row, at the top."""
    new = AmendTableOfContents(CH12, insert=("2431A. Transitional rule.",), before="section 2432")
    result = apply(law, [new])
    toc = [i.designation for i in result.statute.provision("chapter 12 of title 19").toc]
    assert toc[toc.index("2431A") + 1] == "2432"
    assert toc.count("2431A") == 1
    first = law.provision("chapter 12 of title 19").toc[0]
    top = AmendTableOfContents(
        CH12, insert=("2100. First.",), before=f"{first.kind} {first.designation}"
    )
    toc = [i.designation for i in apply(law, [top]).statute.provision("chapter 12 of title 19").toc]
    assert toc[:2] == ["2100", first.designation]
    with pytest.raises(ValueError, match="before the item relating to section 2432"):
        AmendTableOfContents(CH12, insert=("x",), after="section 2431", before="section 2432")
