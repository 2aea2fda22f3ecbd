"""A deterministic LALR(1) parse of amendatory language, tried before the Earley parse.

Earley (lark, dynamic lexer) reads any sentence `grammar.lark` describes, but it keeps an item
for every rule that could be under way at every character, in Python: about 40 µs a character,
so a long bill takes tens of seconds. Most instructions are of a few forms whose every word is
decided by the word after it; an LALR(1) parser reads those with one table lookup per word, some
thirty times faster. So `parse` first tries the LALR reading of the same grammar (`lalr.lark` is
where it differs, and says why) and gives None when that does not read the sentence; the caller
then runs Earley. Both give the same tree, after `_unfactor`, for every instruction the LALR
grammar reads in `../shared/bills` (tests/test_fast_parse.py checks each of them, with the
readings the reader ignores left out: which rule an `;` ending an item is, and whether an item's
designation is named a letter or a numeral).

The LALR grammar is built from `grammar.lark` and `lalr.lark` when first needed and its tables
kept by lark in a cache file, so a new process loads them instead of computing them (0.5 s). lark
writes that file with pickle, and loading a pickle runs what it holds, so it is kept only in a
folder of the user's own that no one else may write (`$XDG_CACHE_HOME/billdraft`, else
`~/.cache/billdraft`), never in the shared temporary folder lark would choose; when there is no
such folder the tables are computed each time.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path

import lark
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput

__all__ = ["lalr_grammar", "parse"]

_HERE = Path(__file__).parent

_RULE = re.compile(r"^(\??)([_a-z][_a-z0-9]*)(\.-?\d+)?\s*:(.*)$")
_TERMINAL = re.compile(r"^([_A-Z][_A-Z0-9]*)(\.-?\d+)?\s*:")
_HELPER = re.compile(r"(?<![\w\"/])(_[a-z][_a-z0-9]*)\b")


def _comment_free(line: str) -> str:
    return re.sub(r"(^|\s)//.*$", "", line).rstrip()


def _definitions(text: str) -> tuple[dict[str, tuple[str, str]], dict[str, str], list[str]]:
    """A grammar's rules (name -> (header, body)), terminals (name -> line) and other lines."""
    rules: dict[str, tuple[str, str]] = {}
    terminals: dict[str, str] = {}
    other: list[str] = []
    last: str | None = None
    for raw in text.splitlines():
        line = _comment_free(raw)
        if not line:
            continue
        m = _RULE.match(line)
        if m:
            last = m[2]
            rules[last] = (m[1] + m[2] + (m[3] or ""), m[4])
            continue
        if re.match(r"^\s+\|", line) and last is not None:
            header, body = rules[last]
            rules[last] = (header, body + "\n    " + line.strip())
            continue
        last = None
        t = _TERMINAL.match(line)
        if t:
            terminals[t[1]] = line
        else:
            other.append(line)
    return rules, terminals, other


def lalr_grammar() -> str:
    """The LALR reading of `grammar.lark`: its rules and terminals with `lalr.lark`'s in place of
    the same names, and every inlined helper rule written out where it is used."""
    rules, terminals, other = _definitions((_HERE / "grammar.lark").read_text(encoding="utf-8"))
    o_rules, o_terminals, _ = _definitions((_HERE / "lalr.lark").read_text(encoding="utf-8"))
    rules.update(o_rules)
    terminals.update(o_terminals)
    helpers = {n: body.strip() for n, (_, body) in rules.items() if n.startswith("_")}

    def written_out(body: str, depth: int = 0) -> str:
        if depth > 20:
            raise ValueError(f"expected helper rules that end, found a cycle in {body!r}")
        return _HELPER.sub(
            lambda m: (
                "(" + written_out(helpers[m[1]], depth + 1) + ")" if m[1] in helpers else m[1]
            ),
            body,
        )

    lines = [f"{h}: {written_out(body)}" for n, (h, body) in rules.items() if n[0] != "_"]
    return "\n".join(lines + list(terminals.values()) + other) + "\n"


_LETTER_BEFORE = {"i": "h", "v": "u", "x": "w"}
"""The letter before each letter that is also a roman numeral."""


class _Designations:
    """Whether (i), (v), (x) — and (I), (V), (X) — designate by letter or by roman numeral: by
    letter right after (h), (u), (w) of the same case at that place, else by numeral. One parse
    at a time (the parser holds the lock while it reads)."""

    def __init__(self) -> None:
        self.last = {"low": "", "up": ""}

    def reset(self) -> None:
        self.last = {"low": "", "up": ""}

    def callback(self, case: str) -> Callable[[Token], Token]:
        letter_kind, numeral_kind = (
            ("LOWDES", "LOWROMAN") if case == "low" else ("UPDES", "UPROMAN")
        )

        def decide(tok: Token) -> Token:
            text = str(tok)
            letter = text[1:-1]
            if letter.lower() in _LETTER_BEFORE:
                before = _LETTER_BEFORE[letter.lower()]
                by_letter = self.last[case] == (before if case == "low" else before.upper())
                kind = letter_kind if by_letter else numeral_kind
                tok = Token.new_borrow_pos(kind, text, tok)
            if len(letter) == 1 and tok.type == letter_kind:
                self.last[case] = letter
            return tok

        return decide


def _after_comma(kind: str) -> Callable[[Token], Token]:
    """A terminal that carries the comma before it, as the terminal without the comma."""

    def strip(tok: Token) -> Token:
        text = str(tok)
        rest = text.lstrip(",").lstrip()
        cut = len(text) - len(rest)
        start = None if tok.start_pos is None else tok.start_pos + cut
        column = None if tok.column is None else tok.column + cut
        return Token(kind, rest, start, tok.line, column, tok.end_line, tok.end_column, tok.end_pos)

    return strip


_DESIGNATIONS = _Designations()
_LOCK = threading.Lock()


def cache_folder() -> Path | None:
    """The folder the parse tables are kept in: the user's own, written by no one else; None
    when there is none (it cannot be made, or another user or group may write it)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "billdraft"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    getuid = getattr(os, "getuid", None)
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    if getuid is not None and info.st_uid != getuid():
        return None
    return folder


def _cache_file(start: str, grammar: str) -> str | bool:
    """Where lark keeps the tables of the parser from `start` (False: not kept)."""
    folder = cache_folder()
    if folder is None:
        return False
    digest = hashlib.sha256(grammar.encode("utf-8")).hexdigest()[:20]
    version = f"{lark.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    return str(folder / f"lalr-{start}-{digest}-{version}.pickle")


@cache
def _parser(start: str = "start") -> Lark:
    """The LALR parser from the rule `start`: one per start rule, since a contextual lexer of
    both would offer `subject`'s REST (the rest of the sentence) wherever a verb may follow."""
    callbacks: dict[str, Callable[[Token], Token]] = {
        "QUAL_C": _after_comma("QUAL"),
        "QUAL_LONG_C": _after_comma("QUAL_LONG"),
        "CITE_C": _after_comma("CITE"),
        "LOWDES": _DESIGNATIONS.callback("low"),
        "LOWROMAN": _DESIGNATIONS.callback("low"),
        "UPDES": _DESIGNATIONS.callback("up"),
        "UPROMAN": _DESIGNATIONS.callback("up"),
    }
    grammar = lalr_grammar()
    return Lark(
        grammar,
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        start=start,
        lexer_callbacks=callbacks,
        cache=_cache_file(start, grammar),
    )


def parse(text: str, start: str = "start") -> Tree[Token] | None:
    """The LALR parse tree of prepared instruction text (from the rule `start`: a whole
    instruction, or the `subject` of one whose rest is not read), or None when the LALR grammar
    does not read it (Earley then may)."""
    with _LOCK:
        _DESIGNATIONS.reset()
        try:
            return _parser(start).parse(text)
        except UnexpectedInput:
            return None
