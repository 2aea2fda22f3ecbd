"""Word documents of the law itself: a clean amended statute and a static comparative print.

Both share the page set-up and the Code's typography with the tracked-change redline
(`redline.py`): Letter paper, one paragraph style per depth (indented by level), section lines
in bold, subsection designations and headings in bold, lower headings in small caps. The
paragraphs are `section_paragraphs` / `Redline.paragraphs`, the one layout every writer uses, so
the text of a clean statute document is `section_text` of each section, line for line.

The comparative print carries its changes as *static formatting* (for printing, or pasting into a
committee report): House style puts existing law proposed to be omitted in black brackets and
new matter in italic; `strike` strikes through and underlines; `color` adds red and blue. It
draws the layout `render.comparative.comparative_print` makes, as the HTML print does: the same
title, clause 3(e) sentence, note on which text is shown, Act and container headers, lines and
numbered notes (marks in superscript, the notes listed at the end).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypedDict, cast

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Inches, Pt
from docx.styles import BabelFish
from docx.styles.style import ParagraphStyle, StyleFactory

from ...diff import Op, Paragraph, PlainLine, Redline, section_paragraphs
from ...statute import Statute
from ..comparative import ComparativePrint, Piece, comparative_print, piece_format

__all__ = [
    "FONT",
    "new_document",
    "paragraph_style",
    "print_docx",
    "run_format",
    "write_comparative_docx",
    "write_statute_docx",
]

FONT = "Times New Roman"
"""The body font (LibreOffice substitutes the metric-compatible Liberation Serif)."""

_MAX_DEPTH = 8
_INDENT = Inches(0.3)


def _style_name(depth: int) -> str:
    return "Code Section" if depth == 0 else f"Code Level {min(depth, _MAX_DEPTH)}"


def new_document(title: str | None = None) -> DocxDocument:
    """A Letter-size document with the Code's paragraph styles (`Code Section`, `Code Level n`)."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1)
    section.top_margin = section.bottom_margin = Inches(1)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in ("w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
    fmt = normal.paragraph_format
    fmt.space_after = Pt(4)
    fmt.line_spacing = 1.1
    add_style = _style_adder(document)
    sec = add_style("Code Section")
    sec.base_style = normal
    sec.font.bold = True
    sec.paragraph_format.space_before = Pt(12)
    sec.paragraph_format.space_after = Pt(8)
    sec.paragraph_format.keep_with_next = True
    sec.paragraph_format.left_indent = _INDENT * 2
    sec.paragraph_format.first_line_indent = -_INDENT * 2
    for depth in range(1, _MAX_DEPTH + 1):
        st = add_style(_style_name(depth))
        st.base_style = normal
        pf = st.paragraph_format
        pf.left_indent = _INDENT * (depth - 1)
        pf.first_line_indent = _INDENT
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name, size, bold, center in (
        ("Redline Title", 13, True, True),
        ("Redline Note", 10.5, False, False),
        ("Redline Elision", 12, False, True),
        ("Print Source", 10.5, False, False),
        ("Print Act", 12, False, True),
        ("Print Container", 12, False, True),
        ("Print Note Item", 9.5, False, False),
    ):
        st = add_style(name)
        st.base_style = normal
        st.font.size = Pt(size)
        st.font.bold = bold
        pf = st.paragraph_format
        pf.space_before, pf.space_after = Pt(6), Pt(10)
        if center:
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            pf.first_line_indent = Inches(0.3)
    if title:
        header = section.header.paragraphs[0]
        header.text = title
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for run in header.runs:
            run.font.size = Pt(9)
            run.font.italic = True
    return document


def _style_adder(document: DocxDocument) -> Callable[[str], ParagraphStyle]:
    """`document.styles.add_style(name, PARAGRAPH)`, without rescanning every style's name on
    each call (python-docx checks for a duplicate by walking the whole styles part)."""
    styles = document.styles
    taken = {s.name_val for s in styles.element.style_lst}

    def add(name: str) -> ParagraphStyle:
        internal = BabelFish.ui2internal(name)
        if internal in taken:
            raise ValueError(f"expected a new style name, found {name!r} already defined")
        taken.add(internal)
        element = styles.element.add_style_of_type(internal, WD_STYLE_TYPE.PARAGRAPH, False)
        return cast(ParagraphStyle, StyleFactory(element))

    return add


def paragraph_style(para: Paragraph | PlainLine) -> str:
    """The paragraph style a layout paragraph takes (by its depth)."""
    return _style_name(para.depth)


class RunFormat(TypedDict):
    """Character formatting of a piece: bold, small capitals."""

    bold: bool
    small_caps: bool


def run_format(para: Paragraph | PlainLine, role: str) -> RunFormat:
    """Bold / small caps of a piece as the Code prints it (by level and role)."""
    bold, small_caps = piece_format(para.level, role)
    return {"bold": bold, "small_caps": small_caps}


_SECT_PR: dict[int, BaseOxmlElement] = {}


def add_paragraph(document: DocxDocument, style: str) -> CT_P:
    """A new empty `w:p` with paragraph style `style`, appended to the body."""
    body = document.element.body
    # -- the body ends with w:sectPr; python-docx's add_p searches for it on every call, which
    #    is quadratic in a long document: remember it per body --
    sect = _SECT_PR.get(id(body))
    if sect is None or sect.getparent() is not body:
        sect = body.find(qn("w:sectPr"))
        if sect is not None:
            _SECT_PR[id(body)] = sect
    p = cast(CT_P, OxmlElement("w:p"))
    if sect is not None:
        sect.addprevious(p)
    else:
        body.append(p)
    pPr = p.get_or_add_pPr()
    pstyle = OxmlElement("w:pStyle", attrs={qn("w:val"): _style_id(document, style)})
    pPr.insert(0, pstyle)
    return p


def _style_id(document: DocxDocument, name: str) -> str:
    cache: dict[str, str] = document.__dict__.setdefault("_billdraft_style_ids", {})
    sid = cache.get(name)
    if sid is None:
        sid = cache[name] = str(document.styles[name].style_id)
    return sid


def _run(
    p: CT_P,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    small_caps: bool = False,
    strike: bool = False,
    underline: bool = False,
    color: str | None = None,
    superscript: bool = False,
    size: float | None = None,
) -> None:
    """Append a formatted run (static formatting) to `p`."""
    r = OxmlElement("w:r")
    flags = []
    if bold:
        flags.append(OxmlElement("w:b"))
    if italic:
        flags.append(OxmlElement("w:i"))
    if small_caps:
        flags.append(OxmlElement("w:smallCaps"))
    if strike:
        flags.append(OxmlElement("w:strike"))
    if color:
        flags.append(OxmlElement("w:color", attrs={qn("w:val"): color}))
    if size is not None:
        flags.append(OxmlElement("w:sz", attrs={qn("w:val"): str(round(size * 2))}))
    if underline:
        flags.append(OxmlElement("w:u", attrs={qn("w:val"): "single"}))
    if superscript:
        flags.append(OxmlElement("w:vertAlign", attrs={qn("w:val"): "superscript"}))
    if flags:  # CT_RPr order: b, i, smallCaps, strike, color, sz, u, vertAlign
        rpr = OxmlElement("w:rPr")
        for f in flags:
            rpr.append(f)
        r.append(rpr)
    t = OxmlElement("w:t", attrs={qn("xml:space"): "preserve"})
    t.text = text
    r.append(t)
    p.append(r)


def write_statute_docx(
    statute: Statute, path: str | Path, sections: Iterable[str] | None = None
) -> Path:
    """Write the clean text of a statute's sections (all, or those cited) to a .docx."""
    out = Path(path)
    chosen = statute.sections if sections is None else [statute.section(s) for s in sections]
    document = new_document()
    for sec in chosen:
        for para in section_paragraphs(sec):
            p = add_paragraph(document, paragraph_style(para))
            for role, e in para.pieces:
                _run(p, e.text, **run_format(para, role))
    document.save(str(out))
    return out


def _draw_piece(p: CT_P, piece: Piece, style: str) -> None:
    """One piece of the layout as a run: brackets bold, new matter italic (house) or underlined
    (strike, color), omitted matter struck through (strike, color), note marks superscript."""
    if piece.role == "mark":
        _run(p, ",".join(map(str, piece.marks)), superscript=True, size=8)
        return
    if piece.role == "bracket":
        _run(p, piece.text, bold=True)
        return
    bold, small_caps = piece.bold, piece.small_caps
    if piece.op == Op.EQUAL or not piece.text.strip():
        _run(p, piece.text, bold=bold, small_caps=small_caps)
    elif style == "house":
        _run(p, piece.text, italic=piece.op == Op.INSERT, bold=bold, small_caps=small_caps)
    else:
        color = None
        if style == "color":
            color = "B00020" if piece.op == Op.DELETE else "0040A0"
        _run(
            p,
            piece.text,
            strike=piece.op == Op.DELETE,
            underline=piece.op == Op.INSERT,
            color=color,
            bold=bold,
            small_caps=small_caps,
        )


_LINE_STYLES = {"act": "Print Act", "container": "Print Container", "elision": "Redline Elision"}


def print_docx(layout: ComparativePrint, path: str | Path) -> Path:
    """Draw a laid-out comparative print (`render.comparative`) as a Word document."""
    out = Path(path)
    document = new_document("Changes in Existing Law")
    _run(add_paragraph(document, "Redline Title"), layout.title)
    _run(add_paragraph(document, "Redline Note"), layout.explanation)
    if layout.source:
        _run(add_paragraph(document, "Print Source"), layout.source, italic=True)
    for line in layout.lines:
        named = _LINE_STYLES.get(line.kind)
        if named is not None:
            p = add_paragraph(document, named)
            _run(p, line.plain)
            continue
        p = add_paragraph(document, _style_name(line.depth))
        for piece in line.pieces:
            _draw_piece(p, piece, layout.style)
    if layout.notes:
        for note in layout.notes:
            p = add_paragraph(document, "Print Note Item")
            _run(p, f"{note.number}. {note.text}")
    document.save(str(out))
    return out


def write_comparative_docx(
    redline: Redline, path: str | Path, *, style: str = "house", context: int = 1
) -> Path:
    """Write a comparative print with static formatting (house brackets/italic, strike, color):
    the same layout as the HTML print (`render.comparative.comparative_print`)."""
    return print_docx(comparative_print(redline, style=style, context=context), path)
