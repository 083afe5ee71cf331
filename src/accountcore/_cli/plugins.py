"""`accountcore plugins list | check | new | disable | enable`."""

from __future__ import annotations

from pathlib import Path

import click

from .options import format_option, get_app
from .render import render_values

COLUMNS = ("order", "name", "distribution", "version", "status", "hooks", "problems")


@click.group()
def plugins() -> None:
    """The installed plugins."""


@plugins.command("list")
@format_option
def list_(fmt: str) -> None:
    """List every plugin seen, in load order: loaded, failed (with why) or disabled."""
    from .._services.plugins import describe_plugins

    app = get_app()
    reports = describe_plugins(app)
    render_values(app.converter, reports, fmt, COLUMNS)


@plugins.command("check")
def check() -> None:
    """Check every installed plugin against the contract; exit 1 naming each problem.

    Unknown hooks, arguments a hook does not offer, hooks that raise, product
    codes that clash or do not start with their industry, profile and settings
    classes that cannot be stored and read back, pluggy options accountcore
    does not honour. Warns of a visit_policy that is never asked. Needs no book.
    """
    from .._services.plugin_check import check_plugins

    results = check_plugins(get_app())
    checked = [r for r in results if r.status != "disabled"]
    failing = [r for r in checked if not r.ok]
    for result in checked:
        for warning in result.warnings:
            click.echo(f"warning: plugin {result.name!r}: {warning}", err=True)
    for result in failing:
        origin = f" ({result.distribution} {result.version})" if result.distribution else ""
        for problem in result.problems:
            click.echo(f"plugin {result.name!r}{origin}: {problem}")
    disabled = [r.name for r in results if r.status == "disabled"]
    skipped = f"; disabled, not checked: {', '.join(disabled)}" if disabled else ""
    good = [r.name for r in checked if r.ok]
    summary = f"{len(good)} plugin{'' if len(good) == 1 else 's'} OK ({', '.join(good)}){skipped}"
    if failing:
        count = sum(len(r.problems) for r in failing)
        click.echo(summary)
        click.echo(
            f"error: {count} problem(s) in {len(failing)} plugin(s):"
            f" {', '.join(r.name for r in failing)}",
            err=True,
        )
        click.get_current_context().exit(1)
    click.echo(summary)


@plugins.command("new")
@click.argument("name")
@click.option(
    "--path",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to create (new or empty) [default: ./accountcore-NAME].",
)
def new(name: str, path: Path | None) -> None:
    """Scaffold an installable plugin NAME: hooks, profile, settings, products and tests."""
    from .._scaffold import create_plugin

    created = create_plugin(name, path or Path(f"accountcore-{name}"))
    click.echo(f"created the plugin {name!r} in {created.root}:")
    for file in created.files:
        click.echo(f"  {file.relative_to(created.root)}")
    click.echo(
        f"next: pip install -e {created.root}, then `accountcore plugins check`"
        f" and `pytest` in {created.root}"
    )


@plugins.command("disable")
@click.argument("name")
def disable(name: str) -> None:
    """Disable plugin NAME for every command on this book (it is not even imported)."""
    from .._services.plugins import disable_plugin

    names = disable_plugin(get_app(), name)
    click.echo(f"disabled {name} in the book; disabled plugins: {', '.join(names)}")


@plugins.command("enable")
@click.argument("name")
def enable(name: str) -> None:
    """Enable again plugin NAME, which the book's config disables."""
    from .._services.plugins import enable_plugin

    names = enable_plugin(get_app(), name)
    click.echo(f"enabled {name} in the book; disabled plugins: {', '.join(names) or 'none'}")
