"""Text that becomes structure: an insertion that starts a designation in a provision's text.

Bills often divide undivided text by inserting a designation into it, then add the next
subdivision:

    (1) by inserting “(1)” before “The Inspector”; (2) in paragraph (1), as so designated, …;
    and (3) by adding at the end the following: “(2) …”            (H.R. 1865, 116th, Div. P, §1605(c))

    (1) in the matter preceding paragraph (1), by striking “The Office of Advocacy” and
    inserting “(a) In General.—The Office of Advocacy”; and (2) by adding at the end the
    following: “(b) …”                                               (H.R. 644, 114th, § 502)

Once the designation is in the text, the provision *is* divided: `find_split` finds each
designation an amendment's inserted words start (at the start of the inserted words, or after a
dash in them; of the level below the provision's; never a cross-reference such as “paragraph
(1)”), and `carry_out` rebuilds the provision as the structure it now has:

- in undivided text (`content`): the words before the first new designation become the
  provision's chapeau (none when the designation opens the text), and each designation becomes a
  subdivision holding the words up to the next (a heading `In general.—` becomes its heading);
- in a chapeau (the provision already has subdivisions): the words before the designation stay the
  chapeau, and the new subdivision takes the rest of the chapeau as its own chapeau, with the
  existing subdivisions (already redesignated a level down, as the bill does first) and the
  matter following them.

Inline markup (`<ref>`, `<date>`) goes with the words it marks up; the new elements get the
identifiers, `num` values and levels of the schema. `apply` records what moved where, so every
word still points at the amendment that put it there.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from .amendments import LEVELS
from .errors import DesignationMismatchError
from .newmatter import child_level, designation_fits
from .textblock import flat_text, splice
from .uslm import USLM_NS

__all__ = ["Cut", "Moved", "Split", "carry_out", "find_split", "own_designation", "relevel"]

_NS = "{" + USLM_NS + "}"
_LEVEL_TAGS = frozenset(_NS + lv for lv in LEVELS)
_MARKER = re.compile(r"\(([A-Za-z0-9]{1,8})\)")
_HEADING = re.compile(r"\s*([^—.;:()]{1,120}?)\.—")
# a designation after one of these words is a cross-reference, not a new subdivision
_REFERRING = frozenset(
    (
        *LEVELS,
        *(f"{lv}s" for lv in LEVELS),
        "and",
        "or",
        "of",
        "in",
        "under",
        "to",
        "through",
        "by",
        "with",
        "than",
        "see",
    )
)


@dataclass(frozen=True)
class Cut:
    """A designation inserted into a block: its span, its designation, its heading (if the words
    after it open with `Heading.—`) and where its own words begin."""

    start: int
    end: int
    designation: str
    heading: str | None
    body: int


@dataclass(frozen=True)
class Split:
    """A provision whose block (`content` or `chapeau`) now starts designations."""

    owner: etree._Element
    block: etree._Element
    cuts: tuple[Cut, ...]
    level: str
    """The level of the new subdivisions."""


@dataclass(frozen=True)
class Moved:
    """One stretch of words `carry_out` moved: offsets [start, end) of the old block now begin at
    offset `to` of block `kind` of provision `identifier`."""

    start: int
    end: int
    element: etree._Element
    """The block the words are in now."""
    to: int


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag[len(_NS) :] if isinstance(tag, str) and tag.startswith(_NS) else ""


def _designation(el: etree._Element) -> str:
    num = el.find(_NS + "num")
    return num.get("value", "") if num is not None else ""


def own_designation(el: etree._Element, text: str) -> str | None:
    """`text` without a leading designation that is `el`'s own (“(1) Notwithstanding …” in
    paragraph (1), whose “(1)” is its `<num>`), or None when it does not lead with it."""
    des = _designation(el)
    m = re.match(r"\s*\(([A-Za-z0-9]{1,8})\)\s*", text)
    if des and m is not None and m[1] == des and text[m.end() :].strip():
        return text[m.end() :]
    return None


def find_split(
    owner: etree._Element, block: etree._Element, inserted: Sequence[tuple[int, int]]
) -> Split | None:
    """The designations that inserted words (spans of `block`'s text) start in `owner`'s
    content or chapeau, or None when they start none."""
    kind = _local(block)
    level = _local(owner)
    if level not in LEVELS or level == LEVELS[-1] or kind not in ("content", "chapeau"):
        return None
    kids = [c for c in owner if c.tag in _LEVEL_TAGS]
    if (kind == "content") == bool(kids):
        return None
    want = child_level(level)
    text = flat_text(block)
    cuts: list[Cut] = []
    for s, e in sorted(inserted):
        words = text[s:e]
        starts = [s + len(words) - len(words.lstrip())]
        starts += [s + m.end() for m in re.finditer(r"—\s*", words) if s + m.end() < e]
        for at in starts:
            m = _MARKER.match(text, at)
            if m is None or m.end() > e or not _opens(text, at) or not _closes(text, m.end()):
                continue
            h = _HEADING.match(text, m.end())
            if not designation_fits(want, m[1]):
                if h is not None and at == starts[0]:
                    # “(1) In general.—…” opening the inserted words is a new subdivision, which
                    # cannot open here: refused rather than left as words of the text
                    raise DesignationMismatchError(
                        f"expected a {want} designation to open in {owner.get('identifier')}, "
                        f"found ({m[1]}) {h[1].strip()}.— opening the inserted words"
                    )
                continue
            heading = h[1].strip() if h is not None and h.end() <= len(text) else None
            body = h.end() if h is not None else m.end()
            cuts.append(Cut(at, m.end(), m[1], heading, body))
    if not cuts:
        return None
    return Split(owner, block, tuple(sorted(cuts, key=lambda c: c.start)), want)


def _opens(text: str, at: int) -> bool:
    """Whether a designation at `at` opens a subdivision: at the start, or after white space,
    a dash or a colon, and not after a word that makes it a cross-reference."""
    before = text[:at]
    if not before.strip():
        return True
    if not before[-1].isspace() and before[-1] not in "—:":
        return False
    last = before.split()[-1].lower().strip("“”\"',") if before.split() else ""
    return last not in _REFERRING and _MARKER.fullmatch(last) is None


def _closes(text: str, end: int) -> bool:
    after = text[end:]
    return not after or after[0].isspace() or after[0] == "—"


def relevel(el: etree._Element, level: str) -> None:
    """Make `el` (and, one level down each, its subdivisions) a `level` element in place."""
    depth = LEVELS.index(level) - LEVELS.index(_local(el))
    for node in [el, *(d for d in el.iterdescendants() if d.tag in _LEVEL_TAGS)]:
        i = LEVELS.index(_local(node)) + depth
        if i >= len(LEVELS):
            raise DesignationMismatchError(
                f"expected room below {el.get('identifier')} for its subdivisions one level "
                f"down, found a {_local(node)} already at the deepest level"
            )
        node.tag = _NS + LEVELS[i]


def _piece(block: etree._Element, start: int, end: int, tag: str) -> etree._Element:
    """A copy of `block`'s words [start, end) (inline markup kept) as a `tag` element."""
    piece = copy.deepcopy(block)
    piece.tail = None
    total = len(flat_text(piece))
    splice(piece, end, total)
    splice(piece, 0, start)
    piece.tag = _NS + tag
    return piece


def carry_out(split: Split) -> tuple[list[etree._Element], list[Moved], list[tuple[str, str]]]:
    """Rebuild the provision as the structure its text now has, in place.

    Returns the new subdivisions, where each stretch of the old block's words went, and the
    (old, new) identifiers of the existing subdivisions moved under the new one (chapeau case)."""
    owner, block, cuts = split.owner, split.block, split.cuts
    text = flat_text(block)
    ident = owner.get("identifier", "")
    kind = _local(block)
    moving = [c for c in owner if c.tag in _LEVEL_TAGS] if kind == "chapeau" else []
    if kind == "chapeau" and len(cuts) > 1:
        raise DesignationMismatchError(
            f"expected one new designation in the chapeau of {ident}, found "
            f"{', '.join(f'({c.designation})' for c in cuts)}"
        )
    inner = child_level(split.level) if split.level != LEVELS[-1] else None
    for k in moving:
        if _local(k) != inner:
            raise DesignationMismatchError(
                f"expected the subdivisions of {ident} to be {inner}s (redesignated a level down) "
                f"to go under its new {split.level} ({cuts[0].designation}), found a "
                f"{_local(k)} ({_designation(k)})"
            )
    taken = {_designation(c) for c in owner if c.tag in _LEVEL_TAGS and c not in moving}
    for c in cuts:
        if c.designation in taken:
            raise DesignationMismatchError(
                f"expected ({c.designation}) to be a new designation under {ident}, found it "
                "already there"
            )
        taken.add(c.designation)
    moved: list[Moved] = []
    pre = text[: cuts[0].start]
    new_blocks: list[etree._Element] = []
    if pre.strip():
        end = len(pre.rstrip())
        new_blocks.append(_piece(block, 0, end, "chapeau"))
        moved.append(Moved(0, end, new_blocks[-1], 0))
    kids: list[etree._Element] = []
    for i, c in enumerate(cuts):
        end = cuts[i + 1].start if i + 1 < len(cuts) else len(text)
        while end > c.body and text[end - 1].isspace() and i + 1 < len(cuts):
            end -= 1
        kid = etree.Element(_NS + split.level)
        kid_ident = f"{ident}/{c.designation}"
        kid.set("identifier", kid_ident)
        num = etree.SubElement(kid, _NS + "num")
        num.set("value", c.designation)
        num.text = f"({c.designation})"
        if c.heading is not None:
            etree.SubElement(kid, _NS + "heading").text = " " + c.heading
        body_kind = "chapeau" if moving else "content"
        body = _piece(block, c.body, end, body_kind)
        lead = flat_text(body)
        if not lead[:1].isspace():
            body.text = " " + (body.text or "")
            shift = 1
        else:
            shift = 0
        kid.append(body)
        moved.append(Moved(c.body, end, body, shift))
        kids.append(kid)
    # -- put the new structure where the block was --
    at = block
    tail = block.tail
    for b in new_blocks:
        at.addnext(b)
        at = b
    for kid in kids:
        at.addnext(kid)
        at = kid
    kid_tail = "\n"
    for kid in kids:
        kid.tail = kid_tail
    if new_blocks:
        new_blocks[-1].tail = None
    owner.remove(block)
    if kids:
        kids[-1].tail = tail if tail is not None else kid_tail
    if moving:
        last = kids[-1]
        following = [c for c in owner if _local(c) == "continuation"]
        for k in [*moving, *following]:
            owner.remove(k)
            last.append(k)
        new_prefix = last.get("identifier", "")
        renamed: list[tuple[str, str]] = []
        for k in moving:
            renamed.append(
                (k.get("identifier", ""), new_prefix + k.get("identifier", "")[len(ident) :])
            )
            for node in k.iter():
                old = node.get("identifier")
                if old and (old == ident or old.startswith(ident + "/")):
                    node.set("identifier", new_prefix + old[len(ident) :])
        return kids, moved, renamed
    return kids, moved, []
