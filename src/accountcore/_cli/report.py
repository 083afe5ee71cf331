"""`accountcore report`: the supervisor's month as tables, JSON, or a page with charts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .options import get_app
from .render import render_list

# The columns a table shows per concern (JSON and the page hold every figure).
COLUMNS = {
    "visits": ("made", "capacity", "target", "development", "followed_by_agreement", "missed"),
    "care": ("due", "done_on_time", "done_late", "skipped", "overdue", "open", "expired", "lapsed"),
    "tasks": ("due", "done_on_time", "done_late", "cancelled", "overdue", "open", "escalated"),
    "complaints": ("opened", "closed_in_time", "closed_late", "overdue", "open"),
    "customers": ("at_start", "new", "churned", "churn_rate"),
    "agreements": ("signed", "terminated"),
    "compliance": ("open",),
    "risks": ("at_risk", "high", "medium", "low"),
}


@click.command("report")
@click.option("--month", metavar="YYYY-MM", help="The month [default: this month].")
@click.option("--from", "start", metavar="YYYY-MM", help="First month of a range.")
@click.option("--to", "end", metavar="YYYY-MM", help="Last month of a range [default: this month].")
@click.option("--manager", metavar="ID", help="One manager of your scope.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--html",
    "html",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report as a self-contained page with charts to this file.",
)
def report(
    month: str | None,
    start: str | None,
    end: str | None,
    manager: str | None,
    fmt: str,
    html: Path | None,
) -> None:
    """Figures per manager, per team and for your scope: a supervisor's month.

    A supervisor sees his team, the administrator the whole book. Each
    figure's definition is in docs/report.md.
    """
    from .._services.report import build_report

    app = get_app()
    found = build_report(app, month=month, start=start, end=end, manager=manager)
    data = app.converter.unstructure(found)
    if html is not None:
        write_page(html, data)
        click.echo(f"report written to {html}")
        return
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    echo_tables(data)


def write_page(path: Path, data: dict[str, Any]) -> None:
    """Write the report (as plain data) as a page, whole or not at all (renamed into place)."""
    from .._html.report_page import report_page

    text = report_page(data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        message = f"cannot write {path}: {exc.strerror}"
        raise click.BadParameter(message, param_hint="--html") from None


def _rows(month: dict[str, Any], concern: str, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    rows = []
    for figures in [*month["managers"], *month["teams"], month["total"]]:
        counts = figures["figures"].get(concern)
        if counts is None:
            continue
        who = (
            figures["key"]
            if figures["kind"] == "manager"
            else f"{figures['kind']} {figures['key']}"
        )
        rows.append({"who": who, **{c: counts.get(c) for c in columns}})
    return rows


def echo_tables(data: dict[str, Any]) -> None:
    """Echo the report as a table per month and concern, and one per plugin figure."""
    click.echo(f"Report for {data['scope']}, as of {data['as_of']}")
    for month in data["months"]:
        for concern, columns in COLUMNS.items():
            rows = _rows(month, concern, columns)
            if rows:
                click.echo(f"\n{month['month']}  {concern}")
                render_list(rows, "table", ("who", *columns))
        for label in month["plugin_figures"]:
            rows = [
                {
                    "who": f["key"],
                    "value": f["figures"]["plugins"][label["plugin"]][label["name"]]["value"],
                }
                for f in [*month["managers"], *month["teams"], month["total"]]
                if "plugins" in f["figures"]
            ]
            click.echo(f"\n{month['month']}  {label['plugin']}: {label['label']} ({label['unit']})")
            render_list(rows, "table", ("who", "value"))
