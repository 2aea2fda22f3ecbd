"""Validate the WordprocessingML parts of a .docx against the ECMA-376 transitional schemas.

Word and python-docx write markup-compatibility (MCE, ECMA-376 Part 3) content that the
ECMA-376 schemas do not describe: elements and attributes from later Office namespaces
(``w14:``, ``w15:``, ``wp14:`` …) that the root declares ignorable with ``mc:Ignorable``, and
``mc:AlternateContent`` blocks. A consumer that does not understand those namespaces processes
the part as MCE prescribes, and so do we before validating:

* every element and attribute in a namespace listed in ``mc:Ignorable`` is dropped (an ignorable
  element is dropped with its content, which is what MCE says unless ``mc:ProcessContent`` names
  it: then its children are kept in its place);
* ``mc:AlternateContent`` is replaced by the content of its ``mc:Fallback`` (the choice a
  consumer that understands none of the ``mc:Choice`` requirements takes), or dropped if it
  has no fallback;
* the ``mc:`` attributes themselves (``mc:Ignorable``, ``mc:ProcessContent``,
  ``mc:MustUnderstand``) are dropped.

Nothing else is dropped: a part that still fails after this cleaning is invalid.
"""

from __future__ import annotations

import functools
import posixpath
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import cast

from lxml import etree

from billdraft.errors import DocumentError

__all__ = ["validate_docx", "validate_part"]

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_RT_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"

_MAX_PART_BYTES = 200 * 1024 * 1024
"""Refuse to inflate a single part larger than this (a zip bomb is not a document)."""

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@functools.lru_cache(maxsize=4)
def _schema(wml_xsd: Path) -> etree.XMLSchema:
    """The compiled WordprocessingML schema at `wml_xsd` (compiled once per path)."""
    if not wml_xsd.is_file():
        raise DocumentError(
            f"expected the WordprocessingML schema wml.xsd, found no file at {wml_xsd}"
        )
    # -- the schema's xsd:imports name files beside it; lxml resolves them relative to the
    #    parsed document's URL, never from the network --
    return etree.XMLSchema(etree.parse(str(wml_xsd), etree.XMLParser(no_network=True)))


def _ignorable_namespaces(root: etree._Element) -> set[str]:
    """The namespace URIs an `mc:Ignorable` attribute on `root` names (by prefix)."""
    value = root.get(f"{{{MC_NS}}}Ignorable")
    if not value:
        return set()
    uris: set[str] = set()
    for prefix in value.split():
        uri = root.nsmap.get(prefix)
        if uri is not None:
            uris.add(uri)
    return uris


def _process_content_names(root: etree._Element) -> set[str]:
    """Clark names of ignorable elements whose children `mc:ProcessContent` asks to keep."""
    names: set[str] = set()
    for el in root.iter():
        value = el.get(f"{{{MC_NS}}}ProcessContent") if isinstance(el.tag, str) else None
        for qname in (value or "").split():
            prefix, _, local = qname.rpartition(":")
            uri = el.nsmap.get(prefix or None)
            if uri is not None:
                names.add(f"{{{uri}}}{local}")
    return names


def _namespace(tag: str) -> str:
    """The namespace URI of a Clark-notation tag, or '' when it has none."""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _replace_with_children(el: etree._Element, children: list[etree._Element]) -> None:
    """Put `children` where `el` stands, then remove `el` (keeping the surrounding tail text)."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    # -- lxml drops el.tail with el; WordprocessingML has no mixed content, so a tail here is
    #    only insignificant whitespace --
    parent.remove(el)


def clean_markup_compatibility(root: etree._Element) -> etree._Element:
    """Apply MCE processing to `root` in place (see the module docstring) and return it."""
    ignorable = _ignorable_namespaces(root)
    keep_children_of = _process_content_names(root)

    # -- elements: walk a snapshot, deepest last; removed subtrees are simply skipped --
    for el in list(root.iter()):
        if not isinstance(el.tag, str):  # comments, processing instructions
            continue
        if el is not root and el.getparent() is None:
            continue
        ns = _namespace(el.tag)
        if el.tag == f"{{{MC_NS}}}AlternateContent":
            fallback = el.find(f"{{{MC_NS}}}Fallback")
            _replace_with_children(el, list(fallback) if fallback is not None else [])
        elif ns in ignorable:
            _replace_with_children(el, list(el) if el.tag in keep_children_of else [])

    # -- attributes: drop ignorable ones and every mc: attribute --
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in list(el.attrib):
            ns = _namespace(str(name))
            if ns == MC_NS or ns in ignorable:
                del el.attrib[name]
    return root


def validate_part(xml: bytes, schema_dir: Path, *, name: str = "part") -> list[str]:
    """Schema errors of one WordprocessingML part (`xml` bytes), after MCE cleaning; [] if valid."""
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        return [f"{name}: expected well-formed XML, found a syntax error: {exc}"]
    clean_markup_compatibility(root)
    schema = _schema((Path(schema_dir) / "wml.xsd").resolve())
    if schema.validate(root):
        return []
    # -- lxml-stubs do not declare _ErrorLog iterable; at run time it is --
    log = cast("Iterable[etree._LogEntry]", schema.error_log)
    return [f"{name}:{e.line}: {e.message}" for e in log]


def _read_part(zf: zipfile.ZipFile, name: str, path: Path) -> bytes:
    """The bytes of part `name`, refusing absent or implausibly large parts."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise DocumentError(
            f"expected a part named {name!r} in the package, found none", path=path
        ) from None
    if info.file_size > _MAX_PART_BYTES:
        raise DocumentError(
            f"expected part {name!r} to be at most {_MAX_PART_BYTES} bytes, found {info.file_size}",
            path=path,
        )
    return zf.read(name)


def _rels_targets(zf: zipfile.ZipFile, source: str, rel_type: str, path: Path) -> list[str]:
    """Package part names targeted from part `source` by relationships of type `rel_type`."""
    src = PurePosixPath(source)
    rels_name = str(src.parent / "_rels" / f"{src.name}.rels").lstrip("/")
    if rels_name not in zf.namelist():
        return []
    rels = etree.fromstring(_read_part(zf, rels_name, path), _PARSER)
    targets: list[str] = []
    for rel in rels.iter(f"{{{_PKG_REL_NS}}}Relationship"):
        if rel.get("Type") != rel_type or rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        base = "/" if source == "" else posixpath.dirname("/" + source)
        resolved = posixpath.normpath(
            posixpath.join(base, target) if not target.startswith("/") else target
        )
        targets.append(resolved.lstrip("/"))
    return targets


def validate_docx(path: str | Path, schema_dir: Path) -> list[str]:
    """Schema errors of a .docx's main document part and its comments part; [] means valid.

    `schema_dir` is the folder holding the ECMA-376 transitional `wml.xsd` and the schemas it
    imports. Each error reads ``part:line: message``. Raises `DocumentError` when `path` is not
    a WordprocessingML package at all (not a zip, no main document part).
    """
    path = Path(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DocumentError(f"expected a .docx (a zip package), found: {exc}", path=path) from exc
    with zf:
        main = _rels_targets(zf, "", _RT_OFFICE_DOCUMENT, path)
        if not main:
            raise DocumentError(
                "expected an officeDocument relationship in _rels/.rels, found none", path=path
            )
        parts = [main[0], *_rels_targets(zf, main[0], _RT_COMMENTS, path)]
        errors: list[str] = []
        for part in parts:
            errors += validate_part(_read_part(zf, part, path), schema_dir, name=part)
    return errors
