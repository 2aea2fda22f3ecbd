"""The prints a committee files: the comparative print in HTML and Word from one layout, and the
bill, checked on their structure (and, where LibreOffice is installed, on their printed pages)."""

from __future__ import annotations

import dataclasses
import importlib.util
import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import docx
import pytest
from lxml import etree
from lxml import html as lhtml

from billdraft.amendments import AddAtEnd, StrikeInsert, Subsection
from billdraft.apply import apply
from billdraft.cite import Cite
from billdraft.diff import Redline, redline
from billdraft.drafts import read_draft
from billdraft.render.comparative import EXPLANATIONS, TITLE, comparative_print
from billdraft.render.docx.statute import write_comparative_docx
from billdraft.render.html import to_html
from billdraft.render.text import ELISION
from billdraft.statute import Statute, load

ROOT = Path(__file__).resolve().parents[1]
STATUTES = ROOT / "statutes"
DRAFTS = [
    ROOT / "drafts" / "kazakhstan-pntr.toml",
    ROOT / "drafts" / "section-402-every-amendment.toml",
]


def _redline(draft: Path) -> Redline:
    d = read_draft(draft)
    return redline(apply(load(STATUTES), d.amendments()))


@pytest.fixture(scope="module", params=DRAFTS, ids=lambda p: p.stem)
def rl(request: pytest.FixtureRequest) -> Redline:
    return _redline(request.param)


# --- the two formats of one print --------------------------------------------------------------


def _html_outline(page: str) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """(kind, text) of the header and elision lines, the notes, and the title lines of a page."""
    doc = lhtml.fromstring(page)
    for sup in doc.xpath("//sup"):
        sup.drop_tree()
    lines = []
    for p in doc.xpath("//p"):
        cls = p.get("class", "").split()
        kind = next((k for k in ("act", "container", "section", "elide") if k in cls), None)
        if kind is not None:
            lines.append((kind, p.text_content()))
    notes = [li.text_content() for li in doc.xpath("//ol[@class='amendments']/li")]
    top = [
        doc.xpath("//h1")[0].text_content(),
        doc.xpath("//p[@class='explain']")[0].text_content(),
    ]
    return lines, notes, top


def _docx_outline(path: Path) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """The same outline read from the Word print's paragraph styles."""
    kinds = {"Print Act": "act", "Print Container": "container", "Code Section": "section",
             "Redline Elision": "elide"}  # fmt: skip
    lines, notes, top = [], [], []
    for p in docx.Document(str(path)).paragraphs:
        name = p.style.name if p.style is not None else ""
        if name in kinds:
            # -- a note mark is a superscript run: drop it, as from the HTML --
            text = "".join(r.text for r in p.runs if not r.font.superscript)
            lines.append((kinds[name], text))
        elif name == "Print Note Item":
            number, _, note = p.text.partition(". ")  # numbered as the HTML list numbers
            assert number == str(len(notes) + 1)
            notes.append(note)
        elif name in ("Redline Title", "Redline Note"):
            top.append(p.text)
    return lines, notes, top


@pytest.mark.parametrize("style", ["house", "strike"])
def test_html_and_word_prints_have_the_same_headings_notes_and_title(
    rl: Redline, tmp_path: Path, style: str
) -> None:
    """One layout, two formats: the same title, clause 3(e) sentence, headers, elisions, notes."""
    html = _html_outline(to_html(rl, style=style))
    word = _docx_outline(write_comparative_docx(rl, tmp_path / "p.docx", style=style))
    assert html == word
    _lines, notes, top = html
    assert top == [TITLE, EXPLANATIONS[style]]
    assert "clause 3(e) of rule XIII" in top[1]
    assert notes and len(notes) == len(rl.amendments)


def test_an_act_section_is_headed_by_its_act_and_title(rl: Redline) -> None:
    """TRADE ACT OF 1974 / elision / TITLE IV / elision / SEC. 402. …, elisions around it."""
    layout = comparative_print(rl)
    kinds = [(ln.kind, ln.plain) for ln in layout.lines]
    assert kinds[:5] == [
        ("act", "TRADE ACT OF 1974"),
        ("elision", ELISION),
        ("container", "TITLE IV"),
        ("elision", ELISION),
        ("section", "SEC. 402. FREEDOM OF EMIGRATION IN EAST-WEST TRADE."),
    ]
    assert kinds[-1] == ("elision", ELISION)
    assert not any(a == b == "elision" for (a, _), (b, _) in itertools.pairwise(kinds))
    # -- and the print says which text it shows: the Code's, for an Act section --
    assert layout.source is not None
    assert "section 402 of the Trade Act of 1974 (19 U.S.C. 2432)" in layout.source


def test_a_section_no_act_is_known_for_is_printed_in_the_codes_form(rl: Redline) -> None:
    """Without an Act for the section: TITLE 19, UNITED STATES CODE and § 2432. as the Code has it."""
    bare = dataclasses.replace(rl, old=None, new=None)
    layout = comparative_print(bare)
    assert [ln.plain for ln in layout.lines[:3]] == [
        "TITLE 19, UNITED STATES CODE",
        ELISION,
        "§ 2432. Freedom of emigration in East-West trade",
    ]
    assert layout.source is None


def test_container_headings_come_from_a_whole_title_statute(tmp_path: Path) -> None:
    """A section read inside its title and chapters is headed by them; the Act's title takes the
    heading of the Code container that carries it."""
    ns = "http://xml.house.gov/schemas/uslm/1.0"
    section = etree.parse(str(STATUTES / "2432.xml")).getroot()
    title = etree.Element(f"{{{ns}}}title", nsmap={None: ns})
    etree.SubElement(title, f"{{{ns}}}num", value="19").text = "Title 19—"
    etree.SubElement(title, f"{{{ns}}}heading").text = "Customs Duties"
    chapter = etree.SubElement(title, f"{{{ns}}}chapter")
    etree.SubElement(chapter, f"{{{ns}}}num", value="12").text = "CHAPTER 12—"
    etree.SubElement(chapter, f"{{{ns}}}heading").text = "TRADE ACT OF 1974"
    sub = etree.SubElement(chapter, f"{{{ns}}}subchapter")
    etree.SubElement(sub, f"{{{ns}}}num", value="IV").text = "SUBCHAPTER IV—"
    etree.SubElement(sub, f"{{{ns}}}heading").text = "Trade Relations With Certain Countries"
    sub.append(section)
    law = Statute([section], acts=load(STATUTES).acts)
    amendment = StrikeInsert(Cite.parse("19 U.S.C. 2432(a)"), "To assure", "To ensure")
    layout = comparative_print(redline(apply(law, [amendment])))
    assert "TITLE IV—TRADE RELATIONS WITH CERTAIN COUNTRIES" in layout.headings()
    bare = comparative_print(dataclasses.replace(redline(apply(law, [amendment])), new=None,
                                                 old=Statute([section])))  # fmt: skip
    assert bare.headings()[:3] == [
        "TITLE 19, UNITED STATES CODE",
        "CHAPTER 12—TRADE ACT OF 1974",
        "SUBCHAPTER IV—TRADE RELATIONS WITH CERTAIN COUNTRIES",
    ]


def test_a_space_between_omitted_and_new_matter() -> None:
    """[To assure] To ensure, in the HTML, the Word print and the layout; never [To assure]To."""
    law = load(STATUTES / "2432.xml")
    rl = redline(
        apply(law, [StrikeInsert(Cite.parse("19 U.S.C. 2432(a)"), "To assure", "To ensure")])
    )
    line = next(ln for ln in comparative_print(rl).lines if "To assure" in ln.plain)
    assert "[To assure] To ensure the continued" in line.plain
    doc = lhtml.fromstring(to_html(rl))
    for sup in doc.xpath("//sup"):
        sup.drop_tree()
    assert "[To assure] To ensure the continued" in doc.text_content()
    strike = comparative_print(rl, style="strike")
    assert "To assure To ensure the continued" in next(
        ln.plain for ln in strike.lines if "To assure" in ln.plain
    )


def test_the_print_of_a_new_subsection_reads_as_the_law_will(tmp_path: Path) -> None:
    """A new subsection prints `(f) Heading.—Text` in italic, and its note names the amendment."""
    law = load(STATUTES / "2432.xml")
    new = Subsection("f", "Exception for Kazakhstan", "This section shall not apply to Kazakhstan.")
    rl = redline(apply(law, [AddAtEnd(Cite.parse("19 U.S.C. 2432"), (new,), label="Sec. 3")]))
    layout = comparative_print(rl)
    line = next(ln for ln in layout.lines if ln.plain.startswith("(f)"))
    assert line.plain == "(f) Exception for Kazakhstan.—This section shall not apply to Kazakhstan."
    assert line.status == "inserted"
    assert [n.text for n in layout.notes] == ["Sec. 3: add new matter at the end of 19 U.S.C. 2432"]


def test_a_change_holds_the_words_inserted() -> None:
    """`Change.inserted`: the words without the joining space; a new subsection as printed."""
    draft = read_draft(ROOT / "drafts" / "kazakhstan-pntr.toml")
    result = apply(load(STATUTES), draft.amendments())
    words, provision = result.changes
    assert words.inserted == "(other than Kazakhstan)"
    assert words.spliced == " (other than Kazakhstan)"
    assert words.new_end - words.new_start == len(words.spliced)
    assert provision.inserted.startswith("(f) Exception for Kazakhstan.—This section shall not")
    # -- and the redline built from the log still reads as the law does --
    rl = redline(result)
    assert "country (other than Kazakhstan) shall not" in rl.text("new")


# --- the printed pages (LibreOffice → PDF → pdftotext), as bench/render_pictures.py makes them ---

_PRINTING = shutil.which("soffice") is not None and shutil.which("pdftotext") is not None
needs_libreoffice = pytest.mark.skipif(
    not _PRINTING, reason="LibreOffice (soffice) or poppler (pdftotext, pdftoppm) not installed"
)


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "render_pictures", ROOT / "bench" / "render_pictures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("render_pictures", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    """draft stem → print name → the text of each page (pdftotext -layout)."""
    if not _PRINTING:
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) not installed")
    bench = _bench()
    out: dict[str, dict[str, list[str]]] = {}
    for draft in DRAFTS:
        folder = tmp_path_factory.mktemp(draft.stem)
        made = bench.render(draft, folder, dpi=30)
        out[draft.stem] = {}
        for r in made:
            assert r.pages and all(p.is_file() and p.stat().st_size > 0 for p in r.pages)
            text = subprocess.run(
                ["pdftotext", "-layout", str(r.pdf), "-"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            out[draft.stem][r.name] = [p for p in text.split("\f") if p.strip()]
    return out


def _numbered(page: str) -> list[int]:
    """The line numbers printed in a page's margin."""
    return [int(m.group(1)) for m in re.finditer(r"(?m)^\s{0,3}([0-9]{1,2})\s{2,}\S", page)]


def _flat(pages: list[str]) -> str:
    return " ".join(" ".join(pages).split())


@needs_libreoffice
def test_bill_pages_have_25_numbered_lines(printed: dict[str, dict[str, list[str]]]) -> None:
    """Every page of a bill numbers its lines from 1; a page after the cover holds 25 of them,
    unless it is the last or the next opens with a section heading (kept with its text)."""
    for stem, prints in printed.items():
        pages = prints["bill"]
        assert len(pages) >= 3, stem
        for k, page in enumerate(pages):
            numbers = _numbered(page)
            assert numbers == list(range(1, len(numbers) + 1)), (stem, k + 1, numbers)
            assert len(numbers) <= 25, (stem, k + 1)
            if 0 < k < len(pages) - 1 and len(numbers) < 25:
                first = re.search(r"(?m)^\s{0,3}1\s{2,}(\S.*)$", pages[k + 1])
                following = first.group(1) if first else ""
                assert following.startswith("SEC."), (stem, k + 1, len(numbers), following)


@needs_libreoffice
def test_bill_page_numbers_and_cover_as_gpo_prints(
    printed: dict[str, dict[str, list[str]]],
) -> None:
    """No page number on the cover; from page 2 on it heads the page; the date line comes
    before the sponsor line, and the referral sentence ends with a period."""
    pages = printed["kazakhstan-pntr"]["bill"]
    assert len(pages) >= 2
    for n, page in enumerate(pages[1:], start=2):
        assert page.strip().splitlines()[0].strip() == str(n)
    cover = " ".join(pages[0].split())
    assert not re.match(r"^1\b", pages[0].strip())
    chamber = cover.index("IN THE HOUSE OF REPRESENTATIVES")
    date = cover.index(", 2026")
    sponsor = cover.index("introduced the following bill")
    assert chamber < date < sponsor
    assert "referred to the Committee on Ways and Means." in cover


@needs_libreoffice
def test_html_and_word_prints_print_the_same_headers(
    printed: dict[str, dict[str, list[str]]],
) -> None:
    """Both printed prints carry the title, the rule XIII sentence, the Act and title headers,
    the section line, the spacing between omitted and new matter, and the notes, in order."""
    for stem, prints in printed.items():
        html, word = _flat(prints["HTML print"]), _flat(prints["Word print"])
        layout = comparative_print(_redline(ROOT / "drafts" / f"{stem}.toml"))
        wanted = [
            "CHANGES IN EXISTING LAW MADE BY THE BILL, AS REPORTED",
            "clause 3(e) of rule XIII",
            "TRADE ACT OF 1974",
            "TITLE IV",
            "SEC. 402. FREEDOM OF EMIGRATION IN EAST-WEST TRADE.",
            *(" ".join(n.text.split()[:6]) for n in layout.notes),
        ]
        for text in (html, word):
            at = [text.find(w) for w in wanted]
            assert -1 not in at, (stem, [w for w, a in zip(wanted, at, strict=True) if a < 0])
            assert at == sorted(at), stem
        if stem == "section-402-every-amendment":
            assert "[To assure] To ensure" in html and "[To assure] To ensure" in word


def test_the_data_layer_loads_no_view() -> None:
    """Importing diff (the Redline) imports no renderer; its display hooks load them on call."""
    code = (
        "import sys, billdraft.diff, billdraft.apply;"
        "print(sorted(m for m in sys.modules if m.startswith('billdraft.render')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
