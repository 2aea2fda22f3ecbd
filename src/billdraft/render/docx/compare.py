"""The Word comparison of two versions of a bill: every difference a real tracked change.

The document follows `Comparison.entries`: a unit matched in place is one run of paragraphs with
its word diff as `w:del`/`w:ins` runs (a line break that only one version has is a deleted or
inserted paragraph mark, so Accept All joins or splits the paragraphs as NEW has them); a unit
added, struck or moved is written whole as inserted or deleted paragraphs, marks and all, where
it stands in that version, and a Word comment on it says what became of it (“Moved: OLD Sec. 9
is NEW Div. K, Sec. 108”). OLD's units keep OLD's order in the document and NEW's units NEW's, so
Accept All leaves NEW's text, one paragraph per printed line, and Reject All OLD's.

The first paragraph (untracked, so in both views) names the two versions; a comment on it holds
the counts. The markup is written as text, as the redline writer writes it (`redline._run`,
`_xml_bytes`, `_Streamed`, `_save`), python-docx making the document and packaging the parts.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

from docx.oxml.ns import qn

from ...compare import Comparison, Entry, Unit, split_paragraphs
from ...diff import Edit, Op, paused_gc
from .oxml import Revisions
from .redline import _attr, _halves, _initials, _run, _save, _Streamed, _text, _xml_bytes
from .statute import new_document

__all__ = ["comparison_paragraphs", "write_comparison_docx"]


def _whole(entry: Entry) -> tuple[tuple[Edit, ...], Op]:
    """The edits and closing mark of an entry: a whole unit inserted or deleted, or a pair's diff."""
    pair = entry.pair
    if entry.role in ("struck", "from"):
        assert pair.old is not None
        return (Edit(Op.DELETE, pair.old.text),), Op.DELETE
    if entry.role in ("added", "to"):
        assert pair.new is not None
        return (Edit(Op.INSERT, pair.new.text),), Op.INSERT
    return pair.edits, Op.EQUAL


def comparison_paragraphs(
    comparison: Comparison,
) -> Iterator[tuple[Entry, list[tuple[Op, str]], Op]]:
    """Every paragraph the Word comparison writes after its title: entry, pieces, mark op."""
    for entry in comparison.entries:
        edits, last = _whole(entry)
        for pieces, mark in split_paragraphs(edits, last):
            yield entry, pieces, mark


def _where(unit: Unit | None) -> str:
    return unit.label if unit is not None else "—"


def entry_note(entry: Entry) -> str | None:
    """What a comment on an entry says (None for a unit in place whose designation is kept)."""
    pair = entry.pair
    old, new = _where(pair.old), _where(pair.new)
    if entry.role == "added":
        return f"Added in NEW: {new}"
    if entry.role == "struck":
        return f"Struck from OLD: {old}"
    renumbered = " (renumbered)" if pair.renumbered else ""
    if entry.role == "from":
        return f"Moved: OLD {old} is NEW {new}{renumbered}; shown there as NEW has it"
    if entry.role == "to":
        changed = ", its text changed" if pair.changed else ""
        return f"Moved: NEW {new} was OLD {old}{renumbered}{changed}"
    if pair.renumbered:
        return f"Renumbered: OLD {old} is NEW {new}"
    return None


def write_comparison_docx(
    comparison: Comparison,
    path: str | Path,
    *,
    author: str = "billdraft",
    date: dt.datetime | None = None,
) -> Path:
    """Write the comparison as tracked changes: Accept All gives NEW, Reject All gives OLD."""
    with paused_gc():
        return _write(comparison, Path(path), Revisions(author, date))


def _write(comparison: Comparison, out: Path, rev: Revisions) -> Path:
    document = new_document(f"Comparison of {comparison.old.name} with {comparison.new.name}")
    head_style = _attr(str(document.styles["Code Section"].style_id))
    stamp = f' w:author="{_attr(rev.author)}" w:date="{rev.date_xml}"'
    comment_stamp = (
        f' w:author="{_attr(rev.author)}" w:initials="{_attr(_initials(rev.author))}"'
        f' w:date="{rev.date_xml}"'
    )
    comments: list[str] = []

    def comment(text: str) -> int:
        cid = rev.next_id()
        paras = "".join(
            '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
            + (
                '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
                if k == 0
                else ""
            )
            + f'<w:r><w:t xml:space="preserve">{_text(line)}</w:t></w:r></w:p>'
            for k, line in enumerate(text.split("\n"))
        )
        comments.append(f'<w:comment w:id="{cid}"{comment_stamp}>{paras}</w:comment>')
        return cid

    title = (
        f"Comparison of {comparison.old.name} (OLD) with {comparison.new.name} (NEW): "
        "deleted text is OLD's, inserted text NEW's"
    )
    body: list[str] = []
    cid = comment(comparison.summary())
    body.append(
        f'<w:p><w:pPr><w:pStyle w:val="{head_style}"/></w:pPr>'
        f'<w:commentRangeStart w:id="{cid}"/>{_run(title, "", "w:t")}'
        f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/></w:r></w:p>'
    )
    last_mark: str | None = None
    previous: Entry | None = None
    root = document.element
    head, tail = _halves(root, root.body.find(qn("w:sectPr")))
    name = document.part.partname.membername
    zipf = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
    try:
        with _Streamed(zipf, name) as stream:
            stream.put(head)
            for entry, pieces, mark_op in comparison_paragraphs(comparison):
                first = entry is not previous
                previous = entry
                style = head_style if first else ""
                mark = ""
                if mark_op != Op.EQUAL:
                    tag = "w:ins" if mark_op == Op.INSERT else "w:del"
                    mark = f'<{tag} w:id="{rev.next_id()}"{stamp}/>'
                ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
                if mark:
                    ppr += f"<w:rPr>{mark}</w:rPr>"
                out_p = [f"<w:p><w:pPr>{ppr}</w:pPr>" if ppr else "<w:p>"]
                note = entry_note(entry) if first else None
                note_id = comment(note) if note else None
                if note_id is not None:
                    out_p.append(f'<w:commentRangeStart w:id="{note_id}"/>')
                for op, text in pieces:
                    if op == Op.EQUAL:
                        out_p.append(_run(text, "", "w:t"))
                    elif op == Op.DELETE:
                        out_p.append(
                            f'<w:del w:id="{rev.next_id()}"{stamp}>'
                            f"{_run(text, '', 'w:delText')}</w:del>"
                        )
                    else:
                        out_p.append(
                            f'<w:ins w:id="{rev.next_id()}"{stamp}>{_run(text, "", "w:t")}</w:ins>'
                        )
                if note_id is not None:
                    out_p.append(
                        f'<w:commentRangeEnd w:id="{note_id}"/>'
                        f'<w:r><w:commentReference w:id="{note_id}"/></w:r>'
                    )
                out_p.append("</w:p>")
                body.append("".join(out_p))
                last_mark = mark or None
                if len(body) > 2000:
                    stream.put(_xml_bytes(body[:-1]))
                    del body[:-1]
            # -- a document's last paragraph mark cannot be a revision: none is claimed --
            if body and last_mark is not None:
                body[-1] = body[-1].replace(f"<w:rPr>{last_mark}</w:rPr>", "", 1)
            stream.put(_xml_bytes(body))
            stream.put(tail)
        blobs: dict[str, bytes] = {}
        if comments:
            _ = document.comments  # python-docx makes the comments part on first use
            comments_part = document.part._comments_part  # python-docx: no public accessor
            c_head, c_tail = _halves(comments_part.element, None)
            blobs[str(comments_part.partname)] = c_head + _xml_bytes(comments) + c_tail
        _save(document, zipf, blobs, written=(name,))
        zipf.close()
    except BaseException:
        zipf.close()
        out.unlink(missing_ok=True)
        raise
    return out
