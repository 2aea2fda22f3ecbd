"""The draft file `billdraft from-edit` writes, and the command itself."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Sequence
from pathlib import Path

from ..amendments import (
    AddAtEnd,
    AmendHeading,
    Amendment,
    AmendToRead,
    Insert,
    InsertProvisions,
    NewProvision,
    Redesignate,
    Scope,
    Strike,
    StrikeInsert,
    StrikeProvision,
    StrikeThrough,
)
from ..errors import BilldraftError, DraftError
from ..statute import Statute, load
from .derive import amendments_from_edit

# --- draft files ----------------------------------------------------------------------------


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _toml_block(value: str) -> str:
    body = value.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return '"""\n' + body + '\n"""'


def _provision_text(p: NewProvision) -> list[str]:
    num = f"§ {p.designation}." if p.level == "section" else f"({p.designation})"
    text = p.chapeau if p.children else p.content
    if p.heading:
        head = f"{num} {p.heading}.—{text or ''}"
    else:
        head = f"{num} {text or ''}".rstrip()
    lines = [head]
    for c in p.children:
        lines += _provision_text(c)
    if p.continuation:
        lines.append(p.continuation)
    return lines


def _amendment_toml(a: Amendment) -> list[str]:
    def flags(each: bool, occurrence: int | None, at_end: bool, scope: Scope) -> list[str]:
        out = []
        if each:
            out.append("each = true")
        if occurrence is not None:
            out.append(f"occurrence = {occurrence}")
        if at_end:
            out.append("at_end = true")
        if scope is not Scope.TEXT:
            out.append(f"scope = {_toml_str(scope.value)}")
        return out

    def new(ps: Sequence[NewProvision]) -> str:
        return _toml_block("\n".join(line for p in ps for line in _provision_text(p)))

    if isinstance(a, Strike):
        return [
            'type = "strike"',
            f"target = {_toml_str(str(a.target))}",
            f"text = {_toml_str(a.text)}",
            *flags(a.each, a.occurrence, a.at_end, a.scope),
        ]
    if isinstance(a, StrikeInsert):
        return [
            'type = "strike_insert"',
            f"target = {_toml_str(str(a.target))}",
            f"strike = {_toml_str(a.strike)}",
            f"insert = {_toml_str(a.insert)}",
            *flags(a.each, a.occurrence, a.at_end, a.scope),
        ]
    if isinstance(a, Insert):
        out = [
            'type = "insert"',
            f"target = {_toml_str(str(a.target))}",
            f"text = {_toml_str(a.text)}",
        ]
        if a.after is not None:
            out.append(f"after = {_toml_str(a.after)}")
        if a.before is not None:
            out.append(f"before = {_toml_str(a.before)}")
        return out + flags(a.each, a.occurrence, a.at_end, a.scope)
    if isinstance(a, StrikeThrough):
        out = [
            'type = "strike_through"',
            f"target = {_toml_str(str(a.target))}",
            f"start = {_toml_str(a.start)}",
        ]
        if a.through is not None:
            out.append(f"through = {_toml_str(a.through)}")
        if a.insert is not None:
            out.append(f"insert = {_toml_str(a.insert)}")
        return out + flags(False, a.occurrence, False, a.scope)
    if isinstance(a, StrikeProvision):
        out = ['type = "strike_provision"', f"target = {_toml_str(str(a.target))}"]
        if a.through is not None:
            out.append(f"through = {_toml_str(str(a.through))}")
        if a.replacement:
            out.append(f"new = {new(a.replacement)}")
        return out
    if isinstance(a, InsertProvisions):
        out = [
            'type = "insert_provisions"',
            f"target = {_toml_str(str(a.anchor))}",
            f"new = {new(a.provisions)}",
        ]
        if a.before:
            out.append("before = true")
        return out
    if isinstance(a, AddAtEnd):
        return [
            'type = "add_at_end"',
            f"target = {_toml_str(str(a.target))}",
            f"new = {new(a.provisions)}",
        ]
    if isinstance(a, Redesignate):
        targets = ", ".join(_toml_str(str(t)) for t in a.targets)
        designations = ", ".join(_toml_str(d) for d in a.designations)
        return ['type = "redesignate"', f"targets = [{targets}]", f"as = [{designations}]"]
    if isinstance(a, AmendToRead):
        return [
            'type = "amend_to_read"',
            f"target = {_toml_str(str(a.target))}",
            f"new = {new([a.provision])}",
        ]
    if isinstance(a, AmendHeading):
        return [
            'type = "amend_heading"',
            f"target = {_toml_str(str(a.target))}",
            f"heading = {_toml_str(a.heading)}",
        ]
    raise DraftError(f"expected an amendment a draft file can hold, found {type(a).__name__}")


def draft_toml(
    amendments: Sequence[Amendment],
    statute: Statute,
    *,
    statutes: str | None = None,
    heading: str | None = None,
) -> str:
    """A draft file (the format of `billdraft.drafts`) holding `amendments` in one section.

    The bill's details are placeholders for the drafter to fill in (marked `TODO`).
    """
    from ..amendments import target_of

    sections = list(dict.fromkeys(target_of(a).section_cite for a in amendments))
    names = []
    for c in sections:
        try:
            names.append(c.drafting(statute.acts))
        except BilldraftError:
            names.append(str(c))
    subject = ", ".join(names) if names else "the law"
    lines = [
        "# Derived by `billdraft from-edit`; fill in the TODO fields. Format: see billdraft.drafts.",
        "",
        "[bill]",
        "congress = 119  # TODO",
        "session = 2  # TODO",
        'chamber = "house"  # TODO: "house" or "senate"',
        'sponsor = "TODO"',
        f"long_title = {_toml_str('To amend ' + subject + ', and for other purposes.')}",
        'short_title = "TODO"',
    ]
    if statutes is not None:
        lines.append(f"statutes = {_toml_str(statutes)}")
    lines += ["", "[[section]]", f"heading = {_toml_str(heading or 'Amendments to ' + subject)}"]
    for a in amendments:
        lines += ["", "[[section.amendment]]", *_amendment_toml(a)]
    return "\n".join(lines) + "\n"


# --- the command ----------------------------------------------------------------------------


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `billdraft from-edit CURRENT EDITED [-o draft.toml] [--statutes DIR]`."""
    p = sub.add_parser(
        "from-edit",
        help="derive the amendments that turn the current law into an edited version",
        description=(
            "Compare a provision of the current law with the drafter's edited version (plain "
            "text as `billdraft show` prints it, a .docx edited with Track Changes, or USLM) and "
            "print the amendatory instructions that make the edit."
        ),
    )
    p.add_argument(
        "current",
        help="citation of the provision edited (e.g. '19 U.S.C. 2432'), or a USLM file/folder",
    )
    p.add_argument("edited", help="the edited version: .txt, .docx, or a USLM file/folder")
    p.add_argument("-o", "--out", help="write a draft file (TOML) holding the amendments")
    p.add_argument("--statutes", help="folder or file of USLM sections (default: statutes/)")
    p.set_defaults(func=run_cli)


def run_cli(args: argparse.Namespace) -> int:
    """Run `billdraft from-edit`: print the instructions, and write the draft with `-o`."""
    from ..instructions.render import instructions

    current_arg = str(args.current)
    statutes_dir = Path(args.statutes) if args.statutes else Path("statutes")
    section: str | None
    if Path(current_arg).exists():
        statute = load(current_arg)
        statutes_dir = Path(current_arg)
        section = None
    else:
        statute = load(statutes_dir)
        section = current_arg
    amendments = amendments_from_edit(statute, args.edited, section=section)
    if not amendments:
        print("no changes: the edited version reads as the current law")
        return 0
    print(instructions(amendments, statute))
    if args.out:
        out = Path(args.out)
        rel = os.path.relpath(statutes_dir.resolve(), out.resolve().parent)
        out.write_text(draft_toml(amendments, statute, statutes=rel), encoding="utf-8")
        print(f"\nwrote {out} ({len(amendments)} amendment(s))")
    return 0
