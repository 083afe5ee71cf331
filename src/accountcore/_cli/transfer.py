"""The ``import`` and ``export`` commands each record group gets (customer, visit, agreement...).

The commands read options and print; what is imported or exported, and how
it is checked, is the import and export services' business.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .options import get_app
from .render import render_one

__all__ = ["export_command", "import_command"]

_PATH = click.Path(path_type=Path, dir_okay=False)
_FORMATS = click.Choice(["table", "json", "csv"])


def _progress() -> Callable[[int], None] | None:
    """Rows and rows per second on a terminal's standard error; nothing otherwise."""
    if not sys.stderr.isatty():
        return None
    started = time.monotonic()

    def show(rows: int) -> None:
        rate = rows / max(time.monotonic() - started, 1e-6)
        click.echo(f"\r{rows:,} rows read, {rate:,.0f} rows/s", nl=False, err=True)

    return show


def _encoding(value: str | None) -> str | None:
    import codecs

    from .._errors import BadInput

    if value is None:
        return None
    try:
        codecs.lookup(value)
    except LookupError:
        raise BadInput(f"--encoding {value!r}: unknown encoding; try utf-8 or gb18030") from None
    return value


def import_command(entity: str, *, keys: bool = False, help_text: str = "") -> click.Command:
    """The ``import FILE`` command for ``entity``; ``keys`` adds --key and --on-duplicate."""

    def run(path: Path, mapping: Path | None, fmt: str, **options: Any) -> None:
        from .._io.mapping import ImportMapping, load_mapping
        from .._services.imports import ImportOptions, import_records

        app = get_app()
        options["encoding"] = _encoding(options["encoding"])
        chosen = ImportOptions(
            mapping=load_mapping(mapping) if mapping is not None else ImportMapping(),
            **options,
        )
        progress = _progress()
        try:
            summary = import_records(app, entity, path, chosen, progress=progress)
        finally:
            if progress is not None:
                click.echo("", err=True)
        for line in summary.notes:
            click.echo(f"note: {line}", err=True)
        for line in summary.problems if chosen.skip_invalid else ():
            click.echo(f"rejected: {line}", err=True)
        record = {**summary.counts(), "dry_run": summary.dry_run, "run": summary.run}
        render_one(record, fmt)

    params: list[click.Parameter] = [
        click.Argument(["path"], type=_PATH, metavar="FILE"),
        click.Option(
            ["--mapping"],
            type=_PATH,
            metavar="MAPPING.toml",
            help="Which column is which field, value aliases, date and money formats, defaults.",
        ),
        click.Option(["--dry-run"], is_flag=True, help="Check every row; write nothing."),
        click.Option(
            ["--skip-invalid"],
            is_flag=True,
            help="Write the good rows (in committed chunks) and leave out the bad ones.",
        ),
        click.Option(
            ["--rejects"],
            type=_PATH,
            metavar="FILE",
            help="With --skip-invalid: write the bad rows here, each with its error.",
        ),
        click.Option(["--delimiter"], help="The CSV delimiter [default: detected]."),
        click.Option(
            ["--encoding"], help="The text encoding, such as gb18030 [default: utf-8, BOM or not]."
        ),
        click.Option(["--sheet"], help="The .xlsx sheet to read [default: the first]."),
        click.Option(
            ["--format", "fmt"],
            type=_FORMATS,
            default="table",
            show_default=True,
            help="Format of the summary.",
        ),
    ]
    if keys:
        params += [
            click.Option(
                ["--key"],
                type=click.Choice(["external_id", "id"]),
                help="A row whose key is in the book updates that customer (re-runs never"
                " duplicate).",
            ),
            click.Option(
                ["--on-duplicate"],
                type=click.Choice(["skip", "report", "fail"]),
                default="report",
                show_default=True,
                help="A row whose phone or id number is another customer's: leave it out,"
                " import and list it, or refuse it as a bad row.",
            ),
        ]
    return click.Command(
        "import",
        callback=run,
        params=params,
        help=help_text or f"Import {entity} records from a CSV, JSON Lines or .xlsx file.",
    )


def export_command(entity: str, *, reveal: bool = False, help_text: str = "") -> click.Command:
    """The ``export`` command for ``entity`` records; ``reveal`` adds --reveal (audited)."""

    def run(output: Path | None, fmt: str, **options: Any) -> None:
        from .._services.exports import export_records

        app = get_app()
        if fmt is None:
            fmt = _format_of_output(output)
        count = export_records(app, entity, output, fmt, **options)
        if output is not None:
            click.echo(f"exported {count} {entity} records to {output}", err=True)

    params: list[click.Parameter] = [
        click.Option(
            ["--format", "fmt"],
            type=click.Choice(["csv", "jsonl", "xlsx"]),
            help="File format [default: from --output's suffix, else csv].",
        ),
        click.Option(
            ["--output", "-o"], type=_PATH, metavar="FILE", help="Write here [default: stdout]."
        ),
    ]
    if reveal:
        params.append(
            click.Option(
                ["--reveal"],
                is_flag=True,
                help="Personal data in full instead of masked (audited); needed to re-import.",
            )
        )
    return click.Command(
        "export",
        callback=run,
        params=params,
        help=help_text or f"Export the {entity} records you may see (re-importable).",
    )


def _format_of_output(output: Path | None) -> str:
    if output is None:
        return "csv"
    from .._io.sources import format_of

    try:
        return format_of(output)
    except Exception:
        return "csv"
