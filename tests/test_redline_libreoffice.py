"""LibreOffice, headless: Accept All gives the amended law, Reject All the current law.

One LibreOffice batch opens every redline: the Kazakhstan draft, the every-amendment draft and 50
random amendment sets over Title 19. For each it checks the text after Accept All and after
Reject All (on a fresh copy) and the number of tracked changes LibreOffice lists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from billdraft.apply import Result, apply
from billdraft.diff import redline
from billdraft.render.docx.redline import expected_revisions, write_redline_docx
from billdraft.statute import load
from lo import lo_available, lo_batch
from test_diff import DRAFTS, TITLE19, random_result, section_texts

N_RANDOM = 50

pytestmark = pytest.mark.skipif(
    not lo_available(),
    reason="LibreOffice (soffice + python3-uno) not installed: .ci/install-system-deps",
)


def _results() -> dict[str, Result]:
    if not TITLE19.is_dir():
        pytest.skip(f"../shared/ is absent: {TITLE19} does not exist (reference data, not in git)")
    from billdraft.drafts import read_draft

    out: dict[str, Result] = {}
    for name in ("kazakhstan-pntr", "section-402-every-amendment"):
        path = DRAFTS / f"{name}.toml"
        if path.is_file():
            draft = read_draft(path)
            statute = load(draft.statutes if draft.statutes is not None else TITLE19)
            out[name] = apply(statute, draft.amendments())
    title19 = load(TITLE19)
    for seed in range(N_RANDOM):
        result = random_result(title19, 1000 + seed)
        if result.changes:
            out[f"random-{seed}"] = result
    return out


@pytest.fixture(scope="module")
def batch(
    tmp_path_factory: pytest.TempPathFactory,
) -> list[tuple[str, Result, Path, dict[str, Any], dict[str, Any]]]:
    tmp = tmp_path_factory.mktemp("lo")
    cases = []
    jobs: list[tuple[Path, str]] = []
    for name, result in _results().items():
        path = write_redline_docx(redline(result), tmp / f"{name}.docx")
        cases.append((name, result, path))
        jobs += [(path, "accept"), (path, "reject")]
    out = lo_batch(jobs)
    return [(n, r, p, out[2 * i], out[2 * i + 1]) for i, (n, r, p) in enumerate(cases)]


def test_batch_covers_drafts_and_fifty_random_sets(batch: list[Any]) -> None:
    """The suite runs the two drafts (when present) and at least 50 random sets."""
    names = [n for n, *_ in batch]
    assert sum(n.startswith("random-") for n in names) >= N_RANDOM - 2
    if (DRAFTS / "kazakhstan-pntr.toml").is_file():
        assert "kazakhstan-pntr" in names and "section-402-every-amendment" in names


def test_accept_all_gives_amended_law_and_reject_all_current_law(batch: list[Any]) -> None:
    """Every document: Accept All == amended sections, Reject All == current sections."""
    bad = []
    for name, result, _path, acc, rej in batch:
        assert acc["ok"] and rej["ok"], (name, acc.get("error"), rej.get("error"))
        new = section_texts(result.statute, result.changed_sections)
        old = section_texts(result.original, result.changed_sections)
        # -- a struck last paragraph leaves its (unremovable) final mark: an empty last line --
        if acc["text"].rstrip("\n") != new:
            bad.append((name, "accept"))
        if rej["text"].rstrip("\n") != old:
            bad.append((name, "reject"))
        assert acc["count_after"] == 0 and rej["count_after"] == 0, name
    assert not bad


def test_libreoffice_counts_the_revisions_written(batch: list[Any]) -> None:
    """LibreOffice lists exactly the tracked changes the writer meant, and every comment."""
    for name, result, _path, acc, _rej in batch:
        rl = redline(result)
        assert acc["count_before"] == expected_revisions(rl), name
        assert acc["count_before"] > 0, name
        assert acc["comments"] >= 1, name


def test_batch_survives_soffice_exiting_mid_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """soffice killed while a job runs: the batch starts a new one and redoes that job."""
    from billdraft.drafts import read_draft

    draft = read_draft(DRAFTS / "kazakhstan-pntr.toml")
    assert draft.statutes is not None  # the bundled statutes/
    result = apply(load(draft.statutes), draft.amendments())
    first = write_redline_docx(redline(result), tmp_path / "first.docx")
    second = write_redline_docx(redline(result), tmp_path / "second.docx")
    monkeypatch.setenv("BILLDRAFT_LO_KILL_ONCE", str(second.resolve()))
    out = lo_batch([(first, "accept"), (second, "accept"), (second, "count")])
    assert [r["ok"] for r in out] == [True, True, True], out
    assert out[1].get("soffice_restarts") == 1 and "soffice_restarts" not in out[0]
    assert out[0]["text"] == out[1]["text"] != ""
    assert out[2]["count"] == expected_revisions(redline(result))
