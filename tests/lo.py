"""Drive headless LibreOffice from the tests: Accept All / Reject All, revision counts, PDF.

The UNO bridge (`python3-uno`) lives in the *system* Python, not in the project's virtualenv, so
the work is done by a small script (`_UNO_SCRIPT` below) run with /usr/bin/python3. It starts one
soffice process with a private profile, processes a whole list of jobs, and prints JSON: a test
module can open fifty documents for the price of one LibreOffice start (~2-5 s).

Install LibreOffice with `.ci/install-system-deps`; tests call `lo_available()` and skip without it.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree

SYSTEM_PYTHON = os.environ.get("BILLDRAFT_UNO_PYTHON", "/usr/bin/python3")
ACTIONS = ("accept", "reject", "text", "count")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_UNO_SCRIPT = r'''
"""Run LibreOffice jobs: argv[1] is a JSON file [[docx, fallback, action], ...]; prints JSON."""
import json, os, shutil, subprocess, sys, time, uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

# -- profile settings: no first-run wizard; comments not displayed (the nogui packages lack the
#    comment sidebar's UI files, and drawing comments in a view would abort soffice) --
REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Misc">
  <prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Display">
  <prop oor:name="Note" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def writer_ui_installed():
    """Whether Writer's UI definitions are installed (the comment window's among them)."""
    program = os.path.dirname(os.path.realpath(shutil.which("soffice")))
    return os.path.isfile(os.path.join(
        program, "..", "share", "config", "soffice.cfg", "modules", "swriter", "ui",
        "annotation.ui"))


WRITER_UI = writer_ui_installed()


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def paragraphs_text(text):
    """Paragraph strings of a text (tables: each cell's paragraphs, row by row)."""
    out = []
    en = text.createEnumeration()
    while en.hasMoreElements():
        el = en.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            out.append(el.getString())
        elif el.supportsService("com.sun.star.text.TextTable"):
            for name in el.getCellNames():
                out.extend(paragraphs_text(el.getCellByName(name).getText()))
    return out


def count(enumerable, service=None):
    en = enumerable.createEnumeration()
    n = 0
    while en.hasMoreElements():
        el = en.nextElement()
        if service is None or el.supportsService(service):
            n += 1
    return n


def load_model(ctx, path):
    """The document model alone, without a view (works for any document, no UI needed)."""
    doc = ctx.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
    doc.load((prop("URL", uno.systemPathToFileUrl(path)), prop("FilterName", "MS Word 2007 XML")))
    return doc


def start_office(profile):
    pipe = "billdraft_lo_" + uuid.uuid4().hex
    user = os.path.join(profile, "user")
    os.makedirs(user, exist_ok=True)
    with open(os.path.join(user, "registrymodifications.xcu"), "w") as f:
        f.write(REGISTRY)
    profile_url = uno.systemPathToFileUrl(profile)
    # -- a fresh profile makes soffice restart itself once, which would drop the UNO bridge:
    #    initialise the profile with a throw-away start first --
    subprocess.run(
        ["soffice", "--headless", "--norestore", "-env:UserInstallation=" + profile_url,
         "--terminate_after_init"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60,
    )
    soffice = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         "--nolockcheck", "-env:UserInstallation=" + profile_url,
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            return soffice, resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except NoConnectException:
            if time.time() > deadline or soffice.poll() is not None:
                soffice.kill()
                raise RuntimeError("soffice did not accept a UNO connection within 60 s")
            time.sleep(0.2)


def model_job(ctx, path, action, result):
    """Counts (and the text, for "text") from the document model alone, without a view."""
    model = load_model(ctx, path)
    try:
        result["count_before"] = count(model.getRedlines())
        result["comments"] = count(
            model.getTextFields(), "com.sun.star.text.textfield.Annotation")
        if action == "count":
            result["count"] = result["count_before"]
        elif action == "text":
            result["text"] = "\n".join(paragraphs_text(model.getText()))
    finally:
        model.close(True)


def view_job(desktop, dispatcher, path, fallback, action, result):
    """Accept or Reject All in a hidden view, then the text and the redlines left."""
    # -- Accept/Reject All are view commands: open the file in a hidden frame. The nogui
    #    packages lack Writer's UI files, and a view of a document with comments then aborts
    #    soffice (or fails to load); so without them the same document with its comment
    #    anchors stripped (`fallback`) is opened instead --
    use_fallback = bool(fallback) and not WRITER_UI
    result["comments_stripped"] = use_fallback
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(fallback if use_fallback else path), "_blank", 0,
        (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError("LibreOffice could not open the document in a view")
    try:
        cmd = (".uno:AcceptAllTrackedChanges" if action == "accept"
               else ".uno:RejectAllTrackedChanges")
        dispatcher.executeDispatch(doc.getCurrentController().getFrame(), cmd, "", 0, ())
        result["count_after"] = count(doc.getRedlines())
        result["text"] = "\n".join(paragraphs_text(doc.getText()))
    finally:
        doc.close(True)


def main():
    jobs = json.load(open(sys.argv[1]))
    results = [{"path": path, "action": action, "ok": True} for path, _, action in jobs]
    office = {"restarts": 0}

    def connect():
        # -- a fresh profile each start: a crashed soffice may leave its profile locked --
        profile = os.path.join(sys.argv[2], str(office["restarts"]))
        office["soffice"], ctx = start_office(profile)
        smgr = ctx.ServiceManager
        office["ctx"] = ctx
        office["desktop"] = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        office["dispatcher"] = smgr.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx)

    connect()
    try:
        # -- two passes, views first: once a document with comments has been loaded (even as
        #    a bare model), a later view makes the nogui soffice abort while laying out the
        #    comments it cannot draw. Pass 1: views for accept/reject; pass 2: every job's
        #    counts (and text for "text") from the bare model --
        for views in (True, False):
            for (path, fallback, action), result in zip(jobs, results):
                if not result["ok"] or (views and action not in ("accept", "reject")):
                    continue
                # -- soffice now and then exits under load (one CI run on a busy machine, not
                #    again in reruns on the same file): start a new one and run the job once
                #    more; a document that brings it down twice is reported --
                for attempt in (1, 2):
                    if os.environ.get("BILLDRAFT_LO_KILL_ONCE") == path and not office["restarts"]:
                        office["soffice"].kill()  # the tests' way to check the restart
                        office["soffice"].wait()
                    try:
                        if views:
                            view_job(office["desktop"], office["dispatcher"], path, fallback,
                                     action, result)
                        else:
                            model_job(office["ctx"], path, action, result)
                    except Exception as exc:  # report per job, keep going
                        result["ok"] = False
                        result["error"] = "%s: %s" % (type(exc).__name__, exc)
                    if office["soffice"].poll() is None:
                        break
                    if attempt == 2:
                        raise RuntimeError("soffice exited twice while processing " + path)
                    office["restarts"] += 1
                    result["ok"] = True
                    result.pop("error", None)
                    result["soffice_restarts"] = result.get("soffice_restarts", 0) + 1
                    connect()
        try:
            office["desktop"].terminate()
        except Exception:
            pass
    finally:
        soffice = office["soffice"]
        try:
            soffice.wait(timeout=20)
        except subprocess.TimeoutExpired:
            soffice.kill()
            soffice.wait()
    json.dump(results, sys.stdout)


main()
'''


@functools.cache
def lo_available() -> bool:
    """Whether soffice and a system Python with the UNO bridge are both installed."""
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=30, check=False
    )
    return probe.returncode == 0


class LibreOfficeError(RuntimeError):
    """LibreOffice failed to run a batch, or failed on one job of it."""


def strip_comments(docx: Path, out: Path) -> bool:
    """Write `docx` to `out` without comment anchors in the main document; False if it had none.

    Removes `w:commentRangeStart`, `w:commentRangeEnd` and the runs holding a
    `w:commentReference`; everything else (the comments part too) is copied byte for byte.
    """
    with zipfile.ZipFile(docx) as zin:
        xml = zin.read("word/document.xml")
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
        found = root.xpath(
            "//w:commentRangeStart | //w:commentRangeEnd | //w:r[w:commentReference]",
            namespaces={"w": W_NS},
        )
        anchors = [el for el in found if isinstance(el, etree._Element)]  # type: ignore[union-attr]
        if not anchors:
            return False
        for el in anchors:
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename == "word/document.xml":
                    data = etree.tostring(
                        root, xml_declaration=True, encoding="UTF-8", standalone=True
                    )
                zout.writestr(info, data)
    return True


def lo_batch(
    jobs: Sequence[tuple[Path, str]], *, timeout: float | None = None
) -> list[dict[str, Any]]:
    """Run `(docx, action)` jobs in one LibreOffice process; one result dict per job, in order.

    Actions: "accept" / "reject" (Accept/Reject All tracked changes, then the text), "text" (the
    text as is), "count" (number of tracked changes). Every result has "ok", "count_before"
    (tracked changes as loaded) and "comments" (comments LibreOffice found), then "text" or
    "count"; accept/reject also give "count_after" and "comments_stripped" (True when the view
    had to be opened on a copy without comment anchors, see `strip_comments`). A failed job has
    "ok": False and "error".
    """
    for path, action in jobs:
        if action not in ACTIONS:
            raise ValueError(f"expected an action in {ACTIONS}, found {action!r} for {path}")
    if not jobs:
        return []
    if timeout is None:
        timeout = 90 + 10 * len(jobs)
    with tempfile.TemporaryDirectory(prefix="billdraft-lo-") as tmp:
        spec: list[list[str]] = []
        fallbacks: dict[Path, str] = {}
        for i, (path, action) in enumerate(jobs):
            path = Path(path).resolve()
            if action in ("accept", "reject") and path not in fallbacks:
                stripped = Path(tmp) / f"stripped-{i}.docx"
                fallbacks[path] = str(stripped) if strip_comments(path, stripped) else ""
            spec.append([str(path), fallbacks.get(path, ""), action])
        job_file = Path(tmp) / "jobs.json"
        job_file.write_text(json.dumps(spec))
        script = Path(tmp) / "uno_jobs.py"
        script.write_text(_UNO_SCRIPT)
        profile = Path(tmp) / "profile"
        try:
            proc = subprocess.run(
                [SYSTEM_PYTHON, str(script), str(job_file), str(profile)],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                start_new_session=True,
            )
        except subprocess.TimeoutExpired as exc:
            raise LibreOfficeError(f"LibreOffice batch of {len(jobs)} jobs timed out") from exc
    if proc.returncode != 0:
        raise LibreOfficeError(
            f"expected the UNO script to exit 0, found {proc.returncode}: {proc.stderr[-2000:]}"
        )
    results: list[dict[str, Any]] = json.loads(proc.stdout)
    return results


def _one(docx: Path, action: str) -> dict[str, Any]:
    """Run one job and raise if LibreOffice reported an error for it."""
    (result,) = lo_batch([(docx, action)])
    if not result["ok"]:
        raise LibreOfficeError(f"{docx}: {action}: {result['error']}")
    return result


def accept_all(docx: Path) -> str:
    """The document's text (paragraphs joined by newlines) after Accept All tracked changes."""
    return str(_one(docx, "accept")["text"])


def reject_all(docx: Path) -> str:
    """The document's text (paragraphs joined by newlines) after Reject All tracked changes."""
    return str(_one(docx, "reject")["text"])


def plain_text(docx: Path) -> str:
    """The document's text as LibreOffice reads it, tracked changes untouched (both shown)."""
    return str(_one(docx, "text")["text"])


def revision_count(docx: Path) -> int:
    """The number of tracked changes LibreOffice sees (XRedlinesSupplier.getRedlines())."""
    return int(_one(docx, "count")["count"])


def to_pdf(docx: Path, outdir: Path, *, timeout: float = 120) -> Path:
    """Convert `docx` to PDF in `outdir` with `soffice --convert-to pdf`; return the PDF path."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="billdraft-lo-") as tmp:
        profile = Path(tmp).resolve().as_uri()
        proc = subprocess.run(
            [
                "soffice",
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    pdf = outdir / (docx.stem + ".pdf")
    if proc.returncode != 0 or not pdf.is_file():
        raise LibreOfficeError(
            f"expected soffice to write {pdf}, found exit {proc.returncode}: {proc.stderr[-2000:]}"
        )
    return pdf
