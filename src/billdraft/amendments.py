"""The amendment types: a closed set of frozen dataclasses, one per thing a bill can do to a provision.

A target is a `Target`: a `Cite` (a provision of the Code, which `apply` can carry the amendment
out on) or a `Container` (law a Cite cannot name: a section of an Act the Code carries only as a
note, a heading of a title of an Act, a subheading of the Harmonized Tariff Schedule …). Either way
the amendment says structurally what it does; `apply` reports one whose target is a Container as
not loaded. Text fields hold the words as the drafter quotes them, without quotation marks. Every amendment may carry a `label` (where it comes from, e.g. "Sec. 3(a)(1) of the bill");
the label is provenance, not meaning, so it takes no part in equality.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeAlias

from .cite import Cite, Container
from .errors import AmendmentError

LEVELS: tuple[str, ...] = (
    "section",
    "subsection",
    "paragraph",
    "subparagraph",
    "clause",
    "subclause",
    "item",
    "subitem",
)


class Scope(enum.Enum):
    """Which text of the target provision a text amendment searches."""

    TEXT = "text"
    """All operative text of the provision and its subdivisions (headings excluded)."""
    HEADING = "heading"
    """The provision's own heading ("in the heading")."""
    CHAPEAU = "chapeau"
    """The matter preceding the first subdivision ("in the matter preceding paragraph (1)")."""
    CONTINUATION = "continuation"
    """The matter following the last subdivision ("in the matter following paragraph (3)")."""


@dataclass(frozen=True)
class NewProvision:
    """New matter: a provision a bill inserts, with its text and subdivisions."""

    level: str
    designation: str
    heading: str | None = None
    chapeau: str | None = None
    content: str | None = None
    continuation: str | None = None
    children: tuple[NewProvision, ...] = ()

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"expected a level among {', '.join(LEVELS)}, found {self.level!r}")
        if self.children and self.content is not None:
            raise ValueError(
                f"expected either content or subdivisions in ({self.designation}), found both"
            )
        if not self.children and (self.chapeau is not None or self.continuation is not None):
            raise ValueError(
                f"expected subdivisions under ({self.designation}) since it has a chapeau or "
                "continuation, found none"
            )


class Builder(Protocol):
    """The signature of the new-matter builders (`Subsection("f", "Heading", "Text")`)."""

    def __call__(
        self,
        designation: str,
        heading: str | None = None,
        content: str | None = None,
        *,
        chapeau: str | None = None,
        continuation: str | None = None,
        children: Sequence[NewProvision] = (),
    ) -> NewProvision:
        """Build the new provision."""


def _builder(level: str) -> Builder:
    def build(
        designation: str,
        heading: str | None = None,
        content: str | None = None,
        *,
        chapeau: str | None = None,
        continuation: str | None = None,
        children: Sequence[NewProvision] = (),
    ) -> NewProvision:
        return NewProvision(
            level, designation, heading, chapeau, content, continuation, tuple(children)
        )

    build.__name__ = build.__qualname__ = level.capitalize()
    build.__doc__ = f"Build a new {level} (new matter for an insertion)."
    return build


Section = _builder("section")
Subsection = _builder("subsection")
Paragraph = _builder("paragraph")
Subparagraph = _builder("subparagraph")
Clause = _builder("clause")
Subclause = _builder("subclause")
Item = _builder("item")
Subitem = _builder("subitem")


Target: TypeAlias = Cite | Container
"""What an amendment acts on: a provision of the Code, or law a Cite cannot name."""


# --- text amendments -----------------------------------------------------------------------


class _Scoped(Protocol):
    @property
    def scope(self) -> Scope: ...


def _check_scope(amendment: _Scoped) -> None:
    """Take a scope given by its name ("chapeau") as the `Scope`; refuse anything else."""
    scope: object = amendment.scope
    if isinstance(scope, Scope):
        return
    try:
        object.__setattr__(amendment, "scope", Scope(scope))
    except ValueError:
        names = ", ".join(s.value for s in Scope)
        raise ValueError(f"expected a scope ({names}), found {scope!r}") from None


def _check_occurrence(each: bool, occurrence: int | None, what: str) -> None:
    if each and occurrence is not None:
        raise ValueError(
            f"expected either each place it appears or occurrence {occurrence} for {what}, "
            "found both"
        )
    if occurrence is not None and occurrence < 1:
        raise ValueError(f"expected an occurrence of 1 or more for {what}, found {occurrence}")


@dataclass(frozen=True)
class Strike:
    """Strike text: `by striking “X”` (`each place it appears`, `at the end`)."""

    target: Target
    text: str
    each: bool = False
    occurrence: int | None = None
    at_end: bool = False
    scope: Scope = Scope.TEXT
    label: str = field(default="", compare=False)
    except_in: tuple[Target, ...] = ()
    """With `each`: the provisions the amendment leaves alone (`each place it appears except in
    subsection (c)`), each a subdivision of the target; the places the words appear in them are
    neither changed nor counted."""

    def __post_init__(self) -> None:
        _check_scope(self)
        if not self.text:
            raise ValueError("expected text to strike, found an empty string")
        _check_occurrence(self.each, self.occurrence, repr(self.text))


@dataclass(frozen=True)
class StrikeInsert:
    """Strike text and insert other text in its place: `by striking “X” and inserting “Y”`."""

    target: Target
    strike: str
    insert: str
    each: bool = False
    occurrence: int | None = None
    at_end: bool = False
    scope: Scope = Scope.TEXT
    label: str = field(default="", compare=False)
    except_in: tuple[Target, ...] = ()
    """With `each`: the provisions the amendment leaves alone (`each place it appears except in
    subsection (c)`), each a subdivision of the target; the places the words appear in them are
    neither changed nor counted."""

    def __post_init__(self) -> None:
        _check_scope(self)
        if not self.strike:
            raise ValueError("expected text to strike, found an empty string")
        _check_occurrence(self.each, self.occurrence, repr(self.strike))


@dataclass(frozen=True)
class Insert:
    """Insert text before or after an anchor, or at the end when neither is given."""

    target: Target
    text: str
    before: str | None = None
    after: str | None = None
    each: bool = False
    occurrence: int | None = None
    at_end: bool = False
    scope: Scope = Scope.TEXT
    label: str = field(default="", compare=False)
    except_in: tuple[Target, ...] = ()
    """With `each`: the provisions the amendment leaves alone (`each place it appears except in
    subsection (c)`), each a subdivision of the target; the places the words appear in them are
    neither changed nor counted."""

    def __post_init__(self) -> None:
        _check_scope(self)
        if not self.text:
            raise ValueError("expected text to insert, found an empty string")
        if self.before is not None and self.after is not None:
            raise ValueError("expected an anchor before or after, found both")
        anchor = self.before if self.before is not None else self.after
        _check_occurrence(self.each, self.occurrence, repr(anchor))


@dataclass(frozen=True)
class StrikeThrough:
    """Strike from text `and all that follows through` text (or through the end), maybe inserting."""

    target: Target
    start: str
    through: str | None = None
    insert: str | None = None
    occurrence: int | None = None
    scope: Scope = Scope.TEXT
    label: str = field(default="", compare=False)
    precedes: bool = False
    """`by striking all that precedes “X”`: strike from the beginning of the text up to `start`,
    which stays (`through` is then None); “X” must be in the first block of the text searched."""

    def __post_init__(self) -> None:
        _check_scope(self)
        if not self.start:
            raise ValueError("expected the text the strike starts at, found an empty string")
        _check_occurrence(False, self.occurrence, repr(self.start))
        if self.precedes and self.through is not None:
            raise ValueError(
                f"expected all that precedes {self.start!r} struck, found a strike through "
                f"{self.through!r} as well"
            )


# --- structural amendments -----------------------------------------------------------------


@dataclass(frozen=True)
class StrikeProvision:
    """Strike a provision (`by striking paragraph (3)`), optionally through a later sibling,
    optionally inserting new provisions in its place (`and inserting the following:`)."""

    target: Target
    through: Target | None = None
    replacement: tuple[NewProvision, ...] = ()
    replacement_text: str | None = None
    """New matter quoted as text, not as designated provisions (rows of the Harmonized Tariff
    Schedule), put in place of the struck provisions."""
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.replacement and self.replacement_text is not None:
            raise ValueError(
                f"expected new provisions or new text in place of {self.target}, found both"
            )
        if self.replacement_text is not None and not self.replacement_text.strip():
            raise ValueError(f"expected new text in place of {self.target}, found an empty string")


@dataclass(frozen=True)
class InsertProvisions:
    """Insert new provisions after (or before) a provision: `by inserting after paragraph (2) …`."""

    anchor: Target
    provisions: tuple[NewProvision, ...]
    before: bool = False
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.provisions:
            raise ValueError("expected at least one new provision to insert, found none")


@dataclass(frozen=True)
class AddAtEnd:
    """Add new provisions at the end of a provision: `by adding at the end the following:`."""

    target: Target
    provisions: tuple[NewProvision, ...]
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.provisions:
            raise ValueError("expected at least one new provision to add, found none")


@dataclass(frozen=True)
class Redesignate:
    """Redesignate sibling provisions: `paragraphs (2) and (3) as paragraphs (3) and (4)`."""

    targets: tuple[Target, ...]
    designations: tuple[str, ...]
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.targets or len(self.targets) != len(self.designations):
            raise ValueError(
                f"expected as many new designations as provisions, found {len(self.targets)} "
                f"provision(s) and {len(self.designations)} designation(s)"
            )
        parents = {(type(t), t.parent) for t in self.targets}
        if len(parents) != 1:
            raise ValueError("expected provisions with one common parent to redesignate")


@dataclass(frozen=True)
class AmendToRead:
    """Replace a provision whole: `is amended to read as follows:`."""

    target: Target
    provision: NewProvision
    label: str = field(default="", compare=False)


@dataclass(frozen=True)
class AmendHeading:
    """Replace a provision's heading: `by amending the heading to read as follows:`."""

    target: Target
    heading: str
    label: str = field(default="", compare=False)


@dataclass(frozen=True)
class AmendSentence:
    """Strike a sentence (`by striking the last sentence`), maybe inserting text in its place
    (`and inserting the following: “…”`), or insert text after it (`by inserting after the first
    sentence the following: “…”`).

    `sentence` counts from 1; -1 is the last sentence. `strike=False` with `insert` inserts after
    the sentence."""

    target: Target
    sentence: int
    strike: bool = True
    insert: str | None = None
    scope: Scope = Scope.TEXT
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        _check_scope(self)
        if self.sentence == 0 or self.sentence < -1:
            raise ValueError(
                f"expected a sentence number of 1 or more, or -1 for the last, found {self.sentence}"
            )
        if not self.strike and not self.insert:
            raise ValueError("expected text to insert after the sentence, found none")


TextAmendment: TypeAlias = Strike | StrikeInsert | Insert | StrikeThrough
StructuralAmendment: TypeAlias = (
    StrikeProvision | InsertProvisions | AddAtEnd | Redesignate | AmendToRead | AmendHeading
)
Amendment: TypeAlias = TextAmendment | StructuralAmendment

AMENDMENT_TYPES: tuple[type, ...] = (
    Strike,
    StrikeInsert,
    Insert,
    StrikeThrough,
    StrikeProvision,
    InsertProvisions,
    AddAtEnd,
    Redesignate,
    AmendToRead,
    AmendHeading,
)


# --- amendments to whole containers and tables of contents ----------------------------------


@dataclass(frozen=True)
class AddToContainer:
    """Add new sections to a container: `Subpart D of part IV … is amended by adding at the end
    the following new section:` (or `by inserting after section 45AA the following:`)."""

    target: Container
    provisions: tuple[NewProvision, ...]
    after: str | None = None
    """The section the new ones follow, when not added at the end."""
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.provisions:
            raise ValueError("expected at least one new provision to add, found none")


@dataclass(frozen=True)
class AmendTableOfContents:
    """Amend the table of sections (or contents) of a container or an Act: strike the items
    relating to some parts, insert new items in their place, after an item, or at the end."""

    target: Container
    strike: tuple[str, ...] = ()
    """The parts whose items are struck, as named: "section 310", "subtitle A of title IV"."""
    insert: tuple[str, ...] = ()
    """The new items, as quoted."""
    after: str | None = None
    """The part whose item the new ones follow; None with nothing struck means at the end."""
    label: str = field(default="", compare=False)
    before: str | None = None
    """The part whose item the new ones precede (`by inserting before the item relating to
    section 7471`), instead of `after`."""

    def __post_init__(self) -> None:
        if not self.strike and not self.insert:
            raise ValueError(
                "expected items to strike or insert in a table of contents, found none"
            )
        if self.before is not None and (self.after is not None or not self.insert):
            raise ValueError(
                f"expected new items to put before the item relating to {self.before}, found "
                + ("a place after another item too" if self.after is not None else "none")
            )


OutsideAmendment: TypeAlias = AddToContainer | AmendTableOfContents
"""Amendments that only ever target a Container: `apply` reports them as not loaded."""
AnyAmendment: TypeAlias = Amendment | AmendSentence | OutsideAmendment
"""Everything a parsed bill can yield: the drafting set `Amendment` (targets a Cite or a
Container), sentence amendments, and amendments to whole containers and tables of contents."""

OUTSIDE_TYPES: tuple[type, ...] = (AddToContainer, AmendTableOfContents)
BILL_AMENDMENT_TYPES: tuple[type, ...] = (*AMENDMENT_TYPES, AmendSentence, *OUTSIDE_TYPES)
"""Every type a parsed bill can yield: `AMENDMENT_TYPES` (which drafts and wording cover), sentence
amendments, and amendments to whole containers and tables of contents."""


def targets_of(amendment: AnyAmendment) -> tuple[Target, ...]:
    """Every provision or container an amendment names (target, end of range, anchor, …)."""
    if isinstance(amendment, InsertProvisions):
        return (amendment.anchor,)
    if isinstance(amendment, Redesignate):
        return amendment.targets
    if isinstance(amendment, StrikeProvision) and amendment.through is not None:
        return (amendment.target, amendment.through)
    return (amendment.target,)


def outside_target(amendment: AnyAmendment) -> Container | None:
    """The container an amendment acts on when it amends law a Cite cannot name, else None."""
    return next((t for t in targets_of(amendment) if isinstance(t, Container)), None)


def cite_of(target: Target, amendment: object | None = None) -> Cite:
    """A target as a `Cite`; AmendmentError when it is a Container (law billdraft cannot load)."""
    if isinstance(target, Container):
        raise AmendmentError(
            f"expected a provision of the Code as the target, found {target} (law a Cite cannot "
            "name)",
            amendment=amendment,
        )
    return target


def target_of(amendment: Amendment) -> Cite:
    """The provision an amendment acts on (for insertions, the anchor; for redesignations, the parent).

    Raises AmendmentError when the amendment targets a Container (see `outside_target`)."""
    if isinstance(amendment, InsertProvisions):
        return cite_of(amendment.anchor, amendment)
    if isinstance(amendment, Redesignate):
        first = cite_of(amendment.targets[0], amendment)
        return first.parent if first.parent is not None else first
    return cite_of(amendment.target, amendment)
