"""The comparative print (Ramseyer) as one layout model, which the HTML and Word writers draw.

`comparative_print(redline, style)` lays a `Redline` out as a committee report prints it, once, so
the HTML page (`render.html`) and the Word document (`render.docx.statute`) carry the same
content in the same structure and differ only in how they draw a line:

* the title (``CHANGES IN EXISTING LAW MADE BY THE BILL, AS REPORTED``) and the sentence of clause
  3(e) of rule XIII saying how changes are shown (in the chosen `style`);
* a note saying which text is shown: for a section of an Act, the Code's text of it, whose
  wording can differ from the Act's;
* for each law amended, its header: an Act's name (``TRADE ACT OF 1974``), then the Act's title
  (``TITLE IV—…``) where the Act index knows it, with the heading of the Code container that
  carries it when the statute has containers; or, for a title of the Code amended by its title,
  ``TITLE 19, UNITED STATES CODE`` and its containers (chapter, subchapter …);
* each section headed as the bill cites it: ``SEC. 402. FREEDOM OF EMIGRATION IN EAST-WEST
  TRADE.`` for an Act section (and the Internal Revenue Code), ``§ 2432. …`` in the Code's own
  form otherwise; elision lines (`ELISION`) between the headers, around what is shown and for
  every run of untouched provisions;
* each changed line as pieces: unchanged, omitted, new, the black brackets (house style), the
  space between omitted and new matter (``[To assure] To ensure``), and the numbered note marks
  of the amendments behind a stretch of changes; the notes themselves (`Note`) in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

from lxml import etree

from ..amendments import Amendment
from ..apply import describe
from ..cite import Cite
from ..diff import Edit, Op, Paragraph, ProvisionDiff, Redline, paused_gc
from ..statute import Statute

if TYPE_CHECKING:
    from ..containers import Proposal
from .text import ELISION

__all__ = [
    "EXPLANATIONS",
    "STYLES",
    "TITLE",
    "ComparativePrint",
    "Note",
    "Piece",
    "PrintLine",
    "comparative_print",
    "piece_format",
]

STYLES = ("house", "strike", "color")
"""The typographic styles a comparative print can take."""

TITLE = "CHANGES IN EXISTING LAW MADE BY THE BILL, AS REPORTED"
"""The heading of the print, as House reports carry it."""

EXPLANATIONS = {
    "house": (
        "In compliance with clause 3(e) of rule XIII of the Rules of the House of "
        "Representatives, changes in existing law made by the bill, as reported, are shown as "
        "follows (existing law proposed to be omitted is enclosed in black brackets, new matter "
        "is printed in italic, and existing law in which no change is proposed is shown in "
        "roman):"
    ),
    "strike": (
        "In compliance with clause 3(e) of rule XIII of the Rules of the House of "
        "Representatives, changes in existing law made by the bill, as reported, are shown as "
        "follows (existing law proposed to be omitted is struck through, new matter is "
        "underlined, and existing law in which no change is proposed is shown in roman):"
    ),
    "color": (
        "In compliance with clause 3(e) of rule XIII of the Rules of the House of "
        "Representatives, changes in existing law made by the bill, as reported, are shown as "
        "follows (existing law proposed to be omitted is struck through in red, new matter is "
        "underlined in blue, and existing law in which no change is proposed is shown in "
        "black):"
    ),
}
"""The sentence under the title saying how changes are shown, by style."""

LineKind = Literal["act", "container", "section", "provision", "elision"]
PieceRole = Literal["num", "space", "heading", "dash", "text", "bracket", "gap", "mark"]

_CONTAINER_LEVELS = (
    "title", "subtitle", "division", "subdivision", "chapter", "subchapter", "part", "subpart",
)  # fmt: skip


class Piece(NamedTuple):
    """A run of a printed line: its text, whether it is unchanged, omitted or new, its role, its
    typography, and the notes it refers to (a `mark` piece: the note numbers it prints)."""

    text: str
    op: Op = Op.EQUAL
    role: PieceRole = "text"
    bold: bool = False
    small_caps: bool = False
    note: int | None = None
    """The number of the note naming the amendment that made this change."""
    marks: tuple[int, ...] = ()


class PrintLine(NamedTuple):
    """One printed line (paragraph) of the print."""

    kind: LineKind
    pieces: tuple[Piece, ...]
    depth: int = 0
    level: str = ""
    status: str = "unchanged"

    @property
    def text(self) -> str:
        """The line as printed (brackets, the gap and note marks included, as plain text)."""
        out: list[str] = []
        for p in self.pieces:
            out.append(",".join(map(str, p.marks)) if p.role == "mark" else p.text)
        return "".join(out)

    @property
    def plain(self) -> str:
        """The line's words without note marks."""
        return "".join(p.text for p in self.pieces if p.role != "mark")


@dataclass(frozen=True)
class Note:
    """A numbered note: the amendment behind the changes marked with its number."""

    number: int
    text: str
    amendment: Amendment


@dataclass(frozen=True)
class ComparativePrint:
    """The whole print: title, explanation, which text is shown, lines, notes."""

    style: str
    title: str
    explanation: str
    source: str | None
    lines: tuple[PrintLine, ...]
    notes: tuple[Note, ...]

    def headings(self) -> list[str]:
        """The header lines (Acts, containers, sections), in order: what both formats share."""
        return [ln.plain for ln in self.lines if ln.kind in ("act", "container", "section")]


def piece_format(level: str, role: str) -> tuple[bool, bool]:
    """(bold, small caps) of a piece of a provision's line, as the Code prints it."""
    if role in ("num", "heading", "space", "dash") and level == "subsection":
        return True, False
    if role == "heading" and level not in ("section", "subsection"):
        return False, True
    return False, False


class _Notes:
    def __init__(self) -> None:
        self.numbers: dict[int, int] = {}
        self.notes: list[Note] = []

    def number(self, amendment: Amendment) -> int:
        n = self.numbers.get(id(amendment))
        if n is None:
            n = self.numbers[id(amendment)] = len(self.notes) + 1
            self.notes.append(Note(n, describe(amendment), amendment))
        return n


# --- the law's header: the Act or title, its containers, the section line --------------------


@dataclass(frozen=True)
class _Place:
    """Where a section sits, as the print heads it."""

    law: str  # TRADE ACT OF 1974 · TITLE 19, UNITED STATES CODE · INTERNAL REVENUE CODE OF 1986
    containers: tuple[str, ...]
    number: str | None  # the section's number as the header names it ("402"), None: Code form
    act_name: str | None = None
    cite: Cite | None = None


_CONTAINER_IDENT = re.compile(r"^/us/usc/t(\w+)/(?!s\d)")
"""An identifier of a container of the Code (`/us/usc/t19/ch12`, `/us/usc/t19/ch12/schIV`)."""


def _containers_of(
    sections: Mapping[str, etree._Element], identifier: str
) -> list[tuple[str, str, str]]:
    """(level, num, heading) of the containers above a section, outermost first, where the loaded
    statute holds them (a whole-title file); none for per-section files."""
    element = sections.get(identifier)
    if element is None:
        return []
    out: list[tuple[str, str, str]] = []
    for anc in element.iterancestors():
        if not isinstance(anc.tag, str):
            continue
        level = etree.QName(anc).localname
        if level not in _CONTAINER_LEVELS:
            continue
        num = anc.find("{*}num")
        heading = anc.find("{*}heading")
        out.append((level, _words(num), _words(heading)))
    out.reverse()
    return out


def _proposal(redline: Redline, identifier: str) -> Proposal | None:
    """billdraft's proposed Code number for a section a bill adds to a title that is not positive
    law, if it is one (the print then shows the Act's number, the bill's own, not the Code's)."""
    if redline.new is None or not redline.new.outlines:
        return None
    from ..containers import proposed_classification

    section = redline.new.get(identifier)
    return proposed_classification(section) if section is not None else None


def _outline_containers(statute: Statute | None, identifier: str) -> list[tuple[str, str, str]]:
    """(level, num, heading) of the containers above a section or a container of a whole title
    loaded (its sections are standalone trees: the outline holds their places), outermost first."""
    if statute is None or not statute.outlines:
        return []
    from ..containers import Division, enclosing

    found = statute.get(identifier)
    if found is None:
        return []
    up = found.parent if isinstance(found, Division) else enclosing(statute, found)
    out: list[tuple[str, str, str]] = []
    while up is not None:
        out.append((up.kind, up.num, up.heading or ""))
        up = up.parent
    out.reverse()
    return out


def _words(el: etree._Element | None) -> str:
    """An element's text, white space collapsed ("" for none)."""
    if el is None:
        return ""
    return " ".join("".join(str(t) for t in el.itertext()).split())


def _container_line(num: str, heading: str) -> str:
    """``CHAPTER 12—TRADE ACT OF 1974``: a container's num and heading, in capitals."""
    num = num.strip().rstrip("—-").strip()
    heading = heading.strip()
    if not heading:
        return num.upper()
    return f"{num}—{heading}".upper() if num else heading.upper()


def _roman_value(num: str) -> str:
    """The designation of a container's num (``SUBCHAPTER IV—`` → ``IV``)."""
    words = num.replace("—", " ").split()
    return words[-1].rstrip(".").upper() if words else ""


def _place(
    redline: Redline, identifier: str, sections: Sequence[Mapping[str, etree._Element]]
) -> _Place:
    container = _CONTAINER_IDENT.match(identifier)
    if container is not None:  # a chapter's heading and table: the Code's own form
        above = _outline_containers(redline.old, identifier) or _outline_containers(
            redline.new, identifier
        )
        return _Place(
            f"TITLE {container[1].upper()}, UNITED STATES CODE",
            tuple(_container_line(n, h) for lv, n, h in above if lv != "title"),
            None,
        )
    cite = Cite.from_identifier(identifier)
    proposal = _proposal(redline, identifier)
    if proposal is not None:  # a new section of an Act: printed as the Act numbers it (SEC. 628A.)
        act = proposal.act.removeprefix("the ").removeprefix("The ")
        return _Place(act.upper(), (), proposal.act_section, cite=cite)
    containers: list[tuple[str, str, str]] = []
    for known in sections:
        containers = containers or _containers_of(known, identifier)
    if not containers:  # a whole-title file loaded: its outline holds the containers
        containers = _outline_containers(redline.old, identifier) or _outline_containers(
            redline.new, identifier
        )
    if cite.title == "26":
        return _Place(
            "INTERNAL REVENUE CODE OF 1986",
            tuple(_container_line(n, h) for lv, n, h in containers if lv != "title"),
            cite.section,
            cite=cite,
        )
    found = None
    for statute in (redline.old, redline.new):  # the current law's index first
        if statute is None:
            continue
        try:
            found = statute.acts.to_act(cite.title, cite.section)
        except Exception:  # an index that cannot place the section: the Code's own form
            found = None
        if found is not None:
            break
    if found is not None:
        name, entry = found
        lines: tuple[str, ...] = ()
        if entry.act_title:
            heading = next(
                (
                    h
                    for _, n, h in reversed(containers)
                    if _roman_value(n) == entry.act_title.upper()
                ),
                "",
            )
            lines = (_container_line(f"TITLE {entry.act_title}", heading),)
        return _Place(name.upper(), lines, entry.section, act_name=name, cite=cite)
    return _Place(
        f"TITLE {cite.title}, UNITED STATES CODE",
        tuple(_container_line(n, h) for lv, n, h in containers if lv != "title"),
        None,
        cite=cite,
    )


def _source_note(places: Sequence[_Place]) -> str | None:
    """Which text the print shows, when it shows an Act's sections in the Code's text."""
    acts = [p for p in places if p.act_name is not None and p.cite is not None]
    if not acts:
        return None
    named = [f"section {p.number} of the {p.act_name} ({p.cite})" for p in acts]
    if len(named) > 2:
        listed = ", ".join(named[:-1]) + ", and " + named[-1]
    else:
        listed = " and ".join(named)
    return (
        f"Existing law is shown in the text of the United States Code: {listed}. The Code's "
        "wording can differ from the Act's (the Code cites other provisions by their Code "
        "section numbers); the Act governs where they differ."
    )


# --- lines ------------------------------------------------------------------------------------


def _stretch(
    para: Paragraph, pieces: list[tuple[str, Edit]], notes: _Notes, style: str
) -> Iterator[Piece]:
    """One stretch of changes: ``[struck]`` then a gap then new matter, then the note marks.

    A space the stretch begins or ends with is printed outside the brackets and the marks
    (``whatsoever; [or]``, not ``whatsoever;[ or]``), keeping its op.
    """
    first, last = pieces[0][1], pieces[-1][1]
    lead = first.text[: len(first.text) - len(first.text.lstrip())]
    trail = last.text[len(last.text.rstrip()) :] if last.text.strip() else ""
    if lead:
        yield Piece(lead, first.op, "text")
    open_bracket = False
    numbers: list[int] = []
    previous: Op | None = None
    for k, (role, e) in enumerate(pieces):
        text = e.text
        if k == 0 and lead:
            text = text[len(lead) :]
        if k == len(pieces) - 1 and trail:
            text = text[: len(text) - len(trail)]
        if e.op == Op.DELETE and not open_bracket and style == "house":
            yield Piece("[", Op.EQUAL, "bracket", bold=True)
            open_bracket = True
        if e.op == Op.INSERT and previous == Op.DELETE:
            if open_bracket:
                yield Piece("]", Op.EQUAL, "bracket", bold=True)
                open_bracket = False
            if text and not text[0].isspace() and not _ends_with_space(pieces, k):
                yield Piece(" ", Op.EQUAL, "gap")  # [To assure] To ensure
        note = None
        if e.amendment is not None:
            note = notes.number(e.amendment)
            numbers.append(note)
        if text:
            bold, small_caps = piece_format(para.level, role)
            yield Piece(text, e.op, _role(role), bold=bold, small_caps=small_caps, note=note)
        previous = e.op
    if open_bracket:
        yield Piece("]", Op.EQUAL, "bracket", bold=True)
    if numbers:
        yield Piece("", Op.EQUAL, "mark", marks=tuple(sorted(set(numbers))))
    if trail:
        yield Piece(trail, last.op, "text")


def _ends_with_space(pieces: list[tuple[str, Edit]], k: int) -> bool:
    """Whether the omitted matter just before piece `k` ends with a space."""
    return k > 0 and pieces[k - 1][1].text[-1:].isspace()


_ROLES: dict[str, PieceRole] = {
    "num": "num",
    "space": "space",
    "heading": "heading",
    "dash": "dash",
}
"""The roles of a diff's pieces the print keeps; every other piece is text."""


def _role(role: str) -> PieceRole:
    return _ROLES.get(role, "text")


def _line(para: Paragraph, notes: _Notes, style: str) -> PrintLine:
    out: list[Piece] = []
    stretch: list[tuple[str, Edit]] = []
    for role, e in para.pieces:
        if e.op == Op.EQUAL:
            if stretch:
                out.extend(_stretch(para, stretch, notes, style))
                stretch = []
            bold, small_caps = piece_format(para.level, role)
            out.append(Piece(e.text, Op.EQUAL, _role(role), bold=bold, small_caps=small_caps))
        else:
            stretch.append((role, e))
    if stretch:
        out.extend(_stretch(para, stretch, notes, style))
    kind: LineKind = "section" if para.level == "section" and para.depth == 0 else "provision"
    return PrintLine(kind, tuple(out), para.depth, para.level, para.status)


def _act_section_line(line: PrintLine, number: str) -> PrintLine:
    """The section's head line as a bill cites an Act's section: ``SEC. 402. HEADING.``"""
    pieces: list[Piece] = []
    for p in line.pieces:
        if p.role == "num":
            pieces.append(Piece(f"SEC. {number}.", p.op, "num", bold=True, note=p.note))
        elif p.role in ("heading", "space", "dash", "text"):
            pieces.append(Piece(p.text.upper(), p.op, p.role, bold=True, note=p.note))
        else:
            pieces.append(p)
    # -- the heading ends with a period, as an Act prints it --
    for i in range(len(pieces) - 1, -1, -1):
        p = pieces[i]
        if p.role in ("heading", "text") and p.text.strip():
            if not p.text.rstrip().endswith("."):
                stripped = p.text.rstrip()
                pieces[i] = Piece(
                    stripped + "." + p.text[len(stripped) :], p.op, p.role, bold=True, note=p.note
                )
            break
    return PrintLine("section", tuple(pieces), 0, "section", line.status)


def _header(text: str, kind: LineKind) -> PrintLine:
    return PrintLine(kind, (Piece(text),))


_ELISION = PrintLine("elision", (Piece(ELISION),))


def comparative_print(
    redline: Redline, *, style: str = "house", context: int = 1, title: str = TITLE
) -> ComparativePrint:
    """Lay out the comparative print of `redline`: what the HTML and Word prints both draw."""
    if style not in STYLES:
        raise ValueError(f"expected a style among {', '.join(STYLES)}, found {style!r}")
    if context < 0:
        raise ValueError(f"expected a non-negative context, found {context}")
    with paused_gc():
        return _layout(redline, style, context, title)


def _layout(redline: Redline, style: str, context: int, title: str) -> ComparativePrint:
    notes = _Notes()
    lines: list[PrintLine] = []
    places: list[_Place] = []
    law: str | None = None
    containers: tuple[str, ...] = ()

    def elide() -> None:
        if lines and lines[-1].kind != "elision":
            lines.append(_ELISION)

    # -- the section trees of the current and amended law, looked up once for every section --
    trees = [s.section_elements() for s in (redline.old, redline.new) if s is not None]
    section: ProvisionDiff
    for section in redline.sections:
        place = _place(redline, section.identifier, trees)
        places.append(place)
        if place.law != law:
            elide()
            lines.append(_header(place.law, "act"))
            law, containers = place.law, ()
        # -- the containers that differ from the previous section's, each after an elision --
        same = 0
        while (
            same < min(len(containers), len(place.containers))
            and containers[same] == place.containers[same]
        ):
            same += 1
        for text in place.containers[same:]:
            elide()
            lines.append(_header(text, "container"))
        containers = place.containers
        elide()
        for para in redline.excerpt(section, context):
            if para is None:
                elide()
                continue
            line = _line(para, notes, style)
            if line.kind == "section" and place.number is not None:
                line = _act_section_line(line, place.number)
            lines.append(line)
    elide()
    return ComparativePrint(
        style=style,
        title=title,
        explanation=EXPLANATIONS[style],
        source=_source_note(places),
        lines=tuple(lines),
        notes=tuple(notes.notes),
    )
