"""`accountcore compliance check`."""

from __future__ import annotations

from collections import Counter

import click

from .agreements import FINDING_COLUMNS, finding_lines
from .options import format_option, get_app
from .render import render_values


@click.group()
def compliance() -> None:
    """Compliance re-checks of customers and their live agreements."""


@compliance.command("check")
@click.option("--customer", "customer_id", metavar="ID", help="Check this customer.")
@click.option("--all", "everyone", is_flag=True, help="Check every customer you may see.")
@format_option
def check(customer_id: str | None, everyone: bool, fmt: str) -> None:
    """Re-run the plugins' customer and agreement checks and list what they find.

    Findings are information: the command exits 0 whatever it finds.
    """
    from .._services.compliance import check as run_checks

    app = get_app()
    findings = run_checks(app, customer_id=customer_id, everyone=everyone)
    if fmt != "table":
        render_values(app.converter, findings, fmt, FINDING_COLUMNS)
        return
    counts: Counter[str] = Counter()

    def counted():
        for finding in findings:
            counts[finding.severity.value] += 1
            yield finding

    for line in finding_lines(counted(), where=True):
        click.echo(line)
    total = sum(counts.values())
    detail = ", ".join(f"{counts[s]} {s}" for s in ("block", "warn", "info") if counts[s])
    click.echo(f"{total} finding{'' if total == 1 else 's'}" + (f" ({detail})" if detail else ""))
