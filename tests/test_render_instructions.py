"""Golden tests of the amendatory wording billdraft produces (instructions/render.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from billdraft.amendments import (
    AMENDMENT_TYPES,
    AddAtEnd,
    AmendHeading,
    Amendment,
    AmendToRead,
    Insert,
    InsertProvisions,
    NewProvision,
    Paragraph,
    Redesignate,
    Scope,
    Section,
    Strike,
    StrikeInsert,
    StrikeProvision,
    StrikeThrough,
    Subparagraph,
    Subsection,
)
from billdraft.apply import apply
from billdraft.cite import ActIndex, ActSection, Cite, Container
from billdraft.errors import AmendmentError
from billdraft.instructions.render import (
    Line,
    instructions,
    quote,
    quoted_block,
    word_amendment,
    word_instructions,
)
from billdraft.newmatter import parse_new_matter
from billdraft.statute import Statute, load

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
USC19 = SHARED / "uslm" / "usc19"

SEC = Cite("19", "2432")
SEC403 = Cite("19", "2433")
IRC38 = Cite("26", "38")


def c(*path: str) -> Cite:
    """A provision of 19 U.S.C. 2432."""
    return SEC.child(*path) if path else SEC


ACTS = ActIndex(
    [
        ActSection("93-618", "402", "19", "2432", "IV"),
        ActSection("93-618", "403", "19", "2433", "IV"),
        ActSection("100-418", "1001", "19", "2901"),
    ],
    {"93-618": "Trade Act of 1974", "100-418": "Omnibus Trade and Competitiveness Act of 1988"},
)

KAZAKHSTAN = Subsection(
    "f", "Exception for Kazakhstan", "This section shall not apply to Kazakhstan."
)

TRADE_ACT = "Section 402 of the Trade Act of 1974 (19 U.S.C. 2432)"


def subject(*path: str) -> str:
    """The first-time subject for a provision of section 402 of the Trade Act of 1974."""
    des = "".join(f"({p})" for p in path)
    return f"Section 402{des} of the Trade Act of 1974 (19 U.S.C. 2432{des})"


@pytest.fixture(scope="module")
def statute() -> Statute:
    """The real 19 U.S.C. 2432 and 2433, from ../shared/."""
    if not (USC19 / "2432.xml").is_file():
        pytest.skip(f"../shared/ is absent: {USC19 / '2432.xml'} does not exist (reference data)")
    return load(USC19 / "2432.xml", USC19 / "2433.xml")


# --- one amendment: every type, scope, occurrence and at-end form -------------------------

SINGLE: list[tuple[str, Amendment, str]] = [
    (
        "strike-insert",
        StrikeInsert(
            c("a"), "nondiscriminatory treatment (normal trade relations)", "normal trade relations"
        ),
        f"{subject('a')} is amended by striking “nondiscriminatory treatment (normal trade "
        "relations)” and inserting “normal trade relations”.",
    ),
    (
        "strike",
        Strike(c("b"), "with current information, "),
        f"{subject('b')} is amended by striking “with current information, ”.",
    ),
    (
        "strike-each",
        Strike(c("c", "1"), "substantially", each=True),
        f"{subject('c', '1')} is amended by striking “substantially” each place it appears.",
    ),
    (
        "strike-insert-each",
        StrikeInsert(c("c"), "18-month", "24-month", each=True),
        f"{subject('c')} is amended by striking “18-month” each place it appears and inserting "
        "“24-month”.",
    ),
    (
        "strike-occurrence",
        Strike(c("c", "1"), "substantially", occurrence=2),
        f"{subject('c', '1')} is amended by striking “substantially” the second place it appears.",
    ),
    (
        "strike-insert-occurrence",
        StrikeInsert(c("b"), "such country", "such nonmarket economy country", occurrence=3),
        f"{subject('b')} is amended by striking “such country” the third place it appears and "
        "inserting “such nonmarket economy country”.",
    ),
    (
        "strike-insert-each-except",
        StrikeInsert(
            SEC, "the President", "the Trade Representative", each=True, except_in=(c("c"), c("d"))
        ),
        f"{TRADE_ACT} is amended by striking “the President” each place it appears except in "
        "subsections (c) and (d) and inserting “the Trade Representative”.",
    ),
    (
        "strike-each-except-paragraph",
        Strike(c("c"), "by Executive order ", each=True, except_in=(c("c", "3"),)),
        f"{subject('c')} is amended by striking “by Executive order ” each place it appears "
        "except in paragraph (3).",
    ),
    (
        "insert-each-except",
        Insert(
            c("c"),
            "or the Trade Representative",
            after="the President",
            each=True,
            except_in=(c("c", "1"),),
        ),
        f"{subject('c')} is amended by inserting “or the Trade Representative” after “the "
        "President” each place it appears except in paragraph (1).",
    ),
    (
        "strike-all-that-precedes",
        StrikeThrough(c("e"), "shall not apply", precedes=True),
        f"{subject('e')} is amended by striking all that precedes “shall not apply”.",
    ),
    (
        "strike-all-that-precedes-insert",
        StrikeThrough(c("e"), "shall not apply", insert="Subsections (a) and (b)", precedes=True),
        f"{subject('e')} is amended by striking all that precedes “shall not apply” and inserting "
        "“Subsections (a) and (b)”.",
    ),
    (
        "strike-at-end",
        Strike(c("a", "2"), "or", at_end=True),
        f"{subject('a', '2')} is amended by striking “or” at the end.",
    ),
    (
        "strike-period-at-end",
        Strike(c("e"), ".", at_end=True),
        f"{subject('e')} is amended by striking the period at the end.",
    ),
    (
        "strike-period-insert-and",
        StrikeInsert(c("c", "1", "B"), ".", "; and", at_end=True),
        f"{subject('c', '1', 'B')} is amended by striking the period at the end and inserting "
        "“; and”.",
    ),
    (
        "strike-comma-insert-semicolon",
        StrikeInsert(c("a", "3"), ",", ";", at_end=True),
        f"{subject('a', '3')} is amended by striking the comma at the end and inserting a "
        "semicolon.",
    ),
    (
        "insert-after",
        Insert(c("e"), "nonmarket economy", after="to any"),
        f"{subject('e')} is amended by inserting “nonmarket economy” after “to any”.",
    ),
    (
        "insert-before",
        Insert(c("a", "1"), "arbitrarily", before="denies"),
        f"{subject('a', '1')} is amended by inserting “arbitrarily” before “denies”.",
    ),
    (
        "insert-after-each",
        Insert(c("c", "1"), "fully", after="will", each=True),
        f"{subject('c', '1')} is amended by inserting “fully” after “will” each place it appears.",
    ),
    (
        "insert-before-period-at-end",
        Insert(c("e"), ", or to Kazakhstan", before=".", at_end=True),
        f"{subject('e')} is amended by inserting “, or to Kazakhstan” before the period at the "
        "end.",
    ),
    (
        "insert-after-semicolon",
        Insert(c("a", "1"), " and", after=";"),
        f"{subject('a', '1')} is amended by inserting “ and” after the semicolon.",
    ),
    (
        "insert-at-end",
        Insert(c("a", "2"), "and"),
        f"{subject('a', '2')} is amended by inserting “and” at the end.",
    ),
    (
        "insert-sentence-at-end",
        Insert(c("e"), "This section shall not apply to Kazakhstan."),
        f"{subject('e')} is amended by adding at the end the following: “This section shall not "
        "apply to Kazakhstan.”.",
    ),
    (
        "strike-through",
        StrikeThrough(c("b"), "The report required", "thereafter"),
        f"{subject('b')} is amended by striking “The report required” and all that follows "
        "through “thereafter”.",
    ),
    (
        "strike-through-insert",
        StrikeThrough(c("b"), "Such report", "emigrate.", insert="Such report shall be public."),
        f"{subject('b')} is amended by striking “Such report” and all that follows through "
        "“emigrate.” and inserting “Such report shall be public.”.",
    ),
    (
        "strike-through-end",
        StrikeThrough(c("c", "3"), "The President may"),
        f"{subject('c', '3')} is amended by striking “The President may” and all that follows "
        "through the end.",
    ),
    (
        "strike-through-period",
        StrikeThrough(c("e"), "on January", "."),
        f"{subject('e')} is amended by striking “on January” and all that follows through the "
        "period.",
    ),
    (
        "scope-heading",
        StrikeInsert(c("e"), "not covered", "excluded", scope=Scope.HEADING),
        f"{subject('e')} is amended in the heading by striking “not covered” and inserting "
        "“excluded”.",
    ),
    (
        "scope-chapeau",
        StrikeInsert(c("a"), "January 3, 1975", "January 1, 2027", scope=Scope.CHAPEAU),
        f"{subject('a')} is amended in the matter preceding paragraph (1) by striking “January "
        "3, 1975” and inserting “January 1, 2027”.",
    ),
    (
        "scope-chapeau-deeper",
        Insert(c("c", "1"), "written", after="reports to the Congress", scope=Scope.CHAPEAU),
        f"{subject('c', '1')} is amended in the matter preceding subparagraph (A) by inserting "
        "“written” after “reports to the Congress”.",
    ),
    (
        "scope-continuation",
        StrikeInsert(
            c("a"),
            "paragraph (1), (2), or (3)",
            "paragraph (1), (2), (3), or (4)",
            scope=Scope.CONTINUATION,
        ),
        f"{subject('a')} is amended in the matter following paragraph (3) by striking "
        "“paragraph (1), (2), or (3)” and inserting “paragraph (1), (2), (3), or (4)”.",
    ),
    (
        "strike-provision",
        StrikeProvision(c("c", "3")),
        f"{subject('c')} is amended by striking paragraph (3).",
    ),
    (
        "strike-provision-subsection",
        StrikeProvision(c("e")),
        f"{TRADE_ACT} is amended by striking subsection (e).",
    ),
    (
        "strike-provisions-through",
        StrikeProvision(c("a", "1"), through=c("a", "3")),
        f"{subject('a')} is amended by striking paragraphs (1) through (3).",
    ),
    (
        "strike-provisions-adjacent",
        StrikeProvision(c("d", "2", "B"), through=c("d", "2", "C")),
        f"{subject('d', '2')} is amended by striking subparagraphs (B) and (C).",
    ),
    (
        "strike-provision-insert",
        StrikeProvision(c("a", "3"), replacement=(Paragraph("3", content="restricts travel,"),)),
        f"{subject('a')} is amended by striking paragraph (3) and inserting the following:\n"
        "  “(3) restricts travel,”.",
    ),
    (
        "insert-provisions-after",
        InsertProvisions(c("a", "3"), (Paragraph("4", content="restricts travel,"),)),
        f"{subject('a')} is amended by inserting after paragraph (3) the following:\n"
        "  “(4) restricts travel,”.",
    ),
    (
        "insert-provisions-before",
        InsertProvisions(c("e"), (KAZAKHSTAN,), before=True),
        f"{TRADE_ACT} is amended by inserting before subsection (e) the following:\n"
        "  “(f) Exception for Kazakhstan.—This section shall not apply to Kazakhstan.”.",
    ),
    (
        "add-at-end",
        AddAtEnd(SEC, (KAZAKHSTAN,)),
        f"{TRADE_ACT} is amended by adding at the end the following:\n"
        "  “(f) Exception for Kazakhstan.—This section shall not apply to Kazakhstan.”.",
    ),
    (
        "add-at-end-nested",
        AddAtEnd(c("c", "1"), (Subparagraph("C", content="he has consulted the Congress."),)),
        f"{subject('c', '1')} is amended by adding at the end the following:\n"
        "  “(C) he has consulted the Congress.”.",
    ),
    (
        "redesignate-one",
        Redesignate((c("e"),), ("f",)),
        f"{TRADE_ACT} is amended by redesignating subsection (e) as subsection (f).",
    ),
    (
        "redesignate-two",
        Redesignate((c("a", "2"), c("a", "3")), ("3", "4")),
        f"{subject('a')} is amended by redesignating paragraphs (2) and (3) as paragraphs (3) "
        "and (4), respectively.",
    ),
    # -- three or more in an unbroken run, old and new, are named as a run (“through”) --
    (
        "redesignate-three",
        Redesignate((c("c", "1"), c("c", "2"), c("c", "3")), ("2", "3", "4")),
        f"{subject('c')} is amended by redesignating paragraphs (1) through (3) as paragraphs "
        "(2) through (4), respectively.",
    ),
    (
        "redesignate-lettered-run",
        Redesignate((c("d", "1", "A"), c("d", "1", "B"), c("d", "1", "C")), ("B", "C", "D")),
        f"{subject('d', '1')} is amended by redesignating subparagraphs (A) through (C) as "
        "subparagraphs (B) through (D), respectively.",
    ),
    (
        "redesignate-three-broken",
        Redesignate((c("a", "1"), c("a", "2"), c("a", "3")), ("4", "6", "7")),
        f"{subject('a')} is amended by redesignating paragraphs (1), (2), and (3) as paragraphs "
        "(4), (6), and (7), respectively.",
    ),
    (
        "amend-to-read",
        AmendToRead(
            c("e"),
            Subsection("e", "Countries not covered", "This section shall not apply to Kazakhstan."),
        ),
        f"{subject('e')} is amended to read as follows:\n"
        "  “(e) Countries not covered.—This section shall not apply to Kazakhstan.”.",
    ),
    (
        "amend-to-read-section",
        AmendToRead(SEC, Section("402", "Freedom of emigration", "Repealed.")),
        f"{TRADE_ACT} is amended to read as follows:\n"
        "  “SEC. 402. FREEDOM OF EMIGRATION.\n"
        "    “Repealed.”.",
    ),
    (
        "amend-heading",
        AmendHeading(c("e"), "Exception for Kazakhstan"),
        f"{subject('e')} is amended by amending the heading to read as follows: “Exception for "
        "Kazakhstan”.",
    ),
    (
        "repeal-section",
        StrikeProvision(SEC),
        f"{TRADE_ACT} is repealed.",
    ),
]


@pytest.mark.parametrize(
    ("amendment", "expected"), [(a, e) for _, a, e in SINGLE], ids=[i for i, _, _ in SINGLE]
)
def test_single_amendment(statute: Statute, amendment: Amendment, expected: str) -> None:
    """Each amendment alone words as one sentence naming its provision."""
    assert instructions([amendment], statute, acts=ACTS) == expected


def test_table_covers_every_amendment_type() -> None:
    """The golden table has at least one case for every amendment type."""
    assert {type(a) for _, a, _ in SINGLE} == set(AMENDMENT_TYPES)


REAL_TEXT = [a for i, a, _ in SINGLE if i not in {"repeal-section", "amend-to-read-section"}]


@pytest.mark.parametrize("amendment", REAL_TEXT, ids=lambda a: type(a).__name__)
def test_golden_examples_apply_to_the_real_section(statute: Statute, amendment: Amendment) -> None:
    """The examples are real amendments: each one applies to the current 19 U.S.C. 2432."""
    assert apply(statute, [amendment]).ok


# --- phrases alone ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amendment", "context", "expected"),
    [
        (Strike(c("c", "1"), "x"), None, "by striking “x”"),
        (Strike(c("c", "1"), "x"), SEC, "in subsection (c)(1), by striking “x”"),
        (
            Strike(c("e"), "x", scope=Scope.HEADING),
            SEC,
            "in subsection (e), in the heading, by striking “x”",
        ),
        (Strike(c("e"), "x", scope=Scope.HEADING), None, "in the heading, by striking “x”"),
        (StrikeProvision(c("a", "2")), SEC, "in subsection (a), by striking paragraph (2)"),
        (StrikeProvision(c("a", "2")), None, "by striking paragraph (2)"),
        (
            AmendToRead(c("a", "2"), Paragraph("2", content="y")),
            None,
            "by amending paragraph (2) to read as follows:\n  “(2) y”",
        ),
    ],
)
def test_word_amendment(
    statute: Statute, amendment: Amendment, context: Cite | None, expected: str
) -> None:
    """`word_amendment` gives the verb phrase, prefixed with the path below `context`."""
    assert word_amendment(amendment, statute, context=context) == expected


@pytest.mark.parametrize(
    ("occurrence", "words"),
    [(1, "first"), (2, "second"), (5, "fifth"), (10, "tenth"), (11, "11th"), (22, "22nd")],
)
def test_occurrence_ordinals(occurrence: int, words: str) -> None:
    """Occurrences are ordinal words up to tenth, then numeric ordinals."""
    phrase = word_amendment(Strike(c("a"), "x", occurrence=occurrence))
    assert phrase == f"by striking “x” the {words} place it appears"


@pytest.mark.parametrize(
    ("mark", "name"),
    [
        (".", "the period"),
        (";", "the semicolon"),
        (",", "the comma"),
        (":", "the colon"),
        ("—", "the dash"),
    ],
)
def test_lone_punctuation_is_named(mark: str, name: str) -> None:
    """A lone mark struck or used as an anchor is named, not quoted."""
    assert word_amendment(Strike(c("a"), mark)) == f"by striking {name}"
    assert word_amendment(Insert(c("a"), "y", after=mark)) == f"by inserting “y” after {name}"


# --- consolidated instructions ------------------------------------------------------------

CONSOLIDATED: list[tuple[str, list[Amendment], str]] = [
    (
        "two-levels",
        [
            StrikeInsert(c("a"), "January 3, 1975", "January 1, 2027", scope=Scope.CHAPEAU),
            Strike(c("a", "2"), "or", at_end=True),
            StrikeInsert(c("a", "3"), ",", "; or", at_end=True),
            AddAtEnd(SEC, (KAZAKHSTAN,)),
        ],
        f"""{TRADE_ACT} is amended—
  (1) in subsection (a)—
    (A) in the matter preceding paragraph (1), by striking “January 3, 1975” and inserting “January 1, 2027”;
    (B) in paragraph (2), by striking “or” at the end; and
    (C) in paragraph (3), by striking the comma at the end and inserting “; or”; and
  (2) by adding at the end the following:
    “(f) Exception for Kazakhstan.—This section shall not apply to Kazakhstan.”.""",
    ),
    (
        "three-levels",
        [
            Strike(c("c", "1", "A"), "substantially"),
            StrikeInsert(c("c", "1", "B"), ".", "; and", at_end=True),
            AddAtEnd(c("c", "1"), (Subparagraph("C", content="he has consulted the Congress."),)),
            StrikeInsert(c("c", "2"), "18-month", "24-month"),
            StrikeProvision(c("d", "2", "C")),
        ],
        f"""{TRADE_ACT} is amended—
  (1) in subsection (c)—
    (A) in paragraph (1)—
      (i) in subparagraph (A), by striking “substantially”;
      (ii) in subparagraph (B), by striking the period at the end and inserting “; and”; and
      (iii) by adding at the end the following:
        “(C) he has consulted the Congress.”; and
    (B) in paragraph (2), by striking “18-month” and inserting “24-month”; and
  (2) in subsection (d)(2), by striking subparagraph (C).""",
    ),
    (
        "common-subject-is-the-subsection",
        [
            Strike(c("c", "1"), "substantially", each=True),
            Strike(c("c", "2"), "substantially", each=True),
        ],
        f"""{subject("c")} is amended—
  (1) in paragraph (1), by striking “substantially” each place it appears; and
  (2) in paragraph (2), by striking “substantially” each place it appears.""",
    ),
    (
        "same-provision-no-path",
        [
            Insert(c("e"), "or of Kazakhstan", after="1975,"),
            AmendHeading(c("e"), "Countries not covered; Kazakhstan"),
        ],
        f"""{subject("e")} is amended—
  (1) by inserting “or of Kazakhstan” after “1975,”; and
  (2) by amending the heading to read as follows: “Countries not covered; Kazakhstan”.""",
    ),
    (
        "common-scope-hoisted",
        [
            StrikeInsert(c("a"), "January 3, 1975", "January 1, 2027", scope=Scope.CHAPEAU),
            Strike(c("a"), "directly or indirectly, ", scope=Scope.CHAPEAU),
        ],
        f"""{subject("a")} is amended in the matter preceding paragraph (1)—
  (1) by striking “January 3, 1975” and inserting “January 1, 2027”; and
  (2) by striking “directly or indirectly, ”.""",
    ),
    (
        "redesignate-then-as-so-redesignated",
        [
            Redesignate((c("e"),), ("f",)),
            InsertProvisions(c("d"), (Subsection("e", "Kazakhstan", "Not covered."),)),
            StrikeInsert(c("f"), "January 3, 1975", "January 1, 2027"),
        ],
        f"""{TRADE_ACT} is amended—
  (1) by redesignating subsection (e) as subsection (f);
  (2) by inserting after subsection (d) the following:
    “(e) Kazakhstan.—Not covered.”; and
  (3) in subsection (f), as so redesignated, by striking “January 3, 1975” and inserting “January 1, 2027”.""",
    ),
    (
        "scope-inside-group",
        [
            StrikeInsert(c("a"), "not covered", "excluded", scope=Scope.HEADING),
            Strike(c("a", "1"), "its citizens "),
            Strike(c("e"), "x"),
        ],
        f"""{TRADE_ACT} is amended—
  (1) in subsection (a)—
    (A) in the heading, by striking “not covered” and inserting “excluded”; and
    (B) in paragraph (1), by striking “its citizens ”; and
  (2) in subsection (e), by striking “x”.""",
    ),
    (
        "regrouped-by-provision",
        [Strike(c("a"), "x"), Strike(c("b"), "y"), Strike(c("a"), "z")],
        f"""{TRADE_ACT} is amended—
  (1) in subsection (a)—
    (A) by striking “x”; and
    (B) by striking “z”; and
  (2) in subsection (b), by striking “y”.""",
    ),
    (
        "except-in-and-precedes-inside-groups",
        [
            Strike(c("c"), "by Executive order ", each=True, except_in=(c("c", "3"),)),
            Insert(
                c("d"),
                "or the Trade Representative",
                after="the President",
                each=True,
                except_in=(c("d", "2"), c("d", "3")),
            ),
            StrikeThrough(
                c("e"), "shall not apply", insert="Subsections (a) and (b)", precedes=True
            ),
        ],
        f"""{TRADE_ACT} is amended—
  (1) in subsection (c), by striking “by Executive order ” each place it appears except in paragraph (3);
  (2) in subsection (d), by inserting “or the Trade Representative” after “the President” each place it appears except in paragraphs (2) and (3); and
  (3) in subsection (e), by striking all that precedes “shall not apply” and inserting “Subsections (a) and (b)”.""",
    ),
]


@pytest.mark.parametrize(
    ("amendments", "expected"),
    [(a, e) for _, a, e in CONSOLIDATED],
    ids=[i for i, _, _ in CONSOLIDATED],
)
def test_consolidated(statute: Statute, amendments: list[Amendment], expected: str) -> None:
    """Several amendments to one section are consolidated into the nested `is amended—` form."""
    assert instructions(amendments, statute, acts=ACTS) == expected


def test_punctuation_rule_holds_at_every_level(statute: Statute) -> None:
    """Items end `;`, the second-to-last at each level `; and`, the very last `.`; heads `—`."""
    amendments = CONSOLIDATED[1][1]
    (worded,) = word_instructions(amendments, statute, acts=ACTS)
    items = [ln for ln in worded.lines if not ln.quoted]
    assert items[0].text.endswith("is amended—")
    ends = [ln.text[-5:] for ln in worded.lines]
    assert ends[-1].endswith(".")
    assert sum(e.endswith("; and") for e in ends) == 3  # one per level
    assert [ln.depth for ln in items] == [0, 1, 2, 3, 3, 3, 2, 1]


def test_levels_come_from_the_statute() -> None:
    """A section whose first subdivisions are paragraphs names them as paragraphs."""
    path = USC19 / "1412.xml"
    if not path.is_file():
        pytest.skip(f"../shared/ is absent: {path} does not exist (reference data)")
    statute = load(path)
    goals = Cite("19", "1412")
    text = instructions(
        [
            Strike(goals.child("1"), "uniform and "),
            StrikeInsert(
                goals, "Customs Service", "U.S. Customs and Border Protection", scope=Scope.CHAPEAU
            ),
        ],
        statute,
    )
    assert text == (  # in the order of the provisions: the matter preceding (1) first
        "Section 1412 of title 19, United States Code, is amended—\n"
        "  (1) in the matter preceding paragraph (1), by striking “Customs Service” and "
        "inserting “U.S. Customs and Border Protection”; and\n"
        "  (2) in paragraph (1), by striking “uniform and ”."
    )


def test_levels_inferred_without_a_statute() -> None:
    """Without a statute, levels follow the designations' style and depth."""
    text = instructions([Strike(c("d", "1"), "x"), Strike(c("d", "2", "A", "i"), "y")], acts=ACTS)
    assert text == (
        f"{subject('d')} is amended—\n"
        "  (1) in paragraph (1), by striking “x”; and\n"
        "  (2) in paragraph (2)(A)(i), by striking “y”."
    )


# --- subjects: Act form, such Act, title form, Internal Revenue Code ----------------------


def test_such_act_after_the_first_reference() -> None:
    """A later instruction to the same Act says `such Act`, keeping the U.S.C. parenthetical."""
    text = instructions(
        [Strike(c("a"), "x"), StrikeInsert(SEC403.child("a"), "y", "z"), Strike(c("b"), "w")],
        acts=ACTS,
    )
    assert text == (
        f"{TRADE_ACT} is amended—\n"
        "  (1) in subsection (a), by striking “x”; and\n"
        "  (2) in subsection (b), by striking “w”.\n\n"
        "Section 403(a) of such Act (19 U.S.C. 2433(a)) is amended by striking “y” and "
        "inserting “z”."
    )


def test_such_act_only_right_after_the_same_act() -> None:
    """`such Act` refers to the Act last named: after another Act, the name is repeated."""
    other = Cite("19", "2901", ("b",))
    text = instructions([Strike(c("a"), "x"), Strike(other, "y"), Strike(SEC403, "z")], acts=ACTS)
    paragraphs = text.split("\n\n")
    assert paragraphs[1].startswith(
        "Section 1001(b) of the Omnibus Trade and Competitiveness Act of 1988 (19 U.S.C. "
        "2901(b)) is amended"
    )
    assert paragraphs[2].startswith("Section 403 of the Trade Act of 1974 (19 U.S.C. 2433) is")


def test_title_form_when_the_act_is_unknown() -> None:
    """Without an Act name the provision is cited in title form, then `such title`."""
    text = instructions([Strike(c("a"), "x"), Strike(SEC403, "y")])
    assert text == (
        "Section 2432(a) of title 19, United States Code, is amended by striking “x”.\n\n"
        "Section 2433 of such title is amended by striking “y”."
    )


def test_internal_revenue_code_form() -> None:
    """Title 26 is the Internal Revenue Code of 1986, then `such Code`; no U.S.C. parenthetical."""
    text = instructions(
        [
            StrikeInsert(IRC38.child("b"), "and", "or", occurrence=1),
            Insert(
                Cite("26", "6418", ("f", "1", "A")), "(xii) the clean fuel credit,", after="45Z,"
            ),
        ]
    )
    assert text == (
        "Section 38(b) of the Internal Revenue Code of 1986 is amended by striking “and” the "
        "first place it appears and inserting “or”.\n\n"
        "Section 6418(f)(1)(A) of such Code is amended by inserting “(xii) the clean fuel "
        "credit,” after “45Z,”."
    )


def test_sections_grouped_in_order_of_first_appearance() -> None:
    """One paragraph per section, in the order each section is first amended."""
    worded = word_instructions(
        [Strike(SEC403, "a"), Strike(c("a"), "b"), Strike(SEC403.child("b"), "c")], acts=ACTS
    )
    assert [w.section for w in worded] == [SEC403, SEC]
    assert [len(w.amendments) for w in worded] == [2, 1]
    assert worded[1].text.startswith("Section 402(a) of such Act (19 U.S.C. 2432(a))")


def test_real_act_index_from_title_19() -> None:
    """With the Act index read from all of Title 19, 2432 is section 402 of the Trade Act."""
    if not USC19.is_dir():
        pytest.skip(f"../shared/ is absent: {USC19} does not exist (reference data)")
    title19 = load(USC19)
    text = instructions([AddAtEnd(SEC, (KAZAKHSTAN,))], title19)
    assert text.splitlines()[0] == (f"{TRADE_ACT} is amended by adding at the end the following:")


def test_act_before_numbered_public_laws_from_title_19() -> None:
    """A section of the Tariff Act of 1930 (June 17, 1930, ch. 497: no public law number) is
    named by that Act, as Legislative Counsel names it, and the next one is of “such Act”."""
    if not USC19.is_dir():
        pytest.skip(f"../shared/ is absent: {USC19} does not exist (reference data)")
    title19 = load(USC19)
    text = instructions(
        [
            Strike(Cite("19", "1305", ("a",)), "obscene", each=True),
            Strike(Cite("19", "1304", ("a",)), "legibly"),
        ],
        title19,
    )
    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith(
        "Section 305(a) of the Tariff Act of 1930 (19 U.S.C. 1305(a)) is amended by striking "
        "“obscene” each place it appears"
    )
    assert paragraphs[1].startswith("Section 304(a) of such Act (19 U.S.C. 1304(a)) is amended")


# --- quoting and new matter ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("plain", "“plain”"),
        ("the “Foo Act”", "“the ‘Foo Act’”"),
        ('the "Foo Act"', "“the ‘Foo Act’”"),
        ('"quoted" at start', "“‘quoted’ at start”"),
        ("(“x”)", "“(‘x’)”"),
    ],
)
def test_quote_turns_inner_quotes_single(text: str, quoted: str) -> None:
    """Quotation marks inside quoted matter become single quotation marks."""
    assert quote(text) == quoted


def test_inner_quotes_in_strike_and_block() -> None:
    """Inner quotes are turned single both in quoted words and in quoted blocks."""
    new = Subsection("f", "Definition", "The term “nonmarket economy country” excludes Kazakhstan.")
    text = instructions(
        [StrikeInsert(c("a"), "“normal trade relations”", "x"), AddAtEnd(SEC, (new,))],
        acts=ACTS,
    )
    assert "by striking “‘normal trade relations’” and inserting “x”;" in text
    assert "  “(f) Definition.—The term ‘nonmarket economy country’ excludes Kazakhstan.”." in text


NESTED = Subsection(
    "f",
    "Exception for Kazakhstan",
    chapeau="This section shall not apply—",
    continuation="as determined by the President.",
    children=[
        Paragraph("1", "In general", "to Kazakhstan; or"),
        Paragraph(
            "2",
            "Other countries",
            chapeau="to any country that—",
            children=[
                Subparagraph("A", content="is a member of the World Trade Organization; and"),
                Subparagraph("B", content="has normal trade relations with the United States,"),
            ],
        ),
    ],
)


def test_quoted_block_layout() -> None:
    """Each block line opens with “, nests by level, and only the last line closes with ”."""
    lines = quoted_block((NESTED,), depth=1)
    assert [str(ln) for ln in lines] == [
        "  “(f) Exception for Kazakhstan.—This section shall not apply—",
        "    “(1) In general.—to Kazakhstan; or",
        "    “(2) Other countries.—to any country that—",
        "      “(A) is a member of the World Trade Organization; and",
        "      “(B) has normal trade relations with the United States,",
        "  “as determined by the President.”",
    ]
    assert all(ln.quoted for ln in lines)


def test_block_closes_with_the_items_punctuation(statute: Statute) -> None:
    """A block inside a list closes with ”; and (or ”;), and at the very end with ”."""
    text = instructions(
        [
            AddAtEnd(c("a"), (Paragraph("4", content="restricts travel,"),)),
            AddAtEnd(c("c"), (Paragraph("4", content="y"),)),
            Strike(c("e"), "x"),
        ],
        statute,
        acts=ACTS,
    )
    assert "“(4) restricts travel,”;\n" in text
    assert "“(4) y”; and\n" in text
    assert text.endswith("by striking “x”.")


def _unquoted(lines: tuple[Line, ...]) -> str:
    """The block without its closing mark, as a drafter would type the new matter."""
    text = "\n".join(str(ln) for ln in lines)
    return text.removesuffix("”")


@pytest.mark.parametrize(
    "provisions",
    [
        (KAZAKHSTAN,),
        (KAZAKHSTAN, Subsection("g", "Report", "The President shall report.")),
        (
            Subsection(
                "f",
                "Exception",
                chapeau="This section shall not apply to—",
                continuation="except as the President determines.",
                children=[
                    Paragraph("1", content="Kazakhstan; or"),
                    Paragraph("2", content="Uzbekistan,"),
                ],
            ),
        ),
        (
            Subsection(
                "f",
                "Exception",
                children=[
                    Paragraph("1", "In general", "This section shall not apply to Kazakhstan."),
                    Paragraph(
                        "2",
                        "Report",
                        chapeau="The President shall report—",
                        children=[
                            Subparagraph("A", content="on emigration; and"),
                            Subparagraph("B", "Timing", content="each year."),
                        ],
                    ),
                ],
            ),
        ),
    ],
    ids=["one", "two", "continuation", "three-levels"],
)
def test_block_reads_back_with_parse_new_matter(provisions: tuple[NewProvision, ...]) -> None:
    """Without its quotation marks, the block is new matter `parse_new_matter` reads back."""
    block = quoted_block(provisions)
    assert parse_new_matter(_unquoted(block), level="subsection") == provisions


def test_whole_instruction_reads_back_as_a_bill() -> None:
    """The plain-text output is a bill section `read_bill_text` splits into text and block."""
    from billdraft.bills import read_bill_text

    text = instructions(
        [Strike(c("a", "2"), "or", at_end=True), AddAtEnd(SEC, (KAZAKHSTAN,))], acts=ACTS
    )
    bill = read_bill_text("SEC. 2. KAZAKHSTAN.\n" + text)
    (instruction,) = bill.instructions
    assert instruction.new_matter == ((KAZAKHSTAN,),)
    assert instruction.text.startswith(f"{TRADE_ACT} is amended— (1) in subsection (a)(2),")


# --- errors -------------------------------------------------------------------------------


def test_matter_preceding_needs_the_statute() -> None:
    """Naming the first subdivision needs the statute; without one the error says so."""
    amendment = Strike(c("a"), "x", scope=Scope.CHAPEAU)
    with pytest.raises(AmendmentError, match=r"needs the statute \(pass statute=\)"):
        instructions([amendment], acts=ACTS)


def test_matter_preceding_of_a_provision_without_subdivisions(statute: Statute) -> None:
    """A chapeau scope on a provision without subdivisions is an error naming what was found."""
    with pytest.raises(AmendmentError, match="expected subdivisions, found none"):
        instructions([Strike(c("e"), "x", scope=Scope.CHAPEAU)], statute)


def test_matter_following_of_a_missing_provision(statute: Statute) -> None:
    """A scope on a provision the statute lacks is an error, not a guess."""
    with pytest.raises(AmendmentError, match="found no such provision"):
        instructions([Strike(c("g"), "x", scope=Scope.CONTINUATION)], statute)


def test_inserting_whole_sections_is_refused() -> None:
    """New sections amend the Act itself, whose numbering billdraft does not know: a clear error."""
    with pytest.raises(AmendmentError, match="inserts or redesignates whole sections"):
        instructions([InsertProvisions(SEC, (Section("2432a", "New", "Text."),))], acts=ACTS)


def test_no_amendments_no_text() -> None:
    """An empty list words to nothing."""
    assert instructions([]) == ""


def test_as_so_redesignated_covers_provisions_inside() -> None:
    """A provision inside a redesignated one is also named `as so redesignated`."""
    text = instructions(
        [Redesignate((c("c"), c("d")), ("d", "e")), Strike(c("d", "1"), "x")], acts=ACTS
    )
    assert text.endswith("(2) in subsection (d)(1), as so redesignated, by striking “x”.")


# --- round trip through the parser (instructions/parse.py) --------------------------------

ROUND_TRIP = [(i, [a]) for i, a, _ in SINGLE] + [(i, a) for i, a, _ in CONSOLIDATED]


@pytest.mark.parametrize("amendments", [pytest.param(a, id=i) for i, a in ROUND_TRIP])
def test_parser_reads_the_wording_back(statute: Statute, amendments: list[Amendment]) -> None:
    """Worded, read as a bill and parsed, the golden amendments come back unchanged (in the
    order the bill words them: the order of the provisions)."""
    from billdraft.bills import read_bill_text
    from billdraft.instructions.order import provision_order
    from billdraft.instructions.parse import parse_bill

    text = instructions(amendments, statute, acts=ACTS)
    parsed = parse_bill(read_bill_text("SEC. 2. AMENDMENTS.\n" + text), acts=ACTS)
    assert [p.error for p in parsed if p.error is not None] == []
    read = [a for p in parsed for a in p.amendments or ()]
    if read != provision_order(amendments):
        # `striking subparagraphs (B) and (C)` reads as two strikes, worded from one strike of
        # (B) through (C): the same provisions go, which is what must come back
        assert len(read) > len(amendments)
        strikes = [a for a in read if isinstance(a, StrikeProvision)]
        assert len(strikes) == len(read)
        ours = apply(statute, amendments).statute
        theirs = apply(statute, read).statute
        section = amendments[0].target.section_cite
        assert list(theirs.section(section).lines()) == list(ours.section(section).lines())


@pytest.mark.parametrize(
    ("amendment", "phrase"),
    [
        (
            AddAtEnd(c("c", "1"), (Subparagraph("C", content="y."),)),
            "by adding at the end the following new subparagraph:",
        ),
        (
            AddAtEnd(SEC, (KAZAKHSTAN, Subsection("g", content="z."))),
            "by adding at the end the following new subsections:",
        ),
        (
            InsertProvisions(c("a", "3"), (Paragraph("4", content="y"),)),
            "by inserting after paragraph (3) the following new paragraph:",
        ),
    ],
)
def test_new_level_names_the_inserted_matter(amendment: Amendment, phrase: str) -> None:
    """With `new_level`, insertions say what they insert (`the following new paragraph:`)."""
    text = instructions([amendment], acts=ACTS, new_level=True)
    assert text.splitlines()[0].endswith(f" is amended {phrase}")
    assert instructions([amendment], acts=ACTS).splitlines()[0].endswith("the following:")


def test_new_level_lets_the_parser_read_a_lone_letter(statute: Statute) -> None:
    """`the following new subparagraph:` tells the block reader that “(C)” is a subparagraph."""
    from billdraft.bills import read_bill_text
    from billdraft.instructions.parse import parse_bill

    amendments = CONSOLIDATED[1][1]
    text = instructions(amendments, statute, acts=ACTS, new_level=True)
    parsed = parse_bill(read_bill_text("SEC. 2. AMENDMENTS.\n" + text), acts=ACTS)
    assert [a for p in parsed for a in p.amendments or ()] == amendments


# --- law a Cite cannot name -------------------------------------------------------------------

_HTS = "the Harmonized Tariff Schedule of the United States"
_CH62 = Container(_HTS, (("chapter", "62"),))
_CBSA = Container(
    "the Customs Border Security Act of 2002", (("section", "311"),), (), "19 U.S.C. 2075 note"
)

OUTSIDE = [
    (
        StrikeInsert(Container(_HTS, (("subheading", "6204.62.40"),)), "X", "Y"),
        "Subheading 6204.62.40 of the Harmonized Tariff Schedule of the United States is amended "
        "by striking “X” and inserting “Y”.",
    ),
    (
        Insert(_CBSA.provision_child("b"), "new", after="old"),
        "Section 311(b) of the Customs Border Security Act of 2002 (19 U.S.C. 2075 note) is "
        "amended by inserting “new” after “old”.",
    ),
    (
        StrikeThrough(_CBSA, "from", "to", "new"),
        "Section 311 of the Customs Border Security Act of 2002 (19 U.S.C. 2075 note) is amended "
        "by striking “from” and all that follows through “to” and inserting “new”.",
    ),
    (
        StrikeProvision(_CBSA.provision_child("b", "3")),
        "Section 311(b) of the Customs Border Security Act of 2002 (19 U.S.C. 2075 note) is "
        "amended by striking paragraph (3).",
    ),
    (
        StrikeProvision(_CBSA),
        "Section 311 of the Customs Border Security Act of 2002 (19 U.S.C. 2075 note) is repealed.",
    ),
    (
        StrikeProvision(
            _CH62.child("superior text to subheading", "6203.49.10"),
            _CH62.child("subheading", "6203.49.80"),
            replacement_text="new rows",
        ),
        "Chapter 62 of the Harmonized Tariff Schedule of the United States is amended by striking "
        "subheadings 6203.49.10 through 6203.49.80 and the immediate superior text to subheading "
        "6203.49.10, and inserting the following: “new rows”.",
    ),
    (
        Redesignate(
            (_CBSA.provision_child("e"), _CBSA.provision_child("f"), _CBSA.provision_child("g")),
            ("d", "e", "f"),
        ),
        "Section 311 of the Customs Border Security Act of 2002 (19 U.S.C. 2075 note) is amended "
        "by redesignating subsections (e) through (g) as subsections (d) through (f), "
        "respectively.",
    ),
    (
        Redesignate((_CBSA.provision_child("e"), _CBSA.provision_child("f")), ("d", "e")),
        "Section 311 of the Customs Border Security Act of 2002 (19 U.S.C. 2075 note) is amended "
        "by redesignating subsections (e) and (f) as subsections (d) and (e), respectively.",
    ),
    (
        AmendHeading(Container("the Homeland Security Act of 2002", (("title", "IV"),)), "X"),
        "Title IV of the Homeland Security Act of 2002 is amended by amending the heading to read "
        "as follows: “X”.",
    ),
    (
        AddAtEnd(_CBSA.provision_child("b"), (Paragraph("4", None, "Text."),)),
        "Section 311(b) of the Customs Border Security Act of 2002 (19 U.S.C. 2075 note) is "
        "amended by adding at the end the following:\n  “(4) Text.”.",
    ),
    (
        InsertProvisions(_CBSA.provision_child("b", "3"), (Paragraph("4", None, "Text."),)),
        "Section 311(b) of the Customs Border Security Act of 2002 (19 U.S.C. 2075 note) is "
        "amended by inserting after paragraph (3) the following:\n  “(4) Text.”.",
    ),
    (
        AmendToRead(_CBSA.provision_child("c"), Subsection("c", "Heading", "Text.")),
        "Section 311(c) of the Customs Border Security Act of 2002 (19 U.S.C. 2075 note) is "
        "amended to read as follows:\n  “(c) Heading.—Text.”.",
    ),
]


@pytest.mark.parametrize(
    ("amendment", "words"), OUTSIDE, ids=[type(o[0]).__name__ for o in OUTSIDE]
)
def test_container_targets_are_worded_and_parse_back(amendment: Amendment, words: str) -> None:
    """An amendment to law a Cite cannot name is worded with the container as its subject (or
    the level holding a struck provision), and the words parse back to the same object."""
    from billdraft.bills import BLOCK_MARK
    from billdraft.instructions.parse import parse_instruction

    text = instructions([amendment])
    assert text == words
    head, *block = text.split("\n")
    if block:
        provisions = getattr(amendment, "provisions", None) or (amendment.provision,)  # type: ignore[union-attr]
        got = parse_instruction(f"{head} {BLOCK_MARK}.", new_matter=[tuple(provisions)])
    else:
        got = parse_instruction(text)
    assert got == [amendment]


def test_container_instructions_stand_alone_in_order() -> None:
    """A Container-targeted amendment is its own instruction, in bill order; the next Code
    section names its Act in full again."""
    outside = StrikeInsert(Container(_HTS, (("subheading", "6204.62.40"),)), "X", "Y")
    first = Strike(c("a"), "annual")
    after = Strike(SEC403, "annual")
    worded = word_instructions([first, outside, after], acts=ACTS)
    assert [w.section for w in worded] == [SEC, outside.target, SEC403]
    assert worded[1].text.startswith("Subheading 6204.62.40 of the Harmonized")
    assert worded[2].text.startswith("Section 403 of the Trade Act of 1974 (19 U.S.C. 2433)")
    # without the container in between, the second section says `such Act`
    plain = word_instructions([first, after], acts=ACTS)
    assert plain[1].text.startswith("Section 403 of such Act")


def test_container_scope_that_needs_the_law_is_refused() -> None:
    """`in the matter preceding …` of a container cannot be named: the error says so."""
    amendment = Strike(_CBSA, "x", scope=Scope.CHAPEAU)
    with pytest.raises(AmendmentError) as e:
        instructions([amendment])
    assert "cannot word" in e.value.message and str(_CBSA) in e.value.message
