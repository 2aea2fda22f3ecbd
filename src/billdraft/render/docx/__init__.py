"""Word (.docx) output: tracked changes, comments and schema validation over python-docx."""

from billdraft.render.docx.oxml import (
    CT_DelText,
    CT_RunTrackChange,
    Revisions,
    accepted_text,
    add_comment,
    add_deleted_run,
    add_inserted_run,
    add_run,
    comment_ids,
    mark_paragraph_deleted,
    mark_paragraph_inserted,
    rejected_text,
    revision_ids,
)
from billdraft.render.docx.validate import validate_docx

__all__ = [
    "CT_DelText",
    "CT_RunTrackChange",
    "Revisions",
    "accepted_text",
    "add_comment",
    "add_deleted_run",
    "add_inserted_run",
    "add_run",
    "comment_ids",
    "mark_paragraph_deleted",
    "mark_paragraph_inserted",
    "rejected_text",
    "revision_ids",
    "validate_docx",
]
