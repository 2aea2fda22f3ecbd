"""The Word writers: tracked changes that validate, carry author/date/ids, and cite amendments."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from billdraft.amendments import AddAtEnd, Redesignate, StrikeInsert, StrikeProvision, Subsection
from billdraft.apply import Result, apply, describe
from billdraft.cite import Cite
from billdraft.diff import redline, section_text
from billdraft.render.docx.oxml import accepted_text, rejected_text
from billdraft.render.docx.redline import write_redline_docx
from billdraft.render.docx.statute import write_comparative_docx, write_statute_docx
from billdraft.render.docx.validate import validate_docx
from billdraft.statute import load
from test_diff import S2432, SHARED, random_result, section_texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
SCHEMAS = SHARED / "schemas" / "ooxml"
WHEN = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def result() -> Result:
    if not S2432.is_file():
        pytest.skip(f"../shared/ is absent: {S2432} does not exist (reference data, not in git)")
    c = Cite.parse
    return apply(
        load(S2432),
        [
            StrikeInsert(c("19 U.S.C. 2432(a)"), "emigrate", "leave", each=True, label="Sec. 2(a)"),
            StrikeProvision(c("19 U.S.C. 2432(a)(2)"), label="Sec. 2(b)"),
            Redesignate((c("19 U.S.C. 2432(a)(3)"),), ("2",), label="Sec. 2(c)"),
            AddAtEnd(
                c("19 U.S.C. 2432"),
                (
                    Subsection(
                        "f",
                        "Exception for Kazakhstan",
                        "This section shall not apply to Kazakhstan.",
                    ),
                ),
                label="Sec. 3",
            ),
        ],
    )


def _document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _comments(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    return ["".join(c.itertext()) for c in root.iter(W + "comment")]


def test_redline_docx_validates_and_round_trips(result: Result, tmp_path: Path) -> None:
    """Schema-valid; accepting gives the amended section, rejecting the current one."""
    path = write_redline_docx(redline(result), tmp_path / "r.docx", author="Counsel", date=WHEN)
    assert validate_docx(path, SCHEMAS) == []
    body = docx.Document(str(path)).element.body
    ps = body.findall(W + "p")
    assert accepted_text(ps).rstrip("\n") == section_text(result.statute.sections[0])
    assert rejected_text(ps).rstrip("\n") == section_text(result.original.sections[0])


def test_every_change_is_a_real_revision(result: Result, tmp_path: Path) -> None:
    """w:ins/w:del with author, date and unique ids; deleted text in w:delText; marks revised."""
    path = write_redline_docx(redline(result), tmp_path / "r.docx", author="Counsel", date=WHEN)
    root = _document(path)
    revs = root.xpath("//w:ins | //w:del", namespaces=NS)
    assert len(revs) >= 6
    ids = [r.get(W + "id") for r in revs]
    comment_ids = root.xpath("//w:commentRangeStart/@w:id", namespaces=NS)
    assert len(set(ids)) == len(ids) and not set(ids) & set(comment_ids)
    assert {r.get(W + "author") for r in revs} == {"Counsel"}
    assert {r.get(W + "date") for r in revs} == {"2026-03-01T12:00:00Z"}
    assert not root.xpath("//w:del//w:t", namespaces=NS)
    assert "leave" in "".join(root.xpath("//w:ins//w:t/text()", namespaces=NS))
    assert "emigrate" in "".join(root.xpath("//w:del//w:delText/text()", namespaces=NS))
    # the struck paragraph (2) and the new subsection (f) are paragraph-level revisions
    assert root.xpath("//w:p[w:pPr/w:rPr/w:del]", namespaces=NS)
    # (f) is the document's last paragraph: its runs are inserted, its final mark cannot be
    assert "".join(root.xpath("(//w:p)[last()]/w:ins//w:t/text()", namespaces=NS)).startswith("(f)")
    struck = root.xpath("//w:p[w:pPr/w:rPr/w:del]", namespaces=NS)[0]
    assert "".join(struck.xpath(".//w:delText/text()", namespaces=NS)).startswith("(2) imposes")


def test_each_change_has_a_comment_citing_its_amendment(result: Result, tmp_path: Path) -> None:
    """Comments read like "Sec. 2(a): in 19 U.S.C. 2432(a), strike … insert …"."""
    path = write_redline_docx(redline(result), tmp_path / "r.docx")
    texts = _comments(path)
    for a in (x.amendment for x in result.changes):
        assert describe(a) in texts
    assert any(t.startswith("Sec. 2(a): in 19 U.S.C. 2432(a), strike “emigrate”") for t in texts)


def test_designations_and_headings_formatted_as_the_code_prints_them(
    result: Result, tmp_path: Path
) -> None:
    """Subsection designation and heading bold; deeper levels indented by style."""
    path = write_redline_docx(redline(result), tmp_path / "r.docx")
    d = docx.Document(str(path))
    styles = [p.style.name for p in d.paragraphs]
    assert styles[0] == "Code Section" and "Code Level 1" in styles and "Code Level 2" in styles
    assert d.styles["Code Level 2"].paragraph_format.left_indent > 0
    sub = next(p for p in d.paragraphs if p.text.startswith("(a) Actions"))
    assert sub.runs[0].bold and sub.runs[0].text == "(a)"


@pytest.mark.parametrize("style", ["house", "strike", "color"])
def test_comparative_docx_static_formatting(result: Result, tmp_path: Path, style: str) -> None:
    """The print version: no revisions; brackets and italic (house) or strike/underline."""
    path = write_comparative_docx(redline(result), tmp_path / f"c-{style}.docx", style=style)
    assert validate_docx(path, SCHEMAS) == []
    root = _document(path)
    assert not root.xpath("//w:ins | //w:del", namespaces=NS)
    text = "".join(root.itertext())
    if style == "house":
        assert "[emigrate]" in text.replace("</w:t>", "")
        assert root.xpath("//w:r[w:rPr/w:i][w:t='leave']", namespaces=NS)
    else:
        assert root.xpath("//w:r[w:rPr/w:strike][w:t='emigrate']", namespaces=NS)
        assert root.xpath("//w:r[w:rPr/w:u][w:t='leave']", namespaces=NS)
    assert "*       *" in text


def test_clean_statute_docx_is_section_text(result: Result, tmp_path: Path) -> None:
    """The clean amended statute: one paragraph per line of section_text, valid."""
    path = write_statute_docx(result.statute, tmp_path / "s.docx")
    assert validate_docx(path, SCHEMAS) == []
    d = docx.Document(str(path))
    assert "\n".join(p.text for p in d.paragraphs) == section_text(result.statute.sections[0])


def test_random_title19_redlines_validate(tmp_path: Path) -> None:
    """Random amendment sets across Title 19: valid documents whose views match the law."""
    if not S2432.is_file():
        pytest.skip(f"../shared/ is absent: {S2432} does not exist (reference data, not in git)")
    title19 = load(S2432.parent)
    for seed in range(5):
        res = random_result(title19, 500 + seed)
        path = write_redline_docx(redline(res), tmp_path / f"r{seed}.docx")
        assert validate_docx(path, SCHEMAS) == []
        ps = docx.Document(str(path)).element.body.findall(W + "p")
        assert accepted_text(ps).rstrip("\n") == section_texts(res.statute, res.changed_sections)
        assert rejected_text(ps).rstrip("\n") == section_texts(res.original, res.changed_sections)
