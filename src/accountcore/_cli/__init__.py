"""The ``accountcore`` command: global options, lazily loaded commands, errors as exit codes.

A command's module is imported only when that command runs; ``--help``
imports no plugin code beyond what ``register_commands`` needs.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
import sqlite3
import sys
from collections.abc import Sequence
from typing import Any

import click

from .. import __version__
from .options import DATE

__all__ = ["cli", "main"]

# Core commands: name -> ("module:attribute", short help). A command's module is
# imported when it runs; --help shows the short help without importing it.
COMMANDS = {
    "init": ("accountcore._cli.book:init", "Create the book (or bring its schema up to date)."),
    "demo": ("accountcore._cli.demo:demo", "Build a sample book with the three industries."),
    "book": (
        "accountcore._cli.book:book",
        "The book itself: copy it whole between SQLite and PostgreSQL.",
    ),
    "manager": ("accountcore._cli.managers:manager", "Account managers and supervisors."),
    "customer": ("accountcore._cli.customers:customer", "Customer files."),
    "product": (
        "accountcore._cli.products:product",
        "The product catalogue of the loaded plugins.",
    ),
    "plugins": (
        "accountcore._cli.plugins:plugins",
        "The installed plugins: list, check, new, disable, enable.",
    ),
    "config": ("accountcore._cli.config:config", "Plugin settings on this book."),
    "responsibility": (
        "accountcore._cli.delegations:responsibility",
        "The duties of an account manager.",
    ),
    "visit": (
        "accountcore._cli.visits:visit",
        "Plan and log visits; overdue visits; monthly stats.",
    ),
    "delegate": ("accountcore._cli.delegations:delegate", "Hand a manager's duties to a deputy."),
    "delegation": ("accountcore._cli.delegations:delegation", "Delegations to deputies."),
    "audit": ("accountcore._cli.audit:audit", "The audit trail: every change and every reveal."),
    "agreement": ("accountcore._cli.agreements:agreement", "Service agreements: sign, list, end."),
    "compliance": ("accountcore._cli.compliance:compliance", "Re-check customers and agreements."),
    "agenda": (
        "accountcore._cli.agenda:agenda",
        "A manager's day in one list: what is due, overdue and escalated.",
    ),
    "care": ("accountcore._cli.care:care", "Care actions due, done and skipped."),
    "retention": ("accountcore._cli.retention:retention", "Customers at risk of leaving, and why."),
    "complaint": ("accountcore._cli.complaints:complaint", "Complaints and their replies."),
    "task": (
        "accountcore._cli.tasks:task",
        "Tasks: to-dos for oneself, one's team, or one's supervisor.",
    ),
    "report": (
        "accountcore._cli.report:report",
        "The month's figures per manager and team, as tables, JSON or a page with charts.",
    ),
}


def _split_names(values: Any) -> tuple[str, ...]:
    names: list[str] = []
    for value in values or ():
        names.extend(part for part in re.split(r"[,\s]+", value) if part)
    return tuple(names)


# A command that collided with concurrent writers before committing anything runs
# again from the start, this many times in all, a little later each time.
RUNS_ON_CONFLICT = 4
CONFLICT_PAUSE_SECONDS = 0.05


class _RunAgain(Exception):
    """The command collided with another writer before committing: run it again."""


class AccountcoreGroup(click.Group):
    """The root group: core commands loaded lazily, plugin commands on demand."""

    _plugin_commands_loaded = False
    _runs_left = 1

    def _load_plugin_commands(self, ctx: click.Context) -> None:
        if self._plugin_commands_loaded:
            return
        self._plugin_commands_loaded = True
        app = ctx.obj if ctx.obj is not None else _app_from_params(ctx)
        app.hooks.register_commands(self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        # Plugin commands are not listed: finding them would import every plugin.
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS:
            module, _, attribute = COMMANDS[name][0].partition(":")
            return getattr(importlib.import_module(module), attribute)
        if name not in self.commands:
            self._load_plugin_commands(ctx)
        return self.commands.get(name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = {name: short for name, (_, short) in COMMANDS.items()}
        for name, command in self.commands.items():
            rows.setdefault(name, command.get_short_help_str(limit=formatter.width - 20))
        with formatter.section("Commands"):
            formatter.write_dl(sorted(rows.items()))
        formatter.write_paragraph()
        formatter.write_text(
            "Plugins may add commands of their own: `accountcore plugins list` names them."
        )

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run; in standalone mode a usage error is one line on stderr and exit code 2."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = self._run(args, prog_name, complete_var, extra)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else "accountcore"
            message = " ".join(exc.format_message().split())
            click.echo(f"error: {where}: {message} (see `{where} --help`)", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("aborted", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)

    def _run(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        extra: dict[str, Any],
    ) -> Any:
        """Run the command; again from the start after a conflict that committed nothing."""
        import time

        for run in range(RUNS_ON_CONFLICT):
            self._runs_left = RUNS_ON_CONFLICT - run - 1
            try:
                return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            except _RunAgain:
                time.sleep(CONFLICT_PAUSE_SECONDS * (run + 1))
        return None  # not reached: the last run reports the conflict

    def invoke(self, ctx: click.Context) -> Any:
        from .._errors import AccountcoreError, Conflict, Refused
        from .._text import escape_controls

        try:
            return super().invoke(ctx)
        except Conflict as exc:
            if exc.retryable and self._runs_left > 0:
                raise _RunAgain from exc
            click.echo(f"error: {exc} (tried {RUNS_ON_CONFLICT - self._runs_left} times)", err=True)
            ctx.exit(exc.exit_code)
        except AccountcoreError as exc:
            message = escape_controls(" ".join(str(exc).split("\n")))
            if isinstance(exc, Refused) and exc.rule:
                click.echo(f"refused by {exc.rule}: {message}", err=True)
            else:
                click.echo(f"error: {message}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as other tools do, and keep
            # the interpreter from complaining about the stdout it can no longer flush.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(1)
        except (sqlite3.Error, OSError) as exc:
            # The book or its folder failed under us (read-only, full, corrupted): every
            # write was inside a transaction that rolled back.
            click.echo(f"error: {_book_failure(ctx, exc)}", err=True)
            ctx.exit(2)
        except Exception as exc:
            if type(exc).__module__.split(".")[0] != "psycopg":
                raise
            click.echo(f"error: {_book_failure(ctx, exc)}", err=True)
            ctx.exit(2)


def _book_failure(ctx: click.Context, exc: BaseException) -> str:
    from .._text import escape_controls

    book = getattr(ctx.obj, "book", "the book")
    if "@" in book and "://" in book:
        from .._store.postgres import safe_url

        book = safe_url(book)
    what = " ".join(str(exc).split()) or type(exc).__name__
    return escape_controls(
        f"the book {book} could not be read or written ({what}); nothing was written:"
        " check that it and its folder are writable, the disk has room, and the file is a"
        " sound copy (restore it from a backup if not)"
    )


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def _build_app(
    book: str | None,
    actor: str | None,
    today: dt.date | None,
    disabled: tuple[str, ...],
    modules: tuple[str, ...],
    strict: bool,
) -> Any:
    from .._app import App, default_book, load_audit_key

    return App(
        book or default_book(),
        today=today or dt.date.today(),
        actor=actor,
        disabled=disabled,
        plugin_modules=modules,
        strict_plugins=strict,
        warn=_warn,
        audit_key=load_audit_key(),
    )


def _app_from_params(ctx: click.Context) -> Any:
    """An app for ``--help``, when the group's callback has not run yet."""
    params = ctx.params
    disabled = params.get("disabled") or _split_names(
        [os.environ.get("ACCOUNTCORE_DISABLE_PLUGINS", "")]
    )
    modules = params.get("modules") or _split_names([os.environ.get("ACCOUNTCORE_PLUGINS", "")])
    return _build_app(None, None, None, disabled, modules, False)


@click.group(cls=AccountcoreGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--book",
    envvar="ACCOUNTCORE_BOOK",
    metavar="PATH|URL",
    help="The book: an SQLite file or a postgresql:// URL [env ACCOUNTCORE_BOOK;"
    " default: book.db in the user's accountcore folder].",
)
@click.option(
    "--as",
    "actor",
    envvar="ACCOUNTCORE_USER",
    metavar="MANAGER",
    help="Act as this manager [env ACCOUNTCORE_USER; default: the book's administrator].",
)
@click.option(
    "--today",
    type=DATE,
    envvar="ACCOUNTCORE_TODAY",
    help="Run as if today were this date (YYYY-MM-DD), for planning and tests.",
)
@click.option(
    "--disable-plugin",
    "disabled",
    multiple=True,
    metavar="NAME",
    envvar="ACCOUNTCORE_DISABLE_PLUGINS",
    callback=lambda ctx, param, value: _split_names(value),
    help="Do not load this plugin (entry-point or distribution name); repeatable"
    " [env ACCOUNTCORE_DISABLE_PLUGINS, comma-separated].",
)
@click.option(
    "--plugin",
    "modules",
    multiple=True,
    metavar="MODULE",
    envvar="ACCOUNTCORE_PLUGINS",
    callback=lambda ctx, param, value: _split_names(value),
    help="Also load a plugin from a module name or .py file (for development); repeatable.",
)
@click.option(
    "--strict-plugins",
    is_flag=True,
    help="Fail when a plugin cannot be loaded, instead of skipping it.",
)
@click.version_option(version=__version__, message="accountcore %(version)s")
@click.pass_context
def cli(
    ctx: click.Context,
    book: str | None,
    actor: str | None,
    today: dt.date | None,
    disabled: tuple[str, ...],
    modules: tuple[str, ...],
    strict_plugins: bool,
) -> None:
    """accountcore: customers, agreements, visits, care and retention for account managers.

    Industry plugins (telecom, wealth, securities, your own) add products,
    profiles and rules. Start with `accountcore init`, then `manager add` and
    `customer add`.
    """
    if os.environ.get("ACCOUNTCORE_TRACE_PLUGINS") == "1":
        import logging

        logging.basicConfig(format="trace: %(message)s")
        logging.getLogger("accountcore._plugins.manager").setLevel(logging.DEBUG)
    app = _build_app(book, actor, today, disabled, modules, strict_plugins)
    ctx.obj = app
    ctx.call_on_close(app.close)


def main() -> None:
    """Run the CLI (the ``accountcore`` console script)."""
    import gc

    # Start-up builds hundreds of classes and functions that live as long as the process;
    # collecting the youngest objects every 700 allocations, as Python does by default,
    # walks them again and again and finds no garbage (about a tenth of a short command).
    gc.set_threshold(20_000, 20, 20)
    try:
        cli(prog_name="accountcore")
    finally:
        # At exit Python looks for garbage cycles among every object left, which the exit
        # frees anyway: a fifth of a short command. Frozen, they are not walked again.
        gc.freeze()
