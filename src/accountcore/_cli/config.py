"""`accountcore config show | set | unset`: plugin settings on this book."""

from __future__ import annotations

from typing import Any

import click

from .options import format_option, get_app
from .render import render_values

COLUMNS = ("key", "value", "default", "overridden", "note")


@click.group()
def config() -> None:
    """Plugin settings on this book (PLUGIN.FIELD)."""


@config.command("show")
@click.argument("plugin", required=False)
@format_option
def show(plugin: str | None, fmt: str) -> None:
    """Show every plugin's settings (or PLUGIN's): value, default, whether overridden."""
    from .._services.config import list_settings

    app = get_app()
    settings = list_settings(app, plugin)
    render_values(app.converter, settings, fmt, COLUMNS)


@config.command("set")
@click.argument("key", metavar="PLUGIN.FIELD")
@click.argument("value")
def set_(key: str, value: str) -> None:
    """Override a setting on this book, such as telecom.max_lines_per_id 6."""
    from .._services.config import set_setting

    setting = set_setting(get_app(), key, value)
    click.echo(f"set {setting.key} = {_text(setting.value)} (default {_text(setting.default)})")


@config.command("unset")
@click.argument("key", metavar="PLUGIN.FIELD")
def unset(key: str) -> None:
    """Remove the book's override of a setting: its default applies again."""
    from .._services.config import unset_setting

    removed = unset_setting(get_app(), key)
    click.echo(f"unset {key}" if removed else f"{key} was not overridden: nothing to unset")


def _text(value: Any) -> str:
    """A setting's plain value as a person reads it: a list as comma-separated items."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "none"
    return str(value)
