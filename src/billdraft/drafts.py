"""Draft files: a bill in TOML (`drafts/*.toml`), read with the standard library's `tomllib`.

The format::

    [bill]
    congress = 119                 # required
    session = 2                    # required
    chamber = "house"              # "house" or "senate"
    sponsor = "Ms. Doe of Ohio"    # required
    cosponsors = ["Mr. Roe of Utah"]
    committee = "Committee on Ways and Means"
    date = 2026-01-22              # the day of introduction (a TOML date), printed on the cover
    long_title = "To …"            # required
    short_title = "… Act"          # required
    statutes = "../statutes"       # the law the draft amends (relative to this file)

    [[section]]                    # a freestanding section: heading + text
    heading = "Findings"
    text = '''
    Congress finds the following:
    (1) …
    '''

    [[section]]                    # an amendatory section: heading + amendments
    heading = "Exception for Kazakhstan"
    [[section.amendment]]
    type = "add_at_end"            # see AMENDMENT_FIELDS
    target = "section 402 of the Trade Act of 1974"
    new = '''(j) Exception for Kazakhstan.—This section shall not apply to Kazakhstan.'''

Amendment types and their fields are listed in `AMENDMENT_FIELDS`. Targets are citations in any
form `Cite.parse` accepts (Act forms resolve through the statutes' derived mapping). Every mistake is
a `DraftError` naming the file and line: a key the format does not have (with the one it most
likely meant), a number or a list where text belongs, a field longer than `MAX_FIELD_CHARS`
characters or a file larger than `MAX_DRAFT_BYTES` bytes.

`except_in` (with `each = true`, for strike, strike_insert and insert) lists the provisions an
amendment leaves alone, as citations or as designations under the target (`["(c)", "(d)(1)"]`:
“each place it appears except in subsection (c) and subsection (d)(1)”); `precedes = true` on a
strike_through strikes all that precedes `start` (“by striking all that precedes “X””).
"""

from __future__ import annotations

import datetime
import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .amendments import (
    AddAtEnd,
    AmendHeading,
    Amendment,
    AmendToRead,
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
from .cite import ActIndex, Cite
from .errors import BilldraftError, DraftError
from .newmatter import child_level, parse_new_matter

_COMMON = {"type", "target", "label"}
_TEXT = {"each", "occurrence", "at_end", "scope", "except_in"}
AMENDMENT_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    # type: (required fields, optional fields)
    "strike": ({"target", "text"}, _TEXT),
    "strike_insert": ({"target", "strike", "insert"}, _TEXT),
    "insert": ({"target", "text"}, {"before", "after"} | _TEXT),
    "strike_through": (
        {"target", "start"},
        {"through", "insert", "occurrence", "scope", "precedes"},
    ),
    "strike_provision": ({"target"}, {"through", "new"}),
    "insert_provisions": ({"target", "new"}, {"before"}),
    "add_at_end": ({"target", "new"}, set()),
    "redesignate": ({"targets", "as"}, set()),
    "amend_to_read": ({"target", "new"}, set()),
    "amend_heading": ({"target", "heading"}, set()),
}
_SCOPES = {
    "text": Scope.TEXT,
    "heading": Scope.HEADING,
    "chapeau": Scope.CHAPEAU,
    "matter preceding": Scope.CHAPEAU,
    "continuation": Scope.CONTINUATION,
    "matter following": Scope.CONTINUATION,
}
_BILL_REQUIRED = ("congress", "session", "chamber", "sponsor", "long_title", "short_title")
_BILL_OPTIONAL = ("cosponsors", "committee", "statutes", "date")
_SECTION_KEYS = ("heading", "text", "amendment")
_TOP_KEYS = ("bill", "section")

MAX_FIELD_CHARS = 1_000_000
"""The longest text one field of a draft may hold (about 500 printed pages of a bill)."""
MAX_DRAFT_BYTES = 8_000_000
"""The largest draft file read (a draft of the size of the largest bills Congress prints)."""


def _article(word: str) -> str:
    """`a` or `an`, as English puts it before `word` (by its first letter)."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def _unknown_keys(
    file: Path,
    found: Mapping[str, Any],
    known: tuple[str, ...],
    where: str,
    line: int | None,
    lines: _Lines | None = None,
) -> None:
    """Refuse keys a table of the draft format does not have, naming the likely intended one."""
    unknown = sorted(k for k in found if k not in known)
    if not unknown:
        return
    key = unknown[0]
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    raise DraftError(
        f"expected only the keys {', '.join(known)} in {where}, found `{key}`{hint}",
        path=file,
        line=lines.key(line, key) if lines is not None else line,
    )


@dataclass(frozen=True)
class DraftSection:
    """One section of the bill: freestanding text, or amendments to the law."""

    number: int
    heading: str
    text: str | None = None
    amendments: tuple[Amendment, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class Draft:
    """A bill read from a draft file."""

    path: Path
    congress: int
    session: int
    chamber: str
    sponsor: str
    long_title: str
    short_title: str
    committee: str | None = None
    cosponsors: tuple[str, ...] = ()
    statutes: Path | None = None
    sections: tuple[DraftSection, ...] = field(default_factory=tuple)
    date: datetime.date | None = None
    """The day the bill is introduced, when the draft says (the cover's date line)."""

    def amendments(self) -> list[Amendment]:
        """Every amendment in the bill, in order."""
        return [a for s in self.sections for a in s.amendments]

    @property
    def chamber_name(self) -> str:
        """`House of Representatives` or `Senate`."""
        return "House of Representatives" if self.chamber == "house" else "Senate"


class _Lines:
    """Line numbers of tables and keys in the TOML source (tomllib does not report them)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.sections = [
            i + 1 for i, ln in enumerate(self.lines) if re.match(r"\s*\[\[\s*section\s*\]\]", ln)
        ]
        self.amendments: list[list[int]] = [[] for _ in self.sections]
        current = -1
        for i, ln in enumerate(self.lines):
            if re.match(r"\s*\[\[\s*section\s*\]\]", ln):
                current += 1
            elif re.match(r"\s*\[\[\s*section\.amendment\s*\]\]", ln) and current >= 0:
                self.amendments[current].append(i + 1)
        self.bill = next(
            (i + 1 for i, ln in enumerate(self.lines) if re.match(r"\s*\[\s*bill\s*\]", ln)), 1
        )

    def key(self, start: int | None, key: str) -> int | None:
        """The line of `key = …` at or after line `start` (the table header)."""
        if start is None:
            return None
        pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
        for i in range(start, len(self.lines)):
            if i > start and re.match(r"\s*\[", self.lines[i]):
                break
            if pattern.match(self.lines[i]):
                return i + 1
        return start


def read_draft(
    path: str | Path, *, acts: ActIndex | None = None, statutes: str | Path | None = None
) -> Draft:
    """Read a draft file into a `Draft`; every mistake is a DraftError with the file and line."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise DraftError("expected a draft file, found nothing there", path=file) from None
    except OSError as exc:
        raise DraftError(
            f"expected a readable draft file, found: {exc.strerror}", path=file
        ) from None
    if not file.is_file():
        raise DraftError("expected a draft file, found a folder or device", path=file)
    if size > MAX_DRAFT_BYTES:
        raise DraftError(
            f"expected a draft file of at most {MAX_DRAFT_BYTES:,} bytes, found {size:,} bytes",
            path=file,
        )
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DraftError("expected a draft file, found nothing there", path=file) from None
    except UnicodeDecodeError as exc:
        raise DraftError(
            f"expected UTF-8 text, found a byte it cannot decode ({exc.reason})", path=file
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_line(str(exc))
        raise DraftError(f"expected valid TOML, found: {exc}", path=file, line=line) from None
    lines = _Lines(text)
    _unknown_keys(file, data, _TOP_KEYS, "a draft's top level", 1)
    bill = data.get("bill")
    if not isinstance(bill, dict):
        raise DraftError(
            "expected a [bill] table with the bill's details, found none", path=file, line=1
        )
    _unknown_keys(file, bill, _BILL_REQUIRED + _BILL_OPTIONAL, "[bill]", lines.bill, lines)
    _check_values(file, bill, lines, lines.bill, "[bill]")
    for key in _BILL_REQUIRED:
        if key not in bill:
            raise DraftError(
                f"expected `{key}` in [bill], found it missing", path=file, line=lines.bill
            )
    chamber = str(bill["chamber"]).lower()
    if chamber not in ("house", "senate"):
        raise DraftError(
            f'expected chamber "house" or "senate", found {bill["chamber"]!r}',
            path=file,
            line=lines.key(lines.bill, "chamber"),
        )
    statutes_dir = Path(statutes) if statutes is not None else None
    if statutes_dir is None and "statutes" in bill:
        statutes_dir = (file.parent / str(bill["statutes"])).resolve()
    if acts is None and statutes_dir is not None and statutes_dir.is_dir():
        from .statute import load

        acts = load(statutes_dir).acts
    raw_sections = data.get("section", [])
    if not isinstance(raw_sections, list) or not raw_sections:
        raise DraftError(
            "expected at least one [[section]], found none", path=file, line=lines.bill
        )
    sections = []
    for i, raw in enumerate(raw_sections):
        line = lines.sections[i] if i < len(lines.sections) else None
        sections.append(_section(file, lines, i, raw, line, acts))
    return Draft(
        path=file,
        congress=_int(file, bill, "congress", lines),
        session=_int(file, bill, "session", lines),
        chamber=chamber,
        sponsor=str(bill["sponsor"]),
        long_title=str(bill["long_title"]).strip(),
        short_title=str(bill["short_title"]).strip(),
        committee=str(bill["committee"]) if "committee" in bill else None,
        cosponsors=tuple(str(c) for c in bill.get("cosponsors", ())),
        statutes=statutes_dir,
        sections=tuple(sections),
        date=bill.get("date"),
    )


_NUMBER_KEYS = frozenset({"congress", "session", "occurrence"})
_FLAG_KEYS = frozenset({"each", "at_end", "before", "precedes"})
_LIST_KEYS = frozenset({"cosponsors", "targets", "as", "except_in"})
_TABLE_KEYS = frozenset({"amendment"})
_DATE_KEYS = frozenset({"date"})


def _check_values(
    file: Path, table: Mapping[str, Any], lines: _Lines, line: int | None, where: str
) -> None:
    """Refuse a value of the wrong kind (a number where text belongs) or text that is too long."""
    for key, value in table.items():
        if key in _TABLE_KEYS:
            continue
        at = lines.key(line, key)
        if key in _NUMBER_KEYS:
            ok = isinstance(value, int) and not isinstance(value, bool)
            want = "a number"
        elif key in _FLAG_KEYS:
            ok = isinstance(value, bool) or (key == "before" and isinstance(value, str))
            want = "true or false" if key != "before" else "text or true/false"
        elif key in _LIST_KEYS:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            want = "a list of text"
        elif key in _DATE_KEYS:
            ok = type(value) is datetime.date
            want = "a date (2026-01-22, unquoted)"
        else:
            ok = isinstance(value, str)
            want = "text"
        if not ok:
            raise DraftError(
                f"expected `{key}` in {where} to be {want}, found {_kind(value)} ({_shown(value)})",
                path=file,
                line=at,
            )
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and len(item) > MAX_FIELD_CHARS:
                raise DraftError(
                    f"expected `{key}` in {where} to hold at most {MAX_FIELD_CHARS:,} characters, "
                    f"found {len(item):,}",
                    path=file,
                    line=at,
                )


def _kind(value: object) -> str:
    """How a TOML value is named in an error message."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list" if all(isinstance(v, str) for v in value) else "a list holding non-text"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _shown(value: object) -> str:
    """A value as an error message quotes it, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}… ({len(text):,} characters)"


def _toml_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _int(file: Path, table: Mapping[str, Any], key: str, lines: _Lines) -> int:
    value = table[key]
    if not isinstance(value, int):
        raise DraftError(
            f"expected `{key}` to be a number, found {value!r}",
            path=file,
            line=lines.key(lines.bill, key),
        )
    return value


def _section(
    file: Path,
    lines: _Lines,
    index: int,
    raw: Mapping[str, Any],
    line: int | None,
    acts: ActIndex | None,
) -> DraftSection:
    number = index + 2  # section 1 is the short title
    if not isinstance(raw, dict):
        raise DraftError(
            f"expected each [[section]] to be a table, found {_kind(raw)}", path=file, line=line
        )
    _unknown_keys(file, raw, _SECTION_KEYS, "[[section]]", line, lines)
    _check_values(file, raw, lines, line, "[[section]]")
    if "heading" not in raw:
        raise DraftError(
            "expected `heading` in [[section]], found it missing", path=file, line=line
        )
    amendments_raw = raw.get("amendment", [])
    text = raw.get("text")
    if text is None and not amendments_raw:
        raise DraftError(
            "expected a [[section]] to have `text` or [[section.amendment]] entries, found neither",
            path=file,
            line=line,
        )
    if not isinstance(amendments_raw, list) or not all(isinstance(a, dict) for a in amendments_raw):
        raise DraftError(
            "expected [[section.amendment]] tables in a [[section]], found "
            f"`amendment` = {_shown(amendments_raw)}",
            path=file,
            line=line,
        )
    amendments = []
    amendment_lines = lines.amendments[index] if index < len(lines.amendments) else []
    for k, item in enumerate(amendments_raw):
        aline = amendment_lines[k] if k < len(amendment_lines) else line
        label = f"Sec. {number}" + (f"({k + 1})" if len(amendments_raw) > 1 else "")
        amendments.append(_amendment(file, lines, item, aline, acts, label))
    return DraftSection(
        number, str(raw["heading"]), str(text).strip() if text else None, tuple(amendments), line
    )


def _amendment(
    file: Path,
    lines: _Lines,
    item: Mapping[str, Any],
    line: int | None,
    acts: ActIndex | None,
    label: str,
) -> Amendment:
    kind = item.get("type")
    if not isinstance(kind, str) or kind not in AMENDMENT_FIELDS:
        raise DraftError(
            f"expected an amendment type among {', '.join(sorted(AMENDMENT_FIELDS))}, found {kind!r}",
            path=file,
            line=lines.key(line, "type"),
        )
    required, optional = AMENDMENT_FIELDS[kind]
    a_kind = f"{_article(kind)} {kind} amendment"
    unknown = set(item) - required - optional - _COMMON
    if unknown:
        known = sorted(required | optional)
        close = difflib.get_close_matches(sorted(unknown)[0], known, n=1, cutoff=0.6)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        raise DraftError(
            f"expected only the fields {', '.join(known)} in {a_kind}, "
            f"found {', '.join(sorted(unknown))}{hint}",
            path=file,
            line=lines.key(line, sorted(unknown)[0]),
        )
    for key in sorted(required):
        if key not in item:
            raise DraftError(
                f"expected `{key}` in {a_kind}, found it missing", path=file, line=line
            )
    _check_values(file, item, lines, line, a_kind)

    def cite(key: str, value: Any = None) -> Cite:
        text = item[key] if value is None else value
        try:
            return Cite.parse(str(text), acts)
        except BilldraftError as exc:
            raise DraftError(
                f"in `{key}`: {exc.message}", path=file, line=lines.key(line, key)
            ) from None

    def new(level: str) -> tuple[NewProvision, ...]:
        try:
            return parse_new_matter(str(item["new"]), level=level)
        except BilldraftError as exc:
            raise DraftError(
                f"in `new`: {exc.message}", path=file, line=lines.key(line, "new")
            ) from None

    def scope() -> Scope:
        value = str(item.get("scope", "text")).lower()
        if value not in _SCOPES:
            raise DraftError(
                f"expected scope among {', '.join(_SCOPES)}, found {value!r}",
                path=file,
                line=lines.key(line, "scope"),
            )
        return _SCOPES[value]

    def level_below(c: Cite) -> str:
        from .amendments import LEVELS

        return child_level(LEVELS[len(c.path)])

    def level_of(c: Cite) -> str:
        from .amendments import LEVELS

        return LEVELS[len(c.path)]

    def excepted() -> tuple[Cite, ...]:
        """`except_in`: the provisions left alone, as citations or as designations under the
        target (`"(c)"`, `"(c)(1)"`)."""
        if "except_in" not in item:
            return ()
        at = lines.key(line, "except_in")
        values = item["except_in"]
        if not values:
            raise DraftError(
                f"expected at least one provision in `except_in` of {a_kind}, found an empty list",
                path=file,
                line=at,
            )
        if item.get("each") is not True:
            raise DraftError(
                f"expected `each = true` with `except_in` in {a_kind} (“each place it appears "
                f"except in …”), found `each` {'missing' if 'each' not in item else 'false'}",
                path=file,
                line=at,
            )
        target = cite("target")
        out: list[Cite] = []
        for value in values:
            if not value.strip().startswith("("):
                out.append(cite("except_in", value))
                continue
            try:
                out.append(target.child(value))
            except BilldraftError as exc:
                raise DraftError(f"in `except_in`: {exc.message}", path=file, line=at) from None
        return tuple(out)

    text_opts: dict[str, Any] = {}
    if kind in ("strike", "strike_insert", "insert"):
        text_opts = {
            "each": bool(item.get("each", False)),
            "occurrence": item.get("occurrence"),
            "at_end": bool(item.get("at_end", False)),
            "scope": scope(),
            "except_in": excepted(),
        }
    try:
        if kind == "strike":
            return Strike(cite("target"), str(item["text"]), label=label, **text_opts)
        if kind == "strike_insert":
            return StrikeInsert(
                cite("target"), str(item["strike"]), str(item["insert"]), label=label, **text_opts
            )
        if kind == "insert":
            return Insert(
                cite("target"),
                str(item["text"]),
                before=item.get("before"),
                after=item.get("after"),
                label=label,
                **text_opts,
            )
        if kind == "strike_through":
            return StrikeThrough(
                cite("target"),
                str(item["start"]),
                through=item.get("through"),
                insert=item.get("insert"),
                occurrence=item.get("occurrence"),
                scope=scope(),
                label=label,
                precedes=bool(item.get("precedes", False)),
            )
        if kind == "strike_provision":
            target = cite("target")
            return StrikeProvision(
                target,
                through=cite("through") if "through" in item else None,
                replacement=new(level_of(target)) if "new" in item else (),
                label=label,
            )
        if kind == "insert_provisions":
            target = cite("target")
            return InsertProvisions(
                target, new(level_of(target)), before=bool(item.get("before", False)), label=label
            )
        if kind == "add_at_end":
            target = cite("target")
            return AddAtEnd(target, new(level_below(target)), label=label)
        if kind == "redesignate":
            targets = tuple(cite("targets", t) for t in item["targets"])
            return Redesignate(targets, tuple(str(d).strip("()") for d in item["as"]), label=label)
        if kind == "amend_to_read":
            target = cite("target")
            provisions = new(level_of(target))
            if len(provisions) != 1:
                raise DraftError(
                    f"expected one provision in `new`, found {len(provisions)}",
                    path=file,
                    line=lines.key(line, "new"),
                )
            return AmendToRead(target, provisions[0], label=label)
        return AmendHeading(cite("target"), str(item["heading"]), label=label)
    except (ValueError, TypeError) as exc:
        raise DraftError(f"in {a_kind}: {exc}", path=file, line=line) from None
