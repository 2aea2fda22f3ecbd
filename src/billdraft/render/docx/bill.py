"""The bill itself as a Word document, laid out as Congress prints bills.

Two steps, each a plain function:

* `bill_layout(draft, statute)` turns a `Draft` into the bill's paragraphs, in order, each a
  named style and its runs (`BillParagraph`, `Span`): the cover (Congress and session, ``H. R.
  ___``, the long title between rules, ``IN THE HOUSE OF REPRESENTATIVES``, the sponsor and
  referral line), ``A BILL``, the long title, the enacting clause, ``SECTION 1. SHORT TITLE.``
  (with a table of contents when the bill has more than `TOC_THRESHOLD` sections), then each
  section: freestanding text laid out by `parse_new_matter` with subsections, paragraphs … indented
  by level, or the amendatory instructions worded by `word_instructions` with their quoted blocks;
* `write_bill_docx(draft, path)` writes those paragraphs with python-docx into a Letter-size
  document whose named styles (`STYLES`: ``Bill Header``, ``Bill Title``, ``Bill Section
  Heading``, ``Bill Subsection``, ``Bill Paragraph``, ``Bill Quoted Block`` …) carry all the
  formatting, so a drafter restyles the bill by editing a style. Body lines are numbered, restarting
  on each page (the cover lines are not: their styles suppress line numbers, so the enacting clause
  is line 1 as in a printed bill), 25 to a full page (`LINES_PER_PAGE`: a paragraph breaks at any
  line; only a section heading moves on with its text); every page after the first has its
  number centred at its head, and the foot carries the bill's number and version (``•HR ___ IH``).

The cover gives the date of introduction (the draft's `date`, or a blank in the session's year)
before the sponsor line, whose referral sentence ends with a period; a paragraph that opens with
a heading in caps and small caps is set flush left, so the heading is never stretched across a
justified line.

Typography follows the Government Publishing Office's print of introduced bills (as in
``119_hr_7230.xml`` rendered by GPO): caps header, ordinal session (``2D SESSION``), section
headings bold in capitals, subsection and paragraph headings in caps and small caps (``(a)
PRESIDENTIAL DETERMINATIONS.—``), each level's first line indented one step further than its
wrapped lines, quoted matter indented one step deeper than the instruction that inserts it.
"""

from __future__ import annotations

import argparse
import functools
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Emu, Inches, Length, Pt
from docx.styles.style import CharacterStyle, ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from ...amendments import (
    LEVELS,
    AddAtEnd,
    Amendment,
    AmendToRead,
    InsertProvisions,
    NewProvision,
    StrikeProvision,
)
from ...drafts import Draft, DraftSection
from ...errors import BilldraftError, DraftError
from ...instructions.render import WordedInstruction, quote, word_instructions
from ...newmatter import parse_new_matter
from ...statute import Statute

__all__ = [
    "CHARACTER_STYLES",
    "STYLES",
    "TOC_THRESHOLD",
    "BillParagraph",
    "Span",
    "add_parser",
    "bill_layout",
    "chamber_line",
    "congress_line",
    "date_line",
    "enacting_clause",
    "run_cli",
    "session_line",
    "session_year",
    "sponsor_line",
    "write_bill_docx",
]

FONT = "Times New Roman"
"""The body face (GPO sets bills in Century Schoolbook; Times is on every drafter's machine)."""

TOC_THRESHOLD = 5
"""A bill with more sections than this opens with a table of contents in section 1."""

STEP = Inches(0.3)
"""One level of indentation."""

DEFAULT_STATUTES = Path("statutes")
"""Where the command looks for the law when neither the draft nor --statutes names it."""

LINE = Pt(24)
"""The body's line pitch: printed bills are set with open leading."""

LINES_PER_PAGE = 25
"""Numbered lines on a full page of a printed bill."""

# -- paragraph styles, by role ----------------------------------------------------------------
HEADER = "Bill Header"
SESSION = "Bill Session"
NUMBER = "Bill Number"
COVER_TITLE = "Bill Cover Title"
CHAMBER = "Bill Chamber"
DATE = "Bill Date"
SPONSOR = "Bill Sponsor"
LEGIS_TYPE = "Bill Type"
TITLE = "Bill Title"
ENACTING = "Bill Enacting Clause"
SECTION_HEADING = "Bill Section Heading"
TEXT = "Bill Text"
INSTRUCTION = "Bill Instruction"
QUOTED = "Bill Quoted Block"
TOC_ENTRY = "Bill TOC Entry"
FOOTER = "Bill Footer"
PAGE_NUMBER = "Bill Page Number"
LEVEL_STYLES: dict[str, str] = {
    "subsection": "Bill Subsection",
    "paragraph": "Bill Paragraph",
    "subparagraph": "Bill Subparagraph",
    "clause": "Bill Clause",
    "subclause": "Bill Subclause",
    "item": "Bill Item",
    "subitem": "Bill Subitem",
}
STYLES: tuple[str, ...] = (
    HEADER,
    SESSION,
    NUMBER,
    COVER_TITLE,
    CHAMBER,
    DATE,
    SPONSOR,
    LEGIS_TYPE,
    TITLE,
    ENACTING,
    SECTION_HEADING,
    TEXT,
    INSTRUCTION,
    *LEVEL_STYLES.values(),
    QUOTED,
    TOC_ENTRY,
    FOOTER,
    PAGE_NUMBER,
)
"""The paragraph styles a bill uses, each defined in the document's styles part."""

# -- character styles -------------------------------------------------------------------------
SMALL_CAPS = "Bill Heading Caps"
MEMBER = "Bill Member Name"
STRONG = "Bill Quoted Section Heading"
CHARACTER_STYLES: tuple[str, ...] = (SMALL_CAPS, MEMBER, STRONG)
"""The character styles a bill uses (headings in small caps, Members' names, quoted sections)."""


# --- the layout ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A run of text, with a character style name or none."""

    text: str
    style: str | None = None


@dataclass(frozen=True)
class BillParagraph:
    """One paragraph of the bill: its style, its runs, and (quoted matter) its indentation depth.

    `depth` sets the indentation directly (left `depth` steps, first line one step more) where
    the style alone cannot say it: quoted blocks, and the matter following subdivisions
    (`flush`: no first-line indent).
    """

    style: str
    spans: tuple[Span, ...]
    depth: int | None = None
    flush: bool = False

    @property
    def text(self) -> str:
        """The paragraph's text."""
        return "".join(s.text for s in self.spans)


def _para(style: str, *spans: Span | str, depth: int | None = None) -> BillParagraph:
    return BillParagraph(
        style, tuple(s if isinstance(s, Span) else Span(s) for s in spans if s), depth
    )


def _ordinal_suffix(n: int) -> str:
    """GPO's ordinals: 1ST, 2D, 3D, 4TH … 11TH, 12TH, 13TH … 21ST, 22D, 119TH."""
    if 10 <= n % 100 <= 20:
        return "TH"
    return {1: "ST", 2: "D", 3: "D"}.get(n % 10, "TH")


def congress_line(congress: int) -> str:
    """``119TH CONGRESS``."""
    return f"{congress}{_ordinal_suffix(congress)} CONGRESS"


def session_line(session: int) -> str:
    """``2D SESSION``."""
    return f"{session}{_ordinal_suffix(session)} SESSION"


def chamber_line(chamber: str) -> str:
    """``IN THE HOUSE OF REPRESENTATIVES`` or ``IN THE SENATE OF THE UNITED STATES``."""
    return (
        "IN THE HOUSE OF REPRESENTATIVES"
        if chamber == "house"
        else ("IN THE SENATE OF THE UNITED STATES")
    )


def enacting_clause() -> str:
    """The enacting clause every bill carries (1 U.S.C. 101)."""
    return (
        "Be it enacted by the Senate and House of Representatives of the United States of "
        "America in Congress assembled,"
    )


_MEMBER = re.compile(r"^((?:Mr|Ms|Mrs|Miss|Dr)\.?\s+)(.+?)((?:\s+of\s+.+)?)$")


def _member(name: str) -> list[Span]:
    """A Member's name with the surname in caps and small caps: ``Mr. SMITH of Nebraska``."""
    match = _MEMBER.match(name.strip())
    if match is None:
        return [Span(name.strip())]
    honorific, surname, state = match.groups()
    return [Span(honorific), Span(surname, MEMBER), *([Span(state)] if state else [])]


def _reflexive(sponsor: str) -> str:
    return "herself" if re.match(r"^(Ms|Mrs|Miss)\b", sponsor.strip()) else "himself"


def sponsor_line(draft: Draft) -> tuple[Span, ...]:
    """``Mr. Smith (for himself and Ms. Doe) introduced the following bill; which was referred…``."""
    spans = _member(draft.sponsor)
    co = list(draft.cosponsors)
    if co:
        spans.append(Span(f" (for {_reflexive(draft.sponsor)}"))
        spans.append(Span(" and " if len(co) == 1 else ", "))
        for i, name in enumerate(co):
            if i and len(co) > 1:
                spans.append(Span(", and " if i == len(co) - 1 else ", "))
            spans.extend(_member(name))
        spans.append(Span(")"))
    spans.append(Span(" introduced the following bill"))
    if draft.committee:
        referred = "was referred" if draft.chamber == "house" else "was read twice and referred"
        spans.append(Span(f"; which {referred} to the {draft.committee}"))
    spans.append(Span("."))
    return tuple(_merge(spans))


def session_year(congress: int, session: int) -> int:
    """The calendar year of a session: the 119th Congress's 2d session sits in 2026."""
    return 1789 + 2 * (congress - 1) + (session - 1)


def date_line(draft: Draft) -> tuple[Span, ...]:
    """The cover's date of introduction, its month in caps and small caps (``JANUARY 22, 2026``);
    a blank to fill in the session's year when the draft gives no `date`."""
    if draft.date is None:
        return (Span(f"{'_' * 14}, {session_year(draft.congress, draft.session)}"),)
    month = draft.date.strftime("%B")
    return (Span(month, SMALL_CAPS), Span(f" {draft.date.day}, {draft.date.year}"))


def _merge(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        if out and out[-1].style == s.style:
            out[-1] = Span(out[-1].text + s.text, s.style)
        else:
            out.append(s)
    return out


def _sentence(heading: str) -> str:
    heading = heading.strip()
    return heading if heading.endswith(".") else heading + "."


def _section_heading(number: int, heading: str) -> BillParagraph:
    label = "SECTION 1." if number == 1 else f"SEC. {number}."
    return _para(SECTION_HEADING, f"{label} {_sentence(heading).upper()}")


def _letters(n: int) -> str:
    """(a), (b) … (z), (aa), (bb) …: subsection designations."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _cover(draft: Draft) -> list[BillParagraph]:
    number = "H. R. ___" if draft.chamber == "house" else "S. ___"
    return [
        # -- a frame at the right margin, beside the Congress and session lines --
        _para(NUMBER, number),
        _para(HEADER, congress_line(draft.congress)),
        _para(SESSION, session_line(draft.session)),
        _para(COVER_TITLE, draft.long_title),
        _para(CHAMBER, chamber_line(draft.chamber)),
        BillParagraph(DATE, date_line(draft)),
        BillParagraph(SPONSOR, sponsor_line(draft)),
        _para(LEGIS_TYPE, "A BILL"),
        _para(TITLE, draft.long_title),
        _para(ENACTING, enacting_clause()),
    ]


def _short_title(draft: Draft) -> list[BillParagraph]:
    cited = f"This Act may be cited as the {quote(draft.short_title)}."
    count = len(draft.sections) + 1
    if count <= TOC_THRESHOLD:
        return [_section_heading(1, "Short title"), _para(TEXT, cited)]
    out = [
        _section_heading(1, "Short title; table of contents"),
        _para(LEVEL_STYLES["subsection"], "(a) ", Span("Short title", SMALL_CAPS), ".—", cited),
        _para(
            LEVEL_STYLES["subsection"],
            "(b) ",
            Span("Table of contents", SMALL_CAPS),
            ".—The table of contents for this Act is as follows:",
        ),
        _para(TOC_ENTRY, "Sec. 1. Short title; table of contents."),
    ]
    out.extend(_para(TOC_ENTRY, f"Sec. {s.number}. {_sentence(s.heading)}") for s in draft.sections)
    return out


# --- freestanding text -----------------------------------------------------------------------

_DESIGNATED = re.compile(r"^\s*\(([A-Za-z0-9-]+)\)\s")


def _level_index(level: str) -> int:
    """subsection 1, paragraph 2 … subitem 7 (section text indents like a subsection)."""
    return max(LEVELS.index(level), 1) if level in LEVELS else 1


def _level_style(index: int) -> str:
    names = list(LEVEL_STYLES.values())
    return names[min(max(index, 1), len(names)) - 1]


def _provision(p: NewProvision) -> list[BillParagraph]:
    index = _level_index(p.level)
    style = LEVEL_STYLES.get(p.level, TEXT)
    spans: list[Span] = [Span(f"({p.designation}) ")]
    if p.heading is not None:
        spans += [Span(p.heading, SMALL_CAPS), Span(".—")]
    body = p.content if p.content is not None else p.chapeau
    if body:
        spans.append(Span(body))
    out = [BillParagraph(style, tuple(_merge(spans)))]
    for child in p.children:
        out.extend(_provision(child))
    if p.continuation:
        out.append(BillParagraph(style, (Span(p.continuation),), depth=index - 1, flush=True))
    return out


def _freestanding(section: DraftSection, source: Path) -> list[BillParagraph]:
    """A section's own text: undesignated lead lines, then its subsections, paragraphs …"""
    text = section.text or ""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    first = next((i for i, ln in enumerate(lines) if _DESIGNATED.match(ln)), len(lines))
    out = [_para(TEXT, ln) for ln in lines[:first]]
    if first < len(lines):
        try:
            provisions = parse_new_matter("\n".join(lines[first:]))
        except BilldraftError as exc:
            raise DraftError(
                f"in the text of section {section.number} ({section.heading}): {exc.message}",
                path=source,
                line=section.line,
            ) from None
        for p in provisions:
            out.extend(_provision(p))
    return out


# --- amendatory sections ---------------------------------------------------------------------


def _new_matter(amendment: Amendment) -> tuple[NewProvision, ...]:
    if isinstance(amendment, AddAtEnd | InsertProvisions):
        return amendment.provisions
    if isinstance(amendment, StrikeProvision):
        return amendment.replacement
    if isinstance(amendment, AmendToRead):
        return (amendment.provision,)
    return ()


def _headed(provisions: Iterable[NewProvision]) -> list[tuple[str, str]]:
    """(designation, heading) of every headed provision in some new matter, deepest last."""
    out: list[tuple[str, str]] = []
    for p in provisions:
        if p.heading is not None and p.level != "section":
            out.append((p.designation, p.heading))
        out.extend(_headed(p.children))
    return out


def _quoted_spans(text: str, headed: Sequence[tuple[str, str]]) -> tuple[Span, ...]:
    """A quoted line with its provision heading in small caps, or a quoted section head bold."""
    if re.match(r"^“SEC\. [0-9A-Za-z-]+\.", text):
        return (Span(text, STRONG),)
    for designation, heading in headed:
        head = f"“({designation}) "
        name = quote(heading)[1:-1]
        if text.startswith(head + name + ".—"):
            rest = text[len(head) + len(name) :]
            return (Span(head), Span(name, SMALL_CAPS), Span(rest))
    return (Span(text),)


def _instruction(worded: WordedInstruction, designation: str | None) -> list[BillParagraph]:
    headed = _headed(p for a in worded.amendments for p in _new_matter(a))
    out: list[BillParagraph] = []
    for i, line in enumerate(worded.lines):
        if line.quoted:
            out.append(BillParagraph(QUOTED, _quoted_spans(line.text, headed), depth=line.depth))
        elif i == 0 and line.depth == 0:
            lead = f"({designation}) " if designation else ""
            out.append(_para(INSTRUCTION, lead + line.text))
        else:
            out.append(_para(_level_style(line.depth + 1), line.text))
    return out


def _amendatory(section: DraftSection, statute: Statute | None) -> list[BillParagraph]:
    worded = word_instructions(section.amendments, statute)
    out: list[BillParagraph] = []
    for i, w in enumerate(worded, start=1):
        out.extend(_instruction(w, _letters(i) if len(worded) > 1 else None))
    return out


def bill_layout(draft: Draft, statute: Statute | None = None) -> tuple[BillParagraph, ...]:
    """The bill's paragraphs in order, each with its style name and runs."""
    out = _cover(draft)
    out.extend(_short_title(draft))
    for section in draft.sections:
        out.append(_section_heading(section.number, section.heading))
        if section.text:
            out.extend(_freestanding(section, draft.path))
        if section.amendments:
            out.extend(_amendatory(section, statute))
    return tuple(out)


# --- OOXML helpers ---------------------------------------------------------------------------

_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
_SECTPR_ORDER = (
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings sectPrChange"
).split()
_SETTINGS_AFTER_HYPHENATION = (
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
    "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting "
    "bookFoldPrintingSheets drawingGridHorizontalSpacing drawingGridVerticalSpacing "
    "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
    "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
    "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
    "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
    "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText "
    "doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
    "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars "
    "rsids mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
    "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
    "schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
).split()


def _put(parent: etree._Element, child: etree._Element, order: Sequence[str]) -> etree._Element:
    """Insert `child` into `parent` at its place in the schema sequence `order`, replacing any
    element of the same name."""
    name = etree.QName(child).localname
    old = parent.find(qn(f"w:{name}"))
    if old is not None:
        old.addprevious(child)
        parent.remove(old)
        return child
    later = set(order[order.index(name) + 1 :])
    for existing in parent:
        if isinstance(existing.tag, str) and etree.QName(existing).localname in later:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def _el(tag: str, **attrs: str) -> etree._Element:
    el = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _border(*sides: str, size: int = 6, space: int = 6) -> etree._Element:
    bdr = _el("pBdr")
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            bdr.append(_el(side, val="single", sz=str(size), space=str(space), color="auto"))
    return bdr


# --- styles ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Look:
    """How one paragraph style looks."""

    size: float = 12
    bold: bool = False
    italic: bool = False
    small_caps: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    left: Length | int = 0
    first: Length | int = 0
    before: float = 0
    after: float = 0
    body: bool = True  # numbered body line at the bill's line pitch, else a cover line
    keep_next: bool = False
    border: tuple[str, ...] = ()
    tracking: int = 0  # character spacing, in twentieths of a point
    outline: int | None = None


def _level_look(index: int) -> _Look:
    return _Look(left=STEP * (index - 1), first=STEP)


_CENTER = WD_ALIGN_PARAGRAPH.CENTER
_LOOKS: dict[str, _Look] = {
    HEADER: _Look(size=12, align=WD_ALIGN_PARAGRAPH.LEFT, body=False),
    SESSION: _Look(size=12, align=WD_ALIGN_PARAGRAPH.LEFT, left=Inches(0.3), body=False, after=8),
    NUMBER: _Look(size=20, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT, body=False),
    COVER_TITLE: _Look(
        size=12,
        align=_CENTER,
        left=Inches(0.5),
        body=False,
        before=6,
        after=18,
        border=("top", "bottom"),
    ),
    CHAMBER: _Look(size=12, align=_CENTER, body=False, after=12),
    DATE: _Look(align=WD_ALIGN_PARAGRAPH.LEFT, first=Inches(0.3), body=False, after=6),
    SPONSOR: _Look(first=Inches(0.3), body=False, after=18, border=("bottom",)),
    LEGIS_TYPE: _Look(
        size=22, bold=True, align=_CENTER, body=False, before=6, after=12, tracking=80
    ),
    TITLE: _Look(align=_CENTER, left=Inches(0.5), body=False, after=24),
    ENACTING: _Look(italic=True, first=STEP),
    SECTION_HEADING: _Look(
        bold=True,
        left=Inches(0.6),
        first=-Inches(0.6),
        keep_next=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        outline=0,
    ),
    TEXT: _level_look(1),
    INSTRUCTION: _level_look(1),
    **{name: _level_look(i) for i, name in enumerate(LEVEL_STYLES.values(), start=1)},
    QUOTED: _level_look(2),
    TOC_ENTRY: _Look(
        size=10,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        left=Inches(1.3),
        first=-Inches(0.6),
        body=False,
        after=2,
    ),
    FOOTER: _Look(size=8, align=WD_ALIGN_PARAGRAPH.LEFT, body=False),
    PAGE_NUMBER: _Look(size=12, align=_CENTER, body=False),
}
_BASED_ON = {SESSION: HEADER, INSTRUCTION: TEXT, QUOTED: TEXT}


def _add_styles(document: DocxDocument) -> None:
    styles = document.styles
    # -- the document defaults name the face too (Word's theme fonts otherwise reach the line
    #    numbers and anything unstyled) --
    defaults = styles.element.find(qn("w:docDefaults"))
    default_fonts = None if defaults is None else defaults.find(".//" + qn("w:rFonts"))
    if default_fonts is not None:
        for attr in list(default_fonts.attrib):
            del default_fonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            default_fonts.set(qn(attr), FONT)
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in ("w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(0)
    for name in STYLES:
        look = _LOOKS[name]
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(style, ParagraphStyle)
        style.base_style = styles[_BASED_ON.get(name, "Normal")]
        style.quick_style = True
        font = style.font
        font.size = Pt(look.size)
        font.bold = look.bold
        font.italic = look.italic
        pf = style.paragraph_format
        pf.alignment = look.align
        pf.left_indent = Emu(int(look.left))
        pf.first_line_indent = Emu(int(look.first))
        pf.space_before = Pt(look.before)
        pf.space_after = Pt(look.after)
        # -- a printed bill fills its 25 lines: a paragraph breaks at any line (no widow control)
        pf.widow_control = not look.body
        if look.keep_next:
            pf.keep_with_next = True
        if look.body:
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = LINE
        else:
            pf.line_spacing = 1.0
        ppr = style.element.get_or_add_pPr()
        if not look.body:
            _put(ppr, _el("suppressLineNumbers"), _PPR_ORDER)
        if look.border:
            _put(ppr, _border(*look.border), _PPR_ORDER)
        if look.outline is not None:
            _put(ppr, _el("outlineLvl", val=str(look.outline)), _PPR_ORDER)
        if look.tracking:
            _put(style.element.get_or_add_rPr(), _el("spacing", val=str(look.tracking)), _RPR_ORDER)
    for name, small_caps, bold in (
        (SMALL_CAPS, True, False),
        (MEMBER, True, False),
        (STRONG, False, True),
    ):
        char = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        assert isinstance(char, CharacterStyle)
        char.font.small_caps = small_caps or None
        char.font.bold = bold or None
    # -- Word numbers lines in the built-in "line number" character style --
    line_number = styles.add_style("Line Number", WD_STYLE_TYPE.CHARACTER)
    line_number.element.name_val = "line number"
    line_number.element.customStyle = None
    line_number.font.name = FONT
    line_number.font.size = Pt(11)


# --- the document ----------------------------------------------------------------------------


def _style_ids(document: DocxDocument) -> dict[str, str]:
    """The style id of every style the bill uses, looked up once per document (python-docx's
    lookup by name walks every style of the styles part on each call)."""
    styles = document.styles
    return {name: str(styles[name].style_id) for name in (*STYLES, *CHARACTER_STYLES)}


def _write_paragraph(
    document: DocxDocument, para: BillParagraph, ids: dict[str, str]
) -> DocxParagraph:
    p = document.add_paragraph()
    p._p.style = ids[para.style]
    for span in para.spans:
        run = p.add_run(span.text)
        if span.style is not None:
            run._r.style = ids[span.style]
    if para.style in _JUSTIFIED and any(span.style == SMALL_CAPS for span in para.spans):
        # -- a heading in caps and small caps is not stretched across a justified line --
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if para.style == NUMBER:
        # -- a frame at the right margin, beside the Congress and session lines (set on the
        #    paragraph: LibreOffice ignores a frame given by a style) --
        frame = _el(
            "framePr",
            w=str(int(Inches(2.5).twips)),
            hSpace="180",
            wrap="around",
            vAnchor="text",
            hAnchor="margin",
            xAlign="right",
            y="1",
        )
        _put(p._p.get_or_add_pPr(), frame, _PPR_ORDER)
    if para.depth is not None:
        p.paragraph_format.left_indent = Emu(int(STEP * para.depth))
        p.paragraph_format.first_line_indent = Emu(0 if para.flush else int(STEP))
    return p


_JUSTIFIED = frozenset(
    name
    for name in STYLES
    if _LOOKS[name].align == WD_ALIGN_PARAGRAPH.JUSTIFY and _LOOKS[name].body
)

# -- the text block holds LINES_PER_PAGE lines at the bill's pitch, with room to spare for less
#    than one more: top and bottom margins take the rest of the page --
_TEXT_HEIGHT = Emu(int(LINE * LINES_PER_PAGE + LINE // 2))
_MARGIN = Emu(int((Inches(11) - _TEXT_HEIGHT) // 2))


def _page_setup(document: DocxDocument, draft: Draft) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.top_margin = section.bottom_margin = _MARGIN
    section.left_margin = section.right_margin = Inches(1.5)
    section.header_distance = Inches(0.5)
    section.footer_distance = Inches(0.5)
    sect_pr = section._sectPr  # python-docx: no accessor for line numbering
    _put(
        sect_pr,
        _el("lnNumType", countBy="1", distance=str(int(Inches(0.35).twips)), restart="newPage"),
        _SECTPR_ORDER,
    )
    # -- as GPO prints a bill: the page number centred at the head of every page after the
    #    first (the cover has none), and at the foot the bill's number and version (•HR ___ IH) --
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].style = document.styles[PAGE_NUMBER]
    header = section.header.paragraphs[0]
    header.style = document.styles[PAGE_NUMBER]
    field = _el("fldSimple", instr=" PAGE ")
    run = _el("r")
    run.append(_el("t"))
    run[0].text = "2"
    field.append(run)
    header._p.append(field)
    version = "•HR ___ IH" if draft.chamber == "house" else "•S ___ IS"
    for footer in (section.footer, section.first_page_footer):
        line = footer.paragraphs[0]
        line.style = document.styles[FOOTER]
        line.text = version
    # -- hyphenate, as bills are set --
    settings = document.settings.element
    _put(settings, _el("autoHyphenation"), ["autoHyphenation", *_SETTINGS_AFTER_HYPHENATION])


@functools.cache
def _template() -> tuple[bytes, dict[str, str]]:
    """python-docx's default template with the bill's styles added, and their style ids: made
    once per process, as a package each bill opens from memory (loading the template from disk
    and adding two dozen styles, each after a walk of every style's name, was most of the time
    a short bill took)."""
    document = docx.Document()
    _add_styles(document)
    ids = _style_ids(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), ids


def _load_statute(draft: Draft) -> Statute | None:
    if not draft.amendments() or draft.statutes is None:
        return None
    from ...statute import load

    return load(draft.statutes)


def write_bill_docx(draft: Draft, path: str | Path, *, statute: Statute | None = None) -> Path:
    """Write the bill as a Word document in congressional form; return the path written.

    Without `statute`, the law the draft names (`draft.statutes`) is loaded to word the
    amendatory instructions (some wording, like ``in the matter preceding paragraph (1)``,
    needs it).
    """
    if statute is None:
        statute = _load_statute(draft)
    layout = bill_layout(draft, statute)
    package, ids = _template()
    document = docx.Document(io.BytesIO(package))
    for para in layout:
        _write_paragraph(document, para, ids)
    _page_setup(document, draft)
    props = document.core_properties
    props.title = draft.short_title
    props.subject = draft.long_title
    props.author = draft.sponsor
    out = Path(path)
    document.save(str(out))
    return out


# --- command line ----------------------------------------------------------------------------


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `billdraft bill DRAFT -o bill.docx [--statutes DIR]` to the command's subparsers."""
    p = sub.add_parser("bill", help="write a draft's bill as a Word document in congressional form")
    p.add_argument("draft", help="a draft file (drafts/*.toml)")
    p.add_argument("-o", "--out", required=True, help="the .docx to write")
    p.add_argument("--statutes", help="the law the draft amends (default: the draft's `statutes`)")
    p.set_defaults(func=run_cli)


def run_cli(args: argparse.Namespace) -> int:
    """Run `billdraft bill`: read the draft, word its amendments, write the bill."""
    from ...drafts import read_draft
    from ...outputs import staged_files
    from ...statute import load

    draft = read_draft(args.draft, statutes=args.statutes)
    statute = None
    if args.statutes:
        statute = load(Path(args.statutes))
    elif draft.statutes is None and draft.amendments() and DEFAULT_STATUTES.is_dir():
        statute = load(DEFAULT_STATUTES)  # as the other commands: ./statutes by default
    with staged_files(args.out) as (staged,):
        assert staged is not None
        write_bill_docx(draft, staged, statute=statute)
    print(f"wrote {args.out} ({len(draft.sections) + 1} sections)")
    return 0
