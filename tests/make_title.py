"""Build a whole-title USLM file (like OLRC's `usc19.xml`) from real per-section files.

OLRC publishes each title as one file: `<uscDoc>` → `<meta>` → `<main>` → `<title>` → `<chapter>`
(→ `<subchapter>` …) → `<section>`, every container with its `<num>`, `<heading>` and analysis
(`<toc>` of `<tocItem>` rows, two columns: the section number, linked, and its heading). The tests
have the real sections (`../shared/uslm/usc19/*.xml`) but not the whole title, so this script wraps
real sections in that structure, with the real chapter and subchapter numbers and headings of
Title 19, and validates the result against `USLM.xsd`. Generated files go to a temporary folder;
none is committed.

    python tests/make_title.py ../shared/uslm/usc19 out/usc19.xml
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

USLM = "http://xml.house.gov/schemas/uslm/1.0"
DC = "http://purl.org/dc/elements/1.1/"
_N = "{" + USLM + "}"


@dataclass(frozen=True)
class Level:
    """A container: its kind, number, heading, the sections directly in it, and its sublevels."""

    kind: str
    number: str
    heading: str
    sections: tuple[str, ...] = ()
    levels: tuple[Level, ...] = field(default=())


def _span(first: str, last: str) -> tuple[str, ...]:
    """Every real section file whose number lies from `first` to `last` (as a range of the Code)."""
    return (f"{first}..{last}",)


TITLE_19 = Level(
    "title",
    "19",
    "CUSTOMS DUTIES",
    levels=(
        Level(
            "chapter",
            "12",
            "TRADE ACT OF 1974",
            sections=_span("2101", "2102"),
            levels=(
                Level(
                    "subchapter",
                    "III",
                    "RELIEF FROM UNFAIR TRADE PRACTICES",
                    sections=_span("2411", "2420"),
                ),
                Level(
                    "subchapter",
                    "IV",
                    "TRADE RELATIONS WITH COUNTRIES NOT CURRENTLY RECEIVING NONDISCRIMINATORY "
                    "TREATMENT",
                    sections=_span("2431", "2441"),
                ),
                Level(
                    "subchapter",
                    "V",
                    "GENERALIZED SYSTEM OF PREFERENCES",
                    sections=_span("2461", "2467"),
                ),
            ),
        ),
        Level(
            "chapter",
            "13",
            "MULTILATERAL TRADE NEGOTIATIONS",
            levels=(
                Level(
                    "subchapter",
                    "I",
                    "APPROVAL OF TRADE AGREEMENTS",
                    sections=_span("2501", "2504"),
                ),
            ),
        ),
    ),
)
"""Part of Title 19 as OLRC arranges it: chapter 12 (the Trade Act of 1974) with three of its
subchapters, and the first subchapter of chapter 13."""

TITLE_19_BEFORE_HR644 = Level(
    "title",
    "19",
    "CUSTOMS DUTIES",
    levels=(
        Level(
            "chapter",
            "4",
            "TARIFF ACT OF 1930",
            levels=(
                Level(
                    "subtitle",
                    "III",
                    "ADMINISTRATIVE PROVISIONS",
                    levels=(
                        Level(
                            "part",
                            "III",
                            "ASCERTAINMENT, COLLECTION, AND RECOVERY OF DUTIES",
                            sections=("1514", "1515", "1516", "1516a"),
                        ),
                        Level(
                            "part",
                            "V",
                            "ENFORCEMENT PROVISIONS",
                            sections=("1626", "1627a", "1628", "1629"),
                        ),
                    ),
                ),
            ),
        ),
        Level(
            "chapter",
            "12",
            "TRADE ACT OF 1974",
            sections=_span("2101", "2102"),
            levels=(
                Level(
                    "subchapter",
                    "II",
                    "RELIEF FROM INJURY CAUSED BY IMPORT COMPETITION",
                    levels=(
                        Level(
                            "part",
                            "1",
                            "POSITIVE ADJUSTMENT BY INDUSTRIES INJURED BY IMPORTS",
                            sections=("2251", "2252", "2253", "2254"),
                        ),
                    ),
                ),
            ),
        ),
    ),
)
"""Parts of Title 19 as they stood before H.R. 644 (114th Congress) added sections to them: real
sections, without the three the Act added (19 U.S.C. 1517, 1628a and 2255)."""

TITLE_26_DEV = Level(
    "title",
    "26",
    "INTERNAL REVENUE CODE",
    levels=(
        Level(
            "subtitle",
            "A",
            "Income Taxes",
            levels=(
                Level(
                    "chapter",
                    "1",
                    "NORMAL TAXES AND SURTAXES",
                    levels=(
                        Level(
                            "subchapter",
                            "A",
                            "Determination of Tax Liability",
                            levels=(
                                Level(
                                    "part",
                                    "IV",
                                    "CREDITS AGAINST TAX",
                                    levels=(
                                        Level(
                                            "subpart",
                                            "D",
                                            "Business Related Credits",
                                            sections=("38",),
                                        ),
                                    ),
                                ),
                            ),
                        ),
                        Level(
                            "subchapter",
                            "N",
                            "Tax Based on Income From Sources Within or Without the United States",
                            levels=(
                                Level(
                                    "part",
                                    "III",
                                    "INCOME FROM SOURCES WITHOUT THE UNITED STATES",
                                    levels=(
                                        Level(
                                            "subpart",
                                            "A",
                                            "Foreign Tax Credit",
                                            sections=("901",),
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        Level(
            "subtitle",
            "F",
            "Procedure and Administration",
            levels=(
                Level(
                    "chapter",
                    "65",
                    "ABATEMENTS, CREDITS, AND REFUNDS",
                    levels=(
                        Level(
                            "subchapter",
                            "B",
                            "Rules of Special Application",
                            sections=("6418",),
                        ),
                    ),
                ),
            ),
        ),
    ),
)
"""The three Internal Revenue Code sections in `../shared/uslm/dev-sections/usc26` (38, 901,
6418) in their real subtitles, chapters, subchapters, parts and subparts of Title 26."""

_SHORT = {
    "title": "t",
    "subtitle": "st",
    "chapter": "ch",
    "subchapter": "sch",
    "part": "pt",
    "subpart": "sp",
}
_NUMBER = re.compile(r"^(\d+)(.*)$")


def _key(number: str) -> tuple[int, str]:
    m = _NUMBER.match(number)
    return (int(m.group(1)), m.group(2)) if m else (0, number)


def _files(src: Path, spans: tuple[str, ...]) -> list[Path]:
    out: list[Path] = []
    for span in spans:
        if ".." not in span:
            out.append(src / f"{span}.xml")
            continue
        first, last = span.split("..")
        lo, hi = _key(first)[0], _key(last)[0]
        found = [p for p in src.glob("*.xml") if _NUMBER.match(p.stem)]
        found = [p for p in found if lo <= _key(p.stem)[0] <= hi]
        out += sorted(found, key=lambda p: _key(p.stem))
    return out


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _N + tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    el.tail = "\n"
    return el


def _heading_of(section: etree._Element) -> str:
    heading = section.find(_N + "heading")
    text = " ".join("".join(heading.itertext()).split()) if heading is not None else ""
    return text.rstrip(".") + "."


def _toc_header(toc: etree._Element, label: str) -> etree._Element:
    layout = _el(toc, "layout")
    header = _el(layout, "header", role="tocColumnHeader")
    _el(header, "column", label, class_="tocHeaderLeft")
    return layout


def _build(level: Level, src: Path, title: str, parent_ident: str, parent: etree._Element) -> None:
    ident = (
        f"/us/usc/t{title}"
        if level.kind == "title"
        else f"{parent_ident}/{_SHORT[level.kind]}{level.number}"
    )
    el = _el(parent, level.kind, identifier=ident)
    label = "Title" if level.kind == "title" else level.kind.upper()
    _el(el, "num", f"{label} {level.number}—", value=level.number)
    _el(el, "heading", level.heading)
    sections = [etree.parse(str(p)).getroot() for p in _files(src, level.sections)]
    # -- the analysis: a title lists its chapters; a chapter its sections, with the headings of
    #    its subchapters (parts, …) among them; the levels below a chapter have none of their own --
    toc = _el(el, "toc") if level.kind in ("title", "chapter") else None
    if toc is None:
        pass
    elif level.kind == "title":
        layout = _toc_header(toc, "Chap.")
        for sub in level.levels:
            item = _el(layout, "tocItem")
            sub_ident = f"{ident}/{_SHORT[sub.kind]}{sub.number}"
            left = _el(item, "column", class_="twoColumnLeft")
            ref = _el(left, "ref", f"{sub.number}.", href=sub_ident)
            ref.tail = None
            _el(item, "column", sub.heading.capitalize() + ".", class_="twoColumnRight")
    else:
        layout = _toc_header(toc, "Sec.")
        for sec in sections:
            _toc_row(layout, sec)
        _toc_levels(layout, level.levels, src)
    for sec in sections:
        sec.tail = "\n"
        el.append(sec)
    for sub in level.levels:
        _build(sub, src, title, ident, el)


def _toc_levels(layout: etree._Element, levels: tuple[Level, ...], src: Path) -> None:
    for sub in levels:
        _el(layout, "tocItem").append(_column(f"{sub.kind.upper()} {sub.number}—{sub.heading}"))
        for sec in (etree.parse(str(p)).getroot() for p in _files(src, sub.sections)):
            _toc_row(layout, sec)
        _toc_levels(layout, sub.levels, src)


def _column(text: str) -> etree._Element:
    col = etree.Element(_N + "column", {"class": "oneColumn"})
    col.text = text
    return col


def _toc_row(layout: etree._Element, sec: etree._Element) -> None:
    item = _el(layout, "tocItem")
    num = sec.find(_N + "num")
    number = num.get("value", "") if num is not None else ""
    left = _el(item, "column", class_="twoColumnLeft")
    ref = _el(left, "ref", f"{number}.", href=sec.get("identifier", ""))
    ref.tail = None
    _el(item, "column", _heading_of(sec), class_="twoColumnRight")


def build_title(src: str | Path, out: str | Path, level: Level = TITLE_19) -> Path:
    """Write a whole-title USLM file of the real sections in `src`, arranged as `level` says."""
    src, out = Path(src), Path(out)
    root = etree.Element(
        _N + "uscDoc", nsmap={None: USLM, "dc": DC}, identifier=f"/us/usc/t{level.number}"
    )
    root.text = "\n"
    meta = _el(root, "meta")
    title = etree.SubElement(meta, "{" + DC + "}title")
    title.text = f"Title {level.number}"
    title.tail = "\n"
    _el(meta, "docNumber", level.number)
    _el(meta, "property", "no", role="is-positive-law")
    main = _el(root, "main")
    _build(level, src, level.number, "", main)
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return out


def validate(path: str | Path, schema: str | Path) -> None:
    """Raise lxml's DocumentInvalid unless the file validates against `schema` (USLM.xsd)."""
    etree.XMLSchema(etree.parse(str(schema))).assertValid(etree.parse(str(path)))


if __name__ == "__main__":
    written = build_title(sys.argv[1], sys.argv[2])
    if len(sys.argv) > 3:
        validate(written, sys.argv[3])
    print(f"wrote {written}")
