"""`amendments_from_edit`: the derived amendments, compacted and checked against the edit."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..amendments import (
    Amendment,
    Insert,
    Scope,
    Strike,
    StrikeInsert,
)
from ..apply import _scope_blocks, apply
from ..cite import Cite
from ..errors import AmendmentError, DocumentError
from ..statute import Statute, block_text, display
from ..textblock import find_all
from .read import EditDerivationError, _Block, _edited_models, _Node, _node_from_element
from .search import _Deriver, _simulate


def amendments_from_edit(
    current: Statute, edited: Statute | str | Path, *, section: str | Cite | None = None
) -> list[Amendment]:
    """The smallest list of amendments that turns `current` into the drafter's `edited` version.

    `edited` is a Statute, a USLM file or folder, plain text (a string or `.txt` file, in the
    form `billdraft show` prints) or a `.docx` edited with tracked changes. `section` names the
    provision the edit is of (required when that cannot be read from the edit). The derived
    amendments are applied before they are returned; if they do not reproduce the edit exactly,
    EditDerivationError is raised instead.
    """
    named: Cite | None = None
    if section is not None:
        named = section if isinstance(section, Cite) else current.provision(section).cite
        if named not in current:
            current.provision(named)  # raises UnknownCitationError with what is loaded
    models = _edited_models(current, edited, named)
    amendments: list[Amendment] = []
    for cite, new_model in models:
        old_el = current.provision(cite).element
        old_model = _node_from_element(old_el)
        if old_model.designation != new_model.designation and cite.path:
            raise DocumentError(f"expected an edit of {cite}, found ({new_model.designation})")
        deriver = _Deriver(old_model)
        deriver.compare(old_model, new_model)
        deriver.text_amendments()
        amendments += deriver.text + deriver.structural
    _verify(current, amendments, models)
    amendments = _compacted(current, amendments, models)
    amendments = _in_document_order(current, amendments, models)
    plainer = [_plainer(a) for a in amendments]
    if plainer != amendments:
        try:
            _verify(current, plainer, models)
        except EditDerivationError:
            return amendments
        return plainer
    return amendments


_COMPACT_TRIES = 16
"""The most shorter lists `_compacted` checks against the edit, in all."""


def _compacted(
    current: Statute,
    amendments: list[Amendment],
    models: list[tuple[Cite, _Node]],
    tries: int = _COMPACT_TRIES,
) -> list[Amendment]:
    """`amendments` with what the whole list can do without: the same change made at several
    places one by one, made once each place it appears; then an amendment the others make
    unneeded (one each-place amendment that repeats another at a few places). Each shorter
    list is kept only when it still reproduces the edit exactly."""

    def works(candidate: list[Amendment]) -> bool:
        nonlocal tries
        tries -= 1
        try:
            _verify(current, candidate, models)
        except EditDerivationError:
            return False
        return True

    text = {k: a for k, a in enumerate(amendments) if isinstance(a, (Strike, StrikeInsert, Insert))}
    same: dict[tuple[Any, ...], list[int]] = {}
    for k, a in text.items():
        if not a.each and a.occurrence is None:
            same.setdefault(_change_of(a), []).append(k)
    for places in same.values():
        if len(places) < 2 or tries <= 0:
            continue
        first = text[places[0]]
        cites = [t for k in places if isinstance(t := text[k].target, Cite)]
        if len(cites) < len(places) or len({(c.title, c.section) for c in cites}) > 1:
            continue
        common = 0
        while all(len(c.path) > common and c.path[common] == cites[0].path[common] for c in cites):
            common += 1
        target = Cite(cites[0].title, cites[0].section, cites[0].path[:common])
        scope = first.scope if len({text[k].target for k in places}) == 1 else Scope.TEXT
        each = dataclasses.replace(first, target=target, each=True, scope=scope)
        merged = [
            each if k == places[0] else a
            for k, a in enumerate(amendments)
            if k == places[0] or k not in places
        ]
        if works(merged):
            amendments = merged
            return _compacted(current, amendments, models, tries)
    # -- a later each-place amendment made only in the words an earlier one put in (“such” →
    #    “2027”, then “and” before “2027”): the earlier one puts in what both do --
    for i, j in itertools.combinations(sorted(text), 2):
        if tries <= 0:
            break
        fused = _fused(text[i], text[j])
        if fused is not None:
            fewer = [fused if k == i else a for k, a in enumerate(amendments) if k != j]
            if works(fewer):
                return _compacted(current, fewer, models, tries)
    # -- two changes to one block with words an each-place change changes between them (“of
    #    by” → “Kazakhstan”, “Customs” → “Kazakhstan”, and “the” → “Kazakhstan” each place it
    #    appears): one change of the whole stretch, made before the each-place one --
    for fewer in _merged_around_each(current, amendments):
        if tries <= 0:
            break
        if works(fewer):
            return _compacted(current, fewer, models, tries)
    for k in sorted(text, key=lambda k: not text[k].each):  # each-place ones first
        if tries <= 0:
            break
        fewer = amendments[:k] + amendments[k + 1 :]
        if works(fewer):
            return _compacted(current, fewer, models, tries)
    return amendments


def _merged_around_each(current: Statute, amendments: list[Amendment]) -> Iterator[list[Amendment]]:
    """Shorter lists in which two strikes (or strike-and-inserts) of one block, with words
    that an each-place strike-and-insert changes lying between them, are one strike-and-insert
    of the stretch from the first to the last, put before the each-place one."""
    each = [
        (k, a)
        for k, a in enumerate(amendments)
        if isinstance(a, StrikeInsert) and a.each and isinstance(a.target, Cite)
    ]
    if not each:
        return
    single = [
        (k, a)
        for k, a in enumerate(amendments)
        if isinstance(a, (Strike, StrikeInsert))
        and not a.each
        and a.occurrence is None
        and not a.at_end
        and isinstance(a.target, Cite)
    ]
    for (i, a), (j, b) in itertools.combinations(single, 2):
        if a.target != b.target or a.scope != b.scope:
            continue
        assert isinstance(a.target, Cite)
        provision = current.get(a.target)
        if provision is None:
            continue
        blocks = [block_text(x) for x in _scope_blocks(provision.element, a.scope)]
        found = [
            [(n, span) for n, t in enumerate(blocks) for span in find_all(t, phrase)]
            for phrase in (
                a.strike if isinstance(a, StrikeInsert) else a.text,
                b.strike if isinstance(b, StrikeInsert) else b.text,
            )
        ]
        if any(len(f) != 1 for f in found) or found[0][0][0] != found[1][0][0]:
            continue
        text = blocks[found[0][0][0]]
        (s1, e1), (s2, e2) = sorted((found[0][0][1], found[1][0][1]))
        if e1 > s2:
            continue
        first, last = (a, b) if found[0][0][1][0] == s1 else (b, a)
        for _, e in each:
            assert isinstance(e.target, Cite)
            if (
                e.target.section_cite != a.target.section_cite
                or e.target.path != (a.target.path[: len(e.target.path)])
            ):
                continue
            middle = text[e1:s2]
            places = find_all(middle, e.strike)
            if not places:
                continue
            for ps, pe in reversed(places):
                middle = middle[:ps] + e.insert + middle[pe:]
            merged = StrikeInsert(
                a.target,
                text[s1:e2],
                (first.insert if isinstance(first, StrikeInsert) else "")
                + middle
                + (last.insert if isinstance(last, StrikeInsert) else ""),
                scope=a.scope,
            )
            rest = [x for n, x in enumerate(amendments) if n not in (i, j)]
            at = rest.index(e)
            yield [*rest[:at], merged, *rest[at:]]


def _fused(
    first: Strike | StrikeInsert | Insert, then: Strike | StrikeInsert | Insert
) -> Strike | StrikeInsert | Insert | None:
    """`first` putting in its words as `then` (each place it appears) leaves them, when `then`
    changes those words and `first` puts some in; None otherwise."""
    if not then.each or isinstance(first, Strike) or then.target != first.target:
        return None
    words = first.insert if isinstance(first, StrikeInsert) else first.text
    sim = _simulate(then, [_Block("content", words)])
    if sim is None or not display(sim[0][0]):
        return None
    if isinstance(first, StrikeInsert):
        return dataclasses.replace(first, insert=display(sim[0][0]))
    return dataclasses.replace(first, text=display(sim[0][0]))


def _in_document_order(
    current: Statute, amendments: list[Amendment], models: list[tuple[Cite, _Node]]
) -> list[Amendment]:
    """`amendments` in the order of the provisions they amend, as a bill takes them (words
    struck in subsection (b), a paragraph added at the end of (b), then (c)): each moves ahead
    of those before it that amend a later provision none of its own contains or lies in, and
    the order is kept only when it still gives the edit exactly."""
    position: dict[Cite, int] = {}
    for cite, _ in models:
        for el in current.provision(cite).element.iter():
            ident = el.get("identifier")
            if ident and ident.startswith("/us/usc/"):
                position.setdefault(Cite.from_identifier(ident), len(position))

    def where(a: Amendment) -> Cite | None:
        target = getattr(a, "target", None)
        return target if isinstance(target, Cite) and target in position else None

    def apart(x: Cite, y: Cite) -> bool:
        short = min(len(x.path), len(y.path))
        return (x.title, x.section) != (y.title, y.section) or x.path[:short] != y.path[:short]

    ordered = list(amendments)
    for k in range(1, len(ordered)):
        j = k
        while j > 0:
            a, b = where(ordered[j - 1]), where(ordered[j])
            if a is None or b is None or not apart(a, b) or position[b] > position[a]:
                break
            ordered[j - 1], ordered[j] = ordered[j], ordered[j - 1]
            j -= 1
    if ordered == amendments:
        return amendments
    try:
        _verify(current, ordered, models)
    except EditDerivationError:
        return amendments
    return ordered


def _change_of(a: Strike | StrikeInsert | Insert) -> tuple[Any, ...]:
    """What an amendment does wherever it is made (its kind, words and context)."""
    if isinstance(a, Strike):
        return ("strike", a.text, a.at_end)
    if isinstance(a, StrikeInsert):
        return ("replace", a.strike, a.insert, a.at_end)
    return ("insert", a.text, a.before, a.after, a.at_end)


def _plainer(a: Amendment) -> Amendment:
    """`a` worded as a drafter would: words put in before or after the words it strikes and
    puts back (“striking “the” and inserting “such the”” is “inserting “such” before “the””)."""
    if not isinstance(a, StrikeInsert) or a.at_end:
        return a
    new, old = a.insert, a.strike
    if new.endswith(" " + old) and new[: -len(old)].strip():
        return Insert(
            a.target,
            new[: -len(old)].strip(),
            before=old,
            each=a.each,
            occurrence=a.occurrence,
            scope=a.scope,
            label=a.label,
        )
    if new.startswith(old + " ") and new[len(old) :].strip():
        return Insert(
            a.target,
            new[len(old) :].strip(),
            after=old,
            each=a.each,
            occurrence=a.occurrence,
            scope=a.scope,
            label=a.label,
        )
    return a


def _verify(
    current: Statute, amendments: list[Amendment], models: list[tuple[Cite, _Node]]
) -> None:
    try:
        result = apply(current, amendments)
    except AmendmentError as exc:
        raise EditDerivationError(
            f"expected the derived amendments to apply, found: {exc.message}"
        ) from exc
    for cite, want in models:
        got = result.statute.get(cite)
        if got is None:
            raise EditDerivationError(f"expected {cite} after the amendments, found it missing")
        have = _node_from_element(got.element)
        if have.canon() != want.canon():
            raise EditDerivationError(
                f"expected the derived amendments to reproduce the edit of {cite} exactly, "
                f"found a difference at {_first_difference(have, want)}"
            )


def _first_difference(a: _Node, b: _Node, path: str = "") -> str:
    here = path + (f"({a.designation})" if path or a.level != "section" else a.designation)
    if a.designation != b.designation or a.level != b.level:
        return f"{here}: ({a.designation}) vs ({b.designation})"
    if a.signature()[1] != b.signature()[1]:
        return f"{here} heading: “{a.signature()[1]}” vs “{b.signature()[1]}”"
    at = [i.text for i in a.items if isinstance(i, _Block) and i.text]
    bt = [i.text for i in b.items if isinstance(i, _Block) and i.text]
    if at != bt:
        for x, y in zip(at, bt, strict=False):
            if x != y:
                return f"{here}: “{x}” vs “{y}”"
        return f"{here}: {len(at)} vs {len(bt)} text blocks"
    for ca, cb in zip(a.children, b.children, strict=False):
        if ca.canon() != cb.canon():
            return _first_difference(ca, cb, here)
    return f"{here}: {len(a.children)} vs {len(b.children)} subdivisions"
