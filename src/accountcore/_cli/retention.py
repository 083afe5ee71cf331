"""`accountcore retention risks`."""

from __future__ import annotations

from typing import Any

import click

from .options import COUNT, SCORE, format_option, get_app
from .render import render_list

COLUMNS = ("customer", "manager", "score", "why")


@click.group()
def retention() -> None:
    """Retention early warning: customers about to leave, and why."""


def _row(data: dict[str, Any], fmt: str) -> dict[str, Any]:
    # A table gives the reasons as one readable column; json and csv keep their structure.
    if fmt == "table":
        data["why"] = "; ".join(reason["text"] for reason in data["reasons"])
    return data


@retention.command("risks")
@click.option(
    "--min-score",
    type=SCORE,
    default=0.0,
    show_default=True,
    help="Only customers scoring this or more (0 to 1).",
)
@click.option("--manager", metavar="ID", help="Only this manager's customers (within your scope).")
@click.option("--limit", type=COUNT, help="Only the N most at risk.")
@format_option
def risks(min_score: float, manager: str | None, limit: int | None, fmt: str) -> None:
    """List the customers most at risk of leaving, highest score first, with the reasons."""
    from .._services.retention import rank_risks

    app = get_app()
    ranked = rank_risks(app, min_score=min_score, manager=manager, limit=limit)
    render_list((_row(app.converter.unstructure(s), fmt) for s in ranked), fmt, COLUMNS)
