"""HTML of a bill comparison: the bill's text changed between the versions, and the law under each.

One self-contained file in three parts:

1. **Bill to bill** — the counts (matched, renumbered, moved, added, struck per kind of unit),
   the notes, then every unit in the comparison's reading order: a unit matched in place with its
   word diff (struck words in `<del>`, inserted in `<ins>`, marked as the comparative print's
   style says), a moved unit once where NEW has it (with its diff and where OLD had it) and a line
   where OLD had it pointing there, an added or struck unit whole. A unit left alike is folded
   (its heading shown, its text a click away).
2. **Effect on law** — per Code section either version changes, three columns side by side
   (current law; the law under OLD; the law under NEW, each change with a numbered note naming
   the version and the instruction that made it) and below them the difference between the two
   amended texts; untouched stretches elided with `* * * * * * *`.
3. **Instructions** — the instructions that apply in one version and not the other, side by side
   with their status and the reason, then the totals of each version.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from ..amendments import Amendment
from ..apply import describe
from ..diff import Edit, Op, Paragraph, Redline, paused_gc

if TYPE_CHECKING:
    from ..compare import Comparison, Entry, InstructionOutcome, LawProvision

__all__ = ["edits_json", "redline_edits", "to_html"]

ELISION = "*\u2003\u2003*\u2003\u2003*\u2003\u2003*\u2003\u2003*\u2003\u2003*\u2003\u2003*"

_CSS = """
body { font-family: "Century Schoolbook", "TeX Gyre Schola", "Times New Roman", Georgia, serif;
  font-size: 12pt; line-height: 1.4; max-width: 11in; margin: 1em auto; color: #000; }
h1 { font-size: 15pt; text-align: center; } h2 { font-size: 13pt; border-bottom: 1px solid #999;
  margin-top: 2em; } h3 { font-size: 12pt; margin-top: 1.5em; }
table.counts { border-collapse: collapse; font-size: 10.5pt; }
table.counts td, table.counts th { border: 1px solid #bbb; padding: 2px 8px; text-align: right; }
p.note { background: #fff4d6; border-left: 4px solid #e0a800; padding: .4em .8em; }
div.unit { margin: .6em 0; padding-left: .6em; border-left: 3px solid transparent; }
div.unit.added { border-left-color: #0040a0; } div.unit.struck { border-left-color: #b00020; }
div.unit.moved { border-left-color: #7a3db8; } div.unit.renumbered { border-left-color: #2a8a5a; }
div.unit p { margin: 0 0 .25em; } div.unit p.head { font-weight: bold; }
p.quoted { margin-left: 2em !important; }
span.badge { font: 9pt sans-serif; background: #eee; border-radius: 3px; padding: 0 4px;
  margin-right: .5em; color: #333; }
p.stub { font-style: italic; color: #555; }
details > summary { cursor: pointer; }
table.law { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 10.5pt; }
table.law td, table.law th { border: 1px solid #ccc; vertical-align: top; padding: 4px 6px; }
table.law p { margin: 0 0 .3em; } p.elide { text-align: center; white-space: pre; }
div.difference { font-size: 10.5pt; border: 1px dashed #999; padding: 4px 8px; }
sup.fn { font-size: 7pt; color: #555; }
ol.notes { font-size: 9.5pt; }
table.instructions { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 10pt; }
table.instructions td, table.instructions th { border: 1px solid #ccc; vertical-align: top;
  padding: 4px 6px; }
.status { font-weight: bold; } .status.applied { color: #2a7a2a; }
.status.refused, .status.not-parsed { color: #b00020; } .status.target-not-loaded { color: #8a6d00; }
del, ins { text-decoration: none; }
.house ins { font-style: italic; } .house del::before { content: "["; font-weight: bold; }
.house del::after { content: "]"; font-weight: bold; }
.strike del { text-decoration: line-through; } .strike ins { text-decoration: underline; }
.color del { text-decoration: line-through; color: #b00020; }
.color ins { text-decoration: underline; color: #0040a0; }
"""


def edits_json(edits: Iterable[Edit]) -> list[list[Any]]:
    """Edits as `[op, text]` pairs: -1 struck, 0 kept, 1 inserted."""
    return [[int(e.op), e.text] for e in edits]


def redline_edits(red: Redline | None) -> list[dict[str, Any]] | None:
    """The changed paragraphs of a redline: old and new text, and each piece with the label
    of the instruction that made it."""
    if red is None:
        return None
    out: list[dict[str, Any]] = []
    for para in red.paragraphs():
        if not para.changed:
            continue
        out.append(
            {
                "old": para.text("old") if para.exists("old") else None,
                "new": para.text("new") if para.exists("new") else None,
                "edits": [[int(e.op), e.text, _label(e, para)] for _, e in para.pieces],
            }
        )
    return out


def _label(e: Edit, para: Paragraph) -> str | None:
    """The label of the instruction behind a changed piece (None for a kept one)."""
    amendment = e.amendment or para.amendment
    return amendment.label if amendment is not None and e.op != Op.EQUAL else None


class _Notes:
    """Numbered notes: each amendment behind a change in the law, and the version it is from."""

    def __init__(self) -> None:
        self.numbers: dict[int, int] = {}
        self.items: list[str] = []

    def mark(self, amendment: Amendment | None, side: str) -> str:
        if amendment is None:
            return ""
        n = self.numbers.get(id(amendment))
        if n is None:
            label = amendment.label or "instruction"
            words = describe(amendment).removeprefix(f"{amendment.label}: ")
            self.items.append(f"<b>{side} {escape(label)}</b>: {escape(words)}")
            n = self.numbers[id(amendment)] = len(self.items)
        return f'<sup class="fn"><a href="#fn{n}">{n}</a></sup>'


def _pieces_html(pieces: Iterable[tuple[Op, str]]) -> str:
    out = []
    for op, text in pieces:
        t = escape(text)
        out.append(
            t if op == Op.EQUAL else f"<del>{t}</del>" if op == Op.DELETE else f"<ins>{t}</ins>"
        )
    return "".join(out)


def _unit_paragraphs(edits: Sequence[Edit], whole: Op | None = None) -> list[str]:
    """The `<p>`s of a unit's diff (a break only one version has shown as ¶)."""
    from ..compare import split_paragraphs

    paras: list[str] = []
    for k, (pieces, mark) in enumerate(split_paragraphs(edits, Op.EQUAL)):
        text = _pieces_html(pieces)
        if mark != Op.EQUAL and whole is None:
            text += "<del>¶</del>" if mark == Op.DELETE else "<ins>¶</ins>"
        quoted = any(t.startswith("“") for _, t in pieces[:1])
        cls = "head" if k == 0 else "quoted" if quoted else ""
        paras.append(f'<p class="{cls}">{text}</p>' if cls else f"<p>{text}</p>")
    return paras


def _badge(text: str) -> str:
    return f'<span class="badge">{escape(text)}</span>'


def _entry_html(entry: Entry) -> str:
    pair = entry.pair
    old, new = pair.old, pair.new
    if entry.role == "from":
        assert old is not None and new is not None
        return (
            f'<div class="unit moved"><p class="stub">{_badge("moved")}OLD {escape(old.label)} '
            f'(“{escape(old.lines[0][:90])}”) is moved: see NEW <a href="#n{new.index}">'
            f"{escape(new.label)}</a></p></div>"
        )
    if entry.role in ("added", "struck"):
        unit = new if entry.role == "added" else old
        assert unit is not None
        op = Op.INSERT if entry.role == "added" else Op.DELETE
        badge = _badge(f"{entry.role} — {unit.label}")
        body = _unit_paragraphs((Edit(op, unit.text),), op)
        anchor = f' id="n{unit.index}"' if entry.role == "added" else ""
        return f'<div class="unit {entry.role}"{anchor}>{badge}{"".join(body)}</div>'
    assert old is not None and new is not None
    status = pair.status
    if entry.role == "to":
        note = f"moved from OLD {old.label}" + (" (renumbered)" if pair.renumbered else "")
    elif pair.renumbered:
        note = f"renumbered: OLD {old.label} → NEW {new.label}"
    else:
        note = ""
    badge = _badge(note) if note else ""
    body = _unit_paragraphs(pair.edits)
    if not pair.changed and not note:
        rest = "".join(body[1:])
        summary = body[0].removeprefix('<p class="head">').removesuffix("</p>")
        if not rest:
            return f'<div class="unit unchanged" id="n{new.index}">{body[0]}</div>'
        return (
            f'<div class="unit unchanged" id="n{new.index}"><details><summary>'
            f"{summary}</summary>{rest}</details></div>"
        )
    return f'<div class="unit {status}" id="n{new.index}">{badge}{"".join(body)}</div>'


def _redline_cell(red: Redline | None, view: str, notes: _Notes | None, side: str) -> str:
    """One column of the law side by side: the section's changed lines with context."""
    if red is None:
        return "<p><i>no change</i></p>"
    out: list[str] = []
    for sec in red.sections:
        for para in red.excerpt(sec):
            if para is None:
                out.append(f'<p class="elide">{ELISION}</p>')
                continue
            out.append(_law_paragraph(para, view, notes, side))
    return "".join(out)


def _law_paragraph(para: Paragraph, view: str, notes: _Notes | None, side: str) -> str:
    indent = f' style="margin-left:{1.2 * para.depth:.1f}em"' if para.depth else ""
    if view == "old":
        if not para.exists("old"):
            return ""
        return f"<p{indent}>{escape(para.text('old'))}</p>"
    parts: list[str] = []
    pending: Amendment | None = None
    for _, e in para.pieces:
        amendment = e.amendment or para.amendment
        if e.op == Op.EQUAL:
            if pending is not None and notes is not None:
                parts.append(notes.mark(pending, side))
                pending = None
            parts.append(escape(e.text))
            continue
        tag = "del" if e.op == Op.DELETE else "ins"
        parts.append(f"<{tag}>{escape(e.text)}</{tag}>")
        if amendment is not None:
            if pending is not None and pending is not amendment and notes is not None:
                parts.append(notes.mark(pending, side))
            pending = amendment
    if pending is not None and notes is not None:
        parts.append(notes.mark(pending, side))
    body = "".join(parts)
    if para.status == "struck":
        body = f"<del>{body}</del>"
    elif para.status == "inserted":
        body = f"<ins>{body}</ins>"
    return f"<p{indent}>{body}</p>"


def _provision_html(p: LawProvision, notes: _Notes) -> str:
    base = p.old_redline or p.new_redline
    current = (
        _redline_cell(base, "old", None, "")
        if p.current is not None
        else ("<p><i>not in the law as loaded</i></p>")
    )
    head = escape(p.cite) + (f" — {escape(p.heading)}" if p.heading else "")
    diff = (
        _redline_cell(p.difference, "new", None, "")
        if p.difference is not None
        else "<p><i>The law reads alike under both versions.</i></p>"
    )
    return (
        f'<h3>{head}</h3><table class="law"><tr><th>Current law</th><th>Law under OLD</th>'
        f"<th>Law under NEW</th></tr><tr><td>{current}</td>"
        f"<td>{_redline_cell(p.old_redline, 'new', notes, 'OLD')}</td>"
        f"<td>{_redline_cell(p.new_redline, 'new', notes, 'NEW')}</td></tr></table>"
        "<p><b>Difference between the law under OLD and under NEW</b> (struck: OLD only; "
        f'inserted: NEW only):</p><div class="difference">{diff}</div>'
    )


def _outcome_html(o: InstructionOutcome | None) -> str:
    if o is None:
        return "<i>no counterpart</i>"
    cls = o.status.replace(" ", "-")
    why = "".join(f"<br><small>{escape(m[:400])}</small>" for m in o.errors[:3])
    text = escape(o.text if len(o.text) <= 500 else o.text[:499] + "…")
    return (
        f'<b>{escape(o.label)}</b> <span class="status {cls}">{escape(o.status)}</span>'
        f"{why}<br><small>{text}</small>"
    )


def to_html(comparison: Comparison, style: str = "house") -> str:
    """The comparison as one self-contained HTML file (styles: house, strike, color)."""
    with paused_gc():
        return _to_html(comparison, style)


def _to_html(comparison: Comparison, style: str) -> str:
    from ..compare import CONTAINERS, SIDES

    old, new = comparison.old, comparison.new
    out = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f"<title>Comparison of {escape(old.name)} with {escape(new.name)}</title>",
        f'<style>{_CSS}</style></head><body class="{escape(style)}">',
        "<h1>Comparison of two versions of a bill</h1>",
        f"<p><b>OLD</b>: {escape(old.path)} ({old.format}{', ' + escape(old.title) if old.title else ''})<br>",
        f"<b>NEW</b>: {escape(new.path)} ({new.format}{', ' + escape(new.title) if new.title else ''})</p>",
    ]
    out += [f'<p class="note">{escape(n)}</p>' for n in comparison.notes]
    keys = (
        "old",
        "new",
        "matched",
        "unchanged",
        "changed",
        "renumbered",
        "moved",
        "added",
        "struck",
    )
    out.append('<table class="counts"><tr><th></th>' + "".join(f"<th>{k}</th>" for k in keys))
    for kind in ("section", "appropriation", *CONTAINERS):
        if not any(p.kind == kind for p in comparison.pairs):
            continue
        c = comparison.counts(kind)
        out.append(f"<tr><th>{kind}s</th>" + "".join(f"<td>{c[k]}</td>" for k in keys) + "</tr>")
    out.append("</table>")
    out.append("<h2>The bill’s text, OLD to NEW</h2>")
    out += (_entry_html(e) for e in comparison.entries)
    effect = comparison.effect
    if effect is not None:
        notes = _Notes()
        out.append("<h2>Effect on law, side by side</h2>")
        for side, name in SIDES:
            t = effect.totals(side)
            out.append(
                f"<p>{name}: " + ", ".join(f"{v} {escape(s)}" for s, v in t.items()) + "</p>"
            )
        if not effect.provisions:
            out.append("<p><i>Neither version changes any provision of the law loaded.</i></p>")
        out += (_provision_html(p, notes) for p in effect.provisions)
        if notes.items:
            out.append('<ol class="notes">')
            out += (f'<li id="fn{k}">{item}</li>' for k, item in enumerate(notes.items, 1))
            out.append("</ol>")
        out.append("<h2>Instructions that apply in one version and not the other</h2>")
        diverging = effect.diverging
        if not diverging:
            out.append("<p><i>None: every instruction fares alike in both versions.</i></p>")
        else:
            out.append('<table class="instructions"><tr><th>OLD</th><th>NEW</th></tr>')
            out += (
                f"<tr><td>{_outcome_html(p.old)}</td><td>{_outcome_html(p.new)}</td></tr>"
                for p in diverging
            )
            out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)
