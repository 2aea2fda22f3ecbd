"""The USLM importer: folder, single-file and whole-title input, filters, acts.json, quiet output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

import billdraft
from billdraft import CitationError, Cite, NoSectionsError, UnknownCitationError
from billdraft.cli import main
from billdraft.importer import SectionRange, import_uslm
from billdraft.uslm import USLM_NS, c14n

REPO = Path(__file__).resolve().parents[1]
STATUTES = REPO / "statutes"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
USC19 = SHARED / "uslm" / "usc19"
README_RANGE = "2431-2441"  # the range the README says statutes/ was built with

_PLAIN = etree.XMLParser(resolve_entities=False, no_network=True)


@pytest.fixture(scope="module")
def usc19() -> Path:
    """../shared/uslm/usc19, or skip when the reference data is absent."""
    if not USC19.is_dir():
        pytest.skip(f"../shared/ is absent: {USC19} does not exist (reference data, not in git)")
    return USC19


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    return env


def _billdraft(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command in a child process (stdout and stderr captured, so not terminals)."""
    return subprocess.run(
        [sys.executable, "-m", "billdraft.cli", *args],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )


def _body(data: bytes) -> bytes:
    """A section file without its XML declaration and final line break."""
    assert data.startswith(b"<?xml ")
    return data.split(b"\n", 1)[1].rstrip(b"\n")


def _assert_official(written: Path, source: Path) -> None:
    """`written` is the official markup of `source`: same bytes after the declaration, same C14N."""
    assert _body(written.read_bytes()) == _body(source.read_bytes()), written.name
    assert c14n(etree.parse(str(written), _PLAIN)) == c14n(etree.parse(str(source), _PLAIN))


def _section_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.xml"))


def _title_file(sections: list[Path], path: Path) -> Path:
    """Write an OLRC-style whole-title file: uscDoc/meta/main/title/chapter/section…"""
    bodies = []
    for f in sections:
        text = f.read_text(encoding="utf-8")
        text = text[text.index("<section") :]
        # In a real title file the namespaces are declared once, on uscDoc.
        bodies.append(re.sub(r'^<section( xmlns(:html)?="[^"]*")+', "<section", text))
    half = len(bodies) // 2
    quoted = (
        '<note topic="amendments"><p>Text read as follows:</p><quotedContent>'
        '<section identifier="/us/usc/t19/s9999"><num value="9999">§ 9999.</num>'
        "<content>Quoted, not a section of the Code.</content></section></quotedContent></note>"
    )
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<uscDoc xmlns="{USLM_NS}" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:html="http://www.w3.org/1999/xhtml" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xml:lang="en" '
        'identifier="/us/usc/t19">\n<meta><dc:title>Title 19</dc:title>'
        "<dc:type>USCTitle</dc:type><dcterms:created>2026-01-01T00:00:00</dcterms:created></meta>\n"
        '<main><title identifier="/us/usc/t19"><num value="19">Title 19—</num>'
        "<heading>CUSTOMS DUTIES</heading>\n"
        '<chapter identifier="/us/usc/t19/ch1"><num value="1">CHAPTER 1—</num>'
        "<heading>FIRST</heading><toc><section identifier='/us/usc/t19/s8888'/></toc>\n"
        + "\n".join(bodies[:half])
        + quoted
        + "</chapter>\n"
        '<chapter identifier="/us/usc/t19/ch2"><num value="2">CHAPTER 2—</num>'
        '<heading>SECOND</heading><subchapter identifier="/us/usc/t19/ch2/schI">'
        '<num value="I">SUBCHAPTER I—</num><heading>PART</heading>\n'
        + "\n".join(bodies[half:])
        + "</subchapter></chapter></title></main></uscDoc>\n"
    )
    path.write_bytes(doc.encode("utf-8"))
    return path


# --- the committed statutes/ folder ---------------------------------------------------------


def test_committed_statutes_are_what_the_importer_produces(usc19: Path, tmp_path: Path) -> None:
    """Re-running the README's import into tmp gives statutes/ byte for byte (acts.json too)."""
    out = tmp_path / "statutes"
    assert main(["import-uslm", str(usc19), "--out", str(out), "--sections", README_RANGE]) == 0
    committed = sorted(p.name for p in STATUTES.iterdir() if p.is_file())
    assert sorted(p.name for p in out.iterdir()) == committed
    assert "acts.json" in committed and "2432.xml" in committed
    for name in committed:
        assert (out / name).read_bytes() == (STATUTES / name).read_bytes(), name


def test_readme_states_how_statutes_was_made() -> None:
    """The README gives the import command that built statutes/."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(
        rf"billdraft import-uslm \S*usc19\S* --out statutes\S* --sections {README_RANGE}", readme
    )


# --- folder, single file, whole title ---------------------------------------------------------


def test_folder_import_writes_official_markup(usc19: Path, tmp_path: Path) -> None:
    """Each written file is the official section: same bytes after the declaration, same C14N."""
    report = import_uslm([usc19], tmp_path, select=lambda c: c.section.startswith("243"))
    assert report.read == 874
    names = [p.name for p in report.written]
    assert names == _section_files(tmp_path)
    assert "2432.xml" in names and "2439.xml" in names
    for path in report.written:
        _assert_official(path, usc19 / path.name)
    assert (tmp_path / "acts.json").is_file()


def test_single_section_file(usc19: Path, tmp_path: Path) -> None:
    """A single section file imports as one section file."""
    assert main(["import-uslm", str(usc19 / "2432.xml"), "--out", str(tmp_path)]) == 0
    assert _section_files(tmp_path) == ["2432.xml"]
    _assert_official(tmp_path / "2432.xml", usc19 / "2432.xml")
    data = json.loads((tmp_path / "acts.json").read_text(encoding="utf-8"))
    assert data["format"] == "billdraft-act-index"
    statute = billdraft.load(tmp_path)
    assert statute.provision("19 U.S.C. 2432(a)(1)").content


def test_several_sources_at_once(usc19: Path, tmp_path: Path) -> None:
    """Several files and folders can be given together."""
    report = import_uslm([usc19 / "2432.xml", STATUTES / "2433.xml", usc19 / "1304.xml"], tmp_path)
    assert report.read == 3
    assert _section_files(tmp_path) == ["1304.xml", "2432.xml", "2433.xml"]


def test_whole_title_file_is_streamed_into_sections(usc19: Path, tmp_path: Path) -> None:
    """A whole-title file (all 874 sections in chapters) gives the very files the folder gives."""
    files = sorted(usc19.glob("*.xml"))
    title = _title_file(files, tmp_path / "usc19.xml")
    from_title = tmp_path / "from-title"
    report = import_uslm([title], from_title)
    assert report.read == 874  # the quoted § 9999 and the TOC entry are not sections
    assert not (from_title / "9999.xml").exists() and not (from_title / "8888.xml").exists()
    from_folder = tmp_path / "from-folder"
    import_uslm([usc19], from_folder)
    assert _section_files(from_title) == _section_files(from_folder)
    for name in _section_files(from_folder):
        # Byte for byte: the namespaces inherited from uscDoc are declared as the files declare them.
        assert (from_title / name).read_bytes() == (from_folder / name).read_bytes(), name
    # Act names come from the same notes either way.
    assert (from_title / "acts.json").read_bytes() == (from_folder / "acts.json").read_bytes()


def test_whole_title_file_with_section_filter_keeps_markup(usc19: Path, tmp_path: Path) -> None:
    """From a title file, a filtered import still writes the official markup of each section."""
    chosen = [usc19 / f"{n}.xml" for n in range(2431, 2440)] + [
        f for f in sorted(usc19.glob("*.xml")) if b"xmlns:html" in f.read_bytes()[:400]
    ]
    title = _title_file(chosen, tmp_path / "title.xml")
    out = tmp_path / "out"
    assert main(["import-uslm", str(title), "--out", str(out), "--sections", README_RANGE]) == 0
    assert _section_files(out) == [f"{n}.xml" for n in range(2431, 2440)]
    for n in range(2431, 2440):
        _assert_official(out / f"{n}.xml", usc19 / f"{n}.xml")
    html_sections = [f for f in chosen if f.name not in {f"{n}.xml" for n in range(2431, 2440)}]
    assert html_sections  # sections whose markup uses xhtml keep their namespace
    everything = tmp_path / "all"
    import_uslm([title], everything)
    for f in html_sections:
        written = everything / f.name
        assert c14n(etree.parse(str(written), _PLAIN)) == c14n(etree.parse(str(f), _PLAIN))


# --- --sections ------------------------------------------------------------------------------


def test_sections_filter(usc19: Path, tmp_path: Path) -> None:
    """--sections keeps the listed ranges (repeatable), suffixed and dashed numbers included."""
    out = tmp_path / "out"
    code = main(
        ["import-uslm", str(usc19), "--out", str(out), "--sections", "1677", "--sections", "2432"]
    )
    assert code == 0
    names = _section_files(out)
    assert "2432.xml" in names and "2431.xml" not in names and "2433.xml" not in names
    expected = {"1677.xml", "1677a.xml", "1677f.xml", "1677f–1.xml", "1677–1.xml", "1677–2.xml"}
    assert expected <= set(names)
    assert all(re.match(r"1677\D|1677\.|2432\.", n) for n in names), names
    source_count = sum(1 for f in usc19.glob("*.xml") if re.match(r"1677(\D|\.)", f.name)) + 1
    assert len(names) == source_count
    _assert_official(out / "1677f–1.xml", usc19 / "1677f-1.xml")


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("2431-2441", ["2431", "2432", "2432a", "2441", "2441b"], ["2430", "2442", "243"]),
        ("1677", ["1677", "1677f", "1677f–1", "1677f-1", "1677–2"], ["1676", "1678", "16771"]),
        ("2431–2433", ["2433"], ["2434"]),
    ],
)
def test_section_range(text: str, inside: list[str], outside: list[str]) -> None:
    """A range holds every section whose leading number is within it, whatever its suffix."""
    r = SectionRange.parse(text)
    for s in inside:
        assert s in r, s
    for s in outside:
        assert s not in r, s
    assert 2432 not in r  # only section numbers as strings


@pytest.mark.parametrize("bad", ["x-y", "2441-2431", "1-2-3", "", "24a"])
def test_bad_section_range(bad: str) -> None:
    """A range that is not N or N-M (N ≤ M) is a CitationError naming what was expected."""
    with pytest.raises(CitationError, match="expected a section range such as 2431-2441"):
        SectionRange.parse(bad)


# --- acts.json and the derived Act mapping ---------------------------------------------------


def test_acts_json_names_come_from_notes(usc19: Path, tmp_path: Path) -> None:
    """acts.json holds Act names harvested from the notes; the Act form resolves through them."""
    import_uslm([usc19], tmp_path, select=lambda c: c.section in {"2431", "2432", "2433"})
    data = json.loads((tmp_path / "acts.json").read_text(encoding="utf-8"))
    assert data["names"]["93-618"] == "Trade Act of 1974"
    assert len(data["names"]) > 20
    statute = billdraft.load(tmp_path)
    cite = Cite.parse("section 402 of the Trade Act of 1974", statute.acts)
    assert cite == Cite("19", "2432")
    assert statute.provision("section 402(a)(1) of the Trade Act of 1974").identifier == (
        "/us/usc/t19/s2432/a/1"
    )
    assert Cite("19", "2432", ("a",)).drafting(statute.acts) == (
        "section 402(a) of the Trade Act of 1974 (19 U.S.C. 2432(a))"
    )


def test_act_mapping_is_data_not_a_table(usc19: Path, tmp_path: Path) -> None:
    """Renaming the law in acts.json renames it for the Act form: nothing is hard-wired."""
    import_uslm([usc19], tmp_path, select=lambda c: c.section == "2432")
    acts = tmp_path / "acts.json"
    data = json.loads(acts.read_text(encoding="utf-8"))
    data["names"]["93-618"] = "Emigration Freedom Act of 2099"
    acts.write_text(json.dumps(data), encoding="utf-8")
    statute = billdraft.load(tmp_path)
    assert Cite.parse("section 402 of the Emigration Freedom Act of 2099", statute.acts) == Cite(
        "19", "2432"
    )
    with pytest.raises(UnknownCitationError, match="no loaded section"):
        Cite.parse("section 403 of the Emigration Freedom Act of 2099", statute.acts)
    # The section half of the mapping comes from the source credit of the loaded section.
    credit = statute.provision("19 U.S.C. 2432").source_credit or ""
    assert credit.startswith("(Pub. L. 93–618, title IV, § 402,")


def test_committed_acts_json_resolves_every_loaded_act_section() -> None:
    """On a fresh clone, statutes/ maps each section's enacting Act section to its Code section."""
    statute = billdraft.load(STATUTES)
    resolved = 0
    for sec in statute.sections:
        found = statute.acts.to_act("19", sec.designation)
        if found is not None:
            name, entry = found
            text = f"section {entry.section} of the {name}"
            assert Cite.parse(text, statute.acts) == sec.cite
            resolved += 1
    assert resolved >= len(statute) - 1
    assert Cite.parse("section 402 of the Trade Act of 1974", statute.acts) == Cite("19", "2432")


# --- output and errors -----------------------------------------------------------------------


def test_quiet_when_stderr_is_not_a_terminal(usc19: Path, tmp_path: Path) -> None:
    """With stderr captured (not a terminal) the import prints no progress, only its summary."""
    run = _billdraft("import-uslm", str(usc19), "--out", str(tmp_path), "--sections", "2432")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.startswith(f"read 874 section(s), wrote 1 to {tmp_path} ")
    assert run.stdout.count("\n") == 1  # one summary line, no progress


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal (POSIX)")
def test_progress_goes_to_a_terminal_stderr(usc19: Path, tmp_path: Path) -> None:
    """When stderr is a terminal a progress bar is drawn there, and stdout stays clean."""
    main_fd, child_fd = os.openpty()
    try:
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "billdraft.cli",
                "import-uslm",
                str(usc19),
                "--out",
                str(tmp_path),
                "--sections",
                "2432",
            ],
            stdout=subprocess.PIPE,
            stderr=child_fd,
            env={**_env(), "TERM": "xterm", "COLUMNS": "100"},
            check=False,
            timeout=120,
        )
        os.close(child_fd)
        chunks = []
        while True:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(main_fd)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert run.returncode == 0, shown
    assert "importing" in shown
    assert run.stdout.decode("utf-8").startswith("read 874 section(s), wrote 1 to ")
    assert "importing" not in run.stdout.decode("utf-8")


def test_importing_nothing_is_an_error(tmp_path: Path) -> None:
    """An empty folder or a missing path is a NoSectionsError; the command exits 1 with a message."""
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NoSectionsError, match=r"expected USLM files \(\*\.xml\) in the folder"):
        import_uslm([empty], tmp_path / "out")
    with pytest.raises(NoSectionsError, match="found nothing there"):
        import_uslm([tmp_path / "missing"], tmp_path / "out")
    run = _billdraft("import-uslm", str(empty), "--out", str(tmp_path / "out"))
    assert run.returncode == 1
    assert run.stderr.startswith("billdraft: error: ")
    assert str(empty) in run.stderr
    assert run.stdout == ""


def test_import_of_a_hostile_file_names_it(tmp_path: Path) -> None:
    """A file that is not USLM stops the import with a typed error naming the file."""
    bad = tmp_path / "bad.xml"
    bad.write_text('<?xml version="1.0"?>\n<html><body/></html>\n', encoding="utf-8")
    with pytest.raises(billdraft.NotUSLMError) as info:
        import_uslm([bad], tmp_path / "out")
    assert str(bad) in str(info.value)
    assert not list((tmp_path / "out").glob("*.xml"))
