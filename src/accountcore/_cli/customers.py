"""`accountcore customer add | list | show | update`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from .._model import Channel, CustomerKind, CustomerStatus, Tier
from .options import DATE, format_option, get_app
from .render import render_list, render_one
from .transfer import export_command, import_command

COLUMNS = ("id", "name", "kind", "tier", "status", "manager", "phone", "birthday")
CHANNELS = click.Choice([c.value for c in Channel])


def _choice(enum: Any) -> click.Choice:
    return click.Choice([member.value for member in enum])


def _profile_values(assignments: tuple[str, ...]) -> list[tuple[str, str, str]]:
    from .._services.profiles import parse_assignment

    return [parse_assignment(text) for text in assignments]


def _contacts(values: tuple[str, ...], key_contact: str | None) -> list[dict[str, Any]] | None:
    from .._errors import BadInput

    if not values:
        return None
    contacts = []
    for text in values:
        parts = [part.strip() for part in text.split(";")]
        if not parts[0] or len(parts) > 3:
            raise BadInput(
                f"--contact {text!r}: expected NAME;ROLE;PHONE (role and phone optional)"
            )
        name, role, phone = [*parts, None, None][:3]
        contacts.append(
            {"name": name, "role": role or None, "phone": phone or None, "key": name == key_contact}
        )
    return contacts


def _fields(**options: Any) -> dict[str, Any]:
    """The options the user gave, as plain data for the service."""
    fields = {}
    for name, value in options.items():
        if value is None:
            continue
        fields[name] = value.isoformat() if isinstance(value, dt.date) else value
    return fields


_set_option = click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="PLUGIN.FIELD=VALUE",
    help="Set a profile field, such as telecom.msisdn=13800138000; repeatable.",
)


@click.group()
def customer() -> None:
    """Customer files."""


@customer.command("add")
@click.option("--name", required=True, help="Full name, or the company's name.")
@click.option("--kind", type=_choice(CustomerKind), required=True)
@click.option("--tier", type=_choice(Tier), required=True)
@click.option("--manager", required=True, metavar="ID", help="The manager he is under.")
@click.option("--status", type=_choice(CustomerStatus))
@click.option("--churned-on", type=DATE, help="The day a churned customer left (default: today).")
@click.option("--birthday", type=DATE)
@click.option("--phone")
@click.option("--email")
@click.option("--address")
@click.option("--id-number", help="Identity card or business licence number.")
@click.option("--external-id", help="The firm's own customer number (unique).")
@click.option("--refuse", multiple=True, type=CHANNELS, help="A channel he refused; repeatable.")
@click.option("--contact", multiple=True, metavar="NAME;ROLE;PHONE", help="Corporate contact.")
@click.option("--key-contact", metavar="NAME", help="Which contact is the key contact.")
@_set_option
def add(
    assignments: tuple[str, ...],
    manager: str,
    refuse: tuple[str, ...],
    contact: tuple[str, ...],
    key_contact: str | None,
    **options: Any,
) -> None:
    """Add a customer; his id (c-N) is printed."""
    from .._services.customers import add_customer

    app = get_app()
    fields = _fields(**options)
    if refuse:
        fields["consent"] = list(refuse)
    contacts = _contacts(contact, key_contact)
    if contacts is not None:
        fields["contacts"] = contacts
    added = add_customer(app, fields, manager=manager, profile_values=_profile_values(assignments))
    click.echo(f"added customer {added.id} ({added.name})")


@customer.command("list")
@click.option("--manager", metavar="ID", help="Only this manager's customers.")
@click.option("--tier", type=_choice(Tier))
@click.option("--status", type=_choice(CustomerStatus))
@click.option("--kind", type=_choice(CustomerKind))
@click.option("--profile", metavar="PLUGIN", help="Only customers with this plugin's profile.")
@format_option
def list_(manager: str | None, fmt: str, **filters: Any) -> None:
    """List the customers you may see."""
    from .._services.customers import iter_customer_records
    from .._store import CustomerFilter

    app = get_app()
    where = CustomerFilter(managers=frozenset({manager}) if manager else None, **filters)
    render_list(iter_customer_records(app, where), fmt, COLUMNS)


@customer.command("show")
@click.argument("customer_id", metavar="ID")
@click.option("--reveal", is_flag=True, help="Show phone, e-mail, id number in full (audited).")
@format_option
def show(customer_id: str, reveal: bool, fmt: str) -> None:
    """Show one customer's file."""
    from .._services.customers import show_customer

    app = get_app()
    render_one(show_customer(app, customer_id, reveal=reveal), fmt)


@customer.command("assign")
@click.argument("customer_id", metavar="ID")
@click.option("--manager", required=True, metavar="ID", help="The manager he goes under.")
@click.option("--reason", required=True, help="Why (territory change, workload...).")
def assign(customer_id: str, manager: str, reason: str) -> None:
    """Put a customer under another manager's name (supervisor or administrator)."""
    from .._services.customers import assign_customer

    moved = assign_customer(get_app(), customer_id, manager, reason=reason)
    click.echo(f"customer {moved.id} is now under {moved.manager}'s name")


@customer.command("update")
@click.argument("customer_id", metavar="ID")
@click.option("--name")
@click.option("--kind", type=_choice(CustomerKind))
@click.option("--tier", type=_choice(Tier))
@click.option("--status", type=_choice(CustomerStatus))
@click.option("--churned-on", type=DATE, help="The day a churned customer left (default: today).")
@click.option("--birthday", type=DATE)
@click.option("--phone", help="An empty value clears it.")
@click.option("--email", help="An empty value clears it.")
@click.option("--address", help="An empty value clears it.")
@click.option("--id-number")
@click.option("--external-id")
@click.option("--refuse", multiple=True, type=CHANNELS, help="A channel he now refuses.")
@click.option("--allow", multiple=True, type=CHANNELS, help="A channel he accepts again.")
@_set_option
@click.option("--unset", multiple=True, metavar="PLUGIN.FIELD", help="Clear a profile field.")
def update(
    customer_id: str,
    assignments: tuple[str, ...],
    unset: tuple[str, ...],
    refuse: tuple[str, ...],
    allow: tuple[str, ...],
    **options: Any,
) -> None:
    """Change a customer's file."""
    from .._services.customers import update_customer
    from .._services.profiles import parse_field

    app = get_app()
    updated = update_customer(
        app,
        customer_id,
        _fields(**options),
        profile_values=_profile_values(assignments),
        profile_unset=[parse_field(text) for text in unset],
        refuse=refuse,
        allow=allow,
    )
    click.echo(f"updated customer {updated.id}")


customer.add_command(
    import_command(
        "customer",
        keys=True,
        help_text="Import customers from FILE (.csv, .jsonl or .xlsx).\n\n"
        "Columns named as fields (name, kind, tier, manager, external_id, created_on..."
        " and PLUGIN.FIELD) need no mapping. One bad row and nothing is written, unless"
        " --skip-invalid.",
    )
)
customer.add_command(export_command("customer", reveal=True))
