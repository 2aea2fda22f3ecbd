"""Statute and Provision: the loaded law, navigable by citation, with its exact words.

A `Statute` holds one USLM `<section>` tree per Code section. `Provision` is a light proxy over an
element of those trees. Neither is mutated after loading: `apply` works on copies.

Text properties (`heading`, `chapeau`, `content`, `continuation`, `text`) are *display* text: runs
of white space are collapsed to one space and the ends trimmed, because OLRC markup puts a space
between a designation and its text. The stored XML is never changed; `raw_text()` returns the exact
characters of a block.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from lxml import etree

from .amendments import LEVELS
from .cite import ActIndex, Cite
from .errors import DuplicateSectionError, NoSectionsError, UnknownCitationError, XMLInputError
from .textblock import flat_text
from .uslm import USLM_NS, c14n, iter_title_sections, parse_uslm, serialize

if TYPE_CHECKING:
    from .cite import Container
    from .containers import Outline

ACTS_FILE = "acts.json"
"""The sidecar file the importer writes beside the sections: Act names derived from notes."""

LEVEL_SET = frozenset(LEVELS)
_SUBDIVISION_TAGS = tuple("{" + USLM_NS + "}" + lv for lv in LEVELS[1:])
_NOT_OPERATIVE = frozenset(
    "{" + USLM_NS + "}" + n
    for n in ("notes", "note", "quotedContent", "quotedText", "sourceCredit")
)
TEXT_BLOCKS = ("chapeau", "content", "continuation", "proviso")
"""Elements that hold a provision's operative text (besides its heading)."""

_WS = re.compile(r"\s+")
_OF = re.compile(r"\bof\b", re.IGNORECASE)
_NS = "{" + USLM_NS + "}"


_CONTAINER_HINT = re.compile(
    r"\b(?:sub)?(?:title|chapter|part|division)\b|^/us/usc/t[^/]+/(?!s\d)", re.IGNORECASE
)
"""Text that may name a container (`chapter 12 of title 19`, `/us/usc/t19/ch12`): only such
text is handed to the containers module (which the commands on sections never import)."""


@functools.lru_cache(maxsize=4096)
def display(text: str) -> str:
    """Collapse runs of white space to one space and trim the ends (display form, never stored)."""
    return _WS.sub(" ", text).strip()


def block_text(el: etree._Element) -> str:
    """The exact characters of a text block, in document order (footnote apparatus left out)."""
    return flat_text(el)


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag[len(_NS) :] if tag.startswith(_NS) else ""


@dataclass(frozen=True, eq=False)
class Provision:
    """A section or one of its subdivisions, read from the statute's USLM."""

    statute: Statute
    element: etree._Element

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Provision) and other.element is self.element

    def __hash__(self) -> int:
        return id(self.element)

    def __repr__(self) -> str:
        return f"<Provision {self.identifier}>"

    @property
    def identifier(self) -> str:
        """The USLM identifier, e.g. `/us/usc/t19/s2432/a/1`."""
        return self.element.get("identifier", "")

    @property
    def cite(self) -> Cite:
        """The provision's citation."""
        return Cite.from_identifier(self.identifier)

    @property
    def level(self) -> str:
        """section, subsection, paragraph, subparagraph, clause, subclause, item or subitem."""
        return _local(self.element)

    @property
    def designation(self) -> str:
        """The designation without punctuation (`a`, `1`, `2432`)."""
        num = self._child("num")
        return num.get("value", "") if num is not None else ""

    @property
    def num(self) -> str:
        """The designation as printed (`(a)`, `§ 2432.`)."""
        num = self._child("num")
        return display(block_text(num)) if num is not None else ""

    def _child(self, name: str) -> etree._Element | None:
        for child in self.element:
            if _local(child) == name:
                return child
        return None

    def _block(self, name: str) -> str | None:
        el = self._child(name)
        return display(block_text(el)) if el is not None else None

    @property
    def heading(self) -> str | None:
        """The heading (display form), or None."""
        return self._block("heading")

    @property
    def chapeau(self) -> str | None:
        """The matter preceding the first subdivision (display form), or None."""
        return self._block("chapeau")

    @property
    def content(self) -> str | None:
        """The text of a provision without subdivisions (display form), or None."""
        return self._block("content")

    @property
    def continuation(self) -> str | None:
        """The matter following the last subdivision (display form), or None."""
        return self._block("continuation")

    @property
    def status(self) -> str | None:
        """The USLM status attribute (e.g. `repealed`), or None."""
        return self.element.get("status")

    @property
    def children(self) -> tuple[Provision, ...]:
        """The immediate subdivisions, in order."""
        return tuple(Provision(self.statute, c) for c in self.element if _local(c) in LEVEL_SET)

    @property
    def parent(self) -> Provision | None:
        """The enclosing provision, or None for a section."""
        up = self.element.getparent()
        while up is not None and _local(up) not in LEVEL_SET:
            up = up.getparent()
        return Provision(self.statute, up) if up is not None else None

    def blocks(self) -> Iterator[tuple[str, etree._Element]]:
        """The provision's own text blocks `(kind, element)`: heading, chapeau, content, continuation."""
        for child in self.element:
            kind = _local(child)
            if kind == "heading" or kind in TEXT_BLOCKS:
                yield kind, child

    def raw_text(self, kind: str) -> str | None:
        """The exact characters of one of the provision's own blocks (`heading`, `content`, …)."""
        el = self._child(kind)
        return block_text(el) if el is not None else None

    def walk(self) -> Iterator[Provision]:
        """This provision and every subdivision below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def lines(self, indent: str = "  ") -> Iterator[str]:
        """The provision as a drafter reads it: one line per block, indented by level."""
        depth = LEVELS.index(self.level) if self.level in LEVELS else 0
        pad = indent * max(depth - 1, 0)
        head = self.num
        if self.heading:
            head += " " + self.heading + ("" if self.level == "section" else ".—")
        first = True
        for kind, el in self.blocks():
            if kind == "heading":
                continue
            if kind in ("chapeau", "content", "proviso") and first:
                sep = "" if head.endswith("—") else " "
                yield f"{pad}{head}{sep}{display(block_text(el))}".rstrip()
                first = False
            elif kind == "continuation":
                if first:
                    yield f"{pad}{head}".rstrip()
                    first = False
                # the continuation follows the subdivisions
                continue
            else:
                yield f"{pad}{indent}{display(block_text(el))}"
        if first:
            yield f"{pad}{head}".rstrip()
        # -- subdivisions, and the matter following them flush with the provision's own line,
        #    where it stands (some stands between subdivisions: “(3) …, then, during … (A) …”) --
        kids = 0
        pending: list[str] = []  # matter seen since the last subdivision
        opening: list[str] = []  # matter before any subdivision: printed after them all
        for el in self.element:
            name = _local(el)
            if name in LEVEL_SET:
                yield from pending
                pending = []
                kids += 1
                yield from Provision(self.statute, el).lines(indent)
            elif name == "continuation":
                (pending if kids else opening).append(f"{pad}{display(block_text(el))}")
        yield from pending
        yield from opening

    @property
    def text(self) -> str:
        """The full operative text: designations, headings and text of the provision and all below."""
        return "\n".join(line.strip() for line in self.lines())

    @property
    def source_credit(self) -> str | None:
        """The section's source credit (display form), kept apart from operative text."""
        el = self._child("sourceCredit")
        return display(block_text(el)) if el is not None else None

    @property
    def notes(self) -> tuple[etree._Element, ...]:
        """The `<note>` elements of the section's notes (editorial and statutory notes)."""
        return tuple(
            n for ns in self.element if _local(ns) == "notes" for n in ns if _local(n) == "note"
        )

    def provision(self, relative: str) -> Provision:
        """A subdivision by relative designation: `(a)(1)`, `a/1` or `(1)(A)`."""
        parts = _relative_parts(relative)
        return self.statute.provision(Cite.from_identifier(self.identifier).child(*parts))

    def to_xml(self) -> bytes:
        """The provision's USLM, serialised exactly."""
        return serialize(self.element)


_REL = re.compile(r"\(([^()]+)\)")


def _relative_parts(relative: str) -> tuple[str, ...]:
    text = relative.strip()
    if text.startswith("("):
        found = _REL.findall(text)
        if "".join(f"({p})" for p in found) != text.replace(" ", ""):
            raise UnknownCitationError(
                f"expected a relative designation such as (a)(1), found {relative!r}"
            )
        return tuple(found)
    parts = tuple(p for p in text.split("/") if p)
    if not parts:
        raise UnknownCitationError(
            f"expected a relative designation such as (a)(1), found {relative!r}"
        )
    return parts


class Statute:
    """The loaded sections of the Code, looked up by citation or identifier. Never mutated."""

    def __init__(
        self,
        sections: Iterable[etree._Element],
        *,
        acts: ActIndex | None = None,
        act_names: Mapping[str, str] | None = None,
        sources: Mapping[str, Path] | None = None,
        outlines: Mapping[str, Outline] | None = None,
    ) -> None:
        self._sections: dict[str, etree._Element] = {}
        for el in sections:
            ident = el.get("identifier")
            if not ident:
                raise XMLInputError("expected a <section> with an identifier attribute, found none")
            self._sections[ident] = el
        self._acts = acts
        self._act_names = dict(act_names or {})
        self.sources: dict[str, Path] = dict(sources or {})
        self.outlines: dict[str, Outline] = dict(outlines or {})
        """The containers of each title loaded from a whole-title file, by title identifier."""
        # Per-section provision index, built on the first lookup into a section.
        self._index: dict[str, dict[str, etree._Element]] = {}

    # --- lookup ----------------------------------------------------------------------------

    @property
    def acts(self) -> ActIndex:
        """The Act-section ⇄ U.S.C. mapping derived from the loaded sections' source credits."""
        if self._acts is None:
            acts = ActIndex(names=self._act_names)
            for el in self._sections.values():
                acts.add_section_element(el)
            self._acts = acts
        return self._acts

    def _section_index(self, section_identifier: str) -> dict[str, etree._Element]:
        """Identifier -> element for one loaded section's operative provisions (first one wins)."""
        index = self._index.get(section_identifier)
        if index is None:
            sec = self._sections.get(section_identifier)
            if sec is None:
                return {}
            index = {section_identifier: sec}
            for el in sec.iter(*_SUBDIVISION_TAGS):
                ident = el.get("identifier")
                if ident and ident not in index and _is_operative(el, sec):
                    index[ident] = el
            self._index[section_identifier] = index
        return index

    def _element(self, cite: Cite) -> etree._Element | None:
        return self._section_index(cite.section_cite.identifier).get(cite.identifier)

    def _parse(self, ref: str | Cite) -> Cite:
        """Parse a citation; the Act index is built only for text that can be an Act form."""
        if isinstance(ref, Cite):
            return ref
        # Only the Act form ("section 402 of the …") needs the index, and it always has "of".
        return Cite.parse(ref, self.acts if isinstance(ref, str) and _OF.search(ref) else None)

    def provision(self, ref: str | Cite | Container) -> Provision:
        """The provision a citation names: `19 U.S.C. 2432(a)(1)`, an identifier, or an Act form;
        or a container of a whole title loaded (`chapter 12 of title 19`, `/us/usc/t19/ch12`)."""
        if not isinstance(ref, Cite):
            if not isinstance(ref, str) or _CONTAINER_HINT.search(ref):
                from .containers import find_division, is_container_ref

                if is_container_ref(ref):
                    return find_division(self, ref)
            assert isinstance(ref, str)
        cite = self._parse(ref)
        el = self._element(cite)
        if el is None:
            raise UnknownCitationError(self._missing_message(cite))
        return Provision(self, el)

    def get(self, ref: str | Cite | Container) -> Provision | None:
        """The provision a citation names, or None when it is not loaded."""
        try:
            return self.provision(ref)
        except UnknownCitationError:
            return None

    def _missing_message(self, cite: Cite) -> str:
        sec = cite.section_cite.identifier
        if sec not in self._sections:
            loaded = ", ".join(str(Cite.from_identifier(i)) for i in list(self._sections)[:5])
            more = "…" if len(self._sections) > 5 else ""
            return (
                f"expected a loaded section for {cite}, found none (loaded: {loaded}{more}); "
                "load the folder or title file that holds it (--statutes DIR, or "
                "billdraft.load(DIR)), or import it from OLRC's USLM with billdraft import-uslm"
            )
        parent = cite.parent
        while parent is not None and self._element(parent) is None:
            parent = parent.parent
        if parent is None:
            parent = cite.section_cite
        found = self._element(parent)
        have = [p.designation for p in Provision(self, found).children] if found is not None else []
        return (
            f"expected {cite} to exist, found no such provision; "
            f"{parent} has {', '.join('(' + d + ')' for d in have) or 'no subdivisions'}"
        )

    def __contains__(self, ref: object) -> bool:
        if isinstance(ref, (str, Cite)):
            return self.get(ref) is not None
        return False

    @property
    def sections(self) -> tuple[Provision, ...]:
        """The loaded sections, in load order."""
        return tuple(Provision(self, el) for el in self._sections.values())

    def section(self, ref: str | Cite) -> Provision:
        """The section containing the cited provision."""
        cite = self._parse(ref)
        return self.provision(cite.section_cite)

    def __iter__(self) -> Iterator[Provision]:
        for sec in self.sections:
            yield from sec.walk()

    def __len__(self) -> int:
        return len(self._sections)

    def section_elements(self) -> Mapping[str, etree._Element]:
        """The section trees keyed by identifier (read-only use; copy before changing)."""
        return dict(self._sections)

    def section_elements_view(self) -> Mapping[str, etree._Element]:
        """The section trees keyed by identifier, as a read-only view (no copy)."""
        return MappingProxyType(self._sections)

    # --- writing ---------------------------------------------------------------------------

    def to_xml(self, ref: str | Cite | None = None) -> bytes:
        """One section's USLM (the only one when `ref` is omitted), serialised exactly."""
        if ref is None:
            if len(self._sections) != 1:
                raise UnknownCitationError(
                    f"expected a citation naming one of {len(self._sections)} loaded sections, "
                    "found none"
                )
            return serialize(next(iter(self._sections.values())))
        return serialize(self.section(ref).element)

    def c14n(self, ref: str | Cite) -> bytes:
        """Canonical XML of one section (for comparisons)."""
        return c14n(self.section(ref).element)

    def write(self, directory: str | Path) -> list[Path]:
        """Write every section to `directory/<section number>.xml`; returns the paths written."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for ident, el in self._sections.items():
            path = out / (_file_stem(ident) + ".xml")
            path.write_bytes(serialize(el))
            written.append(path)
        if self._act_names:
            (out / ACTS_FILE).write_text(
                ActIndex(names=self._act_names).to_json(), encoding="utf-8"
            )
        return written

    def replaced(
        self,
        sections: Mapping[str, etree._Element],
        *,
        outlines: Mapping[str, Outline] | None = None,
        removed: Iterable[str] = (),
    ) -> Statute:
        """A new Statute with some section trees replaced (the caller hands over ownership),
        sections `removed` dropped and whole-title outlines replaced."""
        merged = dict(self._sections)
        for ident in removed:
            merged.pop(ident, None)
        merged.update(sections)
        return Statute(
            merged.values(),
            act_names=self._act_names,
            sources=self.sources,
            outlines={**self.outlines, **(outlines or {})},
        )

    def write_title(self, path: str | Path, title: str | None = None) -> Path:
        """Write a title loaded from a whole-title file, as amended, to one USLM file."""
        from .containers import write_title

        return write_title(self, path, title)

    @cached_property
    def title(self) -> str | None:
        """The Code title of the loaded sections when they share one."""
        titles = {Cite.from_identifier(i).title for i in self._sections}
        return titles.pop() if len(titles) == 1 else None


def _is_operative(el: etree._Element, section: etree._Element) -> bool:
    """True unless `el` sits inside notes or quoted matter of `section` (not the law's text)."""
    up = el.getparent()
    while up is not None and up is not section:
        if up.tag in _NOT_OPERATIVE:
            return False
        up = up.getparent()
    return True


def _file_stem(identifier: str) -> str:
    cite = Cite.from_identifier(identifier)
    return cite.section


# --- loading -------------------------------------------------------------------------------


_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]")
_PROLOG = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.S)


def root_name(path: Path) -> str:
    """The local name of a file's root element, read from its first bytes (no parse)."""
    with path.open("rb") as fh:
        head = fh.read(8192)
    prolog = _PROLOG.match(head)
    rest = head[prolog.end() :] if prolog else head
    match = _ROOT.match(rest)
    return match.group(1).decode("ascii", "replace") if match else ""


def sections_of(
    path: Path, outline: list[etree._Element] | None = None
) -> Iterator[etree._Element]:
    """The Code sections in one USLM file: a single `<section>` file or a streamed whole title
    (whose containers, with the sections as stubs, are appended to `outline` when given)."""
    if root_name(path) == "section":
        yield parse_uslm(path).getroot()
    else:
        yield from iter_title_sections(path, outline=outline)


def load(*paths: str | Path) -> Statute:
    """Load USLM sections from files or folders into a `Statute`."""
    if not paths:
        raise NoSectionsError("expected at least one USLM file or folder to load, found none")
    sections: list[etree._Element] = []
    sources: dict[str, Path] = {}
    names: dict[str, str] = {}
    outlines: dict[str, Outline] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".xml")
            sidecar = path / ACTS_FILE
            if sidecar.is_file():
                names.update(ActIndex.from_json(sidecar.read_text(encoding="utf-8")).names)
            if not files:
                raise NoSectionsError(
                    "expected USLM section files (*.xml) in the folder, found none", path=path
                )
        elif path.is_file():
            files = [path]
            sidecar = path.parent / ACTS_FILE  # the importer's Act names lie beside its sections
            if sidecar.is_file():
                names.update(ActIndex.from_json(sidecar.read_text(encoding="utf-8")).names)
        else:
            raise NoSectionsError("expected a USLM file or folder, found nothing there", path=path)
        found = 0
        for file in files:
            kept: list[etree._Element] = []
            for el in sections_of(file, kept):
                ident = el.get("identifier", "")
                if ident in sources and sources[ident].resolve() == file.resolve():
                    found += 1  # the same file named twice (a folder and a file in it)
                    continue
                if ident in sources:
                    raise DuplicateSectionError(
                        f"expected each section once, found {ident} here and in "
                        f"{sources[ident]} (load one of the two)",
                        path=file,
                    )
                sections.append(el)
                sources[ident] = file
                found += 1
            if kept:
                from .containers import Outline

                outline = Outline(kept[0])
                if outline.containers:
                    outlines[outline.identifier] = outline
        if found == 0:
            raise NoSectionsError(
                "expected at least one U.S. Code <section>, found none", path=path
            )
    return Statute(sections, act_names=names, sources=sources, outlines=outlines)
