"""The amendment engine on real Title 19 text: every amendment type, every refusal, atomicity."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from lxml import etree

from billdraft import (
    AddAtEnd,
    AmbiguousTextError,
    AmendHeading,
    AmendToRead,
    Cite,
    DesignationMismatchError,
    Insert,
    InsertProvisions,
    OverlappingAmendmentsError,
    Paragraph,
    Redesignate,
    RedesignationCollisionError,
    Scope,
    Statute,
    Strike,
    StrikeInsert,
    StrikeProvision,
    StrikeThrough,
    Subsection,
    TargetNotFoundError,
    TextNotFoundError,
    apply,
    load,
    parse_new_matter,
)
from billdraft.amendments import (
    AmendSentence,
    cite_of,
    outside_target,
    target_of,
    targets_of,
)
from billdraft.cite import Container
from billdraft.errors import AmendmentError
from billdraft.uslm import c14n

ROOT = Path(__file__).resolve().parents[1]
STATUTES = ROOT / "statutes"


def C(text: str) -> Cite:
    return Cite.parse(text)


@pytest.fixture(scope="module")
def law() -> Statute:
    return load(STATUTES)


def digest(statute: Statute) -> str:
    h = hashlib.sha256()
    for el in statute.section_elements().values():
        h.update(c14n(el))
    return h.hexdigest()


def content(statute: Statute, cite: str) -> str:
    return statute.provision(cite).content or ""


# --- each amendment type -------------------------------------------------------------------


def test_strike_insert_each_place_across_date_markup(law: Statute) -> None:
    """`each place it appears` replaces text that is wholly a <date> element, in every block."""
    r = apply(
        law, [StrikeInsert(C("19 U.S.C. 2432"), "January 3, 1975", "July 4, 2026", each=True)]
    )
    assert [c.identifier for c in r.changes] == [
        "/us/usc/t19/s2432/a",
        "/us/usc/t19/s2432/b",
        "/us/usc/t19/s2432/c/1",
        "/us/usc/t19/s2432/e",
    ]
    chapeau = r.statute.provision("19 U.S.C. 2432(a)").chapeau or ""
    assert "on or after July 4, 2026, products" in chapeau
    # the struck date element is gone, the other inline markup of the section survives
    xml = r.statute.to_xml("19 U.S.C. 2432").decode()
    assert "January 3, 1975</date>" not in xml.split("<notes")[0]
    assert xml.count("<ref") == law.to_xml("19 U.S.C. 2432").decode().count("<ref")


def test_strike_at_end_removes_the_space_before(law: Statute) -> None:
    r = apply(law, [Strike(C("19 U.S.C. 2432(a)(2)"), "or", at_end=True)])
    assert content(r.statute, "19 U.S.C. 2432(a)(2)").endswith("whatsoever;")
    assert r.changes[0].struck == " or"


def test_strike_matches_whole_words_only(law: Statute) -> None:
    """Striking “or” never hits “for”, “order” or “or” inside another word."""
    with pytest.raises(AmbiguousTextError) as err:
        apply(law, [Strike(C("19 U.S.C. 2432(a)(2)"), "or")])
    text = law.provision("19 U.S.C. 2432(a)(2)").raw_text("content") or ""
    assert len(err.value.positions) == 4  # "for" twice in the text, never matched
    assert text.count("for ") == 2
    for pos in err.value.positions:
        assert text[pos : pos + 2] == "or"
        assert not text[pos - 1 : pos].isalnum() and not text[pos + 2 : pos + 3].isalnum()
    assert "found it 4 times" in str(err.value) and "each place it appears" in str(err.value)


def test_insert_after_and_before(law: Statute) -> None:
    r = apply(
        law,
        [
            Insert(C("19 U.S.C. 2432(a)(1)"), "or to return", after="emigrate"),
            Insert(
                C("19 U.S.C. 2432(b)"), "semiannual", before="report required by this subsection"
            ),
        ],
    )
    assert content(r.statute, "19 U.S.C. 2432(a)(1)") == (
        "denies its citizens the right or opportunity to emigrate or to return;"
    )
    assert "The semiannual report required by this subsection" in (
        content(r.statute, "19 U.S.C. 2432(b)") or ""
    )


def test_insert_at_end_of_text(law: Statute) -> None:
    r = apply(law, [Insert(C("19 U.S.C. 2432(a)(1)"), "and")])
    assert content(r.statute, "19 U.S.C. 2432(a)(1)").endswith("to emigrate; and")


def test_occurrence(law: Statute) -> None:
    r = apply(law, [Strike(C("19 U.S.C. 2432(b)"), "such", occurrence=2)])
    before = content(law, "19 U.S.C. 2432(b)") or ""
    after = content(r.statute, "19 U.S.C. 2432(b)") or ""
    assert before.count("such ") - 1 == after.count("such ")
    assert "may participate in any program" in after  # "such country may participate" lost "such"


def test_strike_through(law: Statute) -> None:
    r = apply(
        law,
        [StrikeThrough(C("19 U.S.C. 2432(b)"), "Such report with respect", "wishing to emigrate.")],
    )
    after = content(r.statute, "19 U.S.C. 2432(b)") or ""
    assert "Such report with respect" not in after
    assert "of subsection (a). The report required" in after


def test_strike_through_the_end_and_insert(law: Statute) -> None:
    r = apply(
        law, [StrikeThrough(C("19 U.S.C. 2432(a)(3)"), "as a consequence", None, "for emigrating,")]
    )
    assert content(r.statute, "19 U.S.C. 2432(a)(3)").endswith("on any citizen for emigrating,")


@pytest.mark.parametrize(
    ("scope", "strike", "insert", "cite", "attr"),
    [
        (Scope.HEADING, "of President", "of the President", "19 U.S.C. 2432(c)", "heading"),
        (Scope.CHAPEAU, "To assure", "To ensure", "19 U.S.C. 2432(a)", "chapeau"),
        (
            Scope.CONTINUATION,
            "paragraph (1), (2), or (3)",
            "paragraph (1) or (2)",
            "19 U.S.C. 2432(a)",
            "continuation",
        ),
    ],
)
def test_scopes(law: Statute, scope: Scope, strike: str, insert: str, cite: str, attr: str) -> None:
    r = apply(law, [StrikeInsert(C(cite), strike, insert, scope=scope)])
    assert insert in getattr(r.statute.provision(cite), attr)
    assert r.changes[0].block == attr


def test_scope_restricts_the_search(law: Statute) -> None:
    """“subsections (a) and (b)” is in (c)(1) but not in the heading of (c)."""
    with pytest.raises(TextNotFoundError, match=r"heading of 19 U\.S\.C\. 2432"):
        apply(law, [Strike(C("19 U.S.C. 2432(c)"), "subsections (a) and (b)", scope=Scope.HEADING)])


def test_curly_and_straight_quotes_fold_but_statute_characters_stay(law: Statute) -> None:
    cite = "19 U.S.C. 2436(e)(1)"
    r = apply(
        law, [StrikeInsert(C(cite), 'The term "Communist country"', 'The term "Marxist country"')]
    )
    # matched the curly quotes of the statute; the inserted text is the drafter's
    assert 'The term "Marxist country" means' in (content(r.statute, cite) or "")
    assert "“" not in (content(r.statute, cite) or "").split("means")[0]


def test_footnote_apparatus_is_not_text(law: Statute) -> None:
    cite = "19 U.S.C. 2436(a)(2)"
    assert "See References" not in (content(law, cite) or "")
    r = apply(law, [StrikeInsert(C(cite), "(b)(4), and (c)(4)", "(b)(5)")])
    assert "(a)(3), (b)(5) of section 2252" in (content(r.statute, cite) or "")


def test_strike_provision_and_redesignate_as_so_redesignated(law: Statute) -> None:
    r = apply(
        law,
        [
            StrikeProvision(C("19 U.S.C. 2432(c)(1)")),
            Redesignate((C("19 U.S.C. 2432(c)(2)"), C("19 U.S.C. 2432(c)(3)")), ("1", "2")),
            Strike(C("19 U.S.C. 2432(c)(1)(A)"), "substantially", each=True),  # as so redesignated
        ],
    )
    c = r.statute.provision("19 U.S.C. 2432(c)")
    assert [p.designation for p in c.children] == ["1", "2"]
    assert r.statute.provision("19 U.S.C. 2432(c)(1)(A)").identifier == "/us/usc/t19/s2432/c/1/A"
    assert r.statute.provision("19 U.S.C. 2432(c)(1)").num == "(1)"
    assert "During any period subsequent" in (
        r.statute.provision("19 U.S.C. 2432(c)(1)").chapeau or ""
    )
    # cross-references to the struck paragraph (1) are flagged
    assert any("still refers to “paragraph (1)”" in w for w in r.warnings)


def test_redesignation_warns_about_stale_cross_references(law: Statute) -> None:
    r = apply(
        law,
        [
            Redesignate((C("19 U.S.C. 2432(a)(2)"), C("19 U.S.C. 2432(a)(3)")), ("3", "4")),
        ],
    )
    assert any("2432(a) still refers to “paragraph (1), (2), or (3)”" in w for w in r.warnings)


def test_a_link_from_another_section_to_a_struck_provision_is_flagged(law: Statute) -> None:
    """19 U.S.C. 2434(a) links to 2435(c) (`<ref href="/us/usc/t19/s2435/c">`): striking 2435(c)
    warns in 2434 too, found in the one index of references the apply builds."""
    r = apply(law, [StrikeProvision(C("19 U.S.C. 2435(c)"))])
    assert "19 U.S.C. 2434(a) links to 19 U.S.C. 2435(c), which was struck" in r.warnings
    assert any("2435(a) still refers to “subsections (b) and (c)”" in w for w in r.warnings)


def test_insert_provisions_and_add_at_end(law: Statute) -> None:
    r = apply(
        law,
        [
            InsertProvisions(
                C("19 U.S.C. 2432(a)(3)"), (Paragraph("4", content="imprisons emigrants,"),)
            ),
            AddAtEnd(
                C("19 U.S.C. 2432"),
                (
                    Subsection(
                        "f",
                        "Exception for Kazakhstan",
                        "This section shall not apply to Kazakhstan.",
                    ),
                ),
            ),
        ],
    )
    a = r.statute.provision("19 U.S.C. 2432(a)")
    assert [p.designation for p in a.children] == ["1", "2", "3", "4"]
    f = r.statute.provision("19 U.S.C. 2432(f)")
    assert (f.heading, f.content, f.level) == (
        "Exception for Kazakhstan",
        "This section shall not apply to Kazakhstan.",
        "subsection",
    )
    # the new subsection comes before the source credit and notes
    kids = [etree.QName(c).localname for c in r.statute.provision("19 U.S.C. 2432").element]
    assert kids.index("subsection", kids.index("subsection") + 5) < kids.index("sourceCredit")


def test_strike_provision_and_insert_replacement(law: Statute) -> None:
    new = parse_new_matter(
        "(C) A joint resolution may be introduced at any time.", level="subparagraph"
    )
    r = apply(law, [StrikeProvision(C("19 U.S.C. 2432(d)(2)(C)"), replacement=new)])
    assert (
        content(r.statute, "19 U.S.C. 2432(d)(2)(C)")
        == "A joint resolution may be introduced at any time."
    )


def test_amend_to_read_and_heading(law: Statute) -> None:
    r = apply(
        law,
        [
            AmendToRead(
                C("19 U.S.C. 2432(e)"), Subsection("e", "Countries not covered", "Nothing.")
            ),
            AmendHeading(C("19 U.S.C. 2432(b)"), "Presidential determination and report"),
        ],
    )
    assert content(r.statute, "19 U.S.C. 2432(e)") == "Nothing."
    assert (
        r.statute.provision("19 U.S.C. 2432(b)").heading == "Presidential determination and report"
    )
    assert r.statute.provision("19 U.S.C. 2432(b)").raw_text("heading") == (
        " Presidential determination and report"
    )


# --- refusals ------------------------------------------------------------------------------


def test_striking_kazakhstan_from_current_law_is_text_not_found(law: Statute) -> None:
    with pytest.raises(TextNotFoundError) as err:
        apply(law, [Strike(C("19 U.S.C. 2432"), "Kazakhstan")])
    assert "expected “Kazakhstan” in the text of 19 U.S.C. 2432, found it nowhere" in str(err.value)


def test_text_not_found_names_the_closest_match(law: Statute) -> None:
    with pytest.raises(TextNotFoundError, match="closest text there is “opportunity to emigrate;”"):
        apply(law, [Strike(C("19 U.S.C. 2432(a)(1)"), "oportunity to emigrate;")])


def test_target_missing_lists_what_is_there(law: Statute) -> None:
    with pytest.raises(
        TargetNotFoundError, match=r"2432\(a\)\(9\) to exist.*has \(1\), \(2\), \(3\)"
    ):
        apply(law, [Strike(C("19 U.S.C. 2432(a)(9)"), "x")])
    with pytest.raises(TargetNotFoundError, match=r"section 19 U\.S\.C\. 2501 to be loaded"):
        apply(law, [Strike(C("19 U.S.C. 2501"), "x")])


def test_redesignation_collision(law: Statute) -> None:
    with pytest.raises(RedesignationCollisionError, match=r"expected \(3\) to be free"):
        apply(law, [Redesignate((C("19 U.S.C. 2432(a)(2)"),), ("3",))])


def test_overlapping_amendments(law: Statute) -> None:
    with pytest.raises(OverlappingAmendmentsError, match="overlaps the change made by"):
        apply(
            law,
            [
                StrikeInsert(C("19 U.S.C. 2432(a)(1)"), "right or opportunity", "right"),
                Strike(C("19 U.S.C. 2432(a)(1)"), "right"),
            ],
        )


@pytest.mark.parametrize(
    "amendment",
    [
        AddAtEnd(C("19 U.S.C. 2432"), (Paragraph("6", content="x"),)),  # paragraph under a section
        AddAtEnd(C("19 U.S.C. 2432"), (Subsection("c", content="x"),)),  # (c) is taken
        InsertProvisions(
            C("19 U.S.C. 2432(a)(3)"), (Paragraph("D", content="x"),)
        ),  # not a paragraph number
    ],
)
def test_new_matter_that_does_not_fit(law: Statute, amendment: AddAtEnd | InsertProvisions) -> None:
    with pytest.raises(DesignationMismatchError, match="expected"):
        apply(law, [amendment])


# --- atomicity and collect mode ------------------------------------------------------------


def test_apply_never_mutates_its_input_and_is_all_or_nothing(law: Statute) -> None:
    before = digest(law)
    ok = StrikeInsert(C("19 U.S.C. 2432(a)"), "To assure", "To ensure", scope=Scope.CHAPEAU)
    with pytest.raises(TextNotFoundError):
        apply(law, [ok, Strike(C("19 U.S.C. 2432"), "Kazakhstan")])
    assert digest(law) == before
    r = apply(law, [ok])
    assert digest(law) == before
    assert digest(r.statute) != before


def test_collect_mode_lists_every_failure(law: Statute) -> None:
    before = digest(law)
    r = apply(
        law,
        [
            Strike(C("19 U.S.C. 2432"), "Kazakhstan"),
            StrikeInsert(C("19 U.S.C. 2432(a)"), "To assure", "To ensure", scope=Scope.CHAPEAU),
            Strike(C("19 U.S.C. 2432(a)(2)"), "or"),
            Strike(C("19 U.S.C. 2432(q)"), "x"),
        ],
        errors="collect",
    )
    assert [type(f) for f in r.failures] == [
        TextNotFoundError,
        AmbiguousTextError,
        TargetNotFoundError,
    ]
    assert not r.ok
    assert "To ensure" in (r.statute.provision("19 U.S.C. 2432(a)").chapeau or "")
    assert digest(law) == before


# --- amendments to law a Cite cannot name ----------------------------------------------------

HTS = "the Harmonized Tariff Schedule of the United States"
NOTE_SECTION = Container(
    "the Customs Border Security Act of 2002", (("section", "311"),), (), "19 U.S.C. 2075 note"
)


@pytest.mark.parametrize(
    "amendment",
    [
        StrikeInsert(Container(HTS, (("subheading", "6204.62.40"),)), "X", "Y"),
        Strike(NOTE_SECTION.provision_child("b"), "or", at_end=True),
        StrikeProvision(
            Container(HTS, (("chapter", "62"), ("subheading", "6201.91.10"))),
            Container(HTS, (("chapter", "62"), ("subheading", "6201.91.20"))),
            replacement_text="new rows",
        ),
        Redesignate(
            (NOTE_SECTION.provision_child("e"), NOTE_SECTION.provision_child("f")), ("d", "e")
        ),
        AmendHeading(Container("the Homeland Security Act of 2002", (("title", "IV"),)), "X"),
        AmendSentence(NOTE_SECTION.provision_child("a"), -1),
    ],
    ids=lambda a: type(a).__name__,
)
def test_container_targets_are_reported_not_loaded(law: Statute, amendment: object) -> None:
    """Any amendment whose target is a Container is refused as not loaded, naming the container;
    in collect mode it is listed and the law is untouched."""
    before = digest(law)
    with pytest.raises(TargetNotFoundError) as e:
        apply(law, [amendment])  # type: ignore[list-item]
    assert "to be loaded, found only" in e.value.message
    assert str(outside_target(amendment)) in e.value.message  # type: ignore[arg-type]
    assert e.value.amendment is amendment
    r = apply(law, [amendment], errors="collect")  # type: ignore[list-item]
    assert [type(f) for f in r.failures] == [TargetNotFoundError]
    assert digest(r.statute) == before


def test_container_failure_does_not_stop_the_rest_in_collect_mode(law: Statute) -> None:
    """A Container target fails alone; the Cite-targeted amendments around it still apply."""
    ok = StrikeInsert(C("19 U.S.C. 2432(a)"), "To assure", "To ensure", scope=Scope.CHAPEAU)
    outside = Strike(NOTE_SECTION, "x")
    r = apply(law, [outside, ok], errors="collect")
    assert [f.amendment for f in r.failures] == [outside]
    assert "To ensure" in (r.statute.provision("19 U.S.C. 2432(a)").chapeau or "")


def test_text_replacement_of_a_code_provision_is_refused(law: Statute) -> None:
    """New matter quoted as text cannot replace a designated provision of the Code."""
    with pytest.raises(DesignationMismatchError) as e:
        apply(law, [StrikeProvision(C("19 U.S.C. 2432(b)"), replacement_text="words")])
    assert "found only text" in e.value.message


def test_target_helpers_narrow_cites_and_containers() -> None:
    """`targets_of` lists every target, `outside_target` finds a Container, `cite_of` and
    `target_of` refuse one with a clear error."""
    inside = Redesignate((C("19 U.S.C. 2432(e)"), C("19 U.S.C. 2432(f)")), ("d", "e"))
    assert targets_of(inside) == inside.targets
    assert outside_target(inside) is None
    assert target_of(inside) == C("19 U.S.C. 2432")
    sub = Container(HTS, (("chapter", "62"), ("subheading", "6201.91.20")))
    struck = StrikeProvision(C("19 U.S.C. 2432(e)"), sub)
    assert outside_target(struck) == sub
    with pytest.raises(AmendmentError) as e:
        cite_of(sub)
    assert "expected a provision of the Code" in e.value.message and "6201.91.20" in e.value.message
    with pytest.raises(AmendmentError):
        target_of(StrikeInsert(sub, "X", "Y"))


def test_container_parent_and_mixed_redesignation() -> None:
    """A container's parent drops its innermost level; a redesignation mixing a Cite and a
    Container has no common parent."""
    assert NOTE_SECTION.provision_child("b", "3").parent == NOTE_SECTION.provision_child("b")
    assert NOTE_SECTION.parent == Container(NOTE_SECTION.source, (), (), NOTE_SECTION.usc)
    assert Container(HTS).parent is None
    with pytest.raises(ValueError):
        Redesignate((C("19 U.S.C. 2432(e)"), NOTE_SECTION.provision_child("f")), ("d", "e"))
    with pytest.raises(ValueError):
        StrikeProvision(
            NOTE_SECTION, replacement=(Subsection("a", None, "x"),), replacement_text="y"
        )


def test_amended_output_validates(law: Statute, shared_dir: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(shared_dir / "schemas/uslm/USLM.xsd")))
    from billdraft import read_draft

    draft = read_draft(ROOT / "drafts/section-402-every-amendment.toml")
    r = apply(law, draft.amendments())
    doc = etree.fromstring(r.statute.to_xml("19 U.S.C. 2432"))
    assert schema.validate(doc), schema.error_log


def test_scope_by_name_is_taken_and_an_unknown_scope_refused() -> None:
    """`scope="chapeau"` means `Scope.CHAPEAU`; a scope that is not one says what is expected."""
    from billdraft.amendments import Scope, Strike

    cite = Cite.parse("19 U.S.C. 2432(a)")
    assert Strike(cite, "the", scope="chapeau").scope is Scope.CHAPEAU  # type: ignore[arg-type]
    with pytest.raises(
        ValueError,
        match=r"expected a scope \(text, heading, chapeau, "
        r"continuation\), found 'content'",
    ):
        Strike(cite, "the", scope="content")  # type: ignore[arg-type]


def test_ambiguous_text_in_several_blocks_names_each_block_in_document_order(law: Statute) -> None:
    """Offsets restart in every block, so an ambiguity across blocks names the block of each,
    in document order, and each offset points at the words in its block."""
    with pytest.raises(AmbiguousTextError) as err:
        apply(law, [Strike(C("19 U.S.C. 2432"), "United States")])
    message = str(err.value)
    places = (
        message.split("found it 5 times (in the ", 1)[1].split("); say", 1)[0].split("; in the ")
    )
    assert len(places) == 3
    located = []
    for place in places:
        kind, rest = place.split(" of ", 1)
        owner, offsets = rest.rsplit(" at offsets ", 1)
        provision = law.provision(owner)
        text = provision.raw_text(kind) or ""
        for offset in map(int, offsets.split(", ")):
            assert text[offset : offset + len("United States")] == "United States"
        located.append(provision.identifier)
    walk = [p.identifier for p in law.provision("19 U.S.C. 2432").walk()]
    assert [walk.index(i) for i in located] == sorted(walk.index(i) for i in located)
    assert len(err.value.positions) == 5
