"""billdraft: read the U.S. Code in USLM, amend it exactly, see the change, write the bill.

The public names are imported when first used (PEP 562), so `import billdraft` and the
`billdraft` command start without loading what a task does not need (python-docx for the Word
writers, lark for the bill grammar); `from billdraft import apply` works as usual.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from ._version import __version__ as __version__

if TYPE_CHECKING:
    from .amendments import (
        AddAtEnd,
        AddToContainer,
        AmendHeading,
        Amendment,
        AmendSentence,
        AmendTableOfContents,
        AmendToRead,
        Clause,
        Insert,
        InsertProvisions,
        Item,
        NewProvision,
        Paragraph,
        Redesignate,
        Scope,
        Section,
        Strike,
        StrikeInsert,
        StrikeProvision,
        StrikeThrough,
        Subclause,
        Subitem,
        Subparagraph,
        Subsection,
    )
    from .apply import Change, Result, apply
    from .bill_import import BillReport, import_bill
    from .cite import ActIndex, ActSection, Cite, Container
    from .compare import Comparison, compare_bills
    from .containers import (
        ContainerChange,
        Division,
        Proposal,
        TocItem,
        proposed_classification,
        write_title,
    )
    from .diff import Redline, diff, redline, section_text
    from .drafts import Draft, DraftSection, read_draft
    from .errors import (
        AmbiguousTextError,
        AmendmentError,
        ApplyError,
        BilldraftError,
        CitationError,
        DesignationMismatchError,
        DoctypeError,
        DraftError,
        DuplicateSectionError,
        EmptyFileError,
        EntityExpansionError,
        ExternalEntityError,
        FileTooLargeError,
        MalformedXMLError,
        NoSectionsError,
        NotUSLMError,
        NotUTF8Error,
        OutputError,
        OverlappingAmendmentsError,
        RedesignationCollisionError,
        TargetNotFoundError,
        TextNotFoundError,
        UnknownCitationError,
        UnsafeXMLError,
        XIncludeError,
        XMLInputError,
    )
    from .fromedit import EditDerivationError, amendments_from_edit
    from .importer import import_uslm
    from .instructions.render import instructions
    from .newmatter import parse_new_matter
    from .render.comparative import ComparativePrint, comparative_print
    from .render.docx.redline import write_redline_docx
    from .render.docx.statute import write_comparative_docx, write_statute_docx
    from .statute import Provision, Statute, load

_EXPORTS: dict[str, str] = {
    "AddAtEnd": ".amendments",
    "AddToContainer": ".amendments",
    "AmendHeading": ".amendments",
    "AmendSentence": ".amendments",
    "AmendTableOfContents": ".amendments",
    "AmendToRead": ".amendments",
    "Amendment": ".amendments",
    "Clause": ".amendments",
    "Insert": ".amendments",
    "InsertProvisions": ".amendments",
    "Item": ".amendments",
    "NewProvision": ".amendments",
    "Paragraph": ".amendments",
    "Redesignate": ".amendments",
    "Scope": ".amendments",
    "Section": ".amendments",
    "Strike": ".amendments",
    "StrikeInsert": ".amendments",
    "StrikeProvision": ".amendments",
    "StrikeThrough": ".amendments",
    "Subclause": ".amendments",
    "Subitem": ".amendments",
    "Subparagraph": ".amendments",
    "Subsection": ".amendments",
    "Change": ".apply",
    "Result": ".apply",
    "apply": ".apply",
    "ActIndex": ".cite",
    "ActSection": ".cite",
    "Cite": ".cite",
    "Container": ".cite",
    "Comparison": ".compare",
    "compare_bills": ".compare",
    "ContainerChange": ".containers",
    "Division": ".containers",
    "Proposal": ".containers",
    "TocItem": ".containers",
    "proposed_classification": ".containers",
    "write_title": ".containers",
    "Redline": ".diff",
    "ComparativePrint": ".render.comparative",
    "comparative_print": ".render.comparative",
    "diff": ".diff",
    "redline": ".diff",
    "section_text": ".diff",
    "Draft": ".drafts",
    "DraftSection": ".drafts",
    "read_draft": ".drafts",
    "AmbiguousTextError": ".errors",
    "AmendmentError": ".errors",
    "ApplyError": ".errors",
    "BilldraftError": ".errors",
    "CitationError": ".errors",
    "DesignationMismatchError": ".errors",
    "DoctypeError": ".errors",
    "DraftError": ".errors",
    "DuplicateSectionError": ".errors",
    "EmptyFileError": ".errors",
    "EntityExpansionError": ".errors",
    "ExternalEntityError": ".errors",
    "FileTooLargeError": ".errors",
    "MalformedXMLError": ".errors",
    "NoSectionsError": ".errors",
    "NotUSLMError": ".errors",
    "NotUTF8Error": ".errors",
    "OutputError": ".errors",
    "OverlappingAmendmentsError": ".errors",
    "RedesignationCollisionError": ".errors",
    "TargetNotFoundError": ".errors",
    "TextNotFoundError": ".errors",
    "UnknownCitationError": ".errors",
    "UnsafeXMLError": ".errors",
    "XIncludeError": ".errors",
    "XMLInputError": ".errors",
    "EditDerivationError": ".fromedit",
    "amendments_from_edit": ".fromedit",
    "import_uslm": ".importer",
    "instructions": ".instructions.render",
    "parse_new_matter": ".newmatter",
    "write_redline_docx": ".render.docx.redline",
    "write_comparative_docx": ".render.docx.statute",
    "write_statute_docx": ".render.docx.statute",
    "BillReport": ".bill_import",
    "import_bill": ".bill_import",
    "Provision": ".statute",
    "Statute": ".statute",
    "load": ".statute",
}
"""Each public name and the module it is defined in."""


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use and return the name."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'billdraft' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, for completion and `dir(billdraft)`."""
    return sorted(set(globals()) | set(_EXPORTS))


def _shadowed(name: str) -> property:
    """A public function named like the submodule it lives in (`apply`, `diff`, `instructions`).

    Importing a submodule sets it as an attribute of the package, which would hide the
    function of the same name once the submodule is loaded; a data descriptor on the package's
    class takes precedence over that attribute, so `billdraft.apply` stays the function."""

    def get(module: types.ModuleType) -> Any:
        return getattr(importlib.import_module(_EXPORTS[name], __name__), name)

    def ignore(module: types.ModuleType, value: object) -> None:
        """The import system records the submodule here; the function keeps the name."""

    return property(get, ignore)


class _Package(types.ModuleType):
    """The billdraft package, with the names its submodules would shadow kept as functions."""

    apply = _shadowed("apply")
    diff = _shadowed("diff")
    instructions = _shadowed("instructions")


sys.modules[__name__].__class__ = _Package


__all__ = [
    "ActIndex",
    "ActSection",
    "AddAtEnd",
    "AddToContainer",
    "AmbiguousTextError",
    "AmendHeading",
    "AmendSentence",
    "AmendTableOfContents",
    "AmendToRead",
    "Amendment",
    "AmendmentError",
    "ApplyError",
    "BillReport",
    "BilldraftError",
    "Change",
    "CitationError",
    "Cite",
    "Clause",
    "ComparativePrint",
    "Comparison",
    "Container",
    "ContainerChange",
    "DesignationMismatchError",
    "Division",
    "DoctypeError",
    "Draft",
    "DraftError",
    "DraftSection",
    "DuplicateSectionError",
    "EditDerivationError",
    "EmptyFileError",
    "EntityExpansionError",
    "ExternalEntityError",
    "FileTooLargeError",
    "Insert",
    "InsertProvisions",
    "Item",
    "MalformedXMLError",
    "NewProvision",
    "NoSectionsError",
    "NotUSLMError",
    "NotUTF8Error",
    "OutputError",
    "OverlappingAmendmentsError",
    "Paragraph",
    "Proposal",
    "Provision",
    "Redesignate",
    "RedesignationCollisionError",
    "Redline",
    "Result",
    "Scope",
    "Section",
    "Statute",
    "Strike",
    "StrikeInsert",
    "StrikeProvision",
    "StrikeThrough",
    "Subclause",
    "Subitem",
    "Subparagraph",
    "Subsection",
    "TargetNotFoundError",
    "TextNotFoundError",
    "TocItem",
    "UnknownCitationError",
    "UnsafeXMLError",
    "XIncludeError",
    "XMLInputError",
    "amendments_from_edit",
    "apply",
    "comparative_print",
    "compare_bills",
    "diff",
    "import_bill",
    "import_uslm",
    "instructions",
    "load",
    "parse_new_matter",
    "proposed_classification",
    "read_draft",
    "redline",
    "section_text",
    "write_comparative_docx",
    "write_redline_docx",
    "write_statute_docx",
    "write_title",
]
