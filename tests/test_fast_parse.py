"""The LALR parse tried before Earley (billdraft.instructions.fast): it reads the common forms of
amendatory language with the tree Earley gives, and leaves the rest to Earley."""

from __future__ import annotations

from pathlib import Path

import pytest
from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from billdraft.amendments import Redesignate, StrikeInsert
from billdraft.bills import read_bill
from billdraft.cite import Cite
from billdraft.instructions import fast
from billdraft.instructions import parse as parse_module
from billdraft.instructions.parse import parse_instruction, prepare

_KINDS = frozenset(
    {"BARENUM", "CONTAINER", "DES", "FREE_SENTENCE", "HTSNUM", "HTS_LEVEL", "ID", "QUOTE"}
    | {"SECNUM", "SENTENCE", "SUPERIOR", "TOC"}
)
"""The token kinds the reader asks for by name (every other token it reads by place or words)."""

Reading = tuple[object, ...] | str


def reading(tree: Tree[Token] | Token) -> Reading:
    """What the reader sees of a parse tree: rules, tokens of the kinds it asks for by name, every
    token's words and place — not which rule an item's ending `;` is, nor whether an item's
    designation is named a letter or a numeral (both are read the same)."""
    if isinstance(tree, Token):
        return (tree.type if tree.type in _KINDS else "", str(tree), tree.start_pos)
    if tree.data == "end":
        return "end"
    name = "item" if tree.data.endswith("_item") and tree.data != "listed_item" else tree.data
    return (str(name), tuple(reading(c) for c in tree.children))


def earley(text: str) -> Reading | None:
    try:
        return reading(parse_module._unfactor(parse_module._parser().parse(text, start="start")))
    except UnexpectedInput:
        return None


def lalr(text: str) -> Reading | None:
    tree = fast.parse(text)
    return None if tree is None else reading(parse_module._unfactor(tree))


FORMS = [
    # H.R. 644 (114th), Sec. 701: the plainest form
    "Section 402 of the Trade Act of 1974 «C0» is amended by striking «Q0» and inserting «Q1» .",
    # designations joined by commas and `and`, before the comma that ends the scope
    "Section 5 of the Trade Act of 1974 «C0» is amended— (1) in subparagraphs (A), (B), and (C) of "
    "paragraph (2), by striking «Q0» ; and (2) by striking paragraphs (1), (2), (3), and (4).",
    # a history with its own citation, then the verb
    "Section 801(f) of the National Defense Authorization Act for Fiscal Year 2010 «N» , as most "
    "recently amended by section 1214 of the National Defense Authorization Act for Fiscal Year "
    "2018 «N» , is further amended by striking «Q0» and inserting «Q1» .",
    # a long history whose citation is the target's
    "Senate Resolution 89, 100th Congress, agreed to January 28, 1987, as enacted into law by "
    "section 9 of the Legislative Branch Appropriations Act, 1990 «C0» , is amended by striking "
    "«Q0» and inserting «Q1» .",
    # (i) after (h) is a letter; (i) after (A) a numeral; (aa) a doubled letter
    "Section 7 of the Trade Act of 1974 «C0» is amended— (g) by striking «Q0» ; (h) by striking "
    "«Q1» ; (i) by striking «Q2» ; and (j) by striking «Q3» .",
    "Section 313(j) of the Tariff Act of 1930 «C0» is amended— (1) in paragraph (1)— (A) in "
    "subparagraph (A), in the matter preceding clause (i)— (i) by striking «Q0» and inserting «Q1» "
    "; and (ii) by inserting «Q2» after «Q3» ; and (B) in the flush text at the end, by striking "
    "«Q4» and inserting «Q5» .",
    "Section 4 of the Federal Pay Comparability Act of 1970 «C0» is amended— (i) in subsection (a)"
    "— (I) in paragraph (1)— (aa) in subparagraph (A), by striking «Q0» ; and (bb) by striking "
    "«Q1» ; and (II) by striking «Q2» .",
    # `such section N`, a section of the Act named before
    "Subsection (d)(2) of such section 1181 is amended by adding at the end the following "
    "subparagraph: «B0» .",
    # `The following sections of …`, not an Act's name
    "The following sections of title 10, United States Code, are amended by striking «Q0» and "
    "inserting «Q1» : (1) Section 2130a(a)(1), relating to nurse officer candidate accession "
    "program. (2) Section 16302(d), relating to repayment of education loans.",
    # the scope after `is amended,`; a margin direction after a comma; `, respectively`
    "Section 101 of the Secure Rural Schools and Community Self-Determination Act of 2000 «C0» is "
    "amended, in subsections (a) and (b), by striking «Q0» each place it appears and inserting "
    "«Q1» .",
    "Section 9 of the Trade Act of 1974 «C0» is amended by striking paragraph (4), by "
    "redesignating paragraphs (5) and (6) as paragraphs (4) and (5), respectively, and by "
    "inserting after paragraph (5) the following: «B0» .",
    "Section 38(b) of such Code is amended by striking «Q0» at the end of paragraph (40), by "
    "striking the period at the end of paragraph (41), and by adding at the end the following new "
    "paragraph: «B0» .",
    "Section 3 of the Trade Act of 1974 «C0» is amended by striking subparagraph (B) and by "
    "redesignating subparagraphs (C) and (D) as subparagraphs (B) and (C), respectively.",
    "Section 12 of the Trade Act of 1974 «C0» is amended— (1) in paragraph (2), by striking «Q0» "
    "and inserting «Q1» , and by moving the margins of such paragraph 2 ems to the left; and (2) "
    "by striking «Q2» .",
    # a codification bill's `and substituting`; `The heading for`
    "Section 6 of Public Law 89–72 «C0» is amended— (A) in subsection (a), by striking «Q0» and "
    "substituting «Q1» ; and (B) in subsection (b), by striking «Q2» and substituting «Q3» .",
    "The heading for section 42(b)(2) is amended by striking «Q0» and inserting «Q1» .",
    # where the quoted words are, after them; `the heading thereof`
    "Section 897(c)(1)(A) is amended by inserting «Q0» after «Q1» in the matter preceding clause "
    "(i).",
    "Section 1202(a)(4) is amended— (1) by striking «Q0» , and (2) by striking «Q1» in the "
    "heading thereof and inserting «Q2» .",
    # a section struck with its item in the table
    "Subchapter B of chapter 65 is amended by striking section 6431 (and by striking the item "
    "relating to such section in the table of sections for such subchapter).",
    # containers of an Act
    "Section 512 of title V of division J of Public Law 108–447 is amended by striking «Q0» and "
    "inserting «Q1» .",
    "The first section of the Pittman-Robertson Wildlife Restoration Act «C0» is amended by "
    "adding at the end the following: «Q0» .",
]


@pytest.mark.parametrize("text", FORMS, ids=[f"form{i}" for i in range(len(FORMS))])
def test_lalr_reads_form_as_earley(text: str) -> None:
    expected = earley(text)
    assert expected is not None, "Earley must read every form listed"
    got = lalr(text)
    assert got is not None, "the LALR grammar must read this form"
    assert got == expected


def test_letter_or_numeral_decided_by_the_designation_before() -> None:
    text = FORMS[4]
    tree = fast.parse(text)
    assert tree is not None
    kinds = {str(t): t.type for t in tree.scan_values(lambda v: isinstance(v, Token))}
    assert kinds["(i)"] == "LOWDES"  # after (h)
    tree = fast.parse(FORMS[5])
    assert tree is not None
    kinds = {str(t): t.type for t in tree.scan_values(lambda v: isinstance(v, Token))}
    assert kinds["(i)"] == "LOWROMAN" and kinds["(ii)"] == "LOWROMAN"
    tree = fast.parse(FORMS[6])
    assert tree is not None
    kinds = {str(t): t.type for t in tree.scan_values(lambda v: isinstance(v, Token))}
    assert kinds["(I)"] == "UPROMAN" and kinds["(aa)"] == "LOWDOUBLE"


def test_form_lalr_does_not_read_goes_to_earley() -> None:
    # `striking “X” and inserting “Y” after “Z”`: LALR cannot tell it from a plain strike and
    # insert by the next word, so it leaves it to Earley
    words = (
        "Section 402(a) of the Trade Act of 1974 (19 U.S.C. 2432(a)) is amended by striking "
        "“nonmarket” and inserting “market” after “the”."
    )
    assert fast.parse(prepare(words).text) is None
    assert earley(prepare(words).text) is not None
    amendments = parse_instruction(words)
    assert len(amendments) == 1 and isinstance(amendments[0], StrikeInsert)


def test_common_forms_never_run_earley(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("Earley ran for a form the LALR grammar reads")

    monkeypatch.setattr(parse_module, "_parser", refuse)
    words = (
        "Section 402 of the Trade Act of 1974 (19 U.S.C. 2432) is amended— (1) by redesignating "
        "subsections (b) and (c) as subsections (c) and (d), respectively; and (2) in subsection "
        "(a)(1), by striking “nonmarket” and inserting “market”."
    )
    amendments = parse_instruction(words, default="the Trade Act of 1974")
    assert [type(a) for a in amendments] == [Redesignate, StrikeInsert]
    assert amendments[1].target == Cite.parse("19 U.S.C. 2432(a)(1)")


def test_same_amendments_with_or_without_lalr(monkeypatch: pytest.MonkeyPatch) -> None:
    words = (
        "Section 402 of the Trade Act of 1974 (19 U.S.C. 2432) is amended— (1) in subsection (a), "
        "in the matter preceding paragraph (1), by striking “nonmarket” and inserting “market”; "
        "and (2) by adding at the end the following: “(f) Kazakhstan.—This section does not "
        "apply to Kazakhstan.”."
    )
    quick = parse_instruction(words)
    monkeypatch.setattr(fast, "parse", lambda text, start="start": None)
    assert parse_instruction(words) == quick


def test_every_instruction_of_the_real_bills(shared_dir: Path) -> None:
    """Every instruction of ../shared/bills that Earley reads: LALR reads it with the same tree,
    or does not read it; and it reads nearly all of them."""
    bills = sorted(p for p in (shared_dir / "bills").rglob("*") if p.suffix.lower() == ".xml")
    read = same = 0
    different: list[str] = []
    for path in bills:
        for ins in read_bill(path).instructions:
            text = prepare(ins.text).text
            expected = earley(text)
            if expected is None:
                continue
            read += 1
            got = lalr(text)
            if got is None:
                continue
            if got == expected:
                same += 1
            else:
                different.append(f"{path.name} {ins.label}: {text[:120]}")
    assert not different, different
    assert read > 600
    assert same >= 0.98 * read, f"LALR read {same} of {read}"


def test_unclosed_quotation_is_recorded_not_raised() -> None:
    # the subject reader, run for an instruction that did not parse, prepares the words again:
    # an unclosed quotation must be the instruction's recorded error, never an exception
    from billdraft.bills import Bill, Instruction
    from billdraft.instructions.parse import parse_bill

    text = "Section 402(a) of the Trade Act of 1974 is amended by striking “nonmarket economy"
    (result,) = parse_bill(Bill(instructions=(Instruction("Sec. 3", text),)))
    assert result.amendments is None
    assert result.error is not None and "closing quotation mark" in str(result.error)


@pytest.mark.parametrize("use_lalr", [True, False], ids=["lalr", "earley"])
def test_item_ends_with_a_comma_before_the_next_designation(
    monkeypatch: pytest.MonkeyPatch, use_lalr: bool
) -> None:
    # H.R. 2029 (114th), Div. Q, Sec. 124(c)(2), and the Tax Cuts and Jobs Act (H.R. 1, 115th)
    # separate items with `, and`: `(B)` is the next item, not `paragraphs (1) and (B)`
    from billdraft.amendments import Strike, StrikeProvision

    if not use_lalr:
        monkeypatch.setattr(fast, "parse", lambda text, start="start": None)
    words = (
        "Section 179(f) of the Internal Revenue Code of 1986 is amended— (A) by striking "
        "“beginning after 2009 and before 2016” in paragraph (1), and (B) by striking "
        "paragraphs (3) and (4)."
    )
    amendments = parse_instruction(words)
    assert [type(a) for a in amendments] == [Strike, StrikeProvision]
    assert amendments[0].target == Cite.parse("26 U.S.C. 179(f)(1)")
    assert amendments[1].target == Cite.parse("26 U.S.C. 179(f)(3)")
    # and a scope of two designations joined by `and` still reads as one scope
    words = (
        "Section 4101 of the Native American Housing Assistance and Self-Determination Act of "
        "1996 (25 U.S.C. 4101) is amended in paragraphs (6) and (7) by striking “should” each "
        "place it appears and inserting “shall”."
    )
    targets = [a.target for a in parse_instruction(words)]
    assert targets == [Cite.parse("25 U.S.C. 4101(6)"), Cite.parse("25 U.S.C. 4101(7)")]


def test_words_no_index_places_are_refused_without_a_second_parse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # without an Act index, `section 5 of the Foo Act` is refused for its words: Earley's parse
    # of the same words would be refused too, so it is not run (a bill of thousands of such
    # instructions would otherwise be parsed twice over)
    from billdraft.errors import InstructionParseError

    def refuse() -> None:
        raise AssertionError("Earley ran for words no parse can place")

    monkeypatch.setattr(parse_module, "_parser", refuse)
    words = "Section 5 of the Foo Bar Act of 1999 is amended by striking “x” and inserting “y”."
    with pytest.raises(InstructionParseError, match="Act-section index"):
        parse_instruction(words)


def test_tables_kept_only_in_a_folder_of_the_users_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # lark keeps the tables with pickle, and loading a pickle runs what it holds: the file goes in
    # $XDG_CACHE_HOME/billdraft, made private, never in the shared temporary folder; a folder
    # others may write is not used at all
    import os
    import subprocess
    import sys

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = fast.cache_folder()
    assert folder == tmp_path / "billdraft"
    assert folder.stat().st_mode & 0o777 == 0o700
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    code = "from billdraft.instructions import fast; fast.parse('Section 5 is amended by striking «Q0» .')"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120)
    assert [p.name.startswith("lalr-start-") for p in folder.iterdir()] == [True]
    folder.chmod(0o777)
    assert fast.cache_folder() is None
    assert fast._cache_file("start", "grammar") is False
