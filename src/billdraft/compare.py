"""Compare two versions of a bill: what changed in its text, and what each does to the law.

`compare_bills(old, new, statute)` reads two versions of a bill, in any of the formats billdraft
reads (bill DTD XML, USLM 2.x XML, plain text, a draft TOML) and in any pairing, and returns a
`Comparison`:

* **Bill to bill.** Each version is read into its *units*, in document order: the containers
  (divisions, titles, subtitles, parts, chapters) and the sections, each with its designation,
  heading and printed lines (one line per designated provision; a quoted block's lines open with
  “, its last line closes it). The units are aligned in three passes — by place and designation
  (the same container path and designation, with the same heading or similar text), then by
  heading, then by text alone (rapidfuzz) — so a renumbered or moved section is found again.
  Pairs kept in order (the longest run of pairs in the same order in both versions) stay in place;
  a pair out of that order, or whose section went to another division or title than its
  container's counterpart, is *moved*; a pair whose designation differs is *renumbered*. Inside
  each pair the text is diffed word by word (`diff.word_diff`, quoted blocks included; a line
  break is a word of its own, so paragraphs are never merged by accident). `Comparison.entries`
  lays the alignment out in one reading order in which the OLD units keep OLD's order and the NEW
  units NEW's: the Word writer draws tracked changes from it (Accept All gives NEW, Reject All
  OLD).
* **Effect on law.** Each version's amendatory instructions are parsed (a draft's are its
  amendment objects) and applied to `statute` (`apply(..., errors="collect")`); every instruction
  gets the status `import-bill` gives it. For each Code section either version changes, the
  comparison holds the current law, the law under OLD and under NEW (each a redline whose edits
  name the amendment, and so the instruction, that made them) and the difference between the two
  amended texts. Instructions are paired across the versions (within matched sections, by text);
  pairs whose fates differ — one applied, the other refused, not parsed or not loaded — are listed
  side by side in `Effect.diverging`.

Two files that are not versions of one bill are still compared; `Comparison.notes` then says
that few sections matched. A file that cannot be read raises its reader's typed error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeAlias

from lxml import etree

from .amendments import AnyAmendment
from .apply import Result, apply, describe
from .bills import Bill, Instruction, read_bill, read_text_bill
from .diff import Edit, Op, Redline, diff, paused_gc, redline, section_text, word_diff
from .errors import AmendmentError
from .statute import Statute
from .uslm import hardened_parser

__all__ = [
    "Comparison",
    "Effect",
    "Entry",
    "InstructionPair",
    "LawProvision",
    "Pair",
    "Unit",
    "Version",
    "compare_bills",
    "compare_versions",
    "read_version",
]

CONTAINERS = ("division", "title", "subtitle", "part", "subpart", "chapter", "subchapter")
"""The kinds of bill units above the section, outermost first."""

_LEVELS = frozenset(
    {
        "section",
        "subsection",
        "paragraph",
        "subparagraph",
        "clause",
        "subclause",
        "item",
        "subitem",
        "level",
    }
)
_USLM_NS = "http://schemas.gpo.gov/xml/uslm"
_LINE_ELEMENTS = frozenset({"p", "referenceItem", "toc-entry", "toc", "tr", "row", "entry", "td"})
"""Elements inside a text block that print as lines of their own."""
_BREAK = "\n"
_NL_TOKEN = "\uf8ff"
"""Stands for a line break inside the word diff (a mark of its own, never white space)."""

FEW_MATCHED = 0.5
"""Below this share of the sections of the larger version matched, the versions look unrelated."""
FEW_COMMON = 0.3
"""Below this share of the words of the longer version in common, the versions look unrelated."""
_TEXT_CUTOFF = 70.0
"""The rapidfuzz ratio (0-100) above which two unmatched sections are taken as one, moved."""
_FULL_SCORING = 200_000
"""Above this many pairs of unmatched units, only those alike at either end are scored in full."""
_EDGE = 300
_EDGE_CUTOFF = 50.0
_SAME_PLACE_CUTOFF = 50.0
_HEADING_CUTOFF = 55.0
"""The ratio above which a unit elsewhere with the same heading is taken as the same one
(a heading such as “Definitions” alone does not make two sections one: character ratios of
short unrelated texts under one heading run to 40 and more)."""
"""The ratio above which units with one designation in one place are taken as one."""


# --- units ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A division, title … or section of one version: where it is, its designation and lines."""

    kind: str
    designation: str
    heading: str | None
    lines: tuple[str, ...]
    """The printed lines; the first holds the designation and heading."""
    containers: tuple[tuple[str, str], ...] = ()
    """(kind, designation) of each container it is in, outermost first."""
    index: int = 0
    """Its position among the version's units."""
    num: str = ""
    """The designation as printed (`SEC. 3.`, `TITLE II—`)."""

    @property
    def text(self) -> str:
        """The lines joined by line breaks."""
        return _BREAK.join(self.lines)

    @property
    def body(self) -> str:
        """Heading and text without the printed designation (what similarity is scored on)."""
        text = self.text
        return text[len(self.num) :].strip() if self.num and text.startswith(self.num) else text

    @property
    def label(self) -> str:
        """Where it is, e.g. `Div. A, Title II, Sec. 201`."""
        parts = [_short_kind(k, d) for k, d in self.containers]
        if self.kind == "appropriation" and self.heading:
            parts.append(f"“{self.heading}”")
        else:
            parts.append(_short_kind(self.kind, self.designation))
        return ", ".join(parts)

    @property
    def bill_label(self) -> str:
        """The label the bill readers give instructions in it (`Div. A, Sec. 305`: no titles)."""
        div = [d for k, d in self.containers if k == "division"]
        prefix = f"Div. {div[-1]}, " if div else ""
        return prefix + _short_kind(self.kind, self.designation)

    @property
    def key(self) -> tuple[str, tuple[tuple[str, str], ...], str]:
        """Kind, container path and designation: the same in two versions when left in place."""
        return (self.kind, self.containers, self.designation.lower())


def _short_kind(kind: str, designation: str) -> str:
    names = {"division": "Div.", "section": "Sec.", "subtitle": "Subtitle", "title": "Title"}
    name = names.get(kind, kind.capitalize())
    return f"{name} {designation}".strip()


def _itertext(e: etree._Element) -> str:
    """All the text of an element (lxml's stubs type the pieces loosely as str | bytes)."""
    return "".join(t if isinstance(t, str) else t.decode() for t in e.itertext())


def _squash(text: str) -> str:
    return " ".join(text.split())


def _norm_heading(heading: str | None) -> str:
    return re.sub(r"[^\w]+", " ", heading or "").strip().lower()


# --- versions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class InstructionOutcome:
    """One instruction of a version and its fate when the version is applied."""

    label: str
    text: str
    status: str
    """`applied`, `not parsed`, `target not loaded` or `refused` (as `import-bill` says)."""
    amendments: tuple[AnyAmendment, ...] = ()
    errors: tuple[str, ...] = ()
    """The parser's or `apply`'s messages, for an instruction that did not apply."""

    @property
    def section_label(self) -> str:
        """The label of the bill section holding it (`Div. A, Sec. 305(a)` -> `Div. A, Sec. 305`)."""
        return re.sub(r"(Sec\. [^,(]*)\(.*$", r"\1", self.label).strip()


@dataclass(frozen=True)
class Version:
    """One version of the bill: where it was read from, its units and its instructions."""

    path: str
    format: Literal["uslm", "dtd", "text", "draft"]
    title: str | None
    units: tuple[Unit, ...]
    bill: Bill
    """The version as a `Bill` (for a draft: its instructions worded from its amendments)."""
    amendments: tuple[tuple[str, str, tuple[AnyAmendment, ...] | None, str | None], ...] = ()
    """Per instruction: label, words, amendments (None: not parsed) and the parser's message."""

    @property
    def sections(self) -> tuple[Unit, ...]:
        """The units that are sections."""
        return tuple(u for u in self.units if u.kind == "section")

    @property
    def name(self) -> str:
        """A short name for headings: the file name."""
        return Path(self.path).name


def read_version(path: str | Path, statute: Statute | None = None) -> Version:
    """Read one version of a bill (bill DTD or USLM XML, .txt plain text, or a .toml draft)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".toml":
        return _read_draft_version(p, statute)
    if suffix in (".txt", ".text"):
        bill = read_text_bill(p)  # the typed errors of the text reader (size, UTF-8, empty)
        text = p.read_text(encoding="utf-8")
        return _parsed_version(str(p), "text", bill, tuple(_text_units(text)), statute)
    bill = read_bill(p)  # the typed errors of the bill reader, before anything else
    root = etree.fromstring(p.read_bytes(), hardened_parser(remove_comments=True))
    uslm = etree.QName(root).namespace == _USLM_NS
    units = tuple(_XmlUnits(uslm).read(root))
    return _parsed_version(str(p), "uslm" if uslm else "dtd", bill, units, statute)


def _parsed_version(
    path: str,
    fmt: Literal["uslm", "dtd", "text"],
    bill: Bill,
    units: tuple[Unit, ...],
    statute: Statute | None,
) -> Version:
    from .instructions.parse import parse_bill

    acts = statute.acts if statute is not None else None
    parsed = parse_bill(bill, acts=acts)
    amendments = tuple(
        (
            p.instruction.label,
            p.instruction.full_text,
            p.amendments,
            p.error.message if p.error is not None else None,
        )
        for p in parsed
    )
    title = " ".join(x for x in (bill.number, bill.title) if x) or None
    return Version(path, fmt, title, units, bill, amendments)


# --- reading the structure of XML bills ----------------------------------------------------


class _XmlUnits:
    """Walks a bill DTD or USLM document into units (containers and sections) and their lines."""

    def __init__(self, uslm: bool) -> None:
        self.uslm = uslm
        self.num = {"num", "enum"}
        self.head = {"heading", "header"}
        self.texts = {
            "chapeau",
            "content",
            "continuation",
            "p",
            "text",
            "continuation-text",
            "proviso",
            "referenceItem",
            "toc-entry",
            "def",
        }
        self.quoted = {"quotedContent", "quoted-block", "amendmentContent"}
        self.skip = {
            "meta",
            "amendMeta",
            "preface",
            "amendPreface",
            "form",
            "endorsement",
            "signatures",
            "attestation",
            "metadata",
            "docTitle",
            "longTitle",
            "enactingFormula",
            "resolvingClause",
            "official-title",
        }
        self.units: list[Unit] = []

    def local(self, e: etree._Element) -> str:
        return etree.QName(e).localname if isinstance(e.tag, str) else ""

    def read(self, root: etree._Element) -> list[Unit]:
        body = None
        for name in ("legis-body", "resolution-body", "main", "amendMain"):
            body = next(
                (e for e in root.iter() if isinstance(e.tag, str) and self.local(e) == name),
                None,
            )
            if body is not None:
                break
        self.walk(body if body is not None else root, ())
        return self.units

    def designation(self, e: etree._Element) -> tuple[str, str]:
        num = next((c for c in e if self.local(c) in self.num), None)
        if num is None:
            return "", ""
        printed = self.printed_num(e, _squash(_itertext(num)))
        value = num.get("value")
        if value:
            return value, printed
        d = printed.strip("“”\"'‘’`")
        d = re.sub(
            r"^(?:SECTION|SEC\.|DIVISION|TITLE|SUBTITLE|PART|SUBPART|CHAPTER|SUBCHAPTER)\s*",
            "",
            d,
            flags=re.IGNORECASE,
        )
        d = d.strip().rstrip(".—-–").strip()
        if d.startswith("(") and d.endswith(")"):
            d = d[1:-1]
        return d.strip(), printed

    def printed_num(self, e: etree._Element, text: str) -> str:
        """The designation as a bill prints it: the bill DTD's `<enum>1.</enum>` of a section
        is printed `SEC. 1.` (USLM's `<num>` holds the printed form already)."""
        if not self.uslm and self.local(e) == "section" and not re.match(r"(?i)sec", text):
            return f"SEC. {text}"
        return text

    def printed_heading(self, e: etree._Element, text: str) -> str:
        """A heading as a bill prints it: the bill DTD's `<header>` of a section in capitals
        with a period (`SHORT TITLE.`), of a subdivision followed by `.—`."""
        if self.uslm or not text:
            return text
        if self.local(e) in CONTAINERS:
            return text
        if self.local(e) == "section":
            return text.upper().rstrip(".") + "."
        return text.rstrip(".—") + ".—"

    def heading(self, e: etree._Element) -> str | None:
        h = next((c for c in e if self.local(c) in self.head), None)
        if h is None:
            return None
        return _squash(_itertext(h)).rstrip(".—").strip() or None

    def walk(self, e: etree._Element, containers: tuple[tuple[str, str], ...]) -> None:
        for c in e:
            name = self.local(c)
            if not name or name in self.skip or name == "toc":
                continue
            if name in ("section", "appropriations"):
                self.section(c, containers, "section" if name == "section" else "appropriation")
            elif name in CONTAINERS:
                des, printed = self.designation(c)
                heading = self.heading(c)
                line = _squash(f"{printed} {heading or ''}")
                self.units.append(
                    Unit(name, des, heading, (line,), containers, len(self.units), printed)
                )
                self.walk(c, (*containers, (name, des)))
            else:
                self.walk(c, containers)

    def section(
        self, e: etree._Element, containers: tuple[tuple[str, str], ...], kind: str
    ) -> None:
        des, printed = self.designation(e)
        lines = _Lines()
        self.provision(e, lines, 0)
        text_lines = tuple(ln for ln in lines.done() if ln)
        if not text_lines:
            return
        self.units.append(
            Unit(kind, des, self.heading(e), text_lines, containers, len(self.units), printed)
        )

    def provision(self, e: etree._Element, lines: _Lines, depth: int) -> None:
        """A designated provision: its num and heading open a line; its blocks follow."""
        lines.flush(depth)
        for c in e:
            name = self.local(c)
            if name in self.num:
                lines.add(" " + self.printed_num(e, _squash(_itertext(c))) + " ")
            elif name in self.head:
                head = self.printed_heading(e, _squash(_itertext(c)))
                lines.add(" " + head + ("" if head.endswith("—") else " "))
            else:
                self.child(c, name, lines, depth)

    def child(self, c: etree._Element, name: str, lines: _Lines, depth: int) -> None:
        if not name:
            return
        if name in _LEVELS or name in CONTAINERS or name == "appropriations":
            self.provision(c, lines, depth)
        elif name in self.quoted:
            self.quote(c, lines, depth)
        elif name == "after-quoted-block":
            lines.close(_squash(_itertext(c)))
        elif name in self.texts or len(c) == 0:
            self.inline(c, lines, depth)
            if name in ("referenceItem", "toc-entry"):
                lines.flush(depth)
        else:
            for g in c:
                self.child(g, self.local(g), lines, depth)

    def quote(self, c: etree._Element, lines: _Lines, depth: int) -> None:
        lines.flush(depth)
        inner = depth + 1
        before = len(lines.lines)
        after = ""
        for g in c:
            if self.local(g) == "after-quoted-block":
                after += _squash(_itertext(g))
            else:
                self.child(g, self.local(g), lines, inner)
        lines.flush(inner)
        if len(lines.lines) > before:
            lines.reopen("”" + after)
        if c.tail and c.tail.strip():
            lines.add(c.tail)

    def inline(self, e: etree._Element, lines: _Lines, depth: int) -> None:
        if e.text:
            lines.add(e.text, depth)
        for c in e:
            name = self.local(c)
            if name in self.quoted:
                self.quote(c, lines, depth)
                continue  # quote() adds the tail
            if name in _LEVELS or name == "appropriations":
                self.provision(c, lines, depth)
            elif name == "quote":
                lines.add("“", depth)
                self.inline(c, lines, depth)
                lines.add("”", depth)
            elif name in _LINE_ELEMENTS:
                lines.flush(depth)
                self.inline(c, lines, depth)
                lines.flush(depth)
            elif name:
                self.inline(c, lines, depth)
            if c.tail:
                lines.add(c.tail, depth)


class _Lines:
    """Printed lines being built: the words of the current line, and the lines done."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.depth = 0

    def add(self, text: str, depth: int | None = None) -> None:
        if not self.current and depth is not None:
            self.depth = depth
        self.current.append(text)

    def flush(self, depth: int) -> None:
        text = _squash("".join(self.current))
        if text:
            if self.depth > 0 and not text.startswith("“"):
                text = "“" + text
            self.lines.append(text)
        self.current = []
        self.depth = depth

    def close(self, text: str) -> None:
        """Words that end a quoted block (`”.`): joined to its last line."""
        if self.current:
            self.current.append(text)
        elif self.lines:
            self.lines[-1] = _squash(self.lines[-1] + text)

    def reopen(self, mark: str) -> None:
        """Close the last line with `mark` and keep adding to it (the words after a quote)."""
        last = self.lines.pop()
        self.current = [last + mark + " "]
        self.depth = 0

    def done(self) -> list[str]:
        self.flush(0)
        return self.lines


# --- reading the structure of plain text and drafts ----------------------------------------

_SEC = re.compile(r"^(SECTION|SEC\.|Sec\.)\s+(\w+(?:[-–]\w+)*)\.\s*(.*)$")
"""A section's first line as bills print it (`SEC. 2. FINDINGS.`; never `Section 402 of …`)."""
_CONTAINER = re.compile(
    r"^(DIVISION|TITLE|SUBTITLE|PART|SUBPART|CHAPTER|SUBCHAPTER)\s+([A-Z0-9]+)\s*[—–-]+\s*(.*)$"
)


def _text_units(text: str) -> Iterator[Unit]:
    """Units of a plain-text bill: `DIVISION A—…` / `TITLE I—…` lines open containers, `SEC. 2.`
    lines sections; each non-empty line is a printed line."""
    from .bills import normalize_quotes

    containers: list[tuple[str, str]] = []
    current: dict[str, Any] | None = None
    index = 0
    for raw in normalize_quotes(text).splitlines():
        line = _squash(raw)
        if not line:
            continue
        m_cont = _CONTAINER.match(line)
        m_sec = _SEC.match(line)
        if m_cont or m_sec:
            if current is not None:
                yield Unit(**current, index=index)
                index += 1
                current = None
        if m_cont:
            kind = m_cont[1].lower()
            depth = CONTAINERS.index(kind)
            while containers and CONTAINERS.index(containers[-1][0]) >= depth:
                containers.pop()
            printed = line[: m_cont.start(3)].strip()
            yield Unit(
                kind, m_cont[2], m_cont[3] or None, (line,), tuple(containers), index, printed
            )
            index += 1
            containers.append((kind, m_cont[2]))
        elif m_sec:
            printed = line[: m_sec.start(3)].strip()
            heading = m_sec[3].strip().rstrip(".") or None
            current = {
                "kind": "section",
                "designation": m_sec[2],
                "heading": heading,
                "lines": (line,),
                "containers": tuple(containers),
                "num": printed,
            }
        elif current is not None:
            current["lines"] = (*current["lines"], line)
    if current is not None:
        yield Unit(**current, index=index)


def _read_draft_version(path: Path, statute: Statute | None) -> Version:
    """A draft as a version: section 1 its short title, then each section's text or its
    amendments worded as a bill words them (one instruction per Code section amended)."""
    from .drafts import read_draft
    from .instructions.render import word_instructions

    draft = read_draft(path, acts=statute.acts if statute is not None else None)
    if statute is None and draft.statutes is not None and draft.statutes.exists():
        from .statute import load

        statute = load(draft.statutes)  # the law its amendments are worded against
    units: list[Unit] = []
    short = (
        "SECTION 1. SHORT TITLE.",
        f"This Act may be cited as the “{draft.short_title}”.",
    )
    units.append(Unit("section", "1", "Short title", short, (), 0, "SECTION 1."))
    instructions: list[Instruction] = []
    amendments: list[tuple[str, str, tuple[AnyAmendment, ...] | None, str | None]] = []
    for section in draft.sections:
        num = f"SEC. {section.number}."
        lines = [f"{num} {section.heading.upper()}."]
        if section.text:
            lines += [_squash(ln) for ln in section.text.splitlines() if ln.strip()]
        worded = word_instructions(section.amendments, statute) if section.amendments else ()
        for i, w in enumerate(worded, start=1):
            sub = f"({_letters(i)})" if len(worded) > 1 else ""
            label = f"Sec. {section.number}{sub}"
            text_lines = [ln.text for ln in w.lines]
            text_lines[0] = f"{sub} {text_lines[0]}".strip()
            lines += text_lines
            words = _squash(" ".join(ln.text for ln in w.lines))
            instructions.append(Instruction(label, words, (), section.heading))
            amendments.append((label, words, w.amendments, None))
        units.append(
            Unit("section", str(section.number), section.heading, tuple(lines), (), len(units), num)
        )
    bill = Bill(
        congress=str(draft.congress),
        session=str(draft.session),
        chamber=draft.chamber_name,
        title=draft.long_title,
        instructions=tuple(instructions),
        path=str(path),
    )
    return Version(str(path), "draft", draft.short_title, tuple(units), bill, tuple(amendments))


def _letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


# --- alignment -----------------------------------------------------------------------------


PairStatus = Literal["unchanged", "changed", "renumbered", "moved", "added", "struck"]


Side: TypeAlias = Literal["old", "new"]
SIDES: tuple[tuple[Side, str], ...] = (("old", "OLD"), ("new", "NEW"))
"""The two versions, and how a summary names them."""
MatchKind: TypeAlias = Literal["designation", "heading", "text"]
"""Which pass matched two units: same place and designation, same heading, or similar text."""


@dataclass(frozen=True)
class Pair:
    """A unit of OLD and its counterpart in NEW (either None when added or struck)."""

    old: Unit | None
    new: Unit | None
    how: MatchKind | None = None
    """Which pass matched them: same place and designation, same heading, or similar text."""
    score: float = 0.0
    """How alike their texts are, 0-100 (rapidfuzz ratio)."""
    moved: bool = False
    edits: tuple[Edit, ...] = ()
    """The word diff of the text (line breaks as `\\n`), for a matched pair."""

    @property
    def kind(self) -> str:
        """The kind of unit (`section`, `title` …)."""
        unit = self.new or self.old
        assert unit is not None
        return unit.kind

    @property
    def renumbered(self) -> bool:
        """Whether the designation changed."""
        return (
            self.old is not None
            and self.new is not None
            and self.old.designation.lower() != self.new.designation.lower()
        )

    @property
    def changed(self) -> bool:
        """Whether the text changed."""
        return any(e.op != Op.EQUAL for e in self.edits)

    @property
    def status(self) -> PairStatus:
        """added, struck, moved, renumbered, changed or unchanged (first that holds)."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "struck"
        if self.moved:
            return "moved"
        if self.renumbered:
            return "renumbered"
        return "changed" if self.changed else "unchanged"


@dataclass(frozen=True)
class Entry:
    """One place in the reading order of the comparison: a pair in place, or one side of a pair
    shown where it stood (`role` "from": OLD's place of a moved unit; "to": NEW's)."""

    pair: Pair
    role: Literal["in place", "from", "to", "added", "struck"]


def _ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


def _align(old: Sequence[Unit], new: Sequence[Unit]) -> list[tuple[int, int, MatchKind, float]]:
    """Pairs (old index, new index, pass, score) of units taken as one."""
    from rapidfuzz import fuzz, process

    matched_old: dict[int, tuple[int, MatchKind, float]] = {}
    matched_new: set[int] = set()

    def take(i: int, j: int, how: MatchKind, score: float) -> None:
        matched_old[i] = (j, how, score)
        matched_new.add(j)

    by_key: dict[tuple[Any, ...], list[int]] = {}
    for j, v in enumerate(new):
        by_key.setdefault(v.key, []).append(j)

    def same_place(strict: bool) -> None:
        """Units of one kind, place and designation: with the same heading (`strict`), or else
        with alike text (more alike when their headings differ)."""
        for i, u in enumerate(old):
            if i in matched_old:
                continue
            for j in by_key.get(u.key, ()):
                if j in matched_new:
                    continue
                v = new[j]
                hu, hv = _norm_heading(u.heading), _norm_heading(v.heading)
                if strict:
                    if hu and hu == hv:
                        take(i, j, "designation", _ratio(u.body, v.body))
                        break
                    continue
                score = _ratio(u.body, v.body)
                cutoff = _TEXT_CUTOFF if hu and hv and hu != hv else _SAME_PLACE_CUTOFF
                if score >= cutoff or u.body == v.body:
                    take(i, j, "designation", score)
                    break

    # -- 1: the same kind, place, designation and heading --
    same_place(True)
    # -- 2: the same kind and heading anywhere (renumbered, moved), best text first --
    by_head: dict[tuple[str, str], list[int]] = {}
    for j, v in enumerate(new):
        h = _norm_heading(v.heading)
        if h and j not in matched_new:
            by_head.setdefault((v.kind, h), []).append(j)
    for i, u in enumerate(old):
        h = _norm_heading(u.heading)
        if i in matched_old or not h:
            continue
        cands = [j for j in by_head.get((u.kind, h), ()) if j not in matched_new]
        if not cands:
            continue
        scored = sorted(((_ratio(u.body, new[j].body), j) for j in cands), reverse=True)
        score, j = scored[0]
        if score >= _HEADING_CUTOFF:
            take(i, j, "heading", score)
    # -- 3: the same kind, place and designation, with alike text --
    same_place(False)
    # -- 4: alike text alone, among the units of one kind still unmatched: the most alike
    #    pairs first, so a unit is not taken by a weaker likeness met earlier --
    for kind in dict.fromkeys(u.kind for u in old):
        rest_new = [j for j, v in enumerate(new) if v.kind == kind and j not in matched_new]
        if not rest_new:
            continue
        bodies = [new[j].body for j in rest_new]
        rest_old = [
            i for i, u in enumerate(old) if u.kind == kind and i not in matched_old and u.body
        ]
        found: list[tuple[float, int, int]] = []
        if len(rest_old) * len(rest_new) <= _FULL_SCORING:
            for i in rest_old:
                for _, score, k in process.extract(
                    old[i].body, bodies, scorer=fuzz.ratio, score_cutoff=_TEXT_CUTOFF, limit=5
                ):
                    found.append((-float(score), i, rest_new[k]))
        else:
            # -- many against many: only the texts whose first or last words are somewhat
            #    alike are scored in full --
            heads = [b[:_EDGE] for b in bodies]
            tails = [b[-_EDGE:] for b in bodies]
            for i in rest_old:
                body = old[i].body
                alike = {
                    k
                    for edge, edges in ((body[:_EDGE], heads), (body[-_EDGE:], tails))
                    for _, _, k in process.extract(
                        edge, edges, scorer=fuzz.ratio, score_cutoff=_EDGE_CUTOFF, limit=None
                    )
                }
                for k in sorted(alike):
                    score = fuzz.ratio(body, bodies[k], score_cutoff=_TEXT_CUTOFF)
                    if score:
                        found.append((-float(score), i, rest_new[k]))
        for neg, i, j in sorted(found):
            if i not in matched_old and j not in matched_new:
                take(i, j, "text", -neg)
    return sorted((i, j, how, score) for i, (j, how, score) in matched_old.items())


def _in_order(pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest run of pairs (sorted by old index) whose new indices also rise."""
    import bisect

    tails: list[int] = []  # new index ending the best run of each length
    tail_at: list[int] = []  # which pair ends it
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    keep: set[tuple[int, int]] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(pairs[k])
        k = back[k]
    return keep


def _word_edits(old: str, new: str) -> tuple[Edit, ...]:
    """Word diff of two texts, a line break a word of its own (`diff.word_diff` otherwise)."""
    edits = word_diff(old.replace(_BREAK, _NL_TOKEN), new.replace(_BREAK, _NL_TOKEN))
    return tuple(Edit(e.op, e.text.replace(_NL_TOKEN, _BREAK)) for e in edits)


def split_paragraphs(edits: Sequence[Edit], last: Op) -> Iterator[tuple[list[tuple[Op, str]], Op]]:
    """The paragraphs of a diff over text with line breaks: each paragraph's pieces and the op
    of its mark (a break only OLD has is a deleted mark, one only NEW has an inserted one);
    the last paragraph's mark takes `last`."""
    current: list[tuple[Op, str]] = []
    for e in edits:
        parts = e.text.split(_BREAK)
        for k, part in enumerate(parts):
            if k:
                yield current, e.op
                current = []
            if part:
                current.append((e.op, part))
    yield current, last


# --- effect on law -------------------------------------------------------------------------


@dataclass(frozen=True)
class LawProvision:
    """A Code section either version changes: its text now, under OLD, under NEW, and how the
    two amended texts differ (each redline's edits name the amendment that made them)."""

    identifier: str
    cite: str
    heading: str | None
    current: str | None
    """The section as it stands (None when neither version's base law has it)."""
    under_old: str | None
    under_new: str | None
    old_redline: Redline | None
    """Current law -> law under OLD (None when OLD leaves the section alone)."""
    new_redline: Redline | None
    difference: Redline | None
    """Law under OLD -> law under NEW (None when the two read alike)."""


@dataclass(frozen=True)
class InstructionPair:
    """An instruction of OLD and its counterpart in NEW (either None when the other has none)."""

    old: InstructionOutcome | None
    new: InstructionOutcome | None
    score: float = 0.0

    @property
    def diverges(self) -> bool:
        """Whether one applies and the other does not (or has no counterpart)."""
        applied = [x is not None and x.status == "applied" for x in (self.old, self.new)]
        return applied[0] != applied[1]


@dataclass(frozen=True)
class Effect:
    """What each version does to the law, side by side."""

    old_instructions: tuple[InstructionOutcome, ...]
    new_instructions: tuple[InstructionOutcome, ...]
    provisions: tuple[LawProvision, ...]
    pairs: tuple[InstructionPair, ...]
    old_result: Result | None = field(default=None, compare=False)
    new_result: Result | None = field(default=None, compare=False)

    @property
    def diverging(self) -> tuple[InstructionPair, ...]:
        """The pairs where an instruction applies in one version and not in the other."""
        return tuple(p for p in self.pairs if p.diverges)

    def totals(self, side: Side) -> dict[str, int]:
        """Instructions of one version per status."""
        out = {"applied": 0, "not parsed": 0, "target not loaded": 0, "refused": 0}
        for ins in self.old_instructions if side == "old" else self.new_instructions:
            out[ins.status] = out.get(ins.status, 0) + 1
        return out


def _outcomes(version: Version, statute: Statute) -> tuple[tuple[InstructionOutcome, ...], Result]:
    from .bill_import import _is_not_loaded

    flat: list[AnyAmendment] = [a for _, _, ams, _ in version.amendments for a in (ams or ())]
    result = apply(statute, flat, errors="collect")
    errors: dict[int, AmendmentError] = {id(e.amendment): e for e in result.failures}
    out: list[InstructionOutcome] = []
    for label, text, ams, message in version.amendments:
        if ams is None:
            out.append(InstructionOutcome(label, text, "not parsed", (), (message or "",)))
            continue
        errs = [errors[id(a)] for a in ams if id(a) in errors]
        loaded = [
            e
            for e, a in zip(errs, (a for a in ams if id(a) in errors), strict=True)
            if not _is_not_loaded(a, e, statute)
        ]
        status = "refused" if loaded else "target not loaded" if errs else "applied"
        out.append(InstructionOutcome(label, text, status, ams, tuple(e.message for e in errs)))
    return tuple(out), result


def _effect(old: Version, new: Version, statute: Statute, pairs: Sequence[Pair]) -> Effect:
    old_ins, old_res = _outcomes(old, statute)
    new_ins, new_res = _outcomes(new, statute)
    old_red, new_red = redline(old_res), redline(new_res)
    between = diff(old_res.statute, new_res.statute)
    by_id: dict[str, dict[str, Any]] = {}

    def sections_of(red: Redline) -> Iterator[tuple[str, Any]]:
        for sec in red.sections:
            yield sec.identifier, sec
            if sec.old_identifier and sec.old_identifier != sec.identifier:
                yield sec.old_identifier, sec

    for name, red in (("old", old_red), ("new", new_red), ("difference", between)):
        for ident, sec in sections_of(red):
            by_id.setdefault(ident, {})[name] = Redline((sec,), red.old, red.new)
    provisions: list[LawProvision] = []
    for ident in dict.fromkeys([*old_res.changed_sections, *new_res.changed_sections]):
        reds = by_id.get(ident, {})
        if not reds.get("old") and not reds.get("new"):
            continue
        texts = []
        for st in (statute, old_res.statute, new_res.statute):
            prov = st.get(ident)
            texts.append(section_text(prov) if prov is not None else None)
        prov = statute.get(ident) or new_res.statute.get(ident) or old_res.statute.get(ident)
        cite = str(prov.cite) if prov is not None else ident
        heading = prov.heading if prov is not None else None
        provisions.append(
            LawProvision(
                ident,
                cite,
                heading,
                texts[0],
                texts[1],
                texts[2],
                reds.get("old"),
                reds.get("new"),
                reds.get("difference"),
            )
        )
    return Effect(
        old_ins,
        new_ins,
        tuple(provisions),
        _pair_instructions(old_ins, new_ins, pairs),
        old_res,
        new_res,
    )


def _pair_instructions(
    old: Sequence[InstructionOutcome], new: Sequence[InstructionOutcome], pairs: Sequence[Pair]
) -> tuple[InstructionPair, ...]:
    """Instructions paired within matched sections (most alike words first), then anywhere."""
    section_of = {
        p.old.bill_label: p.new.bill_label
        for p in pairs
        if p.old is not None and p.new is not None and p.kind == "section"
    }
    taken_new: set[int] = set()
    out: dict[int, InstructionPair] = {}
    by_section: dict[str, list[int]] = {}
    for j, ins in enumerate(new):
        by_section.setdefault(_unit_label(ins.section_label), []).append(j)
    for strict in (True, False):
        for i, ins in enumerate(old):
            if i in out:
                continue
            target = section_of.get(_unit_label(ins.section_label))
            if strict:
                cands = by_section.get(target, []) if target is not None else []
            else:
                cands = list(range(len(new)))
            best: tuple[float, int] | None = None
            for j in cands:
                if j in taken_new:
                    continue
                score = _ratio(ins.text, new[j].text)
                if best is None or score > best[0]:
                    best = (score, j)
            if best is not None and best[0] >= (30.0 if strict else _TEXT_CUTOFF):
                taken_new.add(best[1])
                out[i] = InstructionPair(ins, new[best[1]], best[0])
    result: list[InstructionPair] = []
    for i, ins in enumerate(old):
        result.append(out.get(i, InstructionPair(ins, None)))
    for j, ins in enumerate(new):
        if j not in taken_new:
            result.append(InstructionPair(None, ins))
    return tuple(result)


def _unit_label(label: str) -> str:
    """An instruction's section label in the form `Unit.label` gives (`Div. A, Sec. 3`), titles
    left out on both sides, since bill labels do not name them."""
    return re.sub(r"\s+", " ", label).strip()


# --- the comparison ------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """Two versions of a bill compared: the aligned units, and the effect of each on the law."""

    old: Version
    new: Version
    pairs: tuple[Pair, ...]
    """Every unit of either version once: matched pairs, then added and struck units."""
    entries: tuple[Entry, ...]
    """The reading order: OLD's units in OLD's order, NEW's in NEW's, matched ones side by side."""
    effect: Effect | None = None
    notes: tuple[str, ...] = ()

    def sections(self) -> tuple[Pair, ...]:
        """The pairs of sections."""
        return tuple(p for p in self.pairs if p.kind == "section")

    def counts(self, kind: str = "section") -> dict[str, int]:
        """Units of one kind: in OLD and NEW, matched, and how many were added, struck,
        moved, renumbered, changed and unchanged (a moved unit may be renumbered too)."""
        pairs = [p for p in self.pairs if p.kind == kind]
        matched = [p for p in pairs if p.old is not None and p.new is not None]
        return {
            "old": sum(p.old is not None for p in pairs),
            "new": sum(p.new is not None for p in pairs),
            "matched": len(matched),
            "added": sum(p.old is None for p in pairs),
            "struck": sum(p.new is None for p in pairs),
            "moved": sum(p.moved for p in matched),
            "renumbered": sum(p.renumbered for p in matched),
            "changed": sum(p.changed for p in matched),
            "unchanged": sum(not p.changed for p in matched),
        }

    def summary(self) -> str:
        """The comparison in a few lines: what was compared, the counts, the notes."""
        c = self.counts()
        lines = [
            f"OLD: {self.old.path} ({self.old.format}, {c['old']} section(s))",
            f"NEW: {self.new.path} ({self.new.format}, {c['new']} section(s))",
            f"sections: {c['matched']} matched ({c['unchanged']} unchanged, {c['changed']} "
            f"with changed text), {c['renumbered']} renumbered, {c['moved']} moved, "
            f"{c['added']} added, {c['struck']} struck",
        ]
        others = [k for k in ("appropriation", *CONTAINERS) if any(p.kind == k for p in self.pairs)]
        for kind in others:
            k = self.counts(kind)
            lines.append(
                f"{kind}s: {k['matched']} matched, {k['renumbered']} renumbered, "
                f"{k['moved']} moved, {k['added']} added, {k['struck']} struck"
            )
        if self.effect is not None:
            for side, name in SIDES:
                t = self.effect.totals(side)
                lines.append(f"{name} instructions: " + ", ".join(f"{v} {s}" for s, v in t.items()))
            lines.append(
                f"law: {len(self.effect.provisions)} Code section(s) changed by either version; "
                f"{len(self.effect.diverging)} instruction(s) apply in one version and not the "
                "other"
            )
            for p in self.effect.provisions[:_LISTED]:
                by = " and ".join(
                    name
                    for name, red in (("OLD", p.old_redline), ("NEW", p.new_redline))
                    if red is not None
                )
                alike = "reads differently" if p.difference is not None else "reads alike"
                lines.append(f"  {p.cite}: changed by {by}; {alike} under the two")
            for pair in self.effect.diverging[:_LISTED]:
                lines.append(f"  OLD {_fate(pair.old)}  |  NEW {_fate(pair.new)}")
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The comparison as plain data (for `--json`)."""
        from .render.compare_html import edits_json

        def unit(u: Unit | None) -> dict[str, Any] | None:
            if u is None:
                return None
            return {
                "kind": u.kind,
                "label": u.label,
                "designation": u.designation,
                "heading": u.heading,
                "index": u.index,
            }

        out: dict[str, Any] = {
            "old": {"path": self.old.path, "format": self.old.format, "title": self.old.title},
            "new": {"path": self.new.path, "format": self.new.format, "title": self.new.title},
            "counts": {
                k: self.counts(k)
                for k in ("section", "appropriation", *CONTAINERS)
                if any(p.kind == k for p in self.pairs)
            },
            "notes": list(self.notes),
            "pairs": [
                {
                    "status": p.status,
                    "kind": p.kind,
                    "old": unit(p.old),
                    "new": unit(p.new),
                    "how": p.how,
                    "score": round(p.score, 1),
                    "moved": p.moved,
                    "renumbered": p.renumbered,
                    "edits": edits_json(p.edits) if p.changed else None,
                }
                for p in self.pairs
            ],
        }
        if self.effect is not None:
            out["effect"] = _effect_json(self.effect)
        return out


_LISTED = 20
"""How many provisions and diverging instructions the summary lists."""


def _fate(o: InstructionOutcome | None) -> str:
    return f"{o.label}: {o.status}" if o is not None else "(no counterpart)"


def _outcome_json(o: InstructionOutcome | None) -> dict[str, Any] | None:
    if o is None:
        return None
    return {
        "label": o.label,
        "status": o.status,
        "text": o.text,
        "amendments": [describe(a) for a in o.amendments],
        "errors": list(o.errors),
    }


def _effect_json(effect: Effect) -> dict[str, Any]:
    from .render.compare_html import edits_json, redline_edits

    return {
        "totals": {"old": effect.totals("old"), "new": effect.totals("new")},
        "provisions": [
            {
                "identifier": p.identifier,
                "cite": p.cite,
                "heading": p.heading,
                "current": p.current,
                "under_old": p.under_old,
                "under_new": p.under_new,
                "old_changes": redline_edits(p.old_redline),
                "new_changes": redline_edits(p.new_redline),
                "difference": edits_json(_word_edits(p.under_old or "", p.under_new or ""))
                if p.difference is not None
                else None,
            }
            for p in effect.provisions
        ],
        "instructions": [
            {
                "old": _outcome_json(p.old),
                "new": _outcome_json(p.new),
                "score": round(p.score, 1),
                "diverges": p.diverges,
            }
            for p in effect.pairs
        ],
    }


def _entries(old: Sequence[Unit], new: Sequence[Unit], pairs: Sequence[Pair]) -> tuple[Entry, ...]:
    """The reading order: between consecutive pairs kept in place, OLD's other units (struck,
    or moved away) then NEW's (added, or moved here)."""
    by_old = {p.old.index: p for p in pairs if p.old is not None}
    by_new = {p.new.index: p for p in pairs if p.new is not None}
    out: list[Entry] = []
    i = j = 0
    anchors = [p for p in pairs if p.old is not None and p.new is not None and not p.moved]
    anchors.sort(key=lambda p: p.old.index if p.old is not None else 0)
    for anchor in [*anchors, None]:
        oi = anchor.old.index if anchor is not None and anchor.old is not None else len(old)
        nj = anchor.new.index if anchor is not None and anchor.new is not None else len(new)
        for k in range(i, oi):
            p = by_old[k]
            out.append(Entry(p, "struck" if p.new is None else "from"))
        for k in range(j, nj):
            p = by_new[k]
            out.append(Entry(p, "added" if p.old is None else "to"))
        if anchor is not None:
            out.append(Entry(anchor, "in place"))
        i, j = oi + 1, nj + 1
    return tuple(out)


def _index_units(units: Iterable[Unit]) -> tuple[Unit, ...]:
    """The units numbered 0, 1, … in order (their `index`)."""
    out = []
    for k, u in enumerate(units):
        out.append(
            u
            if u.index == k
            else Unit(u.kind, u.designation, u.heading, u.lines, u.containers, k, u.num)
        )
    return tuple(out)


def compare_versions(old: Version, new: Version, statute: Statute | None = None) -> Comparison:
    """Compare two versions already read (see `compare_bills`)."""
    with paused_gc():
        return _compare(old, new, statute)


def _compare(old: Version, new: Version, statute: Statute | None) -> Comparison:
    old_units, new_units = _index_units(old.units), _index_units(new.units)
    old = Version(old.path, old.format, old.title, old_units, old.bill, old.amendments)
    new = Version(new.path, new.format, new.title, new_units, new.bill, new.amendments)
    aligned = _align(old_units, new_units)
    keep = _in_order([(i, j) for i, j, _, _ in aligned])
    # -- a unit whose container went elsewhere than its container's counterpart moved too --
    counterpart = {
        (old_units[i].kind, old_units[i].designation, old_units[i].containers): new_units[j]
        for i, j, _, _ in aligned
        if old_units[i].kind in CONTAINERS
    }

    def container_moved(u: Unit, v: Unit) -> bool:
        if not u.containers:
            return bool(v.containers)
        kind, des = u.containers[-1]
        there = counterpart.get((kind, des, u.containers[:-1]))
        if there is None:  # its container is gone: moved if it is now elsewhere
            return u.containers != v.containers
        return (
            not v.containers
            or v.containers[-1] != (there.kind, there.designation)
            or (v.containers[:-1] != there.containers)
        )

    pairs: list[Pair] = []
    for i, j, how, score in aligned:
        u, v = old_units[i], new_units[j]
        moved = (i, j) not in keep or container_moved(u, v)
        edits = _word_edits(u.text, v.text)
        pairs.append(Pair(u, v, how, score, moved, edits))
    matched_old = {i for i, _, _, _ in aligned}
    matched_new = {j for _, j, _, _ in aligned}
    for v in new_units:
        if v.index not in matched_new:
            pairs.append(Pair(None, v, edits=_word_edits("", v.text)))
    for u in old_units:
        if u.index not in matched_old:
            pairs.append(Pair(u, None, edits=_word_edits(u.text, "")))
    entries = _entries(old_units, new_units, pairs)
    notes = _notes(old, new, pairs)
    effect = _effect(old, new, statute, pairs) if statute is not None else None
    return Comparison(old, new, tuple(pairs), entries, effect, notes)


def _common_share(pairs: Sequence[Pair]) -> float:
    """The share of the longer version's section text that the other has too, word for word."""
    same = sum(len(e.text) for p in pairs for e in p.edits if e.op == Op.EQUAL)
    old = same + sum(len(e.text) for p in pairs for e in p.edits if e.op == Op.DELETE)
    new = same + sum(len(e.text) for p in pairs for e in p.edits if e.op == Op.INSERT)
    return same / max(old, new) if max(old, new) else 1.0


def _notes(old: Version, new: Version, pairs: Sequence[Pair]) -> tuple[str, ...]:
    sections = [p for p in pairs if p.kind == "section"]
    matched = sum(p.old is not None and p.new is not None for p in sections)
    n_old = sum(p.old is not None for p in sections)
    n_new = sum(p.new is not None for p in sections)
    larger = max(n_old, n_new)
    notes = []
    common = _common_share(sections)
    if larger and (matched < FEW_MATCHED * larger or common < FEW_COMMON):
        notes.append(
            f"few sections matched: {matched} of {n_old} in OLD and {n_new} in NEW "
            f"({100 * matched / larger:.0f}% of the larger), {100 * common:.0f}% of the words "
            "in common; the files may not be versions of one bill"
        )
    if not n_old or not n_new:
        which = "OLD" if not n_old else "NEW"
        notes.append(f"{which} has no sections")
    return tuple(notes)


def compare_bills(old: str | Path, new: str | Path, statute: Statute | None = None) -> Comparison:
    """Compare two versions of a bill (any formats billdraft reads), and, given the law, what
    each does to it."""
    return compare_versions(read_version(old, statute), read_version(new, statute), statute)


# --- command line ----------------------------------------------------------------------------


def add_parser(sub: Any) -> None:
    """Add `billdraft compare-bills OLD NEW --statutes DIR [--docx F] [--html F] [--json F]`."""
    p = sub.add_parser(
        "compare-bills",
        help="compare two versions of a bill: the text changed, and the law under each",
        description=(
            "Compare two versions of a bill (bill DTD or USLM 2.x .xml, plain text .txt, or a "
            "draft .toml, in any pairing): the sections matched, renumbered, moved, added and "
            "struck, the words changed in each, and what each version does to the loaded law "
            "(current law, the law under OLD and under NEW, the difference), with the "
            "instructions that apply in one version and not the other."
        ),
    )
    p.add_argument("old", help="the earlier version")
    p.add_argument("new", help="the later version")
    p.add_argument("--statutes", required=True, help="folder (or file) of USLM sections")
    p.add_argument(
        "--docx",
        metavar="OUT.docx",
        help="write the comparison as tracked changes (Accept All gives NEW, Reject All OLD)",
    )
    p.add_argument("--html", metavar="OUT.html", help="write the comparison as HTML")
    p.add_argument("--json", metavar="OUT.json", help="write the comparison as JSON")
    p.add_argument(
        "--style",
        choices=["house", "strike", "color"],
        default="house",
        help="how the HTML marks changes: house (black brackets and italic), strike, color",
    )
    p.add_argument("--author", default="billdraft", help="author of the tracked changes")
    p.set_defaults(func=run_cli)


def run_cli(args: Any) -> int:
    """Run `compare-bills`: print the summary and write the outputs asked for."""
    import json

    from .outputs import check_file_destination, staged_files
    from .statute import load

    for output in (args.html, args.docx, args.json):  # checked before the work
        if output:
            check_file_destination(output)
    statute = load(args.statutes)
    comparison = compare_bills(args.old, args.new, statute)
    print(comparison.summary())
    with staged_files(args.html, args.docx, args.json) as (html, docx, data):
        if html:
            from .render.compare_html import to_html

            html.write_text(to_html(comparison, style=args.style), encoding="utf-8")
        if docx:
            from .render.docx.compare import write_comparison_docx

            write_comparison_docx(comparison, docx, author=args.author)
        if data:
            data.write_text(
                json.dumps(comparison.to_json(), ensure_ascii=False, indent=1), encoding="utf-8"
            )
    if args.html:
        print(f"wrote {args.html}")
    if args.docx:
        print(f"wrote {args.docx} (tracked changes by {args.author})")
    if args.json:
        print(f"wrote {args.json}")
    return 0
