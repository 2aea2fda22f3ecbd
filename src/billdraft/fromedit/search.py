"""The search for the amendments of one provision's text: word-level hunks, a simulation of
what `apply` would make of an amendment, and the look-ahead that chooses which changes to word
`each place it appears` (see `_Deriver`)."""

from __future__ import annotations

import bisect
import copy
import difflib
import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..amendments import (
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
)
from ..cite import Cite
from ..diff import AMOUNT, Op, word_diff
from ..statute import TEXT_BLOCKS, display
from ..textblock import find_all, spaced_insert, strike_span
from .read import EditDerivationError, _align, _Block, _Node

_CONTEXT_LIMIT = 12
"""Words of context tried on each side before naming an occurrence."""

# --- word-level hunks -----------------------------------------------------------------------

_WORD = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class _Hunk:
    start: int
    end: int
    insert: str


def _hunks(old: str, new: str, *, merge: bool = True, semantic: bool = True) -> tuple[_Hunk, ...]:
    """The changes turning `old` into `new`: whole words, brackets closed, near neighbours merged
    (with `merge=False`, the diff's own pieces; with `semantic=False` as well, the pieces of the
    diff before its clean-up folds short unchanged runs between changes into them)."""
    return _hunks_of(old, new, merge, semantic)


@functools.lru_cache(maxsize=32768)
def _hunks_of(old: str, new: str, merge: bool, semantic: bool) -> tuple[_Hunk, ...]:
    """`_hunks`, remembered: the derivation asks for the same pairs of texts over and over."""
    if old == new:
        return ()
    raw: list[_Hunk] = []
    pos = 0
    cur: list[Any] | None = None
    for e in word_diff(old, new, semantic=semantic, amounts=False):
        if e.op == Op.EQUAL:
            if cur is not None:
                raw.append(_Hunk(*cur))
                cur = None
            pos += len(e.text)
            continue
        if cur is None:
            cur = [pos, pos, ""]
        if e.op == Op.DELETE:
            pos += len(e.text)
            cur[1] = pos
        else:
            cur[2] += e.text
    if cur is not None:
        raw.append(_Hunk(*cur))
    if _splice(old, raw) != new:  # pragma: no cover - word_diff keeps its invariants
        sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
        raw = [
            _Hunk(i1, i2, new[j1:j2]) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"
        ]
    return tuple(_Spans(old, new, raw).hunks() if merge else raw)


class _Spans:
    """Widens and merges raw diff hunks over unchanged text; inserted text is read off `new`."""

    def __init__(self, old: str, new: str, raw: list[_Hunk]) -> None:
        self.old, self.new, self.raw = old, new, raw

    def hunk(self, a: int, b: int) -> _Hunk:
        inside = [r for r in self.raw if r.start >= a and r.end <= b]
        before = sum(
            len(r.insert) - (r.end - r.start) for r in self.raw if r.end <= a and r not in inside
        )
        after = sum(
            len(r.insert) - (r.end - r.start) for r in self.raw if r.start >= b and r not in inside
        )
        start = a + before
        end = len(self.new) - (len(self.old) - b) - after
        return _Hunk(a, b, self.new[start:end])

    def absorb(self, a: int, b: int) -> tuple[int, int]:
        changed = True
        while changed:
            changed = False
            for r in self.raw:
                if r.start <= b and r.end >= a and (r.start < a or r.end > b):
                    a, b, changed = min(a, r.start), max(b, r.end), True
        return a, b

    def numbers(self, a: int, b: int) -> tuple[int, int]:
        """`a`..`b` widened to the whole of each amount it cuts into (“$25,000” → “$50,000”,
        not “25,” → “50,”: a drafter quotes an amount or a rate whole)."""
        for m in AMOUNT.finditer(self.old):
            if m.start() > b:
                break
            if (m.start() < b and a < m.end()) or (a == b and m.start() < a < m.end()):
                a, b = min(a, m.start()), max(b, m.end())
        return a, b

    def balance(self, a: int, b: int) -> tuple[int, int]:
        for _ in range(8):
            a, b = self.absorb(*self.numbers(*self.absorb(a, b)))
            h = self.hunk(a, b)
            need = _unbalanced(self.old[a:b]) or _unbalanced(h.insert)
            if not need:
                break
            if need > 0:
                m = _WORD.search(self.old, b)
                if m is None:
                    break
                b = m.end()
            else:
                starts = [w.start() for w in _WORD.finditer(self.old, 0, a)]
                if not starts:
                    break
                a = starts[-1]
        return self.absorb(a, b)

    def hunks(self) -> list[_Hunk]:
        spans: list[tuple[int, int]] = []
        for r in self.raw:
            a, b = self.balance(r.start, r.end)
            while spans:
                pa, pb = spans[-1]
                gap = self.old[pb:a]
                if pb >= a or (len(_WORD.findall(gap)) <= 2 and len(gap) <= 24):
                    spans.pop()
                    a, b = self.balance(min(a, pa), max(b, pb))
                else:
                    break
            spans.append((a, b))
        return [self.hunk(a, b) for a, b in spans]


_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))


def _unbalanced(text: str) -> int:
    """> 0 when `text` opens a bracket it does not close, < 0 when it closes one it did not open."""
    for a, b in _PAIRS:
        if text.count(a) != text.count(b):
            return 1 if text.count(a) > text.count(b) else -1
    return 0


def _splice(text: str, hunks: Sequence[_Hunk]) -> str:
    out = []
    pos = 0
    for h in hunks:
        out.append(text[pos : h.start])
        out.append(h.insert)
        pos = h.end
    out.append(text[pos:])
    return "".join(out)


# --- simulating a text amendment on display text --------------------------------------------

_TextAmendment = Strike | StrikeInsert | Insert


_Sim = list[tuple[str, list[tuple[int, int]]]]


def _overlaps(touched: list[tuple[int, int]], s: int, e: int) -> bool:
    """True when span [s, e) touches text an earlier amendment changed (apply's rule)."""
    return any((ts < e and s < te) if te > ts else (s < ts < e) for ts, te in touched)


def _simulate(a: _TextAmendment, blocks: Sequence[_Block]) -> _Sim | None:
    """The scope's block texts (and changed spans) after `a`, as `apply` would leave them;
    None when `apply` would refuse it (text not found, ambiguous, overlapping)."""
    if not blocks:
        return None
    out = [(b.text, list(b.touched)) for b in blocks]

    def edit(i: int, s: int, e: int, rep: str) -> None:
        t, touched = out[i]
        delta = len(rep) - (e - s)
        moved = [(ts + delta, te + delta) if ts >= e else (ts, te) for ts, te in touched]
        out[i] = (t[:s] + rep + t[e:], [*moved, (s, s + len(rep))])

    if isinstance(a, Insert) and a.after is None and a.before is None:
        last = out[-1][0]
        pos = len(last.rstrip())
        if _overlaps(out[-1][1], pos, pos):
            return None
        edit(len(out) - 1, pos, pos, spaced_insert(last, pos, a.text))
        return out
    if isinstance(a, Strike):
        needle = a.text
    elif isinstance(a, StrikeInsert):
        needle = a.strike
    else:
        needle = a.after if a.after is not None else a.before or ""
    matches: list[tuple[int, int, int]] = []
    for i, (t, _) in enumerate(out):
        for s, e in find_all(t, needle):
            if a.at_end and (i != len(out) - 1 or t[e:].strip()):
                continue
            matches.append((i, s, e))
    if not matches:
        return None
    if a.each:
        chosen = matches
    elif a.occurrence is not None:
        if a.occurrence > len(matches):
            return None
        chosen = [matches[a.occurrence - 1]]
    elif len(matches) > 1:
        return None
    else:
        chosen = matches
    if isinstance(a, Insert):
        chosen = [(i, e, e) if a.after is not None else (i, s, s) for i, s, e in chosen]
    if any(_overlaps(out[i][1], s, e) for i, s, e in chosen):
        return None
    shift = [0] * len(out)
    for i, s, e in chosen:
        s, e = s + shift[i], e + shift[i]
        t = out[i][0]
        if isinstance(a, Strike) or (isinstance(a, StrikeInsert) and not a.insert):
            s, e = strike_span(t, s, e)
            rep = ""
        elif isinstance(a, StrikeInsert):
            rep = a.insert
        else:
            rep = spaced_insert(t, s, a.text)
        edit(i, s, e, rep)
        shift[i] += len(rep) - (e - s)
    return out


# --- the derivation -------------------------------------------------------------------------


@dataclass
class _Pair:
    """A current block and the text the edit gives it."""

    node: _Node
    block: _Block
    new: str
    scope: Scope
    edited: _Node
    inverted: bool = False
    """The text is what the edit gives the block before a repeated change made last (see
    `_Deriver._derive`), not the edit itself."""


def _scope_of(block: _Block) -> Scope:
    return {
        "heading": Scope.HEADING,
        "chapeau": Scope.CHAPEAU,
        "continuation": Scope.CONTINUATION,
    }.get(block.kind, Scope.TEXT)


def _scope_blocks(node: _Node, scope: Scope) -> list[_Block]:
    if scope is Scope.HEADING:
        return [node.heading] if node.heading is not None else []
    if scope in (Scope.CHAPEAU, Scope.CONTINUATION):
        return [i for i in node.items if isinstance(i, _Block) and i.kind == scope.value]
    out: list[_Block] = []
    for i in node.items:
        if isinstance(i, _Node):
            out += _scope_blocks(i, Scope.TEXT)
        elif i.kind in TEXT_BLOCKS:
            out.append(i)
    return out


def _target(node: _Node) -> Cite:
    if node.cite is None:
        raise EditDerivationError(
            f"expected every current provision to have an identifier, found ({node.designation}) "
            "without one"
        )
    return node.cite


def _new_provision(e: _Node, designation: str | None = None) -> NewProvision:
    pre = [b.text for b in e.blocks("pre")]
    post = [b.text for b in e.blocks("post")]
    kids = tuple(_new_provision(c) for c in e.children)
    d = designation if designation is not None else e.designation
    heading = e.heading.text if e.heading is not None and e.heading.text else None
    if len(pre) > 1 or len(post) > 1:
        raise EditDerivationError(
            f"expected new matter ({d}) to have one block of text before and after its "
            f"subdivisions, found {len(pre)} and {len(post)}; billdraft cannot word it"
        )
    try:
        if kids:
            return NewProvision(
                e.level,
                d,
                heading,
                chapeau=pre[0] if pre else None,
                continuation=post[0] if post else None,
                children=kids,
            )
        return NewProvision(e.level, d, heading, content=pre[0] if pre else None)
    except ValueError as exc:
        raise EditDerivationError(f"expected well-formed new matter, found: {exc}") from None


_Each = tuple[tuple[int, int, int, int], _TextAmendment, list[_Block], _Sim]
"""A repeated change worded once: its score, the amendment, the blocks it changes, and how."""
_Option = tuple[str, Any]
"""("each", an `_Each` ready to word), or a repeated change with others in its way: ("fix",
…) words those first, ("loose", …) words it as it stands."""
_BRANCHES = 8
"""Each-place options looked ahead from at each step (the greedy one first), besides wording
no more of them."""
_BUDGET = 32
"""Look-aheads the search may make for one provision."""
_PREFIX_STEPS = 8
"""Changes worded out of the way of a repeated change, at most, in one block."""
_BLOCKED = 8
"""The most blocks a repeated change's way is cleared in before it is worded."""
_SUBSET_MEMBERS = 64
"""The most places of a repeated change whose context is read to find the places it shares."""
_SUBSETS = 3
"""How many such shared contexts are tried."""
_PEELS = 3
"""Repeated changes tried as the last one made (see `_Deriver._derive`), one fewer at each
depth."""
_PEEL_DEPTH = 2
"""How many repeated changes, at most, are made last that way."""


class _Deriver:
    """Derives the amendments for one provision (the root) of the current law."""

    def __init__(self, root: _Node) -> None:
        self.root = root
        self.edited: _Node | None = None  # the edited version of the root (set by `compare`)
        self.duplicates: frozenset[Cite] = frozenset()  # citations two provisions answer to
        self.pairs: list[_Pair] = []
        self.structural: list[Amendment] = []
        self.text: list[Amendment] = []

    # -- structure ------------------------------------------------------------------------

    def compare(self, c: _Node, e: _Node) -> None:
        """Collect block pairs and (post-order) the structural amendments below `c`."""
        if c is self.root:
            self.edited = e
            counts = Counter(n.cite for n in c.walk() if n.cite is not None)
            self.duplicates = frozenset(k for k, v in counts.items() if v > 1)
        if not self._representable(c, e):
            self.structural.append(AmendToRead(_target(c), _new_provision(e, c.designation)))
            return
        ch, eh = c.heading, e.heading
        if (ch.text if ch else "") != (eh.text if eh else ""):
            if ch is None:
                c.heading = ch = _Block("heading", "")
            self.pairs.append(_Pair(c, ch, eh.text if eh else "", Scope.HEADING, e))
        for where in ("pre", "post"):
            for cb, eb in self._block_pairs(c.blocks(where), e.blocks(where)):
                if cb is not None and cb.text != (eb.text if eb else ""):
                    self.pairs.append(_Pair(c, cb, eb.text if eb else "", _scope_of(cb), e))
        aligned = _align(c.children, e.children)
        for cc, ec in aligned:
            if cc is not None and ec is not None:
                self.compare(cc, ec)
        self._structure(c, aligned)

    def _block_pairs(
        self, cs: list[_Block], es: list[_Block]
    ) -> list[tuple[_Block | None, _Block | None]]:
        if len(cs) == len(es):
            return list(zip(cs, es, strict=True))
        sm = difflib.SequenceMatcher(None, [b.text for b in cs], [b.text for b in es])
        out: list[tuple[_Block | None, _Block | None]] = []
        used: set[int] = set()
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            for k in range(max(i2 - i1, j2 - j1)):
                cb = cs[i1 + k] if i1 + k < i2 else None
                eb = es[j1 + k] if j1 + k < j2 else None
                if eb is not None:
                    used.add(id(eb))
                out.append((cb, eb))
            del tag
        return out

    def _representable(self, c: _Node, e: _Node) -> bool:
        if bool(c.children) != bool(e.children) or c.level != e.level:
            return False
        for where in ("pre", "post"):
            if len(e.blocks(where)) > len(c.blocks(where)):
                return False
            if any(cb is None for cb, _ in self._block_pairs(c.blocks(where), e.blocks(where))):
                return False
        return True

    def _structure(self, parent: _Node, aligned: list[tuple[_Node | None, _Node | None]]) -> None:
        """Strikes, then one redesignation, then insertions, under one provision."""
        pcite = _target(parent)
        existing = {c.designation for c, _ in aligned if c is not None}
        placed: set[int] = set()
        # gaps: maximal runs of unpaired items
        gaps: list[tuple[list[_Node], list[_Node]]] = []
        run_c: list[_Node] = []
        run_e: list[_Node] = []
        for c, e in aligned:
            if c is not None and e is not None:
                if run_c or run_e:
                    gaps.append((run_c, run_e))
                run_c, run_e = [], []
            elif c is not None:
                run_c.append(c)
            elif e is not None:
                run_e.append(e)
        if run_c or run_e:
            gaps.append((run_c, run_e))
        for struck, new in gaps:
            if not struck:
                continue
            gone = {c.designation for c in struck}
            free = all(e.designation not in existing - gone for e in new)
            replacement = tuple(_new_provision(e) for e in new) if new and free else ()
            if replacement:
                placed.update(id(e) for e in new)
            self.structural.append(
                StrikeProvision(
                    _target(struck[0]),
                    through=_target(struck[-1]) if len(struck) > 1 else None,
                    replacement=replacement,
                )
            )
        moving = [
            (c, e)
            for c, e in aligned
            if c is not None and e is not None and c.designation != e.designation
        ]
        if moving:
            self.structural.append(
                Redesignate(
                    tuple(_target(c) for c, _ in moving), tuple(e.designation for _, e in moving)
                )
            )
        # insertions, in edited order, anchored on what is there by then
        final: list[tuple[_Node, bool]] = []  # edited children, and whether present yet
        for c, e in aligned:
            if e is not None:
                final.append((e, c is not None or id(e) in placed))
        k = 0
        while k < len(final):
            if final[k][1]:
                k += 1
                continue
            j = k
            while j < len(final) and not final[j][1]:
                j += 1
            run = tuple(_new_provision(e) for e, _ in final[k:j])
            if j == len(final):
                self.structural.append(AddAtEnd(pcite, run))
            elif k > 0:
                self.structural.append(
                    InsertProvisions(pcite.child(final[k - 1][0].designation), run)
                )
            else:
                self.structural.append(
                    InsertProvisions(pcite.child(final[j][0].designation), run, before=True)
                )
            for m in range(k, j):
                final[m] = (final[m][0], True)
            k = j

    # -- text -----------------------------------------------------------------------------

    def text_amendments(self) -> None:
        """Each-place-it-appears amendments first, then each block's changes in order.

        Which repeated change to word `each place it appears` first (and whether to word one
        at all) is a choice the greedy pick can get wrong: one that saves a change here can
        break up a longer repeated change there. So the choices are looked ahead (a pilot
        search): at each step, each of the first `_BRANCHES` options, and stopping there, is
        followed greedily to the end; the step whose outcome is shortest is taken (ties go to
        the greedy choice), until the outcome cannot improve or `_BUDGET` look-aheads are spent.
        """
        self.text = self._derive().text

    def _derive(self, depth: int = 0) -> _Deriver:
        """The shortest derivation found: by the look-ahead (`_pilot`), or with a repeated change
        made last, after single changes that make places for it or take places from it
        (“the Department of” struck, then “and and” put in after each “the”): the look-ahead
        then derives the text the edit has before that change, and the change is added."""
        best: _Deriver | None = None
        failure: EditDerivationError | None = None
        try:
            best = self._copy(None)[0]._pilot()
        except EditDerivationError as exc:
            failure = exc
        # -- tried only where the look-ahead words a change place by place (the same words put
        #    in or struck at two places or more): the sign of a repeated change it missed --
        if depth >= _PEEL_DEPTH or (best is not None and not _worded_twice(best.text)):
            peels = []
        else:
            peels = self._peels()
        tries = _PEELS - depth  # fewer, deeper down: each try is a derivation of its own
        for cand, (where, scope), goals in peels:
            if tries <= 0 or (best is not None and len(best.text) <= 2):
                break  # (a change made last, and one before it, cannot do better than two)
            if best is not None and any(
                isinstance(a, (StrikeInsert, Insert)) and _implied(cand, a) for a in best.text
            ):
                continue  # the look-ahead made the change too (or one it makes with others)
            tries -= 1
            other = self._copy(None)[0]
            for k, before in goals.items():
                other.pairs[k].new, other.pairs[k].inverted = before, True
            try:
                got = other._derive(depth + 1)
            except EditDerivationError:
                continue
            if best is not None and len(got.text) + 1 >= len(best.text):
                continue
            blocks = _scope_blocks(list(got.root.walk())[where], scope)
            sim = _simulate(cand, blocks)
            want = {id(got.pairs[k].block): p.new for k, p in enumerate(self.pairs)}
            if sim is None or any(
                display(t) != display(want.get(id(b), b.text))
                for b, (t, _) in zip(blocks, sim, strict=True)
            ):
                continue  # a single change took text it needs, or put in some it changes
            for b, (t, touched) in zip(blocks, sim, strict=True):
                b.text, b.touched = t, touched
            for k, p in enumerate(self.pairs):
                got.pairs[k].new, got.pairs[k].inverted = p.new, p.inverted
            got.text.append(cand)
            best = got
        if best is None:
            assert failure is not None
            raise failure
        return best

    def _peels(self) -> list[tuple[_TextAmendment, tuple[int, Scope], dict[int, str]]]:
        """Repeated changes the edit could make last (best first): each with
        where it is made (the index of its provision in `root.walk()`, and the scope) and the
        text each changed block has before it (by index in `pairs`). One qualifies when undoing
        it in the edited text (everywhere, or only where the diff does not leave its new words
        as they were), then making it again, gives the edited text back, and leaves two or more
        fewer changes to word or four or more fewer changed words."""
        groups, changed = self._groups()
        index = {id(n): k for k, n in enumerate(self.root.walk())}
        paired = {id(p.block): k for k, p in enumerate(self.pairs)}
        found: list[tuple[int, int, _TextAmendment, tuple[int, Scope], dict[int, str]]] = []
        for (mode, o, n), places in groups.items():
            if len(places) < 2 or not o or not n or o == n:
                continue
            forms = {"replace": [n], "after": [f"{o} {n}", f"{o}{n}"]}.get(
                mode, [f"{n} {o}", f"{n}{o}"]
            )
            for made, only_changed in itertools.product(forms, (False, True)):
                holders = [p for p in changed if find_all(p.new, made)]
                if not holders:
                    continue
                if len({id(p.block) for p in holders}) == 1:
                    node, scope = self._address(holders[0].node, holders[0].scope)
                else:
                    node, scope = self._lca([p.node for p in holders]), Scope.TEXT
                target = _target(node)
                cand: _TextAmendment = (
                    StrikeInsert(target, o, n, each=True, scope=scope)
                    if mode == "replace"
                    else Insert(target, n, after=o, each=True, scope=scope)
                    if mode == "after"
                    else Insert(target, n, before=o, each=True, scope=scope)
                )
                blocks = _scope_blocks(node, scope)
                goals: dict[int, str] = {}
                trial: list[_Block] = []
                wants: list[str] = []
                saved = words = 0
                for b in blocks:
                    k = paired.get(id(b))
                    want = self.pairs[k].new if k is not None else b.text
                    # -- every place it has the new words, or (when another change put the
                    #    same words in) only where the diff does not leave them as they were --
                    kept = _kept(b.text, want) if only_changed else []
                    before = _unmade(want, made, o, kept)
                    if before != want:
                        if k is None:
                            break  # a block the edit leaves alone
                        goals[k] = before
                        saved += len(_hunks(b.text, want, merge=False)) - len(
                            _hunks(b.text, before, merge=False)
                        )
                        words += _words_changed(b.text, want) - _words_changed(b.text, before)
                    trial.append(_Block(b.kind, before))
                    wants.append(want)
                else:
                    sim = _simulate(cand, trial) if saved >= 2 or words >= 4 else None
                    if (
                        sim is not None
                        and all(
                            display(t) == display(w) for (t, _), w in zip(sim, wants, strict=True)
                        )
                        and not any(cand == f[2] and goals == f[4] for f in found)
                    ):
                        found.append((saved, words, cand, (index[id(node)], scope), goals))
        # -- one that quotes words it leaves alone around a change that qualifies too (“the
        #    Agricultural” → “, such Agricultural” beside “the” → “, such”) is left to that one --
        plain = {
            (f[2].strike, f[2].insert, f[2].target, f[2].scope)
            for f in found
            if isinstance(f[2], StrikeInsert)
        }
        found = [
            f
            for f in found
            if not isinstance(f[2], StrikeInsert)
            or (*_core(f[2]), f[2].target, f[2].scope) not in plain
            or _core(f[2]) == (f[2].strike, f[2].insert)
        ]
        # -- those that leave the fewest changes to word take turns with those that account for
        #    the most changed words (the diff can pair new words with old ones they hold) --
        by_saved = sorted(found, key=lambda f: -f[0])
        by_words = sorted(found, key=lambda f: f[1], reverse=True)
        turns = [f for pair in zip(by_saved, by_words, strict=True) for f in pair]
        return [f[2:] for k, f in enumerate(turns) if not any(f is x for x in turns[:k])]

    def _pilot(self) -> _Deriver:
        """The shortest derivation the look-ahead finds from this state."""
        budget = _BUDGET
        state: _Deriver = self
        best: _Deriver | None = None
        failure: EditDerivationError | None = None
        while True:
            options = state._each_options()
            if not options:
                state._finish()
                return state if best is None or len(state.text) <= len(best.text) else best
            step: tuple[int, _Deriver | None] | None = None  # (outcome length, state after)
            # -- the first few, and the largest repeated change with others in its way (ready
            #    ones, which come first, can crowd it out) --
            fixes = [o for o in options[_BRANCHES:] if o[0] == "fix"][:1]
            for option in [*options[:_BRANCHES], *fixes, None]:  # None: no more each-place ones
                if budget <= 0 and step is not None:
                    break
                budget -= 1
                other, taken = state._copy(option)
                after: _Deriver | None = None
                try:
                    if taken is not None:
                        if not other._take(taken):
                            continue
                        after = other._copy(None)[0]
                        other._greedy()
                    else:
                        other._finish()
                except EditDerivationError as exc:  # a choice that leaves a change unwordable
                    failure = failure or exc
                    continue
                if step is None or len(other.text) < step[0]:
                    step = (len(other.text), after)
                if best is None or len(other.text) < len(best.text):
                    best = other
            if step is None:
                assert failure is not None
                raise failure
            assert best is not None
            if step[1] is None or budget <= 0:
                return best
            state = step[1]

    def _greedy(self) -> None:
        """Word the rest as the greedy pick would: the best repeated change each time (or, when
        none is ready, the first that is once the changes in its way are worded), then each
        block's changes; then the repeated changes taken last are undone where that ends shorter
        (or where one leaves a change no wording can make: the diff paired the wrong words)."""
        states: list[dict[str, Any]] = []  # each state taken from (a copy was changed, not it)
        while True:
            for option in self._each_options():
                if option[0] == "loose":
                    continue
                other, taken = self._copy(option)
                assert taken is not None
                if other._take(taken):
                    states.append(dict(self.__dict__))
                    self.__dict__.update(other.__dict__)
                    break
            else:
                break
        # -- and the last repeated changes it took are undone where stopping before them ends
        #    shorter (one the diff suggested may leave more to word than it saves) --
        best: _Deriver | None = None
        failure: EditDerivationError | None = None
        for snap in [dict(self.__dict__), *reversed(states)]:
            trial = object.__new__(_Deriver)
            trial.__dict__.update(snap)
            trial = trial._copy(None)[0]
            try:
                trial._finish()
            except EditDerivationError as exc:
                failure = failure or exc
                continue
            if best is None or len(trial.text) < len(best.text):
                best = trial
        if best is None:
            assert failure is not None
            raise failure
        self.__dict__.update(best.__dict__)

    def _copy(self, option: _Option | None) -> tuple[_Deriver, _Option | None]:
        """A copy of the working state (and of `option`, which points into it); the edited
        model and the amendments, which the derivation never changes, are shared."""
        memo: dict[int, Any] = {}
        if self.edited is not None:
            for n in self.edited.walk():
                memo[id(n)] = n
                for i in [n.heading, *n.items]:
                    if i is not None:
                        memo[id(i)] = i
        for a in [*self.text, *self.structural]:
            memo[id(a)] = a

        # -- the working tree, copied by hand (deepcopy's generic way is most of the cost); the
        #    rest of the state finds these copies in `memo` --
        def clone(n: _Node) -> _Node:
            heading = block(n.heading) if n.heading is not None else None
            new = memo[id(n)] = _Node(n.level, n.designation, heading, [], n.cite)
            new.items = [clone(i) if isinstance(i, _Node) else block(i) for i in n.items]
            return new

        def block(b: _Block) -> _Block:
            new = memo[id(b)] = _Block(b.kind, b.text, list(b.touched))
            return new

        clone(self.root)
        copied: tuple[_Deriver, _Option | None] = copy.deepcopy((self, option), memo)
        return copied

    def _finish(self) -> None:
        """Word each block's remaining changes; a leaf needing three or more reads better amended
        to read as follows."""
        by_node: dict[int, tuple[_Pair, list[Amendment]]] = {}
        for pair in self.pairs:
            before = len(self.text)
            self._block(pair)
            made = self.text[before:]
            by_node.setdefault(id(pair.node), (pair, []))[1].extend(made)
        for pair, made in by_node.values():
            if (
                len(made) >= 3
                and not pair.node.children
                and pair.node is not self.root
                and not any(p.inverted for p in self.pairs if p.node is pair.node)
            ):
                at = self.text.index(made[0])
                self.text = [a for a in self.text if not any(a is m for m in made)]
                new = _new_provision(pair.edited, pair.node.designation)
                self.text.insert(at, AmendToRead(_target(pair.node), new))

    def _groups(
        self,
    ) -> tuple[dict[tuple[str, str, str], dict[tuple[int, int], tuple[_Pair, _Hunk]]], list[_Pair]]:
        """The changes the diff (at every grain) and the probes find, keyed by what they do
        (mode, old words, new words), with the places each is made; and the changed blocks."""
        texts = [p for p in self.pairs if p.scope is not Scope.HEADING]
        groups: dict[tuple[str, str, str], dict[tuple[int, int], tuple[_Pair, _Hunk]]] = {}
        for pair in texts:
            text = pair.block.text
            merged = _hunks(text, pair.new)
            pieces = _hunks(text, pair.new, merge=False)
            finest = _hunks(text, pair.new, merge=False, semantic=False)
            grains = [
                *merged,
                *pieces,
                *finest,
                *_joined(text, finest),
                *_joined(text, pieces),
                *_runs(text, finest),
                *_stretches(text, finest),
            ]
            for h in [*grains, *_trimmed(text, grains)]:
                o, n = text[h.start : h.end].strip(), h.insert.strip()
                keys = [("replace", o, n)] if o and o != n else []
                if not o and n:
                    left = [w for w in _word_spans(text) if w[1] <= h.start]
                    right = [w for w in _word_spans(text) if w[0] >= h.end]
                    if left:
                        keys.append(("after", text[left[-1][0] : left[-1][1]], n))
                    if right:
                        keys.append(("before", text[right[0][0] : right[0][1]], n))
                for key in keys:
                    groups.setdefault(key, {}).setdefault((id(pair.block), h.start), (pair, h))
        changed = [p for p in texts if display(p.block.text) != display(p.new)]
        # -- and, for the words changed most often, what the edit has in their place once they
        #    are struck everywhere (the diff can line new words up with old ones that match) --
        needles: Counter[str] = Counter()
        for mode, o, _ in groups:
            if mode == "replace" and len(o.split()) <= _PROBE_WORDS and o not in needles:
                needles[o] = sum(len(find_all(p.block.text, o)) for p in changed)
        for o, count in needles.most_common(_PROBES):
            if count < 2:
                break
            for key, members in _probe(o, changed).items():
                for pair, h in members:
                    groups.setdefault(key, {}).setdefault((id(pair.block), h.start), (pair, h))
        # -- and, for the new words put in most often, what the current law has in their place
        #    (words replaced by new words that hold them, or several words by the same ones) --
        for n in _put_in_most(changed, _PROBES):
            for key, members in _reverse_probe(n, changed).items():
                for pair, h in members:
                    groups.setdefault(key, {}).setdefault((id(pair.block), h.start), (pair, h))
        return groups, changed

    def _each_options(self) -> list[_Option]:
        """The changes made the same way at several places that could be worded once, each place
        it appears: those that leave fewer changes to word as they stand (best first), then
        those that would once the changes in their way are worded (largest first)."""
        groups, changed = self._groups()
        ready: list[_Each] = []
        partial: list[_Each] = []  # made at only some of the places found (see `_try_each`)
        for (mode, o, n), found in groups.items():
            holders = [p for p in changed if find_all(p.block.text, o)]
            if len(found) < 2 and sum(len(find_all(p.block.text, o)) for p in holders) < 2:
                continue  # (the diff can run a place into a change beside it)
            got = self._try_each(mode, o, n, list(found.values()), [p.node for p in holders])
            if got is not None:
                (ready if got[0][3] else partial).append(got)
        # -- one that only makes, at fewer places, what another makes (“to indicate to” →
        #    “X indicate X” where “to” → “X” is ready) is that one's shadow: left out --
        ready = [got for got in ready if not any(_implied(got[1], x[1]) for x in ready)]

        def size(got: _Each) -> int:
            cand, blocks = got[1], got[2]
            words = _changed(_needle(cand).split(), getattr(cand, "insert", "").split())
            return words * sum(len(find_all(b.text, _needle(cand))) for b in blocks)

        # -- best first; of those that save as many changes, those that change more words --
        ready.sort(key=lambda got: (got[0][:2], size(got), got[0][2:]), reverse=True)
        # -- the look-ahead tries the first few: let them take turns with those that account
        #    for the most changed words (a phrase replaced whole, which the diff cuts into
        #    pieces that each seem to save as much), and be different words to change before
        #    several ways to change the same words (the diff can pair those words with any of
        #    the new ones near them) --
        by_size = sorted(ready, key=size, reverse=True)
        turns = [got for pair in zip(ready, by_size, strict=True) for got in pair]
        ready = [got for k, got in enumerate(turns) if not any(got is x for x in turns[:k])]
        rank: Counter[str] = Counter()
        order = []
        for k, got in enumerate(ready):
            needle = _needle(got[1])
            order.append((rank[needle], k))
            rank[needle] += 1
        ready = [ready[k] for _, k in sorted(order)]
        # -- a change that meets one of the repeated ones (a strike next to it) may have to be
        #    worded first: word those, then the repeated one --
        blocked: list[_Option] = []
        for (mode, o, n), found in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            if len(found) >= 2:
                holders = [p for p in changed if find_all(p.block.text, o)]
                blocked.append(("fix", (mode, o, n, list(found.values()), holders)))
        # -- and, last, as they stand even so: how the diff lines up the text left to change
        #    can hide that it is still reachable (the same new words put in at two kinds of
        #    place); the search keeps such a choice only when it ends shorter --
        later = [o for _, payload in blocked for o in (("fix", payload), ("loose", payload))]
        # -- a change made at only some of the places found comes after the changes in the
        #    way of the others are worded (“in the enforcement” worded first, then “in” each
        #    place, before “in a” each place) --
        return [*(("each", got) for got in ready), *later, *(("each", got) for got in partial)]

    def _word(self, got: _Each) -> None:
        """Word a repeated change each place it appears: its blocks take the simulated text."""
        _, cand, blocks, sim = got
        for b, (t, touched) in zip(blocks, sim, strict=True):
            b.text, b.touched = t, touched
        self.text.append(cand)

    def _take(self, option: _Option) -> bool:
        """Word `option` (False when it cannot be worded after all)."""
        kind, payload = option
        if kind in ("fix", "loose"):
            mode, o, n, members, holders = payload
            got = self._try_each(
                mode,
                o,
                n,
                members,
                [p.node for p in holders],
                fix=kind == "fix",
                loose=kind == "loose",
            )
            if got is None:
                return False
        else:
            got = payload
        self._word(got)
        return True

    def _address(self, node: _Node, scope: Scope) -> tuple[_Node, Scope]:
        """The provision (and scope) an amendment of `node`'s text names: `node` itself, or,
        when its citation also answers to another provision (the Code repeats a few
        identifiers, as 19 U.S.C. 1305 does), the nearest one above it that only it answers to."""
        if _target(node) not in self.duplicates or scope is Scope.HEADING:
            return node, scope
        parent: dict[int, _Node] = {}
        for n in self.root.walk():
            for c in n.children:
                parent[id(c)] = n
        while _target(node) in self.duplicates and id(node) in parent:
            node, scope = parent[id(node)], Scope.TEXT
        return node, scope

    def _lca(self, nodes: list[_Node]) -> _Node:
        """The lowest provision holding all of `nodes` that a citation names alone (the Code
        repeats a few designations, such as two subsections (b), which a citation cannot tell
        apart: the amendment then goes to the provision above them)."""
        parent: dict[int, _Node] = {}
        cites: dict[Cite, int] = {}
        for n in self.root.walk():
            cites[_target(n)] = cites.get(_target(n), 0) + 1
            for c in n.children:
                parent[id(c)] = n

        def chain(n: _Node) -> list[_Node]:
            out = [n]
            while id(out[-1]) in parent:
                out.append(parent[id(out[-1])])
            return out[::-1]

        common = self.root
        for level in zip(*(chain(n) for n in nodes), strict=False):
            if any(x is not level[0] for x in level):
                break
            common = level[0]
        while cites[_target(common)] > 1 and id(common) in parent:
            common = parent[id(common)]
        return common

    def _try_each(
        self,
        mode: str,
        o: str,
        n: str,
        members: list[tuple[_Pair, _Hunk]],
        holders: list[_Node],
        *,
        fix: bool = False,
        loose: bool = False,
        depth: int = 0,
    ) -> _Each | None:
        """Word a change made at every occurrence once, `each place it appears`, when that
        leaves fewer changes to word than it takes (two or more); with `fix`, word first the
        changes in its way; with `loose`, whatever it leaves (two or more places)."""
        nodes = [p.node for p, _ in members] + holders
        if len({id(p.block) for p, _ in members}) == 1 and all(
            h is members[0][0].node for h in holders
        ):
            pair = members[0][0]
            target, scope = self._address(pair.node, pair.scope)
        else:
            target, scope = self._lca(nodes), Scope.TEXT
        blocks = _scope_blocks(target, scope)
        if not all(any(b is p.block for b in blocks) for p, _ in members):
            return None
        goal = {id(p.block): p.new for p in self.pairs}
        texts = [b.text for b in blocks]
        first_pair, first = members[0]
        cands: list[_TextAmendment] = []
        if mode == "after":
            cands.append(Insert(_target(target), n, after=o, each=True, scope=scope))
        elif mode == "before":
            cands.append(Insert(_target(target), n, before=o, each=True, scope=scope))
        else:
            cands.append(
                StrikeInsert(_target(target), o, n, each=True, scope=scope)
                if n
                else Strike(_target(target), o, each=True, scope=scope)
            )
        for i, j in _extensions(first_pair.block.text, first, limit=4 if mode == "replace" else 0):
            if (i, j) == (0, 0):
                continue
            # -- the same context at every place (stopping at the first that differs) --
            ext = _extended(first_pair.block.text, first, i, j)
            if ext is None or not all(_extended(p.block.text, h, i, j) == ext for p, h in members):
                continue
            if ext[1]:
                cands.append(StrikeInsert(_target(target), ext[0], ext[1], each=True, scope=scope))
        if o.isdigit() and len(cands) > 1:
            # -- a bare number reads better with its context quoted (“January 3, 1975”), where
            #    that quotes every place the number is changed --
            every = sum(len(find_all(t, _needle(cands[0]))) for t in texts)
            cands = [
                *(
                    x
                    for x in reversed(cands[1:])
                    if sum(len(find_all(t, _needle(x))) for t in texts) >= every
                ),
                cands[0],
            ]
        partial: list[_TextAmendment] = []

        def some_places() -> Iterator[_TextAmendment]:
            """Failing those: made only where the same words stand beside it (“the agreement”
            → “the” each place, when “agreement” is struck at one other place as well)."""
            if mode != "replace" or len(members) > _SUBSET_MEMBERS:
                return
            subsets: Counter[tuple[str, str]] = Counter()
            for i, j in _extensions(first_pair.block.text, first, limit=2):
                if (i, j) != (0, 0):
                    for p, h in members:
                        ext = _extended(p.block.text, h, i, j)
                        if ext is not None and ext[1]:
                            subsets[ext] += 1
            for (strike, insert), k in subsets.most_common():
                if 2 <= k < len(members) and len(partial) < _SUBSETS:
                    partial.append(
                        StrikeInsert(_target(target), strike, insert, each=True, scope=scope)
                    )
                    yield partial[-1]

        for cand in itertools.chain(cands, some_places()):
            if isinstance(cand, StrikeInsert) and cand.strike == cand.insert:
                continue  # changes nothing
            sim = _simulate(cand, blocks)
            if sim is None:
                continue
            out = [t for t, _ in sim]
            saved = [0, 0]  # changes left to word: merged as worded, and the diff's pieces
            finer = 0  # and the diff's pieces before clean-up
            atomic = 0  # blocks read word by word
            blocked: list[_Block] = []
            for b, before, after, (_, touched) in zip(blocks, texts, out, sim, strict=True):
                if display(before) == display(after):
                    continue
                if id(b) not in goal:  # a block the edit leaves alone: nothing would undo this
                    saved = [-999, -999]
                    break
                want = goal[id(b)]
                # -- what this amendment changed must be final: no later one may touch it --
                mine = touched[len(b.touched) :]
                # -- and a change left right where it changed the text means it did not make
                #    that place final (striking a word that is replaced, not struck) --
                fresh = _hunks(after, want, merge=False)
                in_place = any(
                    _overlaps(mine, h.start, h.end)
                    or any(ts <= h.start <= te and h.start == h.end for ts, te in mine)
                    for h in fresh
                )
                # -- or the struck words put back beside where they were struck --
                put_back = (
                    mode == "replace"
                    and not n
                    and any(
                        h.start == h.end
                        and f" {o} " in f" {' '.join(h.insert.split())} "
                        and any(ts - 1 <= h.start <= te + 1 for ts, te in mine)
                        for h in fresh
                    )
                )
                counts = [
                    (
                        len(_hunks(before, want, merge=merge)),
                        len(_hunks(display(after), want, merge=merge)),
                    )
                    for merge in (True, False)
                ]
                # -- changes so dense that the diff runs them together are read word by word,
                #    the new words as one (see `_atomic_gain`): each such block a change saved --
                gain = (
                    _atomic_gain(before, after, mine, want, cand.insert)
                    if (in_place or any(now > was for was, now in counts))
                    and not put_back
                    and isinstance(cand, StrikeInsert)
                    and cand.insert
                    else None
                )
                if gain is not None and gain >= 0:
                    atomic += gain > 0
                    continue
                if in_place or put_back:
                    saved = [-99, -99]
                    blocked.append(b)
                    continue
                finer += len(_hunks(before, want, merge=False, semantic=False)) - len(
                    _hunks(display(after), want, merge=False, semantic=False)
                )
                for k, (was, now) in enumerate(counts):
                    if now > was:
                        blocked.append(b)
                    saved[k] = -99 if now > was else saved[k] + was - now
            if atomic and min(saved) > -99:
                saved = [k + atomic for k in saved]
            if fix and min(saved) > -999:
                # -- word first what is in the way: in the blocks that block it, or else where
                #    a place it would make still has another change to take (an each-place
                #    amendment that fits there too would leave two changes where one does) --
                others = [
                    b
                    for b, before, after in zip(blocks, texts, out, strict=True)
                    if display(before) != display(after) and not any(b is x for x in blocked)
                ]
                if len(blocked) <= _BLOCKED:
                    done = bool(blocked) and self._prefix(blocked, cand, mode, o, n, depth=depth)
                    done = (
                        self._prefix(others, cand, mode, o, n, only_misplaced=True, depth=depth)
                        or done
                    )
                    if done:
                        return self._try_each(mode, o, n, members, holders)
            needle = _needle(cand)
            places = sum(len(find_all(t, needle)) for t in texts)
            # -- an each amendment that saves one change only breaks even, but it can open the
            #    way for another (two replacements that meet in one place) --
            if (
                places >= 2
                and min(saved) > -999
                and (
                    loose
                    or (max(saved) >= 1 and min(saved) >= 0)
                    or (saved == [0, 0] and finer >= 2)  # places whose changes run into others
                )
            ):
                whole = int(not any(cand is x for x in partial))
                return (saved[0], saved[1], -len(needle), whole), cand, blocks, sim
        return None

    def _each_first(self, h: _Hunk, text: str, depth: int) -> bool:
        """Word the change `h` in the way of a repeated change, when it is itself made the same
        way at several places, once, each place it appears (repeated changes nest: “under
        paragraph (1” → “semiannual or of” each place, then “paragraph” → “the Kazakhstan”)."""
        h = _tightened(text, h)
        old, new = text[h.start : h.end].strip(), h.insert.strip()
        if depth >= _NESTING or not old:
            return False
        changed = [
            p
            for p in self.pairs
            if p.scope is not Scope.HEADING and display(p.block.text) != display(p.new)
        ]
        members = _probe(old, changed).get(("replace", old, new))
        if not members:
            return False
        holders = [p.node for p in changed if find_all(p.block.text, old)]
        got = self._try_each("replace", old, new, members, holders, fix=True, depth=depth + 1)
        if got is None:
            return False
        self._word(got)
        return True

    def _prefix(
        self,
        blocked: list[_Block],
        cand: _TextAmendment,
        mode: str,
        o: str,
        n: str,
        *,
        only_misplaced: bool = False,
        depth: int = 0,
    ) -> bool:
        """Word first the changes of `blocked` blocks made at a place `cand` quotes in some other
        way than `cand` makes (those left in the way of an each-place-it-appears amendment)."""
        needle = _needle(cand)
        done = False
        for b in blocked:
            pair = next((p for p in self.pairs if p.block is b), None)
            if pair is None:
                return False
            for _ in range(_PREFIX_STEPS):
                text = b.text
                merged = _hunks(text, pair.new)
                # -- a place is made alike when the diff shows so at any grain: with its pieces
                #    joined, apart, or before clean-up (repeated words can sway one grain) --
                finest = _hunks(text, pair.new, merge=False, semantic=False)
                grains = (merged, _hunks(text, pair.new, merge=False), finest, _runs(text, finest))
                places = [
                    (s, e)
                    for s, e in find_all(text, needle)
                    if any(h.start <= e and s <= h.end for h in merged)
                ]
                misplaced = [
                    (s, e)
                    for s, e in places
                    if not any(
                        h.start <= e + 1 and s - 1 <= h.end and _fits(text, h, mode, o, n)
                        for grain in grains
                        for h in grain
                    )
                    and not _made_alike(text, s, e, mode, n, pair.new)
                ]
                if not misplaced and (done or not places or only_misplaced):
                    break
                if misplaced:
                    s0, e0 = misplaced[0]
                    # -- the largest change holding the place that holds no place made alike
                    #    (those the repeated change itself will make) --
                    alike = [p for p in places if p not in misplaced]
                    holding = [
                        h
                        for grain in grains
                        for h in grain
                        if h.start <= e0
                        and s0 <= h.end
                        and not any(h.start <= s and e <= h.end for s, e in alike)
                    ]
                    holding.sort(key=lambda h: h.start - h.end)  # the largest first
                    holding = holding or [h for h in merged if h.start <= e0 and s0 <= h.end]
                    left = _left_over(text, alike, (s0, e0), mode, n, pair.new)
                    chosen = left or _in_the_way(text, holding, mode, o, n)
                    if self._each_first(chosen, text, depth):
                        done = True
                        continue
                else:
                    chosen = next(
                        h for h in merged if any(h.start <= e and s <= h.end for s, e in places)
                    )
                before = len(self.text)
                self._step(pair, chosen)
                if len(self.text) == before:
                    break
                done = True
        return done

    def _block(self, pair: _Pair) -> None:
        target = _target(pair.node)
        twins = (
            [n for n in self.root.walk() if n.cite == target]
            if pair.scope is Scope.HEADING and target in self.duplicates
            else [pair.node]
        )
        if twins.index(pair.node) > 0:
            # -- (the first answers to the citation, as `apply` reads it; a later one cannot) --
            nth = ("first", "second", "third", "fourth")[min(twins.index(pair.node), 3)]
            raise EditDerivationError(
                f"expected a heading billdraft can amend, found the heading of {target} changed "
                f"(“{pair.block.text}” → “{pair.new}”) where {len(twins)} provisions of the "
                "Code answer to that citation: no amendment can name one of them alone; word "
                f"this change by hand (“in the {nth} {pair.node.level} "
                f"({pair.node.designation}) …”)"
            )
        if pair.scope is Scope.HEADING:
            old = pair.block.text
            hs = _hunks(old, pair.new) if old and pair.new else []
            struck = sum(len(_WORD.findall(old[h.start : h.end])) for h in hs)
            if not old or len(hs) > 1 or (pair.new and 2 * struck >= len(_WORD.findall(old))):
                self.text.append(AmendHeading(target, pair.new))
                pair.block.text = pair.new
                return
        for _ in range(500):
            if display(pair.block.text) == display(pair.new):
                return
            if not self._step(pair, None):
                return
        raise EditDerivationError(  # pragma: no cover - each step fixes one hunk
            f"expected the edit of {target} to converge, found it did not"
        )

    def _step(self, pair: _Pair, chosen: _Hunk | None) -> bool:
        """Word one change of a block (the first, or `chosen`); False when none is left."""
        node, scope = self._address(pair.node, pair.scope)
        target = _target(node)
        text = pair.block.text
        hunks = _hunks(text, pair.new)
        if not hunks:
            return False
        blocks = _scope_blocks(node, scope)
        idx = next(k for k, b in enumerate(blocks) if b is pair.block)
        texts = [b.text for b in blocks]
        last = idx == len(blocks) - 1
        h = chosen if chosen is not None else hunks[0]
        pieces = [
            x for x in _hunks(text, pair.new, merge=False) if x.start <= h.end and x.end >= h.start
        ]

        # -- the change, or else a piece of it the diff joined up (with text it cannot change
        #    between them: words an each-place amendment put in) --
        def options() -> Iterator[tuple[_Hunk, _TextAmendment]]:
            finest = _hunks(text, pair.new, merge=False, semantic=False)
            inside = [x for x in finest if x.start <= h.end and x.end >= h.start]
            tried: list[_Hunk] = []
            # -- two pieces a word or two apart, as one, brackets left as they are, before
            #    each piece alone (a merge that closes a bracket can reach text an earlier
            #    amendment changed: “subparagraph (A) or (B” → “semiannual and or such”) --
            for hh in [h, *_joined(text, pieces), *pieces, *_runs(text, inside), *inside]:
                if hh in tried:
                    continue
                tried.append(hh)
                for cand in _candidates(text, hh, target, scope, last):
                    yield hh, cand

        for hh, cand in options():
            want = display(_splice(text, [hh]))
            sim = _simulate(cand, blocks)
            if sim is None:
                continue
            out = [t for t, _ in sim]
            if display(out[idx]) != want or any(
                display(out[k]) != display(texts[k]) for k in range(len(out)) if k != idx
            ):
                continue
            self.text.append(cand)
            pair.block.text, pair.block.touched = sim[idx]
            return True
        if pair.scope is Scope.HEADING:
            self.text.append(AmendHeading(target, pair.new))
            pair.block.text = pair.new
            return False
        raise EditDerivationError(
            f"expected to word the change of “{text[h.start : h.end]}” to “{h.insert}” in "
            f"the {pair.scope.value} of {target}, found no unambiguous wording"
        )


def _in_the_way(text: str, misfits: list[_Hunk], mode: str, o: str, n: str) -> _Hunk:
    """The change to word first, out of the way of the repeated change (`mode`, `o`, `n`):
    the first change at a place not made alike (one wording for “the decision of” →
    “determination Secretary”), or, where the repeated change was made there with words put in
    beside it (“of” → “or the any”), just those words."""
    h = misfits[0]
    if mode == "replace" and n and text[h.start : h.end].strip() == o:
        new = h.insert
        core = new.strip()
        if core.endswith(n) and core != n:
            lead = new[: new.rindex(n)]
            if lead.strip() and (lead.endswith(" ") or not lead[-1].isalnum()):
                return _Hunk(h.start, h.start, lead)
        if core.startswith(n) and core != n:
            cut = new.index(n) + len(n)
            tail = new[cut:]
            if tail.strip() and (tail.startswith(" ") or not tail[0].isalnum()):
                return _Hunk(h.end, h.end, tail)
    return h


def _trimmed(text: str, hunks: Sequence[_Hunk]) -> list[_Hunk]:
    """Changes that end (or begin) with a word they leave as it was, without it: the diff may
    take the last word of new words for the old one after them (“merchandise or” → “report or
    semiannual or or” is “merchandise” → “report or semiannual or”)."""
    out: list[_Hunk] = []
    for h in hunks:
        old, new = text[h.start : h.end], h.insert
        m_old, m_new = re.search(r"(\s+)(\S+)\s*$", old), re.search(r"(\s+)(\S+)\s*$", new)
        if m_old and m_new and m_old.group(2) == m_new.group(2):
            out.append(_Hunk(h.start, h.start + m_old.start(), new[: m_new.start()]))
        m_old, m_new = re.match(r"^\s*(\S+)(\s+)", old), re.match(r"^\s*(\S+)(\s+)", new)
        if m_old and m_new and m_old.group(1) == m_new.group(1):
            out.append(_Hunk(h.start + m_old.end(), h.end, new[m_new.end() :]))
    return out


def _runs(text: str, hunks: Sequence[_Hunk]) -> list[_Hunk]:
    """Changes with only white space between them, each run as one change (“the Treasury may
    prescribe” → “such or determination ,”, which the diff makes word by word)."""
    out: list[_Hunk] = []
    run: _Hunk | None = None
    for h in hunks:
        if run is not None and not text[run.end : h.start].strip():
            run = _Hunk(run.start, h.end, run.insert + text[run.end : h.start] + h.insert)
            continue
        if run is not None:
            out.append(run)
        run = h
    if run is not None:
        out.append(run)
    return out


def _implied(a: _TextAmendment, b: _TextAmendment) -> bool:
    """True when each-place amendment `a` replaces words that `b` replaces everywhere, with
    what `b` puts in their place (the same change, quoted with words around it)."""
    if not (isinstance(a, StrikeInsert) and isinstance(b, StrikeInsert)) or a == b:
        return False
    spans = find_all(a.strike, b.strike)
    if not spans or a.strike == b.strike:
        return False
    out, pos = [], 0
    for s, e in spans:
        if s < pos:
            return False
        out += [a.strike[pos:s], b.insert]
        pos = e
    return "".join([*out, a.strike[pos:]]) == a.insert


def _stretches(text: str, hunks: Sequence[_Hunk], most: int = 4) -> list[_Hunk]:
    """Each two to `most` neighbouring changes with only white space between them, as one:
    the parts of a run the diff makes word by word (“of this title” → “Secretary any
    determination or” holds “this title” → “determination or”)."""
    out: list[_Hunk] = []
    for i in range(len(hunks)):
        run = hunks[i]
        for h in hunks[i + 1 : i + most]:
            if text[run.end : h.start].strip():
                break
            run = _Hunk(run.start, h.end, run.insert + text[run.end : h.start] + h.insert)
            out.append(run)
    return out


def _joined(text: str, hunks: Sequence[_Hunk]) -> list[_Hunk]:
    """Neighbouring changes as one: words put in on both sides of one word, as that word struck
    and the whole put in (how the diff sees a word replaced by words that hold it: “the” → “and
    Kazakhstan the or”), and two changes a word or two apart, with the words between."""
    out: list[_Hunk] = []
    for a, b in itertools.pairwise(hunks):
        middle = text[a.end : b.start]
        if a.start == a.end and b.start == b.end and len(_WORD.findall(middle)) == 1:
            out.append(_Hunk(a.start, b.end, a.insert + middle + b.insert))
        elif len(_WORD.findall(middle)) <= 2 and len(middle) <= 24 and middle.strip():
            # -- two changes a word or two apart, as one, brackets left as they are: a phrase
            #    replaced that opens or closes a bracket (“3)(A) of this” → “Secretary and of
            #    semiannual”), which the merged diff widens to the bracket's pair --
            out.append(_Hunk(a.start, b.end, a.insert + middle + b.insert))
    return out


_PROBES = 6
"""Words changed at several places whose replacement is sought by striking them everywhere."""
_NESTING = 2
"""How deep repeated changes in the way of repeated changes are worded each place first."""
_PROBE_WORDS = 4
"""The longest such phrase, in words."""


def _probe(o: str, pairs: Sequence[_Pair]) -> dict[tuple[str, str, str], list[tuple[_Pair, _Hunk]]]:
    """Strike `o` everywhere in each block and see what the edit has at each place it was
    struck: the places grouped by those words, as repeated changes (`o` → them)."""
    out: dict[tuple[str, str, str], list[tuple[_Pair, _Hunk]]] = {}
    for pair in pairs:
        text = pair.block.text
        spans = find_all(text, o)
        if not spans:
            continue
        struck, points = text, []
        for s, e in reversed(spans):
            struck = struck[:s] + struck[e:]
        shift = 0
        for s, e in spans:
            points.append(s - shift)
            shift += e - s
        hunks = _hunks(struck, pair.new, merge=False, semantic=False)  # no clean-up: it joins
        for (s, e), q in zip(spans, points, strict=True):
            at = [h for h in hunks if h.start - 1 <= q <= h.end + 1]
            if any(h.start != h.end for h in at):
                continue  # more than words put in changed there
            n = " ".join(h.insert.strip() for h in at if h.insert.strip())
            if n != o:  # (the place left as it was)
                out.setdefault(("replace", o, n), []).append((pair, _Hunk(s, e, n)))
    return {k: v for k, v in out.items() if len(v) >= 2}


_PHRASE_WORDS = 8
"""The longest run of new words sought as put in at several places."""


def _put_in_most(pairs: Sequence[_Pair], most: int) -> list[str]:
    """The `most` phrases the edit puts in at several places that account for the most new
    words (the longest of those put in equally often)."""
    grams: Counter[str] = Counter()
    beside: Counter[str] = Counter()  # new words with a word they stand beside
    for pair in pairs:
        text = pair.block.text
        for h in _hunks(text, pair.new, merge=False, semantic=False):
            words = h.insert.split()
            for i in range(len(words)):
                for j in range(i + 1, min(i + _PHRASE_WORDS, len(words)) + 1):
                    grams[" ".join(words[i:j])] += 1
            if words and h.start == h.end:
                # -- words put in before (or after) a word: that word replaced by them and it
                #    (“the” → “such and Kazakhstan the”) --
                starts, ends = _word_edges(text)
                k = bisect.bisect_left(starts, h.end)
                if k < len(starts):
                    beside[" ".join([*words, text[starts[k] : ends[k]]])] += 1
                k = bisect.bisect_right(ends, h.start) - 1
                if k >= 0:
                    beside[" ".join([text[starts[k] : ends[k]], *words])] += 1
    grams.update(beside)
    excess: dict[str, int] = {}
    for gram, seen in grams.items():
        if seen < 2 or not re.search(r"\w", gram):
            continue
        more = sum(len(find_all(p.new, gram)) - len(find_all(p.block.text, gram)) for p in pairs)
        if more >= 2:
            excess[gram] = more
    ranked = sorted(excess, key=lambda g: (-excess[g] * len(g.split()), -len(g)))
    # -- a phrase inside a longer one put in as often is that one's part, not a change (but
    #    not inside one that only reaches out to a word it was put in beside) --
    out: list[str] = []
    for g in ranked:
        if not any(
            len(x) > len(g) and excess[x] >= excess[g] and g in x and x not in beside
            for x in excess
        ):
            out.append(g)
            if len(out) == most:
                break
    return out


def _reverse_probe(
    n: str, pairs: Sequence[_Pair]
) -> dict[tuple[str, str, str], list[tuple[_Pair, _Hunk]]]:
    """Strike the new words `n` everywhere in each block's edited text and see what the current
    text has at each place they were: the places grouped by those words, as repeated changes
    (them → `n`)."""
    out: dict[tuple[str, str, str], list[tuple[_Pair, _Hunk]]] = {}
    for pair in pairs:
        text, spans = pair.block.text, find_all(pair.new, n)
        if not spans:
            continue
        struck, points, shift = pair.new, [], 0
        for s, e in reversed(spans):
            struck = struck[:s] + struck[e:]
        for s, e in spans:
            points.append(s - shift)
            shift += e - s
        back = _hunks(struck, text, merge=False, semantic=False)  # edited, struck → current
        for q in points:
            at = [h for h in back if h.start - 1 <= q <= h.end + 1]
            if not at or any(h.start != h.end for h in at):
                continue  # nothing was there, or more than that place changed
            first = at[0]
            moved = sum(
                len(h.insert) - (h.end - h.start)
                for h in back
                if h.end <= first.start and h.start < first.start
            )
            cs = first.start + moved
            ce = cs + sum(len(h.insert) for h in at) + (at[-1].start - first.start)
            o = text[cs:ce].strip()
            if not o or o == n:
                continue
            s = cs + text[cs:ce].index(o)
            if (s, s + len(o)) not in find_all(text, o):
                continue
            out.setdefault(("replace", o, n), []).append((pair, _Hunk(s, s + len(o), n)))
    return {k: v for k, v in out.items() if len(v) >= 2}


def _atomic_gain(
    before: str, after: str, mine: list[tuple[int, int]], want: str, n: str
) -> int | None:
    """`_atomic_gain_of`, for the spans an amendment changed."""
    return _atomic_gain_of(before, after, tuple(s for s, e in mine if after[s:e] == n), want, n)


@functools.lru_cache(maxsize=4096)
def _atomic_gain_of(before: str, after: str, put: tuple[int, ...], want: str, n: str) -> int | None:
    """How many more words of `after` than of `before` stand where the edit `want` has them,
    reading each `n` an amendment put in (at `put`) and each `n` of `want` as one word; None when
    one it put in is not where the edit has one (a word-by-word reading for changes so dense
    that the diff runs them together)."""
    if not put:
        return None

    def words(text: str, atoms: tuple[int, ...] | None) -> list[str]:
        spans = find_all(text, n) if atoms is None else [(s, s + len(n)) for s in sorted(atoms)]
        out: list[str] = []
        pos = 0
        for s, e in [*spans, (len(text), len(text))]:
            if s < pos:
                continue
            out += [m.group() for m in _WORD.finditer(text, pos, s)]
            if e > s:
                out.append("\0" + n)
            pos = e
        return out

    goal = words(want, None)
    was = difflib.SequenceMatcher(None, words(before, ()), goal, autojunk=False)
    now_words = words(after, put)
    now = difflib.SequenceMatcher(None, now_words, goal, autojunk=False)
    blocks = now.get_matching_blocks()
    atoms = [i for i, w in enumerate(now_words) if w == "\0" + n]
    # -- each where the edit has it: matched, with a word beside it (not an `n` elsewhere) --
    if not all(
        any(b.a <= i < b.a + b.size and b.size > 1 for b in blocks)
        or (len(now_words) == 1 and blocks[0].size == 1)
        for i in atoms
    ):
        return None
    return sum(b.size for b in blocks) - sum(b.size for b in was.get_matching_blocks())


def _worded_twice(amendments: Sequence[Amendment]) -> bool:
    """True when two single amendments put in the same words, or strike (or replace) the same
    words; or two replacements, each place or not, make the same change with different words
    quoted around it (“of such” → “Secretary such”, “of law” → “Secretary law”); or one each
    place it appears strikes and puts in what another each place it appears does, and more
    (“Secretary of the” → “Kazakhstan such 2027” beside “the” → “2027”: changes made one after
    the other, worded as one)."""
    each = [
        (f" {a.strike} ", f" {a.insert} ")
        for a in amendments
        if isinstance(a, StrikeInsert) and a.each
    ]
    if any(x != y and y[0] in x[0] and y[1] in x[1] for x in each for y in each):
        return True
    seen: Counter[tuple[str, ...]] = Counter()
    for a in amendments:
        if isinstance(a, StrikeInsert):
            seen["core", *_core(a)] += 1
        if isinstance(a, (Strike, StrikeInsert, Insert)) and not a.each:
            if isinstance(a, Strike):
                key = ("strike", display(a.text))
            elif isinstance(a, Insert):
                key = ("put in", display(a.text))
            else:
                seen["strike", display(a.strike)] += 1
                key = ("put in", display(a.insert))
            seen[key] += 1
    return any(k >= 2 for k in seen.values())


def _core(a: StrikeInsert) -> tuple[str, str]:
    """What `a` strikes and puts in, without the words at either end it puts back as they were
    (“of such” → “Secretary such” is “of” → “Secretary”)."""
    old, new = a.strike.split(" "), a.insert.split(" ")
    while len(old) > 1 and len(new) > 1 and old[0] == new[0]:
        old, new = old[1:], new[1:]
    while len(old) > 1 and len(new) > 1 and old[-1] == new[-1]:
        old, new = old[:-1], new[:-1]
    return " ".join(old), " ".join(new)


def _changed(old: Sequence[str], new: Sequence[str]) -> int:
    """How many of the words `old` and `new` hold a word diff strikes or puts in."""
    same = difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()
    return len(old) + len(new) - 2 * sum(m.size for m in same)


def _words_changed(old: str, new: str) -> int:
    """How many words (and marks) the edit from `old` to `new` strikes and puts in."""
    return _changed(_WORD.findall(old), _WORD.findall(new))


def _unmade(text: str, made: str, was: str, kept: Sequence[tuple[int, int]] = ()) -> str:
    """`text` with each occurrence of `made` (a repeated change's new words) turned back into
    `was` (the words it replaced), but those that lie inside one of the `kept` spans."""
    out: list[str] = []
    pos = 0
    for s, e in find_all(text, made):
        if s >= pos and not any(ks <= s and e <= ke for ks, ke in kept):
            out += [text[pos:s], was]
            pos = e
    return "".join(out) + text[pos:]


def _kept(old: str, new: str) -> list[tuple[int, int]]:
    """The spans of `new` the word diff from `old` leaves as they were."""
    spans: list[tuple[int, int]] = []
    pos = shift = 0
    for h in _hunks(old, new, merge=False, semantic=False):
        spans.append((pos + shift, h.start + shift))
        shift += len(h.insert) - (h.end - h.start)
        pos = h.end
    spans.append((pos + shift, len(old) + shift))
    return spans


def _tightened(text: str, h: _Hunk) -> _Hunk:
    """`h` without the words (and marks) it leaves as they were at either end (“A waiver
    issued under paragraph (1)” → “A waiver issued semiannual or of)” is “under paragraph (1”
    → “semiannual or of”)."""
    old, new = text[h.start : h.end], h.insert
    a = [(m.start(), m.end()) for m in _WORD.finditer(old)]
    b = [(m.start(), m.end()) for m in _WORD.finditer(new)]
    i = 0
    while i < min(len(a), len(b)) and old[slice(*a[i])] == new[slice(*b[i])]:
        i += 1
    j = 0
    while (
        j < min(len(a), len(b)) - i
        and old[slice(*a[len(a) - 1 - j])] == new[slice(*b[len(b) - 1 - j])]
    ):
        j += 1
    if not i and not j:
        return h
    o_start = a[i][0] if i < len(a) - j else (a[i - 1][1] if i else 0)
    o_end = a[len(a) - 1 - j][1] if i < len(a) - j else o_start
    n_start = b[i][0] if i < len(b) - j else (b[i - 1][1] if i else 0)
    n_end = b[len(b) - 1 - j][1] if i < len(b) - j else n_start
    return _Hunk(h.start + o_start, h.start + o_end, new[n_start:n_end])


def _left_over(
    text: str,
    alike: list[tuple[int, int]],
    place: tuple[int, int],
    mode: str,
    n: str,
    want: str,
) -> _Hunk | None:
    """The change still to make at `place` once the repeated change is made at the places
    `alike` (diffing the text with those made: “the President has obtained advice regarding
    the” → “(other than Kazakhstan) and President has and notwithstanding” leaves “obtained
    advice regarding the” → “and notwithstanding”), in `text`'s offsets; None when it reaches
    into a place made alike."""
    spliced, shifts = text, []  # (offset in `text`, change of length there), left to right
    for s, e in sorted(alike, reverse=True):
        if mode == "replace":
            spliced, at, grown = spliced[:s] + n + spliced[e:], s, len(n) - (e - s)
        elif mode == "after":
            spliced, at, grown = spliced[:e] + " " + n + spliced[e:], e, len(n) + 1
        else:
            spliced, at, grown = spliced[:s] + n + " " + spliced[s:], s, len(n) + 1
        shifts.append((at, grown))
    shifts.reverse()

    def moved(pos: int) -> int:
        return pos + sum(g for at, g in shifts if at < pos)

    s0, e0 = place
    # -- as the diff merges it, or else as its pieces run together (merging closes brackets,
    #    which can widen the change over a place made alike: “procedure” means any” → “or”) --
    grains = (_hunks(spliced, want), _runs(spliced, _hunks(spliced, want, merge=False)))
    for hunks in grains:
        for h in hunks:
            if h.start <= moved(e0) and moved(s0) <= h.end:
                start = h.start - sum(g for at, g in shifts if moved(at) < h.start)
                end = start + (h.end - h.start)
                if not any(start < e and s < end for s, e in alike) and start <= s0 <= e0 <= end:
                    return _Hunk(start, end, h.insert)
                break
    return None


def _made_alike(text: str, s: int, e: int, mode: str, n: str, want: str) -> bool:
    """Whether making the repeated change at the place [s, e) of `text` alone leaves nothing
    more to change there on the way to `want` (for when the diff lines repeated words up
    otherwise: “of any” → “determination any any”)."""
    if mode == "replace":
        at, spliced = s, text[:s] + n + text[e:]
    elif mode == "after":
        at, spliced = e + 1, text[:e] + " " + n + text[e:]
    else:
        at, spliced = s, text[:s] + n + " " + text[s:]
    end = at + len(n)
    return not any(h.start <= end and at <= h.end for h in _hunks(spliced, want, merge=False))


def _fits(text: str, h: _Hunk, mode: str, o: str, n: str) -> bool:
    """Whether change `h` of `text` is the repeated change (`mode`, `o`, `n`) itself."""
    old = text[h.start : h.end].strip()
    if mode == "replace":
        return old == o and h.insert.strip() == n
    if old or h.insert.strip() != n:
        return False
    words = _word_spans(text)
    if mode == "after":
        left = [w for w in words if w[1] <= h.start]
        return bool(left) and text[left[-1][0] : left[-1][1]] == o
    right = [w for w in words if w[0] >= h.end]
    return bool(right) and text[right[0][0] : right[0][1]] == o


def _needle(cand: _TextAmendment) -> str:
    """The words an each-place amendment looks for."""
    if isinstance(cand, Strike):
        return cand.text
    if isinstance(cand, StrikeInsert):
        return cand.strike
    return cand.after or cand.before or ""


@functools.lru_cache(maxsize=1024)
def _word_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where each word (or mark) of `text` is (remembered: asked of the same texts often)."""
    return tuple((m.start(), m.end()) for m in _WORD.finditer(text))


def _stripped(text: str, h: _Hunk) -> tuple[int, int]:
    seg = text[h.start : h.end]
    s = h.start + (len(seg) - len(seg.lstrip()))
    e = h.end - (len(seg) - len(seg.rstrip()))
    return (s, e) if s < e else (h.start, h.start)


@functools.lru_cache(maxsize=1024)
def _word_edges(text: str) -> tuple[list[int], list[int]]:
    """The starts and the ends of the words of `text`, in order (for bisecting)."""
    words = _word_spans(text)
    return [s for s, _ in words], [e for _, e in words]


def _extensions(text: str, h: _Hunk, limit: int) -> Iterator[tuple[int, int]]:
    """(left, right) numbers of context words to add, smallest first."""
    starts, ends = _word_edges(text)
    left = bisect.bisect_right(ends, h.start)  # words ending at or before the change
    right = len(starts) - bisect.bisect_left(starts, h.end)  # words starting at or after it
    for total in range(0, limit + 1):
        for i in range(0, total + 1):
            j = total - i
            if i <= left and j <= right:
                yield i, j


def _extended(text: str, h: _Hunk, i: int, j: int) -> tuple[str, str] | None:
    """The struck and inserted phrases of `h` with `i` words of context before, `j` after."""
    words = _word_spans(text)
    starts, ends = _word_edges(text)
    n_left = bisect.bisect_right(ends, h.start)
    first_right = bisect.bisect_left(starts, h.end)
    if i > n_left or j > len(words) - first_right:
        return None
    s, e = _stripped(text, h)
    a = words[n_left - i][0] if i else s
    b = words[first_right + j - 1][1] if j else e
    if a <= h.start and b >= h.end:  # the context lies outside the change: read it off
        strike, insert = text[a:b], text[a : h.start] + h.insert + text[h.end : b]
    else:
        new = _splice(text, [h])
        end = len(new) - (len(text) - b)
        if end < a or not new.startswith(text[:a]) or not new.endswith(text[b:]):
            return None
        strike, insert = text[a:b], new[a:end]
    if not strike.strip() or strike != strike.strip():
        return None
    return strike, insert.strip()


def _candidates(
    text: str, h: _Hunk, target: Cite, scope: Scope, last_block: bool
) -> Iterator[_TextAmendment]:
    """Wordings of one change, most natural first; the caller keeps the first that works."""
    s, e = _stripped(text, h)
    o = text[s:e] if e > s else ""
    n = h.insert.strip()
    at_end = last_block and not text[max(e, h.end) :].strip()
    # -- words struck at the end of the text are struck “at the end” (the House form for a
    #    closing conjunction or mark: “by striking the period at the end and inserting …”) --
    if o and n:
        if at_end:
            yield StrikeInsert(target, o, n, at_end=True, scope=scope)
        yield StrikeInsert(target, o, n, scope=scope)
    elif o:
        if at_end:
            yield Strike(target, o, at_end=True, scope=scope)
        yield Strike(target, o, scope=scope)
    elif n:
        if at_end:
            yield Insert(target, n, scope=scope)
        words = _word_spans(text)
        left = [w for w in words if w[1] <= h.start]
        right = [w for w in words if w[0] >= h.end]
        # -- an anchor never quotes half a quotation: “taxpayer”” of “transferee taxpayer”” is
        #    widened to the whole of it (“‘transferee taxpayer’”) --
        for k in range(1, _CONTEXT_LIMIT + 1):
            if k <= len(left):
                i = len(left) - k
                while (
                    i > 0 and i > len(left) - k - 8 and _half_quoted(text[left[i][0] : left[-1][1]])
                ):
                    i -= 1
                yield Insert(target, n, after=text[left[i][0] : left[-1][1]], scope=scope)
            if k <= len(right):
                j = k - 1
                while (
                    j < len(right) - 1
                    and j < k + 7
                    and _half_quoted(text[right[0][0] : right[j][1]])
                ):
                    j += 1
                yield Insert(target, n, before=text[right[0][0] : right[j][1]], scope=scope)
    tried: set[tuple[str, str]] = set()
    extensions = list(_extensions(text, h, _CONTEXT_LIMIT))
    for i, j in extensions:
        if (i, j) == (0, 0) or i + j > 3:
            continue
        ext = _extended(text, h, i, j)
        if ext is None or ext in tried or not ext[1]:
            continue
        tried.add(ext)
        yield StrikeInsert(target, ext[0], ext[1], scope=scope)
    yield from _occurrences(text, h, o, n, target, scope)
    for i, j in extensions:
        ext = _extended(text, h, i, j)
        if ext is None or ext in tried or not ext[1]:
            continue
        tried.add(ext)
        yield StrikeInsert(target, ext[0], ext[1], scope=scope)
    whole = _extended(text, _Hunk(0, len(text), _splice(text, [h])), 0, 0)
    if whole is not None and whole[1]:
        yield StrikeInsert(target, whole[0], whole[1], scope=scope)


def _half_quoted(anchor: str) -> bool:
    """Whether `anchor` opens a quotation it does not close, or closes one it did not open."""
    depth = 0
    for ch in anchor:
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth -= 1
            if depth < 0:
                return True
    return depth != 0


def _occurrences(
    text: str, h: _Hunk, o: str, n: str, target: Cite, scope: Scope
) -> Iterator[_TextAmendment]:
    """The change worded by occurrence (`the second place it appears`)."""
    for k in range(1, 50):
        if o and n:
            yield StrikeInsert(target, o, n, occurrence=k, scope=scope)
        elif o:
            yield Strike(target, o, occurrence=k, scope=scope)
        elif n:
            words = _word_spans(text)
            left = [w for w in words if w[1] <= h.start]
            if left:
                yield Insert(
                    target, n, after=text[left[-1][0] : left[-1][1]], occurrence=k, scope=scope
                )
