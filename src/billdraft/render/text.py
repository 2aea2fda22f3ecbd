"""Plain text: the shared one-line-per-paragraph form of a section, and a text comparative print.

`section_text(provision)` is *the* plain-text form of a section that every writer agrees on: one
line per printed paragraph (`§ 2432. Heading`, `(a) Heading.—Text`, `(1) Text`, continuations on
their own line), white space collapsed. The Word writers emit exactly these paragraphs, so a
document's text after Accept All is `section_text` of the amended section and after Reject All
that of the current one.

`to_text(redline)` prints a comparative print in plain text: struck matter in `[brackets]`, new
matter in `{braces}`, untouched stretches elided with `* * * * * * *`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..diff import Op, Paragraph, Redline, elide, section_paragraphs, section_text
from ..statute import Provision, Statute

__all__ = ["ELISION", "elide", "section_paragraphs", "section_text", "statute_text", "to_text"]

ELISION = "*       *       *       *       *       *       *"
"""The line that stands for untouched provisions in a comparative print."""


def statute_text(statute: Statute, sections: Iterable[str] | None = None) -> str:
    """The plain-text form of several sections (all loaded ones by default), one after another."""
    chosen: Sequence[Provision] = (
        statute.sections if sections is None else [statute.section(s) for s in sections]
    )
    return "\n".join(section_text(sec) for sec in chosen)


def _line(para: Paragraph) -> str:
    out: list[str] = []
    prev = Op.EQUAL
    for _, e in para.pieces:
        if e.op == Op.DELETE and not e.text.strip() and prev != Op.DELETE:
            continue  # struck white space alone (a line that ran on): nothing to bracket
        if e.op != prev:
            if prev == Op.DELETE:
                out.append("]")
            elif prev == Op.INSERT:
                out.append("}")
            if e.op == Op.DELETE:
                lead = e.text[: len(e.text) - len(e.text.lstrip())]
                out.append(lead + "[")
                out.append(e.text[len(lead) :])
                prev = e.op
                continue
            elif e.op == Op.INSERT:
                out.append("{")
            prev = e.op
        out.append(e.text)
    out.append({Op.DELETE: "]", Op.INSERT: "}", Op.EQUAL: ""}[prev])
    return "  " * para.depth + "".join(out)


def to_text(redline: Redline, context: int = 1) -> str:
    """A plain-text comparative print: `[struck]`, `{inserted}`, elisions between changes."""
    lines: list[str] = []
    for section in redline.sections:
        if lines:
            lines.append("")
        for para in redline.excerpt(section, context):
            lines.append(ELISION if para is None else _line(para))
    return "\n".join(lines)
