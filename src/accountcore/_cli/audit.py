"""`accountcore audit log | verify | head`."""

from __future__ import annotations

import click

from .options import format_option, get_app
from .render import render_list

COLUMNS = ("seq", "at", "today", "actor", "on_behalf_of", "action", "entity_id", "reason", "flag")


@click.group()
def audit() -> None:
    """The audit trail: every change and every reveal."""


@audit.command("log")
@click.option("--entity", metavar="ID", help="Only the events of this record (c-7, d-2, m1...).")
@format_option
def log(entity: str | None, fmt: str) -> None:
    """List audit events, oldest first; personal data masked, far-off claimed dates flagged."""
    from .._services.audit import audit_log

    app = get_app()
    conv = app.converter
    records = (
        {**conv.unstructure(item.event), "flag": item.flag}
        for item in audit_log(app, entity_id=entity)
    )
    render_list(records, fmt, COLUMNS)


@audit.command("head")
def head() -> None:
    """Print the last event as SEQ:HASH: publish it, check it later with `verify --expect`."""
    from .._services.audit import audit_head

    seq, digest = audit_head(get_app())
    click.echo(f"{seq}:{digest}")


@audit.command("verify")
@click.option(
    "--expect",
    metavar="SEQ:HASH",
    help="A head published earlier (`audit head`): fail when the trail no longer holds it.",
)
def verify(expect: str | None) -> None:
    """Check the chain, a published head, and every record against the trail; exit 1 naming
    what was altered."""
    from .._services.audit import parse_head
    from .._services.audit import verify as walk

    result = walk(get_app(), expect=None if expect is None else parse_head(expect))
    if not result.intact:
        for problem in result.problems:
            click.echo(f"audit trail altered: {problem}", err=True)
        raise SystemExit(1)
    seq, digest = result.head
    chain = (
        "keyed chain (HMAC)"
        if result.keyed
        else "unkeyed chain: an edit with the hashes recomputed would pass; set an audit key"
        " (see SECURITY.md)"
    )
    click.echo(f"audit trail intact: {result.events} events, head {seq}:{digest}; {chain}")
