"""Safe reading and writing of USLM 1.0 XML (the official XML of the United States Code).

Hostile input is expected, so every file goes through two layers before anyone sees an element:

1. Before lxml sees a byte: the file must be a regular file the caller named, not empty, no larger
   than ``max_bytes``, strictly valid UTF-8, and free of any document type declaration (a DOCTYPE is
   classified as an external-entity attack, an entity-expansion bomb, or a plain DOCTYPE such as an
   external DTD URL, and rejected).
2. lxml parses the bytes from memory with DTD loading, entity resolution and network access all off
   and libxml2's size limits on, so even a declaration that slipped past layer 1 reads nothing.

The root element must then be in the USLM 1.0 namespace. Every error is a
:class:`~billdraft.errors.XMLInputError` carrying the file name and, where meaningful, the line.
"""

from __future__ import annotations

import codecs
import copy
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from billdraft.errors import (
    DoctypeError,
    EmptyFileError,
    EntityExpansionError,
    ExternalEntityError,
    FileTooLargeError,
    MalformedXMLError,
    NotUSLMError,
    NotUTF8Error,
    UnsafeXMLError,
    XIncludeError,
    XMLInputError,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_TITLE_BYTES",
    "NSMAP",
    "USLM_NS",
    "c14n",
    "iter_title_sections",
    "localname",
    "parse_uslm",
    "parse_uslm_bytes",
    "qn",
    "serialize",
]

USLM_NS = "http://xml.house.gov/schemas/uslm/1.0"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"

#: Prefixes for XPath and :func:`qn`, as used by OLRC files.
NSMAP: dict[str, str] = {"uslm": USLM_NS, "dc": DC_NS, "dcterms": DCTERMS_NS, "xhtml": XHTML_NS}

# qn() also understands the other prefixes found in OLRC files (``html:`` in section files).
_QN_PREFIXES: dict[str, str] = {**NSMAP, "html": XHTML_NS, "xsi": XSI_NS, "xml": XML_NS}

#: Largest single file parse_uslm reads (the largest section of the Code is a few MB).
DEFAULT_MAX_BYTES: int = 64 * 1024 * 1024
#: Largest whole-title file iter_title_sections streams (memory stays bounded; this bounds time).
DEFAULT_MAX_TITLE_BYTES: int = 1024 * 1024 * 1024

_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_UTF8_NAMES = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})
_HEAD_BYTES = 1024 * 1024  # how much of a streamed file is checked for a DOCTYPE up front
_CHUNK_BYTES = 256 * 1024

_DECL_RE = re.compile(r"<\?xml\b(.*?)\?>", re.DOTALL)
_ENCODING_RE = re.compile(r"""\bencoding\s*=\s*(["'])(.*?)\1""")
_MISC_RE = re.compile(r"\s+|<!--.*?-->|<\?.*?\?>", re.DOTALL)
_ENTITY_RE = re.compile(
    r"""<!ENTITY\s+(%\s+)?([^\s>]+)(?:\s+(SYSTEM|PUBLIC)\s*(["'])(.*?)\4(?:\s*(["'])(.*?)\6)?)?""",
    re.DOTALL,
)
_SECTION_ID_RE = re.compile(r"^/us/usc/t[^/]+/s[^/]+$")

# Elements whose sections are not sections of the Code itself (quoted or noted matter, a TOC).
_NOT_TOP_LEVEL = frozenset(
    f"{{{USLM_NS}}}{name}" for name in ("section", "note", "notes", "quotedContent", "toc")
)


# --- names -----------------------------------------------------------------------------------


def qn(tag: str) -> str:
    """Return the Clark name of a tag; a bare name such as ``"section"`` is in USLM_NS."""
    if tag.startswith("{"):
        return tag
    prefix, sep, local = tag.partition(":")
    if not sep:
        return f"{{{USLM_NS}}}{tag}"
    try:
        return f"{{{_QN_PREFIXES[prefix]}}}{local}"
    except KeyError:
        known = ", ".join(sorted(_QN_PREFIXES))
        raise ValueError(f"expected a namespace prefix among {known}, found {prefix!r}") from None


def localname(el: etree._Element) -> str:
    """Return the local name of an element (no namespace); ``""`` for comments and PIs."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


# --- writing ---------------------------------------------------------------------------------


def serialize(el: etree._Element) -> bytes:
    """Return ``el`` as a UTF-8 XML document with a declaration; text exactly as is, no indent."""
    return _XML_DECLARATION + etree.tostring(el, encoding="UTF-8", with_tail=False)


def c14n(el: etree._Element | etree._ElementTree) -> bytes:
    """Return the canonical form (C14N 1.0, no comments) of a tree or of a standalone element."""
    # libxml2's C14N of a subelement, or of a deep copy of one, can emit xmlns="" on descendants
    # whose namespace was declared on an ancestor; serializing and re-parsing first avoids that.
    if isinstance(el, etree._ElementTree):
        data = etree.tostring(el, encoding="UTF-8")
    else:
        data = etree.tostring(el, encoding="UTF-8", with_tail=False)
    doc = etree.fromstring(data, hardened_parser()).getroottree()
    return etree.tostring(doc, method="c14n", exclusive=False, with_comments=False)


# --- reading ---------------------------------------------------------------------------------


def parse_uslm(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._ElementTree:
    """Parse the USLM file at ``path`` with the hardened parser (XMLInputError if unsafe)."""
    name = str(path)
    with _open_regular(path, name, max_bytes) as fh:
        # Read what fstat promised (+1 to notice growth): fh.read(max_bytes + 1) would allocate
        # max_bytes for every file, however small.
        size = os.fstat(fh.fileno()).st_size
        data = fh.read(min(size, max_bytes) + 1)
        if len(data) > size:  # the file grew since it was opened: read on, still bounded
            data += fh.read(max_bytes + 1 - len(data))
    return parse_uslm_bytes(data, name=name, max_bytes=max_bytes)


def parse_uslm_bytes(
    data: bytes, *, name: str = "<bytes>", max_bytes: int = DEFAULT_MAX_BYTES
) -> etree._ElementTree:
    """Parse USLM from ``data`` (``name`` is used in errors) with the hardened parser."""
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes, name)
    if not data:
        raise EmptyFileError("expected a USLM XML document, found an empty file", path=name)
    text = _decode_utf8(data, name)
    if not text.strip():
        raise EmptyFileError("expected a USLM XML document, found only whitespace", path=name)
    _check_prolog(text, name, complete=True)
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as e:
        raise MalformedXMLError(
            f"expected well-formed XML, found a syntax error: {syntax_message(e.msg)}",
            path=name,
            line=e.lineno,
        ) from None
    tree = root.getroottree()
    _check_tree(tree, root, name)
    reject_xinclude(root, name)
    return tree


def iter_title_sections(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_TITLE_BYTES,
    outline: list[etree._Element] | None = None,
) -> Iterator[etree._Element]:
    """Stream the top-level Code sections of a whole-title (or single-section) USLM file.

    Each section is yielded as a standalone copy (the namespaces it uses stay declared); a
    section nested in another section, a note, quoted content or a table of contents is not a
    section of the Code and is not yielded. Processed elements are cleared as parsing goes, so
    memory stays bounded by the largest section. Errors are raised when iteration starts.

    With `outline` (a list), everything but the sections is kept: each section is left in place as
    an empty stub carrying only its identifier, and the document's root (the title's containers,
    headings and tables of sections) is appended to the list when iteration ends.
    """
    name = str(path)
    with _open_regular(path, name, max_bytes) as fh:
        head = fh.read(_HEAD_BYTES)
        complete = len(head) < _HEAD_BYTES
        text = _decode_utf8(head, name, final=complete)
        if complete and not text.strip():
            raise EmptyFileError("expected a USLM XML document, found only whitespace", path=name)
        _check_prolog(text, name, complete=complete)
        reader = _CheckedReader(fh, head, name, max_bytes)
        yield from _iter_sections(reader, name, outline)


# --- layer 1: checks on the bytes ------------------------------------------------------------


def _open_regular(path: str | Path, name: str, max_bytes: int) -> BinaryIO:
    """Open ``path`` for reading without blocking, after checking it is a non-empty regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise XMLInputError(
            "expected a USLM XML file, found no file at this path", path=name
        ) from None
    except OSError as e:
        raise XMLInputError(
            f"expected a readable USLM XML file, found it cannot be opened ({e.strerror})",
            path=name,
        ) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise XMLInputError(
                f"expected a regular file, found {_file_kind(st.st_mode)}", path=name
            )
        if st.st_size == 0:
            raise EmptyFileError("expected a USLM XML document, found an empty file", path=name)
        if st.st_size > max_bytes:
            raise _too_large(st.st_size, max_bytes, name)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _file_kind(mode: int) -> str:
    """Name the kind of a non-regular file for an error message."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _too_large(size: int, max_bytes: int, name: str) -> FileTooLargeError:
    """Build the error for a file over the size limit."""
    return FileTooLargeError(
        f"expected at most {max_bytes:,} bytes (max_bytes), found {size:,} bytes or more", path=name
    )


def _not_utf8(e: UnicodeDecodeError, line: int, offset: int, name: str) -> NotUTF8Error:
    """Build the error for the first byte that is not valid UTF-8."""
    bad = bytes(e.object[e.start : e.end]).hex(" ").upper()
    return NotUTF8Error(
        f"expected UTF-8 text, found byte(s) {bad} at byte offset {offset} that are not valid "
        f"UTF-8 ({e.reason}; is the file Latin-1, Windows-1252 or UTF-16?)",
        path=name,
        line=line,
    )


def _decode_utf8(data: bytes, name: str, *, final: bool = True) -> str:
    """Strictly decode ``data`` as UTF-8 (a trailing partial character is allowed if not final)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        return str(decoder.decode(data, final=final))
    except UnicodeDecodeError as e:
        raise _not_utf8(e, data.count(b"\n", 0, e.start) + 1, e.start, name) from None


def _line_at(text: str, index: int) -> int:
    """Return the 1-based line number of ``text[index]``."""
    return text.count("\n", 0, index) + 1


def _check_prolog(text: str, name: str, *, complete: bool) -> None:
    """Reject a non-UTF-8 encoding declaration and any document type declaration.

    ``text`` is the whole document, or (when not ``complete``) its head.
    """
    pos = 1 if text.startswith("\ufeff") else 0
    decl = _DECL_RE.match(text, pos)
    if decl:
        enc = _ENCODING_RE.search(decl.group(1))
        if enc and enc.group(2).lower() not in _UTF8_NAMES:
            raise NotUTF8Error(
                f"expected an XML declaration with encoding UTF-8, found encoding {enc.group(2)!r}",
                path=name,
                line=_line_at(text, decl.start()),
            )
        pos = decl.end()
    while (m := _MISC_RE.match(text, pos)) is not None:
        pos = m.end()
    if text[pos : pos + 9].upper() == "<!DOCTYPE":
        _reject_doctype(text, pos, name)
    if pos >= len(text) and not complete:
        raise UnsafeXMLError(
            f"expected the root element within the first {_HEAD_BYTES:,} bytes, found only "
            "comments, processing instructions or whitespace",
            path=name,
            line=_line_at(text, pos),
        )


def _snippet(s: str, limit: int = 120) -> str:
    """Return ``s`` on one line, shortened to ``limit`` characters."""
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def reject_entities(text: str, name: str, start: int = 0) -> None:
    """Raise ExternalEntityError or EntityExpansionError if ``text`` declares any entity.

    A plain DOCTYPE passes (the bill DTD's files carry one; it is never loaded)."""
    entities = list(_ENTITY_RE.finditer(text, start))
    for m in entities:
        if m.group(3):
            kind = "parameter entity" if m.group(1) else "entity"
            ids = " ".join(repr(_snippet(i, 200)) for i in m.group(5, 7) if i is not None)
            raise ExternalEntityError(
                f"expected no document type declaration or entities (billdraft never loads "
                f"external entities), found an external {kind} {m.group(2)!r} declared "
                f"{m.group(3)} {ids}",
                path=name,
                line=_line_at(text, m.start()),
            )
    if entities:
        names = ", ".join(repr(m.group(2)) for m in entities[:5])
        more = f" and {len(entities) - 5} more" if len(entities) > 5 else ""
        raise EntityExpansionError(
            f"expected no document type declaration or entities (entity expansion is refused), "
            f"found {len(entities)} entity declaration(s): {names}{more}",
            path=name,
            line=_line_at(text, entities[0].start()),
        )


def _reject_doctype(text: str, start: int, name: str) -> None:
    """Raise the UnsafeXMLError that fits the document type declaration at ``text[start]``."""
    reject_entities(text, name, start)
    end = text.find(">", start)
    decl = text[start : end + 1 if end >= 0 else start + 200]
    raise DoctypeError(
        "expected no document type declaration (USLM files have none; DTDs are never loaded), "
        f"found {_snippet(decl)}",
        path=name,
        line=_line_at(text, start),
    )


class _CheckedReader:
    """A file-like reader for iterparse that re-checks UTF-8 and the size limit as it goes."""

    def __init__(self, fh: BinaryIO, head: bytes, name: str, max_bytes: int) -> None:
        self._fh = fh
        self._pending = head
        self._name = name
        self._max_bytes = max_bytes
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self._newlines = 0
        self._offset = 0
        self._done = False

    def read(self, size: int = -1) -> bytes:
        """Return the next chunk of checked bytes (``b""`` at the end)."""
        if self._done:
            return b""
        if self._pending:
            chunk, self._pending = self._pending, b""
        else:
            chunk = self._fh.read(_CHUNK_BYTES if size is None or size < 0 else size)
        final = not chunk
        try:
            self._decoder.decode(chunk, final=final)
        except UnicodeDecodeError as e:
            # e.object is the decoder's buffered partial character + chunk; the buffer has no "\n".
            buffered = len(e.object) - len(chunk)
            line = self._newlines + e.object.count(b"\n", 0, e.start) + 1
            raise _not_utf8(e, line, self._offset - buffered + e.start, self._name) from None
        self._newlines += chunk.count(b"\n")
        self._offset += len(chunk)
        if self._offset > self._max_bytes:
            raise _too_large(self._offset, self._max_bytes, self._name)
        self._done = final
        return chunk


# --- layer 2: the parser and the tree --------------------------------------------------------


def hardened_parser(*, remove_comments: bool = False) -> etree.XMLParser:
    """Return an lxml parser that loads no DTD, resolves no entity and touches no network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=remove_comments,
        remove_pis=remove_comments,
    )


XINCLUDE_TAGS = frozenset(
    "{" + ns + "}include"
    for ns in ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
)
"""`xi:include` in both namespaces XInclude has used: refused, since following one reads a file (or
an address) the user did not name, and keeping one unexpanded would drop the text it stands for."""


def reject_xinclude(el: etree._Element, name: str) -> None:
    """Raise XIncludeError if `el` is or holds an `xi:include`."""
    for tag in XINCLUDE_TAGS:
        found = el if el.tag == tag else next(el.iter(tag), None)
        if found is not None:
            href = found.get("href", "")
            raise XIncludeError(
                "expected a self-contained document, found an xi:include"
                + (f" of {_snippet(href, 80)!r}" if href else "")
                + " (billdraft reads no file the user did not name)",
                path=name,
                line=_sourceline(found),
            )


def syntax_message(msg: str) -> str:
    """libxml2's syntax message without its advice to the programmer (`use XML_PARSE_HUGE option`)."""
    text = re.sub(r",?\s*(?:use|try) XML_PARSE_HUGE(?: option)?", "", msg or "").strip()
    if "XML_PARSE_HUGE" in (msg or "") or "Huge input lookup" in text:
        text += " (billdraft limits the size of one text node or name)"
    return text or "an error the XML parser does not name"


def _check_tree(tree: etree._ElementTree, root: etree._Element, name: str) -> None:
    """Check a parsed document has no DOCTYPE and a USLM 1.0 root element."""
    doctype: str = tree.docinfo.doctype  # type: ignore[attr-defined]  # missing from lxml-stubs
    if doctype:
        raise DoctypeError(
            f"expected no document type declaration, found {_snippet(doctype)}",
            path=name,
            line=1,
        )
    tag = root.tag
    if not isinstance(tag, str) or not tag.startswith("{" + USLM_NS + "}"):
        found = tag if isinstance(tag, str) else repr(tag)
        if isinstance(tag, str) and not tag.startswith("{"):
            found = f"{tag} (no namespace)"
        raise NotUSLMError(
            f"expected a USLM 1.0 element in namespace {USLM_NS}, found {found}",
            path=name,
            line=_sourceline(root),
        )


def _sourceline(el: etree._Element) -> int | None:
    """Return the line an element starts on, if lxml knows it."""
    line = el.sourceline
    return line if isinstance(line, int) else None


def _standalone(el: etree._Element) -> etree._Element:
    """Return a copy of ``el`` as the root of its own document, declaring the namespaces it uses."""
    # The deep copy declares only the ancestors' namespaces the section uses (not dc:, xsi: ... of
    # uscDoc), but its nodes still point at the old declarations, which libxml2's C14N gets wrong;
    # serializing the copy and re-parsing it gives a clean document.
    data = etree.tostring(copy.deepcopy(el), encoding="UTF-8", with_tail=False)
    return etree.fromstring(data, hardened_parser())


def _release(el: etree._Element) -> None:
    """Free a finished element and the finished siblings before it."""
    el.clear(keep_tail=True)  # type: ignore[call-arg]  # missing from lxml-stubs
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def _stub(el: etree._Element) -> None:
    """Empty a streamed section, keeping only its identifier (its place in the outline)."""
    ident = el.get("identifier", "")
    el.clear(keep_tail=True)  # type: ignore[call-arg]  # missing from lxml-stubs
    el.set("identifier", ident)


def _iter_sections(
    reader: _CheckedReader, name: str, outline: list[etree._Element] | None = None
) -> Iterator[etree._Element]:
    """Yield the top-level Code sections from a checked byte stream."""
    events = etree.iterparse(
        reader,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
    )
    section = qn("section")
    root: etree._Element | None = None
    blocked = 0  # how many open section/note/quotedContent/toc elements enclose the current one
    try:
        for event, el in events:
            if event == "start":
                if root is None:
                    root = el
                    _check_tree(el.getroottree(), el, name)
                if el.tag in _NOT_TOP_LEVEL:
                    blocked += 1
                continue
            if el.tag in XINCLUDE_TAGS:
                reject_xinclude(el, name)
            if el.tag in _NOT_TOP_LEVEL:
                blocked -= 1
            if blocked:
                continue  # part of a section (or note) still being read
            is_section = el.tag == section and (
                el is root or _SECTION_ID_RE.match(el.get("identifier", ""))
            )
            if is_section:
                yield _standalone(el)
            if outline is None:
                _release(el)
            elif is_section and el is not root:
                _stub(el)
        if outline is not None and root is not None:
            outline.append(root)
    except etree.XMLSyntaxError as e:
        raise MalformedXMLError(
            f"expected well-formed XML, found a syntax error: {syntax_message(e.msg)}",
            path=name,
            line=e.lineno,
        ) from None
