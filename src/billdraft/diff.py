"""Redlines: what changed in a statute, provision by provision, word by word, and why.

A `Redline` is a tree of `ProvisionDiff`s per section, aligned by identifier: a redesignated
provision carries its old and new designation, an inserted or struck provision is shown whole.
Within each text block the change is one list of `Edit(op, text, amendment)` pieces, the
diff-match-patch model: the EQUAL and DELETE pieces rebuild the old text, the EQUAL and INSERT
pieces rebuild the new; struck text always precedes inserted text.

Two ways to get one:

* `redline(result)` replays the change log of `apply` (no diffing), so every DELETE and INSERT
  piece names the amendment that made it;
* `diff(old, new)` compares two statutes that have no log (two versions of a bill's effect, a
  statute edited elsewhere) with a word-level diff-match-patch (words mapped to single
  characters so no word is ever split, `Diff_Timeout = 0` so the output is deterministic,
  semantic cleanup).

`Redline.paragraphs()` lays the tree out as the Code prints it (one `Paragraph` per designation
line, heading and text block); the HTML, text and Word renderers all draw from that one layout.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar

from lxml import etree

from .amendments import LEVELS, Amendment
from .statute import TEXT_BLOCKS, Provision, Statute, block_text, display
from .uslm import USLM_NS

if TYPE_CHECKING:
    from .apply import Result

__all__ = [
    "BlockDiff",
    "Edit",
    "Op",
    "Paragraph",
    "ProvisionDiff",
    "Redline",
    "diff",
    "redline",
    "section_paragraphs",
    "section_text",
    "word_diff",
]

_NS = "{" + USLM_NS + "}"
_LEVEL_TAGS = frozenset(_NS + lv for lv in LEVELS)
_BLOCK_KINDS = ("heading", *TEXT_BLOCKS)
_V = TypeVar("_V")


class Op(enum.IntEnum):
    """The kind of an edit piece, numbered as diff-match-patch numbers them."""

    DELETE = -1
    EQUAL = 0
    INSERT = 1


class Edit(NamedTuple):
    """One piece of a block's diff: `(op, text)` and, when known, the amendment that made it."""

    op: Op
    text: str
    amendment: Amendment | None = None


Status = Literal["unchanged", "changed", "inserted", "struck"]


def _old_text(edits: Sequence[Edit]) -> str:
    return "".join(e.text for e in edits if e.op != Op.INSERT)


def _new_text(edits: Sequence[Edit]) -> str:
    return "".join(e.text for e in edits if e.op != Op.DELETE)


def _merge(edits: Sequence[Edit]) -> tuple[Edit, ...]:
    """Drop empty pieces and join neighbours with the same op and amendment."""
    out: list[Edit] = []
    for e in edits:
        if not e.text:
            continue
        if out and out[-1].op == e.op and out[-1].amendment is e.amendment:
            out[-1] = Edit(e.op, out[-1].text + e.text, e.amendment)
        else:
            out.append(e)
    return tuple(out)


def _hoist_spaces(dels: list[Edit], ins: list[Edit]) -> list[Edit]:
    """Struck then inserted pieces, with a space both begin (or both end) with made EQUAL.

    `of[ his]{ own} choice` reads as `of [his]{own} choice`.
    """
    dels = [e for e in dels if e.text]
    ins = [e for e in ins if e.text]
    before: list[Edit] = []
    after: list[Edit] = []
    while dels and ins and dels[0].text[0].isspace() and dels[0].text[0] == ins[0].text[0]:
        before.append(Edit(Op.EQUAL, dels[0].text[0]))
        dels[0] = dels[0]._replace(text=dels[0].text[1:])
        ins[0] = ins[0]._replace(text=ins[0].text[1:])
        dels = [e for e in dels if e.text]
        ins = [e for e in ins if e.text]
    while dels and ins and dels[-1].text[-1].isspace() and dels[-1].text[-1] == ins[-1].text[-1]:
        after.insert(0, Edit(Op.EQUAL, dels[-1].text[-1]))
        dels[-1] = dels[-1]._replace(text=dels[-1].text[:-1])
        ins[-1] = ins[-1]._replace(text=ins[-1].text[:-1])
        dels = [e for e in dels if e.text]
        ins = [e for e in ins if e.text]
    return before + dels + ins + after


def _order(edits: Sequence[Edit]) -> tuple[Edit, ...]:
    """Within every stretch of changed pieces, put the DELETE pieces before the INSERT pieces."""
    out: list[Edit] = []
    dels: list[Edit] = []
    ins: list[Edit] = []
    for e in edits:
        if e.op == Op.EQUAL:
            out += _hoist_spaces(dels, ins)
            dels, ins = [], []
            out.append(e)
        elif e.op == Op.DELETE:
            dels.append(e)
        else:
            ins.append(e)
    out += _hoist_spaces(dels, ins)
    return _merge(out)


def _normalize_space(edits: Sequence[Edit]) -> tuple[Edit, ...]:
    """Collapse white space as `display()` does, in both views at once.

    Each run of white space becomes one space and the ends are trimmed, in the old view
    (EQUAL + DELETE) and in the new view (EQUAL + INSERT). An EQUAL space that only one view
    needs becomes a DELETE or INSERT piece of that view, so both invariants keep holding.
    """
    if all(e.op == Op.EQUAL for e in edits):
        text = display("".join(e.text for e in edits))
        return (Edit(Op.EQUAL, text),) if text else ()
    chars: list[tuple[Op, str, Amendment | None]] = [
        (e.op, ch, e.amendment) for e in edits for ch in e.text
    ]
    n = len(chars)
    in_old = [op != Op.INSERT for op, _, _ in chars]
    in_new = [op != Op.DELETE for op, _, _ in chars]
    is_space = [ch.isspace() for _, ch, _ in chars]

    def keep(view: list[bool]) -> list[bool]:
        # a space survives when a non-space of the view precedes it (with no kept space between)
        # and a non-space of the view follows it
        kept = [False] * n
        prev_word = False
        prev_kept_space = False
        for i in range(n):
            if not view[i]:
                continue
            if not is_space[i]:
                kept[i] = True
                prev_word, prev_kept_space = True, False
            elif prev_word and not prev_kept_space:
                kept[i] = True
                prev_kept_space = True
        following = False
        for i in range(n - 1, -1, -1):
            if not view[i]:
                continue
            if not is_space[i]:
                following = True
            elif kept[i] and not following:
                kept[i] = False
        return kept

    k_old, k_new = keep(in_old), keep(in_new)

    def near(i: int) -> Amendment | None:
        """The amendment of the nearest changed character (for a space that changes view)."""
        for j in range(1, min(n, 400)):
            for k in (i - j, i + j):
                if 0 <= k < n and chars[k][0] != Op.EQUAL and chars[k][2] is not None:
                    return chars[k][2]
            if i - j < 0 and i + j >= n:
                break
        return None

    out: list[Edit] = []
    for i, (op, ch, amendment) in enumerate(chars):
        if not is_space[i]:
            last = out[-1] if out else None
            if last is not None and last.op == op and last.amendment is amendment:
                out[-1] = Edit(op, last.text + ch, amendment)
            else:
                out.append(Edit(op, ch, amendment))
            continue
        o, w = k_old[i], k_new[i]
        if o and w:
            out.append(Edit(Op.EQUAL, " ", None))
        elif o or w:
            who = amendment if op != Op.EQUAL else near(i)
            out.append(Edit(Op.DELETE if o else Op.INSERT, " ", who))
    return _order(out)


@dataclass(frozen=True)
class BlockDiff:
    """The edits of one text block (`heading`, `chapeau`, `content`, `continuation`, `proviso`)."""

    kind: str
    edits: tuple[Edit, ...]

    @property
    def old(self) -> str:
        """The block's old text (EQUAL + DELETE pieces)."""
        return _old_text(self.edits)

    @property
    def new(self) -> str:
        """The block's new text (EQUAL + INSERT pieces)."""
        return _new_text(self.edits)

    @property
    def changed(self) -> bool:
        """True when any piece is a DELETE or INSERT."""
        return any(e.op != Op.EQUAL for e in self.edits)

    def display(self) -> BlockDiff:
        """The same diff with white space collapsed and trimmed in both views."""
        return BlockDiff(self.kind, _normalize_space(self.edits))


@dataclass(frozen=True)
class ProvisionDiff:
    """One provision in a redline: its designation, blocks and subdivisions, old and new."""

    identifier: str
    """The provision's identifier in the new law (its old one when it was struck)."""
    old_identifier: str | None
    """Its identifier in the old law (None when it is new)."""
    level: str
    status: Status
    num: tuple[Edit, ...]
    """The printed designation as edits: `(3)` struck and `(4)` inserted when redesignated."""
    blocks: tuple[BlockDiff, ...]
    children: tuple[ProvisionDiff, ...]
    amendment: Amendment | None = None
    """The amendment that inserted, struck, replaced or redesignated the provision."""

    @property
    def changed(self) -> bool:
        """True when anything in the provision or below it changed."""
        return (
            self.status != "unchanged"
            or any(e.op != Op.EQUAL for e in self.num)
            or any(b.changed for b in self.blocks)
            or any(c.changed for c in self.children)
        )

    @property
    def redesignated(self) -> bool:
        """True when the provision kept its place under another designation."""
        ops = {e.op for e in self.num}
        return self.status not in ("inserted", "struck") and {Op.DELETE, Op.INSERT} <= ops

    def walk(self) -> Iterator[ProvisionDiff]:
        """This provision and every one below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


Role = Literal["num", "space", "heading", "dash", "text"]


@dataclass(frozen=True)
class Paragraph:
    """One printed line of a redline: designation, heading and text, as role-tagged edits."""

    provision: ProvisionDiff
    level: str
    depth: int
    status: Status
    """`inserted` / `struck` when the whole paragraph (its mark too) is new or omitted."""
    pieces: tuple[tuple[Role, Edit], ...]
    amendment: Amendment | None = None

    def text(self, view: Literal["old", "new"]) -> str:
        """The paragraph's text in the old or the new law."""
        drop = Op.INSERT if view == "old" else Op.DELETE
        return "".join(e.text for _, e in self.pieces if e.op != drop)

    def exists(self, view: Literal["old", "new"]) -> bool:
        """Whether the paragraph is part of the old or new law."""
        return self.status != ("inserted" if view == "old" else "struck")

    @property
    def changed(self) -> bool:
        """True when the paragraph is new, struck, or has any changed piece."""
        return self.status != "unchanged" or any(e.op != Op.EQUAL for _, e in self.pieces)


@dataclass(frozen=True)
class Redline:
    """Provision-aligned, word-level changes to one or more sections of the Code."""

    sections: tuple[ProvisionDiff, ...]
    old: Statute | None = field(default=None, compare=False)
    new: Statute | None = field(default=None, compare=False)

    def __iter__(self) -> Iterator[ProvisionDiff]:
        for sec in self.sections:
            yield from sec.walk()

    @property
    def changed(self) -> bool:
        """True when any section changed."""
        return any(s.changed for s in self.sections)

    @property
    def amendments(self) -> tuple[Amendment, ...]:
        """The distinct amendments behind the edits, in order of first appearance."""
        seen: dict[int, Amendment] = {}
        for para in self.paragraphs():
            if para.amendment is not None:
                seen.setdefault(id(para.amendment), para.amendment)
            for _, e in para.pieces:
                if e.amendment is not None:
                    seen.setdefault(id(e.amendment), e.amendment)
        return tuple(seen.values())

    @cached_property
    def _layouts(self) -> dict[int, list[Paragraph]]:
        return {id(sec): list(_layout(sec, 0)) for sec in self.sections}

    def paragraphs(self, section: ProvisionDiff | None = None) -> list[Paragraph]:
        """The printed lines of one section (or of all), in document order."""
        if section is not None:
            cached = self._layouts.get(id(section))
            return list(cached) if cached is not None else list(_layout(section, 0))
        return [p for sec in self.sections for p in self._layouts[id(sec)]]

    def text(self, view: Literal["old", "new"] = "new") -> str:
        """The plain-text form of the sections in the old or new law, one line per paragraph."""
        return "\n".join(
            p.text(view) for p in self.paragraphs() if p.exists(view)
        )

    def to_html(self, style: str = "house", context: int = 1) -> str:
        """A self-contained HTML comparative print (styles: house, strike, color)."""
        from .render.html import to_html

        return to_html(self, style=style, context=context)

    def _repr_html_(self) -> str:
        from .render.html import to_html

        return to_html(self, style="house", context=1, fragment=True)

    def __str__(self) -> str:
        from .render.text import to_text

        return to_text(self)


# --- layout: provisions → printed paragraphs -------------------------------------------------


def _view_has(edits: Sequence[Edit], view: Op) -> bool:
    return any(e.op in (Op.EQUAL, view) and e.text for e in edits)


def _joint(op_old: bool, op_new: bool, text: str, amendment: Amendment | None) -> Edit | None:
    """A connecting piece (space, dash) present in the old view, the new view, or both."""
    if op_old and op_new:
        return Edit(Op.EQUAL, text)
    if op_old:
        return Edit(Op.DELETE, text, amendment)
    if op_new:
        return Edit(Op.INSERT, text, amendment)
    return None


def _first_amendment(edits: Sequence[Edit]) -> Amendment | None:
    return next((e.amendment for e in edits if e.amendment is not None), None)


def _layout(p: ProvisionDiff, depth: int) -> Iterator[Paragraph]:
    """The paragraphs of one provision, in the form `Provision.lines` prints."""
    whole: Status = p.status if p.status in ("inserted", "struck") else "unchanged"
    blocks = [b.display() for b in p.blocks]
    heading = next((b for b in blocks if b.kind == "heading"), None)
    conts = [b for b in blocks if b.kind == "continuation"]
    texts = [b for b in blocks if b.kind not in ("heading", "continuation")]
    num = _normalize_space(p.num)

    def para(pieces: list[tuple[Role, Edit]]) -> Iterator[Paragraph]:
        clean = tuple((r, e) for r, e in pieces if e.text)
        if not clean:
            return
        ops = {e.op for _, e in clean}
        status: Status
        if whole != "unchanged":
            status = whole
        elif ops == {Op.INSERT}:
            status = "inserted"
        elif ops == {Op.DELETE}:
            status = "struck"
        else:
            status = "changed" if ops != {Op.EQUAL} else "unchanged"
        amendment = p.amendment if whole != "unchanged" else None
        if status in ("inserted", "struck") and amendment is None:
            amendment = _first_amendment([e for _, e in clean])
        yield Paragraph(p, p.level, depth, status, clean, amendment)

    head: list[tuple[Role, Edit]] = [("num", e) for e in num]
    h_old = heading is not None and _view_has(heading.edits, Op.DELETE)
    h_new = heading is not None and _view_has(heading.edits, Op.INSERT)
    n_old, n_new = _view_has(num, Op.DELETE), _view_has(num, Op.INSERT)
    if heading is not None:
        hamend = _first_amendment(heading.edits)
        sp = _joint(h_old and n_old, h_new and n_new, " ", hamend)
        if sp is not None:
            head.append(("space", sp))
        head += [("heading", e) for e in heading.edits]
    # -- the head line takes the first text block (and the next, while a view still has none) --
    taken: list[BlockDiff] = []
    got_old = got_new = False
    rest = list(texts)
    need_old, need_new = p.status != "inserted", p.status != "struck"
    if p.level != "section":
        while rest and len(taken) < 2 and not (
            (got_old or not need_old) and (got_new or not need_new)
        ):
            b = rest.pop(0)
            taken.append(b)
            got_old = got_old or _view_has(b.edits, Op.DELETE)
            got_new = got_new or _view_has(b.edits, Op.INSERT)
    t_old = any(_view_has(b.edits, Op.DELETE) for b in taken)
    t_new = any(_view_has(b.edits, Op.INSERT) for b in taken)
    if heading is not None and p.level != "section":
        hamend = _first_amendment(heading.edits)
        ends_old = _old_text(heading.edits).endswith(".")
        ends_new = _new_text(heading.edits).endswith(".")
        if ends_old == ends_new:
            dash = _joint(h_old and t_old, h_new and t_new, "—" if ends_new else ".—", hamend)
            if dash is not None:
                head.append(("dash", dash))
        else:
            for view_ok, op, txt in (
                (h_old and t_old, Op.DELETE, "—" if ends_old else ".—"),
                (h_new and t_new, Op.INSERT, "—" if ends_new else ".—"),
            ):
                if view_ok:
                    head.append(("dash", Edit(op, txt, hamend)))
    elif taken:
        # "(1) Text": a space between designation and text, in each view having both
        tamend = next((_first_amendment(b.edits) for b in taken if b.changed), None)
        sp = _joint(n_old and t_old, n_new and t_new, " ", tamend)
        if sp is not None:
            head.append(("space", sp))
    if p.level != "section" and taken:
        # -- between two taken blocks (content struck, chapeau inserted) no separator is needed:
        #    each view sees only one of them --
        for b in taken:
            head += [("text", e) for e in b.edits]
    yield from para(head)
    for b in rest:
        yield from para([("text", e) for e in b.edits])
    for child in p.children:
        yield from _layout(child, depth + 1)
    for b in conts:
        yield from para([("text", e) for e in b.edits])


# --- word diff ---------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def _tokens_to_chars(
    a: str, b: str
) -> tuple[str, str, list[str]]:
    """Map every word, white-space run and punctuation mark to one character (linesToChars)."""
    table: list[str] = []
    index: dict[str, int] = {}

    def encode(text: str) -> str:
        out = []
        for tok in _TOKEN.findall(text):
            i = index.get(tok)
            if i is None:
                i = len(table)
                index[tok] = i
                table.append(tok)
            out.append(chr(0xE000 + i) if i < 0x1900 else chr(0xF0000 + i - 0x1900))
        return "".join(out)

    return encode(a), encode(b), table


def _decode(chars: str, table: list[str]) -> str:
    out = []
    for ch in chars:
        code = ord(ch)
        i = code - 0xE000 if code < 0xF0000 else code - 0xF0000 + 0x1900
        out.append(table[i])
    return "".join(out)


def _dmp_python(a: str, b: str) -> list[tuple[int, str]]:
    from diff_match_patch import diff_match_patch  # type: ignore[import-untyped]

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return [(int(op), text) for op, text in diffs]


def _dmp_fast(a: str, b: str) -> list[tuple[int, str]]:
    import fast_diff_match_patch  # type: ignore[import-not-found]

    ops = {"=": 0, "-": -1, "+": 1}
    return [
        (ops[op], text)
        for op, text in fast_diff_match_patch.diff(
            a, b, timelimit=0, checklines=False, cleanup="Semantic", counts_only=False
        )
    ]


def _engine() -> str:
    try:
        import fast_diff_match_patch  # noqa: F401
    except ImportError:  # pragma: no cover - the pure-Python package is a hard dependency
        return "python"
    return "fast"


ENGINE = _engine()
"""Which diff-match-patch runs the word diff: "fast" (the C++ binding) when installed."""


def word_diff(
    old: str, new: str, amendment: Amendment | None = None, *, engine: str | None = None
) -> tuple[Edit, ...]:
    """Word-level diff of two strings: no word is ever split; deletions precede insertions."""
    if old == new:
        return (Edit(Op.EQUAL, old),) if old else ()
    a, b, table = _tokens_to_chars(old, new)
    run = _dmp_fast if (engine or ENGINE) == "fast" else _dmp_python
    edits = [
        Edit(Op(op), _decode(text, table), None if op == 0 else amendment)
        for op, text in run(a, b)
    ]
    return _order(edits)


# --- trees -------------------------------------------------------------------------------------


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag[len(_NS) :] if isinstance(tag, str) and tag.startswith(_NS) else ""


def _kids(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if c.tag in _LEVEL_TAGS]


def _num_text(el: etree._Element) -> str:
    num = el.find(_NS + "num")
    return display(block_text(num)) if num is not None else ""


def _blocks(el: etree._Element) -> list[tuple[str, etree._Element]]:
    """The provision's own blocks keyed `kind` or `kind#n` for a repeated kind."""
    out: list[tuple[str, etree._Element]] = []
    seen: dict[str, int] = {}
    for child in el:
        kind = _local(child)
        if kind in _BLOCK_KINDS:
            n = seen.get(kind, 0)
            seen[kind] = n + 1
            out.append((kind if n == 0 else f"{kind}#{n}", child))
    return out


def _whole(
    el: etree._Element, op: Op, amendment: Amendment | None, *, status: Status
) -> ProvisionDiff:
    """A provision shown whole: every piece inserted (or struck) by `amendment`."""
    ident = el.get("identifier", "")
    if op == Op.EQUAL:
        amendment = None
    blocks = tuple(
        BlockDiff(key.split("#")[0], (Edit(op, block_text(b), amendment),))
        for key, b in _blocks(el)
    )
    num = _num_text(el)
    return ProvisionDiff(
        identifier=ident,
        old_identifier=None if op == Op.INSERT else ident,
        level=_local(el),
        status=status,
        num=(Edit(op, num, amendment),) if num else (),
        blocks=blocks,
        children=tuple(_whole(c, op, amendment, status=status) for c in _kids(el)),
        amendment=amendment,
    )


def _similar(a: etree._Element, b: etree._Element) -> bool:
    """Whether two provisions are the same one under another designation (text mostly alike)."""
    ta = " ".join(display(block_text(x)) for _, x in _blocks(a))
    tb = " ".join(display(block_text(x)) for _, x in _blocks(b))
    if ta == tb:
        return True
    m = difflib.SequenceMatcher(None, ta.split(), tb.split(), autojunk=False)
    return m.quick_ratio() >= 0.6 and m.ratio() >= 0.6


def _pair_children(
    old: list[etree._Element], new: list[etree._Element], key_new: dict[int, str | None],
    *, guess: bool,
) -> list[tuple[etree._Element | None, etree._Element | None]]:
    """Align old and new subdivisions: matched pairs in order, struck before inserted in gaps.

    `key_new[id(new child)]` is the old identifier a new child descends from (None when new).
    With `guess`, unmatched children in one gap that read alike are paired (redesignations
    found by `diff`, which has no log).
    """
    old_pos: dict[str, list[int]] = {}  # the Code has duplicate designations (two "(5)"s)
    for i, c in enumerate(old):
        old_pos.setdefault(c.get("identifier", ""), []).append(i)
    out: list[tuple[etree._Element | None, etree._Element | None]] = []
    next_old = 0
    gap_new: list[etree._Element] = []

    def flush(until: int) -> None:
        nonlocal next_old, gap_new
        gap_old = old[next_old:until]
        next_old = max(next_old, until)
        pairs: list[tuple[etree._Element, etree._Element]] = []
        if guess and gap_old and gap_new:
            used: set[int] = set()
            j = 0
            for o in gap_old:
                match = None
                for k in range(j, len(gap_new)):
                    if _similar(o, gap_new[k]):
                        match = k
                        break
                if match is None:
                    continue
                for n in gap_new[j:match]:
                    used.add(id(n))
                used.add(id(gap_new[match]))
                pairs.append((o, gap_new[match]))
                j = match + 1
            paired_old = {id(o) for o, _ in pairs}
            paired_new = {id(n) for _, n in pairs}
            # -- emit in order: struck before inserted around each paired anchor --
            merged: list[tuple[etree._Element | None, etree._Element | None]] = []
            oi = ni = 0
            for o, n in pairs:
                while gap_old[oi] is not o:
                    merged.append((gap_old[oi], None))
                    oi += 1
                while gap_new[ni] is not n:
                    if id(gap_new[ni]) not in paired_new:
                        merged.append((None, gap_new[ni]))
                    ni += 1
                merged.append((o, n))
                oi += 1
                ni += 1
            merged += [(o, None) for o in gap_old[oi:] if id(o) not in paired_old]
            merged += [(None, n) for n in gap_new[ni:] if id(n) not in paired_new]
            out.extend(merged)
        else:
            out.extend((o, None) for o in gap_old)
            out.extend((None, n) for n in gap_new)
        gap_new = []

    for n in new:
        key = key_new.get(id(n))
        at = next((k for k in old_pos.get(key or "", []) if k >= next_old), None)
        if key is None or at is None:
            gap_new.append(n)
            continue
        flush(at)
        out.append((old[at], n))
        next_old = at + 1
    flush(len(old))
    return out


class _Builder:
    """Builds the ProvisionDiff tree of a section from its old and new trees."""

    def __init__(
        self,
        orig_of: dict[str, str],
        pieces: dict[tuple[str, str], list[Edit]],
        struck: dict[str, Amendment],
        inserted: dict[str, Amendment],
        rewritten: dict[str, Amendment],
        renumbered: dict[str, Amendment],
        block_amendments: dict[tuple[str, str], list[Amendment]],
        *,
        guess: bool,
    ) -> None:
        self.orig_of = orig_of
        self.pieces = pieces
        self.struck = struck
        self.inserted = inserted
        self.rewritten = rewritten
        self.renumbered = renumbered
        self.block_amendments = block_amendments
        self.guess = guess

    def build(
        self,
        old: etree._Element | None,
        new: etree._Element | None,
        inherited: Amendment | None = None,
    ) -> ProvisionDiff:
        if old is None:
            assert new is not None
            ident = new.get("identifier", "")
            return _whole(new, Op.INSERT, self.inserted.get(ident, inherited), status="inserted")
        if new is None:
            ident = old.get("identifier", "")
            return _whole(old, Op.DELETE, self.struck.get(ident, inherited), status="struck")
        if old is new:
            return _whole(old, Op.EQUAL, None, status="unchanged")
        ident = new.get("identifier", "")
        old_ident = old.get("identifier", "")
        rewrite = self.rewritten.get(old_ident) or self.rewritten.get(ident) or inherited
        # -- designation --
        o_num, n_num = _num_text(old), _num_text(new)
        num_amendment = self.renumbered.get(ident) or rewrite
        num: tuple[Edit, ...]
        if o_num == n_num:
            num = (Edit(Op.EQUAL, n_num),) if n_num else ()
        else:  # a designation is replaced whole: “(3)” struck, “(4)” inserted
            num = _merge([Edit(Op.DELETE, o_num, num_amendment),
                          Edit(Op.INSERT, n_num, num_amendment)])
        # -- blocks, aligned by kind --
        old_blocks = dict(_blocks(old))
        new_blocks = _blocks(new)
        keys = [k for k, _ in new_blocks]
        for k in old_blocks:
            if k not in keys:
                # keep document order: an old-only block goes before the first later new block
                pos = len(keys)
                order = list(old_blocks)
                for j, nk in enumerate(keys):
                    if nk in order and order.index(nk) > order.index(k):
                        pos = j
                        break
                keys.insert(pos, k)
        new_map = dict(new_blocks)
        blocks: list[BlockDiff] = []
        for k in keys:
            kind = k.split("#")[0]
            o_el, n_el = old_blocks.get(k), new_map.get(k)
            o_txt = block_text(o_el) if o_el is not None else ""
            n_txt = block_text(n_el) if n_el is not None else ""
            logged = self.pieces.get((ident, k))
            amendments = self.block_amendments.get((ident, k), [])
            if (
                logged is not None
                and rewrite is None
                and _old_text(logged) == o_txt
                and _new_text(logged) == n_txt
            ):
                edits = _order(logged)
            else:
                who = rewrite or (amendments[0] if len(amendments) == 1 else None)
                edits = word_diff(o_txt, n_txt, who)
            blocks.append(BlockDiff(kind, edits))
        # -- subdivisions --
        old_kids, new_kids = _kids(old), _kids(new)
        key_new: dict[int, str | None] = {}
        old_by_id: dict[str, list[etree._Element]] = {}
        for c in old_kids:
            old_by_id.setdefault(c.get("identifier", ""), []).append(c)
        for c in new_kids:
            cid = c.get("identifier", "")
            if self.guess:
                # same identifier and alike: the same provision; otherwise let the gap pairing
                # find it (a redesignated provision reads alike under another identifier)
                twins = old_by_id.get(cid, [])
                key_new[id(c)] = cid if any(_similar(t, c) for t in twins) else None
            else:
                key_new[id(c)] = None if cid in self.inserted else self.orig_of.get(cid)
        if rewrite is not None and not self.guess:
            # a provision amended to read: its subdivisions line up by designation
            for c in new_kids:
                key_new[id(c)] = old_ident + c.get("identifier", "")[len(ident) :]
        children = tuple(
            self.build(o, n, rewrite)
            for o, n in _pair_children(old_kids, new_kids, key_new, guess=self.guess)
        )
        pd = ProvisionDiff(
            identifier=ident,
            old_identifier=old_ident,
            level=_local(new),
            status="unchanged",
            num=num,
            blocks=tuple(blocks),
            children=children,
            amendment=rewrite if rewrite is not None else (
                num_amendment if o_num != n_num else None
            ),
        )
        if pd.changed:
            pd = ProvisionDiff(
                pd.identifier, pd.old_identifier, pd.level, "changed", pd.num, pd.blocks,
                pd.children, pd.amendment,
            )
        return pd


def diff(old: Statute, new: Statute) -> Redline:
    """Compare two statutes: provisions aligned by identifier, text blocks diffed word by word."""
    old_secs = old.section_elements()
    new_secs = new.section_elements()
    builder = _Builder({}, {}, {}, {}, {}, {}, {}, guess=True)
    sections: list[ProvisionDiff] = []
    for ident in dict.fromkeys([*old_secs, *new_secs]):
        o, n = old_secs.get(ident), new_secs.get(ident)
        if o is not None and n is not None and o is n:
            continue
        pd = builder.build(o, n)
        if pd.changed:
            sections.append(pd)
    return Redline(tuple(sections), old, new)


# --- replaying a change log -------------------------------------------------------------------


def _index(edits: list[Edit], pos: int, *, last: bool) -> int:
    """Split `edits` so a piece boundary falls at new-view offset `pos`; return its index.

    DELETE pieces take no room in the new view, so several indices may sit at `pos`: the
    first is returned, or with `last` the one after the DELETE pieces there.
    """
    at = 0
    i = 0
    while i < len(edits):
        e = edits[i]
        if at == pos and not (last and e.op == Op.DELETE):
            return i
        if e.op != Op.DELETE:
            end = at + len(e.text)
            if pos < end:
                cut = pos - at
                edits[i : i + 1] = [
                    Edit(e.op, e.text[:cut], e.amendment),
                    Edit(e.op, e.text[cut:], e.amendment),
                ]
                return i + 1
            at = end
        i += 1
    if pos != at:
        raise ValueError(f"expected an offset within 0..{at}, found {pos}")
    return len(edits)


def _replay(edits: list[Edit], start: int, end: int, inserted: str, amendment: Amendment) -> None:
    """Apply one logged text change at new-view offsets [start, end) of `edits`, in place."""
    if end == start:
        i = j = _index(edits, start, last=True)  # new text follows text struck at the point
    else:
        i = _index(edits, start, last=False)
        j = _index(edits, end, last=True)
    middle: list[Edit] = []
    for e in edits[i:j]:
        if e.op == Op.EQUAL:
            middle.append(Edit(Op.DELETE, e.text, amendment))
        elif e.op == Op.DELETE:
            middle.append(e)
        # INSERT pieces of earlier amendments struck now simply disappear
    if inserted:
        middle.append(Edit(Op.INSERT, inserted, amendment))
    edits[i:j] = middle


def _under(ident: str, root: str) -> bool:
    return ident == root or ident.startswith(root + "/")


def _rename(mapping: dict[str, _V], old: str, new: str) -> None:
    """Move every key at or below identifier `old` to the same place below `new`."""
    moved = {new + k[len(old) :]: mapping.pop(k) for k in [k for k in mapping if _under(k, old)]}
    mapping.update(moved)


def _rename_keys(mapping: dict[tuple[str, str], _V], old: str, new: str) -> None:
    """Like `_rename`, for keys `(identifier, block)`."""
    moved = {
        (new + k[0][len(old) :], k[1]): mapping.pop(k)
        for k in [k for k in mapping if _under(k[0], old)]
    }
    mapping.update(moved)


def _drop(mapping: dict[str, _V], root: str) -> None:
    for k in [k for k in mapping if _under(k, root)]:
        del mapping[k]


def redline(result: Result) -> Redline:
    """The redline of an `apply` result, from its change log: each edit names its amendment."""
    from .cite import Cite

    original = result.original.section_elements()
    amended = result.statute.section_elements()
    # current identifier -> original identifier, for provisions of the old law still present
    orig_of: dict[str, str] = {}
    for sec in original.values():
        for el in sec.iter(_NS + "section", *_LEVEL_TAGS):
            ident = el.get("identifier")
            if ident:
                orig_of.setdefault(ident, ident)
    pieces: dict[tuple[str, str], list[Edit]] = {}
    block_amendments: dict[tuple[str, str], list[Amendment]] = {}
    struck: dict[str, Amendment] = {}  # original identifier -> amendment
    inserted: dict[str, Amendment] = {}  # current identifier -> amendment
    rewritten: dict[str, Amendment] = {}  # original identifier -> amendment
    renumbered: dict[str, Amendment] = {}  # current identifier -> amendment
    original_blocks: dict[str, etree._Element] = {}
    for sec in original.values():
        for el in sec.iter(_NS + "section", *_LEVEL_TAGS):
            ident = el.get("identifier")
            if ident and ident not in original_blocks:
                original_blocks[ident] = el

    def drop_current(ident: str) -> None:
        _drop(orig_of, ident)
        _drop(inserted, ident)
        _drop(renumbered, ident)
        for key in [k for k in pieces if _under(k[0], ident)]:
            del pieces[key]

    for ch in result.changes:
        if ch.kind == "redesignate" and ch.old_identifier:
            old, new = ch.old_identifier, ch.identifier
            _rename(orig_of, old, new)
            _rename(inserted, old, new)
            _rename(renumbered, old, new)
            _rename_keys(pieces, old, new)
            _rename_keys(block_amendments, old, new)
            if new not in inserted:
                renumbered[new] = ch.amendment
        elif ch.kind == "strike-provision":
            orig = orig_of.get(ch.identifier)
            if orig is not None and ch.identifier not in inserted:
                struck[orig] = ch.amendment
            drop_current(ch.identifier)
        elif ch.kind == "insert-provision":
            inserted[ch.identifier] = ch.amendment
        elif ch.kind == "replace-provision":
            orig = orig_of.get(ch.identifier)
            if ch.identifier in inserted:
                inserted[ch.identifier] = ch.amendment
            elif orig is not None:
                rewritten[orig] = ch.amendment
                for k in [k for k in pieces if _under(k[0], ch.identifier)]:
                    del pieces[k]
        elif ch.block is not None:
            ident = ch.identifier
            if any(_under(ident, i) for i in inserted):
                continue  # text of new matter is shown as it finally reads
            orig = orig_of.get(ident)
            owner = original_blocks.get(orig) if orig is not None else None
            originals = dict(_blocks(owner)) if owner is not None else {}

            def current(
                key: tuple[str, str], originals: dict[str, etree._Element] = originals
            ) -> str | None:
                if key in pieces:
                    return _new_text(pieces[key])
                found = originals.get(key[1])
                return block_text(found) if found is not None else None

            # -- a provision may have two blocks of a kind (two chapeaus): the change names the
            #    kind only, so take the one whose text holds what was struck at that offset --
            key = (ident, ch.block)
            n = 1
            while (current(key) or "")[ch.old_start : ch.old_end] != ch.struck or len(
                current(key) or ""
            ) < ch.old_start:
                alt = (ident, f"{ch.block}#{n}")
                if current(alt) is None:
                    key = (ident, ch.block)
                    break
                key, n = alt, n + 1
            block_amendments.setdefault(key, []).append(ch.amendment)
            edits = pieces.get(key)
            if edits is None:
                text = current(key) or ""
                edits = [Edit(Op.EQUAL, text)] if text else []
                pieces[key] = edits
            _replay(edits, ch.old_start, ch.old_end, ch.inserted, ch.amendment)
    # -- pieces are keyed by the final identifiers; the builder looks old ones up by them --
    builder = _Builder(
        orig_of, {k: list(v) for k, v in pieces.items()}, struck, inserted,
        rewritten, renumbered, block_amendments, guess=False,
    )
    sections: list[ProvisionDiff] = []
    for ident in result.changed_sections:
        ident = Cite.from_identifier(ident).section_cite.identifier
        old_el, new_el = original.get(ident), amended.get(ident)
        if old_el is None and new_el is None:
            continue
        pd = builder.build(old_el, new_el)
        if pd.changed:
            sections.append(pd)
    return Redline(tuple(sections), result.original, result.statute)


def section_paragraphs(section: Provision) -> list[Paragraph]:
    """The printed lines of one section as it stands (all pieces EQUAL)."""
    el = section.element
    builder = _Builder({}, {}, {}, {}, {}, {}, {}, guess=True)
    return list(_layout(builder.build(el, el), 0))


def section_text(section: Provision) -> str:
    """The plain-text form of a section: one line per paragraph, as the redline writers print it."""
    return "\n".join(p.text("new") for p in section_paragraphs(section))
