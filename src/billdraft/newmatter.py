"""New matter: quoted text a drafter writes ⇄ `NewProvision` trees ⇄ USLM elements.

`parse_new_matter("(f) Exception for Kazakhstan.—This section shall not apply to …", level=…)`
reads the text as a drafter types it (one provision per line; `Heading.—` before the text; a
chapeau ends in `—` and is followed by its subdivisions; an undesignated line after subdivisions
is the continuation). `to_element` builds USLM with identifiers, `num` values and levels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from .amendments import LEVELS, NewProvision
from .errors import DesignationMismatchError, NewMatterError
from .uslm import USLM_NS

_ROMAN_LOWER = re.compile(
    r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$"
)
_ROMAN_UPPER = re.compile(
    r"^(?=[IVXLCDM]+$)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$"
)

_PATTERNS: dict[str, re.Pattern[str]] = {
    "section": re.compile(r"^\d+[A-Za-z0-9-]*$"),
    "subsection": re.compile(r"^[a-z]{1}[a-z0-9-]*$"),
    "paragraph": re.compile(r"^\d+[A-Za-z]*(-\d+)?$"),
    "subparagraph": re.compile(r"^[A-Z][A-Za-z0-9]*$"),
    "clause": _ROMAN_LOWER,
    "subclause": _ROMAN_UPPER,
    "item": re.compile(r"^([a-z])\1$|^[a-z]{2}[a-z0-9]*$"),
    "subitem": re.compile(r"^([A-Z])\1$|^[A-Z]{2}[A-Z0-9]*$"),
}


def designation_fits(level: str, designation: str) -> bool:
    """True when `designation` has the form used at `level` (e.g. `(1)` for a paragraph)."""
    pattern = _PATTERNS.get(level)
    if pattern is None or not designation:
        return False
    if level == "subsection" and (_PATTERNS["item"].match(designation) and len(designation) == 2):
        return designation[0] != designation[1]
    return bool(pattern.match(designation))


def child_level(level: str) -> str:
    """The level of a provision's subdivisions (`subsection` → `paragraph`)."""
    i = LEVELS.index(level)
    if i + 1 >= len(LEVELS):
        raise DesignationMismatchError(
            f"expected a level that can have subdivisions, found {level}"
        )
    return LEVELS[i + 1]


def check_fits(provision: NewProvision, level: str) -> None:
    """Raise DesignationMismatchError unless the new provision (and its subdivisions) fit `level`."""
    if provision.level != level:
        raise DesignationMismatchError(
            f"expected new matter at the {level} level here, found a {provision.level} "
            f"({provision.designation})"
        )
    if not designation_fits(level, provision.designation):
        raise DesignationMismatchError(
            f"expected a {level} designation here (such as {_EXAMPLE[level]}), "
            f"found ({provision.designation})"
        )
    for child in provision.children:
        check_fits(child, child_level(level))


_EXAMPLE = {
    "section": "2432",
    "subsection": "(a)",
    "paragraph": "(1)",
    "subparagraph": "(A)",
    "clause": "(i)",
    "subclause": "(I)",
    "item": "(aa)",
    "subitem": "(AA)",
}


# --- to USLM -------------------------------------------------------------------------------


def _sub(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, f"{{{USLM_NS}}}{name}")
    if text is not None:
        el.text = text
    return el


def to_element(provision: NewProvision, parent_identifier: str) -> etree._Element:
    """Build the USLM element of a new provision, with identifiers under `parent_identifier`."""
    ident = f"{parent_identifier}/{provision.designation}"
    if provision.level == "section":
        ident = f"{parent_identifier}/s{provision.designation}"
    el = etree.fromstring(f'<{provision.level} xmlns="{USLM_NS}"/>')
    el.set("identifier", ident)
    num = _sub(el, "num", _num_text(provision.level, provision.designation))
    num.set("value", provision.designation)
    if provision.heading is not None:
        _sub(el, "heading", " " + provision.heading)
    if provision.content is not None:
        _sub(el, "content", " " + provision.content)
    if provision.chapeau is not None:
        _sub(el, "chapeau", " " + provision.chapeau)
    for child in provision.children:
        el.append(to_element(child, ident))
    if provision.continuation is not None:
        _sub(el, "continuation", provision.continuation)
    if not provision.children and provision.content is None:
        _sub(el, "content", "")
    return el


def _num_text(level: str, designation: str) -> str:
    return f"§ {designation}." if level == "section" else f"({designation})"


# --- from USLM -----------------------------------------------------------------------------


def from_element(el: etree._Element) -> NewProvision:
    """Read a USLM provision element back into a `NewProvision` (display text)."""
    from .statute import block_text, display

    ns = "{" + USLM_NS + "}"
    level = el.tag[len(ns) :] if isinstance(el.tag, str) and el.tag.startswith(ns) else ""
    fields: dict[str, str] = {}
    children: list[NewProvision] = []
    designation = ""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(ns):
            continue
        name = tag[len(ns) :]
        if name == "num":
            designation = child.get("value", "")
        elif name in ("heading", "chapeau", "content", "continuation"):
            fields[name] = display(block_text(child))
        elif name in LEVELS:
            children.append(from_element(child))
    return NewProvision(
        level,
        designation,
        fields.get("heading"),
        fields.get("chapeau") if children else None,
        fields.get("content") if not children else None,
        fields.get("continuation") if children else None,
        tuple(children),
    )


# --- from the text a drafter writes --------------------------------------------------------

_LINE = re.compile(r"^\(([A-Za-z0-9-]+)\)\s*(.*)$", re.S)
_HEADING = re.compile(r"^([^—]{1,200}?)\.—(.*)$", re.S)
_SECTION_LINE = re.compile(r"^(?:SEC\.|Sec\.|§)\s*([0-9A-Za-z-]+)\.\s*(.*)$", re.S)


def _split_lines(text: str) -> list[str]:
    raw = [ln.strip() for ln in text.strip().splitlines()]
    lines: list[str] = []
    for ln in raw:
        if not ln:
            continue
        # strip the quotation marks a bill puts at the start of each quoted line
        ln = ln.lstrip("“\"‘'`").rstrip()
        lines.append(ln)
    return lines


class _Node:
    def __init__(self, level: str, designation: str) -> None:
        self.level = level
        self.designation = designation
        self.heading: str | None = None
        self.text: str | None = None
        self.continuation: str | None = None
        self.children: list[_Node] = []

    def build(self) -> NewProvision:
        if self.children:
            return NewProvision(
                self.level,
                self.designation,
                self.heading,
                chapeau=self.text or None,
                continuation=self.continuation,
                children=tuple(c.build() for c in self.children),
            )
        if self.continuation is not None:
            raise NewMatterError(
                f"expected subdivisions before the matter following ({self.designation}), "
                f"found none: {self.continuation!r}"
            )
        return NewProvision(self.level, self.designation, self.heading, content=self.text or "")


def _heading_and_text(body: str) -> tuple[str | None, str]:
    match = _HEADING.match(body)
    if match and len(match.group(1).split()) <= 20 and not match.group(1).rstrip().endswith(","):
        return match.group(1).strip(), match.group(2).strip()
    return None, body.strip()


def _level_for(designation: str, after: str | None) -> list[str]:
    order = list(LEVELS[1:])
    if after is not None and after in order:
        i = order.index(after)
        order = order[i:] + order[:i]
    return [lv for lv in order if designation_fits(lv, designation)]


def parse_new_matter(text: str, *, level: str | None = None) -> tuple[NewProvision, ...]:
    """Parse quoted new matter (`(f) Heading.—Text …`, one provision per line) into provisions."""
    lines = _split_lines(text)
    if not lines:
        raise NewMatterError("expected new matter, found empty text")
    tops: list[_Node] = []
    stack: list[_Node] = []
    top_level = level
    for ln in lines:
        sec = _SECTION_LINE.match(ln)
        m = _LINE.match(ln) if sec is None else None
        if sec is not None:
            designation, body = sec.group(1), sec.group(2)
            candidates = ["section"]
        elif m is not None:
            designation, body = m.group(1), m.group(2)
            candidates = _level_for(designation, top_level)
        else:
            if not stack:
                raise NewMatterError(
                    f"expected new matter to begin with a designation such as (f), found {ln!r}"
                )
            # an undesignated line after subdivisions: the matter following them
            holder = next((n for n in reversed(stack) if n.children), stack[-1])
            holder.continuation = (
                ln if holder.continuation is None else holder.continuation + " " + ln
            )
            continue
        node = _place(designation, candidates, stack, tops, top_level)
        if top_level is None:
            top_level = node.level
        node.heading, rest = _heading_and_text(body)
        inline = _LINE.match(rest) if rest.startswith("(") else None
        if inline and _level_for(inline.group(1), child_level(node.level))[:1] == [
            child_level(node.level)
        ]:
            # "(f) Heading.—(1) In general.—…" or "(2)(A) …": the first subdivision starts on
            # the same line
            child = _Node(child_level(node.level), inline.group(1))
            child.heading, child.text = _heading_and_text(inline.group(2))
            node.children.append(child)
            stack.append(child)
        else:
            node.text = rest
    return tuple(n.build() for n in tops)


def _place(
    designation: str,
    candidates: Sequence[str],
    stack: list[_Node],
    tops: list[_Node],
    top_level: str | None,
) -> _Node:
    """Put a designated line in the tree: under an open provision, beside one, or at the top."""
    if not candidates:
        raise NewMatterError(
            f"expected a designation such as (a), (1), (A) or (i), found ({designation})"
        )
    for depth in range(len(stack) - 1, -1, -1):
        open_node = stack[depth]
        want = child_level(open_node.level) if open_node.level != LEVELS[-1] else None
        expects_children = (
            bool(open_node.children)
            or (open_node.text or "").endswith("—")
            or not open_node.text  # "(2)" alone, or "(f) Heading.—" alone: subdivisions follow
        )
        as_child = want is not None and want in candidates and expects_children
        as_sibling = open_node.level in candidates
        if as_child and as_sibling and _is_next(open_node.designation, designation):
            as_child = False
        if as_child:
            node = _Node(want or "", designation)
            open_node.children.append(node)
            del stack[depth + 1 :]
            stack.append(node)
            return node
        if as_sibling:
            node = _Node(open_node.level, designation)
            del stack[depth:]
            (tops if depth == 0 else stack[depth - 1].children).append(node)
            stack.append(node)
            return node
    chosen = top_level if top_level is not None and top_level in candidates else candidates[0]
    if top_level is not None and chosen != top_level:
        raise DesignationMismatchError(
            f"expected new matter at the {top_level} level, found ({designation})"
        )
    node = _Node(chosen, designation)
    tops.append(node)
    stack[:] = [node]
    return node


def _is_next(prev: str, nxt: str) -> bool:
    """True when `nxt` follows `prev` in sequence ((h) then (i) is a sibling, not a clause)."""
    if prev.isdigit() and nxt.isdigit():
        return int(nxt) == int(prev) + 1
    if len(prev) == 1 and len(nxt) == 1 and prev.isalpha():
        return ord(nxt) == ord(prev) + 1
    return False
