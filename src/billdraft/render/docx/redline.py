"""The Word redline: the affected sections with every change a real tracked revision.

Each changed piece of a paragraph is a `w:del` (text in `w:delText`) or `w:ins` with author,
date and a unique id; a provision inserted or struck whole is a paragraph-level revision (its
paragraph mark marked too), so Word's Review pane and LibreOffice accept and reject each change.
Each stretch of changes carries a Word comment citing the amendment that made it.

The paragraphs are the redline's layout (`Redline.paragraphs`), so Accept All leaves exactly
`section_text` of each amended section, one paragraph per line, and Reject All that of the
current law.

The markup is the markup `oxml` builds element by element (`add_run`, `add_inserted_run`,
`add_deleted_run`, `mark_paragraph_inserted`/`_deleted`, `add_comment`), written here as text:
a redline of a thousand changes has some 150,000 elements, which lxml element proxies build
several times slower than string joins. python-docx makes the document (page set-up, styles,
header), and packages the parts; `word/document.xml` and `word/comments.xml` are its own
serialisations with the paragraphs and comments spliced in.
"""

from __future__ import annotations

import datetime as dt
import queue
import re
import threading
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import qn
from lxml import etree

from ...amendments import Amendment
from ...apply import describe
from ...diff import Edit, Op, Paragraph, PlainLine, Redline, paused_gc
from .oxml import Revisions
from .statute import new_document, paragraph_style, run_format

__all__ = ["comment_text", "expected_revisions", "write_redline_docx"]


def comment_text(amendment: Amendment) -> str:
    """What a change's comment says: the amendment's label and what it does."""
    return describe(amendment)


def _initials(author: str) -> str:
    letters = "".join(w[0] for w in author.split() if w)
    return (letters or author[:2]).upper()[:8]


def _stretches(para: Paragraph) -> list[list[tuple[str, Edit]]]:
    """The paragraph's pieces cut where a comment starts or ends.

    Changed pieces by one amendment form one stretch (one comment); EQUAL pieces are stretches
    of their own.
    """
    out: list[list[tuple[str, Edit]]] = []
    for role, e in para.pieces:
        last = out[-1] if out else None
        if last is not None and (
            (e.op == Op.EQUAL and last[0][1].op == Op.EQUAL)
            or (
                e.op != Op.EQUAL
                and last[0][1].op != Op.EQUAL
                and last[0][1].amendment is e.amendment
            )
        ):
            last.append((role, e))
        else:
            out.append([(role, e)])
    return out


def _groups(paragraphs: Iterable[Paragraph | PlainLine]) -> Iterator[list[Paragraph] | PlainLine]:
    """Paragraphs in groups: consecutive whole-paragraph revisions of one kind and amendment
    (one comment covers them), every other paragraph alone (a line of untouched law as is)."""
    group: list[Paragraph] = []
    for para in paragraphs:
        if isinstance(para, PlainLine):
            if group:
                yield group
                group = []
            yield para
            continue
        last = group[-1] if group else None
        if (
            last is not None
            and para.status in ("inserted", "struck")
            and last.status == para.status
            and last.amendment is para.amendment
        ):
            group.append(para)
        else:
            if group:
                yield group
            group = [para]
    if group:
        yield group


# --- markup as text ------------------------------------------------------------------------------

# -- characters XML 1.0 cannot carry (lxml refuses them in text; so do we) --
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL = bytes(range(32)).translate(None, b"\t\n\r")
_BREAK = re.compile(r"([\t\n\r])")


def _text(s: str) -> str:
    """`s` escaped as lxml escapes character data (callers keep tabs and line breaks out)."""
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    return s


def _attr(s: str) -> str:
    """`s` escaped as lxml escapes an attribute value in double quotes."""
    return (
        _text(s)
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def _run(text: str, rpr: str, t: str) -> str:
    """A `w:r` as `oxml._new_run` builds it: text in `t` (`w:t`/`w:delText`), a tab as `w:tab`,
    a line break as `w:br`, every text element keeping its spaces."""
    if "\t" in text or "\n" in text or "\r" in text:
        inner: list[str] = []
        for k, chunk in enumerate(_BREAK.split(text)):
            if k % 2:
                inner.append("<w:tab/>" if chunk == "\t" else "<w:br/>")
            elif chunk:
                inner.append(f'<{t} xml:space="preserve">{_text(chunk)}</{t}>')
        body = "".join(inner)
    elif text:
        body = f'<{t} xml:space="preserve">{_text(text)}</{t}>'
    else:
        body = ""
    return f"<w:r>{rpr}{body}</w:r>" if rpr or body else "<w:r/>"


def _rpr(para: Paragraph | PlainLine, role: str) -> str:
    """The `w:rPr` of a piece (CT_RPr order: b, smallCaps), empty when unformatted."""
    fmt = run_format(para, role)
    flags = ("<w:b/>" if fmt["bold"] else "") + ("<w:smallCaps/>" if fmt["small_caps"] else "")
    return f"<w:rPr>{flags}</w:rPr>" if flags else ""


class _Writer:
    """Writes the redline's paragraphs and comments as WordprocessingML text."""

    def __init__(self, document: DocxDocument, rev: Revisions) -> None:
        self.document = document
        self.rev = rev
        self.stamp = f' w:author="{_attr(rev.author)}" w:date="{rev.date_xml}"'
        self.comment_stamp = (
            f' w:author="{_attr(rev.author)}" w:initials="{_attr(_initials(rev.author))}"'
            f' w:date="{rev.date_xml}"'
        )
        self.body: list[str] = []
        self.comments: list[str] = []
        self.last_mark: str | None = None  # the revision on the last paragraph's mark
        self._styles: dict[int, str] = {}  # style id by depth (`paragraph_style`)
        self._formats: dict[tuple[str, str], str] = {}
        self._texts: dict[int, str] = {}
        # -- for lines of untouched law: each paragraph's start by depth, each run's start
        #    (`w:r`, `w:rPr`, `w:t`) by level and role --
        self._starts: dict[int, str] = {}
        self._opens: dict[str, dict[str, str]] = {}

    def _head(self, para: Paragraph | PlainLine, mark: str | None = None) -> str:
        sid = self._styles.get(para.depth)
        if sid is None:
            name = paragraph_style(para)
            sid = self._styles[para.depth] = _attr(str(self.document.styles[name].style_id))
        if mark is None:
            return f'<w:p><w:pPr><w:pStyle w:val="{sid}"/></w:pPr>'
        return f'<w:p><w:pPr><w:pStyle w:val="{sid}"/><w:rPr>{mark}</w:rPr></w:pPr>'

    def _format(self, para: Paragraph | PlainLine, role: str) -> str:
        key = (para.level, role)
        rpr = self._formats.get(key)
        if rpr is None:
            rpr = self._formats[key] = _rpr(para, role)
        return rpr

    def _comment(self, amendment: Amendment) -> int:
        """A comment citing `amendment`; its id is handed out after the revisions it covers."""
        text = self._texts.get(id(amendment))
        if text is None:
            text = self._texts[id(amendment)] = comment_text(amendment)
        cid = self.rev.next_id()
        if "\t" in text or "\n" in text or "\r" in text or not text:
            self.comments.append(self._docx_comment(cid, text))
        else:
            space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
            self.comments.append(
                f'<w:comment w:id="{cid}"{self.comment_stamp}><w:p><w:pPr>'
                '<w:pStyle w:val="CommentText"/></w:pPr><w:r><w:rPr>'
                '<w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
                f"<w:r><w:t{space}>{_text(text)}</w:t></w:r></w:p></w:comment>"
            )
        return cid

    def _docx_comment(self, cid: int, text: str) -> str:
        """A comment python-docx writes (several paragraphs, tabs): built, serialised, removed."""
        author = self.rev.author
        comment = self.document.comments.add_comment(
            text=text, author=author, initials=_initials(author)
        )
        elm = comment._comment_elm  # python-docx: no id/date setter
        elm.set(qn("w:id"), str(cid))
        elm.date = self.rev.date
        xml = etree.tostring(elm, encoding="unicode")
        parent = elm.getparent()
        if parent is not None:
            parent.remove(elm)
        start, rest = xml.split(">", 1)
        return re.sub(r' xmlns:\w+="[^"]*"', "", start) + ">" + rest

    def group(self, group: list[Paragraph]) -> None:
        """One paragraph, or a run of whole-paragraph revisions sharing one comment."""
        first = group[0]
        if first.status not in ("inserted", "struck"):
            for para in group:
                self._changed(para)
            return
        written: list[list[str]] = []
        mark = ""
        for para in group:
            inserted = para.status == "inserted"
            tag = "w:ins" if inserted else "w:del"
            t = "w:t" if inserted else "w:delText"
            mark = f'<{tag} w:id="{self.rev.next_id()}"{self.stamp}/>'
            out = [self._head(para, mark)]
            if para.pieces:
                runs = "".join(_run(e.text, self._format(para, role), t) for role, e in para.pieces)
                out.append(f'<{tag} w:id="{self.rev.next_id()}"{self.stamp}>{runs}</{tag}>')
            written.append(out)
        if first.amendment is not None:
            cid = self._comment(first.amendment)
            written[0].insert(1, f'<w:commentRangeStart w:id="{cid}"/>')
            written[-1].append(
                f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/></w:r>'
            )
        for out in written:
            out.append("</w:p>")
            self.body.append("".join(out))
        self.last_mark = mark

    def plain(self, line: PlainLine) -> None:
        """A paragraph of untouched law: plain runs (as `_changed` writes an unchanged one)."""
        self.last_mark = None
        start = self._starts.get(line.depth)
        if start is None:
            start = self._starts[line.depth] = self._head(line)
        opens = self._opens.get(line.level)
        if opens is None:
            opens = self._opens[line.level] = {}
        out = [start]
        for role, text in zip(line.roles, line.texts, strict=True):
            run = opens.get(role)
            if run is None:
                run = opens[role] = f'<w:r>{self._format(line, role)}<w:t xml:space="preserve">'
            if not text or "\t" in text or "\n" in text or "\r" in text:
                out.append(_run(text, self._format(line, role), "w:t"))
            elif "&" in text or "<" in text or ">" in text:
                out.append(f"{run}{_text(text)}</w:t></w:r>")
            else:
                out.append(f"{run}{text}</w:t></w:r>")
        out.append("</w:p>")
        self.body.append("".join(out))

    def _changed(self, para: Paragraph) -> None:
        """A partly changed (or unchanged) paragraph: EQUAL plain, DELETE/INSERT tracked."""
        self.last_mark = None
        mark = f'<w:ins w:id="{self.rev.next_id()}"{self.stamp}/>' if para.mark_inserted else None
        out = [self._head(para, mark)]
        for stretch in _stretches(para):
            lead = stretch[0][1]
            if lead.op == Op.EQUAL:
                out += [_run(e.text, self._format(para, role), "w:t") for role, e in stretch]
                continue
            at = len(out)
            for role, e in stretch:
                rpr = self._format(para, role)
                if e.op == Op.DELETE:
                    run = _run(e.text, rpr, "w:delText")
                    out.append(f'<w:del w:id="{self.rev.next_id()}"{self.stamp}>{run}</w:del>')
                else:
                    run = _run(e.text, rpr, "w:t")
                    out.append(f'<w:ins w:id="{self.rev.next_id()}"{self.stamp}>{run}</w:ins>')
            if lead.amendment is not None:
                cid = self._comment(lead.amendment)
                out.insert(at, f'<w:commentRangeStart w:id="{cid}"/>')
                out.append(
                    f'<w:commentRangeEnd w:id="{cid}"/>'
                    f'<w:r><w:commentReference w:id="{cid}"/></w:r>'
                )
        out.append("</w:p>")
        self.body.append("".join(out))
        self.last_mark = mark

    def unmark_last(self) -> None:
        """Take the revision off the last paragraph's mark: a document's final paragraph mark
        cannot be inserted or deleted (Word and LibreOffice ignore such a mark), so none is
        claimed."""
        if self.body and self.last_mark is not None:
            self.body[-1] = self.body[-1].replace(f"<w:rPr>{self.last_mark}</w:rPr>", "<w:rPr/>", 1)


def _xml_bytes(markup: list[str]) -> bytes:
    """The markup as UTF-8, refusing characters XML cannot carry as lxml does."""
    data = "".join(markup).encode("utf-8")  # a lone surrogate raises here, as in lxml
    if len(data.translate(None, _CONTROL)) != len(data) or (
        b"\xef\xbf" in data and (b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data)
    ):
        text = data.decode("utf-8")
        bad = _NOT_XML.search(text)
        assert bad is not None
        # -- the words before it in its paragraph, as the reader sees them (markup left out) --
        start = max(text.rfind("<w:p>", 0, bad.start()), text.rfind("<w:p ", 0, bad.start()), 0)
        before = " ".join(re.sub(r"<[^>]*>", " ", text[start : bad.start()]).split())[-40:]
        raise ValueError(
            f"expected text XML can carry, found the character U+{ord(bad.group()):04X} "
            f"after {before!r}"
        )
    return data


def _halves(root: etree._Element, before: etree._Element | None) -> tuple[bytes, bytes]:
    """python-docx's serialisation of the part `root`, cut where content goes in before
    `before` (at the end of `root` when None)."""
    mark = etree.Comment("billdraft-content")
    if before is not None:
        before.addprevious(mark)
    else:
        root.append(mark)
    try:
        xml = etree.tostring(root, encoding="UTF-8", standalone=True)
    finally:
        parent = mark.getparent()
        if parent is not None:
            parent.remove(mark)
    head, tail = xml.split(b"<!--billdraft-content-->")
    return head, tail


class _Serialized:
    """A package part whose bytes are already written (python-docx packages it as they are)."""

    def __init__(self, part: Part, blob: bytes) -> None:
        self.partname = part.partname
        self.content_type = part.content_type
        self.rels = part.rels
        self.blob = blob


class _ZipWriter:
    """python-docx's `PhysPkgWriter` at zlib level 1 (a redline's `document.xml` runs to
    megabytes, which the default level takes twice as long to squeeze for a sixth less),
    skipping the items already streamed in (`_Streamed`)."""

    def __init__(self, zipf: zipfile.ZipFile, written: Iterable[str] = ()) -> None:
        self._zipf = zipf
        self._written = frozenset(written)

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        """Store `blob` as the package item `pack_uri` (unless it is already in)."""
        if pack_uri.membername not in self._written:
            self._zipf.writestr(pack_uri.membername, blob)


class _Streamed:
    """One zip item written by a worker thread from the chunks handed to `put`, so that zlib
    (which lets go of the interpreter lock) squeezes the part while the caller builds the rest.

    Use as a context manager: leaving it finishes the item (or, on an error, abandons it and
    re-raises); an error in the worker is raised in the caller.
    """

    def __init__(self, zipf: zipfile.ZipFile, name: str) -> None:
        self._zipf = zipf
        self._name = name
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="billdraft-zip", daemon=True)

    def _run(self) -> None:
        try:
            with self._zipf.open(self._name, "w") as item:
                while (chunk := self._queue.get()) is not None:
                    item.write(chunk)
        except BaseException as exc:  # handed to the caller in __exit__
            self._error = exc
            while self._queue.get() is not None:  # let the caller finish putting
                pass

    def put(self, chunk: bytes) -> None:
        """Queue `chunk` to be written next."""
        if chunk:
            self._queue.put(chunk)

    def __enter__(self) -> _Streamed:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None and exc[0] is None:
            raise self._error


def _save(
    document: DocxDocument,
    zipf: zipfile.ZipFile,
    blobs: dict[str, bytes],
    written: Iterable[str] = (),
) -> None:
    """Save `document` as python-docx does (`PackageWriter.write`), with the parts named in
    `blobs` written as given and the items named in `written` left out (already in)."""
    package = document.part.package
    assert package is not None
    parts: list[Any] = []
    for part in package.iter_parts():
        part.before_marshal()
        blob = blobs.get(str(part.partname))
        parts.append(part if blob is None else _Serialized(part, blob))
    writer = _ZipWriter(zipf, written)
    PackageWriter._write_content_types_stream(writer, parts)  # type: ignore[no-untyped-call]
    PackageWriter._write_pkg_rels(writer, package.rels)  # type: ignore[no-untyped-call]
    PackageWriter._write_parts(writer, parts)  # type: ignore[arg-type]


def write_redline_docx(
    redline: Redline,
    path: str | Path,
    *,
    author: str = "billdraft",
    date: dt.datetime | None = None,
) -> Path:
    """Write the changed sections with tracked changes (`w:ins`/`w:del`) and amendment comments."""
    with paused_gc():
        return _write(redline, Path(path), author, date)


_CHUNK = 2000
"""Paragraphs of markup handed to the zip writer at a time."""


def _write(redline: Redline, out: Path, author: str, date: dt.datetime | None) -> Path:
    document = new_document("Changes in existing law (tracked changes)")
    writer = _Writer(document, Revisions(author, date))
    root = document.element
    head, tail = _halves(root, root.body.find(qn("w:sectPr")))
    name = document.part.partname.membername
    zipf = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
    try:
        # -- word/document.xml goes in first, squeezed as it is written; the parts that depend
        #    on what it holds (comments, and the content types and relationships naming them)
        #    follow it --
        with _Streamed(zipf, name) as stream:
            stream.put(head)
            body = writer.body
            for group in _groups(redline.lines()):
                if isinstance(group, PlainLine):
                    writer.plain(group)
                else:
                    writer.group(group)
                if len(body) > _CHUNK:  # the last paragraph stays (`unmark_last`)
                    stream.put(_xml_bytes(body[:-1]))
                    del body[:-1]
            writer.unmark_last()
            stream.put(_xml_bytes(body))
            stream.put(tail)
        blobs: dict[str, bytes] = {}
        if writer.comments:
            comments_part = document.part._comments_part  # python-docx: no public accessor
            c_head, c_tail = _halves(comments_part.element, None)
            blobs[str(comments_part.partname)] = c_head + _xml_bytes(writer.comments) + c_tail
        _save(document, zipf, blobs, written=(name,))
        zipf.close()
    except BaseException:
        zipf.close()
        out.unlink(missing_ok=True)
        raise
    return out


def _tokens(redline: Redline) -> list[Op | None]:
    """The document as the writer lays it out: the op of each run and paragraph mark in order,
    None where a comment's reference (an untracked run) sits."""
    tokens: list[Op | None] = []
    for group in _groups(redline.lines()):
        if isinstance(group, PlainLine):
            tokens += [Op.EQUAL] * (len(group.texts) + 1)  # its runs and its mark
            continue
        for k, para in enumerate(group):
            if para.status in ("inserted", "struck"):
                op = Op.INSERT if para.status == "inserted" else Op.DELETE
                tokens += [op] * len(para.pieces)
                if k == len(group) - 1 and para.amendment is not None:
                    tokens.append(None)
                tokens.append(op)
                continue
            for stretch in _stretches(para):
                tokens += [e.op for _, e in stretch]
                if stretch[0][1].op != Op.EQUAL and stretch[0][1].amendment is not None:
                    tokens.append(None)
            tokens.append(Op.INSERT if para.mark_inserted else Op.EQUAL)
    if tokens:
        tokens[-1] = Op.EQUAL  # the last paragraph mark is never a revision
    return tokens


def expected_revisions(redline: Redline) -> int:
    """How many tracked changes a Word client lists in `write_redline_docx`'s document.

    A client lists a maximal stretch of one kind (inserted or deleted; one author and date) as
    one change, paragraph marks included, so a provision struck whole, mark and all, is one
    change; a comment's reference run between two stretches keeps them apart.
    """
    n = 0
    prev: Op | None = Op.EQUAL
    for op in _tokens(redline):
        if op is not None and op != Op.EQUAL and op != prev:
            n += 1
        prev = op
    return n
