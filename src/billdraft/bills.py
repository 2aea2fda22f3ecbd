"""Read bills — bill DTD XML, USLM 2.x XML, or plain text — into their amendatory instructions.

A `Bill` carries its metadata, the list of `Instruction`s it contains and the freestanding
provisions (short title, findings, definitions, effective dates…) that amend nothing.

**Counting rule.** The bill body is walked from each section down, never entering quoted
matter. A provision whose *own* words (its `<text>` / `<chapeau>` / `<content>`, not its
subdivisions) contain an amending verb phrase at their top level — `is amended`, `are amended`,
`is repealed`, `by striking`, `by inserting`, `by adding`, `by redesignating`, `by amending`, or in
USLM an `<amendingAction>` tag — is **one instruction**, together with all its subdivisions: a nested
`is amended—` / `(1) in paragraph (2)—` / `(A) by striking …` tree is one instruction (the parse
yields several amendments). A provision whose subtree holds no amending phrase at all is one
**freestanding** provision and is not descended into. Any other provision is descended into.

Text is normalised: runs of white space become one space, every quotation (``x'', ‘‘x’’, "x"
or “x”) becomes “x”, `--` becomes an em dash, and nested subdivisions are flattened into the
instruction's text as `(1) …; (2) …`. Each quoted block (`<quoted-block>`, `<quotedContent>`, or in
plain text the run of lines that open with a quotation mark after `the following:`) is replaced in
`Instruction.text` by `BLOCK_MARK` and carried, as structured new matter, in
`Instruction.new_matter` (a tuple of `NewProvision`s, or a string for quoted text that has no
designations).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeAlias

from lxml import etree

from .amendments import LEVELS, NewProvision
from .cite import ROMAN_LOWER, ROMAN_UPPER, roman_value
from .errors import (
    BilldraftError,
    EmptyFileError,
    FileTooLargeError,
    MalformedXMLError,
    NotUSLMError,
    NotUTF8Error,
    XMLInputError,
)
from .uslm import hardened_parser, reject_entities, reject_xinclude, syntax_message

__all__ = [
    "BLOCK_MARK",
    "Bill",
    "Freestanding",
    "Instruction",
    "NewMatter",
    "block_text",
    "normalize_quotes",
    "read_bill",
    "read_bill_text",
    "read_text_bill",
]

BLOCK_MARK = "‹BLOCK›"
"""Where a quoted block of new matter stood in an instruction's text."""

NewMatter: TypeAlias = "tuple[NewProvision, ...] | str"
"""One quoted block: the provisions it holds, or its text when it holds no designated provisions."""

USLM_NS = "http://schemas.gpo.gov/xml/uslm"
MAX_BYTES = 64 * 1024 * 1024

_AMENDING = re.compile(
    r"\b(?:is|are)\s+(?:each\s+|hereby\s+|further\s+)*(?:amended|repealed)\b"
    r"|\bby\s+(?:striking|inserting|adding|redesignating|amending)\b",
    re.IGNORECASE,
)
_FREESTANDING_KINDS: tuple[tuple[str, str], ...] = (
    ("short title", "short title"),
    ("table of contents", "table of contents"),
    ("finding", "findings"),
    ("sense of", "sense"),
    ("purpose", "purposes"),
    ("definition", "definitions"),
    ("effective date", "effective date"),
    ("applicability", "effective date"),
    ("application", "effective date"),
    ("rule of construction", "rule of construction"),
)


@dataclass(frozen=True)
class Instruction:
    """One amendatory instruction of a bill: its words, where it is, and the new matter it quotes."""

    label: str
    """Where the instruction is in the bill, e.g. "Sec. 2(a)(1)"."""
    text: str
    """The words, quotations as “x”, subdivisions flattened, each quoted block as `BLOCK_MARK`."""
    new_matter: tuple[NewMatter, ...] = ()
    """The quoted blocks, in the order of the `BLOCK_MARK`s in `text`."""
    heading: str | None = None
    """The heading of the bill provision holding the instruction, if any."""
    actions: int = field(default=0, compare=False)
    """How many USLM `<amendingAction>` tags the instruction holds (0 in other formats)."""
    within: tuple[str, ...] = field(default=(), compare=False)
    """The divisions, titles, subtitles … of the bill the instruction is in, outermost first
    (`("division Q", "title I")`), for conventions that hold "in this title"."""

    @property
    def full_text(self) -> str:
        """The instruction's text with each quoted block written out in quotation marks."""
        parts = self.text.split(BLOCK_MARK)
        out = [parts[0]]
        for i, rest in enumerate(parts[1:]):
            block = self.new_matter[i] if i < len(self.new_matter) else ""
            out.append(" " + block_text(block) + rest)
        return _join(out)


@dataclass(frozen=True)
class Freestanding:
    """A provision of the bill that amends nothing (short title, findings, effective date…)."""

    label: str
    kind: str
    """"short title", "findings", "definitions", "effective date", "purposes", … or "other"."""
    text: str
    heading: str | None = None
    within: tuple[str, ...] = field(default=(), compare=False)
    """The divisions, titles, subtitles … of the bill the provision is in, outermost first."""


@dataclass(frozen=True)
class Bill:
    """A bill: its metadata, its amendatory instructions and its freestanding provisions."""

    congress: str | None = None
    session: str | None = None
    chamber: str | None = None
    number: str | None = None
    title: str | None = None
    instructions: tuple[Instruction, ...] = ()
    freestanding: tuple[Freestanding, ...] = ()
    path: str | None = field(default=None, compare=False)


# --- text helpers --------------------------------------------------------------------------


def normalize_quotes(text: str) -> str:
    """Turn ``x'', ‘‘x’’ and "x" quotations into “x”, and `--` into an em dash."""
    text = text.replace("‘‘", "“").replace("’’", "”")
    text = text.replace("``", "“").replace("''", "”")
    text = text.replace("--", "—")
    if '"' in text:
        out: list[str] = []
        for i, ch in enumerate(text):
            if ch == '"':
                prev = text[i - 1] if i else " "
                out.append("“" if prev.isspace() or prev in "(—[“‘:" else "”")
            else:
                out.append(ch)
        text = _join(out)
    return text


def law_quotes(text: str) -> str:
    """Quoted matter as the law prints it: a bill prints the quotation marks inside quoted
    matter single (‘term’), the law double (“term”); an apostrophe (President’s) stays."""
    out: list[str] = []
    depth = 0
    for i, ch in enumerate(text):
        if ch == "‘":
            out.append("“")
            depth += 1
        elif ch == "’" and depth and not text[i + 1 : i + 2].isalnum():
            out.append("”")
            depth -= 1
        else:
            out.append(ch)
    return "".join(out)


def _join(parts: object) -> str:
    """Join lxml text pieces (typed loosely as str | bytes by the stubs)."""
    assert not isinstance(parts, (str, bytes))
    return "".join(p if isinstance(p, str) else p.decode() for p in parts)  # type: ignore[attr-defined]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _kind(heading: str | None, text: str) -> str:
    probe = (heading or "").lower() or text[:80].lower()
    for needle, kind in _FREESTANDING_KINDS:
        if needle in probe:
            return kind
    return "other"


def _designation(enum: str) -> str:
    """`(a)` / `“(a)` / `SEC. 2.` / `2.` -> `a` / `2`."""
    d = enum.strip().strip("“”\"'‘’`")
    d = re.sub(r"^(?:SECTION|SEC\.)\s*", "", d, flags=re.IGNORECASE).strip()
    d = d.rstrip(".")
    if d.startswith("(") and d.endswith(")"):
        d = d[1:-1]
    return d.strip()


def _heading(text: str) -> str:
    """A heading without its trailing `.—` or `—` and quotation marks."""
    h = _squash(text).strip("“”")
    h = re.sub(r"\s*\.?\s*—\s*$", "", h)
    return h.rstrip(".").strip() if h.endswith(".") and h.count(".") == 1 else h.strip()


def block_text(block: NewMatter) -> str:
    """Write one quoted block out as text in “ ” quotation marks (one line per provision)."""
    if isinstance(block, str):
        return f"“{block}”"
    lines: list[str] = []

    def walk(p: NewProvision) -> None:
        des = f"SEC. {p.designation}." if p.level == "section" else f"({p.designation})"
        head = f" {p.heading}.—" if p.heading else " "
        first = (p.chapeau if p.children else p.content) or ""
        lines.append(f"“{des}{head}{first}".rstrip())
        for c in p.children:
            walk(c)
        if p.continuation:
            lines.append(f"“{p.continuation}")

    for p in block:
        walk(p)
    if lines:
        lines[-1] += "”"
    return "\n".join(lines)


# --- reading XML ---------------------------------------------------------------------------


def read_bill(path: str | Path) -> Bill:
    """Read a bill in the bill DTD XML or USLM 2.x into its instructions and freestanding parts."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise XMLInputError(f"expected a readable bill file, found {e.strerror}", path=p) from e
    if not data.strip():
        raise EmptyFileError("expected a bill, found an empty file", path=p)
    if len(data) > MAX_BYTES:
        raise XMLInputError(
            f"expected a bill of at most {MAX_BYTES} bytes, found {len(data)}", path=p
        )
    # entity declarations are refused before lxml sees the bytes; a plain DOCTYPE is allowed
    reject_entities(data[:65536].decode("utf-8", "replace"), str(p))
    try:
        root = etree.fromstring(data, hardened_parser(remove_comments=True))
    except etree.XMLSyntaxError as e:
        raise MalformedXMLError(
            f"expected well-formed XML, found {syntax_message(e.msg)}", path=p, line=e.lineno
        ) from e
    reject_xinclude(root, str(p))
    ns = etree.QName(root).namespace
    if ns == USLM_NS:
        bill = _UslmReader().read(root)
    elif ns is None and root.tag in ("bill", "resolution", "amendment-doc"):
        bill = _DtdReader().read(root)
    else:
        raise NotUSLMError(
            "expected a bill in the bill DTD (<bill>) or USLM 2.x "
            f"({USLM_NS}), found <{etree.QName(root).localname}> in {ns or 'no namespace'}",
            path=p,
        )
    return replace(bill, path=str(p))


def read_text_bill(path: str | Path) -> Bill:
    """Read a plain-text bill file, with the size limit and emptiness checks of the XML readers."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FileTooLargeError(
                f"expected a text bill of at most {MAX_BYTES} bytes, found {size}", path=path
            )
        data = path.read_bytes()
    except OSError as e:
        raise BilldraftError(f"expected a readable text bill, found {e.strerror}", path=path) from e
    if len(data) > MAX_BYTES:  # grew since the stat, or not a regular file
        raise FileTooLargeError(
            f"expected a text bill of at most {MAX_BYTES} bytes, found more", path=path
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise NotUTF8Error(
            f"expected a UTF-8 text bill, found byte {data[e.start]:#04x} at offset {e.start}",
            path=path,
        ) from e
    if not text.strip():
        raise EmptyFileError("expected a bill, found an empty file", path=path)
    bill = read_bill_text(text)
    return replace(bill, path=str(path))


@dataclass
class _Unit:
    """A provision of the bill as read: its designation, heading, own text and subdivisions."""

    designation: str
    heading: str | None
    pieces: list[str]  # own text pieces in order; BLOCK_MARK for a quoted block
    blocks: list[NewMatter]
    children: list[_Unit]
    tags: int = 0
    """How many USLM `<amendingAction>` tags its own text holds."""

    @property
    def own_text(self) -> str:
        return _squash(" ".join(self.pieces))

    def flat(self) -> tuple[str, list[NewMatter]]:
        """Own text then each subdivision as `(d) text`, and all blocks in order."""
        text = self.own_text
        blocks = list(self.blocks)
        for c in self.children:
            t, b = c.flat()
            text += f" ({c.designation}) {t}"
            blocks += b
        return _squash(text), blocks

    def all_tags(self) -> int:
        return self.tags + sum(c.all_tags() for c in self.children)

    def any_amending(self) -> bool:
        return self.is_amending() or any(c.any_amending() for c in self.children)

    def is_amending(self) -> bool:
        own = self.own_text.replace(BLOCK_MARK, " ")
        return self.tags > 0 or bool(_AMENDING.search(own))


def _collect(
    unit: _Unit,
    label: str,
    instructions: list[Instruction],
    free: list[Freestanding],
    within: tuple[str, ...] = (),
) -> None:
    if unit.is_amending():
        text, blocks = unit.flat()
        instructions.append(
            Instruction(
                label, text, tuple(blocks), unit.heading, actions=unit.all_tags(), within=within
            )
        )
    elif not unit.any_amending():
        text, _ = unit.flat()
        if text or unit.heading:
            kind = _kind(unit.heading, text)
            free.append(Freestanding(label, kind, text, unit.heading, within=within))
    else:
        for c in unit.children:
            _collect(c, f"{label}({c.designation})", instructions, free, within)


_Placed: TypeAlias = tuple[str, tuple[str, ...], etree._Element]
"""A section of a bill: its label prefix ("Div. Q, "), the containers it is in, the element."""


class _Reader(ABC):
    """What the two XML readers share: walking the body into units and collecting them."""

    structural: frozenset[str] = frozenset(LEVELS)
    containers: frozenset[str] = frozenset(
        {"division", "title", "subtitle", "part", "subpart", "chapter", "subchapter"}
    )

    def local(self, e: etree._Element) -> str:
        return etree.QName(e).localname if isinstance(e.tag, str) else ""

    def sections(self, body: etree._Element) -> Iterator[_Placed]:
        """Each section of the body with the label prefix of the division it is in."""

        def walk(e: etree._Element, prefix: str, within: tuple[str, ...]) -> Iterator[_Placed]:
            for c in e:
                name = self.local(c)
                if name == "section":
                    yield prefix, within, c
                elif name in self.containers:
                    p = prefix
                    if name == "division":
                        p = f"Div. {self.designation_of(c)}, "
                    yield from walk(c, p, (*within, f"{name} {self.designation_of(c)}"))

        yield from walk(body, "", ())

    @abstractmethod
    def designation_of(self, e: etree._Element) -> str:
        """The designation of a bill division or provision element."""

    @abstractmethod
    def unit(self, e: etree._Element) -> _Unit:
        """A bill provision read into its text, sub-units and quoted blocks."""

    def collect(self, body: etree._Element) -> tuple[list[Instruction], list[Freestanding]]:
        instructions: list[Instruction] = []
        free: list[Freestanding] = []
        for prefix, within, sec in self.sections(body):
            u = self.unit(sec)
            _collect(u, f"{prefix}Sec. {u.designation}", instructions, free, within)
        return instructions, free


class _DtdReader(_Reader):
    """The House/Senate bill DTD: `<section>`, `<enum>`, `<header>`, `<text>`, `<quoted-block>`."""

    TEXTS = frozenset({"text", "continuation-text"})

    def designation_of(self, e: etree._Element) -> str:
        enum = e.find("enum")
        return _designation(_join(enum.itertext())) if enum is not None else ""

    def inline(self, e: etree._Element) -> str:
        out = [e.text or ""]
        for c in e:
            name = self.local(c)
            if name == "quote":
                out.append("“" + _join(c.itertext()) + "”")
            elif name == "quoted-block":
                out.append(" " + BLOCK_MARK + " ")
            elif name:
                out.append(self.inline(c))
            out.append(c.tail or "")
        return _join(out)

    def unit(self, e: etree._Element) -> _Unit:
        header = e.find("header")
        heading = _squash(_join(header.itertext())) if header is not None else None
        u = _Unit(self.designation_of(e), heading, [], [], [])
        for c in e:
            name = self.local(c)
            if name in self.TEXTS:
                u.pieces.append(self.inline(c))
                for qb in c.iter("quoted-block"):
                    u.blocks.append(self.block(qb))
            elif name == "quoted-block":
                u.pieces.append(BLOCK_MARK)
                u.blocks.append(self.block(c))
                after = c.find("after-quoted-block")
                if after is not None:
                    u.pieces[-1] += _join(after.itertext())
            elif name in self.structural:
                u.children.append(self.unit(c))
        return u

    def block(self, qb: etree._Element) -> NewMatter:
        provisions = [self.new_provision(c) for c in qb if self.local(c) in self.structural]
        if provisions:
            return tuple(provisions)
        parts = [self.inline(c) for c in qb if self.local(c) not in ("after-quoted-block", "")]
        return _squash(" ".join(parts))

    def new_provision(self, e: etree._Element) -> NewProvision:
        header = e.find("header")
        heading = _squash(_join(header.itertext())) if header is not None else None
        texts: list[str] = []
        after: list[str] = []
        children: list[NewProvision] = []
        for c in e:
            name = self.local(c)
            if name in self.TEXTS:
                (after if children else texts).append(_squash(self.inline(c)))
            elif name in self.structural:
                children.append(self.new_provision(c))
        text = " ".join(texts) or None
        cont = " ".join(after) or None
        if children:
            return NewProvision(
                self.local(e), self.designation_of(e), heading, text, None, cont, tuple(children)
            )
        return NewProvision(self.local(e), self.designation_of(e), heading, None, text)

    def read(self, root: etree._Element) -> Bill:
        def first(tag: str) -> str | None:
            e = root.find(f".//form/{tag}")
            return _squash(_join(e.itertext())) if e is not None else None

        body = root.find(".//legis-body")
        instructions, free = self.collect(body) if body is not None else ([], [])
        return Bill(
            congress=first("congress"),
            session=first("session"),
            chamber=first("current-chamber"),
            number=first("legis-num"),
            title=first("official-title"),
            instructions=tuple(instructions),
            freestanding=tuple(free),
        )


class _UslmReader(_Reader):
    """USLM 2.x bills: `<num value=…>`, `<heading>`, `<chapeau>`, `<content>`, `<quotedContent>`."""

    TEXTS = frozenset({"chapeau", "content", "continuation", "p", "text"})
    SKIPPED = frozenset({"page", "appropriations", "sidenote"})
    """Inline elements that are not the words of the provision they sit in: `<page>131 STAT.
    12</page>`, an `<appropriations>` heading printed inside the text before it, and a public
    law's margin note (`<sidenote>26 USC 9505.</sidenote>`, `Deadlines.`)."""
    NOT_QUOTED = frozenset({"page", "sidenote"})
    """Inline elements of quoted new matter that are not its words (the printed law's page
    number and margin notes)."""

    def words(self, e: etree._Element, skip: frozenset[str]) -> str:
        """The text of an element, as `itertext` gives it, without that of its `skip` children
        (their tails are kept: the words after them)."""
        out = [e.text or ""]
        for c in e:
            if isinstance(c.tag, str) and self.local(c) not in skip:
                out.append(self.words(c, skip))
            out.append(c.tail or "")
        return _join(out)

    def q(self, tag: str) -> str:
        return f"{{{USLM_NS}}}{tag}"

    def designation_of(self, e: etree._Element) -> str:
        num = e.find(self.q("num"))
        if num is None:
            return ""
        value = num.get("value")
        return value if value else _designation(_join(num.itertext()))

    def inline(self, e: etree._Element, blocks: list[NewMatter]) -> tuple[str, int]:
        out = [e.text or ""]
        tagged = 0
        for c in e:
            name = self.local(c)
            if name == "quotedText":
                # The marks are the bill's when they stand around the tag (“<quotedText>X</…>”).
                t = _join(c.itertext())
                opened = "".join(out).rstrip().endswith("“") or t.startswith("“")
                closed = (c.tail or "").lstrip().startswith("”") or t.rstrip().endswith("”")
                out.append(("" if opened else "“") + t + ("" if closed else "”"))
            elif name in self.SKIPPED:
                pass  # a page number of the printed law, the heading of the next paragraph
            elif name == "quotedContent":
                out.append(" " + BLOCK_MARK + " ")
                blocks.append(self.block(c))
            elif name == "amendingAction":
                so_far = "".join(out)
                # `(repealed by …)`, `(as amended by …)`: a parenthetical history of the law
                # cited, which GPO may tag too, amends nothing
                history = so_far.count("(") > so_far.count(")") and re.match(
                    r"\s+by\b", c.tail or ""
                )
                tagged += not history
                out.append(_join(c.itertext()))
            elif name:
                t, tg = self.inline(c, blocks)
                tagged += tg
                out.append(t)
            out.append(c.tail or "")
        return _join(out), tagged

    def heading_of(self, e: etree._Element) -> str | None:
        h = e.find(self.q("heading"))
        return _heading(_join(h.itertext())) if h is not None else None

    def unit(self, e: etree._Element) -> _Unit:
        u = _Unit(self.designation_of(e), self.heading_of(e), [], [], [])
        for c in e:
            name = self.local(c)
            if name in self.TEXTS:
                t, tagged = self.inline(c, u.blocks)
                u.pieces.append(t)
                u.tags += tagged
            elif name == "quotedContent":
                u.pieces.append(BLOCK_MARK)
                u.blocks.append(self.block(c))
            elif name in self.structural:
                u.children.append(self.unit(c))
        return u

    def block(self, qc: etree._Element) -> NewMatter:
        provisions = [self.new_provision(c) for c in qc if self.local(c) in self.structural]
        if provisions:
            last = provisions[-1]
            provisions[-1] = _strip_close(last)
            return tuple(provisions)
        # the closing mark and the instruction's own period may be printed inside the block
        # (`…priorities.”.`): they end the quotation, they are not quoted
        text = _QUOTE_CLOSE.sub("", _squash(self.words(qc, self.NOT_QUOTED)))
        return law_quotes(text.strip("“”"))

    def new_provision(self, e: etree._Element) -> NewProvision:
        texts: list[str] = []
        after: list[str] = []
        children: list[NewProvision] = []
        for c in e:
            name = self.local(c)
            if name in self.TEXTS:
                t = law_quotes(_squash(self.words(c, self.NOT_QUOTED)).lstrip("“").strip())
                (after if children else texts).append(t)
            elif name in self.structural:
                children.append(self.new_provision(c))
        text = " ".join(texts) or None
        cont = " ".join(after) or None
        level = self.local(e)
        heading = self.heading_of(e)
        heading = law_quotes(heading) if heading is not None else None
        if children:
            return NewProvision(
                level, self.designation_of(e), heading, text, None, cont, tuple(children)
            )
        return NewProvision(level, self.designation_of(e), heading, None, text)

    def read(self, root: etree._Element) -> Bill:
        def first(tag: str) -> str | None:
            for e in root.iter(self.q(tag)):
                return _squash(_join(e.itertext()))
            return None

        body = root.find(self.q("main"))
        if body is None:
            body = root
        instructions: list[Instruction] = []
        free: list[Freestanding] = []
        for b in [body, *body.iter(self.q("main"))] if body is root else [body]:
            i, f = self.collect(b)
            instructions += i
            free += f
        return Bill(
            congress=first("congress"),
            session=first("session"),
            chamber=first("currentChamber"),
            number=first("docNumber"),
            title=first("officialTitle") or first("docTitle"),
            instructions=tuple(instructions),
            freestanding=tuple(free),
        )

    def sections(self, body: etree._Element) -> Iterator[_Placed]:
        """Sections anywhere in the body outside quoted content (USLM nests them in many wrappers)."""

        def walk(e: etree._Element, prefix: str, within: tuple[str, ...]) -> Iterator[_Placed]:
            for c in e:
                name = self.local(c)
                if name == "section":
                    yield prefix, within, c
                elif name in ("quotedContent", "toc", "meta", "preface", "main") and e is not c:
                    continue
                elif name:
                    p = prefix
                    inner = within
                    if name == "division":
                        p = f"Div. {self.designation_of(c)}, "
                    if name in self.containers:
                        inner = (*within, f"{name} {self.designation_of(c)}")
                    yield from walk(c, p, inner)

        yield from walk(body, "", ())


def _strip_close(p: NewProvision) -> NewProvision:
    """Remove the closing quotation mark from the last words of a quoted block."""

    def strip(t: str | None) -> str | None:
        return t.rstrip().removesuffix("”").rstrip() if t is not None else None

    if p.continuation is not None:
        return NewProvision(
            p.level,
            p.designation,
            p.heading,
            p.chapeau,
            p.content,
            strip(p.continuation),
            p.children,
        )
    if p.children:
        kids = (*p.children[:-1], _strip_close(p.children[-1]))
        return NewProvision(p.level, p.designation, p.heading, p.chapeau, None, None, kids)
    return NewProvision(p.level, p.designation, p.heading, None, strip(p.content))


# --- reading plain text --------------------------------------------------------------------

_SEC_LINE = re.compile(r"^(?:SECTION|SEC\.)\s+(\w+(?:[-–]\w+)*)\.\s*(.*)$", re.IGNORECASE)
_DES_LINE = re.compile(r"^\(([A-Za-z0-9]{1,8})\)\s*(.*)$")
_HEAD = re.compile(r"^(.{1,160}?)\.—\s*(.*)$")
_QUOTE_CLOSE = re.compile(r"”\s*[.;,]\s*(?:(?:and|or)\s*)?$")
"""A quotation's closing mark with the instruction's punctuation after it, at a block's end."""
_BLOCK_END = re.compile(r"”\s*(?:[.;,]\s*(?:and|or)?)?\s*$")


def _style(des: str, last: dict[str, str]) -> str:
    """The level of a designation, telling letters from roman numerals by the designations seen
    last at each level: “(c)” after subsection (b) is a subsection even below clause (ii)."""
    if des.isdigit() or re.fullmatch(r"\d+[A-Z]?", des):
        return "paragraph"

    def follows(level: str) -> bool:
        prev = last.get(level)
        return prev is not None and len(prev) == 1 and len(des) == 1 and ord(des) == ord(prev) + 1

    after_roman = bool(last.get("clause") or last.get("subclause"))
    if re.fullmatch(r"[a-z]{2}", des) and des[0] == des[1] and not (des == "ii" and after_roman):
        return "item"
    if re.fullmatch(r"[A-Z]{2}", des) and des[0] == des[1] and not (des == "II" and after_roman):
        return "subitem"
    if ROMAN_LOWER.match(des) and not follows("subsection"):
        return "clause"
    if ROMAN_UPPER.match(des) and not follows("subparagraph"):
        return "subclause"
    if re.fullmatch(r"[a-z]+", des):
        return "subsection"
    return "subparagraph"


@dataclass
class _Line:
    level: str
    designation: str
    heading: str | None
    text: str


def _section_heading(text: str) -> str:
    """`FREEDOM OF EMIGRATION.` -> `Freedom of emigration` (printed bills set section headings in
    capitals; the heading itself is in sentence case, so proper nouns come back lower-cased)."""
    h = text.strip().rstrip("”").strip().removesuffix(".").strip()
    if h.isupper():
        h = h[:1] + h[1:].lower()
    return h


def _parse_block_lines(lines: Sequence[str], first_level: str | None) -> NewMatter:
    """Lines of a quoted block (quotation marks still on) -> provisions, or text."""
    parsed: list[_Line] = []
    last: dict[str, str] = {}
    for raw in lines:
        line = raw.strip()
        line = line[1:] if line.startswith("“") else line
        m_sec = _SEC_LINE.match(line)
        m = _DES_LINE.match(line)
        if m_sec:
            des, rest, level = m_sec[1], m_sec[2], "section"
        elif m:
            des, rest = m[1], m[2]
            level = _style(des, last)
            last[level] = des
            for deeper in LEVELS[LEVELS.index(level) + 1 :]:
                last.pop(deeper, None)
        else:
            if parsed:
                parsed[-1].text = (parsed[-1].text + " " + line).strip()
                continue
            return _squash(" ".join(x.strip().lstrip("“") for x in lines)).removesuffix("”")
        heading = None
        hm = _HEAD.match(rest)
        if hm:
            heading, rest = hm[1].strip(), hm[2]
        elif level == "section" and rest.strip():
            heading, rest = _section_heading(rest), ""
        parsed.append(_Line(level, des, heading, rest.strip()))
    if not parsed:
        return ""
    parsed[-1].text = re.sub(r"”\s*$", "", parsed[-1].text).strip()
    if first_level and parsed[0].level != first_level and first_level in LEVELS:
        parsed[0].level = first_level
    order = {lvl: i for i, lvl in enumerate(LEVELS)}

    def build(i: int, depth: int) -> tuple[list[NewProvision], int]:
        out: list[NewProvision] = []
        while i < len(parsed) and order[parsed[i].level] == depth:
            ln = parsed[i]
            kids, j = (
                build(i + 1, order[ln.level] + 1)
                if i + 1 < len(parsed) and order[parsed[i + 1].level] > depth
                else ([], i + 1)
            )
            text = ln.text or None
            if kids:
                out.append(
                    NewProvision(
                        ln.level, ln.designation, ln.heading, text, None, None, tuple(kids)
                    )
                )
            else:
                out.append(NewProvision(ln.level, ln.designation, ln.heading, None, text))
            i = j
        return out, i

    top = order[parsed[0].level]
    provisions, _ = build(0, top)
    return tuple(provisions)


def read_bill_text(text: str) -> Bill:
    """Read a bill pasted as plain text (any of the four quotation conventions) into a `Bill`.

    Expects one provision per line: `SEC. 2. HEADING.` lines start sections, `(a) …` lines start
    subdivisions, and a quoted block is the run of lines opening with a quotation mark that
    follows a line ending in `:` (or in `inserting`), up to the line closing the quotation.
    """
    lines = [ln.rstrip() for ln in normalize_quotes(text).splitlines()]
    title = next((ln.strip() for ln in lines if ln.strip().lower().startswith("to ")), None)
    number = next((m[0] for ln in lines if (m := re.match(r"^\s*(H\. ?R\.|S\.) ?\d+", ln))), None)
    congress = next(
        (m[0] for ln in lines if (m := re.match(r"^\s*\d+(st|nd|rd|th) CONGRESS", ln, re.I))),
        None,
    )
    has_sections = any(_SEC_LINE.match(ln.strip()) for ln in lines)
    sections = _text_units(lines, implicit=not has_sections)
    instructions: list[Instruction] = []
    free: list[Freestanding] = []
    for label, s in sections:
        _collect(s, label, instructions, free)
    return Bill(
        congress=congress,
        number=number,
        title=title,
        instructions=tuple(instructions),
        freestanding=tuple(free),
    )


def _text_units(lines: Sequence[str], *, implicit: bool) -> list[tuple[str, _Unit]]:
    """The sections of a plain-text bill, with their labels (`Sec. 2`).

    With `implicit` (text with no `SEC.` line at all: instructions pasted on their own), each
    paragraph is read as an undesignated section labelled by its first line (`Line 3`), so
    nothing is lost; a paragraph ends at a blank line or at a line ending a sentence when the
    next one starts a new one with a capital letter."""
    sections: list[tuple[str, _Unit]] = []
    stack: list[_Unit] = []
    i = 0
    fresh = True
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line:
            fresh = True
            continue
        if implicit and (
            fresh
            or (
                stack
                and not stack[-1].children
                and stack[-1].pieces
                and stack[-1].pieces[-1].rstrip().endswith((".", "”."))
                and line[:1].isupper()
            )
        ):
            u = _Unit("", None, [], [], [])
            sections.append((f"Line {i}", u))
            stack = [u]
        fresh = False
        m_sec = _SEC_LINE.match(line)
        if m_sec:
            head = m_sec[2].strip().rstrip(".") or None
            u = _Unit(m_sec[1], head, [], [], [])
            sections.append((f"Sec. {m_sec[1]}", u))
            stack = [u]
            continue
        if not stack:
            continue
        cur = stack[-1]
        prev = cur.pieces[-1].rstrip() if cur.pieces else ""
        if (
            line.startswith("“")
            and (prev.endswith((":", "inserting", "—")) or prev.endswith("following"))
            and not _closes_inline(line)
        ):
            block_lines = [line]
            while not _BLOCK_END.search(block_lines[-1]) and i < len(lines):
                nxt = lines[i].strip()
                i += 1
                if nxt:
                    block_lines.append(nxt)
            tail_m = re.search(r"”\s*([.;,]?\s*(?:and|or)?)\s*$", block_lines[-1])
            tail = tail_m[1] if tail_m else ""
            if tail_m:
                block_lines[-1] = block_lines[-1][: tail_m.start()] + "”"
            level = _new_level(prev)
            cur.blocks.append(_parse_block_lines(block_lines, level))
            cur.pieces.append(BLOCK_MARK + tail)
            continue
        m = _DES_LINE.match(line)
        if m:
            des, rest = m[1], m[2]
            heading = None
            hm = _HEAD.match(rest)
            if hm:
                heading, rest = hm[1].strip(), hm[2]
            u = _Unit(des, heading, [rest] if rest else [], [], [])
            parent = _parent_for(stack, des)
            parent.children.append(u)
            stack = [*stack[: stack.index(parent) + 1], u]
            continue
        cur.pieces.append(line)
    return sections


def _closes_inline(line: str) -> bool:
    """Whether a line opening with a quotation mark closes it again (inline quoted text)."""
    if not line.startswith("“("):
        return line.count("“") <= line.count("”") and not _DES_LINE.match(line[1:])
    return False


def _new_level(prev: str) -> str | None:
    m = re.search(r"new (\w+?)s?\s*:\s*$", prev)
    if m and m[1] in LEVELS:
        return m[1]
    return None


_ORDER = {lvl: i for i, lvl in enumerate(LEVELS)}


def _follows(prev: str, des: str) -> bool:
    """Whether `des` is the designation that comes right after `prev` in some style."""
    if prev.isdigit() and des.isdigit():
        return int(des) == int(prev) + 1
    if len(prev) == len(des) == 1 and prev.isalpha() and des.isalpha():
        if ord(des) == ord(prev) + 1 and prev.islower() == des.islower():
            return True
    rp, rd = roman_value(prev), roman_value(des)
    if rp is not None and rd is not None and prev.islower() == des.islower():
        return rd == rp + 1
    if len(prev) == len(des) > 1 and len(set(prev)) == len(set(des)) == 1:
        return ord(des[0]) == ord(prev[0]) + 1 and prev.islower() == des.islower()
    return False


def _parent_for(stack: list[_Unit], des: str) -> _Unit:
    """The open unit a plain-text `(des)` line belongs under: the parent of the open unit it
    follows in sequence (“(c)” after “(b)”), else by designation style, else the deepest."""
    for k in range(len(stack) - 1, 0, -1):
        if _follows(stack[k].designation, des):
            return stack[k - 1]
    open_des = {u.designation for u in stack}

    def style(d: str) -> str:
        if re.fullmatch(r"\d+[A-Z]?", d):
            return "num"
        if re.fullmatch(r"([a-z])\1+", d) and len(d) > 1:
            return "item"
        if re.fullmatch(r"([A-Z])\1+", d) and len(d) > 1:
            return "subitem"
        letter_before = chr(ord(d[0]) - 1) if len(d) == 1 else ""
        if d.isupper():
            return (
                "roman-upper" if ROMAN_UPPER.match(d) and letter_before not in open_des else "upper"
            )
        return "roman" if ROMAN_LOWER.match(d) and letter_before not in open_des else "lower"

    mine = style(des)
    for k in range(len(stack) - 1, 0, -1):
        if style(stack[k].designation) == mine:
            return stack[k - 1]
    return stack[-1]
