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
import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol, TypeVar, cast

from lxml import etree

from .amendments import LEVELS, Amendment
from .statute import TEXT_BLOCKS, Provision, Statute, block_text
from .textblock import is_apparatus
from .uslm import USLM_NS

if TYPE_CHECKING:
    from .apply import Change, Result

__all__ = [
    "BlockDiff",
    "Edit",
    "Op",
    "Paragraph",
    "PlainLine",
    "ProvisionDiff",
    "Redline",
    "diff",
    "elide",
    "redline",
    "section_paragraphs",
    "section_text",
    "word_diff",
]

_NS = "{" + USLM_NS + "}"
_LEVEL_TAGS = frozenset(_NS + lv for lv in LEVELS)
_BLOCK_KINDS = ("heading", *TEXT_BLOCKS)
_KIND_OF = {_NS + kind: kind for kind in _BLOCK_KINDS}  # block tag -> kind
_LEVEL_OF = {_NS + lv: lv for lv in LEVELS}  # level tag -> level
_NUM_TAG = _NS + "num"
_SECTION_TAG = _NS + "section"
_CONT_TAG = _NS + "continuation"
_V = TypeVar("_V")


def _display(text: str) -> str:
    """`statute.display`: white space runs collapsed to one space, the ends trimmed (the same
    white space, `str.isspace`, as its `\\s`; splitting is quicker than the expression)."""
    return " ".join(text.split())


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a redline or a writer builds its objects.

    A redline of a thousand changes builds some 10^5 objects that all live until it is printed
    (nodes, edit pieces, lines, markup). The collector, which runs every few hundred
    allocations, would take each of them for possible cyclic garbage and walk them over and over
    as they age, its full collections walking the whole heap each time: a fifth of the work,
    for nothing, since they form no reference cycles (reference counting frees them). Paused,
    the collector looks at them once when it resumes. It is resumed in any case, and only if it
    was running (a caller that turned it off keeps it off).
    """
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
            if dels or ins:
                out += _hoist_spaces(dels, ins)
                dels, ins = [], []
            out.append(e)
        elif e.op == Op.DELETE:
            dels.append(e)
        else:
            ins.append(e)
    out += _hoist_spaces(dels, ins)
    return _merge(out)


_TOKENS = re.compile(r"\S+|\s")


def _printed_as_is(edits: Sequence[Edit]) -> tuple[Edit, ...] | None:
    """`_normalize_space(edits)` in the usual case, else None: once the white space the block
    begins and ends with (in EQUAL pieces) is trimmed, both views print as they stand (single
    spaces between words), no piece is empty and no EQUAL piece names an amendment; then no
    space is collapsed or changes view, and the pieces come out as `_order` puts them."""
    trimmed = list(edits)
    if trimmed[0].op == Op.EQUAL:
        trimmed[0] = trimmed[0]._replace(text=trimmed[0].text.lstrip())
    if trimmed[-1].op == Op.EQUAL:
        trimmed[-1] = trimmed[-1]._replace(text=trimmed[-1].text.rstrip())
    for e in trimmed:
        if not e.text or (e.op == Op.EQUAL and e.amendment is not None):
            return None
    old, new = _old_text(trimmed), _new_text(trimmed)
    if _display(old) != old or _display(new) != new:
        return None
    return _order(trimmed)


def _normalize_space(edits: Sequence[Edit]) -> tuple[Edit, ...]:
    """Collapse white space as `_display()` does, in both views at once.

    Each run of white space becomes one space and the ends are trimmed, in the old view
    (EQUAL + DELETE) and in the new view (EQUAL + INSERT). An EQUAL space that only one view
    needs becomes a DELETE or INSERT piece of that view, so both invariants keep holding.
    A space that changes view this way is credited to the amendment of the nearest changed
    character (the one before it on a tie, none beyond 400 characters).
    """
    if all(e.op == Op.EQUAL for e in edits):
        text = _display("".join(e.text for e in edits))
        return (Edit(Op.EQUAL, text),) if text else ()
    quick = _printed_as_is(edits)
    if quick is not None:
        return quick
    # -- tokens: each white-space character alone, each run of other characters whole (a run
    #    is kept or dropped as one, exactly as its characters would be). Inside one piece, a
    #    white-space run between two words is kept once in each view that sees the piece (as a
    #    piece of the same op, or EQUAL with no amendment), so the piece's core, from its first
    #    word to its last, is one token with its spaces collapsed --
    ops: list[Op] = []
    texts: list[str] = []
    whos: list[Amendment | None] = []
    starts: list[int] = []  # where each token starts in the original text
    lens: list[int] = []  # and its length there
    at = 0
    for e in edits:
        text = e.text
        core = text.strip()
        toks: list[tuple[str, str]]  # (original, as printed)
        if core and (e.op != Op.EQUAL or e.amendment is None):
            lead = len(text) - len(text.lstrip())
            toks = [(ch, ch) for ch in text[:lead]]
            toks.append((core, _display(core)))
            toks += [(ch, ch) for ch in text[lead + len(core) :]]
        else:
            toks = [(tok, tok) for tok in _TOKENS.findall(text)]
        for tok, printed in toks:
            ops.append(e.op)
            texts.append(printed)
            whos.append(e.amendment)
            starts.append(at)
            lens.append(len(tok))
            at += len(tok)
    n_chars = at
    n = len(texts)
    is_space = [t.isspace() for t in texts]

    def keep(drop: Op) -> list[bool]:
        # a space survives when a word of the view precedes it (with no kept space between)
        # and a word of the view follows it
        kept = [False] * n
        prev_word = False
        prev_kept_space = False
        for i in range(n):
            if ops[i] == drop:
                continue
            if not is_space[i]:
                kept[i] = True
                prev_word, prev_kept_space = True, False
            elif prev_word and not prev_kept_space:
                kept[i] = True
                prev_kept_space = True
        following = False
        for i in range(n - 1, -1, -1):
            if ops[i] == drop:
                continue
            if not is_space[i]:
                following = True
            elif kept[i] and not following:
                kept[i] = False
        return kept

    k_old, k_new = keep(Op.INSERT), keep(Op.DELETE)
    limit = min(n_chars, 400)

    def near(i: int) -> Amendment | None:
        """The amendment of the nearest changed character (for a space that changes view)."""
        left: tuple[int, Amendment] | None = None
        for k in range(i - 1, -1, -1):
            who = whos[k]
            if ops[k] != Op.EQUAL and who is not None:
                left = (starts[i] - (starts[k] + lens[k] - 1), who)
                break
            if starts[i] - starts[k] >= limit:
                break
        right: tuple[int, Amendment] | None = None
        for k in range(i + 1, n):
            if starts[k] - starts[i] >= limit:
                break
            who = whos[k]
            if ops[k] != Op.EQUAL and who is not None:
                right = (starts[k] - starts[i], who)
                break
        found = [c for c in (left, right) if c is not None and c[0] < limit]
        if not found:
            return None
        return min(found, key=lambda c: c[0])[1]  # the left one on a tie (listed first)

    out: list[Edit] = []
    for i in range(n):
        op, text, who = ops[i], texts[i], whos[i]
        if not is_space[i]:
            last = out[-1] if out else None
            if last is not None and last.op == op and last.amendment is who:
                out[-1] = Edit(op, last.text + text, who)
            else:
                out.append(Edit(op, text, who))
            continue
        o, w = k_old[i], k_new[i]
        if o and w:
            out.append(Edit(Op.EQUAL, " ", None))
        elif o or w:
            out.append(Edit(Op.DELETE if o else Op.INSERT, " ", who if op != Op.EQUAL else near(i)))
    return _order(out)


@dataclass(frozen=True)
class BlockDiff:
    """The edits of one text block (`heading`, `chapeau`, `content`, `continuation`, `proviso`)."""

    kind: str
    edits: tuple[Edit, ...]
    before: int | None = None
    """For matter between subdivisions (a continuation followed by more of them, as in 19 U.S.C.
    2433(a): “(3) …, then, during the period … — (A) …”): the index of the first subdivision
    it precedes. None for a block in its usual place."""

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
        return BlockDiff(self.kind, _normalize_space(self.edits), self.before)


def _between(blocks: list[BlockDiff], n_children: int) -> list[BlockDiff]:
    """`blocks` with `before` kept only where subdivisions follow the block (each block made
    with `before` = the subdivisions seen so far)."""
    return [
        b if b.before is None or b.before < n_children else BlockDiff(b.kind, b.edits)
        for b in blocks
    ]


@dataclass(frozen=True, eq=False)
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

    def _key(self) -> tuple[object, ...]:
        return (
            self.identifier,
            self.old_identifier,
            self.level,
            self.status,
            self.num,
            self.blocks,
            self.children,
            self.amendment,
        )

    # -- compared by value, as a dataclass is, whether or not a node is read lazily --
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ProvisionDiff):
            return NotImplemented
        return self is other or self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


class _Untouched(ProvisionDiff):
    """A provision no change reaches, alike in both laws: every piece EQUAL.

    A redline of a thousand changes holds some ten thousand such provisions around the changed
    ones, so only the element is kept; the designation, blocks and subdivisions (untouched
    too) are read from it when first asked for, and the writers print it straight from it
    (`PlainLine`).
    """

    element: etree._Element

    def __init__(self, element: etree._Element) -> None:
        ident = element.get("identifier", "")
        setattr_ = object.__setattr__
        setattr_(self, "element", element)
        setattr_(self, "identifier", ident)
        setattr_(self, "old_identifier", ident)
        setattr_(self, "level", _local(element))
        setattr_(self, "status", "unchanged")

    def __getattr__(self, name: str) -> object:
        # -- only `num`, `blocks` and `children` are missing until read --
        if name not in ("num", "blocks", "children"):
            raise AttributeError(name)
        children: list[ProvisionDiff] = []
        blocks: list[BlockDiff] = []
        num = ""  # the first <num>'s text, as `_num_text`
        seen_num = False
        for c in self.element:
            tag = c.tag
            if tag in _LEVEL_TAGS:
                children.append(_Untouched(c))
                continue
            kind = _KIND_OF.get(tag)
            if kind is not None:
                text = _text(c)
                at = len(children) if kind == "continuation" and children else None
                blocks.append(BlockDiff(kind, (Edit(Op.EQUAL, text),) if text else (), at))
            elif tag == _NUM_TAG and not seen_num:
                num, seen_num = _display(_text(c)), True
        blocks = _between(blocks, len(children))
        values = {
            "num": (Edit(Op.EQUAL, num),) if num else (),
            "blocks": tuple(blocks),
            "children": tuple(children),
        }
        for key, value in values.items():
            object.__setattr__(self, key, value)
        return values[name]

    @property
    def changed(self) -> bool:
        """Never: nothing reaches the provision and it reads alike in both laws."""
        return False

    @property
    def redesignated(self) -> bool:
        """Never (its designation is unchanged)."""
        return False


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
    mark_inserted: bool = False
    """The paragraph's mark is new though its words are not: in the old law the next line ran
    on in this one (text divided by a designation inserted into it, see `restructure`)."""

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


class PlainLine(NamedTuple):
    """A printed line of untouched law as plain strings: the `Paragraph` it stands for, whose
    pieces are all EQUAL, without the objects (`Redline.lines` gives these to writers)."""

    element: etree._Element
    """The provision's element."""
    level: str
    depth: int
    roles: tuple[Role, ...]
    texts: tuple[str, ...]
    """The pieces' roles and texts, apart (a redline holds ten thousand such lines: two tuples
    each, not one per piece)."""

    @property
    def pieces(self) -> tuple[tuple[Role, str], ...]:
        """The role-tagged pieces, as `Paragraph.pieces` pairs them."""
        return tuple(zip(self.roles, self.texts, strict=True))

    @property
    def status(self) -> Status:
        """Always `unchanged`."""
        return "unchanged"

    @property
    def changed(self) -> bool:
        """Never."""
        return False

    def text(self, view: Literal["old", "new"]) -> str:
        """The line's text (the same in both laws)."""
        return "".join(self.texts)

    def exists(self, view: Literal["old", "new"]) -> bool:
        """Always: the line is part of both laws."""
        return True


class _Printed(Protocol):
    @property
    def level(self) -> str: ...
    @property
    def depth(self) -> int: ...
    @property
    def changed(self) -> bool: ...


_P = TypeVar("_P", bound=_Printed)


def _kept(
    paragraphs: Sequence[_Printed], context: int, candidates: Iterable[int] | None = None
) -> list[int | None]:
    """The indices `elide` keeps, None where it prints an elision (`candidates`: the indices
    of the paragraphs that may be changed or a section's head, when known)."""
    n = len(paragraphs)
    keep = [False] * n
    for i in range(n) if candidates is None else candidates:
        para = paragraphs[i]
        if para.level == "section" and para.depth == 0:
            keep[i] = True
        if para.changed:
            for j in range(max(0, i - context), min(n, i + context + 1)):
                keep[j] = True
    out: list[int | None] = []
    for i in range(n):
        if keep[i]:
            out.append(i)
        elif out and out[-1] is None:
            continue
        else:
            out.append(None)
    return out


def elide(paragraphs: Sequence[_P], context: int = 1) -> list[_P | None]:
    """Keep changed paragraphs, `context` paragraphs around each, and the section's heading line.

    A run of dropped paragraphs becomes one None (print an elision there).
    """
    return [None if i is None else paragraphs[i] for i in _kept(paragraphs, context)]


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
        for para in self.lines():
            if isinstance(para, PlainLine):
                continue
            if para.amendment is not None:
                seen.setdefault(id(para.amendment), para.amendment)
            for _, e in para.pieces:
                if e.amendment is not None:
                    seen.setdefault(id(e.amendment), e.amendment)
        return tuple(seen.values())

    # -- the layout of each section: its paragraphs, with each untouched subtree left as one
    #    entry (`_Untouched`, depth) that is laid out as plain lines when first printed --
    @cached_property
    def _entries(self) -> dict[int, list[_Entry]]:
        nums: dict[str, tuple[Role, Edit]] = {}
        out: dict[int, list[_Entry]] = {}
        for sec in self.sections:
            entries: list[_Entry] = []
            _lay(sec, 0, entries, nums)
            out[id(sec)] = entries
        return out

    @cached_property
    def _plain(self) -> dict[int, list[PlainLine]]:
        return {}

    @cached_property
    def _layouts(self) -> dict[int, list[Paragraph]]:
        return {}

    def _lines_of(self, node: _Untouched, depth: int) -> list[PlainLine]:
        lines = self._plain.get(id(node))
        if lines is None:
            lines = self._plain[id(node)] = []
            _plain_lines(node.element, depth, lines)
        return lines

    def lines(self, section: ProvisionDiff | None = None) -> Iterator[Paragraph | PlainLine]:
        """The printed lines of one section (or of all), in document order: `paragraphs()`,
        with each line of untouched law a `PlainLine` (what a writer needs, quicker)."""
        chosen = self.sections if section is None else (section,)
        for sec in chosen:
            entries = self._entries.get(id(sec))
            if entries is None:
                entries = []
                _lay(sec, 0, entries, {})
            for entry in entries:
                if isinstance(entry, Paragraph):
                    yield entry
                else:
                    yield from self._lines_of(*entry)

    def paragraphs(self, section: ProvisionDiff | None = None) -> list[Paragraph]:
        """The printed lines of one section (or of all), in document order."""
        if section is None:
            return [p for sec in self.sections for p in self.paragraphs(sec)]
        entries = self._entries.get(id(section))
        if entries is None:
            return _layout(section, 0)
        paras = self._layouts.get(id(section))
        if paras is None:
            paras = self._layouts[id(section)] = []
            for entry in entries:
                if isinstance(entry, Paragraph):
                    paras.append(entry)
                else:
                    node, depth = entry
                    nodes = {id(cast(_Untouched, n).element): n for n in node.walk()}
                    paras += (
                        _paragraph(nodes[id(line.element)], line)
                        for line in self._lines_of(node, depth)
                    )
        return list(paras)

    def excerpt(self, section: ProvisionDiff, context: int = 1) -> list[Paragraph | None]:
        """`elide(self.paragraphs(section), context)`, laying out only the lines it keeps."""
        if id(section) not in self._entries:
            return elide(self.paragraphs(section), context)
        lines: list[Paragraph | PlainLine] = []
        roots: list[_Untouched | None] = []  # the untouched subtree each plain line is from
        paras: list[int] = []  # where the paragraphs are (a plain line is never kept for itself)
        for entry in self._entries[id(section)]:
            if isinstance(entry, Paragraph):
                paras.append(len(lines))
                lines.append(entry)
                roots.append(None)
            else:
                node, depth = entry
                plain = self._lines_of(node, depth)
                if depth == 0:  # a section's head line is kept: look at each line
                    paras += range(len(lines), len(lines) + len(plain))
                lines += plain
                roots += [node] * len(plain)
        out: list[Paragraph | None] = []
        for i in _kept(lines, context, paras):
            if i is None:
                out.append(None)
                continue
            line, root = lines[i], roots[i]
            if isinstance(line, PlainLine):
                assert root is not None
                out.append(_paragraph(_node_at(root, line.element), line))
            else:
                out.append(line)
        return out

    def text(self, view: Literal["old", "new"] = "new") -> str:
        """The plain-text form of the sections in the old or new law, one line per paragraph."""
        return "\n".join(p.text(view) for p in self.lines() if p.exists(view))

    # -- display hooks: thin delegates to render/ (which imports this module), imported when
    #    called so the data layer loads no view; see docs/architecture.md --
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


_Entry = Paragraph | tuple[_Untouched, int]
"""A layout entry: a paragraph, or an untouched subtree (and its depth) still to print."""


def _layout(p: ProvisionDiff, depth: int) -> list[Paragraph]:
    """The paragraphs of one provision and its subdivisions, in the form `Provision.lines`
    prints."""
    entries: list[_Entry] = []
    _lay(p, depth, entries, {})
    out: list[Paragraph] = []
    for entry in entries:
        if isinstance(entry, Paragraph):
            out.append(entry)
            continue
        node, at = entry
        lines: list[PlainLine] = []
        _plain_lines(node.element, at, lines)
        nodes = {id(cast(_Untouched, n).element): n for n in node.walk()}
        out += (_paragraph(nodes[id(line.element)], line) for line in lines)
    return out


def _run_on(p: ProvisionDiff, out: list[_Entry], start: int) -> None:
    """Where a provision's text moved down into a subdivision a designation inserted into it
    opened (“(b) The Inspector …” -> “(b)” / “(1) The Inspector …”), the provision's line keeps
    its words but its mark is new: in the old law the subdivision's line ran on in it, after
    the space (or the heading's dash) it loses. `out[start:]` are `p`'s entries."""
    kid = p.children[0] if p.children else None
    if (
        kid is None
        or p.level == "section"
        or kid.old_identifier is not None
        or kid.status == "inserted"
        or isinstance(kid, _Untouched)
    ):
        return
    for i in range(start, len(out) - 1):
        para, nxt = out[i], out[i + 1]
        if not isinstance(para, Paragraph) or para.provision is not p:
            continue
        if (
            not isinstance(nxt, Paragraph)
            or nxt.provision is not kid
            or para.status != "unchanged"
            or any(role == "text" for role, _ in para.pieces)
        ):
            return
        heading = any(role == "heading" for role, _ in para.pieces)
        ends = para.text("old").rstrip().endswith(".")
        joint = ("—" if ends else ".—") if heading else " "
        edit = Edit(Op.DELETE, joint, kid.amendment)
        pieces = (*para.pieces, ("dash" if heading else "space", edit))
        out[i] = Paragraph(p, para.level, para.depth, "changed", pieces, None, True)
        return


def _paragraph(p: ProvisionDiff, line: PlainLine) -> Paragraph:
    """The `Paragraph` a plain line of `p` stands for."""
    pieces = tuple(
        (role, Edit(Op.EQUAL, text)) for role, text in zip(line.roles, line.texts, strict=True)
    )
    return Paragraph(p, line.level, line.depth, "unchanged", pieces, None)


def _node_at(root: _Untouched, el: etree._Element) -> ProvisionDiff:
    """The node of `el`, a provision at or below `root`'s (reading only the nodes on the way)."""
    path: list[etree._Element] = []
    at: etree._Element | None = el
    while at is not None and at is not root.element:
        path.append(at)
        at = at.getparent()
    node: ProvisionDiff = root
    for step in reversed(path):
        node = next(c for c in node.children if cast(_Untouched, c).element is step)
    return node


def _lay(
    p: ProvisionDiff, depth: int, out: list[_Entry], nums: dict[str, tuple[Role, Edit]]
) -> None:
    """Append the paragraphs of `p` to `out` (an untouched subtree as one entry); `nums` holds
    the designation pieces made so far (the same `(1)` serves every paragraph so designated)."""
    if isinstance(p, _Untouched):
        out.append((p, depth))
        return
    plain = p.status not in ("inserted", "struck")
    if plain:
        for e in p.num:
            if e.op != Op.EQUAL:
                plain = False
        for b in p.blocks:
            for e in b.edits:
                if e.op != Op.EQUAL:
                    plain = False
    start = len(out)
    if plain:
        _lay_plain(p, depth, out, nums)
    else:
        _lay_changed(p, depth, out, nums)
    if p.children and p.children[0].old_identifier is None:
        _run_on(p, out, start)


def _plain_head(
    level: str, num: str, heading: str | None, texts: Sequence[str]
) -> tuple[list[Role], list[str], int]:
    """The head line of a provision whose pieces are all EQUAL (its pieces' roles and texts),
    and how many of its text blocks it takes (the first, and the second when the first is
    empty)."""
    roles: list[Role] = []
    out: list[str] = []
    if num:
        roles.append("num")
        out.append(num)
    if heading:
        if roles:
            roles.append("space")
            out.append(" ")
        roles.append("heading")
        out.append(heading)
    taken = 0
    if level != "section" and texts:
        taken = 1 if texts[0] or len(texts) == 1 else 2
    first = texts[0] if taken else ""
    has_text = bool(first) or (taken == 2 and bool(texts[1]))
    if heading is not None and level != "section":
        if heading and has_text:
            roles.append("dash")
            out.append("—" if heading.endswith(".") else ".—")
    elif taken and num and has_text:
        roles.append("space")
        out.append(" ")
    if first:
        roles.append("text")
        out.append(first)
    if taken == 2 and texts[1]:
        roles.append("text")
        out.append(texts[1])
    return roles, out, taken


# -- the few role sequences lines have, one tuple each --
_ROLES: dict[tuple[Role, ...], tuple[Role, ...]] = {}
_TEXT: tuple[Role, ...] = ("text",)


def _plain_lines(
    el: etree._Element, depth: int, out: list[PlainLine], level: str | None = None
) -> None:
    """Append the lines of an untouched provision (and of its subdivisions), read straight from
    its element: what `_lay_plain` prints of its `_Untouched` node."""
    if level is None:
        level = _local(el)
    num = ""
    seen_num = False
    heading: str | None = None  # the first heading block (a second one is not printed)
    texts: list[str] = []
    conts: list[tuple[int, str]] = []  # (subdivisions before it, text)
    kids: list[tuple[etree._Element, str]] = []
    for c in el:
        tag = c.tag
        local = _LEVEL_OF.get(tag)
        if local is not None:
            kids.append((c, local))
            continue
        kind = _KIND_OF.get(tag)
        if kind is not None:
            text = " ".join((c.text or "" if not len(c) else _text(c)).split())  # `_display`
            if kind == "heading":
                if heading is None:
                    heading = text
            elif kind == "continuation":
                conts.append((len(kids), text))
            else:
                texts.append(text)
        elif tag == _NUM_TAG and not seen_num:
            num, seen_num = _display(_text(c)), True
    roles, head, taken = _plain_head(level, num, heading, texts)
    if roles:
        key = tuple(roles)
        out.append(PlainLine(el, level, depth, _ROLES.setdefault(key, key), tuple(head)))
    for k in range(taken, len(texts)):
        if texts[k]:
            out.append(PlainLine(el, level, depth, _TEXT, (texts[k],)))
    n = len(kids)
    for k, (c, local) in enumerate(kids):
        for at, t in conts:
            if at == k and 0 < at and t:  # matter between subdivisions, where it stands
                out.append(PlainLine(el, level, depth, _TEXT, (t,)))
        _plain_lines(c, depth + 1, out, local)
    for at, t in conts:
        if (at >= n or at == 0) and t:
            out.append(PlainLine(el, level, depth, _TEXT, (t,)))


_PIECES: dict[tuple[Role, str], tuple[Role, Edit]] = {
    ("space", " "): ("space", Edit(Op.EQUAL, " ")),
    ("dash", "—"): ("dash", Edit(Op.EQUAL, "—")),
    ("dash", ".—"): ("dash", Edit(Op.EQUAL, ".—")),
}
"""Pieces every plain paragraph shares (immutable, so one object serves them all)."""


def _lay_plain(
    p: ProvisionDiff, depth: int, out: list[_Entry], nums: dict[str, tuple[Role, Edit]]
) -> None:
    """`_lay_changed` for a provision whose own pieces are all EQUAL (its subdivisions may
    differ): the same paragraphs, without the per-view bookkeeping."""
    level = p.level
    heading: str | None = None  # the first heading block (a second one is not printed)
    texts: list[str] = []
    conts: list[tuple[int | None, str]] = []
    for b in p.blocks:
        edits = b.edits
        text = _display(edits[0].text if len(edits) == 1 else "".join(e.text for e in edits))
        if b.kind == "heading":
            if heading is None:
                heading = text
        elif b.kind == "continuation":
            conts.append((b.before, text))
        else:
            texts.append(text)
    num = _display(p.num[0].text if len(p.num) == 1 else "".join(e.text for e in p.num))
    head: list[tuple[Role, Edit]] = []
    roles, line, taken = _plain_head(level, num, heading, texts)
    for role, text in zip(roles, line, strict=True):
        if role == "num":
            pair = nums.get(text)
            if pair is None:
                pair = nums[text] = ("num", Edit(Op.EQUAL, text))
        else:
            pair = _PIECES.get((role, text)) or (role, Edit(Op.EQUAL, text))
        head.append(pair)
    if head:
        out.append(Paragraph(p, level, depth, "unchanged", tuple(head), None))
    for k in range(taken, len(texts)):
        if texts[k]:
            out.append(
                Paragraph(p, level, depth, "unchanged", (("text", Edit(Op.EQUAL, texts[k])),))
            )
    for k, child in enumerate(p.children):
        for at, t in conts:
            if at == k and t:
                out.append(Paragraph(p, level, depth, "unchanged", (("text", Edit(Op.EQUAL, t)),)))
        _lay(child, depth + 1, out, nums)
    for at, t in conts:
        if at is None and t:
            out.append(Paragraph(p, level, depth, "unchanged", (("text", Edit(Op.EQUAL, t)),)))


def _lay_changed(
    p: ProvisionDiff, depth: int, out: list[_Entry], nums: dict[str, tuple[Role, Edit]]
) -> None:
    """The paragraphs of a provision with changed pieces (or inserted or struck whole)."""
    whole: Status = p.status if p.status in ("inserted", "struck") else "unchanged"
    blocks = [b.display() for b in p.blocks]
    heading = next((b for b in blocks if b.kind == "heading"), None)
    conts = [b for b in blocks if b.kind == "continuation"]
    texts = [b for b in blocks if b.kind not in ("heading", "continuation")]
    num = _normalize_space(p.num)

    def para(pieces: list[tuple[Role, Edit]]) -> None:
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
        out.append(Paragraph(p, p.level, depth, status, clean, amendment))

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
        while (
            rest
            and len(taken) < 2
            and not ((got_old or not need_old) and (got_new or not need_new))
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
    para(head)
    for b in rest:
        para([("text", e) for e in b.edits])
    for k, child in enumerate(p.children):
        for b in conts:
            if b.before == k:  # matter between subdivisions, where it stands
                para([("text", e) for e in b.edits])
        _lay(child, depth + 1, out, nums)
    for b in conts:
        if b.before is None:
            para([("text", e) for e in b.edits])


# --- word diff ---------------------------------------------------------------------------------

_AMOUNT = r"\$?[0-9]+(?:,[0-9]{3})+(?:\.[0-9]+)?(?!\w)|\$?[0-9]+\.[0-9]+(?!\w)|\$[0-9]+(?!\w)"
AMOUNT = re.compile(_AMOUNT)
"""An amount or a rate written with a dollar sign, thousands commas or a decimal point."""
_TOKEN = re.compile(rf"{_AMOUNT}|\w+|\s+|[^\w\s]", re.UNICODE)
"""A word, a run of white space or a mark; an amount or rate (“$25,000”, “3.08”) is one word,
so a changed amount is struck and inserted whole."""
_PLAIN_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
"""The same, with the digits of an amount words of their own, as amendments find words (a
strike of “000” matches inside “$1,000,000”)."""


def _tokens_to_chars(a: str, b: str, token: re.Pattern[str] = _TOKEN) -> tuple[str, str, list[str]]:
    """Map every word, white-space run and punctuation mark to one character (linesToChars)."""
    table: list[str] = []
    index: dict[str, int] = {}

    def encode(text: str) -> str:
        out = []
        for tok in token.findall(text):
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


def _dmp_python(a: str, b: str, semantic: bool = True) -> list[tuple[int, str]]:
    from diff_match_patch import diff_match_patch  # type: ignore[import-untyped]

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(a, b, False)
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    return [(int(op), text) for op, text in diffs]


def _dmp_fast(a: str, b: str, semantic: bool = True) -> list[tuple[int, str]]:
    import fast_diff_match_patch  # type: ignore[import-not-found]

    ops = {"=": 0, "-": -1, "+": 1}
    return [
        (ops[op], text)
        for op, text in fast_diff_match_patch.diff(
            a,
            b,
            timelimit=0,
            checklines=False,
            cleanup="Semantic" if semantic else "No",
            counts_only=False,
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
    old: str,
    new: str,
    amendment: Amendment | None = None,
    *,
    engine: str | None = None,
    semantic: bool = True,
    amounts: bool = True,
) -> tuple[Edit, ...]:
    """Word-level diff of two strings: no word is ever split; deletions precede insertions.

    With `semantic=False` the diff is left as the shortest edit finds it, without the
    clean-up that folds short runs of unchanged words between changes into one change. With
    `amounts=False` the digits of an amount are words of their own (“$1,000” is “$”, “1”,
    “,”, “000”), as amendments match words.
    """
    if old == new:
        return (Edit(Op.EQUAL, old),) if old else ()
    a, b, table = _tokens_to_chars(old, new, _TOKEN if amounts else _PLAIN_TOKEN)
    run = _dmp_fast if (engine or ENGINE) == "fast" else _dmp_python
    edits = [
        Edit(Op(op), _decode(text, table), None if op == 0 else amendment)
        for op, text in run(a, b, semantic)
    ]
    return _order(edits)


# --- trees -------------------------------------------------------------------------------------


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag[len(_NS) :] if isinstance(tag, str) and tag.startswith(_NS) else ""


_NOTE_OR_REF = (_NS + "note", _NS + "ref", etree.Entity)


def _text(el: etree._Element) -> str:
    """`block_text(el)`, quicker: lxml's own text walk when no footnote apparatus (or entity
    reference) is inside, which is nearly always."""
    if not len(el):
        return el.text or ""
    for x in el.iter(*_NOTE_OR_REF):
        if not isinstance(x.tag, str) or is_apparatus(x):
            return block_text(el)
    return "".join(cast("Iterator[str]", el.itertext()))


def _kids(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if c.tag in _LEVEL_TAGS]


def _num_text(el: etree._Element) -> str:
    num = el.find(_NS + "num")
    return _display(_text(num)) if num is not None else ""


def _blocks(el: etree._Element) -> list[tuple[str, etree._Element]]:
    """The provision's own blocks keyed `kind` or `kind#n` for a repeated kind."""
    out: list[tuple[str, etree._Element]] = []
    seen: dict[str, int] = {}
    for child in el:
        kind = _KIND_OF.get(child.tag)
        if kind is not None:
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
    kids = _kids(el)
    at = _positions(el)
    blocks = tuple(
        BlockDiff(
            key.split("#")[0],
            (Edit(op, _text(b), amendment),),
            at.get(el.index(b)) if at and key.startswith("continuation") else None,
        )
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
        children=tuple(_whole(c, op, amendment, status=status) for c in kids),
        amendment=amendment,
    )


def _positions(el: etree._Element) -> dict[int, int]:
    """For each continuation of `el` that stands between its subdivisions, the index of the
    first subdivision after it, keyed by the continuation's place among `el`'s children."""
    out: dict[int, int] = {}
    pending: list[int] = []
    k = 0
    for i, c in enumerate(el):
        if c.tag in _LEVEL_TAGS:
            for at in pending:
                out[at] = k
            pending = []
            k += 1
        elif c.tag == _CONT_TAG and k:
            pending.append(i)
    return out


def _place_between(
    blocks: list[BlockDiff],
    between: list[tuple[int, etree._Element | None, etree._Element | None]],
    pairs: list[tuple[etree._Element | None, etree._Element | None]],
    old: etree._Element,
    new: etree._Element,
    old_kids: list[etree._Element],
    new_kids: list[etree._Element],
) -> None:
    """Give each continuation that stands between subdivisions (in the new law, or in the old
    one when it is struck) the index of the aligned subdivision it precedes."""
    at_new, at_old = _positions(new), _positions(old)
    for i, o_el, n_el in between:
        # -- before the subdivision it precedes in the new law or in the old one, whichever
        #    comes first (a struck subdivision that followed it stays after it) --
        found: list[int] = []
        for el, parent, at, kids, side in (
            (n_el, new, at_new, new_kids, 1),
            (o_el, old, at_old, old_kids, 0),
        ):
            k = at.get(parent.index(el)) if el is not None else None
            if k is not None:
                follower = kids[k]
                found += [j for j, pair in enumerate(pairs) if pair[side] is follower][:1]
        if found:
            blocks[i] = BlockDiff(blocks[i].kind, blocks[i].edits, min(found))


def _similar(a: etree._Element, b: etree._Element) -> bool:
    """Whether two provisions are the same one under another designation (text mostly alike)."""
    ta = " ".join(_display(_text(x)) for _, x in _blocks(a))
    tb = " ".join(_display(_text(x)) for _, x in _blocks(b))
    if ta == tb:
        return True
    m = difflib.SequenceMatcher(None, ta.split(), tb.split(), autojunk=False)
    return m.quick_ratio() >= 0.6 and m.ratio() >= 0.6


def _pair_children(
    old: list[etree._Element],
    new: list[etree._Element],
    key_new: dict[int, str | None],
    *,
    guess: bool,
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
        # -- every identifier the log names, with its ancestors: a provision outside this set
        #    has no entry at or below it, so when its old and new trees are alike it is
        #    unchanged throughout --
        touched: set[str] = set()
        named = [
            *(k for k, _ in pieces),
            *(k for k, _ in block_amendments),
            *struck,
            *inserted,
            *rewritten,
            *renumbered,
            *(x for k, v in orig_of.items() if k != v for x in (k, v)),
        ]
        for ident in named:
            while ident and ident not in touched:
                touched.add(ident)
                ident = ident.rpartition("/")[0]
        self.touched = touched
        self.identity = False
        """Set while building a section whose changes were all to text (`_Log.text_only`):
        its provisions, absent from `orig_of`, each come from the one so identified."""
        # -- designations recur ("(1)", "(A)"): one tuple serves every provision so numbered --
        self._nums: dict[str, tuple[Edit, ...]] = {}
        self.regrouped: dict[str, Amendment] = {}
        self.moved_out: set[tuple[str, str]] = set()
        self.moved_away: set[str] = set()
        self.originals: dict[str, etree._Element] = {}

    def regroup(
        self,
        regrouped: dict[str, Amendment],
        moved_out: set[tuple[str, str]],
        moved_away: set[str],
        originals: dict[str, etree._Element],
    ) -> None:
        """Take in the provisions `restructure` divided (see `_Log._restructure`)."""
        self.regrouped, self.moved_out = regrouped, moved_out
        self.moved_away, self.originals = moved_away, originals
        for ident in [*regrouped, *(i for i, _ in moved_out), *moved_away]:
            while ident and ident not in self.touched:
                self.touched.add(ident)
                ident = ident.rpartition("/")[0]

    def _regrouped(self, new: etree._Element, amendment: Amendment) -> ProvisionDiff:
        """A subdivision made of words the provision above had: its designation and heading
        inserted, its text as the log moved it there, its subdivisions paired with their old
        selves."""
        ident = new.get("identifier", "")
        num_text = _num_text(new)
        num = (Edit(Op.INSERT, num_text, amendment),) if num_text else ()
        blocks = []
        for k, el in _blocks(new):
            logged = self.pieces.get((ident, k))
            if logged is not None:
                edits = _order(logged)
            else:
                edits = (Edit(Op.INSERT, _text(el), amendment),) if _text(el) else ()
            blocks.append(BlockDiff(k.split("#")[0], edits))
        children = []
        for c in _kids(new):
            cid = c.get("identifier", "")
            orig = None if cid in self.inserted else self.orig_of.get(cid)
            old = self.originals.get(orig) if orig is not None else None
            children.append(self.build(old, c))
        return ProvisionDiff(
            identifier=ident,
            old_identifier=None,
            level=_local(new),
            status="changed",
            num=num,
            blocks=tuple(blocks),
            children=tuple(children),
            amendment=amendment,
        )

    def _num(self, text: str) -> tuple[Edit, ...]:
        """`(Edit(EQUAL, text),)`, or `()` for no designation."""
        if not text:
            return ()
        num = self._nums.get(text)
        if num is None:
            num = self._nums[text] = (Edit(Op.EQUAL, text),)
        return num

    def _same(self, old: etree._Element, new: etree._Element) -> ProvisionDiff | None:
        """The diff of two alike trees no log entry touches (None when they are not such)."""
        ident = new.get("identifier", "")
        if ident != old.get("identifier", "") or ident in self.touched:
            return None
        if etree.tostring(old, encoding="utf-8", with_tail=False) != etree.tostring(
            new, encoding="utf-8", with_tail=False
        ):
            return None
        return self._equal(new)

    def _equal(self, el: etree._Element) -> ProvisionDiff | None:
        """What `build` makes of a provision and its untouched, identical copy: every piece
        EQUAL (read lazily from `el`). None when a subdivision would not pair with its copy by
        identifier (no identifier, or the log maps it elsewhere): `build` then decides."""
        if not self.guess:
            orig_of, inserted, identity = self.orig_of, self.inserted, self.identity
            stack = [el]
            while stack:
                for c in stack.pop():
                    if c.tag in _LEVEL_TAGS:
                        cid = c.get("identifier", "")
                        if not cid if identity else orig_of.get(cid) != cid or cid in inserted:
                            return None
                        stack.append(c)
        return _Untouched(el)

    def build(
        self,
        old: etree._Element | None,
        new: etree._Element | None,
        inherited: Amendment | None = None,
    ) -> ProvisionDiff:
        if old is None:
            assert new is not None
            ident = new.get("identifier", "")
            regrouped = self.regrouped.get(ident)
            if regrouped is not None and ident not in self.inserted:
                return self._regrouped(new, regrouped)
            return _whole(new, Op.INSERT, self.inserted.get(ident, inherited), status="inserted")
        if new is None:
            ident = old.get("identifier", "")
            return _whole(old, Op.DELETE, self.struck.get(ident, inherited), status="struck")
        if old is new:
            return _whole(old, Op.EQUAL, None, status="unchanged")
        if inherited is None:
            same = self._same(old, new)
            if same is not None:
                return same
        ident = new.get("identifier", "")
        old_ident = old.get("identifier", "")
        rewrite = self.rewritten.get(old_ident) or self.rewritten.get(ident) or inherited
        # -- designation --
        o_num, n_num = _num_text(old), _num_text(new)
        num_amendment = self.renumbered.get(ident) or rewrite
        num: tuple[Edit, ...]
        if o_num == n_num:
            num = self._num(n_num)
        else:  # a designation is replaced whole: “(3)” struck, “(4)” inserted
            num = _merge(
                [Edit(Op.DELETE, o_num, num_amendment), Edit(Op.INSERT, n_num, num_amendment)]
            )
        # -- blocks, aligned by kind --
        old_blocks = dict(_blocks(old))
        new_blocks = _blocks(new)
        if self.moved_out:  # a block whose words went to a new subdivision: shown there
            for k in [k for k in old_blocks if (ident, k) in self.moved_out]:
                if k not in dict(new_blocks):
                    del old_blocks[k]
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
        between: list[tuple[int, etree._Element | None, etree._Element | None]] = []
        for k in keys:
            kind = k.split("#")[0]
            o_el, n_el = old_blocks.get(k), new_map.get(k)
            o_txt = _text(o_el) if o_el is not None else ""
            n_txt = _text(n_el) if n_el is not None else ""
            logged = self.pieces.get((ident, k))
            amendments = self.block_amendments.get((ident, k), [])
            if (
                logged is not None
                and rewrite is None
                and (_old_text(logged) == o_txt or (ident, k) in self.moved_out)
                and _new_text(logged) == n_txt
            ):
                edits = _order(logged)
            else:
                who = rewrite or (amendments[0] if len(amendments) == 1 else None)
                edits = word_diff(o_txt, n_txt, who)
            blocks.append(BlockDiff(kind, edits))
            if kind == "continuation":
                between.append((len(blocks) - 1, o_el, n_el))
        # -- subdivisions --
        old_kids, new_kids = _kids(old), _kids(new)
        if self.moved_away:  # moved under a new subdivision: shown there
            old_kids = [c for c in old_kids if c.get("identifier", "") not in self.moved_away]
        key_new: dict[int, str | None] = {}
        if self.guess:
            old_by_id: dict[str, list[etree._Element]] = {}
            for c in old_kids:
                old_by_id.setdefault(c.get("identifier", ""), []).append(c)
            for c in new_kids:
                # same identifier and alike: the same provision; otherwise let the gap pairing
                # find it (a redesignated provision reads alike under another identifier)
                cid = c.get("identifier", "")
                twins = old_by_id.get(cid, [])
                key_new[id(c)] = cid if any(_similar(t, c) for t in twins) else None
        elif rewrite is not None:
            # a provision amended to read: its subdivisions line up by designation
            for c in new_kids:
                key_new[id(c)] = old_ident + c.get("identifier", "")[len(ident) :]
        else:
            inserted, orig_of = self.inserted, self.orig_of
            for c in new_kids:
                cid = c.get("identifier", "")
                key_new[id(c)] = (
                    cid or None if self.identity else None if cid in inserted else orig_of.get(cid)
                )
        pairs: Iterable[tuple[etree._Element | None, etree._Element | None]]
        if (
            not self.guess
            and len(old_kids) == len(new_kids)
            and all(
                key_new[id(n)] == o.get("identifier", "")
                for o, n in zip(old_kids, new_kids, strict=True)
            )
        ):
            pairs = zip(old_kids, new_kids, strict=True)  # as `_pair_children` pairs them
        else:
            pairs = _pair_children(old_kids, new_kids, key_new, guess=self.guess)
        pairs = list(pairs)
        if between:
            _place_between(blocks, between, pairs, old, new, old_kids, new_kids)
        children = tuple(self.build(o, n, rewrite) for o, n in pairs)
        # -- a child built here is "changed" exactly when anything in it changed; one shown
        #    whole is inserted or struck (or unchanged, when EQUAL) --
        changed = (
            any(e.op != Op.EQUAL for e in num)
            or any(b.changed for b in blocks)
            or any(c.status != "unchanged" for c in children)
        )
        return ProvisionDiff(
            identifier=ident,
            old_identifier=old_ident,
            level=_local(new),
            status="changed" if changed else "unchanged",
            num=num,
            blocks=tuple(blocks),
            children=children,
            amendment=rewrite
            if rewrite is not None
            else (num_amendment if o_num != n_num else None),
        )


def diff(old: Statute, new: Statute) -> Redline:
    """Compare two statutes: provisions aligned by identifier, text blocks diffed word by word."""
    with paused_gc():
        return _diff(old, new)


def _diff(old: Statute, new: Statute) -> Redline:
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


def _find(section: etree._Element, ident: str) -> etree._Element | None:
    """The provision `ident` of `section` (the first in document order, as `_Log` indexes
    them), found by following the identifiers down from the section rather than walking it."""
    if section.get("identifier") == ident:
        return section
    el: etree._Element | None = section
    while el is not None:
        parent, el = el, None
        for c in parent:
            if c.tag in _LEVEL_TAGS:
                cid = c.get("identifier")
                if cid == ident:
                    return c
                if cid and ident.startswith(cid + "/"):
                    el = c
                    break
    for c in section.iter(*_LEVEL_TAGS):  # identifiers that do not nest: look everywhere
        if c.get("identifier") == ident:
            return c
    return None


class _Log:
    """The change log of some sections replayed: where each provision came from, what struck,
    inserted, rewrote or redesignated it, and the edits of each text block.

    A section whose changes are all to text (`text_only`) keeps every provision where it was,
    so its provisions are not indexed: each one a change names is looked up when replayed.
    """

    def __init__(self, sections: Iterable[etree._Element], *, text_only: bool = False) -> None:
        # current identifier -> original identifier, for provisions of the old law still present
        orig_of: dict[str, str] = {}
        blocks: dict[str, etree._Element] = {}
        self.text_only: dict[str, etree._Element] = {}  # section identifier -> its old tree
        for sec in sections:
            if text_only:
                self.text_only[sec.get("identifier", "")] = sec
                continue
            for el in sec.iter(_SECTION_TAG, *_LEVEL_TAGS):
                ident = el.get("identifier")
                if ident and ident not in blocks:
                    orig_of[ident] = ident
                    blocks[ident] = el
        self.orig_of = orig_of
        self.original_blocks = blocks
        self.pieces: dict[tuple[str, str], list[Edit]] = {}
        self.block_amendments: dict[tuple[str, str], list[Amendment]] = {}
        self.struck: dict[str, Amendment] = {}  # original identifier -> amendment
        self.inserted: dict[str, Amendment] = {}  # current identifier -> amendment
        self.rewritten: dict[str, Amendment] = {}  # original identifier -> amendment
        self.renumbered: dict[str, Amendment] = {}  # current identifier -> amendment
        # -- text that became structure (`restructure`): the new subdivisions, the old blocks
        #    whose words moved into them, the subdivisions moved under them --
        self.regrouped: dict[str, Amendment] = {}  # current identifier -> amendment
        self.moved_out: set[tuple[str, str]] = set()  # (current identifier, block key)
        self.moved_away: set[str] = set()  # original identifiers moved under a new subdivision
        self._moving: dict[tuple[str, str], tuple[list[Edit], list[int]]] = {}

    def _original(self, ident: str) -> etree._Element | None:
        """The old law's element of the provision now identified `ident`."""
        orig = self.orig_of.get(ident)
        if orig is not None:
            return self.original_blocks.get(orig)
        up = ident
        while up:
            sec = self.text_only.get(up)
            if sec is not None:
                return _find(sec, ident)
            up = up.rpartition("/")[0]
        return None

    def drop_current(self, ident: str) -> None:
        _drop(self.orig_of, ident)
        _drop(self.inserted, ident)
        _drop(self.renumbered, ident)
        for key in [k for k in self.pieces if _under(k[0], ident)]:
            del self.pieces[key]

    def replay(self, changes: Iterable[Change]) -> None:
        """Replay `changes` in order."""
        orig_of, pieces, inserted = self.orig_of, self.pieces, self.inserted
        for ch in changes:
            if ch.kind == "redesignate" and ch.old_identifier:
                old, new = ch.old_identifier, ch.identifier
                _rename(orig_of, old, new)
                _rename(inserted, old, new)
                _rename(self.renumbered, old, new)
                _rename_keys(pieces, old, new)
                _rename_keys(self.block_amendments, old, new)
                if new not in inserted:
                    self.renumbered[new] = ch.amendment
            elif ch.kind == "strike-provision":
                orig = orig_of.get(ch.identifier)
                if orig is not None and ch.identifier not in inserted:
                    self.struck[orig] = ch.amendment
                self.drop_current(ch.identifier)
            elif ch.kind == "insert-provision":
                inserted[ch.identifier] = ch.amendment
            elif ch.kind == "replace-provision":
                orig = orig_of.get(ch.identifier)
                if ch.identifier in inserted:
                    inserted[ch.identifier] = ch.amendment
                elif orig is not None:
                    self.rewritten[orig] = ch.amendment
                    for k in [k for k in pieces if _under(k[0], ch.identifier)]:
                        del pieces[k]
            elif ch.kind == "restructure":
                self._restructure(ch)
            elif ch.block is not None:
                self._text_change(ch)

    def _text_change(self, ch: Change) -> None:
        assert ch.block is not None
        pieces = self.pieces
        ident = ch.identifier
        if any(_under(ident, i) for i in self.inserted):
            return  # text of new matter is shown as it finally reads
        owner = self._original(ident)
        originals = dict(_blocks(owner)) if owner is not None else {}

        def current(key: tuple[str, str]) -> str | None:
            if key in pieces:
                return _new_text(pieces[key])
            found = originals.get(key[1])
            return _text(found) if found is not None else None

        # -- a provision may have two blocks of a kind (two continuations): the change says
        #    which (`block_index`); failing that, take the one whose text holds what was
        #    struck at that offset --
        key = (ident, ch.block if ch.block_index == 0 else f"{ch.block}#{ch.block_index}")
        n = 1

        def fits(key: tuple[str, str]) -> bool:
            text = current(key) or ""
            return text[ch.old_start : ch.old_end] == ch.struck and len(text) >= ch.old_start

        if not fits(key):
            key = (ident, ch.block)
        while not fits(key):
            alt = (ident, f"{ch.block}#{n}")
            if current(alt) is None:
                key = (ident, ch.block)
                break
            key, n = alt, n + 1
        self.block_amendments.setdefault(key, []).append(ch.amendment)
        edits = pieces.get(key)
        if edits is None:
            text = current(key) or ""
            edits = [Edit(Op.EQUAL, text)] if text else []
            pieces[key] = edits
        _replay(edits, ch.old_start, ch.old_end, ch.spliced or ch.inserted, ch.amendment)

    def _restructure(self, ch: Change) -> None:
        """A provision divided at designations its text now has: register the new subdivision,
        move a stretch of an old block's edits to the block now holding those words (struck
        words just before the stretch go with it; the inserted designation and heading become
        the new subdivision's), or move an existing subdivision under the new one."""
        if ch.block is None:
            if ch.old_identifier is None:
                self.regrouped[ch.identifier] = ch.amendment
                return
            orig = self.orig_of.get(ch.old_identifier)
            if orig is not None:
                self.moved_away.add(orig)
            _rename(self.orig_of, ch.old_identifier, ch.identifier)
            _rename(self.inserted, ch.old_identifier, ch.identifier)
            _rename(self.renumbered, ch.old_identifier, ch.identifier)
            _rename(self.regrouped, ch.old_identifier, ch.identifier)
            _rename_keys(self.pieces, ch.old_identifier, ch.identifier)
            _rename_keys(self.block_amendments, ch.old_identifier, ch.identifier)
            return
        assert ch.old_identifier is not None and ch.old_block is not None
        source = (ch.old_identifier, ch.old_block)
        moving = self._moving.get(source)
        if moving is None:
            edits = self.pieces.pop(source, None)
            if edits is None:
                owner = self._original(ch.old_identifier)
                found = dict(_blocks(owner)).get(ch.old_block) if owner is not None else None
                text = _text(found) if found is not None else ""
                edits = [Edit(Op.EQUAL, text)] if text else []
            moving = self._moving[source] = (list(edits), [0])
            self.moved_out.add(source)
        edits, cursor = moving
        i = _index(edits, cursor[0], last=False)
        j = _index(edits, ch.old_start, last=False)
        k = _index(edits, ch.old_end, last=True)
        taken = [e for e in edits[i:j] if e.op == Op.DELETE] + edits[j:k]
        cursor[0] = ch.old_end
        if ch.new_start:
            taken.insert(0, Edit(Op.EQUAL, " " * ch.new_start))
        key = (ch.identifier, ch.block)
        self.pieces[key] = taken
        who = self.block_amendments.get(source, [])
        self.block_amendments[key] = [*who, ch.amendment]

    def merge(self, other: _Log) -> None:
        """Take in the log of other sections (no identifier in common)."""
        self.orig_of.update(other.orig_of)
        self.original_blocks.update(other.original_blocks)
        self.text_only.update(other.text_only)
        self.pieces.update(other.pieces)
        self.block_amendments.update(other.block_amendments)
        self.struck.update(other.struck)
        self.inserted.update(other.inserted)
        self.rewritten.update(other.rewritten)
        self.renumbered.update(other.renumbered)
        self.regrouped.update(other.regrouped)
        self.moved_out.update(other.moved_out)
        self.moved_away.update(other.moved_away)


_TEXT_KINDS = frozenset(("strike", "insert", "replace"))


def _replay_log(result: Result, sections: Sequence[str], section_of: Sequence[str]) -> _Log:
    """The change log of `result` replayed (`section_of[i]`: the section of change i).

    Each identifier lives below its section's, so each section's changes are replayed on that
    section's provisions alone (the look-ups of a change stay within one section); should a
    change or a provision reach across sections, the whole log is replayed at once.
    """
    original = result.original.section_elements()
    by_section: dict[str, list[Change]] = {s: [] for s in sections}
    split = True
    for ch, sec in zip(result.changes, section_of, strict=True):
        if (
            sec not in by_section
            or not _under(ch.identifier, sec)
            or (ch.old_identifier and not _under(ch.old_identifier, sec))
        ):
            split = False
            break
        by_section[sec].append(ch)
    if split:
        log = _Log(())
        for sec, changes in by_section.items():
            el = original.get(sec)
            text_only = el is not None and all(
                ch.block is not None and ch.kind in _TEXT_KINDS and not ch.old_identifier
                for ch in changes
            )
            part = _Log((el,) if el is not None else (), text_only=text_only)
            prefix = sec + "/"
            if [i for i in part.orig_of if not i.startswith(prefix)] not in ([], [sec]):
                split = False
                break
            part.replay(changes)
            log.merge(part)
    if not split:
        log = _Log(original.values())
        log.replay(result.changes)
    return log


def redline(result: Result) -> Redline:
    """The redline of an `apply` result, from its change log: each edit names its amendment."""
    with paused_gc():
        return _redline(result)


def _redline(result: Result) -> Redline:
    from .cite import Cite

    original = result.original.section_elements()
    amended = result.statute.section_elements()
    # -- `result.changed_sections`, keeping each change's section for the replay --
    sec_of: dict[str, str] = {}
    section_of: list[str] = []
    for ch in result.changes:
        sec = sec_of.get(ch.identifier)
        if sec is None:
            sec = sec_of[ch.identifier] = Cite.from_identifier(
                ch.identifier
            ).section_cite.identifier
        section_of.append(sec)
    sections = tuple(dict.fromkeys(section_of))
    log = _replay_log(result, sections, section_of)
    # -- pieces are keyed by the final identifiers; the builder looks old ones up by them --
    builder = _Builder(
        log.orig_of,
        {k: list(v) for k, v in log.pieces.items()},
        log.struck,
        log.inserted,
        log.rewritten,
        log.renumbered,
        log.block_amendments,
        guess=False,
    )
    if log.regrouped or log.moved_out:
        builder.regroup(log.regrouped, log.moved_out, log.moved_away, log.original_blocks)
    out: list[ProvisionDiff] = []
    for ident in sections:
        ident = sec_of.get(ident) or Cite.from_identifier(ident).section_cite.identifier
        old_el, new_el = original.get(ident), amended.get(ident)
        if ident in log.inserted:  # a new section, even where an old one had its number
            old_el = None
        elif log.orig_of.get(ident, ident) != ident:  # a whole section redesignated
            old_el = original.get(log.orig_of[ident])
        if old_el is None and new_el is None:
            continue
        builder.identity = ident in log.text_only
        pd = builder.build(old_el, new_el)
        if pd.changed:
            out.append(pd)
    if result.container_changes:  # chapters' headings and tables of sections, ahead of sections
        from .containers import container_diffs

        out[:0] = cast(list[ProvisionDiff], container_diffs(result))
    return Redline(tuple(out), result.original, result.statute)


def section_paragraphs(section: Provision) -> list[Paragraph]:
    """The printed lines of one section as it stands (all pieces EQUAL)."""
    el = section.element
    builder = _Builder({}, {}, {}, {}, {}, {}, {}, guess=True)
    return _layout(builder.build(el, el), 0)


def section_text(section: Provision) -> str:
    """The plain-text form of a section: one line per paragraph, as the redline writers print it."""
    return "\n".join(p.text("new") for p in section_paragraphs(section))
