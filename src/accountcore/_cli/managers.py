"""`accountcore manager add | list | show | update | deactivate | activate`."""

from __future__ import annotations

import click

from .._services import managers as service
from .options import format_option, get_app
from .render import render_value, render_values

COLUMNS = ("id", "name", "supervisor", "capacity", "target", "active")


@click.group()
def manager() -> None:
    """Account managers and supervisors."""


@manager.command("add")
@click.argument("manager_id", metavar="ID")
@click.option("--name", required=True, help="The manager's full name.")
@click.option("--supervisor", metavar="ID", help="The manager's supervisor.")
@click.option("--capacity", type=int, default=44, show_default=True, help="Visits a month at most.")
@click.option("--target", type=int, default=15, show_default=True, help="Visits a month aimed at.")
@click.option(
    "--login",
    metavar="ROLE",
    help="On a PostgreSQL book: the database role he connects as (created if missing and"
    " the administrator may); the server then shows that role his scope only.",
)
def add(
    manager_id: str,
    name: str,
    supervisor: str | None,
    capacity: int,
    target: int,
    login: str | None,
) -> None:
    """Add a manager with the firm's own ID (such as m1)."""
    app = get_app()
    added = service.add_manager(
        app,
        manager_id,
        name,
        supervisor=supervisor,
        capacity=capacity,
        target=target,
        login=login,
    )
    as_role = f", connecting as the role {login}" if login else ""
    click.echo(f"added manager {added.id} ({added.name}){as_role}")


@manager.command("list")
@format_option
def list_(fmt: str) -> None:
    """List the managers."""
    app = get_app()
    managers = service.list_managers(app)
    render_values(app.converter, managers, fmt, COLUMNS)


@manager.command("show")
@click.argument("manager_id", metavar="ID")
@format_option
def show(manager_id: str, fmt: str) -> None:
    """Show one manager."""
    app = get_app()
    render_value(app.converter, service.get_manager(app, manager_id), fmt)


@manager.command("update")
@click.argument("manager_id", metavar="ID")
@click.option("--name")
@click.option("--supervisor", metavar="ID")
@click.option("--capacity", type=int)
@click.option("--target", type=int)
@click.option("--active/--inactive", default=None, help="An inactive manager takes no new work.")
def update(manager_id: str, **options: object) -> None:
    """Change a manager."""
    changes = {key: value for key, value in options.items() if value is not None}
    updated = service.update_manager(get_app(), manager_id, changes)
    click.echo(f"updated manager {updated.id}")


@manager.command("deactivate")
@click.argument("manager_id", metavar="ID")
def deactivate(manager_id: str) -> None:
    """Deactivate a manager: he may read nothing and change nothing until activated."""
    service.set_active(get_app(), manager_id, False)
    click.echo(f"deactivated manager {manager_id}")


@manager.command("activate")
@click.argument("manager_id", metavar="ID")
def activate(manager_id: str) -> None:
    """Activate a manager again."""
    service.set_active(get_app(), manager_id, True)
    click.echo(f"activated manager {manager_id}")
