"""The Code above the section: titles, subtitles, chapters, subchapters, parts, subparts, divisions.

A whole-title USLM file (OLRC's `usc19.xml`) holds the sections inside containers, each with its
number, heading and analysis (the table of sections, `<toc>` of `<tocItem>` rows). `load()` of such a
file keeps the containers as an `Outline`: the document with every section left in place as an
empty stub naming its identifier, while the sections themselves live in the `Statute` as before. A
container is a citable provision (`Division`): `law.provision("chapter 12 of title 19")`,
`/us/usc/t19/ch12/schIV`, `subchapter IV of chapter 12 of title 19, United States Code`.

`apply` hands this module the amendments a chapter receives: new sections (at the end, or after a
section), sections redesignated or struck within a chapter, the chapter's table of sections
(items struck, inserted after an item or at the end) and its heading. Every refusal is a typed
error, as for sections. A section added to a title that is not positive law carries the Act's
number in the bill (`SEC. 402A.`); the Code number it is shown under (`2432a`) is billdraft's
proposed classification, said so in a warning and in a note on the section, never as fact.

Per-section folders (`statutes/`) hold no containers: there chapter-level amendments are reported
as not loaded, with the advice to load the whole-title file.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lxml import etree

from .amendments import (
    AddAtEnd,
    AddToContainer,
    AmendHeading,
    Amendment,
    AmendTableOfContents,
    AnyAmendment,
    InsertProvisions,
    NewProvision,
    Redesignate,
    Scope,
    Strike,
    StrikeInsert,
    StrikeProvision,
)
from .cite import CONTAINER_KINDS, Cite, Container
from .errors import (
    AmbiguousTextError,
    CitationError,
    DesignationMismatchError,
    OutputError,
    RedesignationCollisionError,
    TargetNotFoundError,
    TextNotFoundError,
    UnknownCitationError,
)
from .newmatter import check_fits, to_element
from .statute import Provision, Statute, block_text, display
from .uslm import USLM_NS, serialize

if TYPE_CHECKING:
    from .apply import _Work

__all__ = [
    "ContainerChange",
    "Division",
    "Outline",
    "Proposal",
    "TocItem",
    "parse_container",
    "proposed_classification",
    "write_title",
]

_NS = "{" + USLM_NS + "}"
KINDS: tuple[str, ...] = tuple(CONTAINER_KINDS)
"""Container levels (division, title, subtitle, chapter, subchapter, part, subpart)."""
_CONTAINER_TAGS = frozenset(_NS + k for k in KINDS)
_SHORT_TO_KIND = {v: k for k, v in CONTAINER_KINDS.items()}
_SECTION = _NS + "section"
_SECTION_ID = re.compile(r"^/us/usc/t(?P<title>[^/]+)/s(?P<section>[^/]+)$")
_CONTAINER_ID = re.compile(
    r"^/us/usc/t(?P<title>[0-9]+[A-Za-z]?)((?:/(?:d|st|ch|sch|pt|sp)[^/]+)*)/?$"
)
_KIND_WORDS = "|".join(k for k in KINDS if k != "title")
_CONTAINER_TEXT = re.compile(
    rf"^\s*(?P<levels>(?:(?:{_KIND_WORDS})\s+[A-Za-z0-9.\u2013-]+,?\s+of\s+)*)"
    rf"title\s+(?P<title>[0-9]+[A-Za-z]?)(?:,?\s+United\s+States\s+Code)?\.?\s*$",
    re.IGNORECASE,
)
_LEVEL_TEXT = re.compile(rf"({_KIND_WORDS})\s+([A-Za-z0-9.\u2013-]+)", re.IGNORECASE)
_WHOLE_TITLE_ADVICE = (
    "a per-section folder holds no chapters or tables of sections: load the whole-title file "
    "(OLRC's uscNN.xml, e.g. usc19.xml from uscode.house.gov/download) to amend them"
)
PROPOSED_ROLE = "billdraftProposedClassification"
"""The `role` of the note billdraft puts on a section whose Code number it proposed."""


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag[len(_NS) :] if isinstance(tag, str) and tag.startswith(_NS) else ""


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


# --- the outline of a whole title -----------------------------------------------------------


class Outline:
    """A whole-title document with its sections as stubs: containers, headings, tables, notes."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self._stubs: dict[str, etree._Element] | None = None
        self._containers: dict[str, etree._Element] | None = None

    def copy(self) -> Outline:
        """A deep copy, to amend."""
        return Outline(copy.deepcopy(self.root))

    def reindex(self) -> None:
        """Forget the indexes after the tree changed."""
        self._stubs = None
        self._containers = None

    def _index(self) -> None:
        stubs: dict[str, etree._Element] = {}
        containers: dict[str, etree._Element] = {}
        for el in self.root.iter(_SECTION, *_CONTAINER_TAGS):
            parent = el.getparent()
            if el.tag == _SECTION:
                if parent is not None and (
                    parent.tag in _CONTAINER_TAGS or _local(parent) == "main"
                ):
                    stubs.setdefault(el.get("identifier", ""), el)
            elif _in_structure(el):
                containers.setdefault(el.get("identifier", ""), el)
        self._stubs, self._containers = stubs, containers

    @property
    def stubs(self) -> dict[str, etree._Element]:
        """Section identifier -> its stub, in document order."""
        if self._stubs is None:
            self._index()
        assert self._stubs is not None
        return self._stubs

    @property
    def containers(self) -> dict[str, etree._Element]:
        """Container identifier -> element, in document order."""
        if self._containers is None:
            self._index()
        assert self._containers is not None
        return self._containers

    @property
    def title_element(self) -> etree._Element | None:
        """The `<title>` container, if the document has one."""
        return next((el for el in self.containers.values() if _local(el) == "title"), None)

    @property
    def title(self) -> str:
        """The title number, from the `<title>` (or the first section) identifier."""
        for ident in (*self.containers, *self.stubs):
            m = re.match(r"^/us/usc/t([^/]+)", ident)
            if m:
                return m.group(1)
        return ""

    @property
    def identifier(self) -> str:
        """`/us/usc/t19`."""
        return f"/us/usc/t{self.title}"

    @property
    def positive_law(self) -> bool | None:
        """Whether the title is positive law, as its `<meta>` says (None when it does not say)."""
        for prop in self.root.iter(_NS + "property"):
            if prop.get("role") == "is-positive-law":
                text = display("".join(str(t) for t in prop.itertext())).casefold()
                return text in ("yes", "true")
        return None

    def chain(self, el: etree._Element) -> tuple[tuple[str, str], ...]:
        """The (kind, designation) levels from the title down to `el` (the title excluded)."""
        levels: list[tuple[str, str]] = []
        node: etree._Element | None = el
        while node is not None:
            if node.tag in _CONTAINER_TAGS and _local(node) != "title":
                levels.append((_local(node), _num_value(node)))
            node = node.getparent()
        return tuple(reversed(levels))

    def enclosing(self, el: etree._Element) -> etree._Element | None:
        """The container holding `el` (a stub or a container)."""
        up = el.getparent()
        while up is not None and up.tag not in _CONTAINER_TAGS:
            up = up.getparent()
        return up

    def find(self, path: Sequence[tuple[str, str]]) -> etree._Element | None:
        """The container a bill's path names (`chapter 12`, `subchapter IV`): levels a bill leaves
        out (the subtitle above a chapter of title 26) may be skipped, the last must match."""
        want = [(k.casefold(), d.casefold()) for k, d in path if k.casefold() != "title"]
        if not want:
            return self.title_element
        kinds = {k for k, _ in want}
        for el in self.containers.values():
            chain = [(k, d.casefold()) for k, d in self.chain(el)]
            if chain and chain[-1] == want[-1] and [c for c in chain if c[0] in kinds] == want:
                return el
        return None

    def sections_under(self, el: etree._Element) -> list[str]:
        """The identifiers of the section stubs inside a container, in order."""
        return [s.get("identifier", "") for s in el.iter(_SECTION) if s in self._stub_set()]

    def _stub_set(self) -> set[etree._Element]:
        return set(self.stubs.values())


def _in_structure(el: etree._Element) -> bool:
    """True when `el` is part of the document's own structure (not inside a note or quotation)."""
    up = el.getparent()
    while up is not None:
        if _local(up) in ("note", "notes", "quotedContent", "toc", "section"):
            return False
        up = up.getparent()
    return True


def _num_value(el: etree._Element) -> str:
    num = el.find(_NS + "num")
    return num.get("value", "") if num is not None else ""


# --- citing a container ---------------------------------------------------------------------


def parse_container(text: str) -> Container | str | None:
    """A container citation: `chapter 12 of title 19` -> Container; `/us/usc/t19/ch12` -> the
    identifier itself; None when the text is neither."""
    m = _CONTAINER_ID.match(text.strip())
    if m:
        return text.strip().rstrip("/")
    m = _CONTAINER_TEXT.match(text)
    if m is None:
        return None
    levels = [(k.lower(), d.rstrip(".,")) for k, d in _LEVEL_TEXT.findall(m["levels"])]
    return Container(f"title {m['title']}, United States Code", tuple(reversed(levels)))


def is_container_ref(ref: object) -> bool:
    """True when `ref` names a container rather than a section (a Container, or such text)."""
    if isinstance(ref, Container):
        return True
    return isinstance(ref, str) and parse_container(ref) is not None


def _path_of_identifier(identifier: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    m = _CONTAINER_ID.match(identifier)
    if m is None:
        raise UnknownCitationError(
            f"expected a container identifier such as /us/usc/t19/ch12, found {identifier!r}"
        )
    parts = [p for p in m.group(2).split("/") if p]
    path: list[tuple[str, str]] = []
    for part in parts:
        short = next(s for s in sorted(_SHORT_TO_KIND, key=len, reverse=True) if part.startswith(s))
        path.append((_SHORT_TO_KIND[short], part[len(short) :]))
    return m["title"], tuple(path)


def find_division(statute: Statute, ref: str | Container) -> Division:
    """The container a citation names, in a loaded whole-title file."""
    parsed: Container | str | None = ref if isinstance(ref, Container) else parse_container(ref)
    if parsed is None:
        raise UnknownCitationError(
            f"expected a container such as 'chapter 12 of title 19' or '/us/usc/t19/ch12', "
            f"found {ref!r}"
        )
    if isinstance(parsed, str):
        title, path = _path_of_identifier(parsed)
        what = parsed
    else:
        t = parsed.title
        if t is None or parsed.provision:
            raise UnknownCitationError(
                f"expected a container of a title of the Code, found {parsed}"
            )
        title, path, what = t, parsed.path, str(parsed)
    outline = statute.outlines.get(f"/us/usc/t{title}")
    if outline is None:
        raise UnknownCitationError(
            f"expected {what} to be loaded, found no containers of title {title} loaded "
            f"({_WHOLE_TITLE_ADVICE})"
        )
    el = outline.containers.get(parsed) if isinstance(parsed, str) else None
    if el is None:
        el = outline.find(path)
    if el is None:
        raise UnknownCitationError(
            f"expected {what} to exist, found no such container in title {title} "
            f"({_have(outline, path)})"
        )
    return Division(statute, el)


def _have(outline: Outline, path: Sequence[tuple[str, str]]) -> str:
    kind = path[-1][0] if path else "chapter"
    found = [_num_value(el) for el in outline.containers.values() if _local(el) == kind.casefold()]
    shown = ", ".join(found[:12]) + ("…" if len(found) > 12 else "")
    return f"its {kind}s: {shown}" if found else f"it has no {kind}s"


# --- the container as a provision -----------------------------------------------------------


@dataclass(frozen=True)
class TocItem:
    """One row of a table of sections: `2432. Freedom of emigration in East-West trade.`"""

    kind: str
    """section, chapter, subchapter, part, … or "" when the row names nothing (a heading)."""
    designation: str
    text: str
    href: str | None
    element: etree._Element = dataclasses.field(compare=False, repr=False)


_ITEM_HEAD = re.compile(
    rf"^\s*(?:(?P<kind>{_KIND_WORDS}|sec\.|§)\s*)?(?P<desig>[0-9]+[A-Za-z0-9\u2013-]*|[IVXLCDM]+|[A-Z])\b[.—\s]",
    re.IGNORECASE,
)


def _toc_item(el: etree._Element) -> TocItem:
    columns = el.findall(_NS + "column")
    parts = [display("".join(str(t) for t in c.itertext())) for c in columns] if columns else []
    text = " ".join(p for p in parts if p) or display("".join(str(t) for t in el.itertext()))
    ref = next(el.iter(_NS + "ref"), None)
    href = ref.get("href") if ref is not None else None
    if href:
        m = _SECTION_ID.match(href)
        if m:
            return TocItem("section", m["section"], text, href, el)
        if _CONTAINER_ID.match(href):
            _, path = _path_of_identifier(href)
            if path:
                return TocItem(path[-1][0], path[-1][1], text, href, el)
    m = _ITEM_HEAD.match(text + " ")
    if m is None:
        return TocItem("", "", text, href, el)
    kind = (m["kind"] or "section").casefold()
    kind = "section" if kind in ("sec.", "§") else kind
    return TocItem(kind, m["desig"], text, href, el)


class Division(Provision):
    """A container of a loaded whole title (title, chapter, subchapter, part, …), as a provision:
    its number, heading, analysis (`toc`), and the containers and sections inside it."""

    def __repr__(self) -> str:
        return f"<Division {self.identifier}>"

    @property
    def kind(self) -> str:
        """chapter, subchapter, part, …"""
        return self.level

    @property
    def outline(self) -> Outline:
        """The outline of the title this container belongs to."""
        outline = self.statute.outlines.get(f"/us/usc/t{self.title_number}")
        assert outline is not None
        return outline

    @property
    def title_number(self) -> str:
        """The number of the title the container is part of."""
        m = re.match(r"^/us/usc/t([^/]+)", self.identifier)
        return m.group(1) if m else ""

    @property
    def container(self) -> Container:
        """The container as a bill names it (`Container("title 19, United States Code", …)`)."""
        outline = self.outline
        return Container(
            f"title {self.title_number}, United States Code", outline.chain(self.element)
        )

    @property
    def cite(self) -> Cite:
        """A container has no section citation: refused (use `container`)."""
        raise CitationError(
            f"expected a section or one of its subdivisions, found {self.container} "
            "(a container: use .container)"
        )

    @property
    def children(self) -> tuple[Provision, ...]:
        """The containers and sections directly inside, in order."""
        out: list[Provision] = []
        sections = self.statute.section_elements_view()
        for child in self.element:
            if child.tag in _CONTAINER_TAGS:
                out.append(Division(self.statute, child))
            elif child.tag == _SECTION:
                sec = sections.get(child.get("identifier", ""))
                if sec is not None:
                    out.append(Provision(self.statute, sec))
        return tuple(out)

    @property
    def sections(self) -> tuple[Provision, ...]:
        """Every section inside, at any depth, in order."""
        sections = self.statute.section_elements_view()
        return tuple(
            Provision(self.statute, sections[i])
            for i in self.outline.sections_under(self.element)
            if i in sections
        )

    @property
    def parent(self) -> Division | None:
        """The enclosing container, or None for a title."""
        up = self.outline.enclosing(self.element)
        return Division(self.statute, up) if up is not None else None

    @property
    def toc(self) -> tuple[TocItem, ...]:
        """The container's own analysis (table of sections or contents), row by row."""
        toc = self.element.find(_NS + "toc")
        if toc is None:
            return ()
        return tuple(_toc_item(el) for el in toc.iter(_NS + "tocItem"))

    def lines(self, indent: str = "  ") -> Iterator[str]:
        """The heading, then the rows of its analysis (or, with none, what it holds)."""
        yield f"{self.num} {self.heading or ''}".strip()
        rows = [item.text for item in self.toc] or [
            f"{child.num} {child.heading or ''}".strip() for child in self.children
        ]
        for row in rows:
            yield f"{indent}{row}"

    def walk(self) -> Iterator[Provision]:
        """This container, and every container, section and subdivision inside it."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_xml(self) -> bytes:
        """The container's USLM with its sections filled in."""
        return serialize(_filled(self.element, self.statute))


def enclosing(statute: Statute, section: Provision) -> Division | None:
    """The container that holds a loaded section, when its whole title is loaded."""
    m = _SECTION_ID.match(section.identifier)
    outline = statute.outlines.get(f"/us/usc/t{m['title']}") if m else None
    if outline is None:
        return None
    stub = outline.stubs.get(section.identifier)
    up = outline.enclosing(stub) if stub is not None else None
    return Division(statute, up) if up is not None else None


@dataclass(frozen=True)
class Proposal:
    """A section's Code number proposed by billdraft: the Act section a bill added, and where."""

    act: str
    """The Act, as named in words (`the Tariff Act of 1930`)."""
    act_section: str
    """The section's number in the Act (`628A`), the bill's own."""
    number: str
    """The Code section number billdraft proposes (`1628a`)."""
    text: str
    """The note, in words."""


def proposed_classification(section: Provision) -> Proposal | None:
    """billdraft's proposal for a section's Code number (from its note), or None."""
    for note in section.element.iter(_NS + "note"):
        if note.get("role") == PROPOSED_ROLE:
            parts = {
                i.get("role", ""): display("".join(str(t) for t in i.itertext()))
                for i in note.iter(_NS + "inline")
            }
            return Proposal(
                parts.get("act", ""),
                parts.get("actSection", ""),
                parts.get("proposedSection", ""),
                display("".join(str(t) for t in note.itertext())),
            )
    return None


# --- writing the whole title ----------------------------------------------------------------


def _filled(el: etree._Element, statute: Statute) -> etree._Element:
    """A copy of an outline element with every stub replaced by its section."""
    out = copy.deepcopy(el)
    sections = statute.section_elements_view()
    stubs = [
        s for s in out.iter(_SECTION) if len(s) == 0 and _SECTION_ID.match(s.get("identifier", ""))
    ]
    for stub in stubs:
        sec = sections.get(stub.get("identifier", ""))
        parent = stub.getparent()
        if parent is None:
            continue
        if sec is None:
            parent.remove(stub)
            continue
        new = copy.deepcopy(sec)
        new.tail = stub.tail
        parent.replace(stub, new)
    return out


def write_title(statute: Statute, path: str | Path, title: str | None = None) -> Path:
    """Write one loaded whole title (the only one when `title` is omitted) as a USLM file."""
    if title is None:
        if len(statute.outlines) != 1:
            raise OutputError(
                f"expected one whole title loaded (or a title named), found {len(statute.outlines)}"
            )
        outline = next(iter(statute.outlines.values()))
    else:
        found = statute.outlines.get(f"/us/usc/t{title}")
        if found is None:
            raise OutputError(
                f"expected title {title} loaded from a whole-title file, found "
                f"{', '.join(statute.outlines) or 'none'} ({_WHOLE_TITLE_ADVICE})"
            )
        outline = found
    out = Path(path)
    out.write_bytes(serialize(_filled(outline.root, statute)))
    return out


# --- amending containers --------------------------------------------------------------------


ContainerChangeKind = Literal["toc-strike", "toc-insert", "heading", "section-added"]


@dataclass(frozen=True)
class ContainerChange:
    """A change to a container itself: an item of its analysis struck or inserted, its heading,
    a section added to it (`inserted` its number; the section's own change is in `changes`)."""

    amendment: AnyAmendment
    identifier: str
    """The container's identifier (`/us/usc/t19/ch12`)."""
    kind: ContainerChangeKind
    struck: str = ""
    inserted: str = ""


def handles(statute: Statute, amendment: AnyAmendment) -> bool:
    """True when an amendment acts on containers or on whole sections as members of a chapter."""
    if isinstance(amendment, AddToContainer):
        target = amendment.target
        return not target.provision and (target.title is not None or _et_seq(target) is not None)
    if isinstance(amendment, AmendTableOfContents):
        return amendment.target.title is not None and not amendment.target.provision
    if isinstance(amendment, AmendHeading | Strike | StrikeInsert) and isinstance(
        amendment.target, Container
    ):
        target = amendment.target
        heading = (
            not isinstance(amendment, Strike | StrikeInsert) or amendment.scope is Scope.HEADING
        )
        return heading and target.title is not None and not target.provision and bool(target.path)
    if isinstance(amendment, InsertProvisions):
        return _whole_section(amendment.anchor)
    if isinstance(amendment, Redesignate):
        return all(_whole_section(t) for t in amendment.targets)
    if isinstance(amendment, StrikeProvision):
        return (
            _whole_section(amendment.target)
            and not amendment.replacement
            and (amendment.replacement_text is None)
        )
    return False


def _whole_section(target: object) -> bool:
    return isinstance(target, Cite) and not target.path


def apply_one(work: _Work, amendment: AnyAmendment) -> None:
    """Carry out one amendment this module handles on the working copy (see `handles`)."""
    from .apply import describe

    what = describe(amendment)
    if isinstance(amendment, AddToContainer):
        division = _division(work, amendment.target, amendment)
        outline = division[0]
        anchor = _anchor_for(work, outline, division[1], amendment.after, amendment)
        _add_sections(work, outline, anchor, amendment.provisions, amendment, before=False)
    elif isinstance(amendment, InsertProvisions):
        assert isinstance(amendment.anchor, Cite)
        outline = _outline(work, amendment.anchor.title, amendment)
        stub = _stub(work, outline, amendment.anchor, amendment)
        _add_sections(work, outline, stub, amendment.provisions, amendment, before=amendment.before)
    elif isinstance(amendment, Redesignate):
        _redesignate_sections(work, amendment)
    elif isinstance(amendment, StrikeProvision):
        assert isinstance(amendment.target, Cite)
        outline = _outline(work, amendment.target.title, amendment)
        _strike_section(work, outline, amendment.target, amendment)
    elif isinstance(amendment, AmendTableOfContents):
        outline, el = _division(work, amendment.target, amendment)
        _amend_toc(work, outline, el, amendment)
    elif isinstance(amendment, AmendHeading | Strike | StrikeInsert):
        assert isinstance(amendment.target, Container)
        outline, el = _division(work, amendment.target, amendment)
        _amend_heading(work, el, amendment)
    else:  # pragma: no cover - `handles` decides
        raise TypeError(f"{what}: expected an amendment to a container")


# -- finding things in the working outline --


def _outline(work: _Work, title: str | None, amendment: AnyAmendment) -> Outline:
    from .apply import describe

    ident = f"/us/usc/t{title}"
    outline = work.outlines.get(ident)
    if outline is None:
        original = work.statute.outlines.get(ident)
        if original is None:
            raise TargetNotFoundError(
                f"{describe(amendment)}: expected the chapters of title {title} to be loaded, "
                f"found only {len(work.originals)} section(s) of the Code loaded "
                f"({_WHOLE_TITLE_ADVICE})",
                amendment=amendment,
            )
        outline = work.outlines[ident] = original.copy()
    return outline


_ET_SEQ = re.compile(
    r"^\s*(?P<title>\d+)\s+U\.\s?S\.\s?C\.\s+(?P<section>\d+[A-Za-z0-9\u2013-]*)\s+et\s+seq\.?\s*$"
)


def _et_seq(target: Container) -> tuple[str, str] | None:
    """(title, first section) of an Act's container the bill locates in the Code with
    `(19 U.S.C. 2251 et seq.)`, or None."""
    m = _ET_SEQ.match(target.usc or "")
    return (m["title"], m["section"]) if m else None


def _act_container(
    work: _Work, target: Container, amendment: AnyAmendment
) -> tuple[Outline, etree._Element]:
    """The Code container an Act's container is classified to, by its `et seq.` parenthetical:
    the containers that begin with that section, outermost first, taken as deep as the Act's
    path goes (`chapter 1 of title II of the Trade Act of 1974 (19 U.S.C. 2251 et seq.)` is the
    part 1 of subchapter II of chapter 12 that begins at 2251)."""
    from .apply import describe

    found = _et_seq(target)
    assert found is not None
    title, first = found
    outline = _outline(work, title, amendment)
    stub = outline.stubs.get(f"/us/usc/t{title}/s{first}")
    starting: list[etree._Element] = []
    up = outline.enclosing(stub) if stub is not None else None
    while up is not None and _local(up) != "title":
        inside = outline.sections_under(up)
        if not inside or inside[0] != f"/us/usc/t{title}/s{first}":
            break
        starting.append(up)
        up = outline.enclosing(up)
    if not starting:
        raise TargetNotFoundError(
            f"{describe(amendment)}: expected a container of title {title} beginning with section "
            f"{first} (the bill's {target.usc}), found none",
            amendment=amendment,
        )
    starting.reverse()  # outermost first
    depth = max(len(target.path), 1)
    return outline, starting[min(depth, len(starting)) - 1]


def _division(
    work: _Work, target: Container, amendment: AnyAmendment
) -> tuple[Outline, etree._Element]:
    from .apply import describe

    if target.title is None and _et_seq(target) is not None:
        return _act_container(work, target, amendment)
    outline = _outline(work, target.title, amendment)
    el = outline.find(target.path)
    if el is None:
        raise TargetNotFoundError(
            f"{describe(amendment)}: expected {target} to exist, found no such container "
            f"({_have(outline, target.path)})",
            amendment=amendment,
        )
    return outline, el


def _stub(work: _Work, outline: Outline, cite: Cite, amendment: AnyAmendment) -> etree._Element:
    from .apply import describe

    stub = outline.stubs.get(cite.identifier)
    if stub is None:
        raise TargetNotFoundError(
            f"{describe(amendment)}: expected section {cite} to exist in title {cite.title}, "
            "found no such section",
            amendment=amendment,
        )
    return stub


def _anchor_for(
    work: _Work,
    outline: Outline,
    container: etree._Element,
    after: str | None,
    amendment: AnyAmendment,
) -> etree._Element:
    """The stub new sections follow: section `after`, or the container's last section."""
    from .apply import describe

    inside = outline.sections_under(container)
    if after is not None:
        ident = f"/us/usc/t{outline.title}/s{after}"
        if ident not in inside:
            shown = ", ".join(i.rsplit("/s", 1)[-1] for i in inside[:12])
            raise TargetNotFoundError(
                f"{describe(amendment)}: expected section {after} in {_name(outline, container)}, "
                f"found no such section (it has {shown or 'no sections'})",
                amendment=amendment,
            )
        return outline.stubs[ident]
    if inside:
        return outline.stubs[inside[-1]]
    return container  # an empty container: the new sections go at its end


def _name(outline: Outline, el: etree._Element) -> str:
    levels = [f"{k} {d}" for k, d in reversed(outline.chain(el))]
    return " of ".join([*levels, f"title {outline.title}"])


def _taken(work: _Work, outline: Outline, ident: str) -> bool:
    if ident in work.removed:
        return False
    return ident in outline.stubs or ident in work.copies or ident in work.originals


# -- new sections and their Code numbers --


_DIGITS = re.compile(r"^(\d+)(.*)$")


def _split(number: str) -> tuple[str, str]:
    m = _DIGITS.match(number)
    return (m.group(1), m.group(2)) if m else ("", number)


def _with_letter(work: _Work, outline: Outline, base: str, suffix: str) -> str:
    """`base` + `suffix` if free, else the next free letter after it (2432a, 2432b, …)."""
    candidate = base + suffix
    letters = "abcdefghijklmnopqrstuvwxyz"
    start = letters.index(suffix[-1]) if suffix and suffix[-1] in letters else -1
    i = start
    while _taken(work, outline, f"/us/usc/t{outline.title}/s{candidate}") and i + 1 < len(letters):
        i += 1
        candidate = base + (suffix[:-1] if start >= 0 else suffix) + letters[i]
    return candidate


def _act_of(work: _Work, title: str, code_section: str) -> tuple[str, str] | None:
    """(Act name, Act section) of a Code section, when the loaded source credits say."""
    acts = work.statute.acts
    found = acts.to_act(title, code_section)
    if found is not None:
        return f"the {_bare(found[0])}", found[1].section
    entry = next(
        (e for e in acts.sections() if e.title == title and e.usc_section == code_section), None
    )
    if entry is None:
        return None
    name = acts.names.get(entry.public_law)
    if name:
        return f"the {_bare(name)}", entry.section
    m = re.match(r"^act/(\d{4}-\d\d-\d\d)/ch(\d+)$", entry.public_law)
    law = f"the Act of {m[1]}, chapter {m[2]}" if m else f"Public Law {entry.public_law}"
    return law, entry.section


def code_number(
    work: _Work, outline: Outline, designation: str, near: str | None
) -> tuple[str, str | None]:
    """The Code number for a section a bill designates `designation`, placed after (or as)
    Code section `near`; with the Act it belongs to when the number is billdraft's proposal.

    In a positive-law title the bill's number is the Code's. Otherwise a bill amends the Act, and
    its number is the Act's (`402A` after section 402, classified to 2432): the Code number is
    derived as OLRC numbers new sections (the suffix carried over, `2432a`; an Act number a
    step on, a Code number the same step on), and is only a proposal."""
    if outline.positive_law or near is None:
        return designation, None
    act = _act_of(work, outline.title, near)
    if act is None:
        return designation, None
    act_name, act_section = act
    near_digits, _ = _split(near)
    act_digits, _ = _split(act_section)
    new_digits, new_suffix = _split(designation)
    if not new_digits or act_digits == near_digits or new_digits == near_digits:
        return designation, None  # the bill numbers the section as the Code does
    if new_digits == act_digits:
        number = _with_letter(work, outline, near, new_suffix.lower())
    elif len(new_digits) == len(act_digits) and near_digits:
        step = int(new_digits) - int(act_digits)
        base = str(int(near_digits) + step)
        number = _with_letter(work, outline, base, new_suffix.lower())
    else:
        return designation, None
    return number, act_name


def _proposal_note(designation: str, act: str, number: str, title: str) -> etree._Element:
    notes = etree.Element(_NS + "notes", type="uscNote")
    note = etree.SubElement(notes, _NS + "note", role=PROPOSED_ROLE, topic="classification")
    heading = etree.SubElement(note, _NS + "heading")
    heading.text = "Proposed Classification"
    p = etree.SubElement(note, _NS + "p")
    p.text = "Section "
    for role, text, tail in (
        ("actSection", designation, " of "),
        ("act", act, ", shown here as section "),
        (
            "proposedSection",
            number,
            f" of title {title}: billdraft's proposed classification, "
            "not the Office of the Law Revision Counsel's.",
        ),
    ):
        inline = etree.SubElement(p, _NS + "inline", role=role)
        inline.text = text
        inline.tail = tail
    return notes


def _bare(act: str) -> str:
    return act[4:] if act.casefold().startswith("the ") else act


def _add_sections(
    work: _Work,
    outline: Outline,
    anchor: etree._Element,
    provisions: Sequence[NewProvision],
    amendment: AnyAmendment,
    *,
    before: bool,
) -> None:
    from .apply import Change, describe

    title = outline.title
    near = anchor.get("identifier", "").rsplit("/s", 1)[-1] if anchor.tag == _SECTION else None
    if near is None:
        inside = outline.sections_under(anchor)
        near = inside[-1].rsplit("/s", 1)[-1] if inside else None
    # -- check every new section before changing anything (all or nothing) --
    planned: list[tuple[NewProvision, str, str | None]] = []
    seen: set[str] = set()
    for p in provisions:
        try:
            check_fits(p, "section")
        except DesignationMismatchError as exc:
            raise DesignationMismatchError(
                f"{describe(amendment)}: {exc.message}", amendment=amendment
            ) from None
        number, act = code_number(work, outline, p.designation, near)
        ident = f"/us/usc/t{title}/s{number}"
        if _taken(work, outline, ident) or ident in seen:
            raise DesignationMismatchError(
                f"{describe(amendment)}: expected a new section number in title {title}, found "
                f"section {number} already there",
                amendment=amendment,
            )
        seen.add(ident)
        planned.append((p, number, act))
        near = number
    # -- insert: the section into the statute's working copies, a stub into the outline --
    at = anchor
    for p, number, act in planned:
        built = to_element(dataclasses.replace(p, designation=number), f"/us/usc/t{title}")
        if act is not None:
            built.append(_proposal_note(p.designation, act, number, title))
            work.warnings.append(
                f"{describe(amendment)}: new section {p.designation} of {act} is shown "
                f"as {title} U.S.C. {number}, billdraft's proposed classification (the Office of "
                "the Law Revision Counsel classifies sections added to a title that is not "
                "positive law)"
            )
        ident = built.get("identifier", "")
        stub = etree.Element(_SECTION, identifier=ident)
        if at is anchor and anchor.tag != _SECTION:
            stub.tail = "\n"
            anchor.append(stub)
        elif before and at is anchor:
            stub.tail = anchor.tail
            anchor.addprevious(stub)
        else:
            stub.tail = at.tail
            at.addnext(stub)
        at = stub
        work.removed.discard(ident)
        work.copies[ident] = built
        work.changes.append(
            Change(
                _as_logged(amendment, anchor, provisions, before),
                ident,
                "insert-provision",
                inserted=_section_text(built),
            )
        )
        holder = outline.enclosing(stub)
        work.container_changes.append(
            ContainerChange(
                amendment,
                holder.get("identifier", "") if holder is not None else outline.identifier,
                "section-added",
                inserted=number,
            )
        )
    outline.reindex()


def _as_logged(
    amendment: AnyAmendment,
    anchor: etree._Element,
    provisions: Sequence[NewProvision],
    before: bool,
) -> Amendment:
    """The amendment as the change log records it: new sections added to a chapter are, section
    by section, new sections inserted after (or before) a section of it."""
    if isinstance(amendment, InsertProvisions):
        return amendment
    assert isinstance(amendment, AddToContainer)
    ident = anchor.get("identifier", "")
    if anchor.tag == _SECTION and _SECTION_ID.match(ident):
        return InsertProvisions(
            Cite.from_identifier(ident), tuple(provisions), before=before, label=amendment.label
        )
    return AddAtEnd(amendment.target, tuple(provisions), label=amendment.label)


def _section_text(el: etree._Element) -> str:
    parts = []
    for node in el.iter():
        if _local(node) in ("num", "heading", "chapeau", "content", "continuation"):
            up = node.getparent()
            if up is not None and _local(up) in ("note", "notes"):
                continue
            parts.append(display(block_text(node)))
    return " ".join(p for p in parts if p)


def _redesignate_sections(work: _Work, amendment: Redesignate) -> None:
    from .apply import Change, describe

    cites = [t for t in amendment.targets if isinstance(t, Cite)]
    outline = _outline(work, cites[0].title, amendment)
    stubs = [_stub(work, outline, c, amendment) for c in cites]
    moving = {c.identifier for c in cites}
    numbers: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for c, new in zip(cites, amendment.designations, strict=True):
        number, act = code_number(work, outline, new, c.section)
        ident = f"/us/usc/t{c.title}/s{number}"
        if (_taken(work, outline, ident) and ident not in moving) or ident in seen:
            raise RedesignationCollisionError(
                f"{describe(amendment)}: expected section {number} to be free in title "
                f"{c.title}, found it already taken",
                amendment=amendment,
            )
        seen.add(ident)
        numbers.append((number, act))
    # -- every section taken out under its old number before any takes a new one (2433 → 2434
    #    and 2434 → 2435 at once) --
    els = [work.section(c) for c in cites]
    for c in cites:
        work.copies.pop(c.identifier, None)
        work.removed.add(c.identifier)
    for c, el, stub, (number, act), given in zip(
        cites, els, stubs, numbers, amendment.designations, strict=True
    ):
        old_ident = c.identifier
        new_ident = f"/us/usc/t{c.title}/s{number}"
        num = el.find(_NS + "num")
        if num is not None:
            num.set("value", number)
            text = num.text or ""
            num.text = text.replace(c.section, number, 1) if c.section in text else f"§ {number}."
        for node in el.iter():
            node_ident = node.get("identifier")
            if node_ident and (node_ident == old_ident or node_ident.startswith(old_ident + "/")):
                node.set("identifier", new_ident + node_ident[len(old_ident) :])
        if act is not None:
            el.append(_proposal_note(given, act, number, c.title))
            work.warnings.append(
                f"{describe(amendment)}: section {c.section} redesignated as section {given} of "
                f"{act} is shown as {c.title} U.S.C. {number}, billdraft's proposed "
                "classification"
            )
        stub.set("identifier", new_ident)
        work.copies[new_ident] = el
        work.removed.discard(new_ident)
        work.changes.append(
            Change(
                amendment,
                new_ident,
                "redesignate",
                struck=f"§ {c.section}",
                inserted=f"§ {number}",
                old_identifier=old_ident,
            )
        )
    work.index.clear()
    outline.reindex()


def _strike_section(work: _Work, outline: Outline, cite: Cite, amendment: StrikeProvision) -> None:
    from .apply import Change

    stub = _stub(work, outline, cite, amendment)
    el = work.section(cite)
    work.changes.append(
        Change(amendment, cite.identifier, "strike-provision", struck=_section_text(el))
    )
    parent = stub.getparent()
    if parent is not None:
        prev = stub.getprevious()
        if prev is not None:
            prev.tail = stub.tail
        parent.remove(stub)
    work.copies.pop(cite.identifier, None)
    work.removed.add(cite.identifier)
    work.index.pop(cite.identifier, None)
    outline.reindex()


# -- the table of sections --


def _toc_of(outline: Outline, el: etree._Element) -> etree._Element | None:
    """The analysis that lists a container's items: its own, else the nearest enclosing one."""
    node: etree._Element | None = el
    while node is not None:
        toc = node.find(_NS + "toc")
        if toc is not None:
            return toc
        node = outline.enclosing(node)
    return None


def _named_items(name: str) -> list[tuple[str, str]]:
    """`section 2433`, `sections 2433 and 2434`, `subchapter IV` -> [(kind, designation)]."""
    m = re.match(rf"^\s*(section|{_KIND_WORDS})s?\s+(.+?)\s*$", name, re.IGNORECASE)
    if m is None:
        return []
    kind = m.group(1).lower()
    rest = re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(2))
    return [(kind, d.strip().rstrip(".")) for d in rest if d.strip()]


def _find_item(items: Sequence[TocItem], kind: str, designation: str) -> TocItem | None:
    return next((i for i in items if i.kind == kind and _same(i.designation, designation)), None)


def _amend_toc(
    work: _Work, outline: Outline, el: etree._Element, amendment: AmendTableOfContents
) -> None:
    from .apply import describe

    what = describe(amendment)
    toc = _toc_of(outline, el)
    if toc is None:
        raise TargetNotFoundError(
            f"{what}: expected a table of sections in {_name(outline, el)}, found none",
            amendment=amendment,
        )
    items = [_toc_item(i) for i in toc.iter(_NS + "tocItem")]
    listed = ", ".join(i.designation for i in items if i.designation)[:300]
    struck: list[TocItem] = []
    for name in amendment.strike:
        named = _named_items(name)
        if not named:
            raise TargetNotFoundError(
                f"{what}: expected an item named like “section 2433”, found “{name}”",
                amendment=amendment,
            )
        for kind, desig in named:
            item = _find_item(items, kind, desig)
            if item is None:
                raise TargetNotFoundError(
                    f"{what}: expected an item relating to {kind} {desig} in the table of "
                    f"{_name(outline, el)}, found none (its items: {listed})",
                    amendment=amendment,
                )
            struck.append(item)
    after: TocItem | None = None
    before: TocItem | None = None
    for place in (amendment.after, amendment.before):
        if place is None:
            continue
        named = _named_items(place)
        found = _find_item(items, *named[0]) if len(named) == 1 else None
        if found is None:
            raise TargetNotFoundError(
                f"{what}: expected an item relating to {place} in the table of "
                f"{_name(outline, el)}, found none (its items: {listed})",
                amendment=amendment,
            )
        if place == amendment.after:
            after = found
        else:
            before = found
    remaining = [i for i in items if i not in struck]
    # -- new rows are shaped like the table's own: rows of sections, or of chapters (a title's
    #    table), linked as they are --
    kinds = [i.kind for i in items if i.kind]
    kind = max(set(kinds), key=kinds.count) if kinds else "section"
    template = next((i for i in items if i.kind == kind), None)
    owner = toc.getparent()
    new_items = [
        _new_item(
            text, outline.title, template, owner.get("identifier", "") if owner is not None else ""
        )
        for text in amendment.insert
    ]
    for new in new_items:
        parsed = _toc_item(new)
        if parsed.designation and _find_item(remaining, parsed.kind, parsed.designation):
            raise DesignationMismatchError(
                f"{what}: expected a new item in the table of {_name(outline, el)}, found the "
                f"item relating to {parsed.kind} {parsed.designation} already there",
                amendment=amendment,
            )
    # -- change: the new items go after `after`, in place of the first struck, or at the end --
    ident = el.get("identifier", "")
    if before is not None:
        row = before.element.getprevious()
        if row is not None and row.tag == _NS + "tocItem":
            at, side = row, "after"
        else:
            at, side = before.element, "before"
    elif after is not None:
        at, side = after.element, "after"
    elif struck:
        at, side = struck[0].element, "after"
    elif (last := _last_row_of(outline, el, toc, items)) is not None:
        at, side = last.element, "after"
    else:
        at, side = toc, "in"
    for new in new_items:
        if side == "in":
            at.append(new)
        elif side == "before":
            new.tail = at.tail  # the first row: the space between rows follows it
            at.addprevious(new)
        else:
            new.tail = at.tail
            at.addnext(new)
        at, side = new, "after"
        work.container_changes.append(
            ContainerChange(amendment, ident, "toc-insert", inserted=_toc_item(new).text)
        )
    for item in struck:
        parent = item.element.getparent()
        if parent is not None:
            prev = item.element.getprevious()
            if prev is not None:
                prev.tail = item.element.tail
            parent.remove(item.element)
        work.container_changes.append(
            ContainerChange(amendment, ident, "toc-strike", struck=item.text)
        )


def _last_row_of(
    outline: Outline, el: etree._Element, toc: etree._Element, items: Sequence[TocItem]
) -> TocItem | None:
    """The row new items follow `at the end` of a container's table: the table's last row, or,
    when the table is an enclosing container's (a chapter's analysis listing its subchapters'
    sections), the last row of this container's own sections (or its heading row)."""
    if not items:
        return None
    if toc.getparent() is el:
        return items[-1]
    own = set(outline.sections_under(el))
    rows = [
        i
        for i in items
        if i.href in own
        or (i.kind == "section" and f"/us/usc/t{outline.title}/s{i.designation}" in own)
    ]
    if rows:
        return rows[-1]
    head = _find_item(items, _local(el), _num_value(el))
    return head if head is not None else items[-1]


_NEW_ITEM = re.compile(
    r"^\s*(?:sec\.|§)?\s*(?P<num>[0-9]+[A-Za-z0-9\u2013-]*\.)\s+(?P<rest>.+)$", re.I
)


def _new_item(text: str, title: str, like: TocItem | None, owner: str = "") -> etree._Element:
    """A `<tocItem>` for a quoted item (`2432a. Kazakhstan.`, or `14. Other matters` in a table
    of chapters), shaped and linked like the table's own rows (`like`; `owner` is the identifier
    of the container whose table it is)."""
    template = like.element if like is not None else None
    m = _NEW_ITEM.match(text)
    item = etree.Element(_NS + "tocItem")
    item.text = "\n"
    columns = template.findall(_NS + "column") if template is not None else []
    left = etree.SubElement(item, _NS + "column")
    right = etree.SubElement(item, _NS + "column")
    if len(columns) == 2:
        for new, old in ((left, columns[0]), (right, columns[1])):
            for key, value in old.attrib.items():
                new.set(key, value)
    else:
        left.set("class", "twoColumnLeft")
        right.set("class", "twoColumnRight")
    right.tail = "\n"
    if m is None:
        right.text = text.strip()
        return item
    number = m["num"]
    if like is not None and like.href:
        bare = number.rstrip(".")
        if like.kind == "section":
            href = f"/us/usc/t{title}/s{bare}"
        else:  # a container row: linked below the table's owner, as its siblings are
            parent = like.href.rsplit("/", 1)[0] if "/" in like.href else owner
            href = f"{parent}/{CONTAINER_KINDS.get(like.kind, like.kind)}{bare}"
        ref = etree.SubElement(left, _NS + "ref", href=href)
        ref.text = number
    else:
        left.text = number
    right.text = m["rest"].strip()
    return item


# -- the heading --


def _amend_heading(
    work: _Work, el: etree._Element, amendment: AmendHeading | Strike | StrikeInsert
) -> None:
    from .apply import describe

    heading = el.find(_NS + "heading")
    if heading is None:
        heading = etree.Element(_NS + "heading")
        num = el.find(_NS + "num")
        if num is not None:
            num.addnext(heading)
        else:
            el.insert(0, heading)
    old = block_text(heading)
    if isinstance(amendment, AmendHeading):
        new = amendment.heading.strip()
        num = el.find(_NS + "num")
        printed = display(block_text(num)) if num is not None else ""
        if printed and new.casefold().startswith(printed.casefold()):
            new = new[len(printed) :].strip()  # the bill quotes the number: the num keeps it
        elif _num_value(el):
            lead = re.match(
                rf"^\s*{re.escape(_local(el))}\s+{re.escape(_num_value(el))}\s*[—–-]\s*",
                new,
                re.IGNORECASE,
            )
            if lead:
                new = new[lead.end() :]
    else:
        needle = amendment.text if isinstance(amendment, Strike) else amendment.strike
        count = old.count(needle)
        if count == 0:
            raise TextNotFoundError(
                f"{describe(amendment)}: expected “{needle}” in the heading “{display(old)}”, "
                "found it nowhere",
                amendment=amendment,
            )
        if count > 1 and not amendment.each:
            raise AmbiguousTextError(
                f"{describe(amendment)}: expected “{needle}” once in the heading "
                f"“{display(old)}”, found it {count} times",
                amendment=amendment,
            )
        insert = amendment.insert if isinstance(amendment, StrikeInsert) else ""
        new = old.replace(needle, insert) if amendment.each else old.replace(needle, insert, 1)
    for child in list(heading):
        heading.remove(child)
    lead_space = old[: len(old) - len(old.lstrip())]
    heading.text = (lead_space + new.strip()) if isinstance(amendment, AmendHeading) else new
    work.container_changes.append(
        ContainerChange(
            amendment,
            el.get("identifier", ""),
            "heading",
            struck=display(old),
            inserted=display(heading.text or ""),
        )
    )


# --- showing changed containers in a redline ------------------------------------------------


def _as_section(el: etree._Element) -> etree._Element:
    """A changed container laid out as the redline lays out a section: its number and heading,
    then one line per row of its analysis (each row identified by what it names)."""
    ident = el.get("identifier", "")
    out = etree.Element(_SECTION, identifier=ident)
    num = etree.SubElement(out, _NS + "num", value=_num_value(el))
    old_num = el.find(_NS + "num")
    num.text = display(block_text(old_num)) if old_num is not None else ""
    heading = el.find(_NS + "heading")
    if heading is not None:
        etree.SubElement(out, _NS + "heading").text = " " + display(block_text(heading))
    toc = el.find(_NS + "toc")
    rows = [_toc_item(i) for i in toc.iter(_NS + "tocItem")] if toc is not None else []
    if rows:
        etree.SubElement(out, _NS + "chapeau").text = "Table of sections:"
    seen: set[str] = set()
    for n, row in enumerate(rows):
        key = f"{row.kind}{row.designation}" if row.designation else f"row{n}"
        while key in seen:
            key += "_"
        seen.add(key)
        sub = etree.SubElement(out, _NS + "subsection", identifier=f"{ident}/toc/{key}")
        etree.SubElement(sub, _NS + "num", value="")
        etree.SubElement(sub, _NS + "content").text = row.text
    return out


def container_diffs(result: object) -> list[object]:
    """The redline entries (`ProvisionDiff`) of the containers an apply result changed: each
    chapter with its heading and the rows of its table of sections, struck and inserted."""
    from .apply import Result
    from .diff import _Builder

    assert isinstance(result, Result)
    idents = list(dict.fromkeys(c.identifier for c in result.container_changes))
    out: list[object] = []
    for ident in idents:
        old_el = new_el = None
        for outline in result.original.outlines.values():
            old_el = outline.containers.get(ident, old_el)
        for outline in result.statute.outlines.values():
            new_el = outline.containers.get(ident, new_el)
        if old_el is None or new_el is None:
            continue
        builder = _Builder({}, {}, {}, {}, {}, {}, {}, guess=True)
        pd = builder.build(_as_section(old_el), _as_section(new_el))
        if pd.changed:
            out.append(pd)
    return out


def write_titles(statute: Statute, directory: str | Path) -> list[Path]:
    """Write every title loaded from a whole-title file, as OLRC names them (`usc19.xml`)."""
    out = Path(directory)
    written = []
    for ident in statute.outlines:
        number = ident.rsplit("/t", 1)[-1]
        name = f"usc{number.zfill(2)}.xml"
        written.append(write_title(statute, out / name, number))
    return written
