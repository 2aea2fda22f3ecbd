"""Every error billdraft raises: one base class, one subclass per thing that can go wrong.

Messages say what was expected and what was found; errors about a file carry its path and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class BilldraftError(Exception):
    """Base class of every error billdraft raises on purpose."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self._format())

    def _format(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        return where + self.message


# --- reading XML ---------------------------------------------------------------------------


class XMLInputError(BilldraftError):
    """A file could not be read as USLM."""


class UnsafeXMLError(XMLInputError):
    """The XML uses a feature billdraft refuses to process (DTDs, entities)."""


class DoctypeError(UnsafeXMLError):
    """The XML has a document type declaration (for example an external DTD URL)."""


class ExternalEntityError(UnsafeXMLError):
    """The XML declares an external entity (an XXE attempt to read a file or URL)."""


class EntityExpansionError(UnsafeXMLError):
    """The XML declares internal entities (an entity-expansion bomb such as billion laughs)."""


class XIncludeError(UnsafeXMLError):
    """The XML includes other files (`xi:include`), which billdraft never follows."""


class MalformedXMLError(XMLInputError):
    """The file is not well-formed XML (for example truncated)."""


class NotUTF8Error(XMLInputError):
    """The file is not encoded in UTF-8."""


class EmptyFileError(XMLInputError):
    """The file is empty."""


class FileTooLargeError(XMLInputError):
    """The file is larger than the configured limit."""


class NotUSLMError(XMLInputError):
    """The XML is well formed but is not USLM (wrong root element or namespace)."""


class NoSectionsError(XMLInputError):
    """A path named for loading holds no USLM sections."""


class DuplicateSectionError(XMLInputError):
    """Two files named for loading hold the same section (which one is the law is unclear)."""


class NoInstructionsError(BilldraftError):
    """A bill holds no amendatory instruction (empty, prose, or amending nothing)."""


# --- citations -----------------------------------------------------------------------------


class CitationError(BilldraftError):
    """A citation is malformed: it matches none of the accepted notations."""


class UnknownCitationError(CitationError):
    """A well-formed citation names a provision, section or Act that is not loaded or known."""


# --- amendments ----------------------------------------------------------------------------


class AmendmentError(BilldraftError):
    """An amendment cannot be carried out exactly as written."""

    def __init__(self, message: str, *, amendment: object | None = None) -> None:
        self.amendment = amendment
        super().__init__(message)


class TargetNotFoundError(AmendmentError):
    """The provision an amendment targets does not exist."""


class TextNotFoundError(AmendmentError):
    """The text an amendment strikes or uses as an anchor is not in the target."""


class AmbiguousTextError(AmendmentError):
    """The text occurs more often than the amendment allows."""

    def __init__(
        self, message: str, *, amendment: object | None = None, positions: Sequence[int] = ()
    ) -> None:
        self.positions = tuple(positions)
        super().__init__(message, amendment=amendment)


class RedesignationCollisionError(AmendmentError):
    """A redesignation would give two provisions the same designation."""


class OverlappingAmendmentsError(AmendmentError):
    """Two amendments touch the same span of text."""


class DesignationMismatchError(AmendmentError):
    """New matter's designation or level does not fit the place it is put."""


class AlreadyInLawError(AmendmentError):
    """The law already reads as the amendment would make it (carrying it out again would
    duplicate its words)."""


class WithheldError(AmendmentError):
    """An amendment not carried out because another amendment of its instruction was refused
    or is already in law (an instruction is carried out whole or not at all)."""


class NewMatterError(AmendmentError):
    """Quoted new matter could not be parsed into provisions."""


class ApplyError(BilldraftError):
    """One or more amendments failed; `failures` lists every one of them."""

    def __init__(self, failures: Sequence[AmendmentError]) -> None:
        self.failures = tuple(failures)
        lines = [f"{len(self.failures)} amendment(s) could not be applied:"]
        lines += [f"  - {f.message}" for f in self.failures]
        super().__init__("\n".join(lines))


# --- drafts and documents ------------------------------------------------------------------


class DraftError(BilldraftError):
    """A draft file is wrong: a missing field, an unknown amendment type, a bad citation."""


class DocumentError(BilldraftError):
    """A document given as input (for example a .docx) is not what it claims to be."""


class InstructionParseError(BilldraftError):
    """Amendatory language could not be parsed; `stopped_at` is the phrase the grammar stopped at."""

    def __init__(self, message: str, *, stopped_at: str = "", text: str = "") -> None:
        self.stopped_at = stopped_at
        self.text = text
        super().__init__(message)


class OutputError(BilldraftError):
    """An output path cannot be written: a file where a folder belongs, a folder where a file does."""
