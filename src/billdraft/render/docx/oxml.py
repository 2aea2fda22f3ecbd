"""Tracked changes (``w:ins``, ``w:del``, ``w:delText``) and comments for python-docx.

python-docx has no revision support. This module adds it in python-docx's own style: custom lxml
element classes named after their ECMA-376 complex types, registered once with
`register_element_cls`, and small functions that build the markup a redline needs:

* a run of inserted text: ``<w:ins w:id w:author w:date><w:r><w:t xml:space="preserve">``;
* a run of deleted text: ``<w:del …><w:r><w:delText xml:space="preserve">``;
* a whole inserted or deleted paragraph: its runs wrapped as above *and* its paragraph mark
  marked (``<w:pPr><w:rPr><w:ins/></w:rPr></w:pPr>``), so Reject All (or Accept All) removes the
  paragraph itself rather than leaving an empty one behind;
* a comment anchored on any of these, saying which amendment made the change.

Every revision and comment takes its ``w:id`` from one `Revisions` object per document, so ids
are unique across annotation types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal, cast

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement, register_element_cls
from docx.oxml.simpletypes import ST_DateTime, ST_DecimalNumber, ST_String
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement, OptionalAttribute, RequiredAttribute
from docx.text.paragraph import Paragraph
from lxml import etree

from billdraft.errors import DocumentError

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

__all__ = [
    "CT_DelText",
    "CT_RunTrackChange",
    "Revisions",
    "accepted_text",
    "add_comment",
    "add_deleted_run",
    "add_inserted_run",
    "add_run",
    "comment_ids",
    "mark_paragraph_deleted",
    "mark_paragraph_inserted",
    "rejected_text",
    "revision_ids",
]

# -- children of w:pPr after w:rPr, in schema order (CT_PPr: … rPr, sectPr, pPrChange) --
_PPR_AFTER_RPR = ("w:sectPr", "w:pPrChange")
# -- revision elements (each carries a w:id handed out by Revisions) --
_REVISION_TAGS = ("w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rPrChange", "w:pPrChange")


# ------------------------------------------------------------------------------------------
# element classes


class CT_RunTrackChange(BaseOxmlElement):
    """`w:ins` or `w:del`: a tracked insertion or deletion.

    Around runs (in a paragraph) it is a ``CT_RunTrackChange``; as an empty child of a paragraph
    mark's ``w:rPr`` it is a ``CT_TrackChange``. Both carry the same three attributes.
    """

    id: int = RequiredAttribute("w:id", ST_DecimalNumber)  # type: ignore[assignment]
    author: str = RequiredAttribute("w:author", ST_String)  # type: ignore[assignment]
    date: dt.datetime | None = OptionalAttribute(  # type: ignore[assignment]
        "w:date", ST_DateTime
    )

    @property
    def is_insertion(self) -> bool:
        """True for `w:ins`, False for `w:del`."""
        return bool(self.tag == qn("w:ins"))

    @property
    def r_lst(self) -> list[CT_R]:
        """The `w:r` children of this revision."""
        return cast("list[CT_R]", self.xpath("./w:r"))


class CT_DelText(BaseOxmlElement):
    """`w:delText`: the characters of a deleted run (in place of `w:t`)."""

    def __str__(self) -> str:
        """The deleted text, the empty string when the element is empty."""
        return self.text or ""


register_element_cls("w:ins", CT_RunTrackChange)
register_element_cls("w:del", CT_RunTrackChange)
register_element_cls("w:delText", CT_DelText)


# ------------------------------------------------------------------------------------------
# revision ids, author and date


class Revisions:
    """Hands out unique `w:id` values for one document, and carries the author and date."""

    def __init__(
        self, author: str = "billdraft", date: dt.datetime | None = None, *, start: int = 1
    ) -> None:
        if not author:
            raise ValueError("expected a non-empty revision author, found ''")
        if start < 0:
            raise ValueError(f"expected a non-negative first w:id, found {start}")
        self.author = author
        if date is None:
            date = dt.datetime.now(dt.UTC).replace(microsecond=0)
        elif date.tzinfo is None:
            date = date.replace(tzinfo=dt.UTC)
        self.date = date
        self._next = start

    @classmethod
    def for_document(
        cls, document: DocxDocument, author: str = "billdraft", date: dt.datetime | None = None
    ) -> Revisions:
        """A `Revisions` whose ids continue after every annotation id already in `document`."""
        used = revision_ids(document.element) + comment_ids(document.element)
        comments = document.part._comments_part.element  # python-docx: no public accessor
        used += [int(v) for v in comments.xpath("./w:comment/@w:id")]
        return cls(author, date, start=max(used, default=0) + 1)

    def next_id(self) -> int:
        """A `w:id` not handed out before by this object."""
        value = self._next
        self._next += 1
        return value

    @property
    def date_xml(self) -> str:
        """The date as `w:date` writes it: ISO 8601 in UTC, whole seconds, ``Z`` suffix."""
        return self.date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def _new(self, tag: Literal["w:ins", "w:del"]) -> CT_RunTrackChange:
        """A new, empty `w:ins` or `w:del` with the next id, this author and date."""
        return cast(
            CT_RunTrackChange,
            OxmlElement(
                tag,
                attrs={
                    qn("w:id"): str(self.next_id()),
                    qn("w:author"): self.author,
                    qn("w:date"): self.date_xml,
                },
            ),
        )


# ------------------------------------------------------------------------------------------
# runs


def _p(p: CT_P | Paragraph) -> CT_P:
    """The `w:p` element of a python-docx paragraph or the element itself."""
    return p._p if isinstance(p, Paragraph) else p


def _new_run(
    text: str,
    *,
    deleted: bool,
    bold: bool = False,
    italic: bool = False,
    small_caps: bool = False,
) -> CT_R:
    """A loose `w:r` holding `text` (in `w:t`, or `w:delText` when `deleted`) and formatting.

    A tab becomes `w:tab` and a newline `w:br`, as in python-docx; every text element keeps
    its spaces (``xml:space="preserve"``).
    """
    r = cast(CT_R, OxmlElement("w:r"))
    flags = [("w:b", bold), ("w:i", italic), ("w:smallCaps", small_caps)]  # CT_RPr order
    if any(on for _, on in flags):
        rPr = OxmlElement("w:rPr")
        for tag, on in flags:
            if on:
                rPr.append(OxmlElement(tag))
        r.append(rPr)
    text_tag = "w:delText" if deleted else "w:t"
    chunk: list[str] = []

    def flush() -> None:
        if chunk:
            t = OxmlElement(text_tag, attrs={qn("xml:space"): "preserve"})
            t.text = "".join(chunk)
            r.append(t)
            chunk.clear()

    for ch in text:
        if ch == "\t":
            flush()
            r.append(OxmlElement("w:tab"))
        elif ch in "\n\r":
            flush()
            r.append(OxmlElement("w:br"))
        else:
            chunk.append(ch)
    flush()
    return r


def add_run(
    p: CT_P | Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    small_caps: bool = False,
) -> CT_R:
    """Append a plain (untracked) run of `text` to paragraph `p` and return it."""
    r = _new_run(text, deleted=False, bold=bold, italic=italic, small_caps=small_caps)
    _p(p).append(r)
    return r


def _add_tracked(
    p: CT_P | Paragraph,
    text: str,
    rev: Revisions,
    tag: Literal["w:ins", "w:del"],
    *,
    bold: bool,
    italic: bool,
    small_caps: bool,
) -> CT_RunTrackChange:
    change: CT_RunTrackChange = rev._new(tag)
    deleted = tag == "w:del"
    change.append(_new_run(text, deleted=deleted, bold=bold, italic=italic, small_caps=small_caps))
    _p(p).append(change)
    return change


def add_inserted_run(
    p: CT_P | Paragraph,
    text: str,
    rev: Revisions,
    *,
    bold: bool = False,
    italic: bool = False,
    small_caps: bool = False,
) -> CT_RunTrackChange:
    """Append `text` to `p` as a tracked insertion; return its `w:ins`."""
    return _add_tracked(p, text, rev, "w:ins", bold=bold, italic=italic, small_caps=small_caps)


def add_deleted_run(
    p: CT_P | Paragraph,
    text: str,
    rev: Revisions,
    *,
    bold: bool = False,
    italic: bool = False,
    small_caps: bool = False,
) -> CT_RunTrackChange:
    """Append `text` to `p` as a tracked deletion (text in `w:delText`); return its `w:del`."""
    return _add_tracked(p, text, rev, "w:del", bold=bold, italic=italic, small_caps=small_caps)


# ------------------------------------------------------------------------------------------
# whole paragraphs


def _get_or_add_mark_rPr(p: CT_P) -> BaseOxmlElement:
    """The paragraph-mark `w:pPr/w:rPr` of `p`, added in schema position if absent."""
    pPr = p.get_or_add_pPr()
    rPr = pPr.find(qn("w:rPr"))
    if rPr is None:
        rPr = OxmlElement("w:rPr")
        successor = next(
            (c for c in pPr.iterchildren() if c.tag in {qn(t) for t in _PPR_AFTER_RPR}), None
        )
        if successor is not None:
            successor.addprevious(rPr)
        else:
            pPr.append(rPr)
    return cast(BaseOxmlElement, rPr)


def _mark_paragraph(p: CT_P, tag: Literal["w:ins", "w:del"], rev: Revisions) -> None:
    """Put a `w:ins`/`w:del` on the paragraph mark of `p`, at its schema position."""
    rPr = _get_or_add_mark_rPr(p)
    for existing in ("w:ins", "w:del"):
        if rPr.find(qn(existing)) is not None:
            raise DocumentError(
                f"expected a paragraph mark with no revision, found one already marked "
                f"{existing} (text: {accepted_text(p)!r})"
            )
    # -- ins/del (EG_ParaRPrTrackChanges) precede moveFrom/moveTo and all formatting, and a
    #    mark carries at most one of them, so the first position is always right --
    rPr.insert(0, rev._new(tag))


def _bare_run_stretches(p: CT_P) -> list[list[CT_R]]:
    """Maximal stretches of consecutive `w:r` children of `p` (runs not already in a revision).

    Runs holding only a comment reference are left out: they mark a comment, not text.
    """
    stretches: list[list[CT_R]] = []
    current: list[CT_R] = []
    for child in p.iterchildren():
        if child.tag == qn("w:r") and not child.xpath("./w:commentReference"):
            current.append(cast(CT_R, child))
        elif current:
            stretches.append(current)
            current = []
    if current:
        stretches.append(current)
    return stretches


def mark_paragraph_inserted(p: CT_P | Paragraph, rev: Revisions) -> None:
    """Make all of `p` a tracked insertion: its mark and every run not yet in a revision."""
    p = _p(p)
    _mark_paragraph(p, "w:ins", rev)
    for stretch in _bare_run_stretches(p):
        ins = rev._new("w:ins")
        stretch[0].addprevious(ins)
        for r in stretch:
            ins.append(r)


def mark_paragraph_deleted(p: CT_P | Paragraph, rev: Revisions) -> None:
    """Make all of `p` a tracked deletion: its mark and every run not yet in a revision.

    The runs' `w:t` become `w:delText`. Runs already inside a `w:ins` are left as they are.
    """
    p = _p(p)
    _mark_paragraph(p, "w:del", rev)
    for stretch in _bare_run_stretches(p):
        del_ = rev._new("w:del")
        stretch[0].addprevious(del_)
        for r in stretch:
            for t in r.findall(qn("w:t")):
                t.tag = qn("w:delText")
                t.set(qn("xml:space"), "preserve")
            del_.append(r)


# ------------------------------------------------------------------------------------------
# comments


def add_comment(
    document: DocxDocument,
    anchor: BaseOxmlElement | Sequence[BaseOxmlElement],
    text: str,
    author: str,
    initials: str,
    *,
    rev: Revisions | None = None,
) -> int:
    """Add a comment saying `text` on `anchor`; return the comment's id.

    `anchor` is one element or a sequence whose first and last elements bound the commented
    span: runs (`w:r`), revisions (`w:ins`/`w:del`, the range then encloses the whole revision),
    or paragraphs (`w:p`, the range then covers the paragraph's content). The comment itself is
    created with python-docx's native comments part; the range markers are placed here because
    python-docx's `Run.mark_comment_range` only brackets a bare `w:r`, and would put the markers
    *inside* a `w:ins`/`w:del`. The `w:commentReference` run is placed after the range, outside
    any revision, so Accept All and Reject All both keep the comment. With `rev`, the comment id
    comes from it (ids then unique across comments and revisions) and the comment carries its
    date.
    """
    elements = [anchor] if isinstance(anchor, BaseOxmlElement) else list(anchor)
    if not elements:
        raise DocumentError("expected at least one element to anchor a comment on, found none")
    first, last = elements[0], elements[-1]
    for el in (first, last):
        if el.getparent() is None:
            raise DocumentError(
                f"expected the comment anchor {el.tag} to be placed in a paragraph, found it loose"
            )

    comment = document.comments.add_comment(text=text, author=author, initials=initials)
    comment_elm = comment._comment_elm  # python-docx: no id/date setter
    if rev is not None:
        comment_elm.set(qn("w:id"), str(rev.next_id()))
        comment_elm.date = rev.date
    comment_id = int(comment_elm.get(qn("w:id")) or 0)

    start = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(comment_id)})
    end = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(comment_id)})
    ref = OxmlElement("w:r")
    ref.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(comment_id)}))

    if isinstance(first, CT_P):
        pPr = first.pPr
        if pPr is not None:
            pPr.addnext(start)
        else:
            first.insert(0, start)
    else:
        first.addprevious(start)
    if isinstance(last, CT_P):
        last.append(end)
        last.append(ref)
    else:
        last.addnext(end)
        end.addnext(ref)
    return comment_id


# ------------------------------------------------------------------------------------------
# reading revisions back (an oracle for tests, independent of Word and LibreOffice)


def revision_ids(element: BaseOxmlElement) -> list[int]:
    """The `w:id` of every revision (`w:ins`, `w:del`, moves, property changes) under `element`."""
    return [int(v) for v in element.xpath(" | ".join(f".//{t}/@w:id" for t in _REVISION_TAGS))]


def comment_ids(element: BaseOxmlElement) -> list[int]:
    """The distinct comment ids referenced under `element` (by range or reference), in order."""
    ids = element.xpath(".//w:commentRangeStart/@w:id | .//w:commentReference/@w:id")
    return list(dict.fromkeys(int(v) for v in ids))


def _run_text(r: etree._Element) -> str:
    """Visible characters of one run (`w:t` or, in the old view, `w:delText`)."""
    parts: list[str] = []
    for child in r.iterchildren():
        if child.tag in (qn("w:t"), qn("w:delText")):
            parts.append(child.text or "")
        elif child.tag == qn("w:tab"):
            parts.append("\t")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
    return "".join(parts)


def _view_text(p: CT_P, keep: Literal["w:ins", "w:del"]) -> str:
    """Text of `p` keeping the revisions of kind `keep` and dropping the other kind."""
    drop = qn("w:del") if keep == "w:ins" else qn("w:ins")
    out: list[str] = []
    for r in p.iter(qn("w:r")):
        if any(a.tag == drop for a in r.iterancestors()):
            continue
        out.append(_run_text(r))
    return "".join(out)


def _paragraphs_text(paragraphs: Iterable[CT_P], keep: Literal["w:ins", "w:del"]) -> str:
    """Paragraph texts joined by newlines, merging a paragraph whose mark is removed."""
    drop_mark = "w:del" if keep == "w:ins" else "w:ins"
    lines: list[str] = []
    pending = ""
    for p in paragraphs:
        text = pending + _view_text(p, keep)
        if p.xpath(f"./w:pPr/w:rPr/{drop_mark}"):
            pending = text  # the mark goes: this paragraph's text joins the next one
            continue
        lines.append(text)
        pending = ""
    if pending:
        lines.append(pending)
    return "\n".join(lines)


def accepted_text(p: CT_P | Paragraph | Iterable[CT_P | Paragraph]) -> str:
    """Text after Accept All: insertions kept, deletions gone, deleted marks merge paragraphs."""
    ps = [p] if isinstance(p, CT_P | Paragraph) else list(p)
    return _paragraphs_text((_p(x) for x in ps), "w:ins")


def rejected_text(p: CT_P | Paragraph | Iterable[CT_P | Paragraph]) -> str:
    """Text after Reject All: deletions kept, insertions gone, inserted marks merge paragraphs."""
    ps = [p] if isinstance(p, CT_P | Paragraph) else list(p)
    return _paragraphs_text((_p(x) for x in ps), "w:del")
