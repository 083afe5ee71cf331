"""`accountcore agreement sign | list | show | terminate`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import click

from .._model import AgreementStatus
from .names import render_named
from .options import DATE, format_option, get_app
from .render import render_one, render_value, render_values
from .transfer import export_command, import_command

COLUMNS = (
    "id",
    "customer",
    "customer_name",
    "product",
    "status",
    "end",
    "amount",
)
FINDING_COLUMNS = (
    "customer",
    "agreement",
    "product",
    "rule",
    "severity",
    "overridable",
    "message",
    "source",
    "overridden_by",
    "override_reason",
)


def finding_lines(findings: Iterable[Any], *, where: bool = False) -> Iterator[str]:
    """One readable line per finding (messages are never cut, unlike table cells)."""
    for finding in findings:
        kind = finding.severity.value + (", overridable" if finding.overridable else "")
        if finding.overridden_by:
            kind = f"{finding.severity.value}, overridden"
        place = f"{finding.customer:<10} {finding.agreement or '-':<8} " if where else ""
        source = f" [{finding.source}]" if finding.source else ""
        override = (
            f" (overridden by {finding.overridden_by}: {finding.override_reason})"
            if finding.overridden_by
            else ""
        )
        yield f"{place}{finding.rule:<34} {kind:<19} {finding.message}{override}{source}"


def render_findings(app: Any, findings: Iterable[Any], fmt: str) -> None:
    """Findings as lines (table), a JSON list or CSV."""
    if fmt == "table":
        lines = list(finding_lines(findings))
        click.echo("\n".join(lines) if lines else "(no findings)")
        return
    render_values(app.converter, findings, fmt, FINDING_COLUMNS)


@click.group()
def agreement() -> None:
    """Service agreements: sign, list, show, terminate."""


@agreement.command("sign")
@click.argument("customer_id", metavar="CUSTOMER")
@click.argument("product_code", metavar="PRODUCT")
@click.option("--dry-run", is_flag=True, help="Run the checks and list the findings; sign nothing.")
@click.option(
    "--override",
    is_flag=True,
    help="Sign despite overridable blocking findings: the supervisor of the customer's"
    " manager or the administrator only; needs --reason.",
)
@click.option("--reason", help="Why the findings are overridden (kept in the audit trail).")
@click.option("--sealed", is_flag=True, help="The company's official seal is on it (corporate).")
@click.option("--amount", metavar="YUAN", help="The amount subscribed, such as 1000000.")
@click.option("--start", type=DATE, help="First day in force  [default: today]")
@click.option(
    "--end",
    type=DATE,
    help="Last day in force  [default: the end of the product's term; none for a"
    " product without one]",
)
@click.option(
    "--term",
    "terms",
    multiple=True,
    metavar="KEY=VALUE",
    help="A term, such as recording_id=REC-118 or identity_checked=true; repeatable.",
)
@format_option
def sign(
    customer_id: str,
    product_code: str,
    dry_run: bool,
    override: bool,
    reason: str | None,
    sealed: bool,
    amount: str | None,
    start: dt.date | None,
    end: dt.date | None,
    terms: tuple[str, ...],
    fmt: str,
) -> None:
    """Sign an agreement for PRODUCT with CUSTOMER, if every plugin's checks allow it.

    Blocking findings refuse the signing (exit 1) and are listed with their
    rule, message and source; warnings are shown with the signed agreement.
    """
    from .._errors import Blocked
    from .._services.agreements import parse_term, sign_agreement

    app = get_app()
    try:
        outcome = sign_agreement(
            app,
            customer_id,
            product_code,
            start=start,
            end=end,
            amount=amount,
            sealed=sealed,
            terms=[parse_term(text) for text in terms],
            override=override,
            reason=reason,
            dry_run=dry_run,
        )
    except Blocked as blocked:
        if fmt != "table":
            render_findings(app, blocked.findings, fmt)
        raise
    if dry_run:
        render_findings(app, outcome.findings, fmt)
        refusing = ", ".join(f.rule for f in outcome.refusing)
        verdict = f"would be refused by {refusing}" if refusing else "would sign"
        click.echo(f"dry run: {verdict}; nothing was written", err=True)
        return
    signed = outcome.agreement
    if fmt != "table":
        render_value(app.converter, signed, fmt)
        return
    until = f"to {signed.end}" if signed.end else "open-ended"
    click.echo(
        f"signed {signed.id}: {signed.product} for {signed.customer},"
        f" {signed.status.value} from {signed.start}, {until}"
    )
    if outcome.override:
        click.echo(
            f"overridden ({signed.override_reason}): " + ", ".join(f.rule for f in outcome.blocking)
        )
    for line in finding_lines(outcome.findings):
        click.echo(line)


@agreement.command("list")
@click.option("--customer", metavar="ID", help="Only this customer's agreements.")
@click.option(
    "--status",
    type=click.Choice([s.value for s in AgreementStatus]),
    help="Only agreements in this status today (past their end: expired).",
)
@click.option("--manager", metavar="ID", help="Only those of the customers under his name.")
@format_option
def list_(customer: str | None, status: str | None, manager: str | None, fmt: str) -> None:
    """List the agreements you may see, with their status today."""
    from .._services.agreements import iter_agreements

    app = get_app()
    found = iter_agreements(app, customer=customer, status=status, manager=manager)
    render_named(app, found, fmt, COLUMNS)


@agreement.command("show")
@click.argument("agreement_id", metavar="ID")
@format_option
def show(agreement_id: str, fmt: str) -> None:
    """Show one agreement, its terms and the findings it was signed with."""
    from .._services.agreements import get_agreement

    app = get_app()
    found = get_agreement(app, agreement_id)
    record = app.converter.unstructure(found)
    if fmt != "table":
        render_one(record, fmt)
        return
    render_one({key: value for key, value in record.items() if key != "findings"}, fmt)
    click.echo("findings when signed:")
    for line in finding_lines(found.findings) if found.findings else ["(none)"]:
        click.echo(f"  {line}")


@agreement.command("terminate")
@click.argument("agreement_id", metavar="ID")
@click.option("--reason", required=True, help="Why it ends (customer request, ...).")
def terminate(agreement_id: str, reason: str) -> None:
    """End a signed or active agreement today."""
    from .._services.agreements import terminate_agreement

    outcome = terminate_agreement(get_app(), agreement_id, reason=reason)
    ended = outcome.agreement
    click.echo(
        f"terminated {ended.id} ({ended.product} for {ended.customer}) on"
        f" {ended.terminated_on}: {ended.termination_reason}"
    )


_IMPORT_HELP = (
    "Import agreements signed in the old system from FILE.\n\n"
    "They keep their start, end and status; the plugins re-check them and "
    "their findings are reported, not blocking."
)
agreement.add_command(import_command("agreement", help_text=_IMPORT_HELP))
agreement.add_command(export_command("agreement"))
