"""The edited version of the law, read: a model of provisions (designations, headings, text
blocks) built from USLM, from plain text in the form `billdraft show` prints, or from a `.docx`
edited with Track Changes (read safely: size, ratio and member caps), and aligned with the
current law's provisions."""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..amendments import (
    LEVELS,
)
from ..cite import Cite
from ..diff import Op, word_diff
from ..errors import BilldraftError, CitationError, DocumentError
from ..newmatter import child_level, designation_fits
from ..statute import TEXT_BLOCKS, Statute, block_text, display, load
from ..uslm import USLM_NS, hardened_parser

_NS = "{" + USLM_NS + "}"
_W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)

MAX_DOCX_BYTES = 50 * 1024 * 1024
"""Largest .docx file read (compressed)."""
MAX_DOCUMENT_XML = 20 * 1024 * 1024
"""Largest `word/document.xml` read (uncompressed)."""
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
"""Largest total uncompressed size of a .docx's members."""
MAX_RATIO = 100
"""Largest compression ratio accepted for a member over 1 MB (a zip bomb compresses far more)."""
MAX_MEMBERS = 5000
"""Most members a .docx may have."""
MAX_TEXT_BYTES = 20 * 1024 * 1024
"""Largest plain-text edit read."""


class EditDerivationError(BilldraftError):
    """No list of amendments could be derived that reproduces the edit exactly."""


# --- the model: a provision as designations, headings and display text ----------------------


@dataclass(eq=False)
class _Block:
    """One text block; for the current law its text is the working state of the derivation."""

    kind: str  # chapeau, content, continuation, proviso (or heading)
    text: str
    touched: list[tuple[int, int]] = field(default_factory=list)
    """Spans earlier amendments changed (as `apply` keeps them: no later one may touch them)."""


@dataclass(eq=False)
class _Node:
    """A provision: designation, heading and its blocks and subdivisions in document order."""

    level: str
    designation: str
    heading: _Block | None = None
    items: list[_Block | _Node] = field(default_factory=list)
    cite: Cite | None = None

    @property
    def children(self) -> list[_Node]:
        return [i for i in self.items if isinstance(i, _Node)]

    def blocks(self, where: str) -> list[_Block]:
        """Non-empty text blocks before (`pre`) or after (`post`) the first subdivision."""
        out: list[_Block] = []
        seen_child = False
        for i in self.items:
            if isinstance(i, _Node):
                seen_child = True
            elif i.text and seen_child == (where == "post"):
                out.append(i)
        return out

    def canon(self) -> tuple[Any, ...]:
        """Everything the edit can change, as comparable values."""
        return (self.designation, *self.signature())

    def signature(self) -> tuple[Any, ...]:
        """`canon()` without the provision's own designation (to spot redesignations)."""
        heading = self.heading.text if self.heading is not None and self.heading.text else None
        items = tuple(
            ("c", i.canon()) if isinstance(i, _Node) else ("b", i.text)
            for i in self.items
            if isinstance(i, _Node) or i.text
        )
        return (self.level, heading, items)

    def words(self) -> list[str]:
        out = self.heading.text.split() if self.heading is not None else []
        for i in self.items:
            out += i.words() if isinstance(i, _Node) else i.text.split()
        return out

    def walk(self) -> Iterator[_Node]:
        yield self
        for c in self.children:
            yield from c.walk()


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag[len(_NS) :] if isinstance(tag, str) and tag.startswith(_NS) else ""


def _node_from_element(el: etree._Element) -> _Node:
    ident = el.get("identifier")
    node = _Node(_local(el), "", cite=Cite.from_identifier(ident) if ident else None)
    for child in el:
        name = _local(child)
        if name == "num":
            node.designation = child.get("value", "")
        elif name == "heading":
            node.heading = _Block("heading", display(block_text(child)))
        elif name in TEXT_BLOCKS:
            node.items.append(_Block(name, display(block_text(child))))
        elif name in LEVELS:
            node.items.append(_node_from_element(child))
    return node


# --- reading the edited version -------------------------------------------------------------


def _read_source(edited: str | Path) -> tuple[str, Path | None]:
    """Classify `edited`: ("statute"|"docx"|"text", path) — text given inline has no path."""
    if isinstance(edited, str) and ("\n" in edited or len(edited) > 4096):
        return "text", None
    path = Path(edited)
    try:
        exists = path.exists()
    except OSError:
        exists = False
    if not exists:
        if isinstance(edited, Path) or path.suffix.lower() in (".docx", ".txt", ".xml"):
            raise DocumentError("expected an edited file, found nothing there", path=path)
        return "text", None
    if path.is_dir():
        return "statute", path
    with path.open("rb") as fh:
        head = fh.read(512)
    if head.startswith(b"PK\x03\x04") or path.suffix.lower() == ".docx":
        return "docx", path
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        return "statute", path
    return "text", path


def _read_text_file(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise DocumentError(
            f"expected a plain-text edit of at most {MAX_TEXT_BYTES} bytes, found {size}", path=path
        )
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise DocumentError(
            "expected plain text (the provision as `billdraft show` prints it), found binary data",
            path=path,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"expected UTF-8 text, found a byte it cannot decode at offset {exc.start}", path=path
        ) from None


def docx_lines(path: str | Path) -> list[str]:
    """The paragraphs of a .docx in the accepted view (`w:ins` kept, `w:del` dropped), as lines.

    The file is checked before anything is decompressed: it must be a zip archive holding
    `word/document.xml`, with bounded member count, sizes and compression ratios (a zip bomb is
    refused), and the XML is parsed with no DTD, entities or network access.
    """
    file = Path(path)
    size = file.stat().st_size
    if size > MAX_DOCX_BYTES:
        raise DocumentError(
            f"expected a Word document of at most {MAX_DOCX_BYTES} bytes, found {size}", path=file
        )
    with file.open("rb") as fh:
        magic = fh.read(4)
    if magic != b"PK\x03\x04":
        raise DocumentError(
            "expected a Word document (.docx, a zip archive starting with PK), "
            f"found a file starting with {magic!r}",
            path=file,
        )
    try:
        zf = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DocumentError(
            f"expected a Word document (.docx, a zip archive), found a damaged zip: {exc}",
            path=file,
        ) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise DocumentError(
                f"expected a Word document of at most {MAX_MEMBERS} parts, found {len(infos)}",
                path=file,
            )
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise DocumentError(
                f"expected at most {MAX_TOTAL_UNCOMPRESSED} bytes uncompressed, found {total} "
                "declared (a zip bomb?)",
                path=file,
            )
        for info in infos:
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise DocumentError(
                    f"expected a compression ratio of at most {MAX_RATIO}:1, found "
                    f"{info.file_size // max(info.compress_size, 1)}:1 for {info.filename} "
                    "(a zip bomb?)",
                    path=file,
                )
        names = {i.filename: i for i in infos}
        doc = names.get("word/document.xml")
        if doc is None:
            found = ", ".join(sorted(names)[:5]) or "no members"
            raise DocumentError(
                f"expected a Word document holding word/document.xml, found {found}", path=file
            )
        if doc.file_size > MAX_DOCUMENT_XML:
            raise DocumentError(
                f"expected word/document.xml of at most {MAX_DOCUMENT_XML} bytes, found "
                f"{doc.file_size}",
                path=file,
            )
        try:
            with zf.open(doc) as member:
                data = member.read(MAX_DOCUMENT_XML + 1)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            RuntimeError,
            NotImplementedError,  # zipfile: a damaged header naming a compression it lacks
        ) as exc:
            raise DocumentError(
                f"expected a readable word/document.xml, found a damaged member ({exc})", path=file
            ) from None
        if len(data) > MAX_DOCUMENT_XML:
            raise DocumentError(
                f"expected word/document.xml of at most {MAX_DOCUMENT_XML} bytes, found more "
                "than its declared size (a zip bomb?)",
                path=file,
            )
    if re.search(rb"<!DOCTYPE|<!ENTITY", data[:4096] if len(data) > 4096 else data):
        raise DocumentError(
            "expected word/document.xml without a DOCTYPE or entity declarations, found one",
            path=file,
        )
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as exc:
        raise DocumentError(
            f"expected well-formed word/document.xml, found: {exc}", path=file
        ) from None
    tag = root.tag if isinstance(root.tag, str) else ""
    ns = tag[1:].split("}")[0] if tag.startswith("{") else ""
    if ns not in _W_NAMESPACES or not tag.endswith("}document"):
        raise DocumentError(
            f"expected a WordprocessingML <w:document> root, found <{etree.QName(root).localname}> "
            f"in namespace {ns or '(none)'}",
            path=file,
        )
    return _accepted_lines(root, ns)


def _accepted_lines(root: etree._Element, ns: str) -> list[str]:
    """Paragraph texts of the accepted view; a paragraph whose mark is deleted joins the next."""
    w = "{" + ns + "}"
    dropped = {w + "del", w + "moveFrom"}
    lines: list[str] = []
    pending = ""
    for p in root.iter(w + "p"):
        if any(a.tag == w + "p" for a in p.iterancestors()):
            continue  # text boxes inside a paragraph are read with it
        parts: list[str] = []
        for el in p.iter(w + "t", w + "tab", w + "br", w + "cr", w + "noBreakHyphen"):
            if any(a.tag in dropped for a in el.iterancestors()):
                continue
            if any(a.tag == w + "pPr" for a in el.iterancestors()):
                continue
            if el.tag == w + "t":
                parts.append(el.text or "")
            elif el.tag == w + "noBreakHyphen":
                parts.append("-")
            else:
                parts.append(" ")
        text = pending + "".join(parts)
        mark_deleted = p.find(f"{w}pPr/{w}rPr/{w}del") is not None
        if mark_deleted:
            pending = text
            continue
        pending = ""
        lines.append(text)
    if pending:
        lines.append(pending)
    return lines


# --- plain text -> model --------------------------------------------------------------------

_SECTION_LINE = re.compile(r"^§+\s*([0-9A-Za-z][0-9A-Za-z–-]*)\.\s*(.*)$", re.S)
_DESIG_LINE = re.compile(r"^\[?\(([A-Za-z0-9]+(?:[-–][A-Za-z0-9]+)?)\)\s*(.*)$", re.S)
_HEADER_LINE = re.compile(r"^(\d+[A-Za-z]?\s+U\.?\s?S\.?\s?C\.?\s+\S+?)(?:\s+[—–-]\s+.*)?$")
_HEADING_SPLIT = re.compile(r"^(.{1,300}?)\.—(.*)$", re.S)
_ELISION = re.compile(r"^(\*\s*){3,}$")
_FIRST = {"a", "1", "A", "i", "I", "aa", "AA"}


def _roman(s: str) -> int | None:
    vals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    s = s.lower()
    if not s or any(c not in vals for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = vals[c]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total


def _is_next(prev: str, nxt: str) -> bool:
    """True when `nxt` follows `prev` in its series: 2→3, b→c, ii→iii, aa→bb."""
    if prev.isdigit() and nxt.isdigit():
        return int(nxt) == int(prev) + 1
    rp, rn = _roman(prev), _roman(nxt)
    if rp is not None and rn is not None and rn == rp + 1:
        return True
    if len(prev) == len(nxt) and prev.isalpha() and len(set(prev)) == 1 and len(set(nxt)) == 1:
        return ord(nxt[0]) == ord(prev[0]) + 1
    return False


@dataclass
class _Open:
    node: _Node
    path: tuple[str, ...]


def _split_heading(
    rest: str, guide: _Node | None, has_children_next: bool
) -> tuple[str | None, str]:
    """Split `Heading.—Text` (or a bare heading) guided by the current provision."""
    cur_heading = guide.heading.text if guide is not None and guide.heading is not None else None
    if cur_heading:
        for sep in (".—", "—"):
            if rest.startswith(cur_heading + sep):
                return cur_heading, rest[len(cur_heading) + len(sep) :].strip()
        if rest in (cur_heading, cur_heading + "."):
            return cur_heading, ""
    m = _HEADING_SPLIT.match(rest)
    if m and len(m.group(1).split()) <= 30 and not m.group(1).rstrip().endswith(","):
        return m.group(1).strip(), m.group(2).strip()
    if cur_heading and guide is not None and not guide.blocks("pre") and has_children_next:
        # the redline layout prints a heading with no text and no dash
        ratio = difflib.SequenceMatcher(None, rest.split(), cur_heading.split()).ratio()
        if ratio >= 0.5:
            return rest, ""
    return None, rest


def _split_section_line(rest: str, guide: _Node | None, where: str) -> tuple[str | None, str]:
    """Split `Heading Text` on a section line (Provision.lines runs them together)."""
    heading = guide.heading.text if guide is not None and guide.heading is not None else ""
    pre = guide.blocks("pre") if guide is not None else []
    text = pre[0].text if pre else ""
    if not text:
        return (rest or None), ""
    if heading and rest.startswith(heading + " "):
        return heading, rest[len(heading) + 1 :].strip()
    if rest == heading:
        return heading, ""
    if rest.endswith(" " + text):
        return rest[: -len(text) - 1].strip() or None, text
    raise DocumentError(
        f"{where}: expected the section's heading “{heading}” or its text to be unchanged on the "
        "section line (the two run together there), found both changed; put the section's text "
        "on a line of its own"
    )


def _parse_chunk(
    lines: Sequence[tuple[int, str]], root_cite: Cite, guide: _Node | None, where: str
) -> _Node:
    """Build the edited provision from its lines (line number, text), guided by the current one."""
    level = LEVELS[len(root_cite.path)]
    cmap: dict[tuple[str, ...], _Node] = {}
    if guide is not None:

        def index(n: _Node, path: tuple[str, ...]) -> None:
            cmap[path] = n
            for c in n.children:
                index(c, (*path, c.designation))

        index(guide, ())
    first_no, first = lines[0]
    root = _Node(level, root_cite.path[-1] if root_cite.path else root_cite.section)
    has_more = len(lines) > 1 and _DESIG_LINE.match(lines[1][1]) is not None
    if level == "section":
        m = _SECTION_LINE.match(first)
        if m is None:
            raise DocumentError(
                f"{where} line {first_no}: expected the section line “§ {root_cite.section}. …”, "
                f"found “{first[:80]}”"
            )
        if Cite(root_cite.title, m.group(1)).section != root_cite.section:
            raise DocumentError(
                f"{where} line {first_no}: expected an edit of {root_cite}, found § {m.group(1)}"
            )
        heading, text = _split_section_line(m.group(2).strip(), guide, where)
    else:
        m = _DESIG_LINE.match(first)
        if m is None or m.group(1) != root.designation:
            raise DocumentError(
                f"{where} line {first_no}: expected the line of {root_cite} starting "
                f"“({root.designation})”, found “{first[:80]}”"
            )
        heading, text = _split_heading(m.group(2).strip(), guide, has_more)
    if heading:
        root.heading = _Block("heading", heading)
    if text:
        root.items.append(_Block("content", text))
    stack = [_Open(root, ())]
    for k, (no, line) in enumerate(lines[1:], start=1):
        if _ELISION.match(line.replace(" ", "")):
            raise DocumentError(
                f"{where} line {no}: expected the full text of the provision, found an elision "
                f"“{line}”"
            )
        nxt_desig = k + 1 < len(lines) and _DESIG_LINE.match(lines[k + 1][1]) is not None
        m = _DESIG_LINE.match(line)
        placed = _place(m.group(1), stack, cmap) if m is not None else None
        if m is not None and placed is not None:
            depth = placed
            parent = stack[depth]
            path = (*parent.path, m.group(1))
            node = _Node(_level_under(parent, m.group(1), cmap), m.group(1))
            heading, text = _split_heading(m.group(2).strip(), cmap.get(path), nxt_desig)
            if heading:
                node.heading = _Block("heading", heading)
            if text:
                node.items.append(_Block("content", text))
            parent.node.items.append(node)
            del stack[depth + 1 :]
            stack.append(_Open(node, path))
            continue
        if m is None and _SECTION_LINE.match(line):
            raise DocumentError(
                f"{where} line {no}: expected the text of {root_cite} only, found another "
                f"section line “{line[:80]}”"
            )
        _place_undesignated(line, stack, cmap)
    _fix_kinds(root)
    return root


def _place(designation: str, stack: list[_Open], cmap: dict[tuple[str, ...], _Node]) -> int | None:
    """The index in `stack` of the provision a designated line belongs under, or None."""
    best: tuple[tuple[bool, bool, bool, int], int] | None = None
    for k, op in enumerate(stack):
        if op.node.level == LEVELS[-1]:
            continue
        want = _level_under(op, designation, cmap)
        if not designation_fits(want, designation):
            continue
        kids = op.node.children
        pre = op.node.blocks("pre")
        feasible = bool(kids) or not pre or pre[-1].text.endswith("—") or pre[-1].text.endswith(":")
        in_current = (*op.path, designation) in cmap
        natural = _is_next(kids[-1].designation, designation) if kids else designation in _FIRST
        key = (feasible, in_current, natural, k)
        if best is None or key > best[0]:
            best = (key, k)
    return best[1] if best is not None else None


def _level_under(op: _Open, designation: str, cmap: dict[tuple[str, ...], _Node]) -> str:
    """The level of subdivision `designation` of the open provision: as the current law has it
    (a section may hold paragraphs with no subsections), else as its other subdivisions are,
    else the next level down."""
    same = cmap.get((*op.path, designation))
    if same is not None:
        return same.level
    kids = op.node.children
    guide = cmap.get(op.path)
    if not kids and guide is not None:
        kids = guide.children
    return kids[-1].level if kids else child_level(op.node.level)


def _place_undesignated(line: str, stack: list[_Open], cmap: dict[tuple[str, ...], _Node]) -> None:
    """An undesignated line: another block of the open provision, or the matter following
    the subdivisions of an enclosing one (the current law decides which)."""
    deepest = stack[-1]
    holders = [op for op in stack if op.node.children]
    for op in reversed(stack):
        guide = cmap.get(op.path)
        if op.node.children:
            have = len(op.node.blocks("post"))
            want = len(guide.blocks("post")) if guide is not None else 0
            if have < want:
                op.node.items.append(_Block("continuation", line))
                del stack[stack.index(op) + 1 :]
                return
        elif op is deepest:
            have = len(op.node.blocks("pre"))
            want = len(guide.blocks("pre")) if guide is not None else 0
            if have < want:
                op.node.items.append(_Block("content", line))
                return
    if holders:
        op = holders[-1]
        op.node.items.append(_Block("continuation", line))
        del stack[stack.index(op) + 1 :]
    else:
        deepest.node.items.append(_Block("content", line))


def _fix_kinds(node: _Node) -> None:
    """Name the blocks of a parsed provision: chapeau/content before subdivisions, continuation after."""
    kids = bool(node.children)
    seen = False
    for i in node.items:
        if isinstance(i, _Node):
            seen = True
            _fix_kinds(i)
        else:
            i.kind = "continuation" if seen else ("chapeau" if kids else "content")


def _text_lines(text: str) -> list[tuple[int, str]]:
    return [(n, display(ln)) for n, ln in enumerate(text.splitlines(), start=1) if ln.strip()]


@dataclass(frozen=True)
class _Law:
    """The current law's lines (as `show` prints them): in order, sorted, and joined."""

    lines: list[str]
    ordered: list[str]
    blob: str

    @classmethod
    def of(cls, lines: list[str]) -> _Law:
        """The lines of the provisions an edit covers."""
        ordered = sorted(set(lines))
        return cls(lines, ordered, "\n".join(ordered))


def _unwrapped(text: str, law: _Law) -> list[tuple[int, str]] | None:
    """The lines of `text` with the lines an editor wrapped joined again, or None if no line
    looks wrapped.

    An editor that fills paragraphs (Emacs, vim `gq`, `fmt`, `fold -s`) breaks a line only where
    the next word would not fit in its width (the longest line's), so a line whose first word
    would have fit on the line above starts a new paragraph. One whose first word would not fit
    is read as the current law (`law`) has it where the words around the break,
    this line or the paragraph above are unchanged; elsewhere it continues that paragraph,
    unless it is designated (“(B) …”) and the paragraph above does not end in a word (“—”,
    “;”, a number …) or ends a list item (“; and”, “, or”)."""
    raw = [(n, ln.expandtabs().rstrip()) for n, ln in enumerate(text.splitlines(), start=1)]
    width = max((len(s) for _, s in raw), default=0)
    out: list[tuple[int, str]] = []
    prev: str | None = None
    joined = False
    for n, s in raw:
        if not s.strip():
            prev = None
            continue
        line = display(s)
        if prev is not None and _continues(out[-1][1], prev, line, width, law.ordered, law.blob):
            out[-1] = (out[-1][0], out[-1][1] + " " + line)
            joined = True
        else:
            out.append((n, line))
        prev = s
    return out if joined else None


def _refilled(text: str, law: _Law) -> list[tuple[int, str]]:
    """The paragraphs of a text an editor refilled (`fmt`, Emacs M-q, vim `gq`), which runs
    the lines of each block between blank lines together, split again: where the current law
    (`law`) breaks between words the edit kept, and then as `_run_together` splits."""
    old = " ".join(law.lines)
    breaks, at = [], 0
    for ln in law.lines:
        breaks.append(at)
        at += len(ln) + 1
    out: list[tuple[int, str]] = []
    block: list[tuple[int, str]] = []
    for n, ln in [*enumerate(text.splitlines(), start=1), (0, "")]:
        if ln.strip():
            block.append((n, display(ln)))
            continue
        if block:
            run = " ".join(s for _, s in block)
            for part in _split_as_law(run, old, breaks):
                out += [(block[0][0], p) for p in _run_together(part, law.ordered, law.blob)]
            block = []
    return out


def _split_as_law(new: str, old: str, breaks: list[int]) -> list[str]:
    """`new` split where `old` has a break (a character offset in `breaks`) that a word diff
    of the two carries over: inside or at the start of words both have, or where the words of
    `old` that begin at a break were struck (there, where they were)."""
    cuts: list[int] = []
    o = n = 0
    k = 0
    for e in word_diff(old, new, semantic=False, amounts=False):
        size = len(e.text)
        if e.op is Op.INSERT:
            n += size
            continue
        while k < len(breaks) and breaks[k] < o:
            k += 1
        while k < len(breaks) and breaks[k] < o + size:
            if e.op is Op.EQUAL:
                cuts.append(n + breaks[k] - o)
            elif not e.text[: breaks[k] - o].strip():
                cuts.append(n)
            k += 1
        o += size
        if e.op is Op.EQUAL:
            n += size
    parts, last = [], 0
    for c in sorted(set(cuts)):
        if 0 < c < len(new) and new[c - 1] == " " and new[last:c].strip():
            parts.append(new[last:c].strip())
            last = c
    parts.append(new[last:].strip())
    return [p for p in parts if p]


def _run_together(
    line: str, known: list[str], blob: str, *, designations: bool = True
) -> list[str]:
    """`line` split where paragraphs were run together: before each word from which a line of
    the current law begins (six words of it, or the whole of a shorter one of two words or
    more), and (with `designations`) before a designation following the end of a provision's
    text or a whole paragraph of the current law, unless the current law runs on there."""
    words = line.split(" ")
    parts: list[str] = []
    start = 0
    for k in range(1, len(words)):
        head = words[k : k + 6]
        begins = (len(head) == 6 and _begins_one(" ".join(head), known)) or any(
            _is_one(" ".join(head[:j]), known) for j in range(2, len(head) + 1)
        )
        after_whole = _DESIGNATION.fullmatch(words[k]) and _is_one(" ".join(words[start:k]), known)
        if not begins and not (designations and (after_whole or _starts_provision(words, k))):
            continue
        if " ".join(words[max(start, k - 4) : k + 2]) in blob:
            continue
        parts.append(" ".join(words[start:k]))
        start = k
    parts.append(" ".join(words[start:]))
    return parts


_DESIGNATION = re.compile(r"\[?\([A-Za-z0-9]+\)")


def _starts_provision(words: list[str], k: int) -> bool:
    """Whether words[k] is a designation (“(B)”) after the end of a provision's text."""
    if k + 1 >= len(words) or not _DESIGNATION.fullmatch(words[k]):
        return False
    if re.match(r"[,.;:)\]]", words[k + 1]):
        return False
    before = words[k - 1]
    if _DESIGNATION.fullmatch(before) or _DESIGNATION.fullmatch(words[k + 1]):
        return True  # “(8) (A) …”: a provision whose text begins with its subdivisions
    if before in ("and", "or") and k >= 2:
        return words[k - 2].endswith((";", ","))
    return re.search(r"[—:;.]”*$", before) is not None


_LIST_END = re.compile(r"[;,]\s*(?:and|or)$")


def _begins_one(prefix: str, ordered: list[str]) -> bool:
    """Whether some line of the sorted `ordered` starts with `prefix`."""
    i = bisect.bisect_left(ordered, prefix)
    return i < len(ordered) and ordered[i].startswith(prefix)


def _is_one(line: str, ordered: list[str]) -> bool:
    """Whether `line` is one of the sorted `ordered`."""
    i = bisect.bisect_left(ordered, line)
    return i < len(ordered) and ordered[i] == line


def _continues(above: str, prev: str, line: str, width: int, known: list[str], blob: str) -> bool:
    """Whether `line` continues the paragraph `above`, whose last physical line is `prev`
    (`known`: the current law's lines, sorted; `blob`: the same joined by newlines)."""
    if len(prev) + 1 + len(line.split()[0]) <= width:
        return False
    if _SECTION_LINE.match(line) or _HEADER_LINE.match(line) or _ELISION.match(line):
        return False
    if display(prev) + " " + line in blob:
        return True  # the current law runs on from the one line into the other
    tail, head = prev.split()[-4:], line.split()[:2]
    if len(tail) + len(head) >= 5 and " ".join(tail + head) in blob:
        return True  # … and does at the break, the text around being edited
    if _is_one(above, known):
        return False  # the paragraph above is a whole paragraph of the current law
    if len(line.split()) >= 4 and _begins_one(line, known):
        return False  # this line begins one
    m = _DESIG_LINE.match(line)
    if m is None:
        return True
    if line.startswith("["):
        return False
    if re.match(r"[,.;:)(\]]", m.group(2)):
        return True  # “(1)(B) of …”, “(2), or …”: a reference, not a designation
    return above[-1:].isalpha() and _LIST_END.search(above) is None


def _chunks(
    lines: list[tuple[int, str]],
    current: Statute,
    section: Cite | None,
    where: str,
    *,
    skip_leading: bool,
) -> list[tuple[Cite, list[tuple[int, str]]]]:
    """Split the lines into (provision, its lines): one chunk per section line, or one for the
    provision a header line or `section` names."""
    title = section.title if section is not None else current.title
    header: Cite | None = None
    if lines:
        m = _HEADER_LINE.match(lines[0][1])
        if m:
            try:
                header = Cite.parse(m.group(1))
            except CitationError:
                header = None
            if header is not None:
                lines = lines[1:]
                if section is not None and header != section:
                    raise DocumentError(
                        f"{where}: expected an edit of {section}, found an edit of {header}"
                    )
    named = header or section
    if named is not None and named.path:
        start = (
            next(
                (
                    i
                    for i, (_, ln) in enumerate(lines)
                    if (m2 := _DESIG_LINE.match(ln)) and m2.group(1) == named.path[-1]
                ),
                None,
            )
            if skip_leading
            else 0
        )
        if not lines or start is None:
            raise DocumentError(
                f"{where}: expected the text of {named}, found "
                + (f"“{lines[0][1][:80]}”" if lines else "no text")
            )
        return [(named, lines[start:])]
    starts = [i for i, (_, ln) in enumerate(lines) if _SECTION_LINE.match(ln)]
    if not starts:
        found = f"“{lines[0][1][:80]}”" if lines else "no text"
        raise DocumentError(
            f"{where}: expected a section line such as “§ {named.section if named else 'N'}. …”, "
            f"found {found}"
        )
    if starts[0] != 0 and not skip_leading:
        raise DocumentError(
            f"{where} line {lines[0][0]}: expected the section line “§ N. …” first, found "
            f"“{lines[0][1][:80]}”"
        )
    chunks: list[tuple[Cite, list[tuple[int, str]]]] = []
    for a, b in zip(starts, [*starts[1:], len(lines)], strict=True):
        m = _SECTION_LINE.match(lines[a][1])
        assert m is not None
        if title is None:
            raise DocumentError(
                f"{where}: expected one Code title in the current law or a named section, found "
                f"several titles loaded"
            )
        try:
            cite = Cite(title, m.group(1))
        except CitationError as exc:
            raise DocumentError(f"{where} line {lines[a][0]}: {exc.message}") from None
        chunks.append((cite, lines[a:b]))
    if named is not None:
        mine = [c for c in chunks if c[0] == named]
        if not mine:
            found = ", ".join(f"§ {c.section}" for c, _ in chunks)
            raise DocumentError(f"{where}: expected an edit of {named}, found an edit of {found}")
        return mine
    return chunks


# --- aligning sequences ---------------------------------------------------------------------


def _similarity(a: list[str], b: list[str]) -> float:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < 0.3 or sm.quick_ratio() < 0.3:
        return 0.0
    return sm.ratio()


def _align_gap(cs: Sequence[_Node], es: Sequence[_Node]) -> list[tuple[_Node | None, _Node | None]]:
    """Best monotone pairing of two short runs of provisions (same designation, or similar)."""
    n, m = len(cs), len(es)
    if n * m > 2500:

        def score(c: _Node, e: _Node) -> float | None:
            return 1.0 if c.designation == e.designation and c.level == e.level else None
    else:

        def score(c: _Node, e: _Node) -> float | None:
            if c.level != e.level:
                return None
            sim = _similarity(c.words(), e.words())
            if c.designation == e.designation:
                return 1.0 + sim
            return sim if sim >= 0.6 else None

    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            opts = [(best[i + 1][j], 1), (best[i][j + 1], 2)]
            s = score(cs[i], es[j])
            if s is not None:
                opts.append((best[i + 1][j + 1] + s, 3))
            best[i][j], move[i][j] = max(opts)
    out: list[tuple[_Node | None, _Node | None]] = []
    i = j = 0
    while i < n or j < m:
        if i == n:
            out.append((None, es[j]))
            j += 1
        elif j == m:
            out.append((cs[i], None))
            i += 1
        elif move[i][j] == 3:
            out.append((cs[i], es[j]))
            i, j = i + 1, j + 1
        elif move[i][j] == 1:
            out.append((cs[i], None))
            i += 1
        else:
            out.append((None, es[j]))
            j += 1
    return out


def _align(cs: list[_Node], es: list[_Node]) -> list[tuple[_Node | None, _Node | None]]:
    """Pair current and edited subdivisions: identical ones first, then the runs between."""
    sm = difflib.SequenceMatcher(
        None, [c.signature() for c in cs], [e.signature() for e in es], autojunk=False
    )
    out: list[tuple[_Node | None, _Node | None]] = []
    i = j = 0
    for a, b, size in sm.get_matching_blocks():
        out += _align_gap(cs[i:a], es[j:b])
        out += [(cs[a + k], es[b + k]) for k in range(size)]
        i, j = a + size, b + size
    return out


# --- the entry point ------------------------------------------------------------------------


def _edited_models(
    current: Statute, edited: Statute | str | Path, section: Cite | None
) -> list[tuple[Cite, _Node]]:
    """(root citation, edited model) for every provision the edit covers."""
    if isinstance(edited, Statute):
        return _statute_models(current, edited, section)
    kind, path = _read_source(edited)
    if kind == "statute":
        assert path is not None
        return _statute_models(current, load(path), section)
    where = str(path) if path is not None else "the edited text"
    if kind == "docx":
        assert path is not None
        lines = [(n, display(t)) for n, t in enumerate(docx_lines(path), start=1) if t.strip()]
        if not lines:
            raise DocumentError(f"{where}: expected the edited text of a provision, found no text")
        chunks = _chunks(lines, current, section, where, skip_leading=True)
    else:
        text = _read_text_file(path) if path is not None else str(edited)
        chunks = _text_chunks(text, current, section, where)
    out: list[tuple[Cite, _Node]] = []
    for cite, chunk in chunks:
        guide = current.get(cite)
        if guide is None:
            if not cite.path:
                raise DocumentError(
                    f"{where}: expected sections of the current law, found {cite}, which it does "
                    "not have; a new section is added to its chapter (“by inserting after section "
                    "… the following new section:”), which billdraft cannot derive or apply: "
                    "leave it out of the edit and word it by hand"
                )
            raise DocumentError(f"{where}: expected an edit of a loaded provision, found {cite}")
        law = "\n".join(guide.lines())
        chunk = [(n, _typographic(ln, law)) for n, ln in chunk]
        out.append((cite, _parse_chunk(chunk, cite, _node_from_element(guide.element), where)))
    return out


_OPENS = "\\s(\\[{—‘“/-"


def _typographic(line: str, law: str) -> str:
    """A line of an edit with the straight quotes and `--` typed in it as the Code prints them
    (“ ” ‘ ’ —), each kind only where the current law (`law`, its text) has none typed so."""
    if "--" not in law:
        line = line.replace("--", "—")
    if '"' not in law:
        line = re.sub(f'(^|[{_OPENS}])"', "\\1“", line).replace('"', "”")
    if "'" not in law:
        line = re.sub(f"(^|[{_OPENS}])'", "\\1‘", line).replace("'", "’")
    return line


def _text_chunks(
    text: str, current: Statute, section: Cite | None, where: str
) -> list[tuple[Cite, list[tuple[int, str]]]]:
    """The provisions a plain-text edit covers, with their lines: read line by line, or with
    the lines an editor wrapped joined again when that reading has more lines that are lines
    of the current law, or as text an editor refilled whole (`_refilled`) when every line is
    filled to the width or the reading still runs paragraphs of the law together."""
    lines = _text_lines(text)
    if not lines:
        raise DocumentError(f"{where}: expected the edited text of a provision, found no text")
    chunks: list[tuple[Cite, list[tuple[int, str]]]] | None = None
    error: DocumentError | None = None
    try:
        chunks = _chunks(lines, current, section, where, skip_leading=False)
    except DocumentError as exc:
        error = exc
    cites = [c for c, _ in chunks] if chunks is not None else [section] if section else []
    law = _Law.of(
        [display(ln) for c in cites if (p := current.get(c)) is not None for ln in p.lines()]
    )
    joined = _unwrapped(text, law)
    other = None
    if joined is not None:
        try:
            other = _chunks(joined, current, section, where, skip_leading=False)
        except DocumentError:
            other = None
    chosen = _better(chunks, other, text, set(law.ordered))
    if chosen is None:
        assert error is not None
        raise error
    # -- every line filled to the width, or paragraphs of the law on one line: the editor
    #    refilled the text --
    if _filled(text) or any(
        len(_run_together(ln, law.ordered, law.blob, designations=False)) > 1
        for _, chunk in chosen
        for _, ln in chunk
    ):
        try:
            return _chunks(_refilled(text, law), current, section, where, skip_leading=False)
        except DocumentError:
            pass
    return chosen


def _filled(text: str) -> bool:
    """Whether every line of `text` but the last of each block is full: the next line's first
    word would not have fit on it (three lines or more)."""
    raw = [ln.expandtabs().rstrip() for ln in text.splitlines()]
    width = max((len(ln) for ln in raw), default=0)
    pairs = [(a, b) for a, b in itertools.pairwise(raw) if a.strip() and b.strip()]
    return len(pairs) >= 2 and all(len(a) + 1 + len(b.split()[0]) > width for a, b in pairs)


def _better(
    chunks: list[tuple[Cite, list[tuple[int, str]]]] | None,
    other: list[tuple[Cite, list[tuple[int, str]]]] | None,
    text: str,
    known: set[str],
) -> list[tuple[Cite, list[tuple[int, str]]]] | None:
    """Of the text read line by line (`chunks`) and with wrapped lines joined (`other`), the
    one with more lines of the current law (`known`)."""
    if chunks is None or other is None:
        return chunks or other

    def score(cs: list[tuple[Cite, list[tuple[int, str]]]]) -> int:
        return sum(1 for _, chunk in cs for _, ln in chunk if ln in known)

    mine, theirs = score(chunks), score(other)
    if theirs == mine:
        # no line tells: a text whose longest line is shorter than some line of the current law
        # that it would print whole is taken as wrapped
        width = max(len(ln.expandtabs().rstrip()) for ln in text.splitlines())
        return other if any(len(k) > width for k in known) else chunks
    return other if theirs > mine else chunks


def _statute_models(
    current: Statute, edited: Statute, section: Cite | None
) -> list[tuple[Cite, _Node]]:
    if section is not None:
        found = edited.get(section)
        if found is None:
            have = ", ".join(str(p.cite) for p in edited.sections[:5])
            raise DocumentError(
                f"expected the edited statute to hold {section}, found only {have or 'nothing'}"
            )
        return [(section, _node_from_element(found.element))]
    out: list[tuple[Cite, _Node]] = []
    common = 0
    mine = current.section_elements()
    for ident, el in edited.section_elements().items():
        old = mine.get(ident)
        if old is None:
            continue
        common += 1
        if old is el:
            continue
        new_model = _node_from_element(el)
        if new_model.canon() != _node_from_element(old).canon():
            out.append((Cite.from_identifier(ident), new_model))
    if common == 0:
        have = ", ".join(str(p.cite) for p in edited.sections[:5])
        raise DocumentError(
            f"expected the edited statute to hold sections of the current law, found {have}"
        )
    return out
