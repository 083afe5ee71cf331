"""The import run: read a file in chunks, check each row, write the good ones, report the rest.

All or nothing by default: every row is checked and written inside one
transaction, which is rolled back when any row is bad (or on a dry run), so
a bad row or a kill leaves the book as it was. With ``skip_invalid`` each
chunk commits on its own and the bad rows go to the rejects file; a kill
keeps the committed chunks, and the summary says how far the run got.

One audit event names the run (file, hash, counts); the records' own events
are written with them, so ``audit verify`` holds after any import.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from attrs import define, field, frozen

from ..._app import App
from ..._errors import AccountcoreError, BadInput
from ..._io.mapping import ColumnPlan, ImportMapping
from ..._io.sinks import Sink, open_sink
from ..._io.sources import Row, format_of, open_source
from .. import audit

__all__ = [
    "CHUNK",
    "Accepted",
    "ImportFailed",
    "ImportInterrupted",
    "ImportOptions",
    "Importer",
    "Rejected",
    "Skipped",
    "Summary",
    "run_import",
]

CHUNK = 1000
REPORTED = 50
ON_DUPLICATE = ("skip", "report", "fail")


@frozen
class ImportOptions:
    """How a run treats its file: formats, the mapping, bad rows, keys and duplicates."""

    mapping: ImportMapping = field(factory=ImportMapping)
    dry_run: bool = False
    skip_invalid: bool = False
    rejects: Path | None = None
    key: str | None = None
    on_duplicate: str = "report"
    delimiter: str | None = None
    encoding: str | None = None
    sheet: str | None = None


@frozen
class Accepted:
    """A row that passed: the record to write, what it replaces, notes to report."""

    row: Row
    record: Any
    before: Any = None
    notes: tuple[str, ...] = ()
    duplicate: bool = False
    findings: int = 0


@frozen
class Rejected:
    """A row that failed: each problem as ``(column or field, what is wrong)``."""

    row: Row
    problems: tuple[tuple[str, str], ...]
    duplicate: bool = False


@frozen
class Skipped:
    """A row left out on purpose (a possible duplicate under ``--on-duplicate skip``)."""

    row: Row
    notes: tuple[str, ...] = ()
    duplicate: bool = True


Checked = Accepted | Rejected | Skipped


class Importer(Protocol):
    """What one kind of record brings to a run: its fields, its checks, its writes."""

    entity: str

    def kind_of(self, name: str) -> str | None:
        """What ``name`` holds ("date", "money", "text"...); None: no such field."""

    def unknown(self, name: str) -> str:
        """Why ``name`` is not a field, and what the fields are."""

    def start(self, plan: ColumnPlan, options: ImportOptions) -> None:
        """Check the file's columns as a whole (a key column missing...) before any row."""

    def check(self, rows: Sequence[tuple[Row, dict[str, Any]]]) -> list[Checked]:
        """Check a chunk of rows (their fields after the mapping), in order."""

    def write(self, accepted: Sequence[Accepted]) -> int:
        """Store the chunk's accepted records with their audit events; how many were created."""


@define
class Summary:
    """What a run did; ``problems``, ``duplicates`` and ``findings`` keep the first 50 of each."""

    entity: str
    file: str
    sha256: str
    dry_run: bool = False
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    skipped: int = 0
    duplicates: int = 0
    findings: int = 0
    committed_through: str | None = None
    problem_lines: int = 0
    problems: list[str] = field(factory=list)
    notes: list[str] = field(factory=list)
    run: str | None = None

    @property
    def written(self) -> int:
        """Records created or changed."""
        return self.created + self.updated

    def counts(self) -> dict[str, Any]:
        """The figures, for the run's audit event and the printed summary."""
        return {
            "file": self.file,
            "sha256": self.sha256,
            "read": self.read,
            "written": self.written,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "possible_duplicates": self.duplicates,
            "findings": self.findings,
        }


class ImportFailed(BadInput):
    """Rows were bad and nothing was written (exit 2); ``summary`` has every figure."""

    def __init__(self, message: str, summary: Summary) -> None:
        super().__init__(message)
        self.summary = summary


class ImportInterrupted(AccountcoreError):
    """The run was stopped; with ``--skip-invalid`` its committed chunks stay (exit 130)."""

    exit_code = 130

    def __init__(self, summary: Summary) -> None:
        where = summary.committed_through or "the first chunk"
        super().__init__(
            f"{summary.file}: interrupted; the rows through {where} are committed"
            f" ({summary.written} written, {summary.rejected} rejected):"
            " run the same import again with --key to finish the job"
        )
        self.summary = summary


class _RollBack(Exception):
    """Raised inside the run's transaction to undo it (bad rows, or a dry run)."""


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes, for the audit event that names the run."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _problem_lines(rejected: Rejected) -> list[str]:
    return [f"{rejected.row.where}: {name}: {problem}" for name, problem in rejected.problems]


class _Run:
    """One run's state: the summary, the rejects file, the progress callback."""

    def __init__(
        self,
        app: App,
        importer: Importer,
        summary: Summary,
        rejects: Sink | None,
        progress: Callable[[int], None] | None,
    ) -> None:
        self.app, self.importer, self.summary = app, importer, summary
        self.rejects, self.progress = rejects, progress

    def note(self, lines: Sequence[str]) -> None:
        room = REPORTED - len(self.summary.notes)
        self.summary.notes.extend(lines[: max(room, 0)])

    def chunk(self, rows: list[_Read]) -> None:
        summary = self.summary
        good = [(row, fields) for row, fields, problems in rows if not problems]
        checked: list[Checked] = [
            Rejected(row, tuple(problems)) for row, _, problems in rows if problems
        ]
        checked += self.importer.check(good) if good else []
        accepted = [item for item in checked if isinstance(item, Accepted)]
        for item in checked:
            summary.duplicates += item.duplicate
            if isinstance(item, Rejected):
                summary.rejected += 1
                lines = _problem_lines(item)
                summary.problem_lines += len(lines)
                summary.problems.extend(lines[: max(REPORTED - len(summary.problems), 0)])
                if self.rejects is not None:
                    self.rejects.write({**item.row.values, "error": "; ".join(lines)})
            elif isinstance(item, Skipped):
                summary.skipped += 1
                self.note(item.notes)
            else:
                summary.findings += item.findings
                self.note(item.notes)
        changed = [item for item in accepted if item.before is None or item.before != item.record]
        summary.unchanged += len(accepted) - len(changed)
        created = self.importer.write(changed) if changed else 0
        summary.created += created
        summary.updated += len(changed) - created
        summary.read += len(rows)
        summary.committed_through = rows[-1][0].where
        if self.progress is not None:
            self.progress(summary.read)


# A row as read: its fields after the mapping, and what the reading or the mapping found wrong.
_Read = tuple[Row, dict[str, Any], list[tuple[str, str]]]


def _rows(source: Any, plan: ColumnPlan) -> Iterator[_Read]:
    for row in source:
        if row.problem is not None:
            yield row, {}, [("row", row.problem)]
            continue
        fields, problems = plan.apply(row.values)
        yield row, fields, problems


def run_import(
    app: App,
    importer: Importer,
    path: Path,
    options: ImportOptions,
    *,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Import the rows of ``path`` with ``importer``; the summary of what was (or would be) done.

    Raises :class:`ImportFailed` (exit 2, nothing written) when a row is bad and
    ``skip_invalid`` is off, naming each bad row as ``file:line: field: problem``.
    """
    if options.on_duplicate not in ON_DUPLICATE:
        raise BadInput(f"--on-duplicate {options.on_duplicate!r}: expected skip, report or fail")
    if options.rejects is not None and not options.skip_invalid:
        raise BadInput("--rejects goes with --skip-invalid: bad rows stop the import otherwise")
    summary = Summary(importer.entity, str(path), "", dry_run=options.dry_run)
    source = open_source(
        path,
        delimiter=options.delimiter,
        encoding=options.encoding,
        sheet=options.sheet,
    )
    with source:
        summary.sha256 = file_sha256(path)
        plan = ColumnPlan(
            options.mapping, source.columns, importer.kind_of, importer.unknown, source.name
        )
        importer.start(plan, options)
        rejects = None
        if options.skip_invalid and options.rejects is not None and not options.dry_run:
            fmt = format_of(path)
            rejects = open_sink(options.rejects, fmt, [*source.columns, "error"])
        run = _Run(app, importer, summary, rejects, progress)
        try:
            _drive(app, run, _rows(source, plan), options)
        finally:
            if rejects is not None:
                rejects.close()
    return summary


def _drive(app: App, run: _Run, rows: Iterator[_Read], options: ImportOptions) -> None:
    summary = run.summary
    chunks = iter(lambda: list(itertools.islice(rows, CHUNK)), [])
    if options.skip_invalid and not options.dry_run:
        try:
            for chunk in chunks:
                with app.store.transaction():
                    run.chunk(chunk)
        except KeyboardInterrupt:
            with app.store.transaction():
                _record_run(app, summary)
            raise ImportInterrupted(summary) from None
        with app.store.transaction():
            _record_run(app, summary)
        return
    with contextlib.suppress(_RollBack), app.store.transaction():
        for chunk in chunks:
            run.chunk(chunk)
        if options.dry_run or (summary.rejected and not options.skip_invalid):
            raise _RollBack
        _record_run(app, summary)
    if summary.rejected and not options.skip_invalid:
        raise ImportFailed(_refusal(summary), summary)


def _record_run(app: App, summary: Summary) -> None:
    summary.run = app.store.next_id("import")
    audit.record(app, f"{summary.entity}.import", "import", summary.run, after=summary.counts())


def _refusal(summary: Summary) -> str:
    more = summary.problem_lines - len(summary.problems)
    bad = "row" if summary.rejected == 1 else "rows"
    lines = [
        f"{summary.file}: {summary.rejected} bad {bad} of {summary.read}; nothing was written",
        *(f"  {line}" for line in summary.problems),
    ]
    if more > 0:
        lines.append(f"  ... and {more} more")
    lines.append(
        "Fix these rows and import again, or import the good rows with"
        " --skip-invalid --rejects FILE."
    )
    return "\n".join(lines)
