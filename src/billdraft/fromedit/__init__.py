"""Amending in context: derive the amendments that turn the current law into a drafter's edit.

`amendments_from_edit(current, edited)` compares the current statute with an edited version of
one provision (or of whole sections) and returns the smallest list of amendment objects that,
applied to `current`, gives exactly the edited text. The edited version may be:

* a second `Statute` (or a USLM file or folder, loaded the usual way);
* plain text, as a string or a `.txt` file: the form `billdraft show` and `Provision.lines()`
  print, one line per designation — ``§ 2432. Heading`` (the section's own text may follow on
  the same line or on the next one), ``(a) Heading.—Text``, ``(1) Text``, ``(2)`` alone, an
  undesignated line after subdivisions for the matter following them. Indentation is ignored;
  an optional first line ``19 U.S.C. 2432(a) — …`` names the provision the text is of;
* a Word `.docx` of the statute edited with Track Changes: the accepted view is read
  (`w:ins` kept, `w:del` dropped), one paragraph per line as above.

The derivation aligns provisions by designation (a provision whose text is unchanged but whose
designation moved is *redesignated*; one that is gone is *struck*; a new one is *inserted* or
*added at the end*), then word-diffs each text block and words each change as a whole-word
strike, insert or strike-and-insert against the smallest provision holding it, extending the
quoted words until they occur exactly once there (or saying *each place it appears* when every
occurrence changed the same way). The result is applied and compared with the edit before it
is returned: a list that does not reproduce the edit exactly is never returned.

The work is split four ways: `read` (the edited version, read into a model of provisions and
aligned with the current law), `search` (the amendments of each provision's text, searched
for), `derive` (the entry point: the whole list, compacted and checked against the edit) and
`cli` (the draft file and the `billdraft from-edit` command).
"""

from .cli import add_parser, draft_toml, run_cli
from .derive import amendments_from_edit
from .read import EditDerivationError, docx_lines

__all__ = [
    "EditDerivationError",
    "add_parser",
    "amendments_from_edit",
    "docx_lines",
    "draft_toml",
    "run_cli",
]
