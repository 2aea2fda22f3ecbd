"""Amendatory language -> amendment objects, with a grammar.

**Why lark.** Three well-kept Python parsing libraries were weighed:

- *pyparsing* builds the grammar from Python combinator objects. It is pleasant for small
  notations, but a grammar of this size becomes a program rather than a text a reviewer can read
  against the drafting manuals, it is a PEG (ordered choice, so the first alternative that matches
  wins even when a later one would have let the sentence parse), and its error positions are the
  last alternative tried, not the furthest point reached.
- *parsimonious* takes a readable PEG text grammar, but it is also ordered-choice, has no
  case-insensitive literals, no ambiguity handling and has had little maintenance lately.
- *lark* takes an EBNF text grammar (`grammar.lark`, readable next to the drafting manual), runs
  Earley, which accepts any context-free grammar — amendatory English is full of local ambiguity
  ("and" joins verbs, designations and targets) that an LL/PEG grammar would need lookahead hacks
  for — and its errors carry the position where no rule could continue, which is exactly the
  "stopped at" phrase the report must show. It is pure Python, typed, and actively maintained.

So the grammar is lark (Earley, dynamic lexer). Before parsing, `prepare` replaces every quotation
with an opaque token «Qn», every quoted block with «Bn», every U.S.C. parenthetical with «Cn»: the
grammar never looks inside quoted words, which are the drafter's and must come out exactly.
Earley costs about 40 µs a character, so an LALR(1) reading of the same grammar (`fast`) is tried
first and Earley reads only what it does not, with the same tree (docs/grammar-coverage.md, "Parse
speed").

**Meaning.** The tree is read by `_Reader`, a chain of small functions (one per rule) that keep a
context: the provision the enclosing words target, and the Act or title a bare `section N` belongs
to (`such Act` / `such Code` refer back to it). A relative designation resolves by level:
subsection = depth 1 under a section, paragraph = 2, subparagraph = 3, clause = 4, subclause = 5,
item = 6, subitem = 7. `paragraph (2)` inside `section 402(a)` is 402(a)(2); inside a deeper target
it names the paragraph of the same subsection; inside `section 402` (subsection unknown) it is an
error, never a guess. `by adjusting the margins accordingly` and `as so redesignated` are
recognised and carry no meaning of their own. A scope of `the first sentence` is read as the whole
text of the provision only for amendments that must match exactly once (never with `each place it
appears`), so a wrong reading cannot apply silently: `apply` refuses ambiguous text. `by striking
the last sentence` / `by inserting after the first sentence` become `AmendSentence`, and so does a
sentence `amended to read as follows: “…”`. In a section divided straight into paragraphs
(`section 305(3)`), each level below is one step nearer the section.

**Across a bill.** A bare `Section 45(b) is amended` names the Act or title the bill's convention
gives for the part of the bill it sits in (`whenever in this title an amendment … is expressed in
terms of an amendment to … a section …, the reference shall be considered to be made to … the
Internal Revenue Code of 1986`, see `conventions`); without one it is an error, never the Act the
instruction before named. `such Act` / `such Code` refer to the last Act named, and `such section`
to the provision the instruction before amended — also a section outside the Code, and also when
the rest of that instruction was not understood (its subject is read on its own).

**Misprints and bounds.** A few misprints whose meaning is evident (`is amended is amended`,
`striking “X” an inserting “Y”`, `adding the end`, a U.S.C. parenthetical never closed before `is
amended`) are read as meant and recorded in
`ParsedInstruction.misprints`. An instruction whose size would make the parse slow — a citation
with more than `cite.MAX_DESIGNATIONS` designations in a row, or more than `MAX_INSTRUCTION`
characters — is refused before the grammar runs, and a run of designations has one reading in the
grammar, so the parse grows linearly with it. Messages cut long phrases, with their length.

**Law a Cite cannot name.** A chapter or subpart of a title, a title or subtitle of an Act, a table
of contents, a section of an Act the Code carries only as a note (`(19 U.S.C. 2075 note)`, or one
the given `ActIndex` knows is not a Code section), and the Harmonized Tariff Schedule are read into
a `Container` (cite.py); inside the reader it travels as a stand-in `Cite` (title 99999) so that
relative references below it still resolve, and it never leaves the reader: every amendment is
read by the same verb functions whatever its target, then each stand-in becomes the Container it
stands for. So `Subheading 6204.62.40 of the Harmonized Tariff Schedule of the United States is
amended by striking “X” and inserting “Y”` is `StrikeInsert(Container(…), "X", "Y")`, and every
amendment carries what it does as data. New sections added to a container become
`AddToContainer`, items of a table of contents `AmendTableOfContents`; rows of the tariff schedule
quoted in place of struck subheadings are `StrikeProvision.replacement_text`, and `… and the
immediate superior text to subheading X` starts the struck range at that row (a level named
`superior text to subheading`). The direction `with the superior text … having the same degree of
indentation as …` is, like `by adjusting the margins accordingly`, typography and carries no
meaning. An action the verb functions cannot read is a parse failure, whatever its target.
`apply` reports every amendment whose target is a Container as a target not loaded. A sentence in
an amendatory list that amends nothing (`The staged reductions … shall apply …`) is kept in
`ParsedInstruction.freestanding`, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, partial
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput

from ..amendments import (
    LEVELS,
    AddAtEnd,
    AddToContainer,
    AmendHeading,
    AmendSentence,
    AmendTableOfContents,
    AmendToRead,
    AnyAmendment,
    Insert,
    InsertProvisions,
    NewProvision,
    Redesignate,
    Scope,
    Strike,
    StrikeInsert,
    StrikeProvision,
    StrikeThrough,
    Target,
)
from ..bills import BLOCK_MARK, Bill, Instruction, NewMatter, normalize_quotes
from ..cite import MAX_DESIGNATIONS, ActIndex, Cite, Container, roman_numeral, roman_value, shown
from ..errors import CitationError, InstructionParseError, UnknownCitationError
from . import fast

__all__ = ["ParsedInstruction", "conventions", "parse_bill", "parse_instruction", "prepare"]

_LEVEL_NAMES = {lvl: lvl for lvl in LEVELS} | {lvl + "s": lvl for lvl in LEVELS}
_PUNCT = {
    "period": ".",
    "end period": ".",
    "final period": ".",
    "semicolon": ";",
    "comma": ",",
    "colon": ":",
    "dash": "—",
    "em dash": "—",
    "closing quotation mark": "”",
    "closing quotation marks": "”",
}
_ORDINALS = {
    w: n
    for n, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth".split(), start=1
    )
}

_HTS = "the Harmonized Tariff Schedule of the United States"
_RESOLUTION = re.compile(r"(House|Senate)\s+(Concurrent\s+)?Resolution\b")
"""A simple or concurrent resolution: never classified to the Code."""
_PLACEHOLDER = "99999"
"""The title of the stand-in `Cite`s that carry a `Container` through the reader (never escapes it)."""


@dataclass(frozen=True)
class ParsedInstruction:
    """One instruction of a bill and what parsing made of it: amendments, or the error."""

    instruction: Instruction
    amendments: tuple[AnyAmendment, ...] | None
    error: InstructionParseError | None = None
    freestanding: tuple[str, ...] = ()
    """Sentences inside the instruction's list that amend nothing (kept, never dropped)."""
    misprints: tuple[str, ...] = ()
    """Misprints of the amendatory words read as their evident meaning, each said in words
    (`read “an inserting” as “and inserting”`), for a report to show."""
    subject: Cite | Container | None = None
    """For an instruction that did not parse: what it amends, when its words up to `is amended`
    were read (so a report can say the target is not loaded whatever its verbs say)."""

    @property
    def parsed(self) -> bool:
        """Whether the instruction parsed into amendments."""
        return self.amendments is not None


@dataclass(frozen=True)
class Prepared:
    """An instruction's words with quotations, blocks and U.S.C. citations replaced by tokens."""

    text: str
    quotes: tuple[str, ...]
    cites: tuple[str, ...]
    blocks: int
    misprints: tuple[str, ...] = ()
    """The misprints of the words outside quotations read as their evident meaning."""


_USC_PAREN = re.compile(
    r"\((?:[^()]*?;\s*)?(\d+[A-Za-z]?\s+U\.\s?S\.\s?C\.\s+(?:[^()]|\([^()]*\))*)\)"
)
_NOISE_PAREN = re.compile(
    r"\((?:Public\s+Law|Private\s+Law|\d+\s+Stat\.|as\s+in\s+effect|as\s+enacted\s+into\s+law"
    r"|division\s+[A-Z]+\s+of\s+Public\s+Law|relating\s+to\b|repealed\s+by\b|sec\.\s|(?:commonly\s+)?known\s+as\b"
    r"|as\s+(?:so\s+)?(?:most\s+recently\s+)?(?:amended|redesignated|added|inserted|designated)\b)"
    r"(?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)"
    r"|\((?:the\s+)?[A-Z][^()«»“”]*?\b(?:Act|Code)\b(?:,?\s+(?:of\s+)?\d{4})?\)"
)
"""Parentheticals that name sources (`(Public Law 115–141)`, `(division K of Public Law 115–141)`,
`(the CALFED Bay-Delta Authorization Act)`, `(sec. 38–1853.14, D.C. Official Code)`), say what a
provision is about (`(relating to mode or time of collection)`) or say `as so amended` (`(as
redesignated by paragraph (3))`): they carry no meaning of their own."""
_MISPRINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    # `is amended is amended`, `by striking by striking`: a phrase printed twice
    (
        re.compile(
            r"\b((?:is|are)(?:\s+(?:each|further|hereby))*\s+amended"
            r"|by\s+(?:striking|inserting|adding|redesignating|amending))\s+\1\b",
            re.IGNORECASE,
        ),
        r"\1",
    ),
    # `by striking “March 1, 2020” an inserting “December 1, 2020”`
    (re.compile(r"(«Q\d+»)\s+an\s+(inserting)\b"), r"\1 and \2"),
    # `by adding the end the following`
    (re.compile(r"\b(by\s+adding)\s+(the\s+end\b)"), r"\1 at \2"),
)
"""Misprints of amendatory words (outside quotations) whose meaning is evident; each one read is
recorded in `Prepared.misprints`, never corrected silently."""
_UNCLOSED_USC = re.compile(
    r"(\(\d+[A-Za-z]?\s+U\.\s?S\.\s?C\.\s+[0-9][0-9A-Za-z–-]*(?:\([A-Za-z0-9]+\))*)"
    r"(?=\s+(?:is|are)(?:\s+(?:each|further|hereby))*\s+amended\b)"
)
"""A U.S.C. parenthetical the bill never closes before its verb: `Section 7(h)(1) of the National
Trails System Act (16 U.S.C. 1246(h)(1) is amended` (read closed, and listed as a misprint)."""
_PAGE = re.compile(r"\s*\b\d+\s+STAT\.\s+\d+\b")
"""A page number of the Statutes at Large printed inside the text of an enrolled law."""


def prepare(text: str) -> Prepared:
    """Normalise quotation marks and replace quotations, blocks and citations by tokens."""
    if len(text) > 4 * MAX_INSTRUCTION:
        raise InstructionParseError(
            f"expected an instruction of at most {4 * MAX_INSTRUCTION:,} characters, found "
            f"{len(text):,}",
            stopped_at=_cut(text[:60]),
            text=text[:_SHOWN],
        )
    text = normalize_quotes(text)
    quotes: list[str] = []
    out: list[str] = []
    i = 0
    blocks = 0
    while i < len(text):
        if text.startswith(BLOCK_MARK, i):
            out.append(f" «B{blocks}» ")
            blocks += 1
            i += len(BLOCK_MARK)
            continue
        ch = text[i]
        if ch == "“":
            depth, j = 0, i
            while j < len(text):
                if text[j] == "“":
                    depth += 1
                elif text[j] == "”":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= len(text):
                raise InstructionParseError(
                    "expected a closing quotation mark ” for the quotation opened here, found "
                    "the end of the instruction",
                    stopped_at=text[i : i + 40],
                    text=text,
                )
            out.append(f" «Q{len(quotes)}» ")
            quotes.append(text[i + 1 : j])
            i = j + 1
            continue
        out.append(ch)
        i += 1
    prepared = "".join(out)
    cites: list[str] = []

    def cite(m: re.Match[str]) -> str:
        cites.append(re.sub(r"\s+", " ", m[1]).strip())
        return f" «C{len(cites) - 1}» "

    misprints: list[str] = []
    for m in list(_UNCLOSED_USC.finditer(prepared)):
        misprints.append(f"read “{m[1].strip()}” as “{m[1].strip()})”")
    prepared = _UNCLOSED_USC.sub(lambda m: m[1] + ")", prepared)
    prepared = _USC_PAREN.sub(cite, prepared)
    prepared = _NOISE_PAREN.sub(" «N» ", _PAGE.sub(" ", prepared))
    prepared = re.sub(r"\s+", " ", prepared).strip()
    for pattern, meant in _MISPRINTS:
        for m in list(pattern.finditer(prepared)):
            misprints.append(f"read “{m[0]}” as “{m.expand(meant)}”")
        prepared = pattern.sub(meant, prepared)
    return Prepared(prepared, tuple(quotes), tuple(cites), blocks, tuple(misprints))


@cache
def _parser() -> Lark:
    grammar = (Path(__file__).parent / "grammar.lark").read_text(encoding="utf-8")
    return Lark(
        grammar,
        parser="earley",
        lexer="dynamic",
        ambiguity="resolve",
        propagate_positions=True,
        start=["start", "subject"],
    )


_FACTORED = frozenset(
    {"instruction", "item_body", "verb", "verb_striking", "verb_inserting", "verb_adding"}
)
"""Rules `grammar.lark` writes as a shared first part and a rule of the rests (`*_rest`,
`verb_*`), whose every alternative is aliased: such a node never stands for itself."""


def _unfactor(tree: Tree[Token]) -> Tree[Token]:
    """The parse tree with each factored node (a shared first part, then the aliased rest) made
    the one tree the alternative gives: the rest's alias, the first part's children and the
    rest's, spanning both."""
    for sub in tree.iter_subtrees():  # bottom-up: a node's children are done before it
        for i, c in enumerate(sub.children):
            if isinstance(c, Tree) and c.data in _FACTORED:
                *first, rest = c.children
                assert isinstance(rest, Tree)
                sub.children[i] = Tree(rest.data, first + rest.children, c.meta)
    return tree


def _restore(p: Prepared, fragment: str) -> str:
    """Put quotations and citations back into a fragment of prepared text."""
    fragment = re.sub(r"«Q(\d+)»", lambda m: "“" + p.quotes[int(m[1])] + "”", fragment)
    fragment = re.sub(r"«C(\d+)»", lambda m: "(" + p.cites[int(m[1])] + ")", fragment)
    fragment = re.sub(r"«B\d+»", BLOCK_MARK, fragment)
    return fragment.replace("«N»", "(…)")


def _stopped_at(p: Prepared, pos: int) -> str:
    words = p.text[pos:].split()
    return _cut(_restore(p, " ".join(words[:6]))) or "the end of the instruction"


_SHOWN = 120
"""The most characters of a phrase an error message quotes whole."""


def _cut(phrase: str, limit: int = _SHOWN) -> str:
    """A phrase as an error message quotes it: whole when short, else cut, with its length."""
    return phrase if len(phrase) <= limit else f"{phrase[:limit]}… ({len(phrase):,} characters)"


MAX_INSTRUCTION = 60_000
"""The most characters an instruction may have once its quotations and blocks are tokens (the
longest in ../shared/bills, H.R. 644's section 912(c), has 12,412): the grammar's parse time grows
faster than the length, so a longer one is refused before it is parsed."""

_DESIGNATION_RUN = re.compile(rf"(?:\([A-Za-z0-9]{{1,8}}\)){{{MAX_DESIGNATIONS + 1},}}")


def _check_size(p: Prepared, label: str) -> None:
    """Refuse, before parsing, an instruction whose size would make the parse slow: a citation
    with more designations than any provision of the Code has, or an instruction too long."""
    m = _DESIGNATION_RUN.search(p.text)
    if m is not None:
        start = p.text.rfind(" ", 0, m.start()) + 1
        words = _restore(p, p.text[start : m.end()])
        raise InstructionParseError(
            f"expected at most {MAX_DESIGNATIONS} designations below a section in a citation (the "
            f"deepest level of the Code, a subitem, is 7 below), found {m[0].count('('):,} in "
            f"{shown(words)}" + (f" ({label})" if label else ""),
            stopped_at=_cut(words),
            text=p.text[:_SHOWN],
        )
    if len(p.text) > MAX_INSTRUCTION:
        raise InstructionParseError(
            f"expected an instruction of at most {MAX_INSTRUCTION:,} characters (quotations "
            f"counted as one), found {len(p.text):,}" + (f" ({label})" if label else ""),
            stopped_at=_cut(_restore(p, p.text[:60])),
            text=p.text[:_SHOWN],
        )


# --- meaning -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ctx:
    """Where the words being read point: the target provision, its Act or title, the scope."""

    cite: Cite | None = None
    source: str | None = None
    scope: Scope = Scope.TEXT
    sentence: int = 0
    """The sentence of the provision the words are in (1, 2, …; -1 the last), 0 for all its text."""


class _Fail(Exception):
    def __init__(self, message: str, phrase: str) -> None:
        self.message = message
        self.phrase = phrase
        self.of_words = False
        """Whether the words refuse whatever the parse: an Act's name no index can place."""
        super().__init__(message)


class _WordsRefused(Exception):
    """The reader refused an instruction for its words alone (`_Fail.of_words`): another parse
    of the same words would be refused too."""

    def __init__(self, error: InstructionParseError) -> None:
        self.error = error
        super().__init__(str(error))


def _toks(tree: Tree[Token], kind: str) -> list[str]:
    return [str(c) for c in tree.children if isinstance(c, Token) and c.type == kind]


def _child_named(tree: Tree[Token], start: str | tuple[str, ...]) -> Tree[Token]:
    """The first child subtree whose rule begins with `start` (`"t_"`: the target) or, given a
    tuple, is one of those rules; the grammar guarantees there is one."""
    return next(
        c
        for c in tree.children
        if isinstance(c, Tree)
        and (c.data in start if isinstance(start, tuple) else c.data.startswith(start))
    )


def _subtrees(tree: Tree[Token], name: str) -> list[Tree[Token]]:
    return [c for c in tree.children if isinstance(c, Tree) and c.data == name]


def _first(tree: Tree[Token], name: str) -> Tree[Token] | None:
    found = _subtrees(tree, name)
    return found[0] if found else None


def _occ(tree: Tree[Token]) -> Tree[Token] | None:
    """The `each place it appears` / `the second place it appears` child of a rule."""
    return next(
        (
            c
            for c in tree.children
            if isinstance(c, Tree) and c.data in ("each", "each_except", "nth")
        ),
        None,
    )


def _loc(tree: Tree[Token]) -> Tree[Token] | None:
    """The location child of a rule (its alternatives are named loc_…)."""
    return next(
        (c for c in tree.children if isinstance(c, Tree) and c.data.startswith("loc_")), None
    )


def _words(tree: Tree[Token] | Token) -> str:
    if isinstance(tree, Token):
        return str(tree)
    return " ".join(_words(c) for c in tree.children)


class _Reader:
    """Reads a parse tree into amendments, one small function per grammar rule."""

    def __init__(
        self,
        p: Prepared,
        acts: ActIndex | None,
        new_matter: Sequence[NewMatter | NewProvision],
        label: str,
        prior: str | None = None,
        default: str | None = None,
    ) -> None:
        self.p = p
        self.acts = acts
        self.prior = prior
        """The Act or title earlier instructions named, which `such Act`/`such Code` refer to."""
        self.default = default
        """The Act or title a bare `section N` belongs to, by a convention of the bill."""
        self.such: Cite | Container | None = None
        """The provision an earlier instruction amended, which `such section` refers to."""
        self.sections_named: list[str] = []
        """The sections the targets read so far name, as written (`section 416`)."""
        self.items_struck: dict[str, tuple[str, ...]] = {}
        """The items of a table of contents a target names, by the stand-in of the table."""
        self.new_matter = list(new_matter)
        self.label = label
        self.last = _Ctx()
        self.outside: list[Container] = []
        self.tocs: set[int] = set()
        self.free: list[str] = []

    # -- law a Cite cannot name: stand-in cites ----------------------------------------------

    def earlier(self) -> Cite | None:
        """The provision `such section` refers to at the start of the instruction, if any."""
        if isinstance(self.such, Container):
            self.such = self.stand_in(self.such)
        return self.such

    def carried(self, cite: Cite | None) -> Cite | Container | None:
        """What `such section` in a later instruction may refer to: the provision, or the
        section of an Act outside the Code (never a table of contents)."""
        if cite is None or not self.is_stand_in(cite):
            return cite
        if self.is_toc(cite):
            return None
        c = self.container_of(cite)
        return c if c.path and c.path[-1][0] == "section" else None

    def stand_in(self, container: Container, *, toc: bool = False) -> Cite:
        """A stand-in `Cite` for a container, so relative references below it still work."""
        self.outside.append(container)
        if toc:
            self.tocs.add(len(self.outside) - 1)
        return Cite(_PLACEHOLDER, str(len(self.outside) - 1))

    @staticmethod
    def is_stand_in(cite: Cite | None) -> bool:
        return cite is not None and cite.title == _PLACEHOLDER

    def is_toc(self, cite: Cite | None) -> bool:
        return cite is not None and self.is_stand_in(cite) and int(cite.section) in self.tocs

    def unstand(self, message: str) -> str:
        """A message with every stand-in cite written as the container it stands for."""

        def named(m: re.Match[str]) -> str:
            path = tuple(re.findall(r"\(([^()]*)\)", m[2]))
            return str(self.container_of(Cite(_PLACEHOLDER, m[1], path)))

        return re.sub(rf"{_PLACEHOLDER} U\.S\.C\. (\d+)((?:\([A-Za-z0-9]+\))*)", named, message)

    def container_of(self, cite: Cite) -> Container:
        """The container a stand-in cite (with any designations below it) names."""
        c = self.outside[int(cite.section)]
        return Container(c.source, c.path, c.provision + cite.path, c.usc)

    def base_container(self, ctx: _Ctx, tree: Tree[Token]) -> Container:
        """The container the words being read are inside: a stand-in's, or the whole source."""
        if self.is_stand_in(ctx.cite):
            assert ctx.cite is not None
            return self.container_of(ctx.cite)
        if ctx.source is None:
            raise self.fail(f"expected the law `{_words(tree)}` belongs to, found none", tree)
        return Container(ctx.source)

    def containers(self, tree: Tree[Token], ctx: _Ctx) -> tuple[Container, str]:
        """`subpart D of part IV of subchapter A of chapter 1 of such Code` -> Container, source."""
        sect_src = _first(tree, "section_source")
        source = ctx.source
        if sect_src is not None:
            src = _child_named(sect_src, "s_")
            source = self.source_text(src, ctx)
        levels = [
            (str(k).lower(), str(d))
            for k, d in zip(_toks(tree, "CONTAINER"), _toks(tree, "ID"), strict=True)
        ]
        if source is None:
            if ctx.cite is not None and not self.is_stand_in(ctx.cite):
                source = f"title {ctx.cite.title}, United States Code"
            elif self.is_stand_in(ctx.cite):
                assert ctx.cite is not None
                base = self.container_of(ctx.cite)
                for kind, des in reversed(levels):
                    base = base.child(kind, des)
                return base, base.source
            elif self.default is not None:
                source = self.default  # `subpart F of part III of subchapter N of chapter 1`
            else:
                raise self.fail(f"expected the law `{_words(tree)}` belongs to, found none", tree)
        usc = self.usc_text(_first(sect_src, "cite")) if sect_src is not None else None
        return Container(source, tuple(reversed(levels)), (), usc), source

    def usc_text(self, tree: Tree[Token] | None) -> str | None:
        """The words of a U.S.C. parenthetical («Cn»), as the bill gives them."""
        if tree is None:
            return None
        tok = tree.children[0]
        return self.p.cites[int(str(tok)[2:-1])]

    def span(self, tree: Tree[Token]) -> str:
        """The prepared words a subtree covers (anonymous keywords included)."""
        if tree.meta.empty:
            return _words(tree)
        return self.p.text[tree.meta.start_pos : tree.meta.end_pos]

    def fail(self, message: str, tree: Tree[Token] | Token | None) -> _Fail:
        if isinstance(tree, Tree) and not tree.meta.empty:
            phrase = _restore(self.p, self.p.text[tree.meta.start_pos : tree.meta.end_pos])
        elif isinstance(tree, Token) and tree.start_pos is not None and tree.end_pos is not None:
            phrase = _restore(self.p, self.p.text[tree.start_pos : tree.end_pos])
        else:
            phrase = _restore(self.p, _words(tree)) if tree is not None else ""
        return _Fail(message, _cut(phrase))

    # -- matter --------------------------------------------------------------------------

    def matter_text(self, tree: Tree[Token]) -> str:
        tok = tree.children[0]
        assert isinstance(tok, Token)
        n = int(str(tok)[2:-1])
        if tok.type == "QUOTE":
            return self.p.quotes[n]
        block = self.block(n, tok)
        if isinstance(block, str):
            return block
        from ..bills import block_text

        return block_text(block).replace("“", "").replace("”", "")

    def block(self, n: int, tok: Token) -> NewMatter:
        if n >= len(self.new_matter):
            raise self.fail(
                f"expected quoted block {n + 1} of new matter, found only "
                f"{len(self.new_matter)} block(s) given with the instruction",
                tok,
            )
        b = self.new_matter[n]
        return (b,) if isinstance(b, NewProvision) else b

    def matter_provisions(self, tree: Tree[Token]) -> tuple[NewProvision, ...] | None:
        tok = tree.children[0]
        assert isinstance(tok, Token)
        if tok.type != "BLOCK":
            return None
        b = self.block(int(str(tok)[2:-1]), tok)
        return b if isinstance(b, tuple) and b else None

    # -- references -----------------------------------------------------------------------

    def cite_token(self, tree: Tree[Token]) -> Cite | None:
        tok = tree.children[0]
        text = self.p.cites[int(str(tok)[2:-1])]
        try:
            return Cite.parse(text)
        except CitationError:
            return None

    def source_text(self, tree: Tree[Token], ctx: _Ctx) -> str:
        """The Act or title a `section N` belongs to."""
        if tree.data == "s_such":
            word = str(tree.children[0]).split()[-1].lower()
            if word == "section":
                raise self.fail("expected an Act or title after `of`, found `such section`", tree)
            named = ctx.source or self.prior
            if named is None:
                if ctx.cite is not None and word in ("code", "title"):
                    return f"title {ctx.cite.title}, United States Code"
                raise self.fail(
                    f"expected an earlier Act or Code for `{_words(tree)}` to refer to, found none",
                    tree,
                )
            return named
        if tree.data == "s_title":
            m = re.search(r"\d+[A-Za-z]*", str(tree.children[0]))
            assert m is not None
            return f"title {m[0]}, United States Code"
        if tree.data == "s_first":
            raise self.fail("expected a section number, found `the first section`", tree)
        name = re.sub(r"\s+", " ", _restore(self.p, str(tree.children[0]))).strip()
        name = re.sub(r"\s+([,.;:])", r"\1", name)
        return "the" + name[3:] if name.startswith("The ") else name

    def section_cite(
        self,
        number: str,
        desigs: tuple[str, ...],
        source: str | None,
        tree: Tree[Token],
        paren: str | None = None,
    ) -> Cite:
        """`section N(a)(1)` of an Act or title -> its Cite; a section the Code carries only as a
        note (or that the index knows is not one of the Code's sections) -> a stand-in."""
        if source is None:
            raise self.fail(
                f"expected the Act or title that section {number} belongs to, found none (no "
                "`whenever in this title an amendment … the reference shall be considered to be "
                "made to … of the Internal Revenue Code of 1986` names one for a bare section)",
                tree,
            )
        words = f"section {number}{''.join(f'({d})' for d in desigs)} of {source}"
        try:
            return Cite.parse(words, self.acts)
        except CitationError as e:
            not_codified = paren is not None and re.search(r"\bnote\b", paren) is not None
            not_codified |= _RESOLUTION.match(source) is not None  # the rules of a House
            unknown = self.acts is not None and isinstance(e, UnknownCitationError)
            if not_codified or unknown or source == _HTS:
                base = Container(source, (("section", number),), (), paren)
                return self.stand_in(base).child(*desigs) if desigs else self.stand_in(base)
            failure = self.fail(
                f"expected a citation the index knows, found {shown(words)}: {e}", tree
            )
            failure.of_words = True
            raise failure from None

    def provref(self, tree: Tree[Token], ctx: _Ctx) -> tuple[list[Cite], str, _Ctx]:
        """A reference -> its cites (several for `and`/`through`), the join word, the new context."""
        refs = _subtrees(tree, "ref_level") + _subtrees(tree, "ref_section")
        refs += _subtrees(tree, "ref_such") + _subtrees(tree, "ref_first")
        refs += _subtrees(tree, "ref_such_section")
        refs += _subtrees(tree, "ref_hts")
        ordered = [c for c in tree.children if isinstance(c, Tree) and c in refs]
        src_tree = next(
            (c for c in tree.children if isinstance(c, Tree) and c.data.startswith("s_")), None
        )
        sect_src = _first(tree, "section_source")
        if sect_src is not None:
            src_tree = _child_named(sect_src, "s_")
        cite_tree = _first(tree, "cite")
        if cite_tree is None and sect_src is not None:
            cite_tree = _first(sect_src, "cite")
        source = ctx.source
        if src_tree is not None:
            source = self.source_text(src_tree, ctx)
        elif (
            source is None
            and not self.is_stand_in(ctx.cite)
            and (_subtrees(tree, "ref_section") or _subtrees(tree, "ref_first"))
        ):
            source = self.default  # a bare `section N`: the Act the bill's convention names
        paren = self.cite_token(cite_tree) if cite_tree is not None else None
        paren_raw = self.usc_text(cite_tree)
        base = ctx.cite
        cites: list[Cite] = []
        join = ""
        for k, ref in enumerate(reversed(ordered)):
            innermost = k == 0
            cites, join = self.ref_one(
                ref, base, source, paren if innermost else None, paren_raw if innermost else None
            )
            base = cites[0]
        if paren is not None and len(ordered) > 1 and cites and cites[0].path != paren.path:
            # The parenthetical names the whole reference: prefer it.
            if cites[0].section_cite == paren.section_cite or not paren.path:
                pass
            else:
                cites = [paren]
        new_ctx = replace(ctx, cite=cites[0] if cites else ctx.cite, source=source)
        return cites, join, new_ctx

    def ref_one(
        self,
        ref: Tree[Token],
        base: Cite | None,
        source: str | None,
        paren: Cite | None,
        paren_raw: str | None = None,
    ) -> tuple[list[Cite], str]:
        if ref.data == "ref_such":
            word = str(ref.children[0]).split()[-1].lower()
            base = base if base is not None else self.earlier()
            if base is None:
                raise self.fail(f"expected an earlier provision for `such {word}`, found none", ref)
            if word == "section" and self.is_stand_in(base):
                whole = self.outside[int(base.section)]
                return [self.stand_in(_section_level(whole))], ""
            if word == "section":
                return [base.section_cite], ""
            depth = LEVELS.index(word)
            if len(base.path) < depth:
                raise self.fail(f"expected an earlier {word} for `such {word}`, found {base}", ref)
            return [Cite(base.title, base.section, base.path[:depth])], ""
        if ref.data == "ref_first":
            # `the first section of the Act of March 3, 1931`: an Act's first section, which
            # the Act may leave unnumbered, is its section 1.
            return [self.ref_section_number("1", (), base, source, paren, paren_raw, ref)], ""
        if ref.data == "ref_such_section":
            number = _toks(ref, "SECNUM")[0]
            desigs = tuple(t[1:-1] for d in _subtrees(ref, "desig") for t in _toks(d, "DES"))
            base = base if base is not None else self.earlier()
            if base is not None and self.is_stand_in(base):
                named = self.outside[int(base.section)]
                if named.path and named.path[-1] == ("section", number):
                    sec = self.stand_in(replace(named, provision=()))
                    return [sec.child(*desigs) if desigs else sec], ""
            act = source or self.prior
            return [self.ref_section_number(number, desigs, base, act, paren, paren_raw, ref)], ""
        if ref.data == "ref_hts":
            if base is not None and self.is_stand_in(base):
                container = self.container_of(base)
            elif source == _HTS:  # `Subheading 6204.62.40 of the Harmonized Tariff Schedule …`
                container = Container(_HTS)
            else:
                raise self.fail(
                    "expected a heading of the Harmonized Tariff Schedule, found one outside it",
                    ref,
                )
            kind = str(ref.children[0]).lower().rstrip("s")
            nums = _toks(ref, "HTSNUM")
            words = self.span(ref).lower()
            join = "through" if " through " in words else ("and" if len(nums) > 1 else "")
            return [self.stand_in(container.child(kind, n)) for n in nums], join
        if ref.data == "ref_section":
            groups: list[tuple[str, tuple[str, ...]]] = []
            join = ""  # `and` or `through`, from the words below (the joining words are filtered)
            for c in ref.children:
                if isinstance(c, Token) and c.type == "SECNUM":
                    groups.append((str(c), ()))
                elif isinstance(c, Tree) and c.data == "desig":
                    num, d = groups[-1]
                    groups[-1] = (num, d + tuple(t[1:-1] for t in _toks(c, "DES")))
            cites = [
                self.ref_section_number(
                    num, desigs, base, source, paren, paren_raw, ref, len(groups)
                )
                for num, desigs in groups
            ]
            words = self.span(ref).lower()
            if len(groups) > 1:
                join = "through" if " through " in words else "and"
            return cites, join
        return self.ref_level(ref, base, paren)

    def ref_section_number(
        self,
        num: str,
        desigs: tuple[str, ...],
        base: Cite | None,
        source: str | None,
        paren: Cite | None,
        paren_raw: str | None,
        ref: Tree[Token],
        groups: int = 1,
    ) -> Cite:
        """`section N(a)(1)`, in the reference's Act or title or inside the container read."""
        if (
            paren is not None
            and groups == 1
            and paren.section
            and (not desigs or paren.path == desigs or paren.path[: len(desigs)] == desigs)
        ):
            return paren
        if paren is not None and groups == 1 and paren.section and not paren.path:
            # `section 412(b) (6 U.S.C. 212)`: the parenthetical names the section only.
            return paren.child(*desigs)
        if self.is_stand_in(base) and source is None:
            assert base is not None
            cite = self.stand_in(self.container_of(base).child("section", num))
            return cite.child(*desigs) if desigs else cite
        return self.section_cite(num, desigs, source, ref, paren_raw)

    def ref_level(
        self, ref: Tree[Token], base: Cite | None, paren: Cite | None
    ) -> tuple[list[Cite], str]:
        """`paragraphs (2) and (3)`: designations of one level, relative to the provision read."""
        level_tok = ref.children[0]
        level = _LEVEL_NAMES.get(str(level_tok).lower())
        if level is None:
            raise self.fail(f"expected a level name, found {str(level_tok)!r}", ref)
        desig_groups = [tuple(t[1:-1] for t in _toks(d, "DES")) for d in _subtrees(ref, "desig")]
        desig_groups += [(t,) for t in _toks(ref, "BARENUM")]
        words = self.span(ref).lower()
        join = "through" if " through " in words else ("and" if len(desig_groups) > 1 else "")
        base_for: Cite | None = paren if paren is not None and paren.path else base
        if base_for is None:
            raise self.fail(
                f"expected a section for {level} ({desig_groups[0][0]}) to belong to, found none",
                ref,
            )
        if paren is not None and paren.path and LEVELS.index(level) == len(paren.path):
            first = paren
            rest = [self.relative(level, g, paren, ref) for g in desig_groups[1:]]
            return [first, *rest], join
        return [self.relative(level, g, base_for, ref) for g in desig_groups], join

    def relative(self, level: str, desigs: tuple[str, ...], base: Cite, ref: Tree[Token]) -> Cite:
        depth = LEVELS.index(level)
        if depth == 0:
            raise self.fail("expected a subdivision, found a section", ref)
        if base.path and re.fullmatch(_STYLE["paragraph"], base.path[0]):
            # `in section 305(3) (19 U.S.C. 1305(3))— (A) by striking subparagraph (A)`: a
            # section divided straight into paragraphs has no subsections, so each level below
            # is one step nearer the section (USLM /us/usc/t19/s1305/3/A)
            if depth == 1:
                raise self.fail(
                    f"expected a subsection of {base.section_cite}, found {base} (a section "
                    "divided into paragraphs, with no subsections)",
                    ref,
                )
            depth -= 1
        if level == "paragraph" and not base.path:
            # A section divided straight into paragraphs (USLM: /us/usc/t15/s634c/1).
            return Cite(base.title, base.section, desigs)
        if len(base.path) < depth - 1 and self.is_stand_in(base):
            # Below a note or a section of an Act the levels are not known: name it as written.
            return Cite(base.title, base.section, base.path + desigs)
        if len(base.path) < depth - 1:
            raise self.fail(
                f"expected {level} ({desigs[0]}) inside a provision at the level above it, found "
                f"{base} (the {LEVELS[len(base.path) + 1]} it belongs to is not named)",
                ref,
            )
        return Cite(base.title, base.section, base.path[: depth - 1] + desigs)

    def location(self, tree: Tree[Token], ctx: _Ctx) -> _Ctx:
        """`in paragraph (2)`, `in the matter preceding clause (i)`, `in the heading` -> context."""
        kind = tree.data
        refs = _subtrees(tree, "provref")
        if kind == "loc_heading":
            h = tree.children[0]
            assert isinstance(h, Tree)
            sub = _loc(h)
            inner = self.location(sub, ctx) if sub is not None else ctx
            return replace(inner, scope=Scope.HEADING)
        if kind == "loc_container":
            # `in chapter 5`, `in part B of title IV`: the outermost named last
            part = self.base_container(ctx, tree)
            pairs = zip(_toks(tree, "CONTAINER"), _toks(tree, "ID"), strict=True)
            for kind_word, des in reversed(list(pairs)):
                part = part.child(kind_word.lower(), des)
            return replace(ctx, cite=self.stand_in(part), scope=Scope.TEXT, sentence=False)
        if kind == "loc_toc":
            # `in the table of contents of that Act, by striking …`
            (toc,) = self.target(Tree("t_toc", tree.children, tree.meta), ctx)
            return replace(ctx, cite=toc.cite, source=toc.source, scope=Scope.TEXT, sentence=0)
        if kind == "loc_note":
            base = self.base_container(ctx, tree)
            return replace(ctx, cite=self.note(tree, base), scope=Scope.TEXT, sentence=False)
        if kind == "loc_item":
            if not self.is_toc(ctx.cite):
                raise self.fail(
                    "expected an item of a table of contents, found one elsewhere", tree
                )
            assert ctx.cite is not None
            item = _first(tree, "toc_what")
            assert item is not None
            line = self.container_of(ctx.cite).child("item relating to", self.span(item))
            return replace(ctx, cite=self.stand_in(line), scope=Scope.TEXT, sentence=False)
        if kind == "loc_continuation_here":
            return replace(ctx, scope=Scope.CONTINUATION, sentence=False)
        if kind == "loc_sentence":
            sub = _loc(tree)
            inner = self.location(sub, ctx) if sub is not None else ctx
            return replace(inner, sentence=_ordinal(str(tree.children[0])))
        cites, join, new = self.provref(refs[0], ctx)
        if join:
            raise self.fail("expected one provision as the scope, found several", tree)
        scope = {
            "loc_chapeau": Scope.CHAPEAU,
            "loc_continuation": Scope.CONTINUATION,
        }.get(kind, Scope.TEXT)
        if scope is not Scope.TEXT:
            parent = cites[0].parent
            if parent is None:
                raise self.fail(f"expected a subdivision, found {cites[0]}", tree)
            return replace(new, cite=parent, scope=scope, sentence=False)
        return replace(new, scope=Scope.TEXT, sentence=False)

    def note(self, tree: Tree[Token], base: Container) -> Cite:
        """`General Note 3(e)`, `additional U.S. note 2`, `the additional U.S. notes` -> stand-in."""
        word = re.sub(r"\s+", " ", str(tree.children[0])).strip()
        word = re.sub(r"^the\s+", "", word, flags=re.I)
        ids = _toks(tree, "ID")
        desigs = tuple(t[1:-1] for d in _subtrees(tree, "desig") for t in _toks(d, "DES"))
        kind = word.lower().removesuffix("s") if ids else word.lower()
        inner = base.child(kind, ids[0] if ids else "")
        cite = self.stand_in(inner)
        return cite.child(*desigs) if desigs else cite

    # -- instructions ---------------------------------------------------------------------

    def targets(self, tree: Tree[Token], ctx: _Ctx) -> list[_Ctx]:
        out: list[_Ctx] = []
        for t in _subtrees(tree, "t_ref") + [
            c
            for c in tree.children
            if isinstance(c, Tree) and c.data.startswith("t_") and c.data != "t_ref"
        ]:
            got = self.target(t, ctx)
            out += got
            if got and got[-1].source and ctx.source is None:
                # `Sections 416 and 418 of the … Act …, and the items … of such Act`
                ctx = replace(ctx, source=got[-1].source)
        return out

    def target(self, tree: Tree[Token], ctx: _Ctx) -> list[_Ctx]:
        if tree.data == "t_ref":
            provref = _first(tree, "provref")
            assert provref is not None
            for ref in _subtrees(provref, "ref_section"):
                self.sections_named += [f"section {n}" for n in _toks(ref, "SECNUM")]
            cites, join, new = self.provref(provref, ctx)
            if join == "through":
                raise self.fail("expected provisions named one by one, found a range", tree)
            return [replace(new, cite=cite, scope=Scope.TEXT, sentence=False) for cite in cites]
        if tree.data == "t_source":
            src = _child_named(tree, "s_")
            source = self.source_text(src, ctx)
            whole = Container(source, usc=self.usc_text(_first(tree, "cite")))
            return [_Ctx(cite=self.stand_in(whole), source=source)]
        if tree.data == "t_container":
            cont_tree = _first(tree, "containers")
            assert cont_tree is not None
            container, source = self.containers(cont_tree, ctx)
            usc = self.usc_text(_first(tree, "cite"))
            container = replace(container, usc=usc) if usc else container
            return [_Ctx(cite=self.stand_in(container), source=source)]
        if tree.data == "t_ref_in":
            cont_tree = _first(tree, "containers")
            provref = _first(tree, "provref")
            assert cont_tree is not None and provref is not None
            container, source = self.containers(cont_tree, ctx)
            inner = _Ctx(cite=self.stand_in(container), source=source)
            cites, _join, new = self.provref(provref, inner)
            return [replace(new, cite=c, scope=Scope.TEXT, sentence=False) for c in cites]
        if tree.data == "t_toc":
            of = _child_named(tree, "toc_")
            if of.data == "toc_containers":
                cont_tree = _first(of, "containers")
                assert cont_tree is not None
                container, source = self.containers(cont_tree, ctx)
            elif of.data == "toc_source":
                src = _child_named(of, "s_")
                source = self.source_text(src, ctx)
                container = Container(source)
            else:
                provref = _first(of, "provref")
                assert provref is not None
                _cites, _join, new = self.provref(provref, ctx)
                if new.source is None:
                    raise self.fail("expected the Act whose table of contents is amended", of)
                source = new.source
                container = Container(source)
            kind = re.sub(r"\s+", " ", _toks(tree, "TOC")[0]).lower().removeprefix("the ")
            toc = container.child(kind, "")
            return [_Ctx(cite=self.stand_in(toc, toc=True), source=source)]
        if tree.data == "t_note":
            cont_tree = _first(tree, "containers")
            if cont_tree is not None:
                base, source = self.containers(cont_tree, ctx)
            else:
                src = _child_named(tree, "s_")
                source = self.source_text(src, ctx)
                base = Container(source)
            return [_Ctx(cite=self.note(tree, base), source=source)]
        if tree.data == "t_toc_items":
            # `the items relating to such sections in the table of contents in section 1(b) of
            # such Act`: the items struck with the provisions named before them
            what = _first(tree, "toc_what")
            assert what is not None
            words = _restore(self.p, self.span(what))
            if re.fullmatch(r"such\s+sections?", words, re.IGNORECASE):
                if not self.sections_named:
                    raise self.fail(
                        "expected sections named before `such sections`, found none", what
                    )
                items = tuple(self.sections_named)
            else:
                items = (words,)
            (table,) = self.target(Tree("t_toc", tree.children[2:], tree.meta), ctx)
            assert table.cite is not None
            self.items_struck[table.cite.section] = items
            return [table]
        if tree.data in ("t_sentence", "t_heading"):
            # `The last sentence of section 412(a) of …`, `The heading of section 5041(c)(8)`
            provref = _first(tree, "provref")
            assert provref is not None
            cites, join, new = self.provref(provref, ctx)
            if join:
                raise self.fail("expected one provision, found several", tree)
            if tree.data == "t_heading":
                return [replace(new, cite=cites[0], scope=Scope.HEADING, sentence=0)]
            which = _ordinal(_toks(tree, "SENTENCE")[0])
            return [replace(new, cite=cites[0], scope=Scope.TEXT, sentence=which)]
        if tree.data == "t_hts_heading":
            src = _child_named(tree, "s_")
            source = self.source_text(src, ctx)
            kind = _toks(tree, "HTS_LEVEL")[0].lower().rstrip("s")
            heading = Container(source).child(kind, _toks(tree, "HTSNUM")[0])
            return [
                _Ctx(cite=self.stand_in(heading.child("article description", "")), source=source)
            ]
        raise self.fail(f"expected a target, found {tree.data}", tree)

    def instruction(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        kind = tree.data
        if kind in ("amend", "item_instruction"):
            out: list[AnyAmendment] = []
            subjects = _first(tree, "subjects")
            assert subjects is not None
            body = _first(tree, "body") or tree  # `is amended as follows: (1) …` has no body
            for t in self.targets(subjects, ctx):
                self.last = t
                out += self.body(body, t)
            return out
        if kind in ("to_read", "item_to_read"):
            subjects = _first(tree, "subjects")
            assert subjects is not None
            matter = _first(tree, "matter")
            assert matter is not None
            out = []
            for t in self.targets(subjects, ctx):
                self.last = t
                struck = self.items_of(t)
                if struck is not None:
                    # `The item relating to section 181 in the table of sections for part VI …
                    # is amended to read as follows: “…”`: the item replaced where it is
                    new = _toc_items(self.matter_text(matter))
                    out.append(AmendTableOfContents(*struck, new, label=self.label))
                    continue
                out += self.unstood(partial(self.to_read_list, t, matter, tree))
            return out
        if kind in ("repeal", "item_repeal"):
            subjects = _first(tree, "subjects")
            assert subjects is not None
            out = []
            for t in self.targets(subjects, ctx):
                self.last = t
                struck = self.items_of(t)
                if struck is not None:
                    # `…, and the items relating to such sections in the table of contents …,
                    # are repealed`
                    out.append(AmendTableOfContents(*struck, label=self.label))
                    continue
                out += self.unstood(partial(self.repeal, t, tree))
            return out
        if kind == "multi":
            series = _first(tree, "action_series")
            listed = _first(tree, "listed")
            assert series is not None and listed is not None
            out = []
            for item in listed.children:
                assert isinstance(item, Tree)
                target = _child_named(item, "t_")
                for t in self.target(target, ctx):
                    self.last = t
                    out += self.series(series, t)
            return out
        if kind == "multi_of":
            # `The following provisions of section 45(d) are each amended by …: (1) Paragraph
            # (2)(A). (2) …`: each listed provision is read inside the one named first.
            whole = _child_named(tree, "t_")
            series = _first(tree, "action_series")
            listed = _first(tree, "listed")
            assert series is not None and listed is not None
            out = []
            for outer in self.target(whole, ctx):
                for item in listed.children:
                    assert isinstance(item, Tree)
                    target = _child_named(item, "t_")
                    for t in self.target(target, outer):
                        self.last = t
                        out += self.series(series, t)
            return out
        if kind == "repeal_listed":
            listed = _first(tree, "listed")
            assert listed is not None
            self.free += [_restore(self.p, t) for t in _toks(tree, "FREE_SENTENCE")]
            out = []
            for item in listed.children:
                assert isinstance(item, Tree)
                target = _child_named(item, "t_")
                for t in self.target(target, ctx):
                    self.last = t
                    out += self.unstood(partial(self.repeal, t, item))
            return out
        raise self.fail(f"expected an instruction, found {kind}", tree)

    def to_read_list(self, ctx: _Ctx, matter: Tree[Token], tree: Tree[Token]) -> list[AnyAmendment]:
        return [self.to_read(ctx, matter, tree)]

    def repeal(self, ctx: _Ctx, tree: Tree[Token]) -> list[AnyAmendment]:
        return [StrikeProvision(self.need(ctx, tree), label=self.label)]

    def need(self, ctx: _Ctx, tree: Tree[Token] | None) -> Cite:
        if ctx.cite is None:
            raise self.fail(
                "expected a provision of a section as the target, found "
                f"{ctx.source or 'no target'} as a whole",
                tree,
            )
        return ctx.cite

    def to_read(self, ctx: _Ctx, matter: Tree[Token], tree: Tree[Token]) -> AnyAmendment:
        target = self.need(ctx, tree)
        if ctx.sentence:
            # `The first sentence of section 701(f) … is amended to read as follows: “…”`
            text = self.matter_text(matter)
            return AmendSentence(target, ctx.sentence, True, text, ctx.scope, label=self.label)
        provisions = self.matter_provisions(matter)
        if provisions is None or len(provisions) != 1:
            raise self.fail(
                "expected one quoted provision to read as follows, found "
                f"{0 if provisions is None else len(provisions)}",
                matter,
            )
        return AmendToRead(target, self.fit(provisions, target, same=True)[0], label=self.label)

    def body(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        scope = _first(tree, "scope")
        out: list[AnyAmendment] = []
        for inner in self.scopes(scope, ctx) if scope is not None else [ctx]:
            for c in tree.children:
                if isinstance(c, Tree) and c.data == "action_series":
                    out += self.series(c, inner)
                elif isinstance(c, Tree) and c.data == "items":
                    out += self.items(c, inner)
        return out

    def items(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        out: list[AnyAmendment] = []
        for item in tree.children:
            assert isinstance(item, Tree)
            body = next(c for c in item.children if isinstance(c, Tree))
            out += self.item(body, ctx)
        return out

    def item(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        kind = tree.data
        if kind in ("item_instruction", "item_to_read", "item_repeal"):
            return self.instruction(tree, _Ctx(cite=ctx.cite, source=ctx.source))
        if kind == "item_free":
            self.free.append(_restore(self.p, str(tree.children[0])))
            return []
        if kind == "item_scope_to_read":
            # `(A) in the first sentence to read as follows: “…”`
            where, matter = _first(tree, "scope"), _first(tree, "matter")
            assert where is not None and matter is not None
            inners = self.scopes(where, ctx)
            return self.unstood(lambda: [self.to_read(inner, matter, tree) for inner in inners])
        scope = _first(tree, "scope")
        out: list[AnyAmendment] = []
        for inner in self.scopes(scope, ctx) if scope is not None else [ctx]:
            for c in tree.children:
                if isinstance(c, Tree) and c.data == "action_series":
                    out += self.series(c, inner)
                elif isinstance(c, Tree) and c.data == "items":
                    out += self.items(c, inner)
        return out

    def scope(self, tree: Tree[Token], ctx: _Ctx) -> _Ctx:
        for loc in [c for c in tree.children if isinstance(c, Tree) and c.data.startswith("loc_")]:
            ctx = self.location(loc, ctx)
        return ctx

    def scopes(self, tree: Tree[Token], ctx: _Ctx) -> list[_Ctx]:
        """`in clauses (i) and (ii),` -> one context per provision (the actions apply in each)."""
        locs = [c for c in tree.children if isinstance(c, Tree) and c.data.startswith("loc_")]
        if not locs:
            return [ctx]
        *outer, last = locs
        for loc in outer:
            ctx = self.location(loc, ctx)
        refs = _subtrees(last, "provref")
        if last.data == "loc_prov" and refs:
            cites, join, new = self.provref(refs[0], ctx)
            if join:
                cites = self.expand(cites, join, refs[0])
                return [replace(new, cite=c, scope=Scope.TEXT, sentence=False) for c in cites]
        return [self.location(last, ctx)]

    def series(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        out: list[AnyAmendment] = []
        for action in _subtrees(tree, "action"):
            scope = _first(action, "scope")
            inners = self.scopes(scope, ctx) if scope is not None else [ctx]
            verb = next(
                (
                    c
                    for c in action.children
                    if isinstance(c, Tree) and c.data not in ("scope", "scope2", "noop", "toc_too")
                ),
                None,
            )
            if verb is None:
                continue
            too = _first(action, "toc_too")
            for inner in inners:
                if self.is_toc(inner.cite):
                    out += self.toc_verb(verb, inner)
                else:
                    out += self.unstood(partial(self.verb, verb, inner))
                if too is not None:
                    out.append(self.toc_too(too, verb, inner))
        return out

    def items_of(self, target: _Ctx) -> tuple[Container, tuple[str, ...]] | None:
        """A target naming items of a table (`the items relating to such sections in the table
        of contents of such Act`): the container whose table it is, and the items; else None."""
        if target.cite is None or target.cite.section not in self.items_struck:
            return None
        of = self.container_of(target.cite).parent
        assert of is not None
        return of, self.items_struck[target.cite.section]

    def toc_too(self, tree: Tree[Token], verb: Tree[Token], ctx: _Ctx) -> AmendTableOfContents:
        """`(and by striking the item relating to such section in the table of sections for such
        subpart)` after `by striking section 215`: the items of the sections the verb names, out
        of the table of the container named (`such subpart`: the one the words are in)."""
        what = _first(tree, "toc_what")
        assert what is not None
        words = _restore(self.p, self.span(what))
        if re.fullmatch(r"such\s+sections?", words, re.IGNORECASE):
            named = [
                f"section {n}"
                for ref in verb.find_data("ref_section")
                for n in _toks(ref, "SECNUM")
            ]
            if not named:
                raise self.fail("expected sections named before `such section`, found none", what)
            items = tuple(named)
        else:
            items = (words,)
        of = _child_named(tree, ("toc_containers", "toc_source", "toc_provref", "toc_such"))
        if of.data == "toc_such":
            kind = str(of.children[0]).split()[-1].lower()
            if not self.is_stand_in(ctx.cite):
                raise self.fail(f"expected the {kind} the words are in, found none", of)
            assert ctx.cite is not None
            whole = self.container_of(ctx.cite)
            if not whole.path or whole.path[-1][0] != kind or whole.provision:
                raise self.fail(f"expected the {kind} the words are in, found {whole}", of)
        else:
            toc = _toks(tree, "TOC")
            (table,) = self.target(Tree("t_toc", [Token("TOC", toc[0]), of], tree.meta), ctx)
            assert table.cite is not None
            parent = self.container_of(table.cite).parent
            assert parent is not None
            whole = parent
        return AmendTableOfContents(whole, items, label=self.label)

    # -- law a Cite cannot name ----------------------------------------------------------------

    def unstood(self, read: Callable[[], Sequence[AnyAmendment]]) -> list[AnyAmendment]:
        """Read an action; every stand-in cite in what it yields becomes the `Container` it
        stands for, so the amendment keeps its verb and fields whatever law it amends."""
        return [self.to_container(a) for a in read()]

    def to_container(self, a: AnyAmendment) -> AnyAmendment:
        """An amendment with its stand-in cites replaced by the containers they stand for; new
        sections added to a container (or after one of its sections) become `AddToContainer`."""
        if isinstance(a, AddToContainer | AmendTableOfContents):
            return a
        if isinstance(a, InsertProvisions):
            a = replace(a, anchor=self.target_of_cite(a.anchor))
        elif isinstance(a, Redesignate):
            a = replace(a, targets=tuple(self.target_of_cite(t) for t in a.targets))
        elif isinstance(a, StrikeProvision):
            through = self.target_of_cite(a.through) if a.through is not None else None
            a = replace(a, target=self.target_of_cite(a.target), through=through)
        else:
            a = replace(a, target=self.target_of_cite(a.target))
        if isinstance(a, Strike | StrikeInsert | Insert) and a.except_in:
            a = replace(a, except_in=tuple(self.target_of_cite(t) for t in a.except_in))
        if (
            isinstance(a, AddAtEnd)
            and isinstance(a.target, Container)
            and not a.target.provision
            and _all_sections(a.provisions)
        ):
            return AddToContainer(a.target, a.provisions, label=self.label)
        if (
            isinstance(a, InsertProvisions)
            and isinstance(a.anchor, Container)
            and not a.before
            and not a.anchor.provision
            and a.anchor.path
            and a.anchor.path[-1][0] == "section"
            and _all_sections(a.provisions)
        ):
            parent = Container(a.anchor.source, a.anchor.path[:-1], (), a.anchor.usc)
            return AddToContainer(
                parent, a.provisions, after=a.anchor.path[-1][1], label=self.label
            )
        return a

    def target_of_cite(self, t: Target) -> Target:
        """A target the reader made: a stand-in cite becomes the container it stands for."""
        return self.container_of(t) if isinstance(t, Cite) and self.is_stand_in(t) else t

    def toc_verb(self, verb: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        """An action on a table of contents: strike items, insert items after one, add items at
        the end; any other action is an ordinary amendment of the table's text."""
        assert ctx.cite is not None
        container = self.container_of(ctx.cite)
        whole = container.parent
        assert whole is not None  # a table of contents is always the table of something

        def item_words(tree: Tree[Token]) -> str:
            what = _first(tree, "toc_what")
            assert what is not None
            return _restore(self.p, self.span(what))

        def new_items(tree: Tree[Token]) -> tuple[str, ...]:
            matters = tree.find_pred(lambda t: t.data == "matter")
            return tuple(item for m in matters for item in _toc_items(self.matter_text(m)))

        if verb.data == "strike_item":
            return [
                AmendTableOfContents(whole, (item_words(verb),), new_items(verb), label=self.label)
            ]
        if verb.data == "insert_item":
            pos = _child_named(verb, ("after", "before"))
            if pos.data == "after":
                return [
                    AmendTableOfContents(
                        whole, (), new_items(verb), item_words(verb), label=self.label
                    )
                ]
            return [
                AmendTableOfContents(
                    whole, (), new_items(verb), label=self.label, before=item_words(verb)
                )
            ]
        if verb.data in ("add_end", "add_text") and _loc(verb) is None:
            return [AmendTableOfContents(whole, (), new_items(verb), label=self.label)]
        if verb.data == "amend_heading":
            # `by striking the part heading for part B of title IV and inserting the following:
            # “PART B—…”`: the item for that part, struck and replaced
            href = _first(verb, "heading_ref")
            loc = _loc(href) if href is not None else None
            if loc is not None:
                part = _restore(self.p, self.span(loc))
                return [AmendTableOfContents(whole, (part,), new_items(verb), label=self.label)]
        return self.unstood(partial(self.verb, verb, ctx))

    # -- verbs --------------------------------------------------------------------------------

    def text_target(self, ctx: _Ctx, tree: Tree[Token], each: bool) -> Cite:
        if ctx.sentence and each:
            raise self.fail(
                "expected a scope billdraft can search exactly, found a sentence of a provision "
                "with each place it appears",
                tree,
            )
        return self.need(ctx, tree)

    def occurrence(self, tree: Tree[Token] | None) -> tuple[bool, int | None]:
        if tree is None:
            return False, None
        if tree.data in ("each", "each_except"):
            return True, None
        m = re.search("|".join([*_ORDINALS, "last"]), str(tree.children[0]), re.I)
        assert m is not None
        if m[0].lower() == "last":
            raise self.fail("expected an occurrence by number, found `the last place`", tree)
        return False, _ORDINALS[m[0].lower()]

    def excepted(self, tree: Tree[Token] | None, ctx: _Ctx) -> tuple[Cite, ...]:
        """`each place it appears except in subsection (c)`: the provisions left alone."""
        if tree is None or tree.data != "each_except":
            return ()
        out: list[Cite] = []
        for loc in tree.children:
            if not (isinstance(loc, Tree) and loc.data.startswith("loc_")):
                continue
            refs = _subtrees(loc, "provref")
            if loc.data != "loc_prov" or not refs:
                raise self.fail("expected provisions after `except in`, found other words", loc)
            cites, join, _ = self.provref(refs[0], ctx)
            out += self.expand(cites, join, refs[0])
        return tuple(out)

    def at_end(self, tree: Tree[Token] | None, ctx: _Ctx) -> tuple[bool, _Ctx]:
        if tree is None:
            return False, ctx
        loc = _loc(tree)
        inner = self.location(loc, ctx) if loc is not None else ctx
        return tree.data == "at_end", inner

    def punct(self, tree: Tree[Token]) -> str:
        word = re.sub(r"^the\s+", "", str(tree.children[0]).lower())
        return _PUNCT[re.sub(r"\s+", " ", word)]

    def insert_what(self, tree: Tree[Token]) -> tuple[str | None, tuple[NewProvision, ...] | None]:
        if tree.data == "insert_punct":
            p = _first(tree, "punct")
            assert p is not None
            return self.punct(p), None
        if tree.data in ("ins_semicolon", "ins_period", "ins_comma"):
            return {"ins_semicolon": ";", "ins_period": ".", "ins_comma": ","}[tree.data], None
        matter = _first(tree, "matter")
        assert matter is not None
        return self.matter_text(matter), self.matter_provisions(matter)

    def verb(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        handler = getattr(self, "v_" + tree.data)
        result: list[AnyAmendment] = handler(tree, ctx)
        return result

    def v_strike(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        return self.strike(tree, ctx, None)

    def v_strike_insert(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        what = _first(tree, "insert_what") or _child_named(tree, "ins")
        return self.strike(tree, ctx, what)

    def v_strike_insert_occ(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        return self.v_strike_insert(tree, ctx)

    def several(self, tree: Tree[Token] | None, ctx: _Ctx) -> list[_Ctx]:
        """`in paragraphs (1) and (2)` after the struck words: one context per provision (none
        when the words name one provision or none)."""
        if tree is None or tree.data != "in_loc":
            return []
        loc = _loc(tree)
        refs = _subtrees(loc, "provref") if loc is not None else []
        if loc is None or loc.data != "loc_prov" or not refs:
            return []
        cites, join, new = self.provref(refs[0], ctx)
        if not join:
            return []
        cites = self.expand(cites, join, refs[0])
        return [replace(new, cite=c, scope=Scope.TEXT, sentence=0) for c in cites]

    def strike(
        self, tree: Tree[Token], ctx: _Ctx, insert: Tree[Token] | None, *, bare: bool = False
    ) -> list[AnyAmendment]:
        """`by striking …` (and inserting `insert`); `bare`: in `ctx` itself, not the place the
        struck words name (already read into `ctx`)."""
        what = _child_named(tree, "s_")
        text, provisions = self.insert_what(insert) if insert is not None else (None, None)
        trailing_occ = _occ(tree)
        if what.data == "s_prov":
            provref = _first(what, "provref")
            assert provref is not None
            cites, join, _ = self.provref(provref, ctx)
            first = cites[0]
            through_cite = cites[-1] if len(cites) > 1 else None
            if join == "and" and insert is None and not _adjacent(cites):
                # `by striking subsections (a) and (d)`, `paragraphs (1), (2), (3), and (4)`;
                # two neighbours (`subparagraphs (B) and (C)`) stay one range, as before
                return [StrikeProvision(cite, label=self.label) for cite in cites]
            if join == "and" and len(cites) > 2:
                raise self.fail("expected two provisions joined by `and`, found more", what)
            superior = _toks(what, "SUPERIOR")
            if superior:
                first, through_cite = self.superior(superior[0], first, through_cite, what)
            new_text: str | None = None
            if insert is not None and provisions is None:
                if not self.is_stand_in(first) or insert.data != "insert_what" or text is None:
                    raise self.fail(
                        "expected quoted provisions to insert in place of a provision, found text",
                        insert,
                    )
                new_text = text  # rows of the Harmonized Tariff Schedule, say: quoted as text
            replacement = self.fit(provisions, first, same=True) if provisions else ()
            return [StrikeProvision(first, through_cite, replacement, new_text, label=self.label)]
        if what.data == "s_precedes":
            # `by striking all that precedes “X” and inserting “Y”`
            m = _first(what, "matter")
            assert m is not None
            target = self.text_target(ctx, what, False)
            return [
                StrikeThrough(
                    target,
                    self.matter_text(m),
                    None,
                    text,
                    scope=ctx.scope,
                    label=self.label,
                    precedes=True,
                )
            ]
        if what.data == "s_through":
            m = _first(what, "matter")
            assert m is not None
            start = self.matter_text(m)
            thr = (
                _first(what, "through")
                or _first(what, "through_end")
                or _first(what, "through_prov")
            )
            through: str | None = None
            if thr is not None and thr.data == "through":
                tm = _first(thr, "matter")
                tp = _first(thr, "punct")
                through = (
                    self.matter_text(tm)
                    if tm is not None
                    else (self.punct(tp) if tp is not None else None)
                )
                end = _first(thr, "at_end") or _first(thr, "in_loc")
                if end is not None:
                    # `and all that follows through the period at the end`: through the end of
                    # the text, whose last mark that is (never the first such mark after it)
                    if end.data != "at_end" or _loc(end) is not None:
                        raise self.fail(
                            "expected `through the period at the end` of the provision amended, "
                            "found the end of another",
                            end,
                        )
                    through = None
            elif thr is not None and thr.data == "through_end_here":
                through = None
            elif thr is not None:
                raise self.fail("expected text to strike through, found a provision", thr)
            target = self.text_target(ctx, what, False)
            return [StrikeThrough(target, start, through, text, scope=ctx.scope, label=self.label)]
        occ_tree = _occ(what) or trailing_occ
        each, occurrence = self.occurrence(occ_tree)
        at_end_tree = _first(what, "at_end") or _first(what, "in_loc")
        several = self.several(at_end_tree, ctx) if not bare else []
        if several:
            # `by striking “$1” both places it appears in paragraphs (1) and (2)`
            return [a for inner in several for a in self.strike(tree, inner, insert, bare=True)]
        at_end, inner = self.at_end(at_end_tree, ctx) if not bare else (False, ctx)
        if what.data == "s_punct":
            p = _first(what, "punct")
            assert p is not None
            struck = self.punct(p)
        else:
            m = _first(what, "matter")
            assert m is not None
            struck = self.matter_text(m)
        target = self.text_target(inner, what, each)
        left = self.excepted(occ_tree, inner)
        if text is None:
            return [
                Strike(
                    target,
                    struck,
                    each,
                    occurrence,
                    at_end,
                    inner.scope,
                    label=self.label,
                    except_in=left,
                )
            ]
        return [
            StrikeInsert(
                target,
                struck,
                text,
                each,
                occurrence,
                at_end,
                inner.scope,
                label=self.label,
                except_in=left,
            )
        ]

    def superior(
        self, words: str, first: Cite, through: Cite | None, tree: Tree[Token]
    ) -> tuple[Cite, Cite]:
        """`subheadings X through Y and the immediate superior text to subheading X` -> the
        strike runs from the superior text to X (the row above it) through Y."""
        if not self.is_stand_in(first):
            raise self.fail(
                "expected superior text only in the Harmonized Tariff Schedule, "
                "found it in a provision of the Code",
                tree,
            )
        container = self.container_of(first)
        last, parent = container.last, container.parent
        m = re.search(r"\d[\d.]*\d", words)
        assert m is not None  # the SUPERIOR terminal ends in a number
        if last is None or parent is None or last[1] != m[0]:
            raise self.fail(
                f"expected the superior text to the first {last[0] if last else 'heading'} struck "
                f"({last[1] if last else ''}), found the superior text to {m[0]}",
                tree,
            )
        row = self.stand_in(parent.child(f"superior text to {last[0]}", last[1]))
        return row, through if through is not None else first

    def v_insert_text(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        matter = _first(tree, "matter")
        assert matter is not None
        text = self.matter_text(matter)
        return self.insert_at(tree, ctx, text)

    def v_insert_text_following(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        matter = _first(tree, "matter")
        assert matter is not None
        return self.insert_at(tree, ctx, self.matter_text(matter))

    def v_insert_at_end_following(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        """`by adding at the end before the period the following: “…”`."""
        done = self.v_insert_text_following(tree, ctx)
        return [replace(a, at_end=True) if isinstance(a, Insert) else a for a in done]

    def v_strike_sentence(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        """`by striking the last sentence` (`and inserting the following: “…”`)."""
        which = self.sentence_number(tree)
        insert = _first(tree, "insert_what")
        text = self.insert_what(insert)[0] if insert is not None else None
        target = self.need(ctx, tree)
        return [AmendSentence(target, which, True, text, ctx.scope, label=self.label)]

    def v_insert_sentence(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        """`by inserting after the first sentence the following: “…”`."""
        pos = _child_named(tree, ("after", "before"))
        if pos.data == "before":
            raise self.fail("expected text inserted after a sentence, found before", tree)
        matter = _first(tree, "matter")
        assert matter is not None
        target = self.need(ctx, tree)
        return [
            AmendSentence(
                target,
                self.sentence_number(tree),
                False,
                self.matter_text(matter),
                ctx.scope,
                label=self.label,
            )
        ]

    def sentence_number(self, tree: Tree[Token]) -> int:
        return _ordinal(_toks(tree, "SENTENCE")[0])

    def v_strike_container(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        """`Chapter 32 of the Internal Revenue Code of 1986 is amended by striking subchapter E`."""
        base = self.base_container(ctx, tree)
        kind, des = _toks(tree, "CONTAINER")[0].lower(), _toks(tree, "ID")[0]
        return [StrikeProvision(self.stand_in(base.child(kind, des)), label=self.label)]

    def v_strike_anchored(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        """`by striking “and” after the semicolon`, `by striking the comma after “in the
        agreement”`: the struck words are found next to their anchor, so the amendment replaces
        the anchor and the struck words together by the anchor (and any inserted words) — the
        same text, found exactly as the bill places it."""
        pos = _child_named(tree, ("after", "before"))
        anchor = _child_named(tree, "a_")
        if anchor.data == "a_end" or _occ(anchor) is not None or _first(anchor, "at_end"):
            raise self.fail("expected struck words next to quoted words or punctuation", anchor)
        where = _first(anchor, "in_loc")
        if where is not None:
            if self.several(where, ctx):
                raise self.fail("expected one provision the words are in, found several", where)
            ctx = self.at_end(where, ctx)[1]
        m, p = _first(tree, "matter"), _first(tree, "punct")
        struck = self.matter_text(m) if m is not None else self.punct(p) if p is not None else ""
        am, ap = _first(anchor, "matter"), _first(anchor, "punct")
        near = self.matter_text(am) if am is not None else self.punct(ap) if ap is not None else ""
        insert = _first(tree, "insert_what")
        new = self.insert_what(insert)[0] if insert is not None else None
        if insert is not None and new is None:
            raise self.fail("expected words to insert, found provisions", insert)

        def joined(a: str, b: str) -> str:
            return a + b if not b or b[0] in ",.;:)”" or not a or a[-1] in "(“" else f"{a} {b}"

        if pos.data == "after":
            old, kept = joined(near, struck), joined(near, new) if new else near
        else:
            old, kept = joined(struck, near), joined(new, near) if new else near
        target = self.text_target(ctx, tree, False)
        return [StrikeInsert(target, old, kept, scope=ctx.scope, label=self.label)]

    def v_insert_sequence(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        raise self.fail(
            "expected a place named by a provision or by quoted words, found `in numerical "
            "sequence` (no amendment type places new matter by its number)",
            tree,
        )

    def v_strike_item(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        raise self.fail("expected an item of a table of contents, found one elsewhere", tree)

    def v_insert_item(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        return self.v_strike_item(tree, ctx)

    def fit(
        self, provisions: tuple[NewProvision, ...], target: Cite, *, same: bool
    ) -> tuple[NewProvision, ...]:
        """Quoted provisions at the level their place calls for, where a designation could be
        either (“(C)”: a subparagraph or a subclause; “(i)”: a subsection or a clause)."""
        if self.is_stand_in(target):
            return provisions
        depth = len(target.path) + (0 if same else 1)
        if depth >= len(LEVELS):
            return provisions
        want = LEVELS[depth]
        out = []
        for p in provisions:
            shift = depth - LEVELS.index(p.level)
            if (
                shift
                and re.fullmatch(_STYLE[want], p.designation)
                and re.fullmatch(_STYLE[p.level], p.designation)
                and _deepest(p) + shift < len(LEVELS)
            ):
                p = _shift(p, shift)
            out.append(p)
        return tuple(out)

    def insert_at(self, tree: Tree[Token], ctx: _Ctx, text: str) -> list[AnyAmendment]:
        """`inserting “X” after “Y”` (`in paragraphs (1) and (2)`: one insertion in each)."""
        anchor = _child_named(tree, "a_")
        where = _first(anchor, "in_loc")
        places = self.several(where, ctx)
        if places:
            return [self.insert_one(tree, place, text) for place in places]
        if where is not None:
            ctx = self.at_end(where, ctx)[1]
        return [self.insert_one(tree, ctx, text)]

    def insert_one(self, tree: Tree[Token], ctx: _Ctx, text: str) -> Insert:
        pos = _first(tree, "after") or _first(tree, "before")
        pos_tree = _child_named(tree, ("after", "before"))
        del pos
        anchor = next(
            c
            for c in tree.children
            if isinstance(c, Tree) and c.data in ("a_text", "a_punct", "a_end")
        )
        if anchor.data == "a_end":
            loc = _loc(anchor)
            assert loc is not None
            inner = self.location(loc, ctx)
            return Insert(self.need(inner, anchor), text, scope=inner.scope, label=self.label)
        each, occurrence = self.occurrence(_occ(anchor))
        at_end = False
        inner = ctx
        if anchor.data == "a_punct":
            p = _first(anchor, "punct")
            assert p is not None
            anchor_text = self.punct(p)
            at_end, inner = self.at_end(_first(anchor, "at_end"), ctx)
        else:
            m = _first(anchor, "matter")
            assert m is not None
            anchor_text = self.matter_text(m)
        target = self.text_target(inner, anchor, each)
        before = anchor_text if pos_tree.data == "before" else None
        after = anchor_text if pos_tree.data == "after" else None
        return Insert(
            target,
            text,
            before,
            after,
            each,
            occurrence,
            at_end,
            inner.scope,
            label=self.label,
            except_in=self.excepted(_occ(anchor), inner),
        )

    def v_insert_provisions(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        pos_tree = _child_named(tree, ("after", "before"))
        provref = _first(tree, "provref")
        matter = _first(tree, "matter")
        assert provref is not None and matter is not None
        cites, _join, _ = self.provref(provref, ctx)
        provisions = self.matter_provisions(matter)
        if provisions is None:
            raise self.fail("expected quoted provisions to insert, found text", matter)
        anchor = cites[-1] if pos_tree.data == "after" else cites[0]
        provisions = self.fit(provisions, anchor, same=True)
        return [InsertProvisions(anchor, provisions, pos_tree.data == "before", label=self.label)]

    def v_add_end(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        loc = _loc(tree)
        inner = self.location(loc, ctx) if loc is not None else ctx
        matter = _first(tree, "matter")
        assert matter is not None
        provisions = self.matter_provisions(matter)
        target = self.need(inner, tree)
        if provisions is None:
            return [Insert(target, self.matter_text(matter), scope=inner.scope, label=self.label)]
        return [AddAtEnd(target, self.fit(provisions, target, same=False), label=self.label)]

    def v_add_text(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        loc = _loc(tree)
        inner = self.location(loc, ctx) if loc is not None else ctx
        matter = _first(tree, "matter")
        assert matter is not None
        return [
            Insert(
                self.need(inner, tree),
                self.matter_text(matter),
                scope=inner.scope,
                label=self.label,
            )
        ]

    def v_add_text_after(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        return self.v_add_text(tree, ctx)

    def v_redesignate(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        refs = _subtrees(tree, "provref")
        old, old_join, _ = self.provref(refs[0], ctx)
        new, new_join, _ = self.provref(refs[1], ctx)
        old = self.expand(old, old_join, refs[0])
        new = self.expand(new, new_join, refs[1])
        if len(old) != len(new):
            raise self.fail(
                f"expected as many new designations as provisions, found {len(old)} and {len(new)}",
                tree,
            )
        designations = tuple(c.path[-1] if c.path else c.section for c in new)
        try:
            return [Redesignate(tuple(old), designations, label=self.label)]
        except ValueError as e:
            raise self.fail(f"expected sibling provisions to redesignate: {e}", tree) from e

    def expand(self, cites: list[Cite], join: str, tree: Tree[Token]) -> list[Cite]:
        """`paragraphs (4) through (7)` -> (4), (5), (6), (7)."""
        if join != "through" or len(cites) != 2:
            return cites
        a, b = cites
        first, last = a.path[-1], b.path[-1]
        levels = [
            _LEVEL_NAMES.get(w.lower(), "")
            for r in tree.find_data("ref_level")
            for w in _toks(r, "LEVEL")
        ]
        seq = _designations_between(first, last, roman=bool(levels) and levels[0] in _ROMAN_LEVELS)
        if seq is None:
            raise self.fail(
                f"expected a range of designations, found ({first}) through ({last})", tree
            )
        parent = a.parent
        assert parent is not None
        return [parent.child(d) for d in seq]

    def v_amend_to_read(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        loc = _loc(tree)
        matter = _first(tree, "matter")
        assert loc is not None and matter is not None
        refs = _subtrees(loc, "provref")
        if loc.data == "loc_prov" and refs:
            cites, join, _ = self.provref(refs[0], ctx)
            if join:
                return self.to_read_several(self.expand(cites, join, refs[0]), matter, tree)
        inner = self.location(loc, ctx)
        if inner.scope is Scope.HEADING:
            return [
                AmendHeading(self.need(inner, tree), self.matter_text(matter), label=self.label)
            ]
        return [self.to_read(inner, matter, tree)]

    def to_read_several(
        self, cites: list[Cite], matter: Tree[Token], tree: Tree[Token]
    ) -> list[AnyAmendment]:
        """`by amending subparagraphs (C), (D), and (E) to read as follows:` with the new (C),
        (D) and (E) quoted: each provision reads as the quoted one of its designation."""
        provisions = self.matter_provisions(matter)
        named = [c.path[-1] if c.path else c.section for c in cites]
        if provisions is None or [p.designation for p in provisions] != named:
            raise self.fail(
                f"expected quoted provisions ({'), ('.join(named)}) to read as follows, found "
                + (
                    "text"
                    if provisions is None
                    else "(" + "), (".join(p.designation for p in provisions) + ")"
                ),
                matter,
            )
        return [
            AmendToRead(c, self.fit((p,), c, same=True)[0], label=self.label)
            for c, p in zip(cites, provisions, strict=True)
        ]

    def v_amend_heading(self, tree: Tree[Token], ctx: _Ctx) -> list[AnyAmendment]:
        href = _first(tree, "heading_ref")
        matter = _first(tree, "matter")
        assert href is not None and matter is not None
        loc = _loc(href)
        inner = self.location(loc, ctx) if loc is not None else ctx
        return [AmendHeading(self.need(inner, tree), self.matter_text(matter), label=self.label)]


# --- API ---------------------------------------------------------------------------------


def _parse(
    text: str,
    *,
    acts: ActIndex | None,
    new_matter: Sequence[NewMatter | NewProvision],
    context: Cite | Container | None,
    source: str | None,
    label: str,
    default: str | None = None,
) -> tuple[list[AnyAmendment], _Ctx, tuple[str, ...], Cite | Container | None, tuple[str, ...]]:
    p = prepare(text)
    _check_size(p, label)
    read = partial(
        _read,
        p,
        text,
        acts=acts,
        new_matter=new_matter,
        context=context,
        source=source,
        label=label,
        default=default,
    )
    quick = fast.parse(p.text)
    refused: InstructionParseError | None = None
    if quick is not None:
        try:
            return read(_unfactor(quick))
        except _WordsRefused as w:
            raise w.error from None
        except InstructionParseError as e:
            refused = e  # the Earley parse may read the words otherwise; its reading decides
    try:
        tree = _unfactor(_parser().parse(p.text, start="start"))
    except UnexpectedInput as e:
        if refused is not None:
            raise refused from None
        pos = e.pos_in_stream if isinstance(e, UnexpectedCharacters) else len(p.text)
        if isinstance(e, UnexpectedEOF):
            pos = len(p.text)
        pos = pos or 0
        stopped = _stopped_at(p, pos)
        raise InstructionParseError(
            f"expected amendatory language the grammar knows, found “{stopped}”"
            + (f" ({label})" if label else ""),
            stopped_at=stopped,
            text=text,
        ) from None
    try:
        return read(tree)
    except _WordsRefused as w:
        raise w.error from None


def _read(
    p: Prepared,
    text: str,
    tree: Tree[Token],
    *,
    acts: ActIndex | None,
    new_matter: Sequence[NewMatter | NewProvision],
    context: Cite | Container | None,
    source: str | None,
    label: str,
    default: str | None,
) -> tuple[list[AnyAmendment], _Ctx, tuple[str, ...], Cite | Container | None, tuple[str, ...]]:
    """The amendments a parse tree of the prepared text `p` of `text` says."""
    reader = _Reader(p, acts, new_matter, label, prior=source, default=default)
    instr = next(c for c in tree.children if isinstance(c, Tree) and c.data != "preamble")
    try:
        reader.such = context
        amendments = reader.instruction(instr, _Ctx())
    except _Fail as f:
        message = reader.unstand(f.message)
        error = InstructionParseError(
            message + (f" ({label})" if label else ""), stopped_at=f.phrase, text=text
        )
        if f.of_words:
            raise _WordsRefused(error) from None
        raise error from None
    except CitationError as e:  # a container or citation refused its parts
        raise InstructionParseError(e.message, stopped_at=text[:60], text=text) from None
    except ValueError as e:  # an amendment type refused its fields
        raise InstructionParseError(str(e), stopped_at=text[:60], text=text) from None
    if not amendments:
        raise InstructionParseError(
            "expected at least one amendment, found only words that change nothing",
            stopped_at=text[:60],
            text=text,
        )
    return (
        amendments,
        reader.last,
        tuple(reader.free),
        reader.carried(reader.last.cite),
        p.misprints,
    )


def parse_instruction(
    text: str,
    *,
    acts: ActIndex | None = None,
    new_matter: Sequence[NewMatter | NewProvision] = (),
    context: Cite | None = None,
    label: str = "",
    source: str | None = None,
    default: str | None = None,
) -> list[AnyAmendment]:
    """Parse one amendatory instruction into amendments; raise InstructionParseError if unparsable.

    `new_matter` holds the quoted blocks the text's `‹BLOCK›` marks stand for; `context` is the
    provision `such section` refers to and `source` the Act or title `such Act`/`such Code` names;
    `default` is the Act or title a bare `section N` belongs to (a convention of the bill, see
    `conventions`). Without it a bare section is an error, never the last Act named. Misprints
    whose meaning is evident are read as meant; `prepare(text).misprints` (and
    `ParsedInstruction.misprints` from `parse_bill`) says which.
    """
    amendments, *_ = _parse(
        text,
        acts=acts,
        new_matter=new_matter,
        context=context,
        source=source,
        label=label,
        default=default,
    )
    return amendments


_CONVENTION = re.compile(
    r"whenever\s+in\s+this\s+(?P<scope>Act|division|title|subtitle|part|chapter)\s*,?\s+an\s+"
    r"amendment\s+or\s+repeal\s+is\s+expressed\s+in\s+terms\s+of\s+an\s+amendment\s+to\s*,?\s*"
    r"or\s+(?:a\s+)?repeal\s+of\s*,?\s*a\s+section\s+or\s+other\s+provision\s*,?\s+the\s+"
    r"reference\s+shall\s+be\s+considered\s+to\s+be\s+made\s+to\s+a\s+section\s+or\s+other\s+"
    r"provision\s+of\s+(?P<source>.+?)\s*\.?\s*$",
    re.IGNORECASE | re.DOTALL,
)
"""The convention of tax and other bills (House Legislative Counsel's Manual on Drafting Style,
§ 321): `Except as otherwise expressly provided, whenever in this title an amendment or repeal is
expressed in terms of an amendment to, or repeal of, a section or other provision, the reference
shall be considered to be made to a section or other provision of the Internal Revenue Code of
1986.`"""


def conventions(bill: Bill) -> list[tuple[tuple[str, ...], str]]:
    """The bill's conventions on what a bare `section N` names: for each, the part of the bill it
    holds in (its divisions and titles, outermost first; () for the whole bill) and the Act or
    title it names."""
    out: list[tuple[tuple[str, ...], str]] = []
    texts = [(f.text, f.within) for f in bill.freestanding]
    for text, within in texts:
        for sentence in re.split(r"(?<=\.)\s+(?=\(?[A-Z(])", text):
            m = _CONVENTION.search(sentence)
            if m is None:
                continue
            scope = m["scope"].lower()
            if scope == "act":
                part = tuple(w for w in within if w.startswith("division "))[:1]
            else:
                kinds = [w.split()[0] for w in within]
                if scope not in kinds:
                    continue  # `this title` outside any title of the bill: not understood
                part = within[: kinds.index(scope) + 1]
            source = re.sub(r"\s+", " ", m["source"]).strip()
            source = "the" + source[3:] if source.startswith("The ") else source
            out.append((part, source))
    return out


def _convention_for(
    found: list[tuple[tuple[str, ...], str]], within: tuple[str, ...]
) -> str | None:
    """The Act a bare `section N` names where an instruction sits: the innermost convention."""
    best: tuple[int, str] | None = None
    for part, source in found:
        if within[: len(part)] == part and (best is None or len(part) > best[0]):
            best = (len(part), source)
    return best[1] if best else None


def parse_bill(bill: Bill, *, acts: ActIndex | None = None) -> list[ParsedInstruction]:
    """Parse every instruction of a bill, in order; a failure is recorded, never dropped."""
    out: list[ParsedInstruction] = []
    cite: Cite | Container | None = None  # what `such section` refers to
    source: str | None = None  # what `such Act` refers to
    known = conventions(bill)
    for ins in bill.instructions:
        default = _convention_for(known, ins.within)
        try:
            amendments, last, free, carried, misprints = _parse(
                ins.text,
                acts=acts,
                new_matter=ins.new_matter,
                context=cite,
                source=source,
                label=ins.label,
                default=default,
            )
            cite = carried if last.cite is not None else cite
            source = last.source or source
            out.append(ParsedInstruction(ins, tuple(amendments), None, free, misprints))
        except InstructionParseError as e:
            subject = _subject(ins.text, acts, cite, source, default)
            if subject is not None:
                cite, source = subject[0], subject[1] or source
            else:
                source = _source_named(ins.text) or source
            read = subject[2] if subject is not None else None
            out.append(ParsedInstruction(ins, None, e, subject=read))
    return out


_STYLE = {
    "section": r"\d+[A-Za-z]*(?:[–-]\d+[A-Za-z]*)*",
    "subsection": r"[a-z]+",
    "paragraph": r"\d+[A-Za-z]*",
    "subparagraph": r"[A-Z]+",
    "clause": r"[ivxlc]+",
    "subclause": r"[IVXLC]+",
    "item": r"([a-z])\1*",
    "subitem": r"([A-Z])\1*",
}


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _number(designation: str) -> int | None:
    """A designation's place among its siblings: `3` -> 3, `c` -> 3, `iv` -> 4 (None if unknown)."""
    d = designation.lower()
    if d.isdigit():
        return int(d)
    if re.fullmatch("[ivxlc]+", d) and len(d) > 1:
        values = [_ROMAN[ch] for ch in d]
        return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))
    if len(d) == 1 and d.isalpha():
        return ord(d) - ord("a") + 1
    return None


def _adjacent(cites: Sequence[Cite]) -> bool:
    """Whether two provisions are neighbours (`(B) and (C)`), so striking both is one range."""
    if len(cites) != 2 or not (cites[0].path and cites[1].path):
        return False
    a, b = cites[0].path[-1], cites[1].path[-1]
    na, nb = _number(a), _number(b)
    same_kind = a.isdigit() == b.isdigit() and a.islower() == b.islower()
    return cites[0].parent == cites[1].parent and same_kind and na is not None and nb == na + 1


_TOC_LINE = re.compile(
    r"\s+“(?=Sec\.|SEC\.|(?:Sections?|(?:Sub)?(?:title|chapter|part|division)|"
    r"(?:Sub)?(?:Title|Chapter|Part|Division)|(?:SUB)?(?:TITLE|CHAPTER|PART|DIVISION))\b)"
)
"""Where the next item of a quoted block of table items starts: GPO opens each line with “."""


def _toc_items(text: str) -> tuple[str, ...]:
    """The items of a table of contents a quoted block gives, one per line."""
    return tuple(item.strip() for item in _TOC_LINE.split(text) if item.strip())


_ROMAN_LEVELS = frozenset({"clause", "subclause"})
"""The levels designated by roman numerals: (i), (ii) …; (I), (II) …"""


def _designations_between(first: str, last: str, *, roman: bool) -> list[str] | None:
    """`(4) through (7)`, `(C) through (F)`, `(aa) through (dd)`, and at a level of roman
    numerals `(iii) through (vii)`: every designation from `first` to `last`; None when the two
    are not of one kind or not in order."""
    if first.isdigit() and last.isdigit():
        return [str(n) for n in range(int(first), int(last) + 1)] or None
    if roman and (first.islower() == last.islower()):
        a, b = roman_value(first), roman_value(last)
        if a is not None and b is not None and a <= b:
            upper = first.isupper()
            return [
                roman_numeral(n).upper() if upper else roman_numeral(n) for n in range(a, b + 1)
            ]
    same = len(set(first)) == 1 and len(set(last)) == 1 and len(first) == len(last)
    if same and first.isalpha() and last.isalpha() and first.islower() == last.islower():
        n = len(first)
        seq = [chr(c) * n for c in range(ord(first[0]), ord(last[0]) + 1)]
        return seq or None
    return None


def _ordinal(words: str) -> int:
    """`the second sentence` -> 2; `the last sentence` -> -1."""
    word = words.split()[1].lower()
    return -1 if word == "last" else _ORDINALS[word]


def _deepest(p: NewProvision) -> int:
    return max([LEVELS.index(p.level), *(_deepest(c) for c in p.children)])


def _shift(p: NewProvision, by: int) -> NewProvision:
    """A quoted provision and its subdivisions moved `by` levels."""
    return replace(
        p,
        level=LEVELS[LEVELS.index(p.level) + by],
        children=tuple(_shift(c, by) for c in p.children),
    )


def _all_sections(provisions: Sequence[NewProvision]) -> bool:
    return bool(provisions) and all(p.level == "section" for p in provisions)


def _section_level(c: Container) -> Container:
    """The section of an Act a container names, without the designations below it."""
    return replace(c, provision=())


def _subject(
    text: str,
    acts: ActIndex | None,
    cite: Cite | Container | None,
    source: str | None,
    default: str | None,
) -> tuple[Cite | Container | None, str | None, Cite | Container | None] | None:
    """What an instruction that did not parse amends (its words up to `is amended`): what `such
    section` in the next one refers to, the Act it names, and the target itself; None when that
    is not understood either."""
    try:
        p = prepare(text)  # refuses an unclosed quotation, as the instruction's parse did
        _check_size(p, "")
        tree = fast.parse(p.text, start="subject") or _parser().parse(p.text, start="subject")
    except InstructionParseError:
        return None
    except UnexpectedInput:
        return None
    reader = _Reader(p, acts, (), "", prior=source, default=default)
    subjects = _first(tree, "subjects")
    reader.such = cite
    try:
        targets = reader.targets(subjects, _Ctx()) if subjects is not None else []
    except (_Fail, CitationError, ValueError):
        return None
    if not targets:
        return None
    last = targets[-1].cite
    target = reader.container_of(last) if last is not None and reader.is_stand_in(last) else last
    return reader.carried(last), targets[-1].source, target


def _source_named(text: str) -> str | None:
    """The Act or title an unparsed instruction names, so that `such Act` after it still works."""
    m = re.search(r"title \d+[A-Za-z]*, United States Code", text)
    if m:
        return m[0]
    m = re.search(r"\bof (the [A-Z][^“”()—;:]*?\b(?:Act|Code)(?:,? (?:of )?\d{4})?)", text)
    return m[1] if m else None
