"""The order a drafter words a section's amendments in: the order of the provisions they amend.

A draft may list its amendments to one section in any order; a bill words them as the provisions
stand (section-wide changes, then subsection (a) — its heading, the matter preceding its
paragraphs, paragraph (1), (2) …, the matter following them — then (b) …, and what is added at
the end last), so that every change to subsection (a) falls under one ``(1) in subsection (a)—``.

Reordering must not change what the bill does. Two amendments are left in the order given when
they could interact (`_conflict`): when the text one searches lies in or around what the other
changes (one's provision holds the other's), when both change the same block, or when both
change which provisions stand under one parent (striking, inserting, adding or redesignating
subdivisions, which shifts the designations later amendments name, ``as so redesignated``).
Any other two touch disjoint text and give the same law in either order. `provision_order` is a
stable topological sort of the amendments under those constraints, taking at each step the
earliest provision among the amendments free to go next.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..amendments import (
    LEVELS,
    AddAtEnd,
    AmendHeading,
    Amendment,
    AmendSentence,
    AmendToRead,
    Insert,
    InsertProvisions,
    Redesignate,
    Scope,
    Strike,
    StrikeInsert,
    StrikeProvision,
    StrikeThrough,
    Target,
    cite_of,
)
from ..cite import Cite

__all__ = ["provision_order"]

Path = tuple[str, ...]
_Key = tuple[tuple[int, int, str, int], ...]

_HEADING, _CHAPEAU, _CHILD, _CONTINUATION, _END = range(5)
_SCOPE_RANK = {Scope.HEADING: _HEADING, Scope.CHAPEAU: _CHAPEAU, Scope.CONTINUATION: _CONTINUATION}
_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


@dataclass(frozen=True)
class _Region:
    """What an amendment reads or changes: a provision's whole text (`tree`), one block of it
    (`block`, with its scope), or the list of a parent's subdivisions (`siblings`)."""

    kind: str
    path: Path
    scope: Scope | None = None


def _prefix(a: Path, b: Path) -> bool:
    return b[: len(a)] == a


def _overlap(r: _Region, s: _Region) -> bool:
    if r.kind == "siblings" or s.kind == "siblings":
        return r.kind == s.kind and r.path == s.path
    if r.kind == "tree" and s.kind == "tree":
        return _prefix(r.path, s.path) or _prefix(s.path, r.path)
    if r.kind == "tree":
        return _prefix(r.path, s.path)
    if s.kind == "tree":
        return _prefix(s.path, r.path)
    return r.path == s.path and r.scope == s.scope


def _conflict(a: tuple[_Region, ...], b: tuple[_Region, ...]) -> bool:
    """Whether two amendments (their regions) could give another law in the other order."""
    return any(_overlap(r, s) for r in a for s in b)


def _path(target: Target, amendment: Amendment) -> Path:
    return tuple(cite_of(target, amendment).path)


def _regions(amendment: Amendment) -> tuple[_Region, ...]:
    """The regions an amendment reads or changes (the whole section when its kind is unknown)."""
    if isinstance(amendment, Strike | StrikeInsert | Insert | StrikeThrough | AmendSentence):
        path = _path(amendment.target, amendment)
        if amendment.scope is Scope.TEXT:
            return (_Region("tree", path),)
        return (_Region("block", path, amendment.scope),)
    if isinstance(amendment, AmendHeading):
        return (_Region("block", _path(amendment.target, amendment), Scope.HEADING),)
    if isinstance(amendment, AmendToRead):
        return (_Region("tree", _path(amendment.target, amendment)),)
    if isinstance(amendment, StrikeProvision):
        path = _path(amendment.target, amendment)
        parent = path[:-1]
        if amendment.through is not None:
            return (_Region("tree", parent), _Region("siblings", parent))
        news = [_Region("tree", (*parent, p.designation)) for p in amendment.replacement]
        return (_Region("tree", path), *news, _Region("siblings", parent))
    if isinstance(amendment, InsertProvisions):
        path = _path(amendment.anchor, amendment)
        parent = path[:-1]
        news = [_Region("tree", (*parent, p.designation)) for p in amendment.provisions]
        return (_Region("tree", path), *news, _Region("siblings", parent))
    if isinstance(amendment, AddAtEnd):
        path = _path(amendment.target, amendment)
        news = [_Region("tree", (*path, p.designation)) for p in amendment.provisions]
        return (*news, _Region("siblings", path))
    if isinstance(amendment, Redesignate):
        olds = [_path(t, amendment) for t in amendment.targets]
        parent = olds[0][:-1]
        renamed: list[Path] = [(*parent, d) for d in amendment.designations]
        trees = [_Region("tree", p) for p in (*olds, *renamed)]
        return (*trees, _Region("siblings", parent))
    return (_Region("tree", ()),)


def _designation_key(designation: str, level: str) -> tuple[int, str]:
    """Where a designation falls among its siblings: (1) < (2) < (10), (a) < (z) < (aa),
    (i) < (iv) < (ix) for clauses and subclauses, (2) < (2A) < (3)."""
    d = designation.strip("()").lower()
    if level in ("clause", "subclause") and _ROMAN.match(d):
        value, last = 0, 0
        for ch in reversed(d):
            v = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}[ch]
            value += -v if v < last else v
            last = max(last, v)
        return value, ""
    digits = re.match(r"^[0-9]+", d)
    if digits:
        return int(digits.group()), d[digits.end() :]
    letters = re.match(r"^([a-z])\1*", d)
    if letters:
        run = letters.group()
        return 26 * (len(run) - 1) + ord(run[0]) - ord("a") + 1, d[len(run) :]
    return 0, d


def _default_level(path: Path) -> str:
    """The level of the last designation of a path below a section, by its depth."""
    below = LEVELS[1:]
    return below[min(len(path), len(below)) - 1] if path else "section"


def _provision_key(path: Path, level_of: Callable[[Path], str], mark: int = 0) -> _Key:
    key = []
    for i, d in enumerate(path):
        number, rest = _designation_key(d, level_of(path[: i + 1]))
        key.append((_CHILD, number, rest, mark if i == len(path) - 1 else 0))
    return tuple(key)


def _key(amendment: Amendment, level_of: Callable[[Path], str]) -> _Key:
    """Where in the section an amendment acts, as a sortable key."""
    if isinstance(amendment, Strike | StrikeInsert | Insert | StrikeThrough | AmendSentence):
        path = _path(amendment.target, amendment)
        base = _provision_key(path, level_of)
        rank = _SCOPE_RANK.get(amendment.scope)
        return base if rank is None else (*base, (rank, 0, "", 0))
    if isinstance(amendment, AmendHeading):
        return (*_provision_key(_path(amendment.target, amendment), level_of), (_HEADING, 0, "", 0))
    if isinstance(amendment, AmendToRead | StrikeProvision):
        return _provision_key(_path(amendment.target, amendment), level_of)
    if isinstance(amendment, InsertProvisions):
        mark = -1 if amendment.before else 1
        return _provision_key(_path(amendment.anchor, amendment), level_of, mark)
    if isinstance(amendment, AddAtEnd):
        return (*_provision_key(_path(amendment.target, amendment), level_of), (_END, 0, "", 0))
    if isinstance(amendment, Redesignate):
        return _provision_key(_path(amendment.targets[0], amendment), level_of)
    return ()


def provision_order(
    amendments: Sequence[Amendment], level_of: Callable[[Cite], str] | None = None
) -> list[Amendment]:
    """A section's amendments in the order of the provisions they amend, keeping the given order
    of any two that could interact; `level_of` names a provision's level (from the statute),
    else levels follow depth (subsection, paragraph, subparagraph, clause …)."""
    if len(amendments) < 2:
        return list(amendments)
    section = cite_of(_first_target(amendments[0]), amendments[0]).section_cite

    def level(path: Path) -> str:
        if level_of is not None:
            try:
                return level_of(section.child(*path))
            except Exception:  # a provision the statute does not hold: by its depth
                pass
        return _default_level(path)

    regions = [_regions(a) for a in amendments]
    keys = [_key(a, level) for a in amendments]
    n = len(amendments)
    after: list[list[int]] = [[] for _ in range(n)]
    waiting = [0] * n
    for i in range(n):
        for j in range(i + 1, n):
            if _conflict(regions[i], regions[j]):
                after[i].append(j)
                waiting[j] += 1
    ready = [(keys[i], i) for i in range(n) if waiting[i] == 0]
    heapq.heapify(ready)
    out: list[Amendment] = []
    while ready:
        _, i = heapq.heappop(ready)
        out.append(amendments[i])
        for j in after[i]:
            waiting[j] -= 1
            if waiting[j] == 0:
                heapq.heappush(ready, (keys[j], j))
    return out


def _first_target(amendment: Amendment) -> Target:
    if isinstance(amendment, InsertProvisions):
        return amendment.anchor
    if isinstance(amendment, Redesignate):
        return amendment.targets[0]
    return amendment.target
