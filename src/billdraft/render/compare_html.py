"""HTML of a bill comparison (stub replaced below)."""
from __future__ import annotations
from typing import Any
from ..diff import Edit, Redline


def edits_json(edits: tuple[Edit, ...]) -> list[list[Any]]:
    """Edits as `[op, text]` pairs (-1 struck, 0 kept, 1 inserted)."""
    return [[int(e.op), e.text] for e in edits]


def redline_edits(red: Redline | None) -> list[dict[str, Any]] | None:
    """The changed paragraphs of a redline: text edits and the instruction behind each."""
    return None
