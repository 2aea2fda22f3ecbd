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

The LALR grammar is built from `grammar.lark` and `lalr.lark` when first needed and kept by lark
in its cache (a file in the temporary folder named after the grammar's hash), so a new process
loads the tables instead of computing them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path

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
    return Lark(
        lalr_grammar(),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        start=start,
        lexer_callbacks=callbacks,
        cache=True,
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
