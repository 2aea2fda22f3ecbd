"""Shared pytest fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from billdraft.statute import Statute, load

# -- the property tests run the same examples every run (a CI failure can be reproduced, and
#    does not come and go); `HYPOTHESIS_PROFILE=explore` draws fresh ones, as the stress
#    benchmarks in bench/ do for the round trip of `amendments_from_edit` --
settings.register_profile("fixed", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only reference data directory ../shared/, or skip when a checkout has none."""
    if not SHARED_DIR.is_dir():
        pytest.skip(
            f"../shared/ is absent: {SHARED_DIR} does not exist (reference data, not in git)"
        )
    return SHARED_DIR


@pytest.fixture(scope="session")
def title19(shared_dir: Path) -> Statute:
    """All of Title 19 from ../shared/uslm/usc19, loaded once for the session (apply copies what
    it changes, so tests share it), or skip when a checkout has none."""
    folder = shared_dir / "uslm" / "usc19"
    if not folder.is_dir():
        pytest.skip(f"../shared/ is absent: {folder} does not exist (reference data, not in git)")
    return load(folder)
