"""HTML comparative print: one self-contained file (or a fragment for Jupyter).

House style (the default) prints existing law proposed to be omitted in black brackets, new
matter in italic and unchanged law in roman; `strike` prints struck text struck through and new
text underlined; `color` adds red and blue. Changes are semantic `<del>`/`<ins>`, struck matter
always before inserted matter, and each stretch of changes carries the amendment that made it:
in a tooltip and as a numbered note listed at the end. Runs of untouched provisions are elided
with `* * * * * * *`, keeping `context` paragraphs around each change.
"""

from __future__ import annotations

from html import escape

from ..amendments import Amendment
from ..apply import describe
from ..cite import Cite
from ..diff import Edit, Op, Paragraph, Redline, paused_gc
from .text import ELISION

__all__ = ["STYLES", "to_html"]

STYLES = ("house", "strike", "color")
"""The typographic styles a comparative print can take."""

_CSS = """
.billdraft-redline { font-family: "Century Schoolbook", "New Century Schoolbook",
  "TeX Gyre Schola", "Times New Roman", "Liberation Serif", Georgia, serif; font-size: 12pt; line-height: 1.45;
  color: #000; max-width: 6.5in; margin: 0 auto; }
.billdraft-redline h1 { font-size: 13pt; text-align: center; font-weight: bold;
  letter-spacing: .04em; text-transform: uppercase; margin: 0 0 .4em; }
.billdraft-redline .explain { font-size: 10.5pt; text-align: justify; margin: 0 0 1.4em;
  text-indent: 2em; }
.billdraft-redline .act { font-variant: small-caps; text-align: center; margin: 1.6em 0 .8em;
  font-size: 12pt; }
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

_EXPLAIN = {
    "house": (
        "In compliance with clause 3(e) of rule XIII of the Rules of the House of "
        "Representatives, changes in existing law made by the bill, as reported, are shown as "
        "follows (existing law proposed to be omitted is enclosed in black brackets, new matter "
        "is printed in italic, and existing law in which no change is proposed is shown in "
        "roman):"
    ),
    "strike": (
        "Changes in existing law made by the bill are shown as follows (existing law proposed "
        "to be omitted is struck through, new matter is underlined, and existing law in which no "
        "change is proposed is shown in roman):"
    ),
    "color": (
        "Changes in existing law made by the bill are shown as follows (existing law proposed "
        "to be omitted is struck through in red, new matter is underlined in blue, and existing "
        "law in which no change is proposed is shown in black):"
    ),
}


class _Notes:
    """Numbers the amendments behind the changes, in order of first appearance."""

    def __init__(self) -> None:
        self.numbers: dict[int, int] = {}
        self.amendments: list[Amendment] = []
        self._titles: dict[int, str] = {}

    def title(self, amendment: Amendment) -> str:
        """`describe(amendment)`, escaped for an attribute (worked out once per amendment)."""
        title = self._titles.get(id(amendment))
        if title is None:
            title = self._titles[id(amendment)] = escape(describe(amendment))
        return title

    def number(self, amendment: Amendment) -> int:
        n = self.numbers.get(id(amendment))
        if n is None:
            self.amendments.append(amendment)
            n = self.numbers[id(amendment)] = len(self.amendments)
        return n


def _wrap(role: str, para: Paragraph, text: str) -> str:
    """Escape `text` and mark a designation or heading for styling."""
    text = escape(text)
    if role in ("num", "heading"):
        cls = "num" if role == "num" else "hd"
        if role == "heading" and para.level not in ("section", "subsection"):
            cls += " sc"
        text = f'<span class="{cls}">{text}</span>'
    return text


def _stretch(para: Paragraph, pieces: list[tuple[str, Edit]], notes: _Notes) -> str:
    """One stretch of changes: `[struck]` then new matter, then the amendment note marker.

    A space the stretch begins or ends with is printed outside the brackets and the marker
    (`whatsoever; [or]`, not `whatsoever;[ or]`), still inside its `<del>`/`<ins>`.
    """
    first, last = pieces[0][1], pieces[-1][1]
    lead = first.text[: len(first.text) - len(first.text.lstrip())]
    trail = last.text[len(last.text.rstrip()) :] if last.text.strip() else ""
    out: list[str] = []
    if lead:
        tag = "del" if first.op == Op.DELETE else "ins"
        out.append(f'<{tag} class="ws">{escape(lead)}</{tag}>')
    bracket = False
    amendments: list[Amendment] = []
    for k, (role, e) in enumerate(pieces):
        text = e.text
        if k == 0 and lead:
            text = text[len(lead) :]
        if k == len(pieces) - 1 and trail:
            text = text[: len(text) - len(trail)]
        if e.op == Op.DELETE and not bracket:
            out.append('<span class="br">[</span>')
            bracket = True
        if e.op == Op.INSERT and bracket:
            out.append('<span class="br">]</span>')
            bracket = False
        tag = "del" if e.op == Op.DELETE else "ins"
        attrs = ""
        if e.amendment is not None:
            amendments.append(e.amendment)
            n = notes.number(e.amendment)
            attrs = f' data-amendment="{n}" title="{notes.title(e.amendment)}"'
        if text:
            out.append(f"<{tag}{attrs}>{_wrap(role, para, text)}</{tag}>")
    if bracket:
        out.append('<span class="br">]</span>')
    if amendments:
        nums = sorted({notes.number(a) for a in amendments})
        links = ",".join(f'<a href="#am-{n}">{n}</a>' for n in nums)
        out.append(f'<sup class="am">{links}</sup>')
    if trail:
        tag = "del" if last.op == Op.DELETE else "ins"
        out.append(f'<{tag} class="ws">{escape(trail)}</{tag}>')
    return "".join(out)


def _paragraph(para: Paragraph, notes: _Notes) -> str:
    classes = [f"lv-{para.level}", f"d{para.depth}"]
    if para.level == "section" and para.depth == 0:
        classes.append("section")
    if para.status in ("inserted", "struck"):
        classes.append(para.status)
    out: list[str] = []
    stretch: list[tuple[str, Edit]] = []
    for role, e in para.pieces:
        if e.op == Op.EQUAL:
            if stretch:
                out.append(_stretch(para, stretch, notes))
                stretch = []
            out.append(_wrap(role, para, e.text))
        else:
            stretch.append((role, e))
    if stretch:
        out.append(_stretch(para, stretch, notes))
    return f'<p class="{" ".join(classes)}">{"".join(out)}</p>'


def _act_line(redline: Redline, identifier: str) -> str:
    """`TRADE ACT OF 1974` above a section, when the Act it comes from is known."""
    statute = redline.new or redline.old
    if statute is None:
        return ""
    try:
        cite = Cite.from_identifier(identifier)  # a chapter has no Act line
        form = cite.act_form(statute.acts)
    except Exception:  # a citation the index cannot place: print no Act line
        return ""
    if not form:
        return ""
    return f'<p class="act">{escape(form)}</p>'


def to_html(
    redline: Redline, *, style: str = "house", context: int = 1, fragment: bool = False,
    title: str = "Changes in Existing Law",
) -> str:
    """The comparative print as HTML: a whole page, or with `fragment` a `<div>` (Jupyter)."""
    if style not in STYLES:
        raise ValueError(f"expected a style among {', '.join(STYLES)}, found {style!r}")
    if context < 0:
        raise ValueError(f"expected a non-negative context, found {context}")
    with paused_gc():
        return _html(redline, style, context, fragment, title)


def _html(redline: Redline, style: str, context: int, fragment: bool, title: str) -> str:
    notes = _Notes()
    body: list[str] = []
    for k, section in enumerate(redline.sections):
        if k and body and not body[-1].startswith('<p class="elide">'):
            body.append(f'<p class="elide">{ELISION}</p>')
        act = _act_line(redline, section.identifier)
        if act:
            body.append(act)
        for para in redline.excerpt(section, context):
            if para is None:
                body.append(f'<p class="elide">{ELISION}</p>')
            else:
                body.append(_paragraph(para, notes))
    if not redline.sections:
        body.append('<p class="legend">No changes.</p>')
    foot = ""
    if notes.amendments:
        items = "".join(
            f'<li id="am-{i}">{notes.title(a)}</li>'  # `title`: describe(a), escaped
            for i, a in enumerate(notes.amendments, start=1)
        )
        foot = f'<ol class="amendments">{items}</ol>'
    inner = (
        f'<div class="billdraft-redline {style}">'
        + ("" if fragment else f"<h1>{escape(title)}</h1>")
        + ("" if fragment else f'<p class="explain">{escape(_EXPLAIN[style])}</p>')
        + "\n".join(body)
        + foot
        + "</div>"
    )
    if fragment:
        return f"<style>{_CSS}</style>{inner}"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>"
        f"<body>\n{inner}\n</body></html>\n"
    )
