"""Citations to the United States Code, and the Act-section ⇄ U.S.C. mapping.

One provision, three notations, one value object:

    19 U.S.C. 2432(a)(1)                            (the Code's own form; ``str(cite)``)
    /us/usc/t19/s2432/a/1                          (the USLM identifier; ``cite.identifier``)
    section 402(a)(1) of the Trade Act of 1974     (the Act form; needs an `ActIndex`)

The Act-section ⇄ U.S.C. mapping is data read from the Code itself (each section's source credit
names the Act section that enacted it; its notes name the Acts), never a hand-written table.

Section designations are kept as the Code writes them: a hyphenated section uses an en dash
("1677f–1"), exactly as in USLM identifiers; an ASCII hyphen is accepted on input.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, cast

from lxml import etree

from .errors import BilldraftError, CitationError, UnknownCitationError

__all__ = ["ActIndex", "ActSection", "Cite", "Container", "roman_numeral", "roman_value"]

ROMAN_LOWER = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
"""A lower-case roman numeral, written the one canonical way, up to 399 (clauses: (i), (iv))."""
ROMAN_UPPER = re.compile(r"^(?=[IVXLC]+$)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
"""An upper-case roman numeral, written the one canonical way, up to 399 (subclauses: (IV))."""

_NUMERALS = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def roman_numeral(n: int) -> str:
    """The lower-case roman numeral of a positive number (4 -> "iv")."""
    out = ""
    for value, letters in _NUMERALS:
        while n >= value:
            out += letters
            n -= value
    return out


def roman_value(numeral: str) -> int | None:
    """The number a roman numeral of one case writes ("iv", "IV" -> 4), or None when it is not
    one written the canonical way."""
    if not (ROMAN_LOWER.match(numeral) or ROMAN_UPPER.match(numeral)):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    low = numeral.lower()
    total = 0
    for a, b in zip(low, low[1:] + " ", strict=True):
        v = values[a]
        total += -v if b != " " and values[b] > v else v
    return total


_NS = "http://xml.house.gov/schemas/uslm/1.0"
_SECTION_TAG = f"{{{_NS}}}section"
_SOURCE_CREDIT_TAG = f"{{{_NS}}}sourceCredit"
_REF_TAG = f"{{{_NS}}}ref"
_NOTE_TAG = f"{{{_NS}}}note"
_P_TAG = f"{{{_NS}}}p"
_QUOTED_TAGS = frozenset({f"{{{_NS}}}quotedContent", f"{{{_NS}}}quotedText"})

# --- lexical pieces ------------------------------------------------------------------------

_DASHES = "-\u2010\u2011\u2013\u2212"  # hyphen-minus, hyphen, non-breaking hyphen, en dash, minus
_CANON_DASH = "\u2013"  # the Code writes "1677f–1"
_DASH_TABLE = str.maketrans({d: _CANON_DASH for d in _DASHES})

_TITLE = r"[1-9][0-9]*"
_SECTION = rf"[0-9]+[A-Za-z]*(?:[{_DASHES}][0-9]+[A-Za-z]*)*"
_DESIG = r"[A-Za-z0-9]+"
_PATH = rf"(?:\({_DESIG}\))*"

_TITLE_RE = re.compile(rf"{_TITLE}\Z")
_SECTION_RE = re.compile(rf"{_SECTION}\Z")
_DESIG_RE = re.compile(rf"{_DESIG}\Z")
_PATH_PART_RE = re.compile(rf"\(({_DESIG})\)")
_PAREN_DESIGS_RE = re.compile(rf"(?:\({_DESIG}\))+\Z")

_IDENTIFIER_RE = re.compile(r"/us/usc/t(?P<title>[^/]+)/s(?P<section>[^/]+)(?P<rest>(?:/[^/]*)*)\Z")
_PARSABLE_RE = re.compile(
    rf"(?i:usc)/(?P<title>{_TITLE})/(?P<section>{_SECTION})(?P<rest>(?:/{_DESIG})*)\Z"
)
_USC_RE = re.compile(
    rf"(?P<title>{_TITLE}) ?(?:U\. ?S\. ?C\.?|USC)"
    rf"(?: ?(?:§+|(?i:sec\.|sec|section)))? ?(?P<section>{_SECTION})(?P<path>{_PATH})\Z"
)
_ACT_FORM_RE = re.compile(
    rf"(?i:section|sec\.) ?(?P<section>[0-9]+[A-Za-z]*(?:[{_DASHES}][0-9]+[A-Za-z]*)*)"
    rf"(?P<path>{_PATH}) (?i:of) (?P<rest>.+)\Z"
)
_IRC_RE = re.compile(r"(?i:(?:the )?internal revenue code(?: of 1986)?)\Z")
_TITLE_USC_RE = re.compile(rf"(?i:title) (?P<title>{_TITLE}),? (?i:united states code)\Z")
_PUBLIC_LAW_RE = re.compile(
    rf"(?i:public law|pub\. ?l\.|pl) ?(?P<congress>[0-9]+)[{_DASHES}](?P<number>[0-9]+)\Z"
)
_SPACE_RE = re.compile(r"\s+")
_TRAILING_PUNCT = ".,;:"

_NOTATIONS = (
    "'19 U.S.C. 2432(a)(1)' (also '19 USC 2432(a)(1)', '19 U.S.C. § 2432', '19 U.S.C. sec. 2432'), "
    "'/us/usc/t19/s2432/a/1', 'usc/19/2432', "
    "'section 402(a)(1) of the Trade Act of 1974' (optionally followed by "
    "'(19 U.S.C. 2432(a)(1))'), 'section 2432(a)(1) of title 19, United States Code', "
    "'section 38(b) of the Internal Revenue Code of 1986'"
)


def _normalize_space(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _canon_section(section: str) -> str:
    return section.translate(_DASH_TABLE)


MAX_CITATION_CHARS = 1_000
"""The longest citation read; real ones run to a few dozen characters."""
MAX_DESIGNATIONS = 16
"""The most designations below a section a citation may hold: the deepest level of the Code, the
subitem, is seven below the section; sections the Code carries as notes add a few more."""


def shown(text: str, limit: int = 120) -> str:
    """A text as an error message quotes it: whole when short, else cut with its length."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text):,} characters)"


def _malformed(text: str, why: str = "") -> CitationError:
    detail = f" ({why})" if why else ""
    return CitationError(
        f"expected a citation in one of the notations {_NOTATIONS}; found {shown(text)}{detail}"
    )


def _range_problem(section: str) -> str | None:
    """Why a section like "5901–5902" is really a range of sections, or None."""
    base, sep, suffix = section.partition(_CANON_DASH)
    if (
        sep
        and len(base) >= 3
        and base.isdigit()
        and suffix.isdigit()
        and len(base) == len(suffix)
        and int(suffix) > int(base)
    ):
        return f"{section!r} looks like a range of sections, not one section"
    return None


def _split_parens(path: str) -> tuple[str, ...]:
    return tuple(_PATH_PART_RE.findall(path))


def _natural_key(designation: str) -> tuple[tuple[int, str], ...]:
    parts = re.findall(r"[0-9]+|[^0-9]+", designation)
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)


def _strip_parenthetical(rest: str) -> tuple[str, str | None]:
    """Split 'Trade Act of 1974 (19 U.S.C. 2432)' into the Act and the trailing parenthetical."""
    if not rest.endswith(")"):
        return rest, None
    depth = 0
    for i in range(len(rest) - 1, -1, -1):
        ch = rest[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth -= 1
            if depth == 0:
                if i == 0 or rest[i - 1] != " ":
                    return rest, None
                return rest[: i - 1].rstrip(), rest[i + 1 : -1].strip()
    return rest, None


# --- the syntactic parse (cached; no Act index involved) -----------------------------------


@dataclass(frozen=True)
class _ActRef:
    """The Act form before it is resolved: 'section 402(a)(1) of the Trade Act of 1974'."""

    section: str
    path: tuple[str, ...]
    act: str
    usc: Cite | None


@lru_cache(maxsize=8192)
def _parse_syntax(text: str) -> Cite | _ActRef:
    norm = _normalize_space(text).rstrip(_TRAILING_PUNCT).rstrip()
    if not norm:
        raise _malformed(text, "the citation is empty")
    if norm.startswith("/"):
        return Cite.from_identifier(norm)
    m = _PARSABLE_RE.match(norm)
    if m:
        path = tuple(p for p in m["rest"].split("/") if p)
        return _make_cite(m["title"], m["section"], path, text)
    m = _USC_RE.match(norm)
    if m:
        return _make_cite(m["title"], m["section"], _split_parens(m["path"]), text)
    m = _ACT_FORM_RE.match(norm)
    if m:
        section = _canon_section(m["section"])
        path = _split_parens(m["path"])
        act, paren = _strip_parenthetical(m["rest"])
        usc: Cite | None = None
        if paren is not None:
            um = _USC_RE.match(paren)
            if um is None:
                raise _malformed(
                    text,
                    f"the parenthetical {paren!r} is not a U.S.C. citation like '19 U.S.C. 2432'",
                )
            usc = _make_cite(um["title"], um["section"], _split_parens(um["path"]), text)
        if _IRC_RE.match(act):
            direct = _make_cite("26", section, path, text)
            _check_agree(direct, usc, text)
            return direct
        tm = _TITLE_USC_RE.match(act)
        if tm:
            direct = _make_cite(tm["title"], section, path, text)
            _check_agree(direct, usc, text)
            return direct
        if not act or act.lower() in ("the", "title"):
            raise _malformed(text, "no Act is named after 'of'")
        return _ActRef(section, path, act, usc)
    raise _malformed(text)


def _make_cite(title: str, section: str, path: tuple[str, ...], text: str) -> Cite:
    section = _canon_section(section)
    try:
        return Cite(title, section, path)
    except CitationError as exc:
        raise _malformed(text, exc.message) from None


def _check_agree(named: Cite, usc: Cite | None, text: str) -> None:
    if usc is not None and usc != named:
        raise CitationError(
            f"the two halves of {text!r} disagree: the section named resolves to {named}, "
            f"but the parenthetical cites {usc}"
        )


# --- Cite ----------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Cite:
    """A citation to a provision of the United States Code."""

    title: str
    section: str
    path: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.title, str) or not _TITLE_RE.match(self.title):
            raise CitationError(f"expected a title number like '19', found {self.title!r}")
        if not isinstance(self.section, str) or not _SECTION_RE.match(self.section):
            raise CitationError(
                f"expected a section designation like '2432', '1304a' or '1677f–1', "
                f"found {self.section!r}"
            )
        canon = _canon_section(self.section)
        if canon != self.section:
            object.__setattr__(self, "section", canon)
        problem = _range_problem(canon)
        if problem is not None:
            raise CitationError(f"expected a single section designation, but {problem}")
        path = self.path
        if not isinstance(path, tuple):
            path = tuple(path)
            object.__setattr__(self, "path", path)
        if len(path) > MAX_DESIGNATIONS:
            raise CitationError(
                f"expected at most {MAX_DESIGNATIONS} designations below a section (the deepest "
                f"level of the Code, a subitem, is 7 below), found {len(path):,} in "
                f"{self.title} U.S.C. {self.section}"
            )
        for part in path:
            if not isinstance(part, str) or not _DESIG_RE.match(part):
                raise CitationError(
                    f"expected designations of letters and digits like 'a', '1', 'A', 'ii' "
                    f"in the path of {self.title} U.S.C. {self.section}, found {part!r}"
                )

    @classmethod
    def parse(cls, text: str, acts: ActIndex | None = None) -> Cite:
        """Parse any accepted notation; the Act form needs `acts` to resolve the Act."""
        if not isinstance(text, str):
            raise CitationError(f"expected a citation as a string, found {type(text).__name__}")
        if len(text) > MAX_CITATION_CHARS:
            raise CitationError(
                f"expected a citation of at most {MAX_CITATION_CHARS:,} characters, found "
                f"{shown(text, 60)}"
            )
        parsed = _parse_syntax(text)
        if isinstance(parsed, Cite):
            return parsed
        return _resolve(parsed, text, acts)

    @classmethod
    def from_identifier(cls, identifier: str) -> Cite:
        """Parse a USLM identifier such as "/us/usc/t19/s2432/a/1"."""
        m = _IDENTIFIER_RE.match(identifier.strip())
        if m is None:
            raise CitationError(
                f"expected a USLM identifier like '/us/usc/t19/s2432/a/1', found {shown(identifier)}"
            )
        path = tuple(m["rest"].split("/")[1:])
        if "" in path:
            raise CitationError(
                f"expected a USLM identifier like '/us/usc/t19/s2432/a/1', found {shown(identifier)} "
                "(empty designation between slashes)"
            )
        try:
            cite = cls(m["title"], m["section"], path)
        except CitationError as exc:
            raise CitationError(
                f"expected a USLM identifier like '/us/usc/t19/s2432/a/1', found {shown(identifier)} "
                f"({exc.message})"
            ) from None
        return cite

    @property
    def identifier(self) -> str:
        """The USLM identifier, "/us/usc/t19/s2432/a/1"."""
        tail = "".join("/" + p for p in self.path)
        return f"/us/usc/t{self.title}/s{self.section}{tail}"

    def __str__(self) -> str:
        return f"{self.title} U.S.C. {self.section}{self.designation}"

    @property
    def designation(self) -> str:
        """The path in parentheses, "(a)(1)"; "" for a whole section."""
        return "".join(f"({p})" for p in self.path)

    @property
    def parent(self) -> Cite | None:
        """The enclosing provision; None for a section."""
        if not self.path:
            return None
        return Cite(self.title, self.section, self.path[:-1])

    @property
    def section_cite(self) -> Cite:
        """The whole section this provision belongs to."""
        return self if not self.path else Cite(self.title, self.section)

    def child(self, *designations: str) -> Cite:
        """A provision below this one: child("a", "1") or child("(a)(1)")."""
        parts: list[str] = []
        for d in designations:
            d = d.strip()
            if _PAREN_DESIGS_RE.match(d):
                parts.extend(_split_parens(d))
            elif _DESIG_RE.match(d):
                parts.append(d)
            else:
                raise CitationError(
                    f"expected a designation like 'a', '1' or '(a)(1)' below {self}, found {d!r}"
                )
        return Cite(self.title, self.section, self.path + tuple(parts))

    def is_within(self, other: Cite) -> bool:
        """Whether this provision is `other` or lies inside it."""
        return (
            self.title == other.title
            and self.section == other.section
            and self.path[: len(other.path)] == other.path
        )

    def act_form(self, acts: ActIndex) -> str | None:
        """'section 402(a)(1) of the Trade Act of 1974', or None when the Act is not known."""
        if self.title == "26":
            return f"section {self.section}{self.designation} of the Internal Revenue Code of 1986"
        found = acts.to_act(self.title, self.section)
        if found is None:
            return None
        name, entry = found
        return f"section {entry.section}{self.designation} of the {name}"

    def drafting(self, acts: ActIndex | None = None) -> str:
        """The citation as a bill writes it: the Act form with the U.S.C. in parentheses."""
        if self.title == "26":
            return f"section {self.section}{self.designation} of the Internal Revenue Code of 1986"
        if acts is not None:
            act = self.act_form(acts)
            if act is not None:
                return f"{act} ({self})"
        return f"section {self.section}{self.designation} of title {self.title}, United States Code"


def _the(act: str) -> str:
    """'Trade Act of 1974' or 'the Trade Act of 1974' -> 'the Trade Act of 1974'."""
    return act if act[:4].lower() == "the " or _PUBLIC_LAW_RE.match(act) else f"the {act}"


def _resolve(ref: _ActRef, text: str, acts: ActIndex | None) -> Cite:
    if acts is None:
        if ref.usc is not None:
            return ref.usc
        raise UnknownCitationError(
            f"cannot resolve {text.strip()!r}: the Act form needs an Act-section index (acts=) "
            f"to know where {_the(ref.act)} is classified; none was given. Cite the Code instead, "
            "e.g. '19 U.S.C. 2432(a)(1)'"
        )
    if ref.usc is not None:
        if not acts.knows_act(ref.act):
            return ref.usc
        try:
            title, usc_section = acts.to_usc(ref.act, ref.section)
        except UnknownCitationError:
            return ref.usc
        named = Cite(title, usc_section, ref.path)
        _check_agree(named, ref.usc, text.strip())
        return ref.usc
    title, usc_section = acts.to_usc(ref.act, ref.section)
    return Cite(title, usc_section, ref.path)


# --- Container -----------------------------------------------------------------------------

CONTAINER_KINDS: dict[str, str] = {
    "division": "d",
    "title": "t",
    "subtitle": "st",
    "chapter": "ch",
    "subchapter": "sch",
    "part": "pt",
    "subpart": "sp",
}
"""Container levels above the section, and their short forms in USLM identifiers."""

_USC_SOURCE_RE = re.compile(rf"(?i:title) (?P<title>{_TITLE}),? (?i:united states code)\Z")


@dataclass(frozen=True)
class Container:
    """A part of the law that a `Cite` cannot name: a chapter or subpart of a title, a part of an
    Act, a section of an Act that the Code carries only as a note, a part of the Harmonized Tariff
    Schedule, or a table of sections.

    `source` is the body of law as a bill names it ("title 26, United States Code", "the Internal
    Revenue Code of 1986", "the Trade Act of 1974", "the Harmonized Tariff Schedule of the United
    States"); `path` the levels from the outermost in, as (kind, designation) pairs such as
    ("chapter", "1"), ("subpart", "D"), ("section", "311"), ("note", "3"), ("subheading",
    "6201.91.10") (a designation may be empty: ("additional u.s. notes", "")); `provision` the designations below the last level ("b", "3" for section
    311(b)(3)); `usc` the bill's U.S.C. parenthetical, if any ("19 U.S.C. 2075 note").
    """

    source: str
    path: tuple[tuple[str, str], ...] = ()
    provision: tuple[str, ...] = ()
    usc: str | None = None

    def __post_init__(self) -> None:
        if not self.source.strip():
            raise CitationError("expected the law a container belongs to, found an empty name")
        for kind, designation in self.path:
            if not kind.strip():
                raise CitationError(
                    f"expected (kind, designation) pairs like ('chapter', '1') in a container "
                    f"path, found ({kind!r}, {designation!r})"
                )

    @property
    def title(self) -> str | None:
        """The title of the Code the container is part of, when its source is a title."""
        m = _USC_SOURCE_RE.match(_normalize_space(self.source))
        if m:
            return m["title"]
        return "26" if _IRC_RE.match(_normalize_space(self.source)) else None

    @property
    def identifier(self) -> str | None:
        """The USLM identifier ("/us/usc/t26/ch1/schA/ptIV/spD") when the container is part of a
        title of the Code and made of container levels only; None otherwise."""
        title = self.title
        if title is None or self.provision:
            return None
        parts = [f"/us/usc/t{title}"]
        for kind, designation in self.path:
            short = CONTAINER_KINDS.get(kind)
            if short is None or kind == "title":
                return None
            parts.append(f"{short}{designation}")
        return "/".join(parts)

    def child(self, kind: str, designation: str) -> Container:
        """A level inside this one: `child("subpart", "D")`."""
        if self.provision:
            raise CitationError(
                f"expected a container to hold {kind} {designation}, found provision "
                f"{self.designation} of {self}"
            )
        return Container(self.source, (*self.path, (kind, designation)), (), self.usc)

    def provision_child(self, *designations: str) -> Container:
        """A provision below this one: `provision_child("b", "3")` of section 311 is 311(b)(3)."""
        return Container(self.source, self.path, (*self.provision, *designations), self.usc)

    @property
    def parent(self) -> Container | None:
        """The enclosing level: 311(b) for 311(b)(3), chapter 62 for a subheading of it; None
        for the whole body of law."""
        if self.provision:
            return Container(self.source, self.path, self.provision[:-1], self.usc)
        if self.path:
            return Container(self.source, self.path[:-1], (), self.usc)
        return None

    @property
    def last(self) -> tuple[str, str] | None:
        """The innermost level as (kind, designation): ("subheading", "6201.91.10"),
        ("provision", "3") for 311(b)(3); None for the whole body of law."""
        if self.provision:
            return ("provision", self.provision[-1])
        return self.path[-1] if self.path else None

    @property
    def designation(self) -> str:
        """The designations below the last level in parentheses, "(b)(3)"."""
        return "".join(f"({d})" for d in self.provision)

    def __str__(self) -> str:
        words = [f"{kind} {designation}".strip() for kind, designation in reversed(self.path)]
        if words and self.provision:
            words[0] += self.designation
        named = " of ".join([*words, self.source]) if words else self.source
        return f"{named} ({self.usc})" if self.usc else named


# --- ActSection and ActIndex ---------------------------------------------------------------


@dataclass(frozen=True)
class ActSection:
    """One section of a public law (an Act) and where the Code classifies it."""

    public_law: str
    """The law: "93-618" (Public Law 93-618), or, for an Act passed before laws were numbered,
    its date and chapter as the Code's links name it ("act/1930-06-17/ch497")."""
    section: str
    title: str
    usc_section: str
    act_title: str | None = None


_PL_HREF_RE = re.compile(
    r"/us/pl/(?P<congress>[0-9]+)/(?P<number>[0-9]+)"
    r"(?P<divisions>(?:/(?:d|t|st|pt|p|ch|sch)[A-Z0-9]+)*)"
    r"/s(?P<section>[0-9]+[A-Za-z]*(?:[-\u2013][0-9]+[A-Za-z]*)*)\Z"
)
_PL_ANY_HREF_RE = re.compile(r"/us/pl/(?P<congress>[0-9]+)/(?P<number>[0-9]+)(?P<rest>(?:/.*)?)\Z")
_ACT_TITLE_SEG_RE = re.compile(r"/t([A-Z0-9]+)")
# -- an Act passed before public laws were numbered (1957), as the Code links it: its date and
#    chapter of the Statutes at Large (“June 17, 1930, ch. 497” is the Tariff Act of 1930) --
_ACT_HREF_RE = re.compile(
    r"/us/act/(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})/ch(?P<chapter>[0-9]+)(?P<rest>(?:/.*)?)\Z"
)
_ACT_KEY_RE = re.compile(r"act/[0-9]{4}-[0-9]{2}-[0-9]{2}/ch[0-9]+\Z")
# -- the section of such an Act, read off the source credit after its link (“, title III,
#    § 305, 46 Stat. 688”) --
_CREDIT_SECTION_RE = re.compile(
    r"\A(?P<divisions>(?:, (?:title|subtitle|part|chapter|div\.) [A-Z0-9]+)*), "
    r"§[ \u00a0\u2009\u202f]?(?P<section>[0-9]+[A-Za-z]*(?:[-\u2013][0-9]+[A-Za-z]*)*)[,;)]"
)
_TARGET_ACT_RE = re.compile(
    r"(?:(?P<lead>sections? [^,]+?) of )?act [A-Z][a-z]+\.? [0-9]{1,2}, (?P<year>[0-9]{4}), "
    r"ch\. (?P<chapter>[0-9]+)(?P<after>.*)\Z"
)

_REFERRED_RE = re.compile(r"(?P<subject>.+?), referred to in .+?, (?:is|are) (?P<target>.+)\Z")
_SUBJECT_SECTION_RE = re.compile(r"(?P<lead>Sections? .+?) of the (?P<name>.+)\Z")
_SUBJECT_THE_RE = re.compile(r"The (?P<name>.+)\Z")
_TARGET_PL_RE = re.compile(
    rf"(?:(?P<lead>sections? [^,]+?) of )?Pub\. L\. "
    rf"(?P<congress>[0-9]+)[{_DASHES}](?P<number>[0-9]+)"
    r"(?P<after>.*)\Z"
)
_ACT_NAME_RE = re.compile(r"[A-Z0-9][^“”‘’\"()\[\]]*\bAct(?: of [0-9]{4}|, [0-9]{4})?\Z")
_SHORT_TITLE_RE = re.compile(
    rf"Pub\. L\. (?P<congress>[0-9]+)[{_DASHES}](?P<number>[0-9]+), § ?[^,]+, .*?"
    r"provided(?: in part)?(?: that)?:? [“\"]?(?:That t|T)his Act(?P<mid>.*?) "
    r"may (?:be )?cited as (?:the )?[‘“\"'](?P<name>[^’”\"'‘“]+)[’”\"']"
)
_BAD_AFTER_TARGET_RE = re.compile(r"\A,? (?:title|subtitle|div|part|chapter)\b")


def _text(el: etree._Element) -> str:
    return "".join(cast("Iterator[str]", el.itertext()))


def _pl(congress: str, number: str) -> str:
    return f"{int(congress)}-{int(number)}"


def _norm_name(name: str) -> str:
    key = _normalize_space(name).translate(_DASH_TABLE).replace(_CANON_DASH, "-")
    key = key.replace("’", "'").casefold()
    if key.startswith("the "):
        key = key[4:]
    return key


def _direct_refs(p: etree._Element) -> list[etree._Element]:
    """The <ref>s in a <p> outside quoted matter, in document order."""
    out: list[etree._Element] = []
    for el in p.iter(_REF_TAG):
        anc = el.getparent()
        quoted = False
        while anc is not None and anc is not p:
            if anc.tag in _QUOTED_TAGS:
                quoted = True
                break
            anc = anc.getparent()
        if not quoted:
            out.append(el)
    return out


def _referred_to_vote(text: str, hrefs: list[str]) -> tuple[str, str] | None:
    """'The Trade Act of 1974, referred to in subsec. (a), is Pub. L. 93–618' -> (pl, name)."""
    m = _REFERRED_RE.match(text)
    if m is None:
        return None
    subject = m["subject"]
    lead: str | None = None
    sm = _SUBJECT_SECTION_RE.match(subject)
    if sm:
        lead, name = sm["lead"], sm["name"]
    else:
        tm = _SUBJECT_THE_RE.match(subject)
        if tm is None:
            return None
        name = tm["name"]
    name, _ = _strip_parenthetical(name)
    if not _ACT_NAME_RE.match(name):
        return None
    target = _TARGET_PL_RE.match(m["target"]) or _TARGET_ACT_RE.match(m["target"])
    if target is None:
        return None
    # "sections 202 and 204 of Pub. L. …" must name the very sections the subject names;
    # "title III of Pub. L. …" or "section 205 of title II of Pub. L. …" (an Act within a law) fail.
    target_lead = target["lead"]
    if (lead is None) != (target_lead is None):
        return None
    if lead is not None and target_lead is not None and lead.lower() != target_lead.lower():
        return None
    if _BAD_AFTER_TARGET_RE.match(target["after"]):
        return None  # "section 223 of Pub. L. 101–382, title II": the Act may be that title
    if "chapter" in target.groupdict():  # an Act before public laws were numbered
        laws = [k for h in hrefs if (k := _pl_of_href(h)) is not None]
        pl = next(
            (
                k
                for k in laws
                if k.startswith(f"act/{target['year']}-") and k.endswith(f"/ch{target['chapter']}")
            ),
            "",
        )
        return (pl, name) if pl else None
    pl = _pl(target["congress"], target["number"])
    if not any(_pl_of_href(h) == pl for h in hrefs):
        return None
    return pl, name


def _short_title_vote(text: str, hrefs: list[str]) -> tuple[str, str] | None:
    """'Pub. L. 96–599, § 1, …, provided that: “This Act […] may be cited as the ‘X’.”'."""
    m = _SHORT_TITLE_RE.match(text)
    if m is None:
        return None
    mid = m["mid"].strip()
    if mid and not (
        (mid.startswith("[") and mid.endswith("]")) or (mid.startswith("(") and mid.endswith(")"))
    ):
        return None
    # The credit must be the law's own section, outside any title or division: "This Act" in
    # title III of Pub. L. 107–210 is the Customs Border Security Act, not the whole law.
    pl_hrefs = [h for h in hrefs if _pl_of_href(h) is not None]
    if len(pl_hrefs) != 1 or not hrefs or hrefs[0] != pl_hrefs[0]:
        return None
    href = _PL_ANY_HREF_RE.match(pl_hrefs[0])
    if href is None or not re.match(r"(?:/s[0-9]+(?:/[a-z0-9]+)*)?\Z", href["rest"]):
        return None
    pl = _pl(m["congress"], m["number"])
    if _pl_of_href(pl_hrefs[0]) != pl:
        return None
    name = _normalize_space(m["name"])
    if not _ACT_NAME_RE.match(name):
        return None
    return pl, name


def _pl_of_href(href: str) -> str | None:
    """The law a link names: "93-618", or "act/1930-06-17/ch497" for an Act before 1957."""
    m = _PL_ANY_HREF_RE.match(href)
    if m:
        return _pl(m["congress"], m["number"])
    a = _ACT_HREF_RE.match(href)
    return f"act/{a['date']}/ch{int(a['chapter'])}" if a else None


def _votes_from_notes(section: etree._Element) -> list[tuple[str, str]]:
    votes: list[tuple[str, str]] = []
    for note in section.iter(_NOTE_TAG):
        for p in note.iter(_P_TAG):
            text = _text(p)
            # -- single words, which spacing cannot split: checked before normalising --
            if "Act" not in text or ("referred" not in text and "cited" not in text):
                continue
            text = _normalize_space(text)
            hrefs = [r.get("href") or "" for r in _direct_refs(p)]
            vote = None
            if "referred to in" in text:
                vote = _referred_to_vote(text, hrefs)
            elif "cited as" in text:
                vote = _short_title_vote(text, hrefs)
            if vote is not None:
                votes.append(vote)
    return votes


def _resolve_votes(votes: Mapping[tuple[str, str], int]) -> dict[str, str]:
    """Keep a (law, name) pair only when it is the clear winner both for the law and the name."""
    pair_counts: Counter[tuple[str, str]] = Counter()
    display: dict[tuple[str, str], Counter[str]] = {}
    for (pl, raw), n in votes.items():
        key = (pl, _norm_name(raw))
        pair_counts[key] += n
        display.setdefault(key, Counter())[raw] += n
    best_for_pl: dict[str, list[tuple[int, str]]] = {}
    best_for_name: dict[str, list[tuple[int, str]]] = {}
    for (pl, nm), n in pair_counts.items():
        best_for_pl.setdefault(pl, []).append((n, nm))
        best_for_name.setdefault(nm, []).append((n, pl))

    def clear_winner(cands: list[tuple[int, str]]) -> str | None:
        cands = sorted(cands, reverse=True)
        if len(cands) > 1 and cands[0][0] == cands[1][0]:
            return None
        return cands[0][1]

    out: dict[str, str] = {}
    for pl, cands in best_for_pl.items():
        won = clear_winner(cands)
        if won is None or clear_winner(best_for_name[won]) != pl:
            continue
        raws = display[(pl, won)]
        out[pl] = min(raws, key=lambda r: (-raws[r], r))
    return out


def _summarize(sections: Iterable[str], limit: int = 30) -> str:
    items = sorted(set(sections), key=_natural_key)
    parts: list[str] = []
    i = 0
    while i < len(items):
        j = i
        if items[i].isdigit():
            while (
                j + 1 < len(items)
                and items[j + 1].isdigit()
                and int(items[j + 1]) == int(items[j]) + 1
            ):
                j += 1
        if j - i >= 2:
            parts.append(f"{items[i]}–{items[j]}")
            i = j + 1
        else:
            parts.append(items[i])
            i += 1
    if len(parts) > limit:
        return ", ".join(parts[:limit]) + f", … ({len(parts) - limit} more)"
    return ", ".join(parts)


class ActIndex:
    """The Act-section ⇄ U.S.C. mapping, read from source credits and notes (data, not a table)."""

    def __init__(self, sections: Iterable[ActSection] = (), names: Mapping[str, str] = {}) -> None:
        self._by_usc: dict[tuple[str, str], ActSection] = {}
        self._by_act: dict[tuple[str, str], dict[tuple[str, str], ActSection]] = {}
        self._explicit: dict[str, str] = {}
        self._votes: Counter[tuple[str, str]] = Counter()
        self._names: dict[str, str] | None = None
        self._name_index: dict[str, list[str]] | None = None
        for entry in sections:
            self.add(entry)
        self.add_names(names)

    # -- building --------------------------------------------------------------------------

    def add(self, entry: ActSection) -> None:
        """Record one Act section; a later entry for the same U.S.C. section replaces it."""
        if not isinstance(entry, ActSection):
            raise TypeError(f"expected an ActSection, found {type(entry).__name__}")
        entry = ActSection(
            entry.public_law.translate(_DASH_TABLE).replace(_CANON_DASH, "-"),
            _canon_section(entry.section),
            entry.title,
            _canon_section(entry.usc_section),
            entry.act_title,
        )
        usc_key = (entry.title, entry.usc_section)
        old = self._by_usc.get(usc_key)
        if old is not None:
            bucket = self._by_act.get((old.public_law, old.section))
            if bucket is not None:
                bucket.pop(usc_key, None)
                if not bucket:
                    del self._by_act[(old.public_law, old.section)]
        self._by_usc[usc_key] = entry
        self._by_act.setdefault((entry.public_law, entry.section), {})[usc_key] = entry

    def add_section_element(self, section: etree._Element) -> None:
        """Learn from a USLM <section>: its enacting Act section and the Act names in its notes."""
        identifier = section.get("identifier") or ""
        m = _IDENTIFIER_RE.match(identifier)
        if section.tag != _SECTION_TAG or m is None or m["rest"]:
            raise CitationError(
                "expected a USLM <section> with an identifier like '/us/usc/t19/s2432', "
                f"found <{etree.QName(section).localname} identifier={identifier!r}>"
            )
        cite = Cite(m["title"], m["section"])
        entry = self._entry_from_credit(section, cite)
        if entry is not None:
            self.add(entry)
        for pl, name in _votes_from_notes(section):
            self._votes[(pl, name)] += 1
        self._names = None
        self._name_index = None

    @staticmethod
    def _entry_from_credit(section: etree._Element, cite: Cite) -> ActSection | None:
        credit = section.find(_SOURCE_CREDIT_TAG)
        if credit is None:
            return None
        ref = next(credit.iter(_REF_TAG), None)
        if ref is None:
            return None
        # "(Added Pub. L. …" credits the law that amended a positive-law title, not the section.
        full = _text(credit)
        before = full[: max(full.find(_text(ref)), 0)]
        if before.strip(" (\u00a0") != "":
            return None
        m = _PL_HREF_RE.match(ref.get("href") or "")
        if m is None:
            return ActIndex._act_entry_from_credit(ref, full, cite)
        titles = _ACT_TITLE_SEG_RE.findall(m["divisions"])
        return ActSection(
            public_law=_pl(m["congress"], m["number"]),
            section=_canon_section(m["section"]),
            title=cite.title,
            usc_section=cite.section,
            act_title=titles[-1] if titles else None,
        )

    @staticmethod
    def _act_entry_from_credit(ref: etree._Element, credit: str, cite: Cite) -> ActSection | None:
        """The entry for a section an Act before 1957 enacted: “(June 17, 1930, ch. 497, title
        III, § 305, 46 Stat. 688; …)”, the section read after the Act's link."""
        a = _ACT_HREF_RE.match(ref.get("href") or "")
        if a is None:
            return None
        key = f"act/{a['date']}/ch{int(a['chapter'])}"
        # -- the link may name the section itself (“…/ch474/s2”, “…/ch356/tIV/s642”) --
        sm = re.match(
            r"(?P<titles>(?:/t[A-Z0-9]+)*)(?:/s(?P<section>[0-9]+[A-Za-z]*))?\Z", a["rest"]
        )
        if sm is None or (a["rest"] and sm["section"] is None):
            return None  # a link into a title or part only: which section is not certain
        titles = _ACT_TITLE_SEG_RE.findall(sm["titles"])
        section = sm["section"]
        if section is None:
            after = credit[credit.find(_text(ref)) + len(_text(ref)) :]
            cm = _CREDIT_SECTION_RE.match(after)
            if cm is None:
                return None
            section = cm["section"]
            titles = re.findall(r", title ([A-Z0-9]+)", cm["divisions"])
        return ActSection(
            public_law=key,
            section=_canon_section(section),
            title=cite.title,
            usc_section=cite.section,
            act_title=titles[-1] if titles else None,
        )

    @staticmethod
    def names_from_notes(section: etree._Element) -> dict[str, str]:
        """Public law -> Act name, from one section's "referred to in" and short-title notes."""
        votes: Counter[tuple[str, str]] = Counter(_votes_from_notes(section))
        return _resolve_votes(votes)

    def add_names(self, names: Mapping[str, str]) -> None:
        """Name laws explicitly ("93-618" -> "Trade Act of 1974"); these beat harvested names."""
        for pl, name in names.items():
            if _ACT_KEY_RE.match(pl):
                self._explicit[pl] = _normalize_space(name)
                continue
            m = _PUBLIC_LAW_RE.match(pl) or re.match(
                rf"(?P<congress>[0-9]+)[{_DASHES}](?P<number>[0-9]+)\Z", pl
            )
            if m is None:
                raise CitationError(
                    "expected a public law like '93-618' (or an Act before 1957 like "
                    f"'act/1930-06-17/ch497'), found {pl!r}"
                )
            self._explicit[_pl(m["congress"], m["number"])] = _normalize_space(name)
        self._names = None
        self._name_index = None

    def merge(self, other: ActIndex) -> ActIndex:
        """A new index holding both; where both classify the same U.S.C. section, `other` wins."""
        out = ActIndex(self.sections())
        for entry in other.sections():
            out.add(entry)
        out._votes = self._votes + other._votes
        out._explicit = {**self._explicit, **other._explicit}
        out._names = None
        out._name_index = None
        return out

    # -- reading ---------------------------------------------------------------------------

    @property
    def names(self) -> Mapping[str, str]:
        """Public law -> Act name for every law whose name is known (read-only)."""
        return MappingProxyType(self._resolved())

    def _resolved(self) -> dict[str, str]:
        if self._names is None:
            names = _resolve_votes(self._votes)
            explicit_keys = {_norm_name(n) for n in self._explicit.values()}
            names = {pl: n for pl, n in names.items() if _norm_name(n) not in explicit_keys}
            names.update(self._explicit)
            self._names = names
        return self._names

    def _index(self) -> dict[str, list[str]]:
        if self._name_index is None:
            index: dict[str, list[str]] = {}
            for pl, name in self._resolved().items():
                index.setdefault(_norm_name(name), []).append(pl)
            self._name_index = index
        return self._name_index

    def sections(self) -> tuple[ActSection, ...]:
        """Every entry, ordered by title and U.S.C. section."""
        return tuple(
            self._by_usc[k]
            for k in sorted(self._by_usc, key=lambda k: (int(k[0]), _natural_key(k[1])))
        )

    def __len__(self) -> int:
        return len(self._by_usc)

    def __iter__(self) -> Iterator[ActSection]:
        return iter(self.sections())

    def __repr__(self) -> str:
        return f"<ActIndex: {len(self._by_usc)} sections, {len(self.names)} named laws>"

    def knows_act(self, act: str) -> bool:
        """Whether `act` (a name or "Public Law 93-618") is a law this index can resolve."""
        try:
            self._public_law(act)
        except CitationError:
            return False
        return True

    def _public_law(self, act: str) -> str:
        text = _normalize_space(act)
        m = _PUBLIC_LAW_RE.match(text)
        if m:
            return _pl(m["congress"], m["number"])
        pls = self._index().get(_norm_name(text))
        if not pls:
            known = {_norm_name(n): n for n in self.names.values()}
            close = difflib.get_close_matches(_norm_name(text), list(known), n=3, cutoff=0.75)
            hint = f"; did you mean {', '.join(repr(known[c]) for c in close)}?" if close else ""
            raise UnknownCitationError(
                f"no Act named {text!r} is known to the Act-section index "
                f"({len(known)} named laws loaded){hint}"
            )
        if len(pls) > 1:
            raise CitationError(
                f"the name {text!r} is given to more than one law ({', '.join(sorted(pls))}); "
                "cite the Code instead"
            )
        return pls[0]

    def to_usc(self, act: str, section: str) -> tuple[str, str]:
        """("Trade Act of 1974", "402") -> ("19", "2432")."""
        pl = self._public_law(act)
        sec = _canon_section(_normalize_space(section))
        bucket = self._by_act.get((pl, sec))
        label = self._resolved().get(pl)
        label = f"the {label}" if label else f"Public Law {pl}"
        if not bucket:
            known = [s for (p, s) in self._by_act if p == pl]
            listing = _summarize(known) if known else "none"
            raise UnknownCitationError(
                f"no loaded section of {label} is section {section}; known sections: {listing}"
            )
        if len(bucket) > 1:
            where = ", ".join(
                str(Cite(t, s))
                for t, s in sorted(bucket, key=lambda k: (int(k[0]), _natural_key(k[1])))
            )
            raise CitationError(
                f"section {section} of {label} is classified to more than one section of the "
                f"Code ({where}); cite the Code section instead"
            )
        ((title, usc_section),) = bucket
        return title, usc_section

    def to_act(self, title: str, usc_section: str) -> tuple[str, ActSection] | None:
        """(Act name, entry) for a U.S.C. section, or None when its Act's name is not known."""
        entry = self._by_usc.get((title, _canon_section(usc_section)))
        if entry is None:
            return None
        if len(self._by_act.get((entry.public_law, entry.section), ())) != 1:
            return None  # one Act section enacted several Code sections: no exact Act form
        name = self._resolved().get(entry.public_law)
        if name is None:
            return None
        return name, entry

    # -- serialization ---------------------------------------------------------------------

    def to_json(self) -> str:
        """Sorted, stable JSON of the entries and the resolved names."""
        names = sorted(self.names.items(), key=lambda kv: _natural_key(kv[0]))
        lines = ['{"format": "billdraft-act-index", "version": 1,', ' "names": {']
        lines += [
            f"  {json.dumps(pl)}: {json.dumps(name, ensure_ascii=False)}"
            + ("," if i < len(names) - 1 else "")
            for i, (pl, name) in enumerate(names)
        ]
        lines += [" },", ' "sections": [']
        entries = self.sections()
        for i, e in enumerate(entries):
            item = {
                "title": e.title,
                "usc_section": e.usc_section,
                "public_law": e.public_law,
                "section": e.section,
                "act_title": e.act_title,
            }
            comma = "," if i < len(entries) - 1 else ""
            lines.append("  " + json.dumps(item, ensure_ascii=False) + comma)
        lines += [" ]", "}"]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ActIndex:
        """Rebuild an index from `to_json` output."""
        try:
            data: Any = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BilldraftError(f"expected Act-index JSON, found invalid JSON ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != "billdraft-act-index":
            raise BilldraftError(
                "expected Act-index JSON with format 'billdraft-act-index', "
                f"found {type(data).__name__} {str(data)[:60]!r}"
            )
        try:
            entries = [
                ActSection(
                    public_law=str(s["public_law"]),
                    section=str(s["section"]),
                    title=str(s["title"]),
                    usc_section=str(s["usc_section"]),
                    act_title=None if s.get("act_title") is None else str(s["act_title"]),
                )
                for s in data["sections"]
            ]
            names = {str(k): str(v) for k, v in data["names"].items()}
        except (KeyError, TypeError, AttributeError) as exc:
            raise BilldraftError(
                f"expected Act-index JSON entries, found a malformed one ({exc!r})"
            ) from None
        return cls(entries, names)
