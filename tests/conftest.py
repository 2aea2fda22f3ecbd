"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only reference data directory ../shared/, or skip when a checkout has none."""
    if not SHARED_DIR.is_dir():
        pytest.skip(
            f"../shared/ is absent: {SHARED_DIR} does not exist (reference data, not in git)"
        )
    return SHARED_DIR
