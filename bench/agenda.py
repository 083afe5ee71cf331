"""`agenda` for one manager against the SQL queries that list the same stored items.

    python bench/agenda.py [--customers 100000] [--runs 5]
    python bench/agenda.py --customers 1000000            # the issue's size

On a generated book (bench/generate.py, seed 1) whose daily batch has run
over the whole book (`care run`, as a bank's nightly job would):

- agenda: ``services.agenda.agenda_of`` for the manager with the most
  customers, the three plugins loaded (it reads the risks the batch stored,
  asks the plugins for findings and works out overdue visits, which SQL
  alone cannot);
- baseline: the raw sqlite3 queries that list the items the book stores for
  him (care actions due, complaints waiting for a reply, visits planned and
  missed, open tasks), summed. The agenda's items of those kinds are checked
  to be the same records as the queries';
- look ahead: the same agenda for 7 days, against today's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from figures import Figure, print_figures
from generate import REFERENCE_DATE, generate_book

from accountcore._app import App

__all__ = ["bench_agenda", "run"]

_STORED = {
    "care": """SELECT a.id FROM care_actions a JOIN customers c ON c.id = a.customer
               WHERE c.manager = :m AND a.status = 'due' AND a.due <= :today""",
    "complaint": """SELECT id FROM complaints
                    WHERE manager = :m AND status IN ('open', 'resolved')""",
    "visit-planned": """SELECT v.id FROM visits v JOIN customers c ON c.id = v.customer
                        WHERE c.manager = :m AND v.status = 'planned' AND v."on" = :today""",
    "visit-missed": """SELECT v.id FROM visits v JOIN customers c ON c.id = v.customer
                       WHERE c.manager = :m AND v.status = 'planned' AND v."on" < :today""",
    "task": """SELECT id FROM tasks WHERE assignee = :m AND status = 'open'
               AND (due IS NULL OR due <= :today)""",
}


def _median(work: Callable[[], object], runs: int) -> tuple[float, object]:
    times, answer = [], None
    for _ in range(runs):
        started = time.perf_counter()
        answer = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), answer


def _busiest(book: Path) -> str:
    with sqlite3.connect(book) as con:
        sql = "SELECT manager FROM customers GROUP BY manager ORDER BY count(*) DESC LIMIT 1"
        return str(con.execute(sql).fetchone()[0])


def _baseline(book: Path, manager: str, today: dt.date) -> dict[str, set[str]]:
    con = sqlite3.connect(book)
    try:
        params = {"m": manager, "today": today.isoformat()}
        return {kind: {row[0] for row in con.execute(sql, params)} for kind, sql in _STORED.items()}
    finally:
        con.close()


def bench_agenda(book: Path, today: dt.date, runs: int) -> list[Figure]:
    """Time the agenda of the busiest manager against the SQL of its stored items."""
    manager = _busiest(book)
    from accountcore._services.daily import run_daily

    nightly = App(str(book), today=today)
    try:
        run_daily(nightly)
    finally:
        nightly.close()
    app = App(str(book), today=today, actor=manager)
    try:
        app.store.get_manager(manager)
        from accountcore._services.agenda import agenda_of

        agenda_of(app)  # the day's batch runs once, as the first agenda of the day would
        took, agenda = _median(lambda: agenda_of(app), runs)
        ahead, _ = _median(lambda: agenda_of(app, days=7), runs)
    finally:
        app.close()
    sql_took, expected = _median(lambda: _baseline(book, manager, today), runs)
    found: dict[str, set[str]] = {kind: set() for kind in _STORED}
    for item in agenda.items:  # type: ignore[attr-defined]
        if item.kind in found:
            found[item.kind].add(item.ref)
    if found != expected:
        sys.exit(f"the agenda and the SQL disagree: {found} against {expected}")
    stored = sum(len(ids) for ids in expected.values())  # type: ignore[union-attr]
    items = len(agenda.items)  # type: ignore[attr-defined]
    return [
        Figure(
            f"agenda of {manager} ({items} items, {stored} stored)",
            took,
            "s",
            "the SQL of the stored items",
            sql_took,
            "under 1 s, within 3x",
            took < 1.0 and took <= 3 * sql_took,
        ),
        Figure(
            "agenda --days 7", ahead, "s", "today's agenda", took, "within 2x", ahead <= 2 * took
        ),
    ]


def run(customers: int, runs: int) -> list[Figure]:
    """Generate a book of ``customers`` and measure; the figures."""
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "agenda.db"
        generate_book(book, customers, seed=1, quiet=True)
        return bench_agenda(book, REFERENCE_DATE, runs)


def main(argv: Sequence[str] | None = None) -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print_figures(run(args.customers, args.runs), f"agenda, {args.customers:,} customers")


if __name__ == "__main__":
    main()
