"""Option types and options shared by the commands."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

__all__ = ["COUNT", "DATE", "SCORE", "format_option", "get_app"]


class DateType(click.ParamType):
    """A date written YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.date:
        from .._convert import parse_date

        try:
            return parse_date(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateType()


class ScoreType(click.FloatRange):
    """A score between 0 and 1; NaN, which every range check lets through, is refused."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        number = super().convert(value, param, ctx)
        if number != number:
            self.fail(f"{value!r} is not a number between 0 and 1", param, ctx)
        return number


SCORE = ScoreType(0, 1)
# A count a person asks for (--limit): beyond a billion is a typing accident.
COUNT = click.IntRange(min=1, max=10**9)

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)


def get_app(ctx: click.Context | None = None) -> Any:
    """The App the root group built for this command."""
    ctx = ctx or click.get_current_context()
    return ctx.find_root().obj
