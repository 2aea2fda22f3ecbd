"""Property tests of apply over random sections of Title 19 (needs ../shared/)."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from billdraft import Cite, Provision, Statute, Strike, StrikeInsert, TextNotFoundError, apply
from billdraft.amendments import LEVELS
from billdraft.statute import block_text
from billdraft.textblock import find_all
from billdraft.uslm import c14n

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
pytestmark = pytest.mark.skipif(
    not (SHARED / "uslm/usc19").is_dir(), reason="../shared/ is absent: Title 19 USLM not available"
)
TOKEN = "Zqxj"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SHARED / "schemas/uslm/USLM.xsd")))


@pytest.fixture(scope="module")
def candidates(title19: Statute) -> list[tuple[str, int, str]]:
    """(provision identifier, block index, block text) of plain-text blocks with several words."""
    out = []
    for p in title19:
        for i, (kind, el) in enumerate(p.blocks()):
            if kind == "heading" or len(el):
                continue  # inline markup is covered by the example tests
            text = block_text(el)
            if len(text.split()) >= 4:
                out.append((p.identifier, i, text))
    return out


def _amendment(
    data: st.DataObject, statute: Statute, candidates: list[tuple[str, int, str]]
) -> tuple[Cite, str, int | None]:
    ident, _, text = data.draw(st.sampled_from(candidates))
    words = text.split()
    i = data.draw(st.integers(0, len(words) - 1))
    n = data.draw(st.integers(1, min(4, len(words) - i)))
    needle = " ".join(words[i : i + n])
    cite = Cite.from_identifier(ident)
    # count matches in the scope the amendment searches, to name the occurrence when needed
    blocks = [el for p in statute.provision(cite).walk() for k, el in p.blocks() if k != "heading"]
    spans = [(id(b), s) for b in blocks for s, _ in find_all(block_text(b), needle)]
    if not spans:
        return cite, needle, -1  # punctuation-only edge: not a whole-word match
    return cite, needle, (None if len(spans) == 1 else data.draw(st.integers(1, len(spans))))


def _sec_digest(statute: Statute, cite: Cite) -> bytes:
    return c14n(statute.provision(cite.section_cite).element)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_replace_then_inverse_restores_canonical_xml(
    data: st.DataObject,
    title19: Statute,
    candidates: list[tuple[str, int, str]],
    schema: etree.XMLSchema,
) -> None:
    """Text outside the changed span is identical; the inverse amendment restores the XML; output validates."""
    cite, needle, occurrence = _amendment(data, title19, candidates)
    if occurrence == -1:
        return
    before = _sec_digest(title19, cite)
    forward = StrikeInsert(cite, needle, TOKEN, occurrence=occurrence)
    r1 = apply(title19, [forward])
    (change,) = r1.changes
    old = block_text(
        title19.provision(change.identifier).element.find(
            "{http://xml.house.gov/schemas/uslm/1.0}" + (change.block or "")
        )
    )
    new = block_text(
        r1.statute.provision(change.identifier).element.find(
            "{http://xml.house.gov/schemas/uslm/1.0}" + (change.block or "")
        )
    )
    assert old[: change.old_start] == new[: change.new_start]
    assert old[change.old_end :] == new[change.new_end :]
    assert schema.validate(etree.fromstring(r1.statute.to_xml(cite.section_cite))), schema.error_log
    back = apply(r1.statute, [StrikeInsert(cite, TOKEN, needle)])
    assert _sec_digest(back.statute, cite) == before
    assert _sec_digest(title19, cite) == before  # the input never changed


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_failing_list_leaves_input_untouched(
    data: st.DataObject, title19: Statute, candidates: list[tuple[str, int, str]]
) -> None:
    cite, needle, occurrence = _amendment(data, title19, candidates)
    if occurrence == -1:
        return
    h = hashlib.sha256(_sec_digest(title19, cite)).hexdigest()
    with pytest.raises(TextNotFoundError):
        apply(
            title19,
            [
                StrikeInsert(cite, needle, TOKEN, occurrence=occurrence),
                Strike(cite, "Kazakhstan Kyrgyzstan Zqxjvw"),
            ],
        )
    assert hashlib.sha256(_sec_digest(title19, cite)).hexdigest() == h


@pytest.fixture(scope="module")
def leaf_provisions(title19: Statute) -> list[str]:
    """Identifiers of subdivisions that have a previous sibling (so a strike can be undone)."""
    counts = Counter(p.identifier for p in title19)
    duplicated = {i for i, n in counts.items() if n > 1}
    out = []
    for p in title19:
        if any(d.startswith(p.cite.section_cite.identifier + "/") for d in duplicated):
            continue  # the real Code repeats a few designations; a citation there is ambiguous
        parent = p.parent
        if parent is None or p.level == "section":
            continue
        kids = parent.children
        i = kids.index(p)
        if (
            i > 0
            and p.designation
            and len({k.designation for k in kids}) == len(kids)
            and _regular(p)
            # -- matter between the two (“(ii) …; for purposes of this clause …; (iii) …”)
            #    would stand after the provision put back after its sibling --
            and p.element.getprevious() is kids[i - 1].element
        ):
            out.append(p.identifier)
    return out


def _regular(p: Provision) -> bool:
    """True when every subdivision sits one level below its parent (real law has exceptions)."""
    return all(c.level == LEVELS[LEVELS.index(p.level) + 1] and _regular(c) for c in p.children)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_strike_provision_then_reinsert_restores_the_text(
    data: st.DataObject, title19: Statute, leaf_provisions: list[str], schema: etree.XMLSchema
) -> None:
    """Striking a provision and inserting it back after its previous sibling restores the law's text."""
    from billdraft import InsertProvisions, StrikeProvision
    from billdraft.newmatter import from_element

    ident = data.draw(st.sampled_from(leaf_provisions))
    p = title19.provision(Cite.from_identifier(ident))
    parent = p.parent
    assert parent is not None
    prev = parent.children[parent.children.index(p) - 1]
    struck = apply(title19, [StrikeProvision(p.cite)])
    assert struck.statute.get(p.cite) is None
    back = apply(struck.statute, [InsertProvisions(prev.cite, (from_element(p.element),))])
    section = p.cite.section_cite
    assert back.statute.provision(section).text == title19.provision(section).text
    assert schema.validate(etree.fromstring(back.statute.to_xml(section))), schema.error_log
