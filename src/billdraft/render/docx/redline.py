"""The Word redline: the affected sections with every change a real tracked revision.

Each changed piece of a paragraph is a `w:del` (text in `w:delText`) or `w:ins` with author,
date and a unique id; a provision inserted or struck whole is a paragraph-level revision (its
paragraph mark marked too), so Word's Review pane and LibreOffice accept and reject each change.
Each stretch of changes carries a Word comment citing the amendment that made it.

The paragraphs are the redline's layout (`Redline.paragraphs`), so Accept All leaves exactly
`section_text` of each amended section, one paragraph per line, and Reject All that of the
current law.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement

from ...amendments import Amendment
from ...apply import describe
from ...diff import Edit, Op, Paragraph, Redline
from .oxml import (
    Revisions,
    add_comment,
    add_deleted_run,
    add_inserted_run,
    add_run,
    mark_paragraph_deleted,
    mark_paragraph_inserted,
)
from .statute import add_paragraph, new_document, paragraph_style, run_format

__all__ = ["comment_text", "expected_revisions", "write_redline_docx"]


def comment_text(amendment: Amendment) -> str:
    """What a change's comment says: the amendment's label and what it does."""
    return describe(amendment)


class _Comments:
    """Adds comments; keeps the comments part small while writing (python-docx scans every
    existing comment to number a new one) and puts them all back at the end."""

    def __init__(self, document: DocxDocument, rev: Revisions) -> None:
        self.document = document
        self.rev = rev
        self.held: list[BaseOxmlElement] = []

    def add(self, anchor: list[BaseOxmlElement], amendment: Amendment | None) -> None:
        if amendment is None or not anchor:
            return
        add_comment(self.document, anchor, comment_text(amendment), self.rev.author,
                    _initials(self.rev.author), rev=self.rev)
        part = self.document.part._comments_part.element  # python-docx: no public accessor
        for c in part.findall(qn("w:comment")):
            part.remove(c)
            self.held.append(c)

    def close(self) -> None:
        if self.held:
            part = self.document.part._comments_part.element
            for c in self.held:
                part.append(c)
            self.held = []


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


def _groups(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """Paragraphs in groups: consecutive whole-paragraph revisions of one kind and amendment
    (one comment covers them), every other paragraph alone."""
    out: list[list[Paragraph]] = []
    for para in paragraphs:
        last = out[-1][-1] if out else None
        if (
            last is not None
            and para.status in ("inserted", "struck")
            and last.status == para.status
            and last.amendment is para.amendment
        ):
            out[-1].append(para)
        else:
            out.append([para])
    return out


def _changed_paragraph(p: CT_P, para: Paragraph, rev: Revisions, comments: _Comments) -> None:
    """Runs of a partly changed paragraph: EQUAL plain, DELETE/INSERT as tracked runs."""
    for stretch in _stretches(para):
        if stretch[0][1].op == Op.EQUAL:
            for role, e in stretch:
                add_run(p, e.text, **run_format(para, role))
            continue
        made: list[BaseOxmlElement] = []
        for role, e in stretch:
            add = add_deleted_run if e.op == Op.DELETE else add_inserted_run
            made.append(add(p, e.text, rev, **run_format(para, role)))
        comments.add(made, stretch[0][1].amendment)


def write_redline_docx(
    redline: Redline, path: str | Path, *, author: str = "billdraft",
    date: dt.datetime | None = None,
) -> Path:
    """Write the changed sections with tracked changes (`w:ins`/`w:del`) and amendment comments."""
    out = Path(path)
    document = new_document("Changes in existing law (tracked changes)")
    rev = Revisions(author, date)
    comments = _Comments(document, rev)
    for group in _groups(redline.paragraphs()):
        made: list[BaseOxmlElement] = []
        for para in group:
            p = add_paragraph(document, paragraph_style(para))
            if para.status in ("inserted", "struck"):
                for role, e in para.pieces:
                    add_run(p, e.text, **run_format(para, role))
                if para.status == "inserted":
                    mark_paragraph_inserted(p, rev)
                else:
                    mark_paragraph_deleted(p, rev)
                made.append(p)
            else:
                _changed_paragraph(p, para, rev, comments)
        if made:
            comments.add(made, group[0].amendment)
    comments.close()
    _unmark_last(document)
    document.save(str(out))
    return out


def _unmark_last(document: DocxDocument) -> None:
    """Take the revision off the last paragraph's mark: a document's final paragraph mark cannot
    be inserted or deleted (Word and LibreOffice ignore such a mark), so none is claimed."""
    ps = document.element.body.findall(qn("w:p"))
    if ps:
        for mark in ps[-1].xpath("./w:pPr/w:rPr/w:ins | ./w:pPr/w:rPr/w:del"):
            mark.getparent().remove(mark)


def _tokens(redline: Redline) -> list[Op | None]:
    """The document as the writer lays it out: the op of each run and paragraph mark in order,
    None where a comment's reference (an untracked run) sits."""
    tokens: list[Op | None] = []
    for group in _groups(redline.paragraphs()):
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
            tokens.append(Op.EQUAL)
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
