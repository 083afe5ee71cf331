"""A plugin's figure in the month report, in terms the book answers without loading customers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from attrs import field, frozen

from ._selection import CustomerSelection

__all__ = ["ReportFigure"]


def _dates(values: Mapping[str, dt.date]) -> dict[str, dt.date]:
    return dict(values)


def _profile_needed(instance: ReportFigure, attribute: Any, value: Any) -> None:
    if value and instance.selection.profile is None:
        raise ValueError(
            f"{instance.name}: sum_of, by and missing_or_before name profile fields:"
            " give the selection a profile"
        )


@frozen
class ReportFigure:
    """One figure a plugin adds to the month report, counted by the book per manager.

    The figure is the number of living (not churned) customers in
    ``selection``, or with ``sum_of`` the sum of that numeric field of
    ``selection.profile`` over them. ``by`` breaks it down by the values of a
    profile field (a risk level, a plan); ``missing_or_before`` keeps the
    customers whose date fields are missing or before the date given (a
    review that lapsed). ``label`` and ``unit`` are what the page shows
    (``unit`` "customers", "yuan"...). ``plugin`` is filled in by the core.
    """

    name: str
    label: str
    unit: str
    selection: CustomerSelection
    sum_of: str | None = field(default=None, validator=_profile_needed)
    by: str | None = field(default=None, validator=_profile_needed)
    missing_or_before: dict[str, dt.date] = field(
        factory=dict, converter=_dates, hash=False, validator=_profile_needed
    )
    plugin: str | None = None
