"""Run the `billdraft` command as a user does: a subprocess of the installed package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 600  # seconds: a bound only a hang reaches


def billdraft(
    *args: str, cwd: Path = ROOT, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """`billdraft ARGS…` run in `cwd`, its output captured as text, never raising on exit code."""
    return subprocess.run(
        [sys.executable, "-m", "billdraft.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=timeout,
    )
