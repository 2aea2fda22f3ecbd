"""Amendatory instructions worded from amendment objects, in the House Legislative Counsel's style.

The inverse of `parse.py`: a list of `Amendment`s in, the words a bill uses to make them out.

Conventions (the wording this module produces)
==============================================

**One instruction per section.** Amendments are grouped by the Code section they touch, in the
order each section is first touched; each group becomes one instruction paragraph. Inside a group
the amendments are worded in the order of the provisions they amend, as a drafter groups them
(`order.provision_order`): every change to subsection (a) under one ``(1) in subsection (a)—``
(its heading, the matter preceding its paragraphs, paragraph (1), (2) …, the matter following),
then (b) …, what is added at the end last, whatever order the draft lists them in. Two
amendments that could interact (one's text holds the other's, both change one block, or both
change which subdivisions stand under one parent, as a redesignation does) keep the order given,
so the bill makes the same law the list does.

**The subject.** The first time an Act is named, the provision is cited in its Act form with the
U.S.C. citation in parentheses; when the Act is not known, in title form; title 26 is the Internal
Revenue Code::

    Section 402(a) of the Trade Act of 1974 (19 U.S.C. 2432(a)) is amended …
    Section 2432(a) of title 19, United States Code, is amended …
    Section 38(b) of the Internal Revenue Code of 1986 is amended …

An instruction that follows one naming the same Act says ``such Act`` (``such Code``,
``such title``)::

    Section 403 of such Act (19 U.S.C. 2433) is amended …

The subject is the deepest provision containing everything the group amends, so two amendments
to subsection (c) read ``Section 402(c) of … is amended—``.

**One amendment** reads as one sentence::

    Section 402(a) of the Trade Act of 1974 (19 U.S.C. 2432(a)) is amended by striking “X” and
    inserting “Y”.

**Several amendments** are consolidated into the nested form, one item per line, designated
(1), (A), (i), (I), (aa), (AA) by depth and indented two spaces per level::

    Section 402 of the Trade Act of 1974 (19 U.S.C. 2432) is amended—
      (1) in subsection (a)—
        (A) by striking “X” and inserting “Y”; and
        (B) in paragraph (2), by striking “or” at the end; and
      (2) by adding at the end the following:
        “(f) Exception for Kazakhstan.—This section shall not apply to Kazakhstan.”.

Every item ends with ``;``, the second-to-last item at each level with ``; and``, and the last
item of the whole instruction with ``.``; a group's head ends with ``—`` and its last item takes
the punctuation the group would have taken. A single amendment inside a sub-provision names the
whole path: ``(2) in subsection (c)(1), by striking …;``.

**Verbs** (the phrase `word_amendment` returns):

=========================  ================================================================
Strike                     ``by striking “X”`` · ``by striking “X” each place it appears`` ·
                           ``by striking “X” the second place it appears`` ·
                           ``by striking “or” at the end`` · ``by striking the period at the end``
StrikeInsert               ``by striking “X” and inserting “Y”`` ·
                           ``by striking “X” each place it appears and inserting “Y”`` ·
                           ``… each place it appears except in subsections (c) and (d) …``
                           (``except_in``, for Insert too) ·
                           ``by striking the period at the end and inserting “; and”`` ·
                           ``by striking the comma and inserting a semicolon``
Insert                     ``by inserting “Y” after “X”`` · ``by inserting “Y” before “X”`` ·
                           ``by inserting “Y” before the period at the end`` ·
                           ``by inserting “Y” at the end`` · a whole sentence:
                           ``by adding at the end the following: “Y.”``
StrikeThrough              ``by striking “X” and all that follows through “Y”`` ·
                           ``by striking “X” and all that follows through the end`` ·
                           ``by striking all that precedes “X”`` (``precedes``) ·
                           ``… and inserting “Z”``
StrikeProvision            ``by striking paragraph (3)`` ·
                           ``by striking paragraphs (2) through (4)`` ·
                           ``by striking paragraph (3) and inserting the following:`` + block;
                           a whole section alone: ``Section 402 of … is repealed.``
InsertProvisions           ``by inserting after paragraph (2) the following:`` + block (``before``)
AddAtEnd                   ``by adding at the end the following:`` + block (with
                           ``new_level=True``: ``the following new paragraph:``, ``… new
                           subsections:``, for InsertProvisions too)
Redesignate                ``by redesignating paragraph (2) as paragraph (3)`` ·
                           ``by redesignating paragraphs (2) and (3) as paragraphs (3) and (4),
                           respectively`` · ``paragraphs (2), (3), and (4) as paragraphs (3),
                           (4), and (5), respectively``
AmendToRead                alone: ``Section 402(f) of … is amended to read as follows:`` + block;
                           in a list: ``by amending subsection (f) to read as follows:`` + block
AmendHeading               ``by amending the heading to read as follows: “Exception for
                           Kazakhstan”``
=========================  ================================================================

Lone punctuation is named, never quoted: ``the period``, ``the semicolon``, ``the comma``,
``the colon``, ``the dash`` (and inserted as ``a period``, ``a semicolon``, ``a comma``).
Occurrences are ordinal words (``the first place it appears`` … ``the tenth``).

**Scope.** A text amendment confined to part of its provision says where::

    in the heading, by striking “X” and inserting “Y”
    in the matter preceding paragraph (1), by striking …      (names the first subdivision)
    in the matter following paragraph (3), by striking …      (names the last subdivision)

Naming a subdivision needs the statute: without one (or when the provision is not in it) an
`AmendmentError` says so. Alone, the scope follows the verb of the subject without commas:
``Section 402(a) of … is amended in the matter preceding paragraph (1) by striking …``; after a
provision reference it is set off by commas: ``in subsection (a), in the heading, by striking …``.

**Whole sections** stand alone, one instruction each: ``Section 402 of … is repealed.``,
``Section 402 of … is amended to read as follows:``. Inserting or redesignating whole sections
amends the Act (or title) itself, whose chapters and Act section numbers billdraft does not know:
that raises `AmendmentError` rather than guess.

**Law a Cite cannot name.** An amendment whose target is a `Container` stands alone, in bill
order, with the container in words as its subject (an action on a whole provision or level names
it from the level holding it; a whole section of an Act is ``… is repealed.``)::

    Subheading 6204.62.40 of the Harmonized Tariff Schedule of the United States is amended by
    striking “X” and inserting “Y”.
    Section 311(b) of the Customs Border Security Act of 2002 (19 U.S.C. 2075 note) is amended
    by striking paragraph (3).

A scope inside such a target other than its heading cannot be named (its subdivisions are not
known) and raises `AmendmentError`.

**Quotation.** Quoted words and new matter are set in curly double quotes; quotation marks
inside them become single (“ ” → ‘ ’; straight " become ‘ or ’ by position).

**New matter** is a quoted block, one provision per line, each line opening with “; the block
closes with ” followed by the item's punctuation (``”.``, ``”; and``, ``”;``)::

    “(f) Exception for Kazakhstan.—
      “(1) In general.—This section shall not apply to Kazakhstan.
      “(2) Report.—The President shall report—
        “(A) on …; and
        “(B) on ….”.

A provision line is its designation, its heading followed by ``.—``, then its content or chapeau;
a provision with a heading and subdivisions but no chapeau ends its line with ``.—``; the matter
following the subdivisions (continuation) is an undesignated line after them. New sections open
``“SEC. 403. HEADING.`` (Act and Code forms) or ``“§ 2432a. Heading`` (title form). Without its
quotation marks the block is the text `billdraft.newmatter.parse_new_matter` reads.

**References.** Provision levels come from the statute when given (so a section whose first
subdivisions are paragraphs reads ``paragraph (1)``); otherwise from the designation's style and
its depth (subsection (a), paragraph (1), subparagraph (A), clause (i), subclause (I), item (aa),
subitem (AA)). A provision named after an earlier amendment in the same instruction redesignated
it is marked ``, as so redesignated,``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..amendments import (
    LEVELS,
    AddAtEnd,
    AddToContainer,
    AmendHeading,
    Amendment,
    AmendTableOfContents,
    AmendToRead,
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
    cite_of,
    outside_target,
)
from ..cite import ActIndex, Cite, Container, roman_numeral
from ..errors import AmendmentError
from ..newmatter import designation_fits
from ..statute import Provision, Statute
from .order import provision_order

__all__ = [
    "Line",
    "WordedInstruction",
    "instructions",
    "quote",
    "quoted_block",
    "word_amendment",
    "word_instructions",
]

INDENT = "  "
"""The plain-text indentation of one level of nesting."""

_PUNCT_NAMES = {
    ".": "the period",
    ";": "the semicolon",
    ",": "the comma",
    ":": "the colon",
    "—": "the dash",
}
_PUNCT_INSERT = {".": "a period", ";": "a semicolon", ",": "a comma"}
_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)
_OPEN_CONTEXT = " \t\n(—[‘-"


# --- output types --------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One printed line of an instruction: its nesting depth, its words, whether it is quoted."""

    depth: int
    text: str
    quoted: bool = False

    def __str__(self) -> str:
        return INDENT * self.depth + self.text


@dataclass(frozen=True)
class WordedInstruction:
    """One instruction paragraph: the amendments it words, the section it amends, its lines."""

    section: Target
    """The section amended, or the container, for law a Cite cannot name."""
    amendments: tuple[Amendment, ...]
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        """The instruction as plain text, two spaces of indentation per level."""
        return "\n".join(str(line) for line in self.lines)


# --- quotation -----------------------------------------------------------------------------


def _inner(text: str) -> str:
    """Quotation marks inside quoted matter become single ones (“ ” → ‘ ’, " → ‘ or ’)."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == "“":
            out.append("‘")
        elif ch == "”":
            out.append("’")
        elif ch == '"':
            opening = i == 0 or text[i - 1] in _OPEN_CONTEXT
            out.append("‘" if opening else "’")
        else:
            out.append(ch)
    return "".join(out)


def quote(text: str) -> str:
    """Quote words as a bill does: “text”, with quotation marks inside turned to ‘ ’."""
    return f"“{_inner(text)}”"


def _ordinal(n: int) -> str:
    if n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _occurrence(each: bool, occurrence: int | None) -> str:
    if each:
        return " each place it appears"
    if occurrence is not None:
        return f" the {_ordinal(occurrence)} place it appears"
    return ""


def _what(text: str) -> str:
    """Words to strike or to anchor on: quoted, or the name of a lone punctuation mark."""
    return _PUNCT_NAMES.get(text, None) or quote(text)


def _inserted(text: str) -> str:
    """Words to insert: quoted, or ``a semicolon`` for a lone mark."""
    return _PUNCT_INSERT.get(text, None) or quote(text)


# --- new matter as a quoted block ----------------------------------------------------------


def _provision_lines(p: NewProvision, depth: int, section_style: str) -> list[tuple[int, str]]:
    if p.level == "section":
        if section_style == "title":
            head = f"§ {p.designation}." + (f" {p.heading}" if p.heading else "")
        else:
            head = f"SEC. {p.designation}." + (f" {p.heading.upper()}." if p.heading else "")
        lines = [(depth, head)]
        body = p.content if p.content is not None else p.chapeau
        if body:
            lines.append((depth + 1, body))
        for child in p.children:
            lines.extend(_provision_lines(child, depth + 1, section_style))
        if p.continuation:
            lines.append((depth + 1, p.continuation))
        return lines
    head = f"({p.designation})"
    if p.heading is not None:
        head += f" {p.heading}.—"
    body = p.content if p.content is not None else p.chapeau
    if body:
        head += body if head.endswith("—") else f" {body}"
    lines = [(depth, head)]
    for child in p.children:
        lines.extend(_provision_lines(child, depth + 1, section_style))
    if p.continuation:
        lines.append((depth, p.continuation))
    return lines


def quoted_block(
    provisions: Sequence[NewProvision], *, depth: int = 0, section_style: str = "act"
) -> tuple[Line, ...]:
    """New matter as a quoted block: every line opens with “, the last closes with ”.

    The caller appends the punctuation that follows the block (``.``, ``; and``, ``;``).
    `section_style` is ``"act"`` (``SEC. 403. HEADING.``) or ``"title"`` (``§ 2432a. Heading``).
    """
    if not provisions:
        raise AmendmentError("expected new matter to quote, found no provisions")
    raw: list[tuple[int, str]] = []
    for p in provisions:
        raw.extend(_provision_lines(p, 0, section_style))
    lines = [Line(depth + d, "“" + _inner(t), quoted=True) for d, t in raw]
    last = lines[-1]
    lines[-1] = Line(last.depth, last.text + "”", quoted=True)
    return tuple(lines)


# --- naming provisions ---------------------------------------------------------------------


def _plural(level: str) -> str:
    return level + "s"


def _designations(designations: Sequence[str]) -> str:
    return "".join(f"({d})" for d in designations)


def _consecutive(designations: Sequence[str]) -> bool:
    """True for three or more designations in unbroken order: (25), (26), (27) or (C), (D), (E)."""
    if len(designations) < 3:
        return False
    if all(d.isdigit() for d in designations):
        nums = [int(d) for d in designations]
    elif all(len(d) == 1 and d.isalpha() for d in designations):
        nums = [ord(d) for d in designations]
    else:
        return False
    return all(b == a + 1 for a, b in itertools.pairwise(nums))


def _renumbered(olds: Sequence[str], news: Sequence[str]) -> tuple[str, str]:
    """The designations a redesignation names, old and new: a run of them as one, “(25)
    through (41) as … (24) through (40)”, where both runs are unbroken; else each of them."""
    if _consecutive(olds) and _consecutive(news):
        return f"({olds[0]}) through ({olds[-1]})", f"({news[0]}) through ({news[-1]})"
    return _series([f"({d})" for d in olds]), _series([f"({d})" for d in news])


def _series(items: Sequence[str], conjunction: str = "and") -> str:
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {conjunction} {items[1]}"
    return ", ".join(items[:-1]) + f", {conjunction} {items[-1]}"


class _Namer:
    """Names provisions (level words from the statute, or from designation style and depth)."""

    def __init__(self, statute: Statute | None, *, new_level: bool = False) -> None:
        self.statute = statute
        self.new_level = new_level

    def following(self, provisions: Sequence[NewProvision]) -> str:
        """``the following`` or, when asked, ``the following new paragraphs``."""
        levels = {p.level for p in provisions}
        if not self.new_level or len(levels) != 1:
            return "the following"
        level = levels.pop()
        return f"the following new {_plural(level) if len(provisions) > 1 else level}"

    def provision(self, cite: Cite) -> Provision | None:
        if self.statute is None:
            return None
        return self.statute.get(cite)

    def level(self, cite: Cite) -> str:
        """The level of a provision: read from the statute, else inferred."""
        if not cite.path:
            return "section"
        found = self.provision(cite)
        if found is not None and found.level in LEVELS:
            return found.level
        parent = cite.parent
        assert parent is not None
        parent_found = self.provision(parent)
        if parent_found is not None:
            kids = [k.level for k in parent_found.children if k.level in LEVELS]
            if kids:
                return kids[0]
        return _infer_level(self.level(parent), cite.path[-1])

    def ref(self, context: Cite, cite: Cite) -> str:
        """`cite` named relative to `context`: ``subsection (c)(1)``."""
        rel = cite.path[len(context.path) :]
        if not cite.is_within(context) or not rel:
            raise AmendmentError(f"expected a provision inside {context} to name, found {cite}")
        first = context.child(rel[0])
        return f"{self.level(first)} {_designations(rel)}"

    def adjacent(self, first: Cite, last: Cite) -> bool:
        """Whether `last` is the sibling right after `first` (so a range reads ``(2) and (3)``)."""
        parent = first.parent
        found = self.provision(parent) if parent is not None else None
        if found is not None:
            kids = [k.designation for k in found.children if k.level in LEVELS]
            if first.path[-1] in kids and last.path[-1] in kids:
                return kids.index(last.path[-1]) == kids.index(first.path[-1]) + 1
        return _successor(first.path[-1]) == last.path[-1]

    def subdivision(self, target: Cite, amendment: Amendment, *, last: bool) -> str:
        """``paragraph (1)``: the first (or last) subdivision of the target, from the statute."""
        which = "following" if last else "preceding"
        if self.statute is None:
            raise AmendmentError(
                f"cannot word “in the matter {which} …” for {target}: naming its "
                f"{'last' if last else 'first'} subdivision needs the statute "
                "(pass statute=), found none",
                amendment=amendment,
            )
        found = self.statute.get(target)
        if found is None:
            raise AmendmentError(
                f"cannot word “in the matter {which} …” for {target}: expected the provision "
                "in the statute given, found no such provision",
                amendment=amendment,
            )
        kids = [k for k in found.children if k.level in LEVELS]
        if not kids:
            raise AmendmentError(
                f"cannot word “in the matter {which} …” for {target}: expected subdivisions, "
                "found none",
                amendment=amendment,
            )
        kid = kids[-1] if last else kids[0]
        return f"{kid.level} ({kid.designation})"


def _successor(designation: str) -> str | None:
    """The next designation in sequence for plain numbers and single letters, else None."""
    if designation.isdigit():
        return str(int(designation) + 1)
    if len(designation) == 1 and designation.isalpha() and designation not in "zZ":
        return chr(ord(designation) + 1)
    return None


def _infer_level(parent_level: str, designation: str) -> str:
    start = LEVELS.index(parent_level) + 1 if parent_level in LEVELS else 1
    for level in LEVELS[start:]:
        if designation_fits(level, designation):
            return level
    return LEVELS[min(start, len(LEVELS) - 1)]


# --- phrases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    """A verb phrase (``by striking …``), with the new matter that follows it, if any."""

    text: str
    block: tuple[NewProvision, ...] = ()


def _scope_words(scope: Scope, target: Cite, namer: _Namer, amendment: Amendment) -> str:
    if scope is Scope.HEADING:
        return "the heading"
    if scope is Scope.CHAPEAU:
        return "the matter preceding " + namer.subdivision(target, amendment, last=False)
    if scope is Scope.CONTINUATION:
        return "the matter following " + namer.subdivision(target, amendment, last=True)
    raise AssertionError(scope)


def _location(amendment: Amendment) -> Cite:
    """The provision an amendment's phrase is worded relative to (a Cite target's)."""
    if isinstance(amendment, StrikeProvision | AmendToRead):
        target = cite_of(amendment.target, amendment)
    elif isinstance(amendment, InsertProvisions):
        target = cite_of(amendment.anchor, amendment)
    elif isinstance(amendment, Redesignate):
        target = cite_of(amendment.targets[0], amendment)
    else:
        return cite_of(amendment.target, amendment)
    return target.parent or target


def _scope(amendment: Amendment) -> Scope | None:
    if isinstance(amendment, Strike | StrikeInsert | Insert | StrikeThrough):
        return None if amendment.scope is Scope.TEXT else amendment.scope
    return None


def _check_same_parent(first: Target, other: Target, amendment: Amendment, what: str) -> None:
    if other.parent != first.parent:
        raise AmendmentError(
            f"expected {what} to be a sibling of {first}, found {other}", amendment=amendment
        )


def _verb(amendment: Amendment, location: Cite | None, namer: _Namer, redone: set[Cite]) -> _Phrase:
    """The ``by …`` phrase of one amendment, relative to its location (None: an amendment whose
    phrase names no provision, such as a text amendment to law a Cite cannot name)."""

    def named_here(cite: Cite) -> str:
        if location is None:
            raise AmendmentError(
                f"expected the provision {cite} is worded relative to, found none",
                amendment=amendment,
            )
        return _named(namer, location, cite, redone)

    if isinstance(amendment, Strike):
        at_end = " at the end" if amendment.at_end else ""
        occ = _occurrence(amendment.each, amendment.occurrence) + _except(
            amendment, location, namer
        )
        return _Phrase(f"by striking {_what(amendment.text)}{occ}{at_end}")
    if isinstance(amendment, StrikeInsert):
        at_end = " at the end" if amendment.at_end else ""
        occ = _occurrence(amendment.each, amendment.occurrence) + _except(
            amendment, location, namer
        )
        struck = f"by striking {_what(amendment.strike)}{occ}{at_end}"
        if not amendment.insert:
            return _Phrase(struck)
        return _Phrase(f"{struck} and inserting {_inserted(amendment.insert)}")
    if isinstance(amendment, Insert):
        anchor = amendment.after if amendment.after is not None else amendment.before
        if anchor is None:
            text = amendment.text.strip()
            if text[:1].isupper() and text.endswith((".", ".”", ".’")):
                return _Phrase(f"by adding at the end the following: {quote(text)}")
            return _Phrase(f"by inserting {quote(amendment.text)} at the end")
        side = "after" if amendment.after is not None else "before"
        at_end = " at the end" if amendment.at_end else ""
        occ = _occurrence(amendment.each, amendment.occurrence) + _except(
            amendment, location, namer
        )
        return _Phrase(f"by inserting {quote(amendment.text)} {side} {_what(anchor)}{occ}{at_end}")
    if isinstance(amendment, StrikeThrough) and amendment.precedes:
        occ = _occurrence(False, amendment.occurrence)
        text = f"by striking all that precedes {_what(amendment.start)}{occ}"
        if amendment.insert:
            text += f" and inserting {_inserted(amendment.insert)}"
        return _Phrase(text)
    if isinstance(amendment, StrikeThrough):
        occ = _occurrence(False, amendment.occurrence)
        through = "the end" if amendment.through is None else _what(amendment.through)
        text = f"by striking {_what(amendment.start)}{occ} and all that follows through {through}"
        if amendment.insert:
            text += f" and inserting {_inserted(amendment.insert)}"
        return _Phrase(text)
    if isinstance(amendment, StrikeProvision):
        target = cite_of(amendment.target, amendment)
        if amendment.through is not None:
            last = cite_of(amendment.through, amendment)
            _check_same_parent(target, last, amendment, "the end of the range")
            level = _plural(namer.level(target))
            join = "and" if namer.adjacent(target, last) else "through"
            named = f"{level} ({target.path[-1]}) {join} ({last.path[-1]})"
        else:
            named = named_here(target)
        return _strike_phrase(amendment, named)
    if isinstance(amendment, InsertProvisions):
        side = "before" if amendment.before else "after"
        named = named_here(cite_of(amendment.anchor, amendment))
        following = namer.following(amendment.provisions)
        return _Phrase(f"by inserting {side} {named} {following}:", amendment.provisions)
    if isinstance(amendment, AddAtEnd):
        following = namer.following(amendment.provisions)
        return _Phrase(f"by adding at the end {following}:", amendment.provisions)
    if isinstance(amendment, Redesignate):
        cites = [cite_of(t, amendment) for t in amendment.targets]
        first = cites[0]
        for other in cites[1:]:
            _check_same_parent(first, other, amendment, "each provision redesignated")
        level = namer.level(first)
        many = len(cites) > 1
        word = _plural(level) if many else level
        olds, news = _renumbered([t.path[-1] for t in cites], amendment.designations)
        tail = ", respectively" if many else ""
        return _Phrase(f"by redesignating {word} {olds} as {word} {news}{tail}")
    if isinstance(amendment, AmendToRead):
        named = named_here(cite_of(amendment.target, amendment))
        return _Phrase(f"by amending {named} to read as follows:", (amendment.provision,))
    if isinstance(amendment, AmendHeading):
        return _Phrase(f"by amending the heading to read as follows: {quote(amendment.heading)}")
    raise AmendmentError(
        f"expected an amendment object, found {type(amendment).__name__}", amendment=amendment
    )


def _except(amendment: Strike | StrikeInsert | Insert, location: Cite | None, namer: _Namer) -> str:
    """`` except in subsections (c) and (d)``: the provisions an amendment leaves alone, named
    relative to its target (siblings of one level together: ``subsections (c) and (d)``)."""
    if not amendment.except_in:
        return ""
    if location is None:
        raise AmendmentError(
            "expected the provision `except in` is worded relative to, found none",
            amendment=amendment,
        )
    if not amendment.each:
        raise AmendmentError(
            "expected `each place it appears` with `except in`, found "
            + (f"occurrence {amendment.occurrence}" if amendment.occurrence else "a single place"),
            amendment=amendment,
        )
    cites = [cite_of(t, amendment) for t in amendment.except_in]
    for cite in cites:
        if not cite.is_within(location) or cite == location:
            raise AmendmentError(
                f"expected each provision left alone (`except in`) inside {location}, found {cite}",
                amendment=amendment,
            )
    levels = {namer.level(c) for c in cites}
    if len(cites) > 1 and len(levels) == 1 and all(c.parent == location for c in cites):
        return f" except in {_plural(levels.pop())} " + _series([f"({c.path[-1]})" for c in cites])
    return " except in " + _series([namer.ref(location, c) for c in cites])


def _strike_phrase(amendment: StrikeProvision, named: str) -> _Phrase:
    """``by striking paragraph (3)`` and what is inserted in its place, if anything."""
    if amendment.replacement:
        return _Phrase(f"by striking {named} and inserting the following:", amendment.replacement)
    if amendment.replacement_text is not None:
        return _Phrase(
            f"by striking {named} and inserting the following: {quote(amendment.replacement_text)}"
        )
    return _Phrase(f"by striking {named.rstrip(',')}")


def _named(namer: _Namer, context: Cite, cite: Cite, redone: set[Cite]) -> str:
    """``paragraph (4)``, or ``paragraph (4), as so redesignated,`` (the caller trims the comma)."""
    named = namer.ref(context, cite)
    return named + (", as so redesignated," if _redesignated(context, cite, redone) else "")


def _redesignated(context: Cite, cite: Cite, redone: set[Cite]) -> bool:
    """Whether `cite`, or a provision containing it below `context`, was redesignated earlier."""
    probe: Cite | None = cite
    while probe is not None and probe != context and probe.is_within(context):
        if probe in redone:
            return True
        probe = probe.parent
    return False


def word_amendment(
    amendment: Amendment,
    statute: Statute | None = None,
    *,
    context: Cite | None = None,
    new_level: bool = False,
) -> str:
    """The ``by striking … and inserting …`` phrase of one amendment (new matter on later lines).

    The phrase is worded relative to `context` (default: the provision it acts in), so an
    amendment deeper down is introduced by ``in subsection (c)(1), ``.
    """
    namer = _Namer(statute, new_level=new_level)
    location = _location(amendment)
    start = context if context is not None else location
    if not location.is_within(start):
        raise AmendmentError(
            f"expected the amendment to act inside {start}, found it acts in {location}",
            amendment=amendment,
        )
    prefix = _prefix(
        _steps(amendment, location, start), start, namer, amendment, set(), trailing=", "
    )
    phrase = _verb(amendment, location, namer, set())
    lines = [prefix + phrase.text]
    if phrase.block:
        lines += [str(line) for line in quoted_block(phrase.block, depth=1)]
    return "\n".join(lines)


# --- grouping into the nested form ---------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    """One step from a context down to an amendment: a subdivision, or a scope inside it."""

    designation: str | None = None
    scope: Scope | None = None


@dataclass
class _Entry:
    amendment: Amendment
    location: Cite
    steps: tuple[_Step, ...]


@dataclass
class _Leaf:
    entry: _Entry
    context: Cite
    steps: tuple[_Step, ...]


@dataclass
class _Group:
    context: Cite
    steps: tuple[_Step, ...]
    children: list[_Leaf | _Group] = field(default_factory=list)


def _steps(amendment: Amendment, location: Cite, context: Cite) -> tuple[_Step, ...]:
    steps = [_Step(designation=d) for d in location.path[len(context.path) :]]
    scope = _scope(amendment)
    if scope is not None:
        steps.append(_Step(scope=scope))
    return tuple(steps)


def _descend(context: Cite, steps: Sequence[_Step]) -> Cite:
    designations = [s.designation for s in steps if s.designation is not None]
    return context.child(*designations) if designations else context


def _prefix(
    steps: Sequence[_Step],
    context: Cite,
    namer: _Namer,
    amendment: Amendment,
    redone: set[Cite],
    *,
    trailing: str,
) -> str:
    """``in subsection (a), in the heading`` + trailing, or "" when there are no steps."""
    if not steps:
        return ""
    parts: list[str] = []
    designations = [s for s in steps if s.designation is not None]
    target = _descend(context, designations)
    if designations:
        named = namer.ref(context, target)
        if _redesignated(context, target, redone):
            named += ", as so redesignated"
        parts.append(f"in {named}")
    for step in steps:
        if step.scope is not None:
            parts.append("in " + _scope_words(step.scope, target, namer, amendment))
    return ", ".join(parts) + trailing


def _build(context: Cite, entries: list[tuple[tuple[_Step, ...], _Entry]]) -> list[_Leaf | _Group]:
    nodes: list[_Leaf | _Group] = []
    i = 0
    while i < len(entries):
        steps, entry = entries[i]
        if not steps:
            nodes.append(_Leaf(entry, context, ()))
            i += 1
            continue
        j = i + 1
        while j < len(entries) and entries[j][0][:1] == steps[:1]:
            j += 1
        run = entries[i:j]
        if len(run) == 1:
            nodes.append(_Leaf(entry, context, steps))
        else:
            k = _common([s for s, _ in run])
            chain = steps[:k]
            inner = _descend(context, chain)
            nodes.append(_Group(context, chain, _build(inner, [(s[k:], e) for s, e in run])))
        i = j
    return nodes


def _common(seqs: Sequence[Sequence[_Step]]) -> int:
    """The length of the longest common prefix of the step sequences."""
    k = 0
    while all(len(s) > k for s in seqs) and len({s[k] for s in seqs}) == 1:
        k += 1
    return k


def _item_designation(depth: int, n: int) -> str:
    kind = depth % 6
    if kind == 1:
        return f"({n})"
    if kind == 2:
        return f"({_letters(n).upper()})"
    if kind == 3:
        return f"({roman_numeral(n)})"
    if kind == 4:
        return f"({roman_numeral(n).upper()})"
    if kind == 5:
        return f"({_letters(n) * 2})"
    return f"({(_letters(n) * 2).upper()})"


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


class _Writer:
    """Renders one section's group of amendments as lines."""

    def __init__(self, namer: _Namer, section_style: str) -> None:
        self.namer = namer
        self.section_style = section_style
        self.redone: set[Cite] = set()

    def phrase(self, entry: _Entry) -> _Phrase:
        phrase = _verb(entry.amendment, entry.location, self.namer, self.redone)
        if isinstance(entry.amendment, Redesignate):
            parent = cite_of(entry.amendment.targets[0], entry.amendment).parent
            if parent is not None:
                self.redone.update(parent.child(d) for d in entry.amendment.designations)
        return phrase

    def with_block(self, first: Line, phrase: _Phrase, punct: str) -> list[Line]:
        if not phrase.block:
            return [Line(first.depth, first.text + punct)]
        block = list(
            quoted_block(phrase.block, depth=first.depth + 1, section_style=self.section_style)
        )
        block[-1] = Line(block[-1].depth, block[-1].text + punct, quoted=True)
        return [first, *block]

    def items(self, nodes: Sequence[_Leaf | _Group], depth: int, punct: str) -> list[Line]:
        lines: list[Line] = []
        for n, node in enumerate(nodes, start=1):
            if n == len(nodes):
                mark = punct
            elif n == len(nodes) - 1:
                mark = "; and"
            else:
                mark = ";"
            designation = _item_designation(depth, n)
            if isinstance(node, _Leaf):
                prefix = _prefix(
                    node.steps,
                    node.context,
                    self.namer,
                    node.entry.amendment,
                    self.redone,
                    trailing=", ",
                )
                phrase = self.phrase(node.entry)
                head = Line(depth, f"{designation} {prefix}{phrase.text}")
                lines += self.with_block(head, phrase, mark)
            else:
                amendment = _first_amendment(node)
                prefix = _prefix(
                    node.steps, node.context, self.namer, amendment, self.redone, trailing="—"
                )
                lines.append(Line(depth, f"{designation} {prefix}"))
                lines += self.items(node.children, depth + 1, mark)
        return lines


def _first_amendment(node: _Leaf | _Group) -> Amendment:
    while isinstance(node, _Group):
        node = node.children[0]
    return node.entry.amendment


# --- subjects ------------------------------------------------------------------------------


class _Subjects:
    """Names the provision an instruction amends, saying ``such Act`` after the first time."""

    def __init__(self, acts: ActIndex | None) -> None:
        self.acts = acts
        self.last: tuple[str, ...] | None = None

    def key_and_style(self, cite: Cite) -> tuple[tuple[str, ...], str]:
        if cite.title == "26":
            return ("code",), "act"
        if self.acts is not None:
            found = self.acts.to_act(cite.title, cite.section)
            if found is not None:
                return ("act", found[1].public_law), "act"
        return ("title", cite.title), "title"

    def name(self, cite: Cite) -> str:
        key, _ = self.key_and_style(cite)
        first = key != self.last
        self.last = key
        if first:
            text = cite.drafting(self.acts)
            comma = "," if text.endswith("United States Code") else ""
            return text[:1].upper() + text[1:] + comma
        if key[0] == "code":
            return f"Section {cite.section}{cite.designation} of such Code"
        if key[0] == "title":
            return f"Section {cite.section}{cite.designation} of such title"
        assert self.acts is not None
        found = self.acts.to_act(cite.title, cite.section)
        assert found is not None
        return f"Section {found[1].section}{cite.designation} of such Act ({cite})"


# --- instructions --------------------------------------------------------------------------


def _whole_section(amendment: Amendment) -> bool:
    """Amendments that act on a whole section stand alone (``is repealed``, ``to read``)."""
    if isinstance(amendment, StrikeProvision | AmendToRead):
        return not amendment.target.path
    if isinstance(amendment, InsertProvisions):
        return not amendment.anchor.path
    if isinstance(amendment, Redesignate):
        return not amendment.targets[0].path
    return False


def _groups(amendments: Sequence[Amendment]) -> list[tuple[Target, list[Amendment]]]:
    groups: dict[object, tuple[Target, list[Amendment]]] = {}
    for i, amendment in enumerate(amendments):
        container = outside_target(amendment)
        if container is not None:
            groups[("outside", i)] = (container, [amendment])
            continue
        section = _location(amendment).section_cite
        key: object = ("alone", i) if _whole_section(amendment) else section
        groups.setdefault(key, (section, []))[1].append(amendment)
    return list(groups.values())


def _word_section(
    section: Cite,
    amendments: list[Amendment],
    namer: _Namer,
    subjects: _Subjects,
) -> tuple[Line, ...]:
    _, style = subjects.key_and_style(section)
    writer = _Writer(namer, style)
    if len(amendments) == 1:
        return _word_single(amendments[0], namer, subjects, writer)
    entries = [_Entry(a, _location(a), _steps(a, _location(a), section)) for a in amendments]
    k = _common([tuple(s for s in e.steps if s.designation is not None) for e in entries])
    subject = _descend(section, entries[0].steps[:k])
    nodes = _build(subject, [(e.steps[k:], e) for e in entries])
    lead = ""
    if len(nodes) == 1 and isinstance(nodes[0], _Group):
        group = nodes[0]
        lead = _prefix(
            group.steps, subject, namer, _first_amendment(group), set(), trailing=""
        ).strip()
        nodes = group.children
        subject = _descend(subject, group.steps)
    head = f"{subjects.name(subject)} is amended{' ' + lead if lead else ''}—"
    return (Line(0, head), *writer.items(nodes, 1, "."))


def _word_single(
    amendment: Amendment, namer: _Namer, subjects: _Subjects, writer: _Writer
) -> tuple[Line, ...]:
    if isinstance(amendment, AmendToRead):
        target = cite_of(amendment.target, amendment)
        head = Line(0, f"{subjects.name(target)} is amended to read as follows:")
        return tuple(writer.with_block(head, _Phrase("", (amendment.provision,)), "."))
    if isinstance(amendment, StrikeProvision) and not amendment.target.path:
        if amendment.through is not None:
            raise AmendmentError(
                "expected one section to repeal, found a range of sections "
                f"({amendment.target} through {amendment.through}); word them one by one",
                amendment=amendment,
            )
        subject = subjects.name(cite_of(amendment.target, amendment))
        if amendment.replacement:
            head = Line(0, f"{subject} is amended to read as follows:")
            return tuple(writer.with_block(head, _Phrase("", amendment.replacement), "."))
        return (Line(0, f"{subject} is repealed."),)
    if isinstance(amendment, InsertProvisions | Redesignate) and _whole_section(amendment):
        worded = _word_in_chapter(amendment, namer, writer)
        if worded is not None:
            return worded
        raise AmendmentError(
            "cannot word an amendment that inserts or redesignates whole sections: it amends "
            "the Act or title itself, whose structure (chapter, Act section numbers) billdraft "
            f"does not know; found one at {_location(amendment)}",
            amendment=amendment,
        )
    location = _location(amendment)
    scope = _scope(amendment)
    lead = ""
    if scope is not None:
        lead = "in " + _scope_words(scope, location, namer, amendment) + " "
    phrase = writer.phrase(_Entry(amendment, location, ()))
    head = Line(0, f"{subjects.name(location)} is amended {lead}{phrase.text}")
    return tuple(writer.with_block(head, phrase, "."))


def _word_in_chapter(
    amendment: InsertProvisions | Redesignate, namer: _Namer, writer: _Writer
) -> tuple[Line, ...] | None:
    """Whole sections inserted or redesignated, worded as amendments of the chapter that holds
    them, when its whole title is loaded (`Chapter 12 of title 19, United States Code, is
    amended by inserting after section 2438 the following:`); None when it is not."""
    from ..containers import enclosing

    statute = namer.statute
    first = amendment.anchor if isinstance(amendment, InsertProvisions) else amendment.targets[0]
    section = statute.get(first) if statute is not None and isinstance(first, Cite) else None
    holder = enclosing(statute, section) if statute is not None and section is not None else None
    if holder is None:
        return None
    subject = _subject(holder.container)
    act = _act_numbered(amendment, section, holder)
    if act is not None and isinstance(amendment, InsertProvisions) and section is not None:
        # the bill numbers the new sections as the Act does: it amends the Act
        name, act_section = act
        side = "before" if amendment.before else "after"
        phrase = _Phrase(
            f"by inserting {side} section {act_section} "
            f"({holder.title_number} U.S.C. {section.designation}) "
            f"{namer.following(amendment.provisions)}:",
            amendment.provisions,
        )
        head = Line(0, f"The {name} is amended {phrase.text}")
        return tuple(writer.with_block(head, phrase, "."))
    if isinstance(amendment, Redesignate):
        olds = [t.section for t in amendment.targets if isinstance(t, Cite)]
        many = len(olds) > 1
        word = "sections" if many else "section"
        tail = ", respectively" if many else ""
        text = (
            f"by redesignating {word} {_series(olds)} as {word} "
            f"{_series(list(amendment.designations))}{tail}"
        )
        return (Line(0, f"{subject} is amended {text}."),)
    side = "before" if amendment.before else "after"
    phrase = _Phrase(
        f"by inserting {side} section {section.designation if section else ''} "
        f"{namer.following(amendment.provisions)}:",
        amendment.provisions,
    )
    return tuple(writer.with_block(Line(0, f"{subject} is amended {phrase.text}"), phrase, "."))


def _act_numbered(
    amendment: InsertProvisions | Redesignate, section: Provision | None, holder: Provision
) -> tuple[str, str] | None:
    """(Act name, Act section of the anchor) when new sections inserted into a title that is not
    positive law carry the Act's numbers (`402A` after 19 U.S.C. 2432, section 402 of the Trade
    Act of 1974); None otherwise."""
    from ..containers import Division

    if not isinstance(amendment, InsertProvisions) or section is None:
        return None
    if not isinstance(holder, Division) or holder.outline.positive_law:
        return None
    found = section.statute.acts.to_act(holder.title_number, section.designation)
    if found is None:
        return None
    name, entry = found
    digits = "".join(itertools.takewhile(str.isdigit, entry.section))
    code = "".join(itertools.takewhile(str.isdigit, section.designation))
    new = ["".join(itertools.takewhile(str.isdigit, p.designation)) for p in amendment.provisions]
    if digits == code or not all(n and len(n) == len(digits) and n != code for n in new):
        return None
    return name.removeprefix("the ").removeprefix("The "), entry.section


# --- law a Cite cannot name ------------------------------------------------------------------


def _subject(container: Container) -> str:
    """A container as the subject of an instruction: ``Subheading 6204.62.40 of the …``."""
    text = str(container)
    if text.endswith("United States Code"):
        text += ","  # “… of title 19, United States Code, is amended”
    return text[:1].upper() + text[1:]


def _container_level(container: Container) -> str:
    """The level word for the innermost designation of a provision below a container level."""
    level = "section"
    for designation in container.provision:
        level = _infer_level(level, designation)
    return level


def _container_ref(container: Container) -> tuple[str, str]:
    """The innermost level of a container as (level word, designation as written):
    ("paragraph", "(3)") for section 311(b)(3), ("subheading", "6201.91.10")."""
    if container.provision:
        return _container_level(container), f"({container.provision[-1]})"
    kind, designation = container.path[-1]
    return kind, designation


def _container_named(first: Container, last: Container | None = None) -> str:
    """``paragraph (3)``, ``subheadings 6201.91.10 through 6201.91.20``, or the immediate
    superior text to a subheading and the subheadings below it."""
    kind, designation = _container_ref(first)
    superior = kind.startswith("superior text to ")
    if superior:
        kind = kind.removeprefix("superior text to ")
    if last is None:
        named = f"{kind} {designation}".strip()
    else:
        last_kind, last_designation = _container_ref(last)
        if last_kind != kind:
            raise AmendmentError(
                f"expected the end of the range to be a {kind}, found {last}", amendment=None
            )
        named = f"{_plural(kind)} {designation} through {last_designation}"
    if superior:
        named += f" and the immediate superior text to {kind} {designation},"
    return named


def _word_outside(
    amendment: Amendment | AddToContainer | AmendTableOfContents, namer: _Namer
) -> tuple[Line, ...]:
    """One instruction for an amendment to law a Cite cannot name: the container (or, for an
    action on a whole provision, the level holding it) in words as the subject."""
    writer = _Writer(namer, "act")
    phrase: _Phrase
    if isinstance(
        amendment, Strike | StrikeInsert | Insert | StrikeThrough | AddAtEnd | AmendHeading
    ):
        target = amendment.target
        assert isinstance(target, Container)
        lead = ""
        scope = _scope(amendment)
        if scope is Scope.HEADING:
            lead = "in the heading "
        elif scope is not None:
            raise AmendmentError(
                f"cannot word “in the {scope.value} …” for {target}: the subdivisions of law a "
                "Cite cannot name are not known",
                amendment=amendment,
            )
        phrase = _verb(amendment, None, namer, set())
        head = Line(0, f"{_subject(target)} is amended {lead}{phrase.text}")
        return tuple(writer.with_block(head, phrase, "."))
    if isinstance(amendment, AmendToRead):
        assert isinstance(amendment.target, Container)
        head = Line(0, f"{_subject(amendment.target)} is amended to read as follows:")
        return tuple(writer.with_block(head, _Phrase("", (amendment.provision,)), "."))
    if isinstance(amendment, StrikeProvision):
        target, through = amendment.target, amendment.through
        assert isinstance(target, Container)
        assert through is None or isinstance(through, Container)
        parent = target.parent
        whole = not target.provision and (not target.path or target.path[-1][0] == "section")
        if whole and through is None and not amendment.replacement and parent is not None:
            if amendment.replacement_text is None:
                return (Line(0, f"{_subject(target)} is repealed."),)
        if parent is None:
            raise AmendmentError(
                f"expected a part of a body of law to strike, found all of {target}",
                amendment=amendment,
            )
        if through is not None and through.parent != parent:
            raise AmendmentError(
                f"expected the end of the range to be a sibling of {target}, found {through}",
                amendment=amendment,
            )
        phrase = _strike_phrase(amendment, _container_named(target, through))
        head = Line(0, f"{_subject(parent)} is amended {phrase.text}")
        return tuple(writer.with_block(head, phrase, "."))
    if isinstance(amendment, InsertProvisions):
        anchor = amendment.anchor
        assert isinstance(anchor, Container)
        if anchor.parent is None:
            raise AmendmentError(
                f"expected a part of a body of law to insert after, found all of {anchor}",
                amendment=amendment,
            )
        side = "before" if amendment.before else "after"
        following = namer.following(amendment.provisions)
        phrase = _Phrase(
            f"by inserting {side} {_container_named(anchor).rstrip(',')} {following}:",
            amendment.provisions,
        )
        head = Line(0, f"{_subject(anchor.parent)} is amended {phrase.text}")
        return tuple(writer.with_block(head, phrase, "."))
    if isinstance(amendment, Redesignate):
        targets = [t for t in amendment.targets if isinstance(t, Container)]
        parent = targets[0].parent
        if len(targets) != len(amendment.targets) or parent is None:
            raise AmendmentError(
                f"expected provisions of one container to redesignate, found {amendment.targets}",
                amendment=amendment,
            )
        kind, _ = _container_ref(targets[0])
        many = len(targets) > 1
        word = _plural(kind) if many else kind
        wrap = "({})" if targets[0].provision else "{}"
        if targets[0].provision and all(t.provision for t in targets):
            olds, news = _renumbered([t.provision[-1] for t in targets], amendment.designations)
        else:
            olds = _series([_container_ref(t)[1] for t in targets])
            news = _series([wrap.format(d) for d in amendment.designations])
        tail = ", respectively" if many else ""
        text = f"by redesignating {word} {olds} as {word} {news}{tail}"
        return (Line(0, f"{_subject(parent)} is amended {text}."),)
    if isinstance(amendment, AddToContainer | AmendTableOfContents):
        return _word_chapter(amendment, writer)
    raise AmendmentError(
        f"expected an amendment object, found {type(amendment).__name__}", amendment=amendment
    )


def _word_chapter(
    amendment: AddToContainer | AmendTableOfContents, writer: _Writer
) -> tuple[Line, ...]:
    """New sections of a chapter (`by adding at the end the following:`) and items of its table
    of sections (`by striking the item relating to section 2433 and inserting the following:`)."""
    if isinstance(amendment, AddToContainer):
        where = (
            f"by inserting after section {amendment.after}"
            if amendment.after
            else "by adding at the end"
        )
        phrase = _Phrase(f"{where} the following:", amendment.provisions)
        head = Line(0, f"{_subject(amendment.target)} is amended {phrase.text}")
        return tuple(writer.with_block(head, phrase, "."))
    subject = (
        "The table of sections for "
        + _subject(amendment.target)[:1].lower()
        + (_subject(amendment.target)[1:])
    )
    parts = []
    if amendment.strike:
        items = _series([f"the item relating to {s}" for s in amendment.strike])
        parts.append(f"by striking {items}")
    if amendment.insert:
        if amendment.after is not None:
            parts.append(
                f"by inserting after the item relating to {amendment.after} the following:"
            )
        elif amendment.strike:
            parts[-1] += " and inserting the following:"
        else:
            parts.append("by adding at the end the following:")
    head = Line(
        0, f"{subject} is amended {' and '.join(parts)}" + ("" if amendment.insert else ".")
    )
    rows = [Line(1, f"“{item}”", quoted=True) for item in amendment.insert]
    if rows:
        rows[-1] = Line(1, rows[-1].text + ".", quoted=True)
    return (head, *rows)


def word_instructions(
    amendments: Sequence[Amendment],
    statute: Statute | None = None,
    *,
    acts: ActIndex | None = None,
    new_level: bool = False,
) -> tuple[WordedInstruction, ...]:
    """The instruction paragraphs for a list of amendments, one per section, as structured lines."""
    if acts is None and statute is not None:
        acts = statute.acts
    namer = _Namer(statute, new_level=new_level)
    subjects = _Subjects(acts)
    out: list[WordedInstruction] = []
    for section, group in _groups(amendments):
        if isinstance(section, Container):
            lines = _word_outside(group[0], namer)
            subjects.last = None  # the next instruction names its Act in full
        else:
            group = provision_order(group, namer.level)
            lines = _word_section(section, group, namer, subjects)
        out.append(WordedInstruction(section, tuple(group), lines))
    return tuple(out)


def instructions(
    amendments: Sequence[Amendment],
    statute: Statute | None = None,
    *,
    acts: ActIndex | None = None,
    new_level: bool = False,
) -> str:
    """The amendatory text for a list of amendments: one paragraph per section, blank-line apart.

    With `new_level`, insertions name what they insert (``the following new paragraph:``), the
    commonest form in enacted bills; by default they say ``the following:``.
    """
    text = word_instructions(amendments, statute, acts=acts, new_level=new_level)
    return "\n\n".join(w.text for w in text)
