"""Visits in SQL: planned and done, per manager and month, and the overdue list."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ... import _model
from ..._enums import Tier
from ..base import VisitCounts
from .base import Conditions, SqlBase, among
from .table import Table, seq_of

if TYPE_CHECKING:
    from ..._model import OverdueVisit, Visit
    from ..record_filters import VisitFilter

__all__ = ["VISITS", "VisitTable"]

VISITS: Table[Visit] = Table(
    "visits",
    "Visit",
    "visit",
    (
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
        "cancel_reason",
    ),
)
_ON = 1 + VISITS.columns.index("on")  # in a row with seq first
_LAST_DONE = """(SELECT MAX(v."on") FROM visits v WHERE v.customer = c.id AND v.status = 'done')"""
# The shortest interval wins: a plugin's answer when no longer than the tier's (it names it).
_SHORTER = "CASE WHEN days <= tier_days THEN"
_temp_tables = itertools.count(1)
_TIERS = {tier.value: tier for tier in Tier}


class VisitTable(SqlBase):
    """The ``visits`` table."""

    def add_visit(self, visit: Visit) -> None:
        """Store a new visit (its id is ``v-N``)."""
        self._add(VISITS, [visit])

    def add_visits(self, visits: list[Visit]) -> None:
        """Store many new visits at once."""
        self._add(VISITS, visits)

    def update_visit(self, visit: Visit) -> None:
        """Replace the stored visit with the same id."""
        self._replace(VISITS, visit)

    def visits_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Visit]]:
        """The visits of a batch of customers, by customer id, oldest first."""
        return self._by_customer(VISITS, customer_ids)

    def get_visit(self, visit_id: str) -> Visit | None:
        """The visit with this id, or None."""
        return self._get(VISITS, "id", visit_id)

    def _visit_where(self, where: VisitFilter) -> Conditions:
        conditions = self._conditions()
        conditions.equal("customer", where.customer)
        if where.managers is not None:
            conditions.among("manager", where.managers)
        if where.customer_managers is not None:
            theirs, names = among(self.mark, "manager", where.customer_managers)
            conditions.add(f"customer IN (SELECT id FROM customers WHERE {theirs})", names)
        conditions.equal("status", where.status)
        if where.start is not None:
            conditions.add(f'"on" >= {self.mark}', [where.start.isoformat()])
        if where.end is not None:
            conditions.add(f'"on" <= {self.mark}', [where.end.isoformat()])
        return conditions

    def visits_of(self, customer_id: str) -> list[Visit]:
        """The customer's visits, planned and done, by date."""
        from ..record_filters import VisitFilter

        return list(self.iter_visits(VisitFilter(customer=customer_id)))

    def iter_visits(
        self, where: VisitFilter | None = None, batch_size: int = 1000
    ) -> Iterator[Visit]:
        """Visits by date, then id, a batch at a time (keyset pagination on date and ``seq``)."""
        from ..record_filters import VisitFilter

        conditions = self._visit_where(where or VisitFilter())
        m, select = self.mark, f"{VISITS.select(with_seq=True)} WHERE {conditions.sql()}"
        if self._streams_whole():
            for row in self._stream(f'{select} ORDER BY "on", seq', conditions.params):
                yield VISITS.value(self._conv, row[1:], self.location)
            return
        first = f'{select} ORDER BY "on", seq LIMIT {m}'
        then = (
            f'{select} AND ("on" > {m} OR ("on" = {m} AND seq > {m})) ORDER BY "on", seq LIMIT {m}'
        )
        sql, more = first, list[Any]()
        while True:
            rows = self._execute(sql, [*conditions.params, *more, batch_size]).fetchall()
            for row in rows:
                yield VISITS.value(self._conv, row[1:], self.location)
            if len(rows) < batch_size:
                return
            sql, more = then, [rows[-1][_ON], rows[-1][_ON], rows[-1][0]]

    def visit_counts(
        self,
        start: dt.date,
        end: dt.date,
        today: dt.date,
        managers: frozenset[str] | None = None,
    ) -> list[VisitCounts]:
        """Per manager, the visits from ``start`` to ``end``: made, planned, missed, and quality.

        ``planned`` are planned for ``today`` or later, ``missed`` planned for a
        day before it; cancelled visits count nowhere.
        """
        m = self.mark
        signed, visited = self._day("a.signed_on"), self._day('v."on"')
        followed = (
            "EXISTS (SELECT 1 FROM agreements a WHERE a.customer = v.customer"
            f' AND a.signed_on >= v."on" AND {signed} <= {visited} + 30)'
        )
        sql = (
            "SELECT v.manager,"
            " SUM(CASE WHEN v.status = 'done' THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN v.status = 'planned' AND v.\"on\" >= {m} THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN v.status = 'planned' AND v.\"on\" < {m} THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN v.status = 'done' AND v.purpose = 'development' THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN v.status = 'done' AND {followed} THEN 1 ELSE 0 END)"
            f' FROM visits v WHERE v."on" >= {m} AND v."on" <= {m}'
        )
        day = today.isoformat()
        params: list[Any] = [day, day, start.isoformat(), end.isoformat()]
        if managers is not None:
            theirs, names = among(m, "v.manager", managers)
            sql += f" AND {theirs}"
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
        with self._reading() as db:
            db.execute(
                f"CREATE TEMP TABLE {table}"
                " (seq BIGINT PRIMARY KEY, days INTEGER NOT NULL, plugin TEXT NOT NULL)"
            )
            try:
                m = self.mark
                insert = f"INSERT INTO {table} (seq, days, plugin) VALUES ({m}, {m}, {m})"
                self._fill(db, insert, ((seq_of(c), d, p) for c, d, p in intervals))
                sql, params = self._overdue_query(table, today, tier_days, managers)
                day0 = today.toordinal()
                for row in self._rows(db, sql, params):
                    yield self._overdue(day0, *row)
            finally:
                db.execute(f"DROP TABLE {table}")

    @staticmethod
    def _overdue(
        day0: int,
        id_: str,
        name: str,
        manager: str,
        tier: str,
        last_on: str | None,
        days: int,
        policy: str,
        due: int | None,
    ) -> OverdueVisit:
        return _model.OverdueVisit(
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

    def _overdue_query(
        self,
        table: str,
        today: dt.date,
        tier_days: Mapping[str, int],
        managers: frozenset[str] | None,
    ) -> tuple[str, list[Any]]:
        m = self.mark
        by_tier = " ".join(f"WHEN {m} THEN {m}" for _ in tier_days)
        params: list[Any] = [value for pair in sorted(tier_days.items()) for value in pair]
        scope = ""
        if managers is not None:
            theirs, names = among(m, "c.manager", managers)
            scope = f" AND {theirs}"
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
            f"   WHERE c.status <> 'churned'{scope}{self._computed_once}"
            "  ) AS answered"
            " ) AS known"
            f") AS ranked WHERE due IS NULL OR due < {m} ORDER BY due NULLS FIRST, seq"
        )
        return sql, [*params, today.toordinal()]
