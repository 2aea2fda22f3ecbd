"""LibreOffice, headless: the Word comparison of two bill versions accepts to NEW, rejects to OLD.

One LibreOffice batch opens each comparison (the draft pair with a moved section and a changed
instruction, plain-text bills with a section added and one moved to another title, and S. 2731
with five known changes) and checks the text after Accept All and after Reject All, and that no
tracked change is left. (H.R. 1865, some 30,000 paragraphs, passes too, but takes LibreOffice
seven minutes on two cores: `test_compare.py` checks it with the oxml oracle instead.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from billdraft import compare_bills
from billdraft.compare import Comparison
from billdraft.render.docx.compare import write_comparison_docx
from lo import lo_available, lo_batch
from test_compare import _TEXT, STATUTES, _draft_copy, _perturbed_s2731, _view_texts

pytestmark = pytest.mark.skipif(
    not lo_available(),
    reason="LibreOffice (soffice + python3-uno) not installed: .ci/install-system-deps",
)


def _cases(tmp: Path, shared: Path | None) -> dict[str, Comparison]:
    from billdraft.statute import load

    out: dict[str, Comparison] = {}
    old = _draft_copy(tmp, "old.toml")
    new = _draft_copy(tmp, "new.toml", 'text = "(other than Kazakhstan or Uzbekistan)"', move=True)
    out["drafts"] = compare_bills(old, new, load(STATUTES))
    old_text = tmp / "old.txt"
    old_text.write_text(_TEXT, "utf-8")
    new_text = tmp / "new.txt"
    block = (
        "SEC. 103. FUNDING.\nThere is authorized to be appropriated $1,000,000 for each "
        "fiscal year.\n"
    )
    new_text.write_text(
        _TEXT.replace(block, "")
        .replace("SEC. 101. DEFINITIONS.", "SEC. 101. TERMS.")
        .replace(  # struck: the batch holds a strike without ../shared too
            "SEC. 201. SENSE OF CONGRESS.\nIt is the sense of Congress that trade with Central "
            "Asia should grow.\n",
            "",
        )
        + "SEC. 202. NEW MATTER.\nSomething new.\n"
        + block.replace("103", "203"),
        "utf-8",
    )
    out["text"] = compare_bills(old_text, new_text)
    if shared is not None:
        samples = shared / "bills" / "uslm-samples"
        changed = _perturbed_s2731(samples, tmp / "S2731_changed.xml")
        out["s2731"] = compare_bills(samples / "S2731_IPS.XML", changed)
    return out


@pytest.fixture(scope="module")
def batch(
    tmp_path_factory: pytest.TempPathFactory,
) -> list[tuple[str, Comparison, dict[str, Any], dict[str, Any]]]:
    from conftest import SHARED_DIR

    tmp = tmp_path_factory.mktemp("lo-compare")
    cases = _cases(tmp, SHARED_DIR if SHARED_DIR.is_dir() else None)
    jobs: list[tuple[Path, str]] = []
    names = []
    for name, comparison in cases.items():
        path = write_comparison_docx(comparison, tmp / f"{name}.docx")
        jobs += [(path, "accept"), (path, "reject")]
        names.append(name)
    out = lo_batch(jobs, timeout=900)
    return [(n, cases[n], out[2 * i], out[2 * i + 1]) for i, n in enumerate(names)]


def test_accept_all_gives_new_and_reject_all_gives_old(batch: list[Any]) -> None:
    """Every comparison: Accept All leaves NEW's lines, Reject All OLD's, nothing tracked left."""
    bad = []
    for name, comparison, acc, rej in batch:
        assert acc["ok"] and rej["ok"], (name, acc.get("error"), rej.get("error"))
        new, old = _view_texts(comparison)
        # -- the first paragraph names the versions (in both views); a struck last paragraph
        #    leaves its unremovable final mark, an empty last line --
        accepted = acc["text"].split("\n", 1)[1].rstrip("\n")
        rejected = rej["text"].split("\n", 1)[1].rstrip("\n")
        if accepted != new:
            bad.append((name, "accept"))
        if rejected != old:
            bad.append((name, "reject"))
        assert acc["count_after"] == 0 and rej["count_after"] == 0, name
        assert acc["count_before"] > 0, name
    assert not bad


def test_the_batch_covers_moves_renumbering_additions_and_strikes(batch: list[Any]) -> None:
    """The documents opened hold every kind of difference the comparison shows."""
    seen = {p.status for _, comparison, _, _ in batch for p in comparison.pairs}
    assert {"moved", "renumbered", "added", "struck", "changed", "unchanged"} <= seen
