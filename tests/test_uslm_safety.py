"""Hostile and real input for billdraft.uslm: typed errors for unsafe files, no other file read."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import etree

from billdraft.errors import (
    DoctypeError,
    EmptyFileError,
    EntityExpansionError,
    ExternalEntityError,
    FileTooLargeError,
    MalformedXMLError,
    NotUSLMError,
    NotUTF8Error,
    UnsafeXMLError,
    XIncludeError,
    XMLInputError,
)
from billdraft.uslm import (
    NSMAP,
    USLM_NS,
    c14n,
    hardened_parser,
    iter_title_sections,
    localname,
    parse_uslm,
    parse_uslm_bytes,
    qn,
    serialize,
)

USLM2_NS = "http://schemas.gpo.gov/xml/uslm"

# A small, valid section (synthetic: any section must work, none is special).
SECTION = (
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    f'<section xmlns="{USLM_NS}" identifier="/us/usc/t99/s7">'
    '<num value="7">§ 7.</num><heading> Café rules</heading>\n'
    '<content>The “Secretary” shall act on or after <date date="1975-01-03">January 3, 1975</date>'
    "—promptly.  Two spaces stay.</content>\n"
    "</section>\n"
)

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + f']>\n<section xmlns="{USLM_NS}">&lol9;</section>\n'
)

Reader = Callable[..., object]


def _read_whole(path: Path, **kw: int) -> object:
    return parse_uslm(path, **kw)


def _read_streamed(path: Path, **kw: int) -> object:
    return list(iter_title_sections(path, **kw))


READERS = pytest.mark.parametrize(
    "read", [_read_whole, _read_streamed], ids=["parse_uslm", "iter_title_sections"]
)


# --- one test per hostile case -------------------------------------------------------------

# id, file bytes, max_bytes, error type, words the message must contain, line (None: no line)
HOSTILE: list[tuple[str, bytes, int | None, type[XMLInputError], tuple[str, ...], int | None]] = [
    (
        "billion_laughs",
        BILLION_LAUGHS.encode(),
        None,
        EntityExpansionError,
        ("expected no document type declaration", "10 entity declaration(s)", "'lol'"),
        3,
    ),
    (
        "external_dtd_url",
        f'<?xml version="1.0"?>\n<!DOCTYPE section SYSTEM "http://evil.example/uslm.dtd">\n'
        f'<section xmlns="{USLM_NS}"/>'.encode(),
        None,
        DoctypeError,
        ("expected no document type declaration", 'SYSTEM "http://evil.example/uslm.dtd"'),
        2,
    ),
    (
        "truncated",
        SECTION.encode()[: SECTION.encode().index(b"January")],
        None,
        MalformedXMLError,
        ("expected well-formed XML", "Premature end of data"),
        3,
    ),
    (
        "non_uslm_root",
        b'<?xml version="1.0"?>\n\n<html><body>not a statute</body></html>\n',
        None,
        NotUSLMError,
        (f"expected a USLM 1.0 element in namespace {USLM_NS}", "found html (no namespace)"),
        3,
    ),
    (
        "uslm2_namespace",
        f'<?xml version="1.0"?>\n<bill xmlns="{USLM2_NS}"><main/></bill>'.encode(),
        None,
        NotUSLMError,
        (f"expected a USLM 1.0 element in namespace {USLM_NS}", f"found {{{USLM2_NS}}}bill"),
        2,
    ),
    (
        "latin1",
        SECTION.replace("encoding='UTF-8'", "encoding='ISO-8859-1'")
        .replace("“", '"')
        .replace("”", '"')
        .replace("—", "-")
        .encode("latin-1"),
        None,
        NotUTF8Error,
        ("expected UTF-8 text", "found byte(s) A7"),  # "§" in Latin-1, on line 2
        2,
    ),
    (
        "declared_latin1_ascii_body",
        b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<section xmlns="'
        + USLM_NS.encode()
        + b'"/>',
        None,
        NotUTF8Error,
        ("expected an XML declaration with encoding UTF-8", "found encoding 'ISO-8859-1'"),
        1,
    ),
    (
        "utf16",
        SECTION.replace("UTF-8", "UTF-16").encode("utf-16"),
        None,
        NotUTF8Error,
        ("expected UTF-8 text", "found byte(s) FF"),
        1,
    ),
    ("empty", b"", None, EmptyFileError, ("expected a USLM XML document", "empty file"), None),
    (
        "whitespace_only",
        b"  \n\n",
        None,
        EmptyFileError,
        ("expected a USLM XML document", "only whitespace"),
        None,
    ),
    (
        "xinclude",
        SECTION.replace(
            "—promptly.",
            '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>',
        ).encode(),
        None,
        XIncludeError,
        ("expected a self-contained document, found an xi:include of '/etc/passwd'",),
        3,
    ),
    (
        "too_large",
        SECTION.encode(),
        100,
        FileTooLargeError,
        ("expected at most 100 bytes", f"found {len(SECTION.encode()):,} bytes"),
        None,
    ),
]


@READERS
@pytest.mark.parametrize(
    ("data", "max_bytes", "error", "words", "line"),
    [case[1:] for case in HOSTILE],
    ids=[case[0] for case in HOSTILE],
)
def test_hostile_file_gets_a_typed_error(
    tmp_path: Path,
    read: Reader,
    data: bytes,
    max_bytes: int | None,
    error: type[XMLInputError],
    words: tuple[str, ...],
    line: int | None,
) -> None:
    """Each hostile file raises its own error type naming the file, what was expected and found."""
    path = tmp_path / "input.xml"
    path.write_bytes(data)
    kw = {} if max_bytes is None else {"max_bytes": max_bytes}
    with pytest.raises(error) as info:
        read(path, **kw)
    err = info.value
    assert err.path == str(path)
    assert str(err).startswith(str(path))
    for w in words:
        assert w in err.message
    assert err.line == line


@pytest.mark.parametrize(
    ("data", "max_bytes", "error"), [c[1:4] for c in HOSTILE], ids=[c[0] for c in HOSTILE]
)
def test_hostile_bytes_get_the_same_errors(
    data: bytes, max_bytes: int | None, error: type[XMLInputError]
) -> None:
    """parse_uslm_bytes applies the same checks and names the given source."""
    kw = {} if max_bytes is None else {"max_bytes": max_bytes}
    with pytest.raises(error, match=r"^from-the-wire\.xml"):
        parse_uslm_bytes(data, name="from-the-wire.xml", **kw)


def test_libxml2_advice_is_not_passed_on(tmp_path: Path) -> None:
    """A text node past libxml2's limit: the message says what was found, not which option to set."""
    path = tmp_path / "huge-text.xml"
    path.write_bytes(SECTION.replace("Two spaces stay.", "x" * 10_000_001).encode())
    with pytest.raises(MalformedXMLError) as info:
        parse_uslm(path, max_bytes=20_000_000)
    assert "XML_PARSE_HUGE" not in str(info.value)
    assert "expected well-formed XML" in str(info.value)


def test_real_uslm2_bill_is_not_uslm1(shared_dir: Path) -> None:
    """A real USLM 2.x bill is rejected as not USLM 1.0, with the namespace it does use."""
    bill = next(iter(sorted((shared_dir / "bills" / "uslm").glob("*.xml"))))
    with pytest.raises(NotUSLMError, match=re.escape(USLM2_NS)) as info:
        parse_uslm(bill)
    assert info.value.path == str(bill)
    assert info.value.line is not None


def test_missing_file_and_directory(tmp_path: Path) -> None:
    """A path that is not a readable regular file is an XMLInputError, not an OSError."""
    with pytest.raises(XMLInputError, match="found no file at this path"):
        parse_uslm(tmp_path / "nope.xml")
    with pytest.raises(XMLInputError, match="expected a regular file, found a directory"):
        parse_uslm(tmp_path)


# --- nothing outside the named file is read ------------------------------------------------


def _call_with_timeout(fn: Callable[[], object], fifo: Path, seconds: float = 5.0) -> object:
    """Run fn in a thread; fail if it blocks (it would only block by opening the FIFO)."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(fn())
        except BaseException as e:  # the exception is the result under test
            outcome.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        # Unblock the reader stuck in open() so the thread can end, then fail.
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        thread.join(seconds)
        pytest.fail(f"the parser opened {fifo}: it blocked for {seconds} s")
    return outcome[0]


XXE_TEMPLATES = {
    "general_entity": (
        '<?xml version="1.0"?>\n<!DOCTYPE section [\n<!ENTITY xxe SYSTEM "file://{target}">\n]>\n'
        f'<section xmlns="{USLM_NS}"><content>&xxe;</content></section>\n',
        ExternalEntityError,
    ),
    "parameter_entity": (
        '<?xml version="1.0"?>\n<!DOCTYPE section [\n<!ENTITY % xxe SYSTEM "{target}"> %xxe;\n]>\n'
        f'<section xmlns="{USLM_NS}"/>\n',
        ExternalEntityError,
    ),
    "public_entity": (
        '<?xml version="1.0"?>\n<!DOCTYPE section [\n<!ENTITY xxe PUBLIC "-//X//Y" "{target}">\n'
        f']>\n<section xmlns="{USLM_NS}">&xxe;</section>\n',
        ExternalEntityError,
    ),
    "external_dtd": (
        '<?xml version="1.0"?>\n<!DOCTYPE section SYSTEM "{target}">\n'
        f'<section xmlns="{USLM_NS}"/>\n',
        DoctypeError,
    ),
}


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe: opening it for reading blocks until someone writes."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("os.mkfifo is not available on this platform")
    path = tmp_path / "pipe"
    os.mkfifo(path)
    yield path


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file the user never named, holding text that must never surface."""
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-7f3a9c-do-not-leak\n", encoding="utf-8")
    return path


@READERS
@pytest.mark.parametrize("kind", list(XXE_TEMPLATES))
def test_xxe_never_opens_the_target(tmp_path: Path, fifo: Path, read: Reader, kind: str) -> None:
    """An external entity or DTD pointing at a FIFO returns promptly: the FIFO is never opened."""
    template, error = XXE_TEMPLATES[kind]
    path = tmp_path / "xxe.xml"
    path.write_text(template.replace("{target}", str(fifo)), encoding="utf-8")
    result = _call_with_timeout(lambda: read(path), fifo)
    assert isinstance(result, error)
    assert result.path == str(path)
    assert result.line == 2 + (kind != "external_dtd")
    assert "expected no document type declaration" in result.message


@READERS
@pytest.mark.parametrize("kind", list(XXE_TEMPLATES))
def test_xxe_never_leaks_a_secret(tmp_path: Path, secret: Path, read: Reader, kind: str) -> None:
    """An external entity or DTD pointing at a secret file: its text appears in no error."""
    template, error = XXE_TEMPLATES[kind]
    path = tmp_path / "xxe.xml"
    path.write_text(template.replace("{target}", str(secret)), encoding="utf-8")
    with pytest.raises(error) as info:
        read(path)
    text = secret.read_text(encoding="utf-8").strip()
    assert text not in str(info.value)
    assert text not in repr(info.value)
    assert str(secret) in str(info.value)  # what was found is named, its contents are not


@pytest.mark.parametrize("kind", list(XXE_TEMPLATES))
def test_hardened_parser_alone_reads_nothing(fifo: Path, secret: Path, kind: str) -> None:
    """Defence in depth: even with layer 1 skipped, lxml opens neither the FIFO nor the secret."""
    template, _ = XXE_TEMPLATES[kind]
    for target in (fifo, secret):
        data = template.replace("{target}", str(target)).encode()

        def parse(data: bytes = data) -> bytes:
            return etree.tostring(etree.fromstring(data, hardened_parser()))

        result = _call_with_timeout(parse, fifo)
        if isinstance(result, bytes):
            assert b"TOP-SECRET" not in result
        else:
            assert isinstance(result, etree.XMLSyntaxError)


def test_billion_laughs_alone_is_not_expanded() -> None:
    """Defence in depth: the hardened parser does not expand entities (or refuses the document)."""
    try:
        root = etree.fromstring(BILLION_LAUGHS.encode(), hardened_parser())
    except etree.XMLSyntaxError as e:  # libxml2 >= 2.11 refuses the amplification outright
        assert "amplification" in str(e)
    else:
        assert "lol" not in (root.text or "")
        assert len(etree.tostring(root)) < 200


@READERS
def test_named_path_that_is_a_fifo_is_refused(fifo: Path, read: Reader) -> None:
    """Naming a FIFO is refused without blocking (it is opened non-blocking, then checked)."""
    result = _call_with_timeout(lambda: read(fifo), fifo)
    assert isinstance(result, XMLInputError)
    assert "expected a regular file, found a named pipe (FIFO)" in str(result)


# --- streaming: the checks hold beyond the head of a big file ---------------------------------


def _big_title(tmp_path: Path, middle: str, tail: bytes = b"") -> Path:
    """A well-formed uscDoc of about 2 MiB, with ``middle`` inserted near the end."""
    filler = "".join(
        f'<section identifier="/us/usc/t99/s{i}"><num value="{i}">§ {i}.</num>'
        f"<content>{'Text of the law. ' * 20}</content></section>\n"
        for i in range(1, 5001)
    )
    text = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<uscDoc xmlns="{USLM_NS}"><main><title>\n'
        + filler
        + middle
        + "</title></main></uscDoc>\n"
    )
    path = tmp_path / "title99.xml"
    path.write_bytes(text.encode() + tail)
    assert path.stat().st_size > 2 * 1024 * 1024
    return path


def test_streamed_big_title_yields_every_section(tmp_path: Path) -> None:
    """All 5000 sections of a 2 MiB title come out, in order, each standalone."""
    path = _big_title(tmp_path, "")
    ids = [s.get("identifier") for s in iter_title_sections(path)]
    assert ids == [f"/us/usc/t99/s{i}" for i in range(1, 5001)]


def test_streamed_bad_utf8_late_in_the_file(tmp_path: Path) -> None:
    """A Latin-1 byte past the first MiB is caught while streaming, with its line."""
    path = _big_title(tmp_path, "<note><p>caf{e9}</p></note>\n")
    data = path.read_bytes().replace(b"{e9}", b"\xe9")
    path.write_bytes(data)
    line = data[: data.index(b"\xe9")].count(b"\n") + 1
    with pytest.raises(NotUTF8Error, match="found byte\\(s\\) E9") as info:
        list(iter_title_sections(path))
    assert info.value.line == line > 5000


def test_streamed_doctype_after_a_huge_prolog(tmp_path: Path) -> None:
    """A DOCTYPE hidden behind more than a MiB of comments is still refused."""
    path = tmp_path / "hidden.xml"
    prolog = "<!-- padding -->\n" * 70000
    path.write_text(
        prolog
        + '<!DOCTYPE s SYSTEM "http://evil.example/x.dtd">\n'
        + f'<section xmlns="{USLM_NS}"/>',
        encoding="utf-8",
    )
    with pytest.raises(UnsafeXMLError, match="expected the root element within the first"):
        list(iter_title_sections(path))
    with pytest.raises(DoctypeError, match=r"evil\.example"):
        parse_uslm(path)


def test_streamed_truncated_title(tmp_path: Path) -> None:
    """A title cut off mid-way is MalformedXMLError with the line where the data ended."""
    path = _big_title(tmp_path, "")
    data = path.read_bytes()
    cut = data[: len(data) * 3 // 4]
    path.write_bytes(cut)
    with pytest.raises(MalformedXMLError, match="expected well-formed XML") as info:
        list(iter_title_sections(path))
    assert info.value.line == cut.count(b"\n") + 1


# --- names and writing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "clark"),
    [
        ("section", f"{{{USLM_NS}}}section"),
        ("uslm:section", f"{{{USLM_NS}}}section"),
        ("dc:title", "{http://purl.org/dc/elements/1.1/}title"),
        ("dcterms:created", "{http://purl.org/dc/terms/}created"),
        ("xhtml:table", "{http://www.w3.org/1999/xhtml}table"),
        ("html:table", "{http://www.w3.org/1999/xhtml}table"),
        ("{urn:x}y", "{urn:x}y"),
    ],
)
def test_qn(tag: str, clark: str) -> None:
    """qn() turns prefixed and bare names into Clark names."""
    assert qn(tag) == clark


def test_qn_unknown_prefix_and_nsmap() -> None:
    """An unknown prefix is an error naming the known ones; NSMAP works in XPath."""
    with pytest.raises(ValueError, match="found 'w'"):
        qn("w:p")
    root = parse_uslm_bytes(SECTION.encode()).getroot()
    assert root.xpath("string(uslm:num/@value)", namespaces=NSMAP) == "7"


def test_localname() -> None:
    """localname() drops the namespace; comments and PIs have none."""
    root = etree.fromstring(f'<section xmlns="{USLM_NS}"><!-- c --><?pi x?><num/></section>')
    assert [localname(c) for c in root] == ["", "", "num"]
    assert localname(root) == "section"


def test_serialize_keeps_text_exactly() -> None:
    """serialize() writes UTF-8 (not character references), keeps spaces, adds the declaration."""
    tree = parse_uslm_bytes(SECTION.encode())
    out = serialize(tree.getroot())
    assert out.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<section ')
    text = out.decode("utf-8")
    for piece in ("§ 7.", " Café rules", "“Secretary”", "—promptly.  Two spaces stay.", "</date>"):
        assert piece in text
    assert "&#" not in text
    assert c14n(parse_uslm_bytes(out)) == c14n(tree)


def test_serialize_subelement_has_no_tail_and_keeps_namespace() -> None:
    """A subelement serializes as a standalone USLM document (its tail is not part of it)."""
    root = parse_uslm_bytes(SECTION.encode()).getroot()
    content = root.find(qn("content"))
    assert content is not None
    out = serialize(content)
    assert out.endswith(b"</content>")
    assert localname(parse_uslm_bytes(out).getroot()) == "content"


def test_c14n_drops_comments_and_ignores_attribute_order() -> None:
    """c14n() is canonical: attribute order, quote style and comments do not matter."""
    a = etree.fromstring(f"<section xmlns='{USLM_NS}' b='1' a='2'><!-- x --><num/></section>")
    b = etree.fromstring(f'<section a="2" b="1" xmlns="{USLM_NS}"><num></num></section>')
    assert c14n(a) == c14n(b) == c14n(b.getroottree())


# --- real data -----------------------------------------------------------------------------


def test_round_trip_every_title_19_section(shared_dir: Path) -> None:
    """Every Title 19 section parses safely, serializes and re-parses C14N-identically."""
    files = sorted((shared_dir / "uslm" / "usc19").glob("*.xml"))
    assert len(files) == 874
    plain = etree.XMLParser(resolve_entities=False, no_network=True)
    for f in files:
        tree = parse_uslm(f)
        root = tree.getroot()
        assert localname(root) == "section"
        reference = etree.parse(str(f), plain)  # trusted data: what a plain parse sees
        assert c14n(tree) == c14n(reference), f
        again = parse_uslm_bytes(serialize(root), name=str(f))
        assert c14n(again) == c14n(tree), f


def _title_of(sections: list[Path]) -> bytes:
    """Wrap section files in uscDoc/meta/main/title/chapter as an OLRC whole-title file would."""
    bodies = []
    for f in sections:
        text = f.read_text(encoding="utf-8")
        text = text[text.index("<section") :]
        # Namespaces come from uscDoc, as in a real title file.
        text = re.sub(r'^<section( xmlns(:html)?="[^"]*")+', "<section", text)
        bodies.append(text)
    noted = (
        '<note topic="amendments"><quotedContent><section identifier="/us/usc/t19/s9999">'
        "<num>§ 9999.</num></section></quotedContent></note>"
    )
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<uscDoc xmlns="{USLM_NS}" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:html="http://www.w3.org/1999/xhtml" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xml:lang="en" '
        'identifier="/us/usc/t19">\n<meta><dc:title>Title 19</dc:title>'
        "<dcterms:created>2026-01-01</dcterms:created></meta>\n"
        '<main><title identifier="/us/usc/t19"><num value="19">Title 19—</num>'
        "<heading>CUSTOMS DUTIES</heading>\n"
        '<chapter identifier="/us/usc/t19/ch99"><num value="99">CHAPTER 99—</num>'
        "<heading>TEST</heading><toc><section identifier='/us/usc/t19/s8888'/></toc>\n"
        + bodies[0]
        + noted
        + "".join(bodies[1:])
        + "</chapter></title></main></uscDoc>\n"
    )
    return doc.encode("utf-8")


def test_iter_title_sections_yields_the_original_sections(shared_dir: Path, tmp_path: Path) -> None:
    """A synthetic title of three real sections streams back C14N-identical to the originals."""
    files = sorted((shared_dir / "uslm" / "usc19").glob("*.xml"))
    with_html = next(f for f in files if "xmlns:html" in f.read_text(encoding="utf-8"))
    chosen = [files[0], with_html, files[-1]]
    path = tmp_path / "usc19.xml"
    path.write_bytes(_title_of(chosen))
    got = list(iter_title_sections(path))
    originals = [parse_uslm(f).getroot() for f in chosen]
    assert [s.get("identifier") for s in got] == [o.get("identifier") for o in originals]
    for section, original in zip(got, originals, strict=True):
        assert section.getparent() is None
        assert c14n(section) == c14n(original)
        assert section.nsmap == original.nsmap  # exactly the namespaces the section uses
        assert c14n(parse_uslm_bytes(serialize(section))) == c14n(original)


def test_iter_title_sections_on_a_single_section_file(shared_dir: Path) -> None:
    """A file whose root is one section yields that section."""
    f = sorted((shared_dir / "uslm" / "usc19").glob("*.xml"))[1]
    got = list(iter_title_sections(f))
    assert len(got) == 1
    assert c14n(got[0]) == c14n(parse_uslm(f))
