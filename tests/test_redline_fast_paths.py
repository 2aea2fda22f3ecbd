"""The quick paths of the redline match the slow ones they stand in for.

A redline reads untouched provisions lazily (`_Untouched`), prints them as `PlainLine`s, writes
them to Word straight from those lines, elides them without laying them out, and collapses the
white space of most changed blocks without tokenizing them. Each of these must give exactly what
the general path gives: the same nodes, the same paragraphs, the same markup.
"""

from __future__ import annotations

import gc
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from billdraft.amendments import Amendment, Strike
from billdraft.apply import Result
from billdraft.cite import Cite
from billdraft.diff import (
    BlockDiff,
    Edit,
    Op,
    Paragraph,
    PlainLine,
    Redline,
    _find,
    _Log,
    _normalize_space,
    _printed_as_is,
    _replay_log,
    _Untouched,
    _whole,
    elide,
    paused_gc,
    redline,
)
from billdraft.render.docx.oxml import Revisions
from billdraft.render.docx.redline import _Writer, write_redline_docx
from billdraft.render.docx.statute import new_document
from billdraft.statute import Statute
from test_diff import random_result


@pytest.fixture(scope="module")
def redlines(title19: Statute) -> list[tuple[Result, Redline]]:
    out = []
    for seed in (3, 17, 2024):
        result = random_result(title19, seed, n=12, sections=4)
        out.append((result, redline(result)))
    return out


def _untouched(rl: Redline) -> list[_Untouched]:
    return [p for p in rl if isinstance(p, _Untouched)]


def test_untouched_nodes_equal_the_eager_tree(redlines: list[tuple[Result, Redline]]) -> None:
    """A lazy node reads as the all-EQUAL tree `_whole` builds from the same element."""
    seen = 0
    for _, rl in redlines:
        for node in _untouched(rl):
            eager = _whole(node.element, Op.EQUAL, None, status="unchanged")
            assert node == eager and hash(node) == hash(eager)
            assert not node.changed and not node.redesignated
            seen += 1
    assert seen > 10


def test_lines_are_the_paragraphs(redlines: list[tuple[Result, Redline]]) -> None:
    """`lines()` gives `paragraphs()` with untouched ones as plain strings, in the same order."""
    for _, rl in redlines:
        lines = list(rl.lines())
        paras = rl.paragraphs()
        assert len(lines) == len(paras)
        plain = 0
        for line, para in zip(lines, paras, strict=True):
            if isinstance(line, PlainLine):
                plain += 1
                assert para.status == "unchanged" and not para.changed
                assert (line.level, line.depth) == (para.level, para.depth)
                assert line.pieces == tuple((r, e.text) for r, e in para.pieces)
                assert all(e.op == Op.EQUAL for _, e in para.pieces)
                assert isinstance(para.provision, _Untouched)
                assert para.provision.element is line.element
            else:
                assert line is para
        assert plain > 0


@pytest.mark.parametrize("context", [0, 1, 2, 5])
def test_excerpt_is_elide_of_the_paragraphs(
    redlines: list[tuple[Result, Redline]], context: int
) -> None:
    """`excerpt` keeps what `elide` keeps of the full layout, the same paragraphs."""
    for result, _ in redlines:
        fresh = redline(result)  # nothing laid out yet: excerpt first
        shown = {id(s): fresh.excerpt(s, context) for s in fresh.sections}
        for sec in fresh.sections:
            expected = elide(fresh.paragraphs(sec), context)
            got = shown[id(sec)]
            assert [p is None for p in got] == [p is None for p in expected]
            for a, b in zip(got, expected, strict=True):
                if a is not None and b is not None:
                    assert (a.level, a.depth, a.status, a.pieces, a.amendment) == (
                        b.level,
                        b.depth,
                        b.status,
                        b.pieces,
                        b.amendment,
                    )
                    assert a.provision == b.provision


def test_plain_lines_write_the_markup_of_their_paragraphs(
    redlines: list[tuple[Result, Redline]],
) -> None:
    """The Word writer's quick path for a plain line writes what it writes for the paragraph."""
    for _, rl in redlines:
        document = new_document()
        quick, general = _Writer(document, Revisions()), _Writer(document, Revisions())
        for line, para in zip(rl.lines(), rl.paragraphs(), strict=True):
            if isinstance(line, PlainLine):
                quick.plain(line)
                general.group([para])
        assert quick.body and quick.body == general.body


_AM: list[Amendment] = [
    Strike(Cite.parse("19 U.S.C. 2432(a)"), "x", label=f"Sec. {k}") for k in range(2)
]
_WORDS = ["", "a", "bb", "c.", "(1)", "—", "d,", " ", " q ", "x y", " z", "w ", "\n  ", "\xa0"]


@st.composite
def _edits(draw: st.DrawFn) -> list[Edit]:
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from([Op.EQUAL, Op.DELETE, Op.INSERT]))
        text = "".join(draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4)))
        who = draw(st.sampled_from([None, *_AM])) if op != Op.EQUAL or draw(st.booleans()) else None
        pieces.append(Edit(op, text, who))
    if draw(st.booleans()):
        pieces.insert(0, Edit(Op.EQUAL, draw(st.sampled_from(["\n   ", " ", ""])) + "Lead x"))
        pieces.append(Edit(Op.EQUAL, "tail y" + draw(st.sampled_from(["\n   ", " ", ""]))))
    return pieces


@given(_edits())
def test_white_space_quick_path_matches_the_tokenizer(edits: list[Edit]) -> None:
    """When `_printed_as_is` answers, it answers what `_normalize_space` works out."""
    if all(e.op == Op.EQUAL for e in edits):
        return
    quick = _printed_as_is(edits)
    if quick is not None:
        assert quick == _normalize_space(edits)


def test_paused_gc_restores_the_collector() -> None:
    """The collector is paused inside, running again after (even on error), left off if off."""
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_paragraph_type_of_lazy_lines(redlines: list[tuple[Result, Redline]]) -> None:
    """Materialized lines are real `Paragraph`s naming their (lazy) provision."""
    _, rl = redlines[0]
    paras = [p for p in rl.paragraphs() if isinstance(p.provision, _Untouched)]
    assert paras and all(isinstance(p, Paragraph) for p in paras)


def _full_replay(result: Result) -> _Log:
    """The log replayed the general way: every provision of every section indexed up front."""
    log = _Log(result.original.section_elements().values())
    log.replay(result.changes)
    return log


def test_text_only_sections_replay_as_the_full_index_does(
    redlines: list[tuple[Result, Redline]],
    title19: Statute,
) -> None:
    """A section whose changes are all to text is not indexed; its replay gives the same pieces,
    amendments and redline as the general replay over a full index."""
    text_only = 0
    for result, rl in [*redlines, (_amended_in_text(title19), None)]:
        sections = result.changed_sections
        section_of = [
            Cite.from_identifier(c.identifier).section_cite.identifier for c in result.changes
        ]
        quick, full = _replay_log(result, sections, section_of), _full_replay(result)
        text_only += len(quick.text_only)
        assert quick.pieces == full.pieces
        assert quick.block_amendments == full.block_amendments
        assert (quick.struck, quick.inserted, quick.rewritten, quick.renumbered) == (
            full.struck,
            full.inserted,
            full.rewritten,
            full.renumbered,
        )
        # every provision the full index maps elsewhere (or drops) is in the quick one too
        assert {k: v for k, v in full.orig_of.items() if k != v} == {
            k: v for k, v in quick.orig_of.items() if k != v
        }
        if rl is not None:
            assert rl.paragraphs() == redline(result).paragraphs()
    assert text_only >= 3


def _amended_in_text(statute: Statute) -> Result:
    """Strikes of one word in several sections: every section text-only."""
    from billdraft.apply import apply

    amendments = []
    for sec in statute.sections[100:110]:
        for prov in sec.walk():
            text = prov.content or prov.chapeau
            if text and " the " in f" {text} ":
                amendments.append(
                    Strike(
                        prov.cite, "the", occurrence=1, scope="text" if prov.content else "chapeau"
                    )
                )
                break
    return apply(statute, amendments, errors="collect")


def test_find_follows_identifiers_down_and_falls_back_to_a_walk() -> None:
    """`_find` gives the first provision so identified in document order, nested or not."""
    ns = "http://xml.house.gov/schemas/uslm/1.0"
    sec = etree.fromstring(
        f'<section xmlns="{ns}" identifier="/us/usc/t1/s1">'
        '<subsection identifier="/us/usc/t1/s1/a"><paragraph identifier="/us/usc/t1/s1/a/1"/>'
        '<paragraph identifier="/us/usc/t1/s1/odd"/></subsection>'
        '<subsection identifier="/us/usc/t1/s1/b"/></section>'
    )
    assert _find(sec, "/us/usc/t1/s1") is sec
    assert _find(sec, "/us/usc/t1/s1/a/1") is sec[0][0]
    assert _find(sec, "/us/usc/t1/s1/b") is sec[1]
    assert _find(sec, "/us/usc/t1/s1/odd") is sec[0][1]  # not under its parent's identifier
    assert _find(sec, "/us/usc/t1/s1/c") is None


def test_docx_refuses_text_xml_cannot_carry_and_leaves_no_file(
    redlines: list[tuple[Result, Redline]], tmp_path: Path
) -> None:
    """A character XML 1.0 cannot carry is refused with its code point; no partial file stays."""
    _, rl = redlines[0]
    out = tmp_path / "bad.docx"
    with pytest.raises(ValueError, match=r"found the character U\+0007"):
        write_redline_docx(rl, out, author="bill\x07draft")
    assert not out.exists()
    section = rl.sections[0]
    bad = replace(section, blocks=(BlockDiff("content", (Edit(Op.INSERT, "a\x01b"),)),))
    with pytest.raises(ValueError, match=r"found the character U\+0001 after 'a'"):
        write_redline_docx(Redline((*rl.sections, bad)), out)
    assert not out.exists()
    write_redline_docx(rl, out)  # and the good redline still writes, whole
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        assert "word/document.xml" in z.namelist() and "[Content_Types].xml" in z.namelist()
