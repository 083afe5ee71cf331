"""`accountcore plugins list`."""

from __future__ import annotations

import click

from .options import format_option, get_app
from .render import render_list

COLUMNS = ("name", "distribution", "version", "status", "hooks", "problems")


@click.group()
def plugins() -> None:
    """The installed plugins."""


@plugins.command("list")
@format_option
def list_(fmt: str) -> None:
    """List every plugin seen: loaded, failed (with why) or disabled."""
    from ..services.plugins import describe_plugins

    app = get_app()
    reports = describe_plugins(app)
    render_list((app.converter.unstructure(r) for r in reports), fmt, COLUMNS)
