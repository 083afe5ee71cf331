"""The month report's counts in SQL: every figure is a ``GROUP BY`` in the book.

Dates are ISO text, so a month is a range of strings; the audit trail's
``at`` is a timestamp, compared with the day after the period's last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .base import among
from .customers import CustomerTable

if TYPE_CHECKING:
    from ..._report_figure import ReportFigure
    from ..tallies import (
        AgreementTally,
        CareTally,
        ComplaintTally,
        CustomerTally,
        FindingTally,
        ProfileTally,
        TaskTally,
        VisitTally,
    )

__all__ = ["ReportQueries"]


def _managers(mark: str, column: str, managers: frozenset[str] | None) -> tuple[str, list[Any]]:
    """`` AND column IN (...)`` keeping ``managers`` (nothing for None: every manager)."""
    if managers is None:
        return "", []
    sql, names = among(mark, column, managers)
    return f" AND {sql}", names


class ReportQueries(CustomerTable):
    """Aggregate queries for the month report (see :mod:`accountcore._services.report`)."""

    # SQL the two databases write differently (the adapters say how) ---------

    def _json_text(self, expression: str, key: str) -> str:
        """SQL for the text of member ``key`` of the JSON object in ``expression``."""
        raise NotImplementedError

    def _json_elements(self, expression: str) -> str:
        """A FROM item ``f`` whose ``f.value`` is each element of the JSON array."""
        raise NotImplementedError

    def _profile_text(self, profile: str, name: str) -> tuple[str, list[Any]]:
        """SQL for a profile field's value as text, and its parameters."""
        raise NotImplementedError

    def _profile_number(self, profile: str, name: str) -> tuple[str, list[Any]]:
        """SQL for a profile field's value as a number, and its parameters."""
        raise NotImplementedError

    # Visits, care, complaints -------------------------------------------------

    def visit_tallies(
        self, start: dt.date, end: dt.date, today: dt.date, managers: frozenset[str] | None
    ) -> list[VisitTally]:
        """Visits from ``start`` to ``end`` per manager who made them, purpose and channel.

        ``made``: done; ``planned``: planned for today or later; ``missed``:
        planned for a day before ``today`` and never logged;
        ``followed_by_agreement``: done, and the customer signed an agreement
        within 30 days.
        """
        m = self.mark
        signed, visited = self._day("a.signed_on"), self._day('v."on"')
        followed = (
            "EXISTS (SELECT 1 FROM agreements a WHERE a.customer = v.customer"
            f' AND a.signed_on >= v."on" AND {signed} <= {visited} + 30)'
        )
        scope, names = _managers(m, "v.manager", managers)
        sql = (
            "SELECT v.manager, v.purpose, v.channel,"
            " SUM(CASE WHEN v.status = 'done' THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN v.status = 'planned' AND v.\"on\" >= {m} THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN v.status = 'planned' AND v.\"on\" < {m} THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN v.status = 'done' AND {followed} THEN 1 ELSE 0 END)"
            f' FROM visits v WHERE v."on" >= {m} AND v."on" <= {m}{scope}'
            " GROUP BY v.manager, v.purpose, v.channel"
        )
        day = today.isoformat()
        rows = self._execute(sql, [day, day, start.isoformat(), end.isoformat(), *names])
        from ..tallies import VisitTally  # the report's only

        return [VisitTally(r[0], r[1], r[2], *(int(n) for n in r[3:])) for r in rows.fetchall()]

    def care_tallies(
        self, start: dt.date, end: dt.date, today: dt.date, managers: frozenset[str] | None
    ) -> list[CareTally]:
        """Care actions due from ``start`` to ``end`` per customer's manager and outcome.

        Outcomes: ``done_on_time`` (closed on or before its due day),
        ``done_late``, ``skipped``, ``overdue`` (still due, due day before
        ``today``), ``open`` (still due, not yet late), and any other status
        as it is stored.
        """
        m = self.mark
        scope, names = _managers(m, "c.manager", managers)
        sql = (
            "SELECT c.manager, CASE"
            " WHEN a.status = 'done' AND COALESCE(a.closed_on, a.due) <= a.due THEN 'done_on_time'"
            " WHEN a.status = 'done' THEN 'done_late'"
            f" WHEN a.status = 'due' AND a.due < {m} THEN 'overdue'"
            " WHEN a.status = 'due' THEN 'open'"
            " ELSE a.status END AS outcome, COUNT(*)"
            " FROM care_actions a JOIN customers c ON c.id = a.customer"
            f" WHERE a.due >= {m} AND a.due <= {m}{scope} GROUP BY c.manager, outcome"
        )
        rows = self._execute(sql, [today.isoformat(), start.isoformat(), end.isoformat(), *names])
        from ..tallies import CareTally  # the report's only

        return [CareTally(r[0], r[1], int(r[2])) for r in rows.fetchall()]

    def task_tallies(
        self, start: dt.date, end: dt.date, today: dt.date, managers: frozenset[str] | None
    ) -> list[TaskTally]:
        """Tasks due from ``start`` to ``end`` (undated: created then) per assignee and outcome.

        Outcomes: ``done_on_time`` (done on or before its due day, or undated
        and done), ``done_late``, ``cancelled``, ``overdue`` (open, due day
        before ``today``), ``open``. ``escalated``: given by one of the
        assignee's direct reports.
        """
        m = self.mark
        scope, names = _managers(m, "t.assignee", managers)
        sql = (
            "SELECT t.assignee, CASE"
            " WHEN t.status = 'done' AND (t.due IS NULL OR t.done_on <= t.due) THEN 'done_on_time'"
            " WHEN t.status = 'done' THEN 'done_late'"
            " WHEN t.status = 'cancelled' THEN 'cancelled'"
            f" WHEN t.due < {m} THEN 'overdue'"
            " ELSE 'open' END AS outcome,"
            " CASE WHEN g.supervisor = t.assignee THEN 1 ELSE 0 END AS escalated, COUNT(*)"
            " FROM tasks t LEFT JOIN managers g ON g.id = t.created_by"
            f" WHERE COALESCE(t.due, t.created_on) >= {m}"
            f" AND COALESCE(t.due, t.created_on) <= {m}{scope}"
            " GROUP BY t.assignee, outcome, escalated"
        )
        rows = self._execute(sql, [today.isoformat(), start.isoformat(), end.isoformat(), *names])
        from ..tallies import TaskTally  # the report's only

        return [TaskTally(r[0], r[1], bool(r[2]), int(r[3])) for r in rows.fetchall()]

    def complaint_tallies(
        self, start: dt.date, end: dt.date, today: dt.date, managers: frozenset[str] | None
    ) -> list[ComplaintTally]:
        """Complaints opened from ``start`` to ``end`` per manager, severity and outcome.

        Outcomes: ``closed_in_time`` (replied on or before the deadline),
        ``closed_late``, ``overdue`` (not replied, deadline before ``today``),
        ``open`` (not replied, deadline not passed).
        """
        m = self.mark
        scope, names = _managers(m, "p.manager", managers)
        sql = (
            "SELECT p.manager, p.severity, CASE"
            " WHEN p.replied_on IS NOT NULL AND p.replied_on <= p.deadline THEN 'closed_in_time'"
            " WHEN p.replied_on IS NOT NULL THEN 'closed_late'"
            f" WHEN p.deadline < {m} THEN 'overdue'"
            " ELSE 'open' END AS outcome, COUNT(*)"
            f" FROM complaints p WHERE p.opened_on >= {m} AND p.opened_on <= {m}{scope}"
            " GROUP BY p.manager, p.severity, outcome"
        )
        rows = self._execute(sql, [today.isoformat(), start.isoformat(), end.isoformat(), *names])
        from ..tallies import ComplaintTally  # the report's only

        return [ComplaintTally(r[0], r[1], r[2], int(r[3])) for r in rows.fetchall()]

    # Customers and agreements ------------------------------------------------

    def _churn_event(self, comparison: str) -> str:
        after = self._json_text("e.after", "status")
        before = self._json_text("e.before", "status")
        return (
            "EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_id = c.id"
            f" AND e.action = 'customer.update' AND {after} = 'churned'"
            f" AND {before} <> 'churned' AND {comparison})"
        )

    def customer_tallies(
        self,
        start: dt.date,
        end: dt.date,
        industries: Sequence[str],
        managers: frozenset[str] | None,
    ) -> list[CustomerTally]:
        """Customers per manager, tier and industry: at ``start``, new and churned in the period.

        A customer's industry is the first of ``industries`` whose profile he
        has ('' for none). ``new``: created in the period. ``churned``: his
        file is churned and the audit trail shows the change to churned in the
        period. ``at_start``: created before ``start`` and not churned before it.
        """
        m = self.mark
        cases = " ".join(f"WHEN c.profiles LIKE {m} THEN {m}" for _ in industries)
        industry = f"CASE {cases} ELSE '' END" if industries else "''"
        params: list[Any] = [v for name in industries for v in (f'%"{name}":%', name)]
        first, after = start.isoformat(), (end + dt.timedelta(days=1)).isoformat()
        before_start = f"(c.created_on IS NULL OR c.created_on < {m})"
        scope, names = _managers(m, "c.manager", managers)
        churned_since = self._churn_event(f"e.at >= {m}")
        churned_in = self._churn_event(f"e.at >= {m} AND e.at < {m}")
        sql = (
            f"SELECT c.manager, c.tier, {industry} AS industry,"
            f" SUM(CASE WHEN {before_start} AND NOT (c.status = 'churned'"
            f" AND NOT {churned_since}) THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN c.created_on >= {m} AND c.created_on <= {m} THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN c.status = 'churned' AND {churned_in} THEN 1 ELSE 0 END)"
            f" FROM customers c WHERE 1 = 1{scope} GROUP BY c.manager, c.tier, industry"
        )
        params += [first, first, first, end.isoformat(), first, after, *names]
        rows = self._execute(sql, params)
        from ..tallies import CustomerTally  # the report's only

        return [CustomerTally(r[0], r[1], r[2], *(int(n) for n in r[3:])) for r in rows.fetchall()]

    def agreement_tallies(
        self, start: dt.date, end: dt.date, managers: frozenset[str] | None
    ) -> list[AgreementTally]:
        """Agreements per signing manager and product: signed and terminated in the period."""
        m = self.mark
        first, last = start.isoformat(), end.isoformat()
        scope, names = _managers(m, "a.manager", managers)
        sql = (
            "SELECT a.manager, a.product,"
            f" SUM(CASE WHEN a.signed_on >= {m} AND a.signed_on <= {m} THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN a.terminated_on >= {m} AND a.terminated_on <= {m} THEN 1 ELSE 0 END)"
            f" FROM agreements a WHERE ((a.signed_on >= {m} AND a.signed_on <= {m})"
            f" OR (a.terminated_on >= {m} AND a.terminated_on <= {m})){scope}"
            " GROUP BY a.manager, a.product"
        )
        rows = self._execute(sql, [first, last] * 4 + names)
        from ..tallies import AgreementTally  # the report's only

        return [AgreementTally(r[0], r[1], int(r[2]), int(r[3])) for r in rows.fetchall()]

    def finding_tallies(self, day: dt.date, managers: frozenset[str] | None) -> list[FindingTally]:
        """Findings recorded at signing on agreements in force on ``day``, by rule and severity."""
        m = self.mark
        rule = self._json_text("f.value", "rule")
        severity = self._json_text("f.value", "severity")
        scope, names = _managers(m, "a.manager", managers)
        sql = (
            f"SELECT a.manager, {rule}, {severity}, COUNT(*)"
            f" FROM agreements a, {self._json_elements('a.findings')}"
            f" WHERE a.status IN ('signed', 'active') AND (a.\"end\" IS NULL OR a.\"end\" >= {m})"
            f"{scope} GROUP BY a.manager, {rule}, {severity}"
        )
        rows = self._execute(sql, [day.isoformat(), *names])
        from ..tallies import FindingTally  # the report's only

        return [FindingTally(r[0], r[1], r[2], int(r[3])) for r in rows.fetchall()]

    # Plugins' figures ----------------------------------------------------------

    def profile_tallies(
        self, figure: ReportFigure, managers: frozenset[str] | None
    ) -> list[ProfileTally]:
        """A plugin figure per manager (and ``by`` value): living customers counted or summed."""
        m = self.mark
        profile = figure.selection.profile or ""
        params: list[Any] = []
        by = "''"
        if figure.by is not None:
            by, more = self._profile_text(profile, figure.by)
            params.extend(more)
        value = "COUNT(*)"
        if figure.sum_of is not None:
            number, more = self._profile_number(profile, figure.sum_of)
            value = f"SUM({number})"
            params.extend(more)
        chosen, more = self._selection(figure.selection)
        params.extend(more)
        clauses = [chosen]
        for name, bound in sorted(figure.missing_or_before.items()):
            text, more = self._profile_text(profile, name)
            clauses.append(f"({text} IS NULL OR {text} < {m})")
            params.extend([*more, *more, bound.isoformat()])
        scope, names = _managers(m, "manager", managers)
        sql = (
            f"SELECT manager, {by} AS by_value, {value} FROM customers"
            f" WHERE status <> 'churned' AND {' AND '.join(clauses)}{scope}"
            " GROUP BY manager, by_value"
        )
        rows = self._execute(sql, [*params, *names])
        from ..tallies import ProfileTally  # the report's only

        return [
            ProfileTally(r[0], "" if r[1] is None else str(r[1]), float(r[2] or 0))
            for r in rows.fetchall()
        ]
