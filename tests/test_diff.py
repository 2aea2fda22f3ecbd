"""Redlines: word diffs, replaying the change log, and the two invariants on random Title 19 edits."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from billdraft.amendments import (
    AmendHeading,
    Amendment,
    Insert,
    Scope,
    Strike,
    StrikeInsert,
    StrikeProvision,
)
from billdraft.apply import Result, apply
from billdraft.cite import Cite
from billdraft.diff import (
    Edit,
    Op,
    Redline,
    _dmp_fast,
    _dmp_python,
    _replay,
    _tokens_to_chars,
    diff,
    redline,
    section_text,
    word_diff,
)
from billdraft.statute import Provision, Statute, block_text, load
from billdraft.textblock import find_all

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TITLE19 = SHARED / "uslm" / "usc19"
S2432 = TITLE19 / "2432.xml"
DRAFTS = Path(__file__).resolve().parents[1] / "drafts"


def _need_shared() -> None:
    if not TITLE19.is_dir():
        pytest.skip(f"../shared/ is absent: {TITLE19} does not exist (reference data, not in git)")


@pytest.fixture(scope="module")
def s2432() -> Statute:
    _need_shared()
    return load(S2432)


# --- random amendments over any section -------------------------------------------------------

_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")
_SCOPES = {
    "heading": Scope.HEADING,
    "chapeau": Scope.CHAPEAU,
    "continuation": Scope.CONTINUATION,
    "content": Scope.TEXT,
}
_FILLER = [
    "Kazakhstan",
    "the Secretary",
    "not later than 90 days",
    "each",
    "foreign",
    "2027",
    "or any successor provision",
    "shall",
    "nonmarket economy",
]


def _blocks(sec: Provision) -> list[tuple[Provision, str, str]]:
    out = []
    for prov in sec.walk():
        if prov.level == "section":
            continue
        for kind, el in prov.blocks():
            if kind in _SCOPES and (kind != "content" or not prov.children):
                text = block_text(el)
                if len(_WORD.findall(text)) >= 2:
                    out.append((prov, kind, text))
    return out


def random_amendment(
    rng: random.Random, statute: Statute, section: Provision, label: str
) -> Amendment | None:
    """One Strike / StrikeInsert / Insert of a whole-word span (sometimes a heading or a strike
    of a provision), placed exactly: the occurrence is named when the words recur."""
    blocks = _blocks(section)
    if not blocks:
        return None
    prov, kind, text = rng.choice(blocks)
    target = Cite.from_identifier(prov.identifier)
    roll = rng.random()
    if roll < 0.05 and prov.parent is not None and prov.parent.level != "section":
        return StrikeProvision(target, label=label)
    if roll < 0.1 and kind == "heading":
        return AmendHeading(target, rng.choice(_FILLER).capitalize(), label=label)
    words = list(_WORD.finditer(text))
    i = rng.randrange(len(words))
    j = min(len(words), i + rng.randint(1, 4))
    start, end = words[i].start(), words[j - 1].end()
    span = text[start:end]
    spans = find_all(text, span)
    if (start, end) not in spans:
        return None
    occurrence = spans.index((start, end)) + 1 if len(spans) > 1 else None
    scope = _SCOPES[kind]
    kind_roll = rng.random()
    if kind_roll < 0.35:
        return Strike(target, span, occurrence=occurrence, scope=scope, label=label)
    if kind_roll < 0.7:
        return StrikeInsert(
            target, span, rng.choice(_FILLER), occurrence=occurrence, scope=scope, label=label
        )
    where = {"after": span} if rng.random() < 0.5 else {"before": span}
    return Insert(
        target, rng.choice(_FILLER), occurrence=occurrence, scope=scope, label=label, **where
    )


def random_result(statute: Statute, seed: int, n: int = 8, sections: int = 3) -> Result:
    """Apply a random set of amendments to a few random sections (failures collected, dropped)."""
    rng = random.Random(seed)
    secs = rng.sample(statute.sections, sections)
    amendments = []
    for k in range(n):
        a = random_amendment(rng, statute, rng.choice(secs), f"Sec. {k + 1} of the bill")
        if a is not None:
            amendments.append(a)
    return apply(statute, amendments, errors="collect")


def section_texts(statute: Statute, idents: tuple[str, ...]) -> str:
    return "\n".join(section_text(statute.section(i)) for i in idents)


def assert_invariants(rl: Redline, *, logged: bool) -> None:
    for prov in rl:
        for block in prov.blocks:
            ops = [e.op for e in block.edits]
            # struck text always precedes inserted text within a stretch of changes
            for a, b in itertools.pairwise(ops):
                assert not (a == Op.INSERT and b == Op.DELETE), block.edits
            if logged:
                for e in block.edits:
                    if e.op != Op.EQUAL:
                        assert e.amendment is not None, (prov.identifier, e)
    for para in rl.paragraphs():
        old = "".join(e.text for _, e in para.pieces if e.op != Op.INSERT)
        new = "".join(e.text for _, e in para.pieces if e.op != Op.DELETE)
        assert para.text("old") == old and para.text("new") == new


# --- word diff ----------------------------------------------------------------------------------

_words = st.lists(
    st.sampled_from(
        [
            "the",
            "President",
            "shall",
            "not",
            ",",
            "(a)",
            "—",
            "1975",
            "emigrate",
            " ",
            "  ",
            ";",
            "country",
            "Kazakhstan",
        ]
    ),
    max_size=40,
).map(lambda ws: " ".join(ws))


@given(_words, _words)
@settings(max_examples=200, deadline=None)
def test_word_diff_rebuilds_both_texts_and_never_splits_a_word(old: str, new: str) -> None:
    """Equal+delete pieces rebuild the old text, equal+insert the new; no word is ever split."""
    edits = word_diff(old, new)
    assert "".join(e.text for e in edits if e.op != Op.INSERT) == old
    assert "".join(e.text for e in edits if e.op != Op.DELETE) == new
    pos = {Op.DELETE: 0, Op.INSERT: 0}
    for e in edits:
        for op, text in ((Op.DELETE, old), (Op.INSERT, new)):
            if e.op in (op, Op.EQUAL):
                start = pos[op]
                end = start + len(e.text)
                for at in (start, end):
                    if 0 < at < len(text):
                        assert not (text[at - 1].isalnum() and text[at].isalnum()), (text, at)
                pos[op] = end


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("a b c", "a b c", [(Op.EQUAL, "a b c")]),
        (
            "to emigrate;",
            "to leave;",
            [(Op.EQUAL, "to "), (Op.DELETE, "emigrate"), (Op.INSERT, "leave"), (Op.EQUAL, ";")],
        ),
        (
            "Schedules of",
            "Schedule of",
            [(Op.DELETE, "Schedules"), (Op.INSERT, "Schedule"), (Op.EQUAL, " of")],
        ),
        ("", "new", [(Op.INSERT, "new")]),
        # -- an amount or a rate is one word: struck and inserted whole --
        (
            "exceed $25,000 for",
            "exceed $50,000 for",
            [
                (Op.EQUAL, "exceed "),
                (Op.DELETE, "$25,000"),
                (Op.INSERT, "$50,000"),
                (Op.EQUAL, " for"),
            ],
        ),
        (
            "of $1,250,000, or",
            "of $1,300,000, or",
            [
                (Op.EQUAL, "of "),
                (Op.DELETE, "$1,250,000"),
                (Op.INSERT, "$1,300,000"),
                (Op.EQUAL, ", or"),
            ],
        ),
        (
            "3.08 percent",
            "3.5 percent",
            [(Op.DELETE, "3.08"), (Op.INSERT, "3.5"), (Op.EQUAL, " percent")],
        ),
        ("old", "", [(Op.DELETE, "old")]),
    ],
)
def test_word_diff_cases(old: str, new: str, expected: list[tuple[Op, str]]) -> None:
    """Whole words struck and inserted, deletion first."""
    assert [(e.op, e.text) for e in word_diff(old, new)] == expected


def test_tokens_map_to_single_characters() -> None:
    """The linesToChars trick: each word, space run and mark is one character."""
    a, b, table = _tokens_to_chars("the President shall", "the Secretary shall")
    assert len(a) == 5 and len(b) == 5 and a[0] == b[0] and a[2] != b[2]
    assert table[:3] == ["the", " ", "President"]


def test_both_engines_agree_on_title19_sections(title19: Statute) -> None:
    """diff-match-patch and its C++ binding give the same word diff (so the faster is used)."""
    rng = random.Random(7)
    for sec in rng.sample(title19.sections, 25):
        old = section_text(sec)
        words = old.split(" ")
        for _ in range(5):
            if len(words) > 3:
                k = rng.randrange(len(words))
                words[k] = rng.choice(["Kazakhstan", "the", ""])
        new = " ".join(words)
        a, b, _ = _tokens_to_chars(old, new)
        assert _dmp_fast(a, b) == _dmp_python(a, b)


# --- replaying a change log ---------------------------------------------------------------------

A1 = Strike(Cite.parse("19 U.S.C. 2432(a)"), "x", label="A1")
A2 = Strike(Cite.parse("19 U.S.C. 2432(a)"), "y", label="A2")


@pytest.mark.parametrize(
    ("start", "edits", "change", "expected"),
    [
        # strike a word of the original
        ("a b c", [], (2, 4, ""), [(Op.EQUAL, "a "), (Op.DELETE, "b "), (Op.EQUAL, "c")]),
        # insert after text struck at the same point: deletion first
        (
            "a b c",
            [(2, 4, "", A1)],
            (2, 2, "X "),
            [(Op.EQUAL, "a "), (Op.DELETE, "b"), (Op.INSERT, "X"), (Op.EQUAL, " c")],
        ),
        # text inserted by one amendment and struck by a later one disappears
        ("a c", [(2, 2, "b ", A1)], (2, 4, ""), [(Op.EQUAL, "a c")]),
        # a strike spanning inserted and original text keeps only the original, struck
        (
            "a c d",
            [(2, 2, "b ", A1)],
            (2, 6, ""),
            [(Op.EQUAL, "a "), (Op.DELETE, "c "), (Op.EQUAL, "d")],
        ),
    ],
)
def test_replay(
    start: str,
    edits: list[tuple[int, int, str, Amendment]],
    change: tuple[int, int, str],
    expected: list[tuple[Op, str]],
) -> None:
    """Changes apply at their offsets in the then-current text; both views stay consistent."""
    pieces = [Edit(Op.EQUAL, start)]
    for s, e, ins, a in edits:
        _replay(pieces, s, e, ins, a)
    _replay(pieces, *change, A2)
    from billdraft.diff import _order

    got = [(e.op, e.text) for e in _order(pieces)]
    assert got == expected
    assert "".join(e.text for e in pieces if e.op != Op.INSERT) == start


def test_redline_of_section_402_every_amendment_draft(s2432: Statute) -> None:
    """The every-amendment draft: both views match the statutes, each edit names its amendment."""
    draft_file = DRAFTS / "section-402-every-amendment.toml"
    from billdraft.drafts import read_draft

    draft = read_draft(draft_file)
    statute = load(draft.statutes) if draft.statutes is not None else s2432
    result = apply(statute, draft.amendments())
    rl = redline(result)
    assert rl.text("old") == section_texts(result.original, result.changed_sections)
    assert rl.text("new") == section_texts(result.statute, result.changed_sections)
    assert_invariants(rl, logged=True)
    redesignated = [p for p in rl if p.redesignated]
    assert redesignated and all(p.old_identifier != p.identifier for p in redesignated)
    assert any(p.status == "struck" for p in rl) and any(p.status == "inserted" for p in rl)
    assert set(map(id, rl.amendments)) <= {id(a) for a in draft.amendments()}


def test_redesignation_shows_old_and_new_designation(s2432: Statute) -> None:
    """A struck paragraph shows whole; the one redesignated in its place shows (3) and (2)."""
    from billdraft.amendments import Redesignate

    a = StrikeProvision(Cite.parse("19 U.S.C. 2432(a)(2)"), label="Sec. 2(1)")
    b = Redesignate((Cite.parse("19 U.S.C. 2432(a)(3)"),), ("2",), label="Sec. 2(2)")
    rl = redline(apply(s2432, [a, b]))
    paras = {p.provision.old_identifier: p for p in rl.paragraphs()}
    struck = paras["/us/usc/t19/s2432/a/2"]
    assert struck.status == "struck" and struck.amendment is a
    moved = paras["/us/usc/t19/s2432/a/3"]
    assert [(e.op, e.text) for r, e in moved.pieces if r == "num"] == [
        (Op.DELETE, "(3)"),
        (Op.INSERT, "(2)"),
    ]
    order = [p.provision.old_identifier for p in rl.paragraphs()]
    assert order.index("/us/usc/t19/s2432/a/2") < order.index("/us/usc/t19/s2432/a/3")
    assert "[(3)]{(2)} imposes" in str(rl)


def test_diff_without_a_log_matches_the_redline_views(s2432: Statute) -> None:
    """diff() of two statutes rebuilds both; it finds a redesignation by its text."""
    from billdraft.amendments import Redesignate

    result = apply(
        s2432,
        [
            StrikeProvision(Cite.parse("19 U.S.C. 2432(a)(2)")),
            Redesignate((Cite.parse("19 U.S.C. 2432(a)(3)"),), ("2",)),
            StrikeInsert(Cite.parse("19 U.S.C. 2432(e)"), "numbered", "number"),
        ],
    )
    d = diff(result.original, result.statute)
    assert d.text("old") == section_texts(result.original, result.changed_sections)
    assert d.text("new") == section_texts(result.statute, result.changed_sections)
    assert_invariants(d, logged=False)
    moved = [p for p in d if p.redesignated]
    assert [p.identifier for p in moved] == ["/us/usc/t19/s2432/a/2"]
    assert moved[0].old_identifier == "/us/usc/t19/s2432/a/3"


def test_unchanged_statutes_give_an_empty_redline(s2432: Statute) -> None:
    """Nothing changed, nothing shown."""
    assert diff(s2432, s2432).sections == ()
    assert not redline(apply(s2432, [])).changed


# --- property tests on random edits of Title 19 ------------------------------------------------


@given(seed=st.integers(0, 10**9))
@example(seed=2857)  # (A) struck right after matter between subdivisions (19 U.S.C. 2117(b))
@example(seed=267582614)  # words put in the second of two continuations (19 U.S.C. 1305(b))
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_invariants_on_random_title19_edits(title19: Statute, seed: int) -> None:
    """Random whole-word edits anywhere in Title 19: redline and diff rebuild old and new law."""
    result = random_result(title19, seed)
    rl = redline(result)
    assert rl.text("old") == section_texts(result.original, result.changed_sections)
    assert rl.text("new") == section_texts(result.statute, result.changed_sections)
    assert_invariants(rl, logged=True)
    d = diff(result.original, result.statute)
    changed = tuple(s.identifier for s in d.sections)
    assert d.text("old") == section_texts(result.original, changed)
    assert d.text("new") == section_texts(result.statute, changed)
    assert_invariants(d, logged=False)
