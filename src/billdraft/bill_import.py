"""Import a bill: parse its amendatory instructions, apply what can be applied, report everything.

`import_bill(bill_path, statute)` reads a bill (bill DTD XML, USLM 2.x, or plain text), parses
each instruction into amendments, applies them in bill order to the loaded statute with
`apply(..., errors="collect")`, and returns a `BillReport` that gives every instruction exactly one
status:

- **applied** — parsed, and every amendment applied;
- **not parsed** — the grammar (or the reading of its tree) stopped; the phrase it stopped at is
  kept;
- **target not loaded** — parsed, but at least one amendment targets law that is not loaded (a
  section that is not in the statute, or a `Container`: a chapter or subpart, a table of contents,
  an Act section the Code carries as a note, the Harmonized Tariff Schedule), and none was
  refused;
- **refused** — parsed, but `apply` refused at least one amendment whose target *is* loaded (text
  not found, ambiguous text, a provision that does not exist …), with its error.

Nothing is skipped: the totals add up to the number of instructions found. Freestanding sections
(short title, findings, effective dates) are listed as such, never as failures.
"""

from __future__ import annotations

import argparse
import enum
import json
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .amendments import (
    AddToContainer,
    AmendSentence,
    AmendTableOfContents,
    AnyAmendment,
    InsertProvisions,
    Redesignate,
    StrikeProvision,
    outside_target,
    target_of,
)
from .apply import Result, apply, describe
from .bills import Bill, Freestanding, read_bill, read_text_bill
from .cite import ActIndex, Cite, Container
from .errors import (
    AlreadyInLawError,
    AmendmentError,
    NoInstructionsError,
    TargetNotFoundError,
    WithheldError,
)
from .inlaw import InLaw, already_applied, difference, in_law
from .instructions.parse import ParsedInstruction, parse_bill
from .statute import Statute

__all__ = [
    "AmendmentOutcome",
    "BillReport",
    "InstructionReport",
    "Status",
    "add_parser",
    "import_bill",
    "run_cli",
]


class Status(enum.Enum):
    """What became of one instruction."""

    APPLIED = "applied"
    NOT_PARSED = "not parsed"
    NOT_LOADED = "target not loaded"
    IN_LAW = "already in law"
    REFUSED = "refused"


@dataclass(frozen=True)
class AmendmentOutcome:
    """One amendment of an instruction and what `apply` made of it (error None: applied)."""

    amendment: AnyAmendment
    error: AmendmentError | None = None
    not_loaded: bool = False
    in_law: InLaw | None = None
    """For a refused amendment: the law already reads as it would make it (see `inlaw`)."""
    conflict: str | None = None
    """For a refused amendment adding a provision whose designation is taken: how the provision
    there reads otherwise than the bill's new matter."""
    why_not_loaded: str | None = None
    """For a target not loaded: "outside the loaded titles", "uncodified", "needs a whole-title
    file" or "not in the loaded folder", then what it is."""

    @property
    def applied(self) -> bool:
        """Whether the amendment applied."""
        return self.error is None

    @property
    def mark(self) -> str:
        """`applied`, `not loaded`, `already in law` or `refused`."""
        if self.applied:
            return "applied"
        if self.not_loaded:
            return "not loaded"
        return "already in law" if self.in_law is not None else "refused"


@dataclass(frozen=True)
class InstructionReport:
    """One instruction: where it is, its words, its status and the amendments it became."""

    label: str
    text: str
    status: Status
    outcomes: tuple[AmendmentOutcome, ...] = ()
    stopped_at: str | None = None
    """For `NOT_PARSED`: the phrase the parser stopped at."""
    message: str | None = None
    """For `NOT_PARSED`: the parser's message; for `REFUSED` with no amendment refused outright
    (some applied, others already in law): why that is a conflict."""
    freestanding: tuple[str, ...] = ()
    """Sentences inside the instruction that amend nothing."""
    tags: int = 0
    """How many USLM `<amendingAction>` tags the instruction holds."""

    @property
    def amendments(self) -> tuple[AnyAmendment, ...]:
        """The amendments the instruction parsed into (none when not parsed)."""
        return tuple(o.amendment for o in self.outcomes)


@dataclass(frozen=True)
class BillReport:
    """Everything `import_bill` found: each instruction's fate, the freestanding sections, and
    the result of applying what could be applied."""

    bill: Bill
    instructions: tuple[InstructionReport, ...]
    freestanding: tuple[Freestanding, ...]
    result: Result

    @property
    def totals(self) -> dict[Status, int]:
        """Instructions per status; the values add up to the number of instructions."""
        counts = Counter(r.status for r in self.instructions)
        return {s: counts.get(s, 0) for s in Status}

    @property
    def ok(self) -> bool:
        """Whether every instruction parsed and applied, or was already in law."""
        return bool(self.instructions) and all(
            r.status in (Status.APPLIED, Status.IN_LAW) for r in self.instructions
        )

    @property
    def amendment_totals(self) -> dict[str, int]:
        """Amendments per outcome (applied, not loaded, already in law, refused)."""
        counts = Counter(o.mark for r in self.instructions for o in r.outcomes)
        return {m: counts.get(m, 0) for m in _MARKS}

    def to_data(self) -> dict[str, object]:
        """The report as data (what `--json` writes): the same instructions, statuses, reasons
        and totals as `to_text`, in JSON-ready types."""
        b = self.bill
        return {
            "bill": {
                "path": b.path,
                "congress": b.congress,
                "session": b.session,
                "chamber": b.chamber,
                "number": b.number,
                "title": b.title,
            },
            "instructions": [_instruction_data(r) for r in self.instructions],
            "freestanding": [
                {"label": f.label, "kind": f.kind, "heading": f.heading} for f in self.freestanding
            ],
            "totals": {s.value: n for s, n in self.totals.items()},
            "amendment_totals": self.amendment_totals,
            "instruction_count": len(self.instructions),
            "freestanding_count": len(self.freestanding),
            "warnings": list(self.result.warnings),
            "ok": self.ok,
        }

    def to_text(self) -> str:
        """The report as a person reads it: one block per instruction, then the totals."""
        lines: list[str] = []
        name = " ".join(x for x in (self.bill.number, self.bill.title) if x) or (
            self.bill.path or "bill"
        )
        lines.append(f"Bill: {name}")
        for r in self.instructions:
            lines.append("")
            lines.append(f"{r.label}: {r.status.value.upper()}")
            lines.append(f"  {_short(r.text, 300)}")
            if r.status is Status.NOT_PARSED:
                lines.append(f"  stopped at: “{r.stopped_at}”")
            if r.message:
                lines.append(f"  {r.message}")
            for o in r.outcomes:
                mark = o.mark if o.mark != "refused" else "REFUSED"
                lines.append(f"  - [{mark}] {_short(describe(o.amendment), 200)}")
                if o.in_law is not None:
                    lines.append(f"      already in law: {_short(o.in_law.found, 400)}")
                    if r.status is not Status.IN_LAW:
                        lines.append(f"      {_short(o.error.message if o.error else '', 400)}")
                elif o.why_not_loaded is not None:
                    lines.append(f"      not loaded: {_short(o.why_not_loaded, 400)}")
                elif o.error is not None:
                    lines.append(f"      {_short(o.error.message, 400)}")
                    if o.conflict is not None:
                        lines.append(f"      {_short(o.conflict, 400)}")
            for sentence in r.freestanding:
                lines.append(f"  - [amends nothing] {_short(sentence, 200)}")
        if self.freestanding:
            lines.append("")
            lines.append("Freestanding sections (amend nothing):")
            for f in self.freestanding:
                head = f" — {f.heading}" if f.heading else ""
                lines.append(f"  {f.label}{head}: {f.kind}")
        lines.append("")
        totals = self.totals
        parts = [f"{totals[s]} {s.value}" for s in Status]
        lines.append(
            f"{len(self.instructions)} instruction(s): {', '.join(parts)}; "
            f"{len(self.freestanding)} freestanding section(s)"
        )
        marks = self.amendment_totals
        lines.append(
            f"{sum(marks.values())} amendment(s): "
            + ", ".join(f"{n} {m}" for m, n in marks.items())
        )
        for warning in self.result.warnings:
            lines.append(f"warning: {warning}")
        return "\n".join(lines)


_MARKS = ("applied", "not loaded", "already in law", "refused")


def _instruction_data(r: InstructionReport) -> dict[str, object]:
    return {
        "label": r.label,
        "status": r.status.value,
        "text": r.text,
        "stopped_at": r.stopped_at,
        "message": r.message,
        "tags": r.tags,
        "amends_nothing": list(r.freestanding),
        "amendments": [
            {
                "description": describe(o.amendment),
                "type": type(o.amendment).__name__,
                "outcome": o.mark,
                "error": (
                    {"type": type(o.error).__name__, "message": o.error.message}
                    if o.error is not None
                    else None
                ),
                "in_law": (
                    {"found": o.in_law.found, "evidence": o.in_law.evidence}
                    if o.in_law is not None
                    else None
                ),
                "conflict": o.conflict,
                "why_not_loaded": o.why_not_loaded,
            }
            for o in r.outcomes
        ],
    }


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _read(bill_path: str | Path) -> Bill:
    path = Path(bill_path)
    if path.suffix.lower() in (".txt", ".text"):
        bill = _read_text(path)
    else:
        bill = read_bill(path)
    if not bill.instructions:
        kinds = Counter(f.kind for f in bill.freestanding)
        found = (
            f"{len(bill.freestanding)} provision(s) that amend nothing ("
            + ", ".join(f"{n} {k}" for k, n in kinds.most_common())
            + ")"
            if bill.freestanding
            else "no provision at all" + _components(path)
        )
        raise NoInstructionsError(
            "expected a bill with at least one amendatory instruction (“… is amended …”, "
            f"“… by striking …”), found {found}",
            path=path,
        )
    return bill


def _components(path: Path) -> str:
    """“ (its text is in 3 <component> versions, which are not read)” for a USLM bill whose body
    holds its text only in versions (a reported bill's `<collection>` of `<component>`s)."""
    if path.suffix.lower() in (".txt", ".text"):
        return ""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    n = data.count(b"<component")
    return f" (its text is in {n} <component> versions, which are not read)" if n else ""


def _read_text(path: Path) -> Bill:
    """A plain-text bill (see `bills.read_text_bill`)."""
    return read_text_bill(path)


def _section_loaded(statute: Statute, cite: Cite) -> bool:
    return cite.section_cite.identifier in statute.section_elements()


def _is_not_loaded(amendment: AnyAmendment, error: AmendmentError, statute: Statute) -> bool:
    """Whether a refusal only says the target is not loaded (never a fault in the bill's words)."""
    if not isinstance(error, TargetNotFoundError):
        return False
    if outside_target(amendment) is not None:
        return True
    assert not isinstance(amendment, AddToContainer | AmendTableOfContents)
    cite = target_of(amendment) if not isinstance(amendment, AmendSentence) else amendment.target
    assert isinstance(cite, Cite)
    if not _section_loaded(statute, cite):
        return True
    # A whole section inserted after, or struck from, the container that holds it.
    if isinstance(amendment, InsertProvisions | StrikeProvision) and not cite.path:
        return True
    return isinstance(amendment, Redesignate) and not amendment.targets[0].path


def _loaded_titles(statute: Statute) -> list[str]:
    """The titles of the Code the statute holds sections of."""
    return sorted({i.split("/")[3][1:] for i in statute.section_elements() if i.count("/") >= 4})


def _why_not_loaded(amendment: AnyAmendment, statute: Statute, titles: list[str]) -> str:
    """Why an amendment's target is not loaded: outside the loaded titles, uncodified law, a
    container (which needs a whole-title file), or a section missing from the folder."""
    container = outside_target(amendment)
    if container is not None:
        return _why_container(container, titles, toc=isinstance(amendment, AmendTableOfContents))
    assert not isinstance(amendment, AddToContainer | AmendTableOfContents)
    cite = target_of(amendment) if not isinstance(amendment, AmendSentence) else amendment.target
    assert isinstance(cite, Cite)
    return _why_cite(cite, statute, titles)


def _why_subject_not_loaded(
    subject: Cite | Container, statute: Statute, titles: list[str]
) -> str | None:
    """For an instruction that did not parse but whose subject was read: why that subject is not
    loaded, or None when it is (then the instruction could apply, had it been read)."""
    if isinstance(subject, Container):
        if subject.title is not None and subject.title in titles and statute.outlines:
            return None  # a container of a whole title that is loaded
        return _why_container(subject, titles, toc=False)
    if subject.title in titles and subject.section_cite.identifier in statute.section_elements():
        return None
    return _why_cite(subject, statute, titles)


def _why_container(container: Container, titles: list[str], *, toc: bool) -> str:
    """Why a container is not loaded (`toc`: it is the table of contents of an Act or container)."""
    loaded = ", ".join(titles) or "none"
    source = container.source
    if "harmonized tariff schedule" in source.lower():
        return "uncodified: the Harmonized Tariff Schedule is not part of the Code's text"
    if container.usc and "note" in container.usc:
        return f"uncodified: the Code carries it only as a note ({container.usc})"
    title = container.title
    if title is None and container.usc and not toc:
        t = container.usc.split()[0]
        if t not in titles:
            return f"outside the loaded titles: {container.usc} (loaded: title {loaded})"
        return (
            f"needs a whole-title file: {container} is classified to {container.usc}; load "
            f"usc{t}.xml from the OLRC for chapters and their tables"
        )
    if title is None:
        what = "the table of contents of" if toc else "a part of"
        return f"uncodified: {what} {source}, which the Code does not carry as such"
    if title not in titles:
        return f"outside the loaded titles: title {title} (loaded: title {loaded})"
    return (
        f"needs a whole-title file: {container} is a container of title {title}; load "
        f"usc{title}.xml from the OLRC for chapters and their tables"
    )


def _why_cite(cite: Cite, statute: Statute, titles: list[str]) -> str:
    """Why a provision of the Code is not loaded."""
    loaded = ", ".join(titles) or "none"
    if cite.title not in titles:
        return f"outside the loaded titles: {cite.section_cite} (loaded: title {loaded})"
    if cite.section_cite.identifier not in statute.section_elements():
        return f"not in the loaded folder: {cite.section_cite}"
    return (
        f"needs a whole-title file: the chapter holding {cite.section_cite}; load "
        f"usc{cite.title}.xml from the OLRC for chapters and their tables"
    )


def _instruction_report(
    parsed: ParsedInstruction,
    errors: dict[int, AmendmentError],
    statute: Statute,
    in_law: dict[int, InLaw],
    conflicts: dict[int, str],
    changed: set[int],
    titles: list[str],
) -> InstructionReport:
    ins = parsed.instruction
    if parsed.amendments is None:
        err = parsed.error
        why = (
            _why_subject_not_loaded(parsed.subject, statute, titles)
            if parsed.subject is not None
            else None
        )
        if why is not None:  # it could not apply here whatever its verbs say: say both
            return InstructionReport(
                ins.label,
                ins.full_text,
                Status.NOT_LOADED,
                stopped_at=err.stopped_at if err is not None else "",
                message=f"target not loaded: {why}; its amendatory words were not read "
                f"either: {err.message if err is not None else ''}",
                tags=ins.actions,
            )
        return InstructionReport(
            ins.label,
            ins.full_text,
            Status.NOT_PARSED,
            stopped_at=err.stopped_at if err is not None else "",
            message=err.message if err is not None else None,
            tags=ins.actions,
        )
    outcomes = []
    for a in parsed.amendments:
        e = errors.get(id(a))
        if e is None and id(a) not in changed and not isinstance(a, AmendSentence):
            # never "applied" without a change to show for it
            e = AmendmentError(
                f"{describe(a)}: expected the amendment to change the law, found it changed "
                "nothing",
                amendment=a,
            )
        not_loaded = e is not None and _is_not_loaded(a, e, statute)
        found = in_law.get(id(a)) if e is not None and not not_loaded else None
        why = conflicts.get(id(a)) if e is not None and found is None else None
        reason = _why_not_loaded(a, statute, titles) if not_loaded else None
        outcomes.append(AmendmentOutcome(a, e, not_loaded, found, why, reason))
    status = _status(outcomes)
    note = None
    if status is Status.REFUSED and not any(o.mark == "refused" for o in outcomes):
        done = sum(o.applied for o in outcomes)
        there = sum(o.in_law is not None for o in outcomes)
        note = (
            f"expected the law to carry all of this instruction or none of it, found {there} "
            f"amendment(s) already in law and {done} that applied: the law may carry the rest "
            "in other words (check the applied ones before relying on them)"
            if done
            else f"expected the law to hold some of this instruction's new words, found only "
            f"that {there} amendment(s)' struck words or provisions are gone"
        )
    elif (
        status is Status.REFUSED
        and any(o.in_law for o in outcomes)
        and not any(
            o.mark == "refused" and not isinstance(o.error, WithheldError) for o in outcomes
        )
    ):
        there = sum(o.in_law is not None for o in outcomes)
        held = sum(o.mark == "refused" for o in outcomes)
        note = (
            f"expected the law to carry all of this instruction or none of it, found {there} "
            f"amendment(s) already in law and {held} the law does not read as: those were not "
            "carried out (the law may carry them in other words)"
        )
    return InstructionReport(
        ins.label,
        ins.full_text,
        status,
        tuple(outcomes),
        message=note,
        freestanding=parsed.freestanding,
        tags=ins.actions,
    )


def _status(outcomes: list[AmendmentOutcome]) -> Status:
    """An instruction's status from its amendments' outcomes.

    Refused when an amendment is refused for a reason other than the law already carrying it;
    else not loaded when an amendment's target is not loaded; else already in law when every
    amendment that did not apply is already in law, none applied, and at least one shows the
    amendment's own new words in the law (a strike of words that are gone alone proves nothing).
    Already-in-law amendments beside applied ones are a real conflict: refused."""
    if any(o.mark == "refused" for o in outcomes):
        return Status.REFUSED
    if any(o.not_loaded for o in outcomes):
        return Status.NOT_LOADED
    found = [o.in_law for o in outcomes if o.in_law is not None]
    if not found:
        return Status.APPLIED
    if any(o.applied for o in outcomes) or not any(f.evidence for f in found):
        return Status.REFUSED
    return Status.IN_LAW


def import_bill(
    bill_path: str | Path, statute: Statute, *, acts: ActIndex | None = None
) -> BillReport:
    """Parse a bill, apply what can be applied to `statute`, and report on every instruction.

    `acts` resolves Act names ("section 402 of the Trade Act of 1974"); by default the index
    derived from the statute's own source credits and notes."""
    bill = _read(bill_path)
    index = acts if acts is not None else statute.acts
    parsed = parse_bill(bill, acts=index)
    amendments = [a for p in parsed for a in (p.amendments or ())]
    titles = _loaded_titles(statute)
    result, reports = _apply_and_report(statute, parsed, amendments, titles, index, {})
    # -- an instruction is carried out whole or not at all: when one amendment of it is
    #    refused, or already in law, its others are not carried out (a second pass, repeated
    #    while that refuses more: a later instruction may have relied on a withheld one) --
    withheld: dict[int, str] = {}
    for _ in range(4):
        more = {
            id(o.amendment): (
                "found the instruction's other amendments already in law (the law may carry "
                "this one in other words; carrying it out could duplicate it)"
                if not any(x.mark == "refused" for x in r.outcomes)
                else "found another amendment of the instruction refused"
            )
            for r in reports
            if r.status is Status.REFUSED
            for o in r.outcomes
            if o.applied
        }
        if not more:
            break
        withheld.update(more)
        result, reports = _apply_and_report(statute, parsed, amendments, titles, index, withheld)
    return BillReport(bill, reports, bill.freestanding, result)


def _apply_and_report(
    statute: Statute,
    parsed: list[ParsedInstruction],
    amendments: list[AnyAmendment],
    titles: list[str],
    acts: ActIndex,
    withheld: Mapping[int, str],
) -> tuple[Result, tuple[InstructionReport, ...]]:
    """Apply the amendments (none of those `withheld`), judging each failure, and report."""
    found: dict[int, InLaw] = {}
    conflicts: dict[int, str] = {}

    def judge(
        sections: Mapping[str, etree._Element], amendment: AnyAmendment, _: AmendmentError
    ) -> None:
        if id(amendment) in withheld:
            return
        verdict = in_law(sections, amendment, acts=acts)
        if verdict is not None:
            found[id(amendment)] = verdict
            return
        why = difference(sections, amendment)
        if why is not None:
            conflicts[id(amendment)] = why

    def before(
        sections: Mapping[str, etree._Element], amendment: AnyAmendment
    ) -> AmendmentError | None:
        why = withheld.get(id(amendment))
        if why is not None:
            return WithheldError(
                f"{describe(amendment)}: not carried out: expected its instruction to be carried "
                f"out whole, {why}",
                amendment=amendment,
            )
        verdict = already_applied(sections, amendment, acts=acts)
        if verdict is None:
            return None
        found[id(amendment)] = verdict
        return AlreadyInLawError(
            f"{describe(amendment)}: expected the law not to read so already, found "
            f"{verdict.found} (carrying it out again would duplicate it)",
            amendment=amendment,
        )

    result = apply(statute, amendments, errors="collect", on_failure=judge, before=before)
    errors = {id(e.amendment): e for e in result.failures}
    changed = {id(ch.amendment) for ch in result.changes}
    changed |= {id(ch.amendment) for ch in result.container_changes}  # chapters, their tables
    reports = tuple(
        _instruction_report(p, errors, statute, found, conflicts, changed, titles) for p in parsed
    )
    return result, reports


# --- command line ----------------------------------------------------------------------------


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `billdraft import-bill BILL --statutes DIR [--redline F] [--html F] [--json [F]]`."""
    p = sub.add_parser(
        "import-bill",
        help="parse a bill's amendatory instructions, apply them, report every instruction",
        description=(
            "Parse a bill (bill DTD XML, USLM 2.x XML, or plain text .txt), apply what can be "
            "applied to the loaded statutes, print a report of every instruction, and optionally "
            "write the comparative print of what applied. Each instruction is applied, already "
            "in law (the law already reads as it would make it), target not loaded, refused "
            "(with the conflict) or not parsed. Exit code 0 only if every instruction applied "
            "or was already in law."
        ),
    )
    p.add_argument("bill", help="the bill: .xml (bill DTD or USLM 2.x) or .txt")
    p.add_argument("--statutes", required=True, help="folder (or file) of USLM sections")
    p.add_argument("--redline", metavar="OUT.docx", help="write a tracked-changes Word redline")
    p.add_argument("--html", metavar="OUT.html", help="write an HTML comparative print")
    p.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="OUT.json",
        help="write the report as JSON (to OUT.json, or alone on standard output without it)",
    )
    p.set_defaults(func=run_cli)


def run_cli(args: argparse.Namespace) -> int:
    """Run `import-bill`: print the report, write the outputs; 0 when everything applied."""
    from .outputs import check_file_destination, staged_files
    from .statute import load

    as_json = getattr(args, "json", None)
    json_file = as_json if as_json and as_json != "-" else None
    for output in (json_file, args.html, args.redline):  # checked before the work
        if output:
            check_file_destination(output)
    statute = load(args.statutes)
    report = import_bill(args.bill, statute)
    # with the JSON on standard output, nothing else goes there
    say = (lambda m: print(m, file=sys.stderr)) if as_json == "-" else print
    if as_json == "-":
        print(json.dumps(report.to_data(), ensure_ascii=False, indent=1))
    else:
        print(report.to_text())
    with staged_files(json_file, args.html, args.redline) as (data, html, docx):
        if data:
            data.write_text(
                json.dumps(report.to_data(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
        if html or docx:
            from .diff import redline

            red = redline(report.result)
            if html:
                html.write_text(red.to_html(), encoding="utf-8")
            if docx:
                from .render.docx.redline import write_redline_docx

                write_redline_docx(red, docx)
    for output in (json_file, args.html, args.redline):
        if output:
            say(f"wrote {output}")
    return 0 if report.ok else 1


if (
    __name__ == "__main__"
):  # pragma: no cover - `python -m billdraft.bill_import BILL --statutes DIR`
    _ap = argparse.ArgumentParser(prog="billdraft")
    _sub = _ap.add_subparsers(dest="command", required=True)
    add_parser(_sub)
    _args = _ap.parse_args()
    sys.exit(_args.func(_args))
