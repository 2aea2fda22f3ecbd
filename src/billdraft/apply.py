"""apply(statute, amendments) -> Result: amendments carried out exactly, atomically and traceably.

Amendments apply in order, each to the result of the ones before (as a bill's sections do, so
later ones address designations `as so redesignated`). The input statute is never mutated: each
section an amendment touches is copied once, on first touch. Every changed character is recorded
in a `Change` naming the amendment that made it.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NoReturn, TypeAlias

from lxml import etree

from .amendments import (
    LEVELS,
    OUTSIDE_TYPES,
    AddAtEnd,
    AddToContainer,
    AmendHeading,
    Amendment,
    AmendSentence,
    AmendTableOfContents,
    AmendToRead,
    AnyAmendment,
    Insert,
    InsertProvisions,
    NewProvision,
    Redesignate,
    Scope,
    Strike,
    StrikeInsert,
    StrikeProvision,
    StrikeThrough,
    Target,
    TextAmendment,
    outside_target,
    target_of,
)
from .cite import Cite, Container
from .errors import (
    AmbiguousTextError,
    AmendmentError,
    ApplyError,
    DesignationMismatchError,
    OverlappingAmendmentsError,
    RedesignationCollisionError,
    TargetNotFoundError,
    TextNotFoundError,
)
from .newmatter import check_fits, child_level, designation_fits, to_element
from .statute import TEXT_BLOCKS, Statute, block_text, display
from .textblock import find_all, near_match, spaced_insert, splice, strike_span
from .uslm import USLM_NS

if TYPE_CHECKING:
    from .containers import ContainerChange, Outline

_NS = "{" + USLM_NS + "}"
_LEVEL_TAGS = frozenset(_NS + lv for lv in LEVELS)

ChangeKind = Literal[
    "strike",
    "insert",
    "replace",
    "strike-provision",
    "insert-provision",
    "redesignate",
    "replace-provision",
    "restructure",
]


@dataclass(frozen=True)
class Change:
    """One change a single amendment made: where, what was struck, what was inserted.

    For text changes, `block` names the text block (`heading`, `chapeau`, `content`,
    `continuation`) of provision `identifier`; `old_start`/`old_end` are offsets in that block's
    text just before this change and `new_start`/`new_end` offsets just after it; `struck` is the
    text between the old offsets, `inserted` the words inserted (without the space that joins them
    to the text around), `spliced` the exact text between the new offsets. For structural changes
    the offsets are 0 and `struck`/`inserted` hold the provision as printed, its lines joined
    (``(f) Exception for Kazakhstan.—This section …``).
    """

    amendment: Amendment
    identifier: str
    kind: ChangeKind
    block: str | None = None
    old_start: int = 0
    old_end: int = 0
    new_start: int = 0
    new_end: int = 0
    struck: str = ""
    inserted: str = ""
    old_identifier: str | None = None
    block_index: int = 0
    """Which block of that kind in the provision (a few Code provisions have two chapeaus)."""
    spliced: str = ""
    """The text put between `new_start` and `new_end`, joining spaces included."""
    old_block: str | None = None
    """For a `restructure` that moved words: the block of `old_identifier` they came from."""


@dataclass(frozen=True)
class Result:
    """The amended statute, the changes that made it, and (in collect mode) every failure."""

    original: Statute
    statute: Statute
    changes: tuple[Change, ...]
    failures: tuple[AmendmentError, ...] = ()
    warnings: tuple[str, ...] = ()
    container_changes: tuple[ContainerChange, ...] = ()
    """Changes to containers themselves: items of a table of sections, a chapter's heading."""

    @property
    def ok(self) -> bool:
        """True when every amendment applied."""
        return not self.failures

    @property
    def changed_sections(self) -> tuple[str, ...]:
        """Identifiers of the sections the changes touched, in first-touch order."""
        seen: dict[str, None] = {}
        for ch in self.changes:
            seen.setdefault(Cite.from_identifier(ch.identifier).section_cite.identifier, None)
        return tuple(seen)


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag[len(_NS) :] if isinstance(tag, str) and tag.startswith(_NS) else ""


def describe(amendment: AnyAmendment) -> str:
    """A short human description of an amendment, for messages and comments."""
    label = f"{amendment.label}: " if amendment.label else ""
    if isinstance(amendment, AddToContainer):
        where = f"after section {amendment.after}" if amendment.after else "at the end"
        news = ", ".join(p.designation for p in amendment.provisions)
        return f"{label}in {amendment.target}, add section(s) {news} {where}"
    if isinstance(amendment, AmendTableOfContents):
        parts = (
            [f"strike the item(s) relating to {', '.join(amendment.strike)}"]
            if (amendment.strike)
            else []
        )
        if amendment.insert:
            where = f" after the item relating to {amendment.after}" if amendment.after else ""
            if amendment.before:
                where = f" before the item relating to {amendment.before}"
            parts.append(f"insert {len(amendment.insert)} item(s){where}")
        return f"{label}in the table of contents of {amendment.target}, {' and '.join(parts)}"
    if isinstance(amendment, AmendSentence):
        which = (
            "the last sentence" if amendment.sentence == -1 else (f"sentence {amendment.sentence}")
        )
        if amendment.strike:
            tail = f" and insert “{amendment.insert}”" if amendment.insert else ""
            return f"{label}in {amendment.target}, strike {which}{tail}"
        return f"{label}in {amendment.target}, insert “{amendment.insert}” after {which}"
    if isinstance(amendment, Strike):
        return f"{label}in {amendment.target}, strike “{amendment.text}”{_except_words(amendment)}"
    if isinstance(amendment, StrikeInsert):
        return (
            f"{label}in {amendment.target}, strike “{amendment.strike}”"
            f"{_except_words(amendment)} and insert “{amendment.insert}”"
        )
    if isinstance(amendment, Insert):
        where = (
            f"after “{amendment.after}”"
            if amendment.after is not None
            else f"before “{amendment.before}”"
            if amendment.before is not None
            else "at the end"
        )
        return f"{label}in {amendment.target}, insert “{amendment.text}” {where}{_except_words(amendment)}"
    if isinstance(amendment, StrikeThrough):
        if amendment.precedes:
            new = f" and insert “{amendment.insert}”" if amendment.insert else ""
            return (
                f"{label}in {amendment.target}, strike all that precedes “{amendment.start}”{new}"
            )
        through = f"“{amendment.through}”" if amendment.through else "the end"
        return f"{label}in {amendment.target}, strike “{amendment.start}” and all that follows through {through}"
    if isinstance(amendment, StrikeProvision):
        through = f" through {amendment.through}" if amendment.through is not None else ""
        new = (
            " and insert new matter" if amendment.replacement or amendment.replacement_text else ""
        )
        return f"{label}strike {amendment.target}{through}{new}"
    if isinstance(amendment, InsertProvisions):
        side = "before" if amendment.before else "after"
        return f"{label}insert new matter {side} {amendment.anchor}"
    if isinstance(amendment, AddAtEnd):
        return f"{label}add new matter at the end of {amendment.target}"
    if isinstance(amendment, Redesignate):
        olds = ", ".join(str(t) for t in amendment.targets)
        return f"{label}redesignate {olds} as {', '.join(amendment.designations)}"
    if isinstance(amendment, AmendToRead):
        return f"{label}amend {amendment.target} to read as follows"
    return f"{label}amend the heading of {amendment.target}"


def _except_words(amendment: Strike | StrikeInsert | Insert) -> str:
    """` except in 19 U.S.C. 2432(c)`: the provisions an amendment leaves alone, if any."""
    if not amendment.except_in:
        return ""
    return " except in " + ", ".join(str(t) for t in amendment.except_in)


# --- the working copy ----------------------------------------------------------------------


class _Work:
    """Copy-on-write section trees plus an identifier index, and the spans already edited."""

    def __init__(self, statute: Statute) -> None:
        self.statute = statute
        originals = statute.section_elements()
        self.originals = originals if isinstance(originals, dict) else dict(originals)
        self.copies: dict[str, etree._Element] = {}
        self.index: dict[str, dict[str, etree._Element]] = {}
        # per block element: spans of text inserted, and points where text was struck
        self.touched: dict[int, tuple[etree._Element, list[tuple[int, int, Amendment]]]] = {}
        self.changes: list[Change] = []
        self.warnings: list[str] = []
        # whole titles: the working outlines, sections gone, and changes to the containers
        self.outlines: dict[str, Outline] = {}
        self.removed: set[str] = set()
        self.container_changes: list[ContainerChange] = []
        self.edited: list[etree._Element] = []  # the blocks `_edit` changed, in order

    def section(self, cite: Cite, amendment: Amendment | None = None) -> etree._Element:
        ident = cite.section_cite.identifier
        if ident not in self.copies:
            original = self.originals.get(ident) if ident not in self.removed else None
            if original is None:
                what = f"{describe(amendment)}: " if amendment is not None else ""
                raise TargetNotFoundError(
                    f"{what}expected section {cite.section_cite} to be loaded, found it missing "
                    f"(loaded: {len(self.originals)} section(s))",
                    amendment=amendment,
                )
            self.copies[ident] = copy.deepcopy(original)
        return self.copies[ident]

    def _section_index(self, section_ident: str) -> dict[str, etree._Element]:
        idx = self.index.get(section_ident)
        if idx is None:
            sec = self.copies[section_ident]
            idx = {section_ident: sec}
            for el in sec.iter(*_LEVEL_TAGS):
                ident = el.get("identifier")
                if ident and ident not in idx and _operative(el):
                    idx[ident] = el
            self.index[section_ident] = idx
        return idx

    def reindex(self, target: Target) -> None:
        if isinstance(target, Cite):
            self.index.pop(target.section_cite.identifier, None)

    def find(self, target: Target, amendment: Amendment) -> etree._Element:
        if isinstance(target, Container):
            _not_loaded(self, amendment, target)
        cite = target
        self.section(cite, amendment)  # copy the section on first touch
        idx = self._section_index(cite.section_cite.identifier)
        el = idx.get(cite.identifier)
        if el is None:
            parent = cite.parent
            while parent is not None and parent.identifier not in idx:
                parent = parent.parent
            have = ""
            if parent is not None:
                kids = [f"({_designation(c)})" for c in _siblings(idx[parent.identifier])]
                have = f"; {parent} has {', '.join(kids) if kids else 'no subdivisions'}"
            raise TargetNotFoundError(
                f"{describe(amendment)}: expected {cite} to exist, found no such provision{have}",
                amendment=amendment,
            )
        return el


def _operative(el: etree._Element) -> bool:
    up = el.getparent()
    while up is not None:
        name = _local(up)
        if name in ("notes", "note", "quotedContent", "sourceCredit"):
            return False
        if name == "section":
            return True
        up = up.getparent()
    return True


def _cite_of(el: etree._Element) -> Cite:
    return Cite.from_identifier(el.get("identifier", ""))


def _owner(block: etree._Element) -> etree._Element:
    up = block.getparent()
    while up is not None and up.tag not in _LEVEL_TAGS:
        up = up.getparent()
    assert up is not None
    return up


# --- text amendments -----------------------------------------------------------------------


def _scope_blocks(target: etree._Element, scope: Scope) -> list[etree._Element]:
    """The text blocks a text amendment searches, in document order."""
    if scope is Scope.HEADING:
        return [c for c in target if _local(c) == "heading"]
    if scope is Scope.CHAPEAU:
        return [c for c in target if _local(c) == "chapeau"]
    if scope is Scope.CONTINUATION:
        return [c for c in target if _local(c) == "continuation"]
    blocks: list[etree._Element] = []

    def visit(el: etree._Element) -> None:
        for child in el:
            name = _local(child)
            if name in TEXT_BLOCKS:
                blocks.append(child)
            elif child.tag in _LEVEL_TAGS:
                visit(child)

    visit(target)
    return blocks


def _scope_phrase(scope: Scope, target: Target) -> str:
    if scope is Scope.TEXT:
        return f"the text of {target}"
    return f"the {scope.value} of {target}"


@dataclass(frozen=True)
class _Match:
    block: etree._Element
    start: int
    end: int


def _matches(blocks: Sequence[etree._Element], needle: str, *, at_end: bool) -> list[_Match]:
    found: list[_Match] = []
    for i, block in enumerate(blocks):
        text = block_text(block)
        for s, e in find_all(text, needle):
            if at_end and (i != len(blocks) - 1 or text[e:].strip()):
                continue
            found.append(_Match(block, s, e))
    return found


def _places(matches: Sequence[_Match]) -> str:
    """Where each match is, in document order: offsets, grouped by the block they are in when
    they fall in more than one (offsets count from the start of each block's text)."""
    groups: list[tuple[etree._Element, list[int]]] = []
    for m in matches:
        if groups and groups[-1][0] is m.block:
            groups[-1][1].append(m.start)
        else:
            groups.append((m.block, [m.start]))
    if len(groups) == 1:
        return "at offsets " + ", ".join(map(str, groups[0][1]))
    parts = []
    for block, starts in groups:
        owner = _cite_of(_owner(block))
        offsets = ", ".join(map(str, starts))
        parts.append(f"in the {_local(block)} of {owner} at offsets {offsets}")
    return "; ".join(parts)


def _select(
    matches: list[_Match],
    amendment: Amendment,
    needle: str,
    blocks: Sequence[etree._Element],
    each: bool,
    occurrence: int | None,
    where: str,
) -> list[_Match]:
    if not matches:
        corpus = " … ".join(display(block_text(b)) for b in blocks)
        near = near_match(corpus, needle)
        hint = f"; the closest text there is “{near}”" if near else ""
        if not blocks:
            hint = "; it has no such text"
        raise TextNotFoundError(
            f"{describe(amendment)}: expected “{needle}” in {where}, found it nowhere{hint}",
            amendment=amendment,
        )
    if each:
        return matches
    if occurrence is not None:
        if occurrence > len(matches):
            raise TextNotFoundError(
                f"{describe(amendment)}: expected at least {occurrence} occurrences of “{needle}” "
                f"in {where}, found {len(matches)}",
                amendment=amendment,
            )
        return [matches[occurrence - 1]]
    if len(matches) > 1:
        positions = [m.start for m in matches]
        raise AmbiguousTextError(
            f"{describe(amendment)}: expected “{needle}” once in {where}, found it "
            f"{len(matches)} times ({_places(matches)}); say "
            "“each place it appears” or name the occurrence",
            amendment=amendment,
            positions=positions,
        )
    return matches


def _check_overlap(work: _Work, m: _Match, amendment: Amendment) -> None:
    for s, e, other in work.touched.get(id(m.block), (m.block, []))[1]:
        hit = (s < m.end and m.start < e) if e > s else (m.start < s < m.end)
        if hit:
            raise OverlappingAmendmentsError(
                f"{describe(amendment)}: expected to touch text no earlier amendment changed, "
                f"found it overlaps the change made by: {describe(other)}",
                amendment=amendment,
            )


def _edit(
    work: _Work,
    amendment: Amendment,
    block: etree._Element,
    start: int,
    end: int,
    insert: str,
    kind: ChangeKind,
) -> None:
    text = block_text(block)
    struck = text[start:end]
    splice(block, start, end, insert)
    delta = len(insert) - (end - start)
    spans = work.touched.get(id(block), (block, []))[1]
    shifted = []
    for s, e, a in spans:
        if s >= end:
            shifted.append((s + delta, e + delta, a))
        else:
            shifted.append((s, e, a))
    shifted.append((start, start + len(insert), amendment))
    work.touched[id(block)] = (block, shifted)
    work.edited.append(block)
    owner = _owner(block)
    same_kind = [c for c in owner if c.tag == block.tag]
    work.changes.append(
        Change(
            amendment=amendment,
            identifier=owner.get("identifier", ""),
            kind=kind,
            block=_local(block),
            old_start=start,
            old_end=end,
            new_start=start,
            new_end=start + len(insert),
            struck=struck,
            inserted=insert.strip(),
            block_index=same_kind.index(block) if block in same_kind else 0,
            spliced=insert,
        )
    )


def _apply_text(work: _Work, amendment: Strike | StrikeInsert | Insert | StrikeThrough) -> None:
    target_cite = amendment.target
    target = work.find(target_cite, amendment)
    blocks = _scope_blocks(target, amendment.scope)
    where = _scope_phrase(amendment.scope, target_cite)
    left_alone: list[etree._Element] = []
    if not isinstance(amendment, StrikeThrough) and amendment.except_in:
        left_alone = _excepted(work, amendment, target)
        where += " except in " + _series_of(amendment.except_in)
    if isinstance(amendment, Strike | StrikeInsert):
        needle = amendment.text if isinstance(amendment, Strike) else amendment.strike
        insert = "" if isinstance(amendment, Strike) else amendment.insert
        chosen = _select(
            _outside(_matches(blocks, needle, at_end=amendment.at_end), left_alone),
            amendment,
            needle,
            blocks,
            amendment.each,
            amendment.occurrence,
            where,
        )
        for m in chosen:
            _check_overlap(work, m, amendment)
        for m in _in_order(chosen):
            if insert:
                _edit(work, amendment, m.block, m.start, m.end, insert, "replace")
            else:
                s, e = strike_span(block_text(m.block), m.start, m.end)
                _edit(work, amendment, m.block, s, e, "", "strike")
        return
    if isinstance(amendment, Insert):
        anchor = amendment.after if amendment.after is not None else amendment.before
        if anchor is None:
            if left_alone:
                raise AmendmentError(
                    f"{describe(amendment)}: expected words to insert before or after with "
                    "`except in`, found an insertion at the end, which has no other places to "
                    "leave alone",
                    amendment=amendment,
                )
            if not blocks:
                raise TextNotFoundError(
                    f"{describe(amendment)}: expected text in {where} to insert after, found none",
                    amendment=amendment,
                )
            block = blocks[-1]
            text = block_text(block)
            pos = len(text.rstrip())
            _edit(
                work, amendment, block, pos, pos, spaced_insert(text, pos, amendment.text), "insert"
            )
            return
        chosen = _select(
            _outside(_matches(blocks, anchor, at_end=amendment.at_end), left_alone),
            amendment,
            anchor,
            blocks,
            amendment.each,
            amendment.occurrence,
            where,
        )
        points = [
            _Match(m.block, *(2 * [m.end if amendment.after is not None else m.start]))
            for m in chosen
        ]
        for p in points:
            _check_overlap(work, p, amendment)
        for p in _in_order(points):
            pos, text = p.start, block_text(p.block)
            _edit(
                work,
                amendment,
                p.block,
                pos,
                pos,
                spaced_insert(text, pos, amendment.text),
                "insert",
            )
        return
    if amendment.precedes:
        _apply_precedes(work, amendment, blocks, where)
        return
    # StrikeThrough
    starts = _select(
        _matches(blocks, amendment.start, at_end=False),
        amendment,
        amendment.start,
        blocks,
        False,
        amendment.occurrence,
        where,
    )
    m = starts[0]
    text = block_text(m.block)
    if amendment.through is None:
        end = len(text.rstrip())
    else:
        ends = [e for s, e in find_all(text, amendment.through) if s >= m.start]
        if not ends:
            raise TextNotFoundError(
                f"{describe(amendment)}: expected “{amendment.through}” after “{amendment.start}” "
                f"in the same block of {where}, found it nowhere after it",
                amendment=amendment,
            )
        end = ends[0]
    span = _Match(m.block, m.start, end)
    _check_overlap(work, span, amendment)
    if amendment.insert:
        _edit(work, amendment, m.block, m.start, end, amendment.insert, "replace")
    else:
        s, e = strike_span(text, m.start, end)
        _edit(work, amendment, m.block, s, e, "", "strike")


def _excepted(
    work: _Work, amendment: Strike | StrikeInsert | Insert, target: etree._Element
) -> list[etree._Element]:
    """`each place it appears except in subsection (c)`: the provisions left alone, each of
    which must exist under the target."""
    if not amendment.each:
        raise AmendmentError(
            f"{describe(amendment)}: expected `each place it appears` with `except in`, found "
            + (f"occurrence {amendment.occurrence}" if amendment.occurrence else "a single place"),
            amendment=amendment,
        )
    found: list[etree._Element] = []
    for t in amendment.except_in:
        whole = amendment.target
        if (
            isinstance(t, Container)
            or isinstance(whole, Container)
            or not t.is_within(whole)
            or t == whole
        ):
            raise AmendmentError(
                f"{describe(amendment)}: expected each provision left alone (`except in`) to be "
                f"a subdivision of {amendment.target}, found {t}",
                amendment=amendment,
            )
        try:
            el = work.find(t, amendment)
        except TargetNotFoundError as e:
            raise TargetNotFoundError(
                f"{describe(amendment)}: expected {t}, which the amendment leaves alone "
                f"(`except in`), to exist under {amendment.target}, found no such provision"
                f"{e.message.partition('found no such provision')[2]}",
                amendment=amendment,
            ) from None
        if not any(a is target for a in el.iterancestors()):
            raise TargetNotFoundError(
                f"{describe(amendment)}: expected {t}, which the amendment leaves alone "
                f"(`except in`), under {amendment.target}, found it elsewhere",
                amendment=amendment,
            )
        found.append(el)
    return found


def _outside(matches: list[_Match], left_alone: Sequence[etree._Element]) -> list[_Match]:
    """The matches not inside any of the provisions an amendment leaves alone."""
    if not left_alone:
        return matches
    ids = {id(el) for el in left_alone}
    return [
        m
        for m in matches
        if not any(id(a) in ids for a in m.block.iterancestors()) and id(m.block) not in ids
    ]


def _series_of(targets: Sequence[Target]) -> str:
    names = [str(t) for t in targets]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _apply_precedes(
    work: _Work, amendment: StrikeThrough, blocks: Sequence[etree._Element], where: str
) -> None:
    """`by striking all that precedes “X”` (`and inserting “Y”`): strike from the start of the
    text searched up to, not including, “X”; “X” must be in its first block (striking across
    subdivisions would strike structure, not text)."""
    try:
        m = _select(
            _matches(blocks, amendment.start, at_end=False),
            amendment,
            amendment.start,
            blocks,
            False,
            amendment.occurrence,
            where,
        )[0]
    except AmbiguousTextError as e:
        # all that precedes every place it appears is no amendment: only the occurrence helps
        raise AmbiguousTextError(
            e.message.replace("say “each place it appears” or name", "name"),
            amendment=amendment,
            positions=e.positions,
        ) from None
    if m.block is not blocks[0]:
        owner = _cite_of(_owner(m.block))
        raise AmendmentError(
            f"{describe(amendment)}: expected “{amendment.start}” in the first text of {where} "
            f"(the {_local(blocks[0])} of {_cite_of(_owner(blocks[0]))}), found it in the "
            f"{_local(m.block)} of {owner}; all that precedes it would strike whole "
            "subdivisions, which is a structural amendment",
            amendment=amendment,
        )
    text = block_text(m.block)
    lead = len(text) - len(text.lstrip())
    if m.start <= lead:
        raise TextNotFoundError(
            f"{describe(amendment)}: expected text before “{amendment.start}” in {where}, found "
            "it at the very start, so there is nothing that precedes it",
            amendment=amendment,
        )
    span = _Match(m.block, lead, m.start)
    _check_overlap(work, span, amendment)
    if amendment.insert:
        rest = text[:lead] + text[m.start :]
        _edit(
            work,
            amendment,
            m.block,
            lead,
            m.start,
            spaced_insert(rest, lead, amendment.insert),
            "replace",
        )
    else:
        _edit(work, amendment, m.block, lead, m.start, "", "strike")


def _in_order(matches: Iterable[_Match]) -> Iterator[_Match]:
    """Matches in document order, with offsets shifted by the edits the caller made to earlier ones."""
    shift: dict[int, int] = {}
    for m in matches:
        before = len(block_text(m.block))
        delta = shift.get(id(m.block), 0)
        yield _Match(m.block, m.start + delta, m.end + delta)
        shift[id(m.block)] = delta + len(block_text(m.block)) - before


# --- sentences ------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    "u.s u.s.c sec secs no nos stat pub l inc co corp ltd etc e.g i.e mr mrs ms dr st jan feb mar "
    "apr jun jul aug sept sep oct nov dec cl subcl par subpar art ch pt vol".split()
)
_SENTENCE_END = re.compile(r"[.?!][”’)\]]*(?=\s+[“‘(\[]?[A-Z0-9])")


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of a block of text, its closing period included.

    A period ends a sentence when white space and a capital (or a digit, or an opening quotation
    mark) follow it, unless it closes an abbreviation (`U.S.C.`, `Sec.`, `No.`, an initial)."""
    spans: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for m in _SENTENCE_END.finditer(text):
        word = re.search(r"(\S+)$", text[start : m.start()])
        token = (word[1] if word else "").lstrip("“‘([").lower()
        if (
            token in _ABBREVIATIONS
            or re.fullmatch(r"[a-z]", token)
            or re.fullmatch(r"([a-z]\.)+[a-z]", token)
        ):
            continue
        spans.append((start, m.end()))
        rest = text[m.end() :]
        start = m.end() + len(rest) - len(rest.lstrip())
    end = len(text.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


def _apply_sentence(work: _Work, amendment: AmendSentence) -> None:
    """Find the sentence, then carry the amendment out as the text amendment it comes to (the
    `Change` records that one: `Strike`, `StrikeInsert` or `Insert` of the sentence's words)."""
    probe = Strike(amendment.target, "sentence", label=amendment.label)
    try:
        target = work.find(amendment.target, probe)
    except TargetNotFoundError as e:
        message = e.message.replace(describe(probe), describe(amendment))
        raise TargetNotFoundError(message, amendment=amendment) from None
    if amendment.scope is Scope.TEXT:
        own = [c for c in target if _local(c) in TEXT_BLOCKS and block_text(c).strip()]
    else:
        own = _scope_blocks(target, amendment.scope)
    where = _scope_phrase(amendment.scope, amendment.target)
    if len(own) != 1:
        raise AmbiguousTextError(
            f"{describe(amendment)}: expected one block of text in {where} to count sentences "
            f"in, found {len(own)}",
            amendment=amendment,
        )
    block = own[0]
    text = block_text(block)
    spans = sentences(text)
    n = amendment.sentence
    if n > len(spans) or not spans:
        raise TextNotFoundError(
            f"{describe(amendment)}: expected at least {max(n, 1)} sentence(s) in {where}, found "
            f"{len(spans)}",
            amendment=amendment,
        )
    start, end = spans[n - 1] if n > 0 else spans[-1]
    words = text[start:end]
    label, scope = amendment.label, amendment.scope
    if not amendment.strike:
        assert amendment.insert is not None
        after = Insert(amendment.target, amendment.insert, after=words, scope=scope, label=label)
        _check_overlap(work, _Match(block, end, end), after)
        _edit(work, after, block, end, end, spaced_insert(text, end, amendment.insert), "insert")
        return
    lowered: Amendment = (
        StrikeInsert(amendment.target, words, amendment.insert, scope=scope, label=label)
        if amendment.insert
        else Strike(amendment.target, words, scope=scope, label=label)
    )
    _check_overlap(work, _Match(block, start, end), lowered)
    if amendment.insert:
        _edit(work, lowered, block, start, end, amendment.insert, "replace")
        return
    if end < len(text) and text[end : end + 1].isspace():
        end += len(text[end:]) - len(text[end:].lstrip())
    elif start > 0 and text[start - 1 : start].isspace():
        start -= len(text[:start]) - len(text[:start].rstrip())
    _edit(work, lowered, block, start, end, "", "strike")


# --- structural amendments -----------------------------------------------------------------


def _provision_text(el: etree._Element) -> str:
    """A provision as printed, its lines joined: ``(f) Exception for Kazakhstan.—This section…``
    (a heading below a section closes with ``.—``)."""
    out = ""
    for node in el.iter():
        name = _local(node)
        if name not in ("num", "heading", *TEXT_BLOCKS):
            continue
        text = display(block_text(node)).strip()
        if not text:
            continue
        parent = node.getparent()
        if name == "heading" and parent is not None and _local(parent) != "section":
            text += "—" if text.endswith(".") else ".—"
        out += text if not out or out.endswith("—") else " " + text
    return out


def _siblings(parent: etree._Element) -> list[etree._Element]:
    return [c for c in parent if c.tag in _LEVEL_TAGS]


def _designation(el: etree._Element) -> str:
    num = el.find(_NS + "num")
    return num.get("value", "") if num is not None else ""


def _check_new(
    work: _Work,
    amendment: Amendment,
    parent: etree._Element,
    provisions: Sequence[NewProvision],
    *,
    level: str,
    replacing: Sequence[etree._Element] = (),
) -> None:
    existing = {_designation(c) for c in _siblings(parent) if c not in replacing}
    for p in provisions:
        try:
            check_fits(p, level)
        except DesignationMismatchError as exc:
            raise DesignationMismatchError(
                f"{describe(amendment)}: {exc.message}", amendment=amendment
            ) from None
        if p.designation in existing:
            raise DesignationMismatchError(
                f"{describe(amendment)}: expected a new designation under {_cite_of(parent)}, "
                f"found ({p.designation}) already there",
                amendment=amendment,
            )
        existing.add(p.designation)


def _insert_elements(
    work: _Work,
    amendment: Amendment,
    parent: etree._Element,
    anchor: etree._Element | None,
    provisions: Sequence[NewProvision],
    *,
    before: bool = False,
) -> None:
    """Insert new provisions after `anchor` (or before it), or at the end of `parent`'s subdivisions."""
    parent_ident = parent.get("identifier", "")
    new_els = [to_element(p, parent_ident) for p in provisions]
    tail = "\n"
    if anchor is None:
        subs = _siblings(parent)
        if subs:
            anchor, before = subs[-1], False
        else:
            # no subdivisions yet: after the last heading/chapeau/content block
            blocks = [c for c in parent if _local(c) in ("num", "heading", "chapeau", "content")]
            anchor, before = blocks[-1], False
    for el in new_els:
        el.tail = tail
    if before:
        for el in new_els:
            anchor.addprevious(el)
    else:
        at = anchor
        for el in new_els:
            at.addnext(el)
            at = el
    work.reindex(_cite_of(parent))
    for el in new_els:
        work.changes.append(
            Change(
                amendment,
                el.get("identifier", ""),
                "insert-provision",
                inserted=_provision_text(el),
            )
        )


def _parent_of(el: etree._Element, amendment: Amendment | None = None) -> etree._Element:
    parent = el.getparent()
    while parent is not None and parent.tag not in _LEVEL_TAGS:
        parent = parent.getparent()
    if parent is None:
        what = f"{describe(amendment)}: " if amendment is not None else ""
        if _local(el) == "section":
            raise TargetNotFoundError(
                f"{what}expected the chapter (or other container) holding "
                f"{_cite_of(el)} to be loaded, found only its sections loaded (load the "
                "whole-title file, OLRC's uscNN.xml, to add, redesignate or strike sections)",
                amendment=amendment,
            )
        raise TargetNotFoundError(
            f"{what}expected {el.get('identifier')} to have an enclosing provision",
            amendment=amendment,
        )
    return parent


def _apply_structural(work: _Work, amendment: Amendment) -> None:
    if isinstance(amendment, StrikeProvision):
        first = work.find(amendment.target, amendment)
        if amendment.replacement_text is not None:
            raise DesignationMismatchError(
                f"{describe(amendment)}: expected new provisions to put in place of "
                f"{amendment.target}, found only text",
                amendment=amendment,
            )
        parent = _parent_of(first, amendment)
        doomed = [first]
        if amendment.through is not None:
            last = work.find(amendment.through, amendment)
            subs = _siblings(parent)
            if last not in subs or subs.index(last) < subs.index(first):
                raise TargetNotFoundError(
                    f"{describe(amendment)}: expected {amendment.through} to be a later sibling of "
                    f"{amendment.target}, found it is not",
                    amendment=amendment,
                )
            doomed = subs[subs.index(first) : subs.index(last) + 1]
        if amendment.replacement:
            _check_new(
                work,
                amendment,
                parent,
                amendment.replacement,
                level=_local(first),
                replacing=doomed,
            )
        for el in doomed:
            work.changes.append(
                Change(
                    amendment,
                    el.get("identifier", ""),
                    "strike-provision",
                    struck=_provision_text(el),
                )
            )
        insert_after = doomed[-1]
        if amendment.replacement:
            _insert_elements(work, amendment, parent, insert_after, amendment.replacement)
        for el in doomed:
            _remove(el)
        work.reindex(amendment.target)
        return
    if isinstance(amendment, InsertProvisions):
        anchor = work.find(amendment.anchor, amendment)
        parent = _parent_of(anchor, amendment)
        _check_new(work, amendment, parent, amendment.provisions, level=_local(anchor))
        _insert_elements(
            work, amendment, parent, anchor, amendment.provisions, before=amendment.before
        )
        return
    if isinstance(amendment, AddAtEnd):
        target = work.find(amendment.target, amendment)
        level = _local(target)
        if level == LEVELS[-1]:
            raise DesignationMismatchError(
                f"{describe(amendment)}: expected a provision that can have subdivisions, "
                f"found a {level}",
                amendment=amendment,
            )
        want = child_level(level)
        if not _siblings(target) and any(_local(c) == "content" for c in target):
            raise DesignationMismatchError(
                f"{describe(amendment)}: expected {amendment.target} to have {want}s to add to, "
                "found only undivided text; strike and insert the provision instead",
                amendment=amendment,
            )
        _check_new(work, amendment, target, amendment.provisions, level=want)
        _insert_elements(work, amendment, target, None, amendment.provisions)
        return
    if isinstance(amendment, Redesignate):
        _redesignate(work, amendment)
        return
    if isinstance(amendment, AmendToRead):
        old = work.find(amendment.target, amendment)
        holder = _parent_of(old) if _local(old) != "section" else None
        level = _local(old)
        if holder is not None:
            _check_new(work, amendment, holder, [amendment.provision], level=level, replacing=[old])
            new = to_element(amendment.provision, holder.get("identifier", ""))
        else:
            new = _replace_section_body(old, amendment.provision)
        new.tail = old.tail
        work.changes.append(
            Change(
                amendment,
                old.get("identifier", ""),
                "replace-provision",
                struck=_provision_text(old),
                inserted=_provision_text(new),
                old_identifier=old.get("identifier"),
            )
        )
        if holder is None:
            return
        old.addnext(new)
        _remove(old)
        work.reindex(amendment.target)
        return
    if isinstance(amendment, AmendHeading):
        target = work.find(amendment.target, amendment)
        heading = target.find(_NS + "heading")
        if heading is None:
            heading = etree.Element(_NS + "heading")
            heading.text = ""
            num = target.find(_NS + "num")
            if num is not None:
                num.addnext(heading)
            else:
                target.insert(0, heading)
        text = block_text(heading)
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        _edit(
            work,
            amendment,
            heading,
            len(lead),
            len(text) - len(trail),
            amendment.heading,
            "replace",
        )
        return
    raise TypeError(f"expected an amendment, found {type(amendment).__name__}")


def _replace_section_body(old: etree._Element, provision: NewProvision) -> etree._Element:
    """Amend a whole section to read as follows: keep its identifier, credits and notes."""
    if provision.level != "section":
        raise DesignationMismatchError(
            f"expected a section to replace {old.get('identifier')}, found a {provision.level}"
        )
    ident = old.get("identifier", "")
    parent_ident, _, own = ident.rpartition("/")
    # -- a bill quotes the section by its Act number (“SEC. 310.”); the Code keeps its own --
    code_number = own[1:] if own.startswith("s") else provision.designation
    if code_number and provision.designation != code_number:
        provision = dataclasses.replace(provision, designation=code_number)
    built = to_element(provision, parent_ident)
    keep = [c for c in old if _local(c) in ("sourceCredit", "notes")]
    for c in list(old):
        if c not in keep:
            old.remove(c)
    for i, c in enumerate(c for c in built):
        old.insert(i, c)
    return old


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    prev = el.getprevious()
    tail = el.tail or ""
    if tail.strip():
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


_NUM = re.compile(r"^(\W*)(.+?)(\W*)$", re.S)


def _redesignate(work: _Work, amendment: Redesignate) -> None:
    els = [work.find(t, amendment) for t in amendment.targets]
    parent = _parent_of(els[0])
    level = _local(els[0])
    moving = set(map(id, els))
    staying = {_designation(c) for c in _siblings(parent) if id(c) not in moving}
    seen: set[str] = set()
    lower = _level_down(level, amendment.designations)
    if lower is not None:
        # `by redesignating subparagraphs (A) and (B) as clauses (i) and (ii)`: a level down,
        # to go under a subdivision the bill's next step opens (see `restructure`)
        from .restructure import relevel

        for el in els:
            relevel(el, lower)
        level = lower
    for el, new in zip(els, amendment.designations, strict=True):
        if not designation_fits(level, new):
            raise DesignationMismatchError(
                f"{describe(amendment)}: expected a {level} designation for "
                f"{_cite_of(el)}, found ({new})",
                amendment=amendment,
            )
        if new in staying or new in seen:
            raise RedesignationCollisionError(
                f"{describe(amendment)}: expected ({new}) to be free under {_cite_of(parent)}, "
                f"found it already taken",
                amendment=amendment,
            )
        seen.add(new)
    for el, new in zip(els, amendment.designations, strict=True):
        old_ident = el.get("identifier", "")
        new_ident = old_ident.rsplit("/", 1)[0] + "/" + new
        num = el.find(_NS + "num")
        if num is not None:
            old_value = num.get("value", "")
            num.set("value", new)
            _renumber_text(num, old_value, new)
        for node in el.iter():
            ident = node.get("identifier")
            if ident and (ident == old_ident or ident.startswith(old_ident + "/")):
                node.set("identifier", new_ident + ident[len(old_ident) :])
        work.changes.append(
            Change(
                amendment,
                new_ident,
                "redesignate",
                struck=f"({_old(old_ident)})",
                inserted=f"({new})",
                old_identifier=old_ident,
            )
        )
    work.reindex(amendment.targets[0])


def _level_down(level: str, designations: Sequence[str]) -> str | None:
    """The level below `level` when every new designation has its form and none has `level`'s
    (“(i)”, “(ii)” for subparagraphs), else None."""
    if level == LEVELS[-1]:
        return None
    below = child_level(level)
    if all(designation_fits(below, d) and not designation_fits(level, d) for d in designations):
        return below
    return None


def _old(identifier: str) -> str:
    return identifier.rsplit("/", 1)[-1]


def _renumber_text(num: etree._Element, old: str, new: str) -> None:
    text = num.text or ""
    if old and old in text:
        num.text = (
            text.replace(f"({old})", f"({new})", 1)
            if f"({old})" in text
            else text.replace(old, new, 1)
        )
    else:
        num.text = f"({new})"


# --- cross-reference warnings --------------------------------------------------------------


def _xref_warnings(work: _Work, statute: Statute) -> list[str]:
    """Warn about references that still name a designation a strike or redesignation changed."""
    moved: list[tuple[str, str]] = []
    for ch in work.changes:
        if ch.kind == "redesignate" and ch.old_identifier:
            moved.append((ch.old_identifier, "redesignated"))
        elif ch.kind == "strike-provision":
            moved.append((ch.identifier, "struck"))
    if not moved:
        return []
    wanted = {ident for ident, _ in moved}
    refs_to: dict[str, list[etree._Element]] = {}  # every <ref> to a moved provision, one pass
    for sec in statute.section_elements().values():
        for r in sec.iter(_NS + "ref"):
            href = r.get("href")
            if href in wanted and _operative(r):
                refs_to.setdefault(href, []).append(r)
    warnings: list[str] = []
    for old_ident, what in moved:
        cite = Cite.from_identifier(old_ident)
        if not cite.path:
            continue
        level = LEVELS[len(cite.path)]
        designation = cite.path[-1]
        pattern = re.compile(
            rf"\b{level}s?\s+(?:\([^)]{{1,6}}\)(?:,|,?\s+(?:or|and|through))?\s*)*\({re.escape(designation)}\)",
            re.I,
        )
        # a bare "paragraph (2)" means a sibling of the moved provision: search the parent only
        scope_cite = cite.parent if cite.parent is not None else cite.section_cite
        found = statute.get(scope_cite)
        if found is None:
            continue
        scope_el = found.element
        for block in scope_el.iter(*(_NS + b for b in TEXT_BLOCKS)):
            if not _operative(block):
                continue
            text = display(block_text(block))
            for m in pattern.finditer(text):
                owner = _owner(block).get("identifier", "")
                warnings.append(
                    f"{Cite.from_identifier(owner) if owner else 'the text'} still refers to "
                    f"“{m.group(0)}”, "
                    f"but {cite} was {what}"
                )
        for r in refs_to.get(old_ident, ()):
            owner = _owner(r).get("identifier", "") if r.getparent() is not None else ""
            warnings.append(
                f"{Cite.from_identifier(owner) if owner else 'a reference'} links to {cite}, "
                f"which was {what}"
            )
    return list(dict.fromkeys(warnings))


# --- the entry point -----------------------------------------------------------------------


def _apply_one(work: _Work, amendment: AnyAmendment) -> None:
    if work.statute.outlines or work.outlines:
        from . import containers

        if containers.handles(work.statute, amendment):
            containers.apply_one(work, amendment)
            return
    container = outside_target(amendment)
    if container is not None:
        _not_loaded(work, amendment, container)
    if isinstance(amendment, AddToContainer | AmendTableOfContents):
        raise AssertionError(amendment)  # their target is always a Container
    if isinstance(amendment, AmendSentence):
        _apply_sentence(work, amendment)
    elif isinstance(amendment, (Strike, StrikeInsert, Insert, StrikeThrough)):
        start, edited = len(work.changes), len(work.edited)
        lowered = _own_designation_lowered(work, amendment)
        _apply_text(work, lowered)
        _restructure(work, amendment, lowered, start, edited)
    else:
        _apply_structural(work, amendment)


def _own_designation_lowered(work: _Work, amendment: TextAmendment) -> TextAmendment:
    """`by striking “(1) Notwithstanding …” and inserting “(1)(A) Notwithstanding …”` in
    paragraph (1): the “(1)” is the provision's `<num>`, not its text, so the words are matched
    without it (only when the words as given are not in the text)."""
    from .restructure import own_designation

    if not isinstance(amendment, StrikeInsert | Strike | Insert) or not isinstance(
        amendment.target, Cite
    ):
        return amendment
    try:
        target = work.find(amendment.target, amendment)
    except AmendmentError:
        return amendment
    if isinstance(amendment, Insert):
        # `by inserting “(A)” after “(6)”` in paragraph (6): at the start of its text
        own = f"({_designation(target)})"
        if amendment.after is None or amendment.after.strip() != own or amendment.each:
            return amendment
        first = next((c for c in target if _local(c) in ("chapeau", "content")), None)
        if first is None or _matches(_scope_blocks(target, amendment.scope), own, at_end=False):
            return amendment
        opening = block_text(first).split()
        if not opening:
            return amendment
        return dataclasses.replace(amendment, after=None, before=opening[0], occurrence=1)
    words = amendment.strike if isinstance(amendment, StrikeInsert) else amendment.text
    blocks = _scope_blocks(target, amendment.scope)
    bare = own_designation(target, words)
    if bare is None or _matches(blocks, words, at_end=amendment.at_end):
        return amendment
    if isinstance(amendment, Strike):
        return dataclasses.replace(amendment, text=bare)
    insert = own_designation(target, amendment.insert)
    if insert is None:
        return amendment
    return dataclasses.replace(amendment, strike=bare, insert=insert)


def _restructure(
    work: _Work, amendment: Amendment, lowered: Amendment, start: int, edited: int
) -> None:
    """After a text amendment: where its inserted words start a designation, rebuild the
    provision as the structure it now has (`restructure`), and log what moved where."""
    from .restructure import carry_out, find_split

    # -- the changes made by a lowered amendment name the amendment as the bill gave it --
    for i in range(start, len(work.changes)):
        if work.changes[i].amendment is not amendment:
            work.changes[i] = dataclasses.replace(work.changes[i], amendment=amendment)
    blocks = {}
    # only the blocks this amendment edited (in order, each once): never every block edited
    # so far, which made a bill's text amendments quadratic
    for key in dict.fromkeys(id(b) for b in work.edited[edited:]):
        if key not in work.touched:
            continue
        block, spans = work.touched[key]
        if lowered is not amendment:
            spans = [(s, e, amendment if a is lowered else a) for s, e, a in spans]
            work.touched[key] = (block, spans)
        mine = [(s, e) for s, e, a in spans if e > s and a is amendment]
        if mine and block.getparent() is not None:
            blocks[key] = (block, mine)
    for key, (block, mine) in blocks.items():
        owner = _owner(block)
        old_ident = owner.get("identifier", "")
        try:
            split = find_split(owner, block, mine)
            if split is None:
                continue
            kids, moved, renamed = carry_out(split)
        except DesignationMismatchError as exc:
            raise DesignationMismatchError(
                f"{describe(amendment)}: {exc.message}", amendment=amendment
            ) from None
        # -- the spans edited so far move with their words --
        _, spans = work.touched.pop(key)
        for m in moved:
            kept = [
                (s - m.start + m.to, e - m.start + m.to, a)
                for s, e, a in spans
                if m.start <= s and e <= m.end + 1 and s <= e
            ]
            if kept:
                work.touched[id(m.element)] = (m.element, kept)
        # -- the log: each new subdivision, each stretch of words moved (old block offsets ->
        #    new block offsets), each existing subdivision moved under a new one --
        for kid in kids:
            work.changes.append(
                Change(
                    amendment,
                    kid.get("identifier", ""),
                    "restructure",
                    inserted=_provision_text(kid),
                )
            )
        old_kind = _local(block)
        for m in moved:
            holder = _owner(m.element)
            length = m.end - m.start
            work.changes.append(
                Change(
                    amendment,
                    holder.get("identifier", ""),
                    "restructure",
                    block=_local(m.element),
                    old_start=m.start,
                    old_end=m.end,
                    new_start=m.to,
                    new_end=m.to + length,
                    old_identifier=old_ident,
                    old_block=old_kind,
                )
            )
        for old, new in renamed:
            work.changes.append(
                Change(
                    amendment,
                    new,
                    "restructure",
                    struck=f"({_old(old)})",
                    inserted=f"({_old(new)})",
                    old_identifier=old,
                )
            )
        work.reindex(_cite_of(owner))


def _not_loaded(work: _Work, amendment: AnyAmendment, target: Container) -> NoReturn:
    """Containers, tables of contents and law outside the Code are never loaded: say so."""
    what = (
        f"the table of contents of {target}"
        if isinstance(amendment, AmendTableOfContents)
        else str(target)
    )
    ident = f" ({target.identifier})" if target.identifier else ""
    if target.title is not None and f"/us/usc/t{target.title}" in work.statute.outlines:
        raise TargetNotFoundError(
            f"{describe(amendment)}: expected an amendment billdraft carries out on a container "
            "(new, redesignated or struck sections, items of its table of sections, its "
            f"heading), found one it cannot carry out on {what}{ident}",
            amendment=amendment,
        )
    advice = (
        "load the whole-title file (OLRC's uscNN.xml) to amend chapters and their tables"
        if target.title is not None
        else "billdraft loads the Code, not the uncodified law around it"
    )
    raise TargetNotFoundError(
        f"{describe(amendment)}: expected {what}{ident} to be loaded, found only "
        f"{len(work.originals)} section(s) of the Code loaded (billdraft loads sections, not "
        f"the containers, tables or uncodified law around them; {advice})",
        amendment=amendment,
    )


FailureHook: TypeAlias = Callable[
    [Mapping[str, etree._Element], AnyAmendment, AmendmentError], None
]
"""Called by `apply` in collect mode at each failure: the law then, the amendment, its error."""
BeforeHook: TypeAlias = Callable[
    [Mapping[str, etree._Element], AnyAmendment], AmendmentError | None
]
"""Asked by `apply` in collect mode before each amendment: an error to refuse it with, or None."""


def apply(
    statute: Statute,
    amendments: Iterable[AnyAmendment],
    *,
    errors: Literal["raise", "collect"] = "raise",
    on_failure: FailureHook | None = None,
    before: BeforeHook | None = None,
) -> Result:
    """Apply amendments in order to a copy of `statute`; the input is never changed.

    With `errors="raise"` (the default) the first failure raises its typed error and nothing is
    applied. With `errors="collect"` every failing amendment is listed in `Result.failures` (none is
    dropped) and `Result.statute` holds the law as amended by the amendments that did apply;
    `on_failure`, if given, is called at each failure with the law as it stands just then
    (section identifier -> section tree, valid only during the call), the amendment and its error.
    `before`, if given, is asked before each amendment with the law as it stands then; an error it
    returns (such as `AlreadyInLawError`) is that amendment's failure, and it is not carried out.
    """
    work = _Work(statute)
    failures: list[AmendmentError] = []
    for amendment in amendments:
        if errors == "collect":
            if before is not None:
                refusal = before(ChainMap(work.copies, work.originals), amendment)
                if refusal is not None:
                    failures.append(refusal)
                    continue
            snapshot = _snapshot(work, amendment)
            try:
                _apply_one(work, amendment)
            except AmendmentError as exc:
                _restore(work, snapshot)
                if exc.amendment is None:  # every failure names the amendment it belongs to
                    exc.amendment = amendment
                failures.append(exc)
                if on_failure is not None:
                    on_failure(ChainMap(work.copies, work.originals), amendment, exc)
        else:
            _apply_one(work, amendment)
    changed = work.copies or work.outlines or work.removed
    amended = (
        statute.replaced(work.copies, outlines=work.outlines, removed=work.removed)
        if changed
        else statute
    )
    warnings = [*work.warnings, *_xref_warnings(work, amended)]
    return Result(
        statute,
        amended,
        tuple(work.changes),
        tuple(failures),
        tuple(dict.fromkeys(warnings)),
        tuple(work.container_changes),
    )


def apply_or_raise(statute: Statute, amendments: Iterable[AnyAmendment]) -> Result:
    """Apply every amendment or raise an ApplyError listing every failure."""
    result = apply(statute, amendments, errors="collect")
    if result.failures:
        raise ApplyError(result.failures)
    return result


@dataclass
class _Snapshot:
    section: str
    copy: etree._Element | None
    pairs: list[tuple[int, etree._Element]] = field(default_factory=list)
    n_changes: int = 0
    touched: dict[int, tuple[etree._Element, list[tuple[int, int, Amendment]]]] = field(
        default_factory=dict
    )
    outlines: frozenset[str] = frozenset()
    """The whole titles already copied (a failed amendment drops the copies it made)."""


def _snapshot(work: _Work, amendment: AnyAmendment) -> _Snapshot:
    """Save the one section an amendment can change, so a failure can be rolled back."""
    if outside_target(amendment) is not None or isinstance(amendment, OUTSIDE_TYPES):
        return _Snapshot(
            "",
            None,
            n_changes=len(work.changes),
            touched=dict(work.touched),
            outlines=frozenset(work.outlines),
        )
    assert not isinstance(amendment, AddToContainer | AmendTableOfContents)
    cite = target_of(amendment) if not isinstance(amendment, AmendSentence) else amendment.target
    assert isinstance(cite, Cite)
    ident = cite.section_cite.identifier
    current = work.copies.get(ident)
    snap = _Snapshot(
        ident,
        None,
        n_changes=len(work.changes),
        touched=dict(work.touched),
        outlines=frozenset(work.outlines),
    )
    if current is not None:
        snap.copy = copy.deepcopy(current)
        for a, b in zip(current.iter(), snap.copy.iter(), strict=True):
            if id(a) in work.touched:
                snap.pairs.append((id(a), b))
    return snap


def _restore(work: _Work, snap: _Snapshot) -> None:
    touched = {k: (el, list(v)) for k, (el, v) in snap.touched.items()}
    if snap.copy is None:
        work.copies.pop(snap.section, None)
    else:
        work.copies[snap.section] = snap.copy
        for old_id, new_el in snap.pairs:
            _, spans = touched.pop(old_id)
            touched[id(new_el)] = (new_el, spans)
    work.index.pop(snap.section, None)
    for title in set(work.outlines) - snap.outlines:
        del work.outlines[title]  # the amendment checks before it changes: the copy is as made
    del work.changes[snap.n_changes :]
    work.touched = touched


def iter_changes(result: Result, section: str | Cite) -> Iterator[Change]:
    """The changes a result made within one section."""
    cite = section if isinstance(section, Cite) else Cite.parse(section)
    prefix = cite.section_cite.identifier
    for ch in result.changes:
        if ch.identifier == prefix or ch.identifier.startswith(prefix + "/"):
            yield ch
