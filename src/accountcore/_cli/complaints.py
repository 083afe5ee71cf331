"""`accountcore complaint open | list | show | resolve | reply`."""

from __future__ import annotations

import click

from .._model import Channel, ComplaintSeverity
from .names import render_named
from .options import format_option, get_app
from .render import render_value
from .transfer import export_command, import_command

COLUMNS = (
    "id",
    "customer",
    "customer_name",
    "severity",
    "status",
    "deadline",
    "summary",
)


@click.group()
def complaint() -> None:
    """Complaints: open, track, resolve, reply within the deadline."""


@complaint.command("open")
@click.argument("customer_id", metavar="CUSTOMER")
@click.option("--channel", required=True, help="How it came in: phone, letter, visit, regulator...")
@click.option(
    "--severity",
    type=click.Choice([s.value for s in ComplaintSeverity]),
    required=True,
    help="Sets the deadline to reply: high 1 day, medium 3, low 7.",
)
@click.option("--summary", required=True, help="What the customer complains about.")
def open_(customer_id: str, channel: str, severity: str, summary: str) -> None:
    """Open a complaint from CUSTOMER today; its id (cp-N) and deadline are printed."""
    from .._services.complaints import open_complaint

    opened = open_complaint(
        get_app(),
        customer_id,
        channel=channel,
        severity=ComplaintSeverity(severity),
        summary=summary,
    )
    click.echo(f"opened complaint {opened.id} for {opened.customer}: reply by {opened.deadline}")


@complaint.command("list")
@click.option("--open", "unreplied", is_flag=True, help="Only those not yet replied.")
@click.option("--overdue", is_flag=True, help="Only those past their deadline and not replied.")
@click.option("--customer", metavar="ID", help="Only this customer's complaints.")
@format_option
def list_(unreplied: bool, overdue: bool, customer: str | None, fmt: str) -> None:
    """List the complaints of the customers you handle, oldest first."""
    from .._services.complaints import list_complaints

    app = get_app()
    found = list_complaints(app, unreplied=unreplied, overdue=overdue, customer=customer)
    render_named(app, found, fmt, COLUMNS)


@complaint.command("show")
@click.argument("complaint_id", metavar="ID")
@format_option
def show(complaint_id: str, fmt: str) -> None:
    """Show one complaint."""
    from .._services.complaints import get_complaint

    app = get_app()
    render_value(app.converter, get_complaint(app, complaint_id), fmt)


@complaint.command("resolve")
@click.argument("complaint_id", metavar="ID")
@click.option("--resolution", required=True, help="How it was settled (refunded 128.00...).")
def resolve(complaint_id: str, resolution: str) -> None:
    """Record how a complaint was settled; reply to the customer next."""
    from .._services.complaints import resolve_complaint

    resolved = resolve_complaint(get_app(), complaint_id, resolution=resolution)
    click.echo(f"resolved complaint {resolved.id}: reply to the customer by {resolved.deadline}")


@complaint.command("reply")
@click.argument("complaint_id", metavar="ID")
@click.option(
    "--channel",
    type=click.Choice([c.value for c in Channel]),
    required=True,
    help="How the reply reaches the customer.",
)
@click.option("--text", required=True, help="The reply, with the result.")
def reply(complaint_id: str, channel: str, text: str) -> None:
    """Reply to the customer with the result of a resolved complaint; this closes it."""
    from .._services.complaints import reply_complaint

    replied = reply_complaint(get_app(), complaint_id, channel=Channel(channel), text=text)
    click.echo(f"replied to complaint {replied.id} by {replied.reply_channel}: closed")


_IMPORT_HELP = "Import complaints with their past dates from FILE; customers by id or external id."
complaint.add_command(import_command("complaint", help_text=_IMPORT_HELP))
complaint.add_command(export_command("complaint"))
