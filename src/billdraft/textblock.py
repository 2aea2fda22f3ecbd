"""Text blocks: a block's mixed content as one flat string, matched and spliced by offsets.

A block (`heading`, `chapeau`, `content`, `continuation`) is mixed content such as
`…on or after <date date="1975-01-03">January 3, 1975</date>, products…`. Its flat text is every
text node in document order. Matching works on the flat text with straight/curly quotes and runs of
white space folded, and on whole words; edits are splices by offset that keep inline markup intact
outside the edited span, trim partly covered inline elements and drop wholly covered ones.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lxml import etree

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'"})
_SPACE = re.compile(r"\s+")


def is_word_char(ch: str) -> bool:
    """True for characters that make up words (letters, digits)."""
    return ch.isalnum()


@dataclass(frozen=True)
class Folded:
    """A string with quotes and white-space runs folded, and a map back to the original offsets."""

    text: str
    starts: tuple[int, ...] | None  # original offset of each folded character (None: the same)
    length: int  # length of the original

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span back to the original string."""
        starts = self.starts
        if starts is None:
            return min(start, self.length), min(end, self.length)
        if start >= len(starts):
            return self.length, self.length
        o_start = starts[start]
        o_end = starts[end] if end < len(starts) else self.length
        return o_start, o_end


_NEEDS_FOLD = re.compile(r"\s\s|[^\S ]")  # a run of white space, or white space not a space


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> Folded:
    """Fold quotes to straight quotes and every white-space run to one space, keeping an offset map."""
    if _NEEDS_FOLD.search(text) is None:  # quotes only: the offsets stay as they are
        return Folded(text.translate(_QUOTES), None, len(text))
    out: list[str] = []
    starts: list[int] = []
    i = 0
    n = len(text)
    translated = text.translate(_QUOTES)
    while i < n:
        ch = translated[i]
        if ch.isspace():
            j = i
            while j < n and translated[j].isspace():
                j += 1
            out.append(" ")
            starts.append(i)
            i = j
            continue
        out.append(ch)
        starts.append(i)
        i += 1
    return Folded("".join(out), tuple(starts), n)


def fold_needle(text: str) -> str:
    """Fold a search string the same way as the text it is searched in."""
    return _SPACE.sub(" ", text.translate(_QUOTES))


def find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of `needle` in `haystack` (folded matching), as original spans."""
    return list(_find_all(haystack, needle))


@functools.lru_cache(maxsize=8192)
def _find_all(haystack: str, needle: str) -> tuple[tuple[int, int], ...]:
    """`find_all`, remembered (apply and the derivation of amendments look the same things up)."""
    folded = fold(haystack)
    key = fold_needle(needle)
    if not key.strip():
        return ()
    spans = []
    start = 0
    text = folded.text
    while True:
        i = text.find(key, start)
        if i < 0:
            break
        j = i + len(key)
        ok_left = not (is_word_char(key[0]) and i > 0 and is_word_char(text[i - 1]))
        ok_right = not (is_word_char(key[-1]) and j < len(text) and is_word_char(text[j]))
        if ok_left and ok_right:
            spans.append(folded.original_span(i, j))
        start = i + 1
    return tuple(spans)


def near_match(haystack: str, needle: str) -> str | None:
    """The passage of `haystack` most like `needle` (for error messages), or None.

    Every run of words as long as the needle (one word shorter or longer too) is a candidate;
    the most similar (normalized InDel similarity, the ratio difflib reports, computed by
    rapidfuzz in C over the whole list at once) is returned when it is at least 60% alike;
    the first such run wins a tie.
    """
    from rapidfuzz import fuzz, process

    words = haystack.split()
    key = needle.split()
    if not words or not key:
        return None
    size = len(key)
    widths = [w for w in (size - 1, size, size + 1) if w >= 1]
    candidates = [
        " ".join(words[i : i + width])
        for i in range(0, max(len(words) - size, 0) + 1)
        for width in widths
    ]
    found = process.extractOne(
        " ".join(key).lower(),
        candidates,
        scorer=fuzz.ratio,
        processor=str.lower,
        score_cutoff=60,
    )
    return found[0] if found is not None else None


# --- spacing of edits ------------------------------------------------------------------------

_CLOSING = set(",.;:)]”’'\"")
_OPENING = set("([“‘")


def strike_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a struck span by one adjoining space so no double space or space-before-comma is left."""
    left = text[start - 1] if start > 0 else ""
    right = text[end] if end < len(text) else ""
    if left == " " and (right in ("", " ") or right in _CLOSING):
        # "emigrate; or" - "or" -> "emigrate;" ; "a or b" - "or" -> "a b"
        if start - 1 > 0 or right != " ":
            return start - 1, end
    if right == " " and (left in ("", "(") or left in _OPENING or start == 0):
        return start, end + 1
    return start, end


def spaced_insert(text: str, pos: int, insert: str) -> str:
    """Add the space an inserted word needs at `pos` (inserted words are not glued to neighbours)."""
    left = text[pos - 1] if pos > 0 else ""
    right = text[pos] if pos < len(text) else ""
    out = insert
    if (
        left
        and not left.isspace()
        and left not in _OPENING
        and insert[:1]
        and (is_word_char(insert[0]) or insert[0] in _OPENING)
    ):
        out = " " + out
    if (
        right
        and not right.isspace()
        and right not in _CLOSING
        and insert[-1:]
        and (is_word_char(insert[-1]) or insert[-1] in _CLOSING)
        and (is_word_char(right) or right in _OPENING)
    ):
        out = out + " "
    return out


# --- flat text -----------------------------------------------------------------------------

_NOTE_TAG = "{http://xml.house.gov/schemas/uslm/1.0}note"
_REF_TAG = "{http://xml.house.gov/schemas/uslm/1.0}ref"


def is_apparatus(el: etree._Element) -> bool:
    """True for editorial apparatus inside text (footnote marks and footnotes): not the law's words."""
    tag = el.tag
    if tag == _NOTE_TAG:
        return True
    return tag == _REF_TAG and el.get("class") == "footnoteRef"


def flat_text(block: etree._Element) -> str:
    """The block's words: every text node in document order, footnote apparatus left out."""
    parts: list[str] = []

    def visit(el: etree._Element) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str) and not is_apparatus(child):
                visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(block)
    return "".join(parts)


# --- splicing ------------------------------------------------------------------------------


@dataclass
class _Segment:
    owner: etree._Element
    kind: str  # "text" or "tail"
    start: int
    end: int
    depth: int


def _segments(block: etree._Element) -> list[_Segment]:
    segs: list[_Segment] = []
    pos = 0

    def visit(el: etree._Element, depth: int) -> None:
        nonlocal pos
        text = el.text or ""
        segs.append(_Segment(el, "text", pos, pos + len(text), depth))
        pos += len(text)
        for child in el:
            if isinstance(child.tag, str) and not is_apparatus(child):
                visit(child, depth + 1)
            tail = child.tail or ""
            segs.append(_Segment(child, "tail", pos, pos + len(tail), depth))
            pos += len(tail)

    visit(block, 0)
    return segs


def _get(seg: _Segment) -> str:
    return (seg.owner.text if seg.kind == "text" else seg.owner.tail) or ""


def _set(seg: _Segment, value: str) -> None:
    if seg.kind == "text":
        seg.owner.text = value or None
    else:
        seg.owner.tail = value or None


def _element_spans(block: etree._Element) -> list[tuple[etree._Element, int, int]]:
    """Each inline element below `block` with the flat-text span of its content (tail excluded)."""
    spans: list[tuple[etree._Element, int, int]] = []
    pos = 0

    def visit(el: etree._Element) -> None:
        nonlocal pos
        start = pos
        pos += len(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                if is_apparatus(child):
                    spans.append((child, pos, pos))
                else:
                    visit(child)
            pos += len(child.tail or "")
        if el is not block:
            spans.append((el, start, pos))

    visit(block)
    return spans


def _remove_keep_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = ((prev.tail or "") + tail) or None
    else:
        parent.text = ((parent.text or "") + tail) or None
    parent.remove(el)


def _host(segs: list[_Segment], start: int, end: int, doomed: list[etree._Element]) -> _Segment:
    """The text node that receives inserted text.

    A span inside one text node stays there (an edit inside a `<date>` stays a date); otherwise
    the shallowest node at the start position that is not being dropped (outside inline markup).
    """
    gone: set[int] = set()
    for el in doomed:
        gone.update(id(d) for d in el.iter())
    alive = [s for s in segs if not (s.kind == "text" and id(s.owner) in gone)]
    if end > start:
        for seg in alive:
            if seg.start <= start and end <= seg.end:
                return seg
    candidates = [s for s in alive if s.start <= start <= s.end] or alive or segs
    return min(candidates, key=lambda s: (s.depth, s.start))


def splice(block: etree._Element, start: int, end: int, insert: str = "") -> None:
    """Replace flat-text offsets [start, end) of `block` with `insert`, in place.

    Inline elements wholly inside the span are dropped, partly covered ones trimmed; inserted text
    goes to the shallowest text node at the start position (outside inline markup at a boundary).
    """
    segs = _segments(block)
    total = segs[-1].end if segs else 0
    if not (0 <= start <= end <= total):
        raise ValueError(f"expected a span within 0..{total}, found {start}..{end}")
    doomed = [
        el
        for el, s, e in _element_spans(block)
        if start <= s and e <= end and (s < e or start < s < end) and el is not block
    ]
    host = _host(segs, start, end, doomed)
    for seg in segs:
        old = _get(seg)
        a = max(start, seg.start) - seg.start
        b = min(end, seg.end) - seg.start
        if seg is host:
            a = start - seg.start
            b = max(a, b)
            _set(seg, old[:a] + insert + old[b:])
        elif a < b:
            _set(seg, old[:a] + old[b:])
    for el in doomed:
        if el.getparent() is not None and (
            is_apparatus(el) or (not (el.text or "") and len(el) == 0)
        ):
            _remove_keep_tail(el)
