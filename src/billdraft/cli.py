"""The `billdraft` command: a thin layer over the library."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import ApplyError, BilldraftError, NoSectionsError, OutputError

DEFAULT_STATUTES = Path("statutes")


def _statutes_arg(value: str | None) -> Path:
    """The --statutes folder, or ./statutes; a missing default says how to name another."""
    if value:
        return Path(value)
    if not DEFAULT_STATUTES.exists():
        raise NoSectionsError(
            "expected the folder of USLM sections, found nothing there (the default is "
            "./statutes; name another with --statutes DIR, or write one with billdraft import-uslm)",
            path=DEFAULT_STATUTES,
        )
    return DEFAULT_STATUTES


def cmd_import_uslm(args: argparse.Namespace) -> int:
    """Import official USLM into one file per section."""
    from .importer import SectionRange, import_uslm

    ranges = [SectionRange.parse(r) for r in args.sections] if args.sections else []

    def select(cite: object) -> bool:
        section = getattr(cite, "section", "")
        return not ranges or any(section in r for r in ranges)

    report = import_uslm(args.sources, args.out, select=select)
    print(
        f"read {report.read} section(s), wrote {len(report.written)} to {args.out} "
        f"(+ {len(report.act_names)} Act name(s) in acts.json)"
    )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print a provision as a drafter reads it, or its USLM."""
    from .statute import load

    statute = load(_statutes_arg(args.statutes))
    provision = statute.provision(args.cite)
    if args.docx:
        from .outputs import staged_files
        from .render.docx.statute import write_statute_docx

        section = provision.cite.section_cite
        with staged_files(args.docx) as (staged,):
            assert staged is not None
            write_statute_docx(statute, staged, [str(section)])
        out = args.docx
        print(
            f"wrote {out} ({section}): edit it in Word with Track Changes on, then\n"
            f'  billdraft from-edit "{section}" {out}'
            + (f" --statutes {args.statutes}" if args.statutes else "")
        )
        return 0
    if args.xml:
        sys.stdout.write(provision.to_xml().decode("utf-8") + "\n")
    else:
        from .containers import Division

        print(
            str(provision.container)  # a chapter (of a whole title loaded) has no Cite
            if isinstance(provision, Division)
            else str(provision.cite)
            + (f" — {provision.heading}" if provision.level == "section" else "")
        )
        for line in provision.lines():
            print(line)
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    """Apply a draft's amendments and write the amended sections."""
    from .apply import apply
    from .drafts import read_draft
    from .statute import load

    draft = read_draft(args.draft, statutes=args.statutes)
    statutes = Path(args.statutes) if args.statutes else draft.statutes or DEFAULT_STATUTES
    statute = load(statutes)
    result = apply(statute, draft.amendments(), errors="collect")
    if result.failures:
        raise ApplyError(result.failures)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for ident in result.changed_sections:
        if ident not in result.statute:
            continue  # a section struck whole
        path = out / (ident.rsplit("/s", 1)[-1] + ".xml")
        path.write_bytes(result.statute.to_xml(result.statute.provision(ident).cite))
        written.append(path)
    if result.statute.outlines:  # loaded from a whole-title file: the amended title, whole
        from .containers import write_titles

        written += write_titles(result.statute, out)
    for ch in result.changes:
        what = {
            "strike": f"struck “{ch.struck.strip()}”",
            "insert": f"inserted “{ch.inserted.strip()}”",
            "replace": f"replaced “{ch.struck.strip()}” with “{ch.inserted.strip()}”",
            "strike-provision": "struck the provision",
            "insert-provision": "inserted the provision",
            "redesignate": f"redesignated {ch.struck} as {ch.inserted}",
            "replace-provision": "amended the provision to read as follows",
            "restructure": "divided the provision at the designation its text now has",
        }[ch.kind]
        label = f"[{ch.amendment.label}] " if ch.amendment.label else ""
        print(f"{label}{ch.identifier}: {what}")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{len(result.changes)} change(s); wrote {', '.join(str(p) for p in written)}")
    return 0


def cmd_instructions(args: argparse.Namespace) -> int:
    """Print a draft's amendatory instructions as billdraft words them."""
    from .drafts import read_draft
    from .instructions.render import instructions
    from .statute import load

    draft = read_draft(args.draft, statutes=args.statutes)
    statutes = Path(args.statutes) if args.statutes else draft.statutes or DEFAULT_STATUTES
    print(instructions(draft.amendments(), load(statutes)))
    return 0


def cmd_redline(args: argparse.Namespace) -> int:
    """Write the comparative print of a draft (or of two USLM versions) as HTML and Word."""
    from .apply import apply
    from .diff import diff, redline
    from .drafts import read_draft
    from .outputs import staged_files
    from .render.docx.redline import write_redline_docx
    from .render.docx.statute import write_comparative_docx, write_statute_docx
    from .statute import load

    if args.new is None:
        draft = read_draft(args.source, statutes=args.statutes)
        statutes = Path(args.statutes) if args.statutes else draft.statutes or DEFAULT_STATUTES
        result = apply(load(statutes), draft.amendments(), errors="collect")
        if result.failures:
            raise ApplyError(result.failures)
        red = redline(result)
        amended = result.statute
        sections = [s for s in result.changed_sections if s in result.statute]
    else:
        old, amended = load(args.source), load(args.new)
        red = diff(old, amended)
        sections = None
    if not (args.html or args.docx or args.print or args.clean):
        print(str(red))
        return 0
    with staged_files(args.html, args.docx, args.print, args.clean) as (html, docx, pr, clean):
        if html:
            html.write_text(red.to_html(style=args.style), encoding="utf-8")
        if docx:
            write_redline_docx(red, docx, author=args.author)
        if pr:
            write_comparative_docx(red, pr, style=args.style)
        if clean:
            write_statute_docx(amended, clean, sections=sections)
    if args.html:
        print(f"wrote {args.html}")
    if args.docx:
        print(f"wrote {args.docx} (tracked changes by {args.author})")
    if args.print:
        print(f"wrote {args.print}")
    if args.clean:
        print(f"wrote {args.clean}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """The main job: from a draft, the amended law, its comparative prints, the instructions, the bill."""
    from .apply import apply
    from .diff import redline
    from .drafts import read_draft
    from .instructions.render import instructions
    from .render.docx.bill import write_bill_docx
    from .render.docx.redline import write_redline_docx
    from .render.docx.statute import write_comparative_docx, write_statute_docx
    from .statute import load

    draft = read_draft(args.draft, statutes=args.statutes)
    statutes = Path(args.statutes) if args.statutes else draft.statutes or DEFAULT_STATUTES
    law = load(statutes)
    result = apply(law, draft.amendments(), errors="collect")
    if result.failures:
        raise ApplyError(result.failures)
    out = Path(args.out)
    stem = Path(args.draft).stem
    _check_out_dir(out)
    with _Staging(out) as stage:
        uslm_dir = stage.path / "amended-uslm"
        uslm_dir.mkdir()
        for ident in result.changed_sections:
            if ident not in result.statute:
                continue  # a section struck whole
            cite = result.statute.provision(ident).cite
            (uslm_dir / f"{cite.section}.xml").write_bytes(result.statute.to_xml(cite))
        if result.statute.outlines:  # loaded from a whole-title file: the amended title, whole
            from .containers import write_titles

            write_titles(result.statute, uslm_dir)
        red = redline(result)
        html = stage.path / f"{stem}-comparative-print.html"
        html.write_text(red.to_html(style=args.style), encoding="utf-8")
        write_redline_docx(red, stage.path / f"{stem}-redline.docx", author=args.author)
        write_comparative_docx(red, stage.path / f"{stem}-comparative-print.docx", style=args.style)
        write_statute_docx(
            result.statute,
            stage.path / f"{stem}-amended-law.docx",
            sections=[s for s in result.changed_sections if s in result.statute],
        )
        words = instructions(draft.amendments(), law)
        (stage.path / f"{stem}-instructions.txt").write_text(words + "\n", encoding="utf-8")
        write_bill_docx(draft, stage.path / f"{stem}-bill.docx", statute=law)
        written = stage.commit(replace=("amended-uslm",), manifest=f"{stem}-written.txt")
    print(words)
    print()
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{len(result.changes)} change(s) to {len(result.changed_sections)} section(s); wrote:")
    for path in written:
        print(f"  {path}")
    return 0


_STYLE_HELP = (
    "how the comparative print marks changes: house (default; omitted law in black brackets, "
    "new matter in italic, as House reports print it), strike (omitted law struck through, new "
    "matter underlined), color (struck through in red, new matter underlined in blue, for reading on screen)"
)


def _check_out_dir(out: Path) -> None:
    """Refuse an output folder that is a file, or whose parent does not exist, before any work."""
    if out.exists() and not out.is_dir():
        raise OutputError(
            "expected a folder to write the outputs into (--out), found a file", path=out
        )
    parent = out.resolve().parent
    if not parent.is_dir():
        raise OutputError(
            f"expected the folder {parent} to exist to hold --out, found nothing there", path=out
        )


class _Staging:
    """Outputs written into a temporary folder beside `--out` and moved into place only when every
    one was written: a failed run leaves `--out` as it was, and a run's outputs are never mixed
    with stale ones (the folders named in `replace` are replaced whole, and a manifest lists what
    this run wrote)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out

    def __enter__(self) -> _Staging:
        import tempfile

        parent = self.out.resolve().parent
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.billdraft-", dir=parent))
        return self

    def __exit__(self, *exc: object) -> None:
        import shutil

        shutil.rmtree(self.path, ignore_errors=True)

    def commit(self, *, replace: tuple[str, ...], manifest: str) -> list[Path]:
        """Move every staged output into `--out`; return their paths there (manifest last)."""
        import shutil

        names = sorted(p.name for p in self.path.iterdir())
        for name in names:
            target = self.out / name
            if target.is_dir() and name not in replace:
                raise OutputError(
                    "expected to write a file there, found a folder of that name", path=target
                )
            if target.exists() and not target.is_dir() and name in replace:
                raise OutputError(
                    "expected a folder of amended sections there, found a file", path=target
                )
        self.out.mkdir(exist_ok=True)
        written: list[Path] = []
        for name in names:
            source, target = self.path / name, self.out / name
            if source.is_dir():
                if target.exists():
                    shutil.rmtree(target)
                written += sorted(target / p.name for p in source.iterdir())
            else:
                written.append(target)
            os.replace(source, target)
        listing = self.out / manifest
        listing.write_text(
            "".join(f"{p.relative_to(self.out)}\n" for p in written), encoding="utf-8"
        )
        return [*written, listing]


LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "bill": (
        "billdraft.render.docx.bill",
        "write a draft's bill as a Word document in congressional form",
    ),
    "import-bill": (
        "billdraft.bill_import",
        "parse a bill's amendatory instructions, apply them, report every instruction",
    ),
    "from-edit": (
        "billdraft.fromedit.cli",
        "derive the amendments that turn the current law into an edited version",
    ),
    "compare-bills": (
        "billdraft.compare",
        "compare two versions of a bill: the text changed, and the law under each",
    ),
}
"""Commands whose module (python-docx, the bill grammar, the from-edit search) is imported only
when the command is run or its own help is asked for: module and the one-line help."""


def _command_named(argv: Sequence[str] | None) -> str | None:
    """The subcommand an argument list names (its first word that is not an option)."""
    words = sys.argv[1:] if argv is None else argv
    return next((w for w in words if not w.startswith("-")), None)


def _add_lazy_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, chosen: str | None
) -> None:
    """Register a lazy command: in full when it is the one chosen, else by its help line alone."""
    module, help_line = LAZY_COMMANDS[name]
    if name == chosen:
        importlib.import_module(module).add_parser(sub)
    else:
        sub.add_parser(name, help=help_line)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser of the `billdraft` command (for `argv`, when given: see LAZY_COMMANDS)."""
    chosen = _command_named(argv)
    parser = argparse.ArgumentParser(
        prog="billdraft", description="Draft federal legislation against the U.S. Code in USLM."
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="print billdraft's version and exit"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "build", help="the main job: amended law, redlines, instructions and the bill from a draft"
    )
    p.add_argument("draft", help="a draft file (drafts/*.toml)")
    p.add_argument("--out", required=True, help="folder for everything written")
    p.add_argument(
        "--style",
        choices=["house", "strike", "color"],
        default="house",
        help=_STYLE_HELP,
    )
    p.add_argument("--author", default="billdraft", help="author of the tracked changes")
    p.add_argument("--statutes", help="the law to amend (default: the draft's `statutes`)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("import-uslm", help="import official OLRC USLM, one file per section")
    p.add_argument("sources", nargs="+", help="USLM section files, folders, or whole-title files")
    p.add_argument("--out", required=True, help="output folder (e.g. statutes/)")
    p.add_argument(
        "--sections",
        action="append",
        metavar="RANGE",
        help="keep only these section numbers, e.g. 2431-2441 (repeatable)",
    )
    p.set_defaults(func=cmd_import_uslm)

    p = sub.add_parser("show", help="print a provision by citation")
    p.add_argument(
        "cite", help="e.g. '19 U.S.C. 2432(a)' or 'section 402 of the Trade Act of 1974'"
    )
    p.add_argument("--statutes", help="folder or file of USLM sections (default: statutes/)")
    p.add_argument("--xml", action="store_true", help="print the provision's USLM")
    p.add_argument(
        "--docx",
        metavar="FILE",
        help="write the provision's section as a Word document to edit with Track Changes "
        "(then `billdraft from-edit`)",
    )
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("apply", help="apply a draft's amendments and write the amended USLM")
    p.add_argument("draft", help="a draft file (drafts/*.toml)")
    p.add_argument("--out", required=True, help="folder for the amended sections")
    p.add_argument("--statutes", help="the law to amend (default: the draft's `statutes`)")
    p.set_defaults(func=cmd_apply)

    p = sub.add_parser(
        "redline", help="comparative print of a draft (or of two USLM versions): HTML and Word"
    )
    p.add_argument("source", help="a draft file, or the current USLM file/folder")
    p.add_argument("new", nargs="?", help="the changed USLM file/folder (to compare two versions)")
    p.add_argument("--html", help="write the HTML comparative print here")
    p.add_argument("--docx", help="write the Word redline with tracked changes here")
    p.add_argument("--print", help="write the comparative print as a static .docx here")
    p.add_argument("--clean", help="write the amended statute as a clean .docx here")
    p.add_argument(
        "--style",
        choices=["house", "strike", "color"],
        default="house",
        help=_STYLE_HELP,
    )
    p.add_argument("--author", default="billdraft", help="author of the tracked changes")
    p.add_argument("--statutes", help="the law to amend (default: the draft's `statutes`)")
    p.set_defaults(func=cmd_redline)

    for name in LAZY_COMMANDS:
        _add_lazy_command(sub, name, chosen)

    p = sub.add_parser("instructions", help="print a draft's amendatory instructions")
    p.add_argument("draft", help="a draft file (drafts/*.toml)")
    p.add_argument("--statutes", help="the law to amend (default: the draft's `statutes`)")
    p.set_defaults(func=cmd_instructions)
    return parser


class _Version(argparse.Action):
    """`--version`: billdraft's version (no package metadata read: that costs more than the rest)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from ._version import __version__

        print(f"billdraft {__version__}")
        parser.exit()


def _os_error_message(exc: OSError) -> str:
    """An operating-system error as one line: the file, what was expected and what was found."""
    what = exc.strerror or exc.__class__.__name__
    name = exc.filename if exc.filename is not None else ""
    other = f" (to {exc.filename2})" if getattr(exc, "filename2", None) else ""
    if isinstance(exc, NotADirectoryError):
        return f"{name}{other}: expected a folder on the path, found a file ({what})"
    if isinstance(exc, FileExistsError):
        return f"{name}{other}: expected a free path to write, found a file or folder there"
    if isinstance(exc, FileNotFoundError):
        return f"{name}{other}: expected the file or its folder to exist, found nothing ({what})"
    if isinstance(exc, IsADirectoryError):
        return f"{name}{other}: expected a file, found a folder"
    if isinstance(exc, PermissionError):
        return f"{name}{other}: expected permission to read or write it, found it denied"
    return f"{name}{other}: {what}"


def _quiet_broken_pipe() -> int:
    """End quietly when the reader of our output has gone (`billdraft show … | head -1`)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 141  # 128 + SIGPIPE, as a shell reports a pipe closed early


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `billdraft` command."""
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except BilldraftError as exc:
        print(f"billdraft: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"billdraft: error: {_os_error_message(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
