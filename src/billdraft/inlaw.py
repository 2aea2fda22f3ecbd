"""Already in law: whether the loaded law already reads as an amendment would make it.

A bill applied to a later release of the Code than the one it amended (an enacted bill against
the current release point) meets law that already carries its amendments: the text to strike is
gone and the text to insert is there. `apply` refuses such an amendment (text not found, a
designation already taken); `in_law` tells whether the refusal is of that kind, by checking the
amendment's effect precisely against the provision it names, never by similarity:

- a strike-and-insert: the struck words are nowhere in the target's text (outside the inserted
  words) and the inserted words are there (at the end, for `at the end`);
- an insertion: the anchor followed (or preceded) by the inserted words is there, or the target
  ends with them;
- new provisions (added at the end, inserted, put in place of struck ones, or a provision amended
  to read): a provision with that designation is there, and its heading and every text block and
  subdivision read word for word as the bill's new matter (quotation marks and spacing folded);
- a heading amended to read: the heading reads so.

These are *evidence*: the law holds the amendment's own new words. A strike of words that are
gone, a struck provision that is gone, or a redesignation whose new designations are all taken
is only *consistent* with the law already carrying the amendment (the words might never have
been there), so an instruction is reported already in law only when every amendment of it that
did not apply is consistent and at least one gives evidence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lxml import etree

from .amendments import (
    LEVELS,
    AddAtEnd,
    AmendHeading,
    AmendSentence,
    AmendToRead,
    AnyAmendment,
    Insert,
    InsertProvisions,
    NewProvision,
    Redesignate,
    Scope,
    Strike,
    StrikeInsert,
    StrikeProvision,
    StrikeThrough,
)
from .cite import ActIndex, Cite, Container
from .statute import TEXT_BLOCKS, block_text, display
from .textblock import find_all, flat_text, is_apparatus
from .uslm import USLM_NS

__all__ = ["InLaw", "already_applied", "difference", "in_law", "provision_difference"]

_NS = "{" + USLM_NS + "}"
_LEVEL_TAGS = frozenset(_NS + lv for lv in LEVELS)
_NOT_OPERATIVE = frozenset(_NS + n for n in ("notes", "note", "quotedContent", "sourceCredit"))


@dataclass(frozen=True)
class InLaw:
    """The law already reads as the amendment would make it: what was found, and whether it is
    evidence (the amendment's new words are there) or only consistent (its struck words are
    gone)."""

    found: str
    evidence: bool


def _element(sections: Mapping[str, etree._Element], cite: Cite) -> etree._Element | None:
    """The operative element of provision `cite` in the current law, or None."""
    sec = sections.get(cite.section_cite.identifier)
    if sec is None or not cite.path:
        return sec
    want = cite.identifier
    for el in sec.iter(*_LEVEL_TAGS):
        if el.get("identifier") == want and _operative(el):
            return el
    return None


def _operative(el: etree._Element) -> bool:
    up = el.getparent()
    while up is not None:
        if up.tag in _NOT_OPERATIVE:
            return False
        up = up.getparent()
    return True


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag[len(_NS) :] if isinstance(tag, str) and tag.startswith(_NS) else ""


def _blocks(el: etree._Element, scope: Scope) -> list[str]:
    """The texts a text amendment of `scope` searches in `el` (as `apply` searches them)."""
    if scope is not Scope.TEXT:
        return [block_text(c) for c in el if _local(c) == scope.value]
    out: list[str] = []

    def visit(node: etree._Element) -> None:
        for child in node:
            name = _local(child)
            if name in TEXT_BLOCKS:
                out.append(block_text(child))
            elif child.tag in _LEVEL_TAGS:
                visit(child)

    visit(el)
    return out


def _spans(blocks: Sequence[str], needle: str, *, at_end: bool) -> list[tuple[int, int, int]]:
    found = []
    for i, text in enumerate(blocks):
        for s, e in find_all(text, needle):
            if at_end and (i != len(blocks) - 1 or text[e:].strip()):
                continue
            found.append((i, s, e))
    return found


def _outside(
    hits: list[tuple[int, int, int]], cover: list[tuple[int, int, int]]
) -> list[tuple[int, int, int]]:
    """The hits that lie in none of the `cover` spans (struck words inside the inserted ones)."""
    return [
        h for h in hits if not any(c[0] == h[0] and c[1] <= h[1] and h[2] <= c[2] for c in cover)
    ]


def _telling(words: str) -> bool:
    """Whether inserted words say something by being there: a word or number of two or more
    characters (a lone “5” or “;” is found in most provisions)."""
    return re.search(r"[^\W_]{2,}", words) is not None


def _quote(text: str, limit: int = 80) -> str:
    text = display(text)
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _where(amendment: AnyAmendment, cite: Cite) -> str:
    scope = getattr(amendment, "scope", Scope.TEXT)
    return f"the {scope.value} of {cite}" if scope is not Scope.TEXT else str(cite)


def in_law(
    sections: Mapping[str, etree._Element],
    amendment: AnyAmendment,
    *,
    acts: ActIndex | None = None,
) -> InLaw | None:
    """Whether the law in `sections` (section identifier -> current section tree) already reads
    as `amendment` would make it; None when it does not, or when that cannot be checked."""
    if isinstance(amendment, StrikeInsert | Strike | Insert | StrikeThrough | AmendSentence):
        return _text_in_law(sections, amendment, acts)
    if isinstance(amendment, AddAtEnd | InsertProvisions | StrikeProvision | AmendToRead):
        return _provisions_in_law(sections, amendment)
    if isinstance(amendment, Redesignate):
        first = amendment.targets[0]
        if not isinstance(first, Cite) or first.parent is None:
            return None
        parent = _element(sections, first.parent)
        if parent is None:
            return None
        have = {_designation(c) for c in parent if c.tag in _LEVEL_TAGS}
        if all(d in have for d in amendment.designations):
            news = ", ".join(f"({d})" for d in amendment.designations)
            return InLaw(f"{first.parent} already has {news}", evidence=False)
        return None
    if isinstance(amendment, AmendHeading):
        if not isinstance(amendment.target, Cite):
            return None
        el = _element(sections, amendment.target)
        heading = el.find(_NS + "heading") if el is not None else None
        if heading is not None and _same(block_text(heading), amendment.heading, heading=True):
            return InLaw(
                f"the heading of {amendment.target} already reads {_quote(amendment.heading)}",
                evidence=True,
            )
    return None


_TextAmendment = StrikeInsert | Strike | Insert | StrikeThrough | AmendSentence


def _lowered(amendment: _TextAmendment) -> _TextAmendment:
    """The amendment with its words in lower case (to compare with a heading in lower case)."""
    import dataclasses

    changes = {
        name: getattr(amendment, name).lower()
        for name in ("strike", "insert", "text", "before", "after", "start", "through")
        if isinstance(getattr(amendment, name, None), str)
    }
    return dataclasses.replace(amendment, **changes)


def _text_in_law(
    sections: Mapping[str, etree._Element],
    amendment: StrikeInsert | Strike | Insert | StrikeThrough | AmendSentence,
    acts: ActIndex | None = None,
) -> InLaw | None:
    cite = amendment.target
    if not isinstance(cite, Cite):
        return None
    el = _element(sections, cite)
    if el is None:
        return None
    blocks = _blocks(el, amendment.scope)
    where = _where(amendment, cite)
    if amendment.scope is Scope.HEADING:
        # a heading's capitals are typography (bills set them in small caps or title case)
        blocks = [b.lower() for b in blocks]
        amendment = _lowered(amendment)
    if isinstance(amendment, StrikeInsert):
        new = _spans(blocks, amendment.insert, at_end=amendment.at_end) if amendment.insert else []
        old = _outside(_spans(blocks, amendment.strike, at_end=amendment.at_end), new)
        if amendment.insert and not new and not old:
            struck = strip_own_designation(el, amendment.strike)
            if not _spans(blocks, struck, at_end=amendment.at_end):
                there = _designated_there(el, cite, amendment.strike, amendment.insert, blocks, [])
                if there is not None:
                    return there
        if not old and amendment.insert and not new and acts is not None:
            return _translated_in_law(el, cite, amendment, blocks, acts, where)
        if old or (amendment.insert and not new):
            return None
        if not amendment.insert:
            return InLaw(f"{_quote(amendment.strike)} is no longer in {where}", evidence=False)
        end = " at the end" if amendment.at_end else ""
        return InLaw(
            f"{_quote(amendment.strike)} is no longer in {where} and "
            f"{_quote(amendment.insert)} is there{end}",
            evidence=amendment.at_end or _telling(amendment.insert),
        )
    if isinstance(amendment, Strike):
        if _spans(blocks, amendment.text, at_end=amendment.at_end):
            return None
        end = " at the end" if amendment.at_end else ""
        return InLaw(f"{_quote(amendment.text)} is no longer in {where}{end}", evidence=False)
    if isinstance(amendment, Insert):
        words = amendment.text.strip()
        if amendment.after is not None or amendment.before is not None:
            anchor = amendment.after if amendment.after is not None else amendment.before
            assert anchor is not None
            joined = (
                [f"{anchor} {words}", f"{anchor}{words}"]
                if amendment.after is not None
                else [f"{words} {anchor}", f"{words}{anchor}"]
            )
            if any(_spans(blocks, j, at_end=amendment.at_end) for j in joined):
                side = "after" if amendment.after is not None else "before"
                return InLaw(
                    f"{_quote(words)} is already {side} {_quote(anchor)} in {where}",
                    evidence=True,
                )
            if acts is not None:  # the anchor or the words cite an Act the Code translated
                t_anchor = _translate(el, anchor, cite, acts) or anchor
                t_words = _translate(el, words, cite, acts) or words
                if (t_anchor, t_words) != (anchor, words):
                    after = amendment.after is not None
                    pair = (t_anchor, t_words) if after else (t_words, t_anchor)
                    joined = [f"{pair[0]} {pair[1]}", f"{pair[0]}{pair[1]}"]
                    if any(_spans(blocks, j, at_end=amendment.at_end) for j in joined):
                        return InLaw(
                            f"{_quote(words)} is already {'after' if after else 'before'} "
                            f"{_quote(anchor)} in {where}, as the Code's editors put them: "
                            f"{_quote(joined[0])}",
                            evidence=True,
                        )
            return None
        if blocks and _norm(blocks[-1]).endswith(_norm(words)):
            return InLaw(f"{where} already ends with {_quote(words)}", evidence=True)
        return None
    if isinstance(amendment, StrikeThrough):
        if _spans(blocks, amendment.start, at_end=False):
            return None
        if amendment.insert:
            if not _spans(blocks, amendment.insert, at_end=False):
                return None
            return InLaw(
                f"{_quote(amendment.start)} is no longer in {where} and "
                f"{_quote(amendment.insert)} is there",
                evidence=True,
            )
        return InLaw(f"{_quote(amendment.start)} is no longer in {where}", evidence=False)
    # AmendSentence: only an inserted sentence can be looked for
    if amendment.insert and _spans(blocks, amendment.insert, at_end=False):
        return InLaw(f"{_quote(amendment.insert)} is already in {where}", evidence=False)
    return None


def difference(sections: Mapping[str, etree._Element], amendment: AnyAmendment) -> str | None:
    """For new provisions whose designation is already taken: how the provision there reads
    otherwise than the bill's new matter (None when no such provision is there)."""
    if isinstance(amendment, AddAtEnd):
        holder_cite: Cite | Container | None = amendment.target
        news = amendment.provisions
    elif isinstance(amendment, InsertProvisions):
        holder_cite = amendment.anchor.parent if isinstance(amendment.anchor, Cite) else None
        news = amendment.provisions
    elif isinstance(amendment, StrikeProvision) and isinstance(amendment.target, Cite):
        holder_cite, news = amendment.target.parent, amendment.replacement
    else:
        return None
    holder = _element(sections, holder_cite) if isinstance(holder_cite, Cite) else None
    if holder is None:
        return None
    for p in news:
        for c in holder:
            if c.tag in _LEVEL_TAGS and _designation(c) == p.designation:
                diff = provision_difference(c, p)
                if diff is not None:
                    return f"the ({p.designation}) in {holder_cite}: {diff}"
    return None


_ACT_CITE = re.compile(
    r"section (?P<sec>\d+[A-Za-z]*)(?P<path>(?:\([A-Za-z0-9]{1,8}\))*)"
    r"(?: of (?:the )?(?P<act>[A-Z][^,;()]*?(?:Act|Code)(?: of \d{4})?))?"
    r"(?: \((?:[^()]|\([^()]*\))*U\.S\.C\.(?:[^()]|\([^()]*\))*\))?"
)


def _code_identifier(citation: re.Match[str], cite: Cite, acts: ActIndex) -> str | None:
    """The Code identifier a bill's “section 109 of the … Act of 2015” (or a bare “section
    102(b)(17)”, of the Act the amended section belongs to) stands for, by the Act-section
    index; None when the index does not know it for certain."""
    from .errors import BilldraftError

    act = citation["act"]
    try:
        if act is not None:
            title, section = acts.to_usc(act, citation["sec"])
        else:
            own = [e for e in acts if e.title == cite.title and e.usc_section == cite.section]
            if len(own) != 1:
                return None
            same = [
                e
                for e in acts
                if e.public_law == own[0].public_law and e.section == citation["sec"]
            ]
            if len(same) != 1:
                return None
            title, section = same[0].title, same[0].usc_section
    except BilldraftError:
        return None
    path = re.findall(r"\(([A-Za-z0-9]{1,8})\)", citation["path"] or "")
    return "/".join([f"/us/usc/t{title}/s{section}", *path])


def _translate(el: etree._Element, words: str, cite: Cite, acts: ActIndex) -> str | None:
    """`words` with each Act citation in them put as the law's `<ref>` to the same provision
    reads (“section 301(c)” -> “section 2411(c) of this title”), or None when a citation has no
    such `<ref>` in `el` (or there is none to translate)."""
    refs: dict[str, str] = {}
    for r in el.iter(_NS + "ref"):
        href = r.get("href")
        if href and _operative(r) and r.get("class") != "footnoteRef":
            refs.setdefault(href, flat_text(r))
    out, at, n = [], 0, 0
    for m in _ACT_CITE.finditer(words):
        ident = _code_identifier(m, cite, acts)
        if ident is None or ident not in refs:
            return None
        out += [words[at : m.start()], refs[ident]]
        at, n = m.end(), n + 1
    if not n:
        return None
    return "".join([*out, words[at:]])


def _translated_in_law(
    el: etree._Element,
    cite: Cite,
    amendment: StrikeInsert,
    blocks: Sequence[str],
    acts: ActIndex,
    where: str,
) -> InLaw | None:
    """A strike-and-insert whose words cite an Act the Code's editors translated: the inserted
    words, read with the law's `<ref>` for each citation, are there, and the struck ones (so
    read, when they cite too) are not."""
    insert = _translate(el, amendment.insert, cite, acts)
    if insert is None or not _spans(blocks, insert, at_end=amendment.at_end):
        return None
    strike = _translate(el, amendment.strike, cite, acts) or amendment.strike
    if _spans(blocks, strike, at_end=amendment.at_end):
        return None
    return InLaw(
        f"{_quote(amendment.strike)} is no longer in {where} and {_quote(amendment.insert)} is "
        f"there as the Code's editors put it: {_quote(insert)}",
        evidence=True,
    )


def _provisions_in_law(
    sections: Mapping[str, etree._Element],
    amendment: AddAtEnd | InsertProvisions | StrikeProvision | AmendToRead,
) -> InLaw | None:
    holder_cite: Cite | Container | None
    if isinstance(amendment, AddAtEnd):
        holder_cite, news = amendment.target, amendment.provisions
    elif isinstance(amendment, InsertProvisions):
        holder_cite, news = amendment.anchor, amendment.provisions
        holder_cite = holder_cite.parent if isinstance(holder_cite, Cite) else None
    elif isinstance(amendment, StrikeProvision):
        target = amendment.target
        if not isinstance(target, Cite):
            return None
        if not amendment.replacement:
            if amendment.replacement_text is not None or _element(sections, target) is not None:
                return None
            if amendment.through is not None:
                return None
            return InLaw(f"{target} is no longer there", evidence=False)
        holder_cite, news = target.parent, amendment.replacement
    else:
        target = amendment.target
        if not isinstance(target, Cite) or target.parent is None:
            return None
        holder_cite, news = target.parent, (amendment.provision,)
    if not isinstance(holder_cite, Cite):
        return None
    holder = _element(sections, holder_cite)
    if holder is None:
        return None
    kids: dict[str, list[etree._Element]] = {}
    for c in holder:
        if c.tag in _LEVEL_TAGS:
            kids.setdefault(_designation(c), []).append(c)
    found = []
    for p in news:
        if not any(provision_difference(el, p) is None for el in kids.get(p.designation, [])):
            return None
        found.append(f"({p.designation})")
    return InLaw(
        f"{holder_cite} already has {', '.join(found)} reading word for word as the bill's "
        "new matter",
        evidence=True,
    )


def _designation(el: etree._Element) -> str:
    num = el.find(_NS + "num")
    return num.get("value", "") if num is not None else ""


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-"})
_SPACE_BEFORE = re.compile(r"\s+([,.;:)\]”’])")
_SPACE_AFTER = re.compile(r"([(\[“‘])\s+")


# the Code's editors' bracketed classification after an Act's name: “[19 U.S.C. 1401 et seq.]”
_EDITORIAL = re.compile(r" ?\[\d+ U\.S\.C\. [^\]]{1,80}\]")
_THIS = re.compile(r"\bthis (?:Act|title|subtitle|chapter|subchapter|part|subpart)\b")


def _norm(text: str | None, *, heading: bool = False, loose: bool = True) -> str:
    """Text as compared: quotation marks, white space and a heading's `.—` folded, “this Act” /
    “this title” / “this chapter” … alike (the Code's editors put the unit the Act's words became
    for the Act's own), and their bracketed classifications (“[19 U.S.C. 1401 et seq.]”) left
    out."""
    t = display(text or "")
    if loose:
        t = _THIS.sub("this <unit>", _EDITORIAL.sub("", t))
    t = _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", t))
    t = t.translate(_QUOTES)
    if heading:
        t = t.rstrip("—-").rstrip(" .").lower()
    return t


def _same(a: str | None, b: str | None, *, heading: bool = False) -> bool:
    return _norm(a, heading=heading) == _norm(b, heading=heading)


def _differ(law: str | None, bill: str | None) -> str:
    """“…law's words…” where the bill has “…its words…”, from where the two first differ."""
    a, b = _norm(law, loose=False), _norm(bill, loose=False)
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    start = a.rfind(" ", 0, max(i - 25, 0)) + 1 if i > 25 else 0
    lead = "…" if start else ""

    def cut(t: str) -> str:
        piece = t[start : start + 90]
        return f"“{lead}{piece}{'…' if len(t) > start + 90 else ''}”"

    return f"reads {cut(a)} where the bill has {cut(b)}"


def _heading_words(heading: etree._Element) -> str:
    """A heading's words, without a footnote mark set as a superscript number (`<sup>1</sup>`)."""
    marks = [
        c for c in heading.iter(_NS + "sup") if (c.text or "").strip().isdigit() and len(c) == 0
    ]
    if not marks:
        return block_text(heading)
    copy = etree.fromstring(etree.tostring(heading))
    for c in list(copy.iter(_NS + "sup")):
        if (c.text or "").strip().isdigit() and len(c) == 0:
            c.text = ""
    return block_text(copy)


def _joined(blocks: Sequence[etree._Element]) -> str:
    return " ".join(block_text(b) for b in blocks)


_REF_TAGS = frozenset(_NS + n for n in ("ref", "date"))
_CITATION_WORDS = re.compile(r"\d|\b(?:Act|Code|title|section|chapter|enactment|date)\b")
_MAX_WILD = 12


def _pieces(block: etree._Element) -> list[tuple[str, bool]]:
    """The block's words as (text, translated) pieces: a `<ref>` or `<date>` (a reference or
    date the Code's editors may have put in place of the Act's words) is one translated piece."""
    out: list[tuple[str, bool]] = []

    def visit(node: etree._Element) -> None:
        if node.text:
            out.append((node.text, False))
        for child in node:
            if not isinstance(child.tag, str) or is_apparatus(child):
                pass
            elif child.tag in _REF_TAGS and child.get("class") != "footnoteRef":
                out.append((flat_text(child), True))
            else:
                visit(child)
            if child.tail:
                out.append((child.tail, False))

    visit(block)
    return out


def _reads_as(blocks: Sequence[etree._Element], bill: str | None) -> bool:
    """Whether the law's blocks read as the bill's words: the same words (quotation marks and
    spacing folded), except that a reference or date the law marks up (`<ref>`, `<date>`) may
    stand for the Act's own words there, if those words are a citation or a date (“section
    301(c)” for “section 2411(c) of this title”, “the date of the enactment of this Act” for
    “February 24, 2016”)."""
    if _norm(_joined(blocks)) == _norm(bill):
        return True
    return _pieces_read_as([p for b in blocks for p in (*_pieces(b), (" ", False))], bill)


def _pieces_read_as(pieces: Sequence[tuple[str, bool]], bill: str | None) -> bool:
    """`_reads_as` on the law's words as (text, translated) pieces."""
    text = _norm(bill)
    if not text or sum(1 for _, wild in pieces if wild) > _MAX_WILD:
        return False
    pattern: list[str] = []
    after_wild = False
    for piece, wild in pieces:
        if wild:
            pattern.append(r"\s*(.{1,300}?)\s*")
            after_wild = True
            continue
        tokens = [re.escape(t) for t in _norm(piece).split()]
        if tokens and after_wild and tokens[0].startswith(","):
            # the Code's editors set a comma after a date or reference they put in
            tokens[0] = ",?" + tokens[0][1:] if tokens[0] != "," else ",?"
        if tokens:
            pattern.append(r"\s*" + r"\s*".join(tokens) + r"\s*")
            after_wild = False
    if not any(wild for _, wild in pieces):
        return False
    m = re.fullmatch("".join(pattern), text)
    if m is None:
        return False
    return all(_CITATION_WORDS.search(g) for g in m.groups())


def _begins_as(block: etree._Element, bill: str) -> bool:
    """Whether the law's block begins as the bill's words read (as `_reads_as` compares them):
    the block cut after each place its words reach the bill's last word is tried whole."""
    words = _norm(bill).split()
    if not words:
        return False
    if _norm(block_text(block)).startswith(_norm(bill)):
        return True
    last = words[-1]
    pieces = _pieces(block)
    for i, (piece, wild) in enumerate(pieces):
        if wild:
            continue
        norm = _norm(piece)
        at = norm.find(last)
        while at >= 0:
            cut = [*pieces[:i], (norm[: at + len(last)], False)]
            if _pieces_read_as(cut, bill):
                return True
            at = norm.find(last, at + 1)
    return False


def provision_difference(
    el: etree._Element, new: NewProvision, *, designation: bool = True
) -> str | None:
    """Where the law's provision `el` reads otherwise than the bill's new matter `new` (None when
    it reads word for word the same: heading, text blocks and subdivisions; its own designation
    too unless `designation` is False)."""
    des = _designation(el)
    if designation and des != new.designation:
        return f"({des}) where the bill has ({new.designation})"
    heading = el.find(_NS + "heading")
    law_heading = _heading_words(heading) if heading is not None else None
    if _norm(law_heading, heading=True) != _norm(new.heading, heading=True):
        return f"the heading of ({des}) {_differ(law_heading, new.heading)}"
    kids = [c for c in el if c.tag in _LEVEL_TAGS]
    law: dict[str, list[etree._Element]] = {}
    for c in el:
        name = _local(c)
        if name in TEXT_BLOCKS:
            law.setdefault(name, []).append(c)
    first = new.chapeau if new.children else new.content
    first_law = law.get("chapeau" if kids else "content", [])
    if not _reads_as(first_law, first):
        return f"({des}) {_differ(_joined(first_law), first)}"
    if not _reads_as(law.get("continuation", []), new.continuation):
        return (
            f"the matter following the subdivisions of ({des}) "
            f"{_differ(_joined(law.get('continuation', [])), new.continuation)}"
        )
    if len(kids) != len(new.children):
        return (
            f"({des}) has {len(kids)} subdivision(s) where the bill's new matter has "
            f"{len(new.children)}"
        )
    for kid, sub in zip(kids, new.children, strict=True):
        diff = provision_difference(kid, sub)
        if diff is not None:
            return diff
    return None


# --- before applying: would carrying the amendment out duplicate what is there? --------------

_DESIGNATED = re.compile(r"^\s*\(([A-Za-z0-9]{1,8})\)\s*(?:([^—]{1,200}?)\.—)?\s*(.*)$", re.S)


def already_applied(
    sections: Mapping[str, etree._Element],
    amendment: AnyAmendment,
    *,
    acts: ActIndex | None = None,
) -> InLaw | None:
    """Whether an amendment that `apply` *could* carry out is already in the law, so that
    carrying it out again would duplicate its words: every place the anchor of an insertion
    appears already has the inserted words beside it; every place the words a strike-and-insert
    strikes appear lies inside the words it inserts (or inside the new subdivision those words
    start, already there); a provision amended to read, or put in place of itself, already reads
    so; the sentence to be replaced already reads as its replacement; the heading already reads
    as amended. None otherwise (then `apply` decides)."""
    if isinstance(amendment, Insert):
        return _insert_there(sections, amendment, acts)
    if isinstance(amendment, StrikeInsert):
        return _strike_insert_there(sections, amendment)
    if isinstance(amendment, AmendToRead):
        if isinstance(amendment.target, Cite) and not amendment.target.path:
            return _section_reads(sections, amendment.target, amendment.provision)
        return _provisions_in_law(sections, amendment)
    if isinstance(amendment, StrikeProvision):
        target = amendment.target
        if not isinstance(target, Cite) or amendment.through is not None:
            return None
        if not amendment.replacement and amendment.replacement_text is None:
            return _shown_repealed(sections, target)
        if (
            len(amendment.replacement) == 1
            and amendment.replacement[0].designation == (target.path or ("",))[-1]
        ):
            return _provisions_in_law(sections, amendment)
        return None
    if isinstance(amendment, AddAtEnd | InsertProvisions):
        return _twin_there(sections, amendment)
    if isinstance(amendment, AmendHeading):
        return in_law(sections, amendment)
    if isinstance(amendment, AmendSentence):
        return _sentence_there(sections, amendment)
    return None


def _shown_repealed(sections: Mapping[str, etree._Element], target: Cite) -> InLaw | None:
    """A provision to strike that the Code already shows as repealed: its heading reads
    “Repealed. Pub. L. …” and it holds no text or subdivisions."""
    el = _element(sections, target)
    if el is None or any(c.tag in _LEVEL_TAGS for c in el):
        return None
    heading = el.find(_NS + "heading")
    if heading is None or not display(block_text(heading)).startswith("Repealed."):
        return None
    if any(block_text(c).strip() for c in el if _local(c) in TEXT_BLOCKS):
        return None
    return InLaw(f"the Code already shows {target} as {_quote(block_text(heading), 120)}", True)


def _twin_there(
    sections: Mapping[str, etree._Element], amendment: AddAtEnd | InsertProvisions
) -> InLaw | None:
    """New provisions one of which the provision they go into already holds word for word,
    under whatever designation (adding it again would put the same law there twice)."""
    holder_cite: Cite | Container | None
    if isinstance(amendment, AddAtEnd):
        holder_cite = amendment.target
    else:
        holder_cite = amendment.anchor.parent if isinstance(amendment.anchor, Cite) else None
    holder = _element(sections, holder_cite) if isinstance(holder_cite, Cite) else None
    if holder is None or not isinstance(holder_cite, Cite):
        return None
    for p in amendment.provisions:
        for c in holder:
            if c.tag in _LEVEL_TAGS and provision_difference(c, p, designation=False) is None:
                return InLaw(
                    f"{holder_cite}({_designation(c)}) already reads word for word as the bill's "
                    f"new ({p.designation})",
                    evidence=True,
                )
    return None


def _section_reads(
    sections: Mapping[str, etree._Element], cite: Cite, new: NewProvision
) -> InLaw | None:
    """A section amended to read as follows that already reads so (its Code number aside: the
    bill quotes it by its Act number)."""
    el = _element(sections, cite)
    if el is None or provision_difference(el, new, designation=False) is not None:
        return None
    return InLaw(f"{cite} already reads word for word as the bill's text", evidence=True)


def _insert_there(
    sections: Mapping[str, etree._Element], amendment: Insert, acts: ActIndex | None
) -> InLaw | None:
    cite = amendment.target
    el = _element(sections, cite) if isinstance(cite, Cite) else None
    if el is None or not isinstance(cite, Cite):
        return None
    blocks = _blocks(el, amendment.scope)
    anchor = amendment.after if amendment.after is not None else amendment.before
    words = amendment.text.strip()
    if anchor is None:
        if _telling(words) and blocks and _norm(blocks[-1]).endswith(_norm(words)):
            return InLaw(f"{_where(amendment, cite)} already ends with {_quote(words)}", True)
        return None
    places = _spans(blocks, anchor, at_end=amendment.at_end)
    if amendment.occurrence is not None:
        places = places[amendment.occurrence - 1 : amendment.occurrence]
    if not places or not _telling(words):
        return None
    after = amendment.after is not None
    joined = (
        [f"{anchor} {words}", f"{anchor}{words}"]
        if after
        else [
            f"{words} {anchor}",
            f"{words}{anchor}",
        ]
    )
    as_put = _translate(el, words, cite, acts) if acts is not None else None
    if as_put is not None:  # the words cite an Act: as the Code's editors put them, too
        joined += (
            [f"{anchor} {as_put}", f"{anchor}{as_put}"]
            if after
            else [
                f"{as_put} {anchor}",
                f"{as_put}{anchor}",
            ]
        )
    covers = [h for j in joined for h in _spans(blocks, j, at_end=False)]
    if all(any(c[0] == p[0] and c[1] <= p[1] and p[2] <= c[2] for c in covers) for p in places):
        side = "after" if after else "before"
        return InLaw(
            f"{_quote(words)} is already {side} {_quote(anchor)} wherever that appears in "
            f"{_where(amendment, cite)}",
            evidence=True,
        )
    return None


def _strike_insert_there(
    sections: Mapping[str, etree._Element], amendment: StrikeInsert
) -> InLaw | None:
    cite = amendment.target
    el = _element(sections, cite) if isinstance(cite, Cite) else None
    if el is None or not isinstance(cite, Cite):
        return None
    blocks = _blocks(el, amendment.scope)
    old = _spans(blocks, amendment.strike, at_end=amendment.at_end)
    if not old:
        return None
    if _norm(amendment.strike) in _norm(amendment.insert) and _norm(amendment.strike) != _norm(
        amendment.insert
    ):
        new = _spans(blocks, amendment.insert, at_end=amendment.at_end)
        if new and not _outside(old, new):
            return InLaw(
                f"{_quote(amendment.insert)} is already in {_where(amendment, cite)} wherever "
                f"{_quote(amendment.strike)} appears",
                evidence=True,
            )
    # "by striking “If imported” and inserting “(1) In general.—If imported”" on a provision
    # whose (1) already reads so
    return _designated_there(el, cite, amendment.strike, amendment.insert, blocks, old)


def strip_own_designation(el: etree._Element, text: str) -> str:
    """`text` without a leading designation that is `el`'s own (“(1) Notwithstanding …” struck
    from paragraph (1), whose “(1)” is its `<num>`, not its text)."""
    des = _designation(el)
    m = re.match(r"\s*\(([A-Za-z0-9]{1,8})\)\s*", text)
    if des and m is not None and m[1] == des and text[m.end() :].strip():
        return text[m.end() :]
    return text


def _designated_there(
    el: etree._Element,
    cite: Cite,
    strike: str,
    insert: str,
    blocks: Sequence[str],
    old: list[tuple[int, int, int]],
) -> InLaw | None:
    """Whether the subdivision the inserted words start (“(A) Notwithstanding …”, “(1) In
    general.—If imported”) is already there under `el`, reading as they do, with the struck words
    (if still anywhere) only inside it."""
    strike, insert = strip_own_designation(el, strike), strip_own_designation(el, insert)
    m = _DESIGNATED.match(insert)
    if m is None or not m[3].strip():
        return None
    designation, heading, rest = m[1], m[2], m[3]
    for kid in el:
        if kid.tag not in _LEVEL_TAGS or _designation(kid) != designation:
            continue
        head = kid.find(_NS + "heading")
        if heading is not None and (
            head is None or not _same(_heading_words(head), heading, heading=True)
        ):
            continue
        first = next((c for c in kid if _local(c) in ("chapeau", "content")), None)
        if first is None or not _begins_as(first, rest):
            continue
        if [h for h in old if not _within(el, kid, blocks, h)]:
            continue
        return InLaw(f"{cite}({designation}) already reads {_quote(insert)}", evidence=True)
    return None


def _within(
    el: etree._Element, kid: etree._Element, blocks: Sequence[str], hit: tuple[int, int, int]
) -> bool:
    """Whether block number `hit[0]` of `el` (in `_blocks` order) lies inside `kid`."""
    kid_blocks = set(map(id, _block_elements(kid)))
    elements = _block_elements(el)
    return hit[0] < len(elements) and id(elements[hit[0]]) in kid_blocks


def _block_elements(el: etree._Element) -> list[etree._Element]:
    out: list[etree._Element] = []

    def visit(node: etree._Element) -> None:
        for child in node:
            if _local(child) in TEXT_BLOCKS:
                out.append(child)
            elif child.tag in _LEVEL_TAGS:
                visit(child)

    visit(el)
    return out


def _span_reads(block: etree._Element, start: int, end: int, words: str) -> bool:
    """Whether offsets [start, end) of the block read as `words` (as `_reads_as` compares)."""
    if _same(block_text(block)[start:end], words):
        return True
    cut: list[tuple[str, bool]] = []
    at = 0
    for piece, wild in _pieces(block):
        a, b = max(start, at), min(end, at + len(piece))
        if a < b:
            if wild and (a, b) != (at, at + len(piece)):
                return False  # a reference cut by the sentence's bounds
            cut.append((piece[a - at : b - at], wild))
        at += len(piece)
    return _pieces_read_as(cut, words)


def _sentence_there(
    sections: Mapping[str, etree._Element], amendment: AmendSentence
) -> InLaw | None:
    from .apply import sentences

    cite = amendment.target
    el = _element(sections, cite) if isinstance(cite, Cite) else None
    if el is None or not amendment.insert or not isinstance(cite, Cite):
        return None
    if amendment.scope is Scope.TEXT:
        own_el = [c for c in el if _local(c) in TEXT_BLOCKS and block_text(c).strip()]
    else:
        own_el = [c for c in el if _local(c) == amendment.scope.value]
    if len(own_el) != 1:
        return None
    block = own_el[0]
    text = block_text(block)
    spans = sentences(text)
    n = amendment.sentence
    if not spans or n > len(spans):
        return None
    start, end = spans[n - 1] if n > 0 else spans[-1]
    which = "the last sentence" if n == -1 else f"sentence {n}"
    if not amendment.strike:
        following = [sp for sp in spans if sp[0] >= end]
        if following and _span_reads(block, *following[0], amendment.insert):
            return InLaw(
                f"{_quote(amendment.insert)} already follows {which} of {cite}", evidence=True
            )
        return None
    # -- the replacement may be several sentences: as many as it has, from that sentence on --
    k = max(len(sentences(amendment.insert)), 1)
    first = (len(spans) - k) if n == -1 else n - 1
    if 0 <= first and first + k <= len(spans):
        start, end = spans[first][0], spans[first + k - 1][1]
    if _span_reads(block, start, end, amendment.insert):
        return InLaw(f"{which} of {cite} already reads {_quote(amendment.insert)}", evidence=True)
    return None
