"""The supervisor's month: figures per manager, per team and for the scope, month by month.

Each concern (visits, care, complaints, customers, agreements, compliance,
risks) counts its figures per manager with aggregate queries in the book;
teams and the scope add the managers' counts up, then each concern derives
its shares from the sums. Plugins add their own figures through the
``report_figures`` hook. Definitions: docs/report.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import frozen

from ..._app import App
from .agreements import AGREEMENTS
from .care import CARE
from .complaints import COMPLAINTS
from .compliance import COMPLIANCE
from .concern import Concern, Inputs
from .counts import Counts, added
from .customers import CUSTOMERS
from .period import Period, months
from .plugins import FigureLabel, labels
from .plugins import tally as plugin_tally
from .reach import reach_of
from .risks import RISKS
from .tasks import TASKS
from .visits import VISITS

__all__ = ["CONCERNS", "Figures", "MonthReport", "Report", "build_report"]

# One entry per concern, in the order the report shows them.
CONCERNS: tuple[Concern, ...] = (
    VISITS,
    CARE,
    COMPLAINTS,
    TASKS,
    CUSTOMERS,
    AGREEMENTS,
    COMPLIANCE,
    RISKS,
)
PLUGINS = "plugins"


@frozen
class Figures:
    """One manager's, one team's or the scope's figures for a month, by concern.

    ``kind`` is ``manager``, ``team`` (``key`` its supervisor) or ``scope``;
    ``team`` is a manager's supervisor; ``members`` the managers added up.
    """

    key: str
    name: str
    kind: str
    figures: dict[str, Counts]
    team: str | None = None
    members: tuple[str, ...] = ()


@frozen
class MonthReport:
    """The figures of one month, and the labels of the plugins' figures in it."""

    month: str
    first: dt.date
    last: dt.date
    managers: tuple[Figures, ...]
    teams: tuple[Figures, ...]
    total: Figures
    plugin_figures: tuple[FigureLabel, ...]


@frozen
class Report:
    """A report over one month or a range: whose (``scope``), as of which day, month by month."""

    scope: str
    as_of: dt.date
    months: tuple[MonthReport, ...]


def build_report(
    app: App,
    *,
    month: str | None = None,
    start: str | None = None,
    end: str | None = None,
    manager: str | None = None,
) -> Report:
    """The report for ``month`` (or ``start`` to ``end``) over the actor's scope.

    ``manager`` narrows it to one manager in scope. The book is read through
    aggregate queries only (the risks of the month under way aside).
    """
    periods = months(app.today, month, start, end)
    reach = reach_of(app, manager)
    everyone = app.actor is None and manager is None
    inputs = Inputs(app, reach, None if everyone else reach.ids)
    return Report(reach.label, app.today, tuple(_month(inputs, p) for p in periods))


def _month(inputs: Inputs, period: Period) -> MonthReport:
    per_manager: dict[str, dict[str, Counts]] = {m.id: {} for m in inputs.reach.managers}
    shown = list(CONCERNS)
    for concern in CONCERNS:
        counted = concern.tally(inputs, period)
        if not counted:
            shown.remove(concern)
        for manager_id, counts in counted.items():
            per_manager[manager_id][concern.name] = counts
    figures = inputs.app.hooks.report_figures(period.month)
    if figures:
        for manager_id, counts in plugin_tally(inputs, figures).items():
            per_manager[manager_id][PLUGINS] = counts
    managers = tuple(
        Figures(m.id, m.name, "manager", _derived(shown, per_manager[m.id]), team=m.supervisor)
        for m in inputs.reach.managers
    )
    teams = tuple(
        _sum(shown, per_manager, lead.id, lead.name, "team", members)
        for lead, members in inputs.reach.teams
    )
    total = _sum(shown, per_manager, "total", inputs.reach.label, "scope", inputs.reach.ids)
    return MonthReport(
        period.month, period.first, period.last, managers, teams, total, labels(figures)
    )


def _sum(
    shown: list[Concern],
    per_manager: dict[str, dict[str, Counts]],
    key: str,
    name: str,
    kind: str,
    members: frozenset[str],
) -> Figures:
    ids = sorted(members)
    sections = {PLUGINS} | {c.name for c in shown}
    summed = {
        section: added(per_manager[m][section] for m in ids if section in per_manager[m])
        for section in sections
        if any(section in per_manager[m] for m in ids)
    }
    return Figures(key, name, kind, _derived(shown, summed), members=tuple(ids))


def _derived(shown: list[Concern], counts: dict[str, Counts]) -> dict[str, Counts]:
    found: dict[str, Counts] = {}
    for concern in shown:
        if concern.name in counts:
            found[concern.name] = _rounded(concern.derive(counts[concern.name]))
    if PLUGINS in counts:
        found[PLUGINS] = _rounded(counts[PLUGINS])
    return found


def _rounded(counts: Any) -> Any:
    if isinstance(counts, dict):
        return {key: _rounded(value) for key, value in counts.items()}
    if isinstance(counts, float):
        return round(counts, 3)
    return counts
