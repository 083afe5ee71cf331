"""Visits in SQL: planned and done, per manager and month, and the overdue list."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..._model import OverdueVisit, Tier, Visit
from ..base import VisitCounts, VisitFilter
from .base import SqlBase

__all__ = ["VisitTable"]

_COLUMNS = (
    "id",
    "customer",
    "manager",
    "on",
    "channel",
    "purpose",
    "status",
    "outcome",
    "next_step",
    "next_on",
    "on_behalf_of",
    "agenda",
    "follows",
)
_QUOTED = ", ".join(f'"{c}"' for c in _COLUMNS)
_SELECT = f"SELECT seq, {_QUOTED} FROM visits"
_INSERT = f"INSERT INTO visits (seq, {_QUOTED}) VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})"
_LAST_DONE = """(SELECT MAX(v."on") FROM visits v WHERE v.customer = c.id AND v.status = 'done')"""
# The shortest interval wins: a plugin's answer when no longer than the tier's (it names it).
_SHORTER = "CASE WHEN days <= tier_days THEN"
_temp_tables = itertools.count(1)
_TIERS = {tier.value: tier for tier in Tier}


class VisitTable(SqlBase):
    """The ``visits`` table."""

    def _visit_row(self, visit: Visit) -> list[Any]:
        data = self._conv.unstructure(visit)
        return [int(visit.id.rsplit("-", 1)[1]), *(data[c] for c in _COLUMNS)]

    def _visit(self, row: Any) -> Visit:
        data = {c: v for c, v in zip(_COLUMNS, row[1:], strict=True) if v is not None}
        return self._conv.structure(data, Visit)

    def add_visit(self, visit: Visit) -> None:
        """Store a new visit (its id is ``v-N``)."""
        self.add_visits([visit])

    def add_visits(self, visits: list[Visit]) -> None:
        """Store many new visits at once."""
        self._db.cursor().executemany(self._sql(_INSERT), [self._visit_row(v) for v in visits])

    def update_visit(self, visit: Visit) -> None:
        """Replace the stored visit with the same id."""
        row = self._visit_row(visit)
        assignments = ", ".join(f'"{c}" = ?' for c in _COLUMNS[1:])
        self._execute(f"UPDATE visits SET {assignments} WHERE id = ?", [*row[2:], row[1]])

    def get_visit(self, visit_id: str) -> Visit | None:
        """The visit with this id, or None."""
        row = self._execute(_SELECT + " WHERE id = ?", (visit_id,)).fetchone()
        return self._visit(row) if row else None

    def _visit_where(self, where: VisitFilter) -> tuple[list[str], list[Any]]:
        clauses, params = ["1 = 1"], []
        if where.customer is not None:
            clauses.append("customer = ?")
            params.append(where.customer)
        if where.managers is not None:
            names = sorted(where.managers) or [""]
            clauses.append(f"manager IN ({', '.join('?' * len(names))})")
            params.extend(names)
        if where.customer_managers is not None:
            names = sorted(where.customer_managers) or [""]
            clauses.append(
                "customer IN (SELECT id FROM customers"
                f" WHERE manager IN ({', '.join('?' * len(names))}))"
            )
            params.extend(names)
        if where.status is not None:
            clauses.append("status = ?")
            params.append(where.status)
        if where.start is not None:
            clauses.append('"on" >= ?')
            params.append(where.start.isoformat())
        if where.end is not None:
            clauses.append('"on" <= ?')
            params.append(where.end.isoformat())
        return clauses, params

    def visits_of(self, customer_id: str) -> list[Visit]:
        """The customer's visits, planned and done, by date."""
        return list(self.iter_visits(VisitFilter(customer=customer_id)))

    def iter_visits(
        self, where: VisitFilter | None = None, batch_size: int = 1000
    ) -> Iterator[Visit]:
        """Visits by date, then id, a batch at a time (keyset pagination on date and ``seq``)."""
        clauses, params = self._visit_where(where or VisitFilter())
        condition = " AND ".join(clauses)
        after: tuple[str, int] | None = None
        while True:
            keyset, more = "", []
            if after is not None:
                keyset = ' AND ("on" > ? OR ("on" = ? AND seq > ?))'
                more = [after[0], after[0], after[1]]
            rows = self._execute(
                f'{_SELECT} WHERE {condition}{keyset} ORDER BY "on", seq LIMIT ?',
                [*params, *more, batch_size],
            ).fetchall()
            for row in rows:
                yield self._visit(row)
            if len(rows) < batch_size:
                return
            after = (rows[-1][4], rows[-1][0])

    def visit_counts(
        self, start: dt.date, end: dt.date, managers: frozenset[str] | None = None
    ) -> list[VisitCounts]:
        """Per manager, the visits from ``start`` to ``end``: made, planned, and their quality."""
        signed, visited = self._day("a.signed_on"), self._day('v."on"')
        followed = (
            "EXISTS (SELECT 1 FROM agreements a WHERE a.customer = v.customer"
            f' AND a.signed_on >= v."on" AND {signed} <= {visited} + 30)'
        )
        sql = (
            "SELECT v.manager,"
            " SUM(CASE WHEN v.status = 'done' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN v.status = 'planned' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN v.status = 'done' AND v.purpose = 'development' THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN v.status = 'done' AND {followed} THEN 1 ELSE 0 END)"
            ' FROM visits v WHERE v."on" >= ? AND v."on" <= ?'
        )
        params: list[Any] = [start.isoformat(), end.isoformat()]
        if managers is not None:
            names = sorted(managers) or [""]
            sql += f" AND v.manager IN ({', '.join('?' * len(names))})"
            params.extend(names)
        rows = self._execute(sql + " GROUP BY v.manager ORDER BY v.manager", params)
        return [VisitCounts(row[0], *(int(n) for n in row[1:])) for row in rows.fetchall()]

    def iter_overdue(
        self,
        *,
        today: dt.date,
        tier_days: Mapping[str, int],
        intervals: Iterable[tuple[str, int, str]] = (),
        managers: frozenset[str] | None = None,
    ) -> Iterator[OverdueVisit]:
        """Customers whose return visit is overdue on ``today``, most overdue first.

        The plugins' intervals go to a temporary table the one ordering query
        joins, so the order, the filter and the interval by tier are the
        database's work and only the overdue rows reach Python. A plugin's
        interval holds where it is no longer than the tier's (policy: the plugin).
        """
        table = f"visit_intervals_{next(_temp_tables)}"
        self._execute(
            f"CREATE TEMP TABLE {table}"
            " (seq BIGINT PRIMARY KEY, days INTEGER NOT NULL, plugin TEXT NOT NULL)"
        )
        try:
            insert = self._sql(f"INSERT INTO {table} (seq, days, plugin) VALUES (?, ?, ?)")
            answers = ((int(c.rsplit("-", 1)[1]), d, p) for c, d, p in intervals)
            while chunk := list(itertools.islice(answers, 1000)):
                with self._scratch():
                    self._db.cursor().executemany(insert, chunk)
            sql, params = self._overdue_query(table, today, tier_days, managers)
            day0 = today.toordinal()
            for id_, name, manager, tier, last_on, days, policy, due in self._stream(sql, params):
                yield OverdueVisit(
                    customer=id_,
                    name=name,
                    manager=manager,
                    tier=_TIERS[tier],
                    last_visit=None if last_on is None else dt.date.fromisoformat(last_on),
                    interval=days,
                    policy=policy,
                    due=None if due is None else dt.date.fromordinal(due),
                    days_overdue=None if due is None else day0 - due,
                )
        finally:
            self._execute(f"DROP TABLE {table}")

    def _overdue_query(
        self,
        table: str,
        today: dt.date,
        tier_days: Mapping[str, int],
        managers: frozenset[str] | None,
    ) -> tuple[str, list[Any]]:
        by_tier = " ".join("WHEN ? THEN ?" for _ in tier_days)
        params: list[Any] = [value for pair in sorted(tier_days.items()) for value in pair]
        scope = ""
        if managers is not None:
            names = sorted(managers) or [""]
            scope = f" AND c.manager IN ({', '.join('?' * len(names))})"
            params.extend(names)
        start = "COALESCE(last_on, created_on)"
        sql = (
            "SELECT id, name, manager, tier, last_on, days, policy, due FROM ("
            f" SELECT seq, id, name, manager, tier, last_on, days, policy,"
            f" {self._day(start)} + days AS due FROM ("
            "  SELECT seq, id, name, manager, tier, last_on, created_on,"
            f"  {_SHORTER} days ELSE tier_days END AS days,"
            f"  {_SHORTER} plugin ELSE 'core' END AS policy FROM ("
            f"   SELECT c.seq, c.id, c.name, c.manager, c.tier, {_LAST_DONE} AS last_on,"
            f"   c.created_on, CASE c.tier {by_tier} END AS tier_days, t.days, t.plugin"
            f"   FROM customers c LEFT JOIN {table} t ON t.seq = c.seq"
            f"   WHERE c.status <> 'churned'{scope}"
            "  ) AS answered"
            " ) AS known"
            ") AS ranked WHERE due IS NULL OR due < ? ORDER BY due NULLS FIRST, seq"
        )
        return sql, [*params, today.toordinal()]
