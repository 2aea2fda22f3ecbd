"""Damaged input never gets past a reader as anything but a typed error or a correct result.

Random truncations and byte flips of a real section (statutes/2432.xml, shipped in the
repository), a draft (drafts/kazakhstan-pntr.toml), the Word document `show --docx` writes, and a
real bill (../shared/bills/billdtd/119_s_327.xml, S. 327 of the 119th Congress, when ../shared/
is present) are fed to the reader of each format. Each must either raise a `BilldraftError`
subclass, or return a result of the kind it promises; any other exception (a `KeyError`, a
`zlib.error`, an lxml error escaping) is a defect.
"""

from __future__ import annotations

import functools
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billdraft import BilldraftError, Draft, load, read_draft
from billdraft.bills import Bill, read_bill
from billdraft.fromedit import docx_lines
from billdraft.render.docx.statute import write_statute_docx
from billdraft.statute import Statute

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SECTION = (ROOT / "statutes" / "2432.xml").read_bytes()
DRAFT = (
    (ROOT / "drafts" / "kazakhstan-pntr.toml")
    .read_bytes()
    .replace(b'statutes = "../statutes"', f'statutes = "{ROOT / "statutes"}"'.encode())
)
BILL = SHARED / "bills" / "billdtd" / "119_s_327.xml"

SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@functools.cache
def docx_bytes() -> bytes:
    """The Word document `billdraft show "19 U.S.C. 2432" --docx` writes."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "2432.docx"
        write_statute_docx(load(ROOT / "statutes"), out, ["19 U.S.C. 2432"])
        return out.read_bytes()


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` cut short at a random point, or with one to four bytes replaced."""
    if draw(st.booleans()):
        return data[: draw(st.integers(0, len(data) - 1))]
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    return bytes(out)


def read_or_typed_error(
    tmp_path: Path, name: str, data: bytes, reader: Callable[[Path], object], kind: type
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        result = reader(path)
    except BilldraftError as exc:
        assert exc.message and "Traceback" not in exc.message
        return
    assert isinstance(result, kind)


@SETTINGS
@given(data=damaged(SECTION))
def test_damaged_section(tmp_path: Path, data: bytes) -> None:
    read_or_typed_error(tmp_path, "2432.xml", data, load, Statute)


@SETTINGS
@given(data=damaged(DRAFT))
def test_damaged_draft(tmp_path: Path, data: bytes) -> None:
    read_or_typed_error(tmp_path, "draft.toml", data, read_draft, Draft)


@SETTINGS
@given(data=st.data())
def test_damaged_docx(tmp_path: Path, data: st.DataObject) -> None:
    read_or_typed_error(tmp_path, "edit.docx", data.draw(damaged(docx_bytes())), docx_lines, list)


@SETTINGS
@given(data=st.data())
def test_damaged_docx_member(tmp_path: Path, data: st.DataObject) -> None:
    """A well-formed zip whose word/document.xml is damaged (the zip check alone cannot see it)."""
    source = tmp_path / "good.docx"
    source.write_bytes(docx_bytes())
    with zipfile.ZipFile(source) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["word/document.xml"] = data.draw(damaged(members["word/document.xml"]))
    out = tmp_path / "edit.docx"
    with zipfile.ZipFile(out, "w") as z:
        for n, b in members.items():
            z.writestr(n, b)
    read_or_typed_error(tmp_path, "edit.docx", out.read_bytes(), docx_lines, list)


@pytest.mark.skipif(not BILL.is_file(), reason=f"../shared/ is absent: {BILL} does not exist")
@SETTINGS
@given(data=st.data())
def test_damaged_bill(tmp_path: Path, data: st.DataObject) -> None:
    read_or_typed_error(
        tmp_path, "bill.xml", data.draw(damaged(BILL.read_bytes())), read_bill, Bill
    )


@SETTINGS
@given(data=st.data())
def test_damaged_text_bill(tmp_path: Path, data: st.DataObject) -> None:
    text = (
        "SEC. 2. AMENDMENT.\n"
        "Section 402(a) of the Trade Act of 1974 (19 U.S.C. 2432(a)) is amended by striking "
        "“products” and inserting “goods”.\n"
    ).encode()
    read_or_typed_error(tmp_path, "bill.txt", data.draw(damaged(text)), read_bill, Bill)
