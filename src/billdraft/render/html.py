"""HTML comparative print: one self-contained file (or a fragment for Jupyter).

House style (the default) prints existing law proposed to be omitted in black brackets, new
matter in italic and unchanged law in roman; `strike` prints struck text struck through and new
text underlined; `color` adds red and blue. Changes are semantic `<del>`/`<ins>`, struck matter
always before inserted matter, and each stretch of changes carries the amendment that made it:
in a tooltip and as a numbered note listed at the end. Runs of untouched provisions are elided
with `* * * * * * *`, keeping `context` paragraphs around each change.

The page draws the layout `render.comparative.comparative_print` makes (the Word print draws the
same one): title, the clause 3(e) sentence, which text is shown, the Act and container headers,
the lines and the numbered notes.
"""

from __future__ import annotations

from html import escape

from ..diff import Op, Redline, paused_gc
from .comparative import STYLES, TITLE, ComparativePrint, Note, Piece, PrintLine, comparative_print
from .text import ELISION

__all__ = ["STYLES", "print_html", "to_html"]

_CSS = """
.billdraft-redline { font-family: "Century Schoolbook", "New Century Schoolbook",
  "TeX Gyre Schola", "Times New Roman", "Liberation Serif", Georgia, serif; font-size: 12pt; line-height: 1.45;
  color: #000; max-width: 6.5in; margin: 0 auto; }
.billdraft-redline h1 { font-size: 13pt; text-align: center; font-weight: bold;
  letter-spacing: .04em; margin: 0 0 .4em; }
.billdraft-redline .explain { font-size: 10.5pt; text-align: justify; margin: 0 0 1.4em;
  text-indent: 2em; }
.billdraft-redline .source { font-size: 10.5pt; text-align: justify; margin: 0 0 1.4em;
  text-indent: 2em; font-style: italic; }
.billdraft-redline p.act, .billdraft-redline p.container { text-align: center; text-indent: 0;
  margin: .9em 0 .5em; font-size: 12pt; }
.billdraft-redline p { margin: 0 0 .35em; text-align: justify; text-indent: 2em;
  hyphens: auto; }
.billdraft-redline p.section { text-indent: 0; font-weight: bold; margin-top: .6em;
  margin-bottom: .6em; }
.billdraft-redline p.d1 { margin-left: 0; }
.billdraft-redline p.d2 { margin-left: 2em; }
.billdraft-redline p.d3 { margin-left: 4em; }
.billdraft-redline p.d4 { margin-left: 6em; }
.billdraft-redline p.d5 { margin-left: 8em; }
.billdraft-redline p.d6 { margin-left: 10em; }
.billdraft-redline p.d7 { margin-left: 12em; }
.billdraft-redline p.lv-subsection .num, .billdraft-redline p.lv-subsection .hd { font-weight: bold; }
.billdraft-redline .hd.sc { font-variant: small-caps; }
.billdraft-redline p.elide { text-align: center; text-indent: 0; white-space: pre;
  margin: .7em 0; }
.billdraft-redline del, .billdraft-redline ins { text-decoration: none; }
.billdraft-redline sup.am { font-size: 7pt; font-style: normal; font-weight: normal;
  color: #777; vertical-align: super; line-height: 0; }
.billdraft-redline sup.am a { color: inherit; text-decoration: none; }
.billdraft-redline ol.amendments { font-size: 9.5pt; margin-top: 2.5em; border-top: 1px solid #999;
  padding-top: .6em; }
.billdraft-redline ol.amendments li { margin-bottom: .2em; }
.billdraft-redline .legend { font-size: 9.5pt; color: #444; }
.billdraft-redline del.ws, .billdraft-redline ins.ws { text-decoration: none; }
/* house: [omitted] in roman within black brackets, new matter in italic */
.house ins { font-style: italic; }
.house del { font-style: normal; }
.house .br { font-weight: bold; font-style: normal; }
/* strike: struck through / underlined */
.strike .br, .color .br { display: none; }
.strike del { text-decoration: line-through; }
.strike ins { text-decoration: underline; }
/* color: red struck through, blue underlined */
.color del { text-decoration: line-through; color: #b00020; }
.color ins { text-decoration: underline; color: #0040a0; }
@media print {
  @page { size: letter; margin: 1in 1in 1in 1in; }
  .billdraft-redline { max-width: none; font-size: 11.5pt; }
  .billdraft-redline sup.am a { color: #555; }
  .billdraft-redline p { orphans: 2; widows: 2; }
  .billdraft-redline ol.amendments { page-break-before: auto; }
}
"""

# -- the same typography again as inline styles: an HTML print pasted into Word or opened by
#    LibreOffice (which read no descendant selectors) keeps its brackets, italics and indents --
_CHANGE_STYLES = {
    "house": {
        Op.DELETE: "text-decoration:none",
        Op.INSERT: "font-style:italic;text-decoration:none",
    },
    "strike": {Op.DELETE: "text-decoration:line-through", Op.INSERT: "text-decoration:underline"},
    "color": {
        Op.DELETE: "text-decoration:line-through;color:#b00020",
        Op.INSERT: "text-decoration:underline;color:#0040a0",
    },
}
_P_STYLE = "margin-top:0;margin-bottom:0.35em;text-align:justify"
_CENTERED = "text-align:center;text-indent:0;margin-top:0.9em;margin-bottom:0.5em"


def _piece(piece: Piece, notes: tuple[Note, ...], style: str) -> str:
    """One piece as HTML: `<del>`/`<ins>` for changes (with the amendment as a tooltip), a
    bracket, the gap between omitted and new matter, or the note marks."""
    if piece.role == "mark":
        links = ",".join(f'<a href="#am-{n}">{n}</a>' for n in piece.marks)
        return f'<sup class="am" style="font-size:7pt">{links}</sup>'
    if piece.role == "bracket":
        return f'<span class="br" style="font-weight:bold">{piece.text}</span>'
    if piece.role == "gap":
        return '<span class="gap"> </span>'
    text = escape(piece.text)
    if piece.role in ("num", "heading"):
        cls = "num" if piece.role == "num" else "hd"
        inline = ""
        if piece.small_caps:
            cls += " sc"
            inline = ' style="font-variant:small-caps"'
        elif piece.bold:
            inline = ' style="font-weight:bold"'
        text = f'<span class="{cls}"{inline}>{text}</span>'
    elif piece.bold:
        text = f'<span style="font-weight:bold">{text}</span>'
    if piece.op == Op.EQUAL:
        return text
    tag = "del" if piece.op == Op.DELETE else "ins"
    look = _CHANGE_STYLES[style][piece.op]
    if not piece.text.strip():
        return f'<{tag} class="ws" style="text-decoration:none">{text}</{tag}>'
    attrs = f' style="{look}"'
    if piece.note is not None:
        attrs += f' data-amendment="{piece.note}" title="{escape(notes[piece.note - 1].text)}"'
    return f"<{tag}{attrs}>{text}</{tag}>"


def _line(line: PrintLine, notes: tuple[Note, ...], style: str) -> str:
    if line.kind == "elision":
        return f'<p class="elide" style="{_CENTERED}">{ELISION}</p>'
    if line.kind in ("act", "container"):
        return f'<p class="{line.kind}" style="{_CENTERED}">{escape(line.plain)}</p>'
    classes = [f"lv-{line.level}", f"d{line.depth}"]
    if line.kind == "section":
        classes.append("section")
        inline = f"{_P_STYLE};text-indent:0;font-weight:bold;margin-top:0.6em"
    else:
        inline = f"{_P_STYLE};text-indent:0.3in;margin-left:{0.3 * max(line.depth - 1, 0):.1f}in"
    if line.status in ("inserted", "struck"):
        classes.append(line.status)
    body = "".join(_piece(p, notes, style) for p in line.pieces)
    return f'<p class="{" ".join(classes)}" style="{inline}">{body}</p>'


def print_html(layout: ComparativePrint, *, fragment: bool = False) -> str:
    """Draw a laid-out comparative print as HTML (a page, or with `fragment` a `<div>`)."""
    notes = layout.notes
    body = [_line(line, notes, layout.style) for line in layout.lines]
    if not any(line.kind == "provision" or line.kind == "section" for line in layout.lines):
        body.append('<p class="legend">No changes.</p>')
    foot = ""
    if notes:
        items = "".join(
            f'<li id="am-{n.number}" style="font-size:9.5pt">{escape(n.text)}</li>' for n in notes
        )
        foot = f'<ol class="amendments">{items}</ol>'
    head = ""
    if not fragment:
        head = (
            f'<h1 style="text-align:center;font-size:13pt">{escape(layout.title)}</h1>'
            f'<p class="explain" style="{_P_STYLE};font-size:10.5pt;text-indent:0.3in">'
            f"{escape(layout.explanation)}</p>"
        )
        if layout.source:
            head += (
                f'<p class="source" style="{_P_STYLE};font-size:10.5pt;text-indent:0.3in;'
                f'font-style:italic">{escape(layout.source)}</p>'
            )
    inner = (
        f'<div class="billdraft-redline {layout.style}">' + head + "\n".join(body) + foot + "</div>"
    )
    if fragment:
        return f"<style>{_CSS}</style>{inner}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(layout.title)}</title><style>{_CSS}</style></head>"
        f"<body>\n{inner}\n</body></html>\n"
    )


def to_html(
    redline: Redline,
    *,
    style: str = "house",
    context: int = 1,
    fragment: bool = False,
    title: str = TITLE,
) -> str:
    """The comparative print as HTML: a whole page, or with `fragment` a `<div>` (Jupyter)."""
    layout = comparative_print(redline, style=style, context=context, title=title)
    with paused_gc():
        return print_html(layout, fragment=fragment)
