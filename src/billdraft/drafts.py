"""Draft files: a bill in TOML (`drafts/*.toml`), read with the standard library's `tomllib`.

The format::

    [bill]
    congress = 119                 # required
    session = 2                    # required
    chamber = "house"              # "house" or "senate"
    sponsor = "Ms. Doe of Ohio"    # required
    cosponsors = ["Mr. Roe of Utah"]
    committee = "Committee on Ways and Means"
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
a `DraftError` naming the file and line.
"""

from __future__ import annotations

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
_TEXT = {"each", "occurrence", "at_end", "scope"}
AMENDMENT_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    # type: (required fields, optional fields)
    "strike": ({"target", "text"}, _TEXT),
    "strike_insert": ({"target", "strike", "insert"}, _TEXT),
    "insert": ({"target", "text"}, {"before", "after"} | _TEXT),
    "strike_through": ({"target", "start"}, {"through", "insert", "occurrence", "scope"}),
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
    bill = data.get("bill")
    if not isinstance(bill, dict):
        raise DraftError(
            "expected a [bill] table with the bill's details, found none", path=file, line=1
        )
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
    )


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
    if kind not in AMENDMENT_FIELDS:
        raise DraftError(
            f"expected an amendment type among {', '.join(sorted(AMENDMENT_FIELDS))}, found {kind!r}",
            path=file,
            line=lines.key(line, "type"),
        )
    required, optional = AMENDMENT_FIELDS[kind]
    for key in sorted(required):
        if key not in item:
            raise DraftError(
                f"expected `{key}` in a {kind} amendment, found it missing", path=file, line=line
            )
    unknown = set(item) - required - optional - _COMMON
    if unknown:
        raise DraftError(
            f"expected only the fields {', '.join(sorted(required | optional))} in a {kind} "
            f"amendment, found {', '.join(sorted(unknown))}",
            path=file,
            line=lines.key(line, sorted(unknown)[0]),
        )

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

    text_opts: dict[str, Any] = {}
    if kind in ("strike", "strike_insert", "insert"):
        text_opts = {
            "each": bool(item.get("each", False)),
            "occurrence": item.get("occurrence"),
            "at_end": bool(item.get("at_end", False)),
            "scope": scope(),
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
        raise DraftError(f"in a {kind} amendment: {exc}", path=file, line=line) from None
