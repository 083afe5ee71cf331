"""``retention risks`` reading what the day's batch stored, against the SQL that lists the rows.

    python bench/retention_read.py [--customers 100000] [--runs 5]

On a generated book (bench/generate.py, seed 1, 2026-11-23), after the
administrator's ``care run`` of the day:

- in this process: ``rank_risks`` for the administrator (all the stored risks
  scoring 0.5 or more, and the 10 highest), against one bare sqlite3 query
  listing the same rows (customer, score and reasons, highest first, living
  customers only); both must give the same customers and scores (the bar:
  within 2x);
- the command ``accountcore retention risks --limit 10 --format json``
  against ``accountcore customer show c-1 --format json`` (the bar: within 5x:
  the start-up and one indexed read, not a scoring of the book).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from figures import Figure, print_figures
from generate import REFERENCE_DATE, generate_book
from startup import console_script, time_commands

from accountcore._app import App
from accountcore._services.daily import run_daily
from accountcore._services.retention import rank_risks

__all__ = ["run"]

SQL_BAR = 2.0
SHOW_BAR = 5.0
MIN_SCORE = 0.5
BARE = (
    "SELECT s.customer, s.score, s.reasons FROM retention_scores s"
    " JOIN customers c ON c.id = s.customer"
    " WHERE c.status <> 'churned' AND s.score >= ? ORDER BY s.score DESC, s.position"
)


def _median(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def _bare(db: sqlite3.Connection, limit: int | None) -> list[tuple[str, float]]:
    sql = BARE + (" LIMIT ?" if limit else "")
    params: list[Any] = [round(MIN_SCORE * 10_000)] + ([limit] if limit else [])
    # The reasons are decoded too, as the read does.
    return [(c, s / 10_000) for c, s, r in db.execute(sql, params) if json.loads(r) is not None]


def _ours(app: App, limit: int | None) -> list[tuple[str, float]]:
    return [(s.customer, s.score) for s in rank_risks(app, min_score=MIN_SCORE, limit=limit)]


def run(workdir: Path, customers: int = 100_000, runs: int = 5) -> list[Figure]:
    """Generate a book, run the day's batch, and time the stored read."""
    book = workdir / f"retention-{customers}.db"
    generate_book(book, customers, seed=1, replace=True, quiet=True)
    app = App(str(book), today=REFERENCE_DATE)
    try:
        run_daily(app)
    finally:
        app.close()
    figures = []
    # Both sides with the book open: the command's start-up is the figure below.
    app, db = App(str(book), today=REFERENCE_DATE), sqlite3.connect(book)
    try:
        measured = [
            (
                limit,
                _median(runs, lambda n=limit: _ours(app, n)),
                _median(runs, lambda n=limit: _bare(db, n)),
            )
            for limit in (None, 10)
        ]
    finally:
        app.close()
        db.close()
    for limit, (ours_ms, ours), (bare_ms, bare) in measured:
        if ours != bare:
            raise SystemExit(f"the stored read and the SQL differ (limit {limit})")
        what = f"all {len(ours):,} at {MIN_SCORE}+" if limit is None else f"the {limit} highest"
        figures.append(
            Figure(
                f"rank_risks, stored ({what})",
                ours_ms,
                "ms",
                "the same rows by one sqlite3 query",
                bare_ms,
                # Ten rows take well under a millisecond either way: that figure is shown only.
                f"<= {SQL_BAR}x" if limit is None else "",
                ours_ms <= SQL_BAR * bare_ms if limit is None else None,
            )
        )
    script = str(console_script())
    common = [script, "--book", str(book), "--today", REFERENCE_DATE.isoformat()]
    risks = "accountcore retention risks --limit 10 --format json"
    show = "accountcore customer show c-1 --format json"
    medians = time_commands(
        {
            risks: [*common, "retention", "risks", "--limit", "10", "--format", "json"],
            show: [*common, "customer", "show", "c-1", "--format", "json"],
        },
        runs=runs,
        warmup=1,
    )
    figures.append(
        Figure(
            risks,
            medians[risks],
            "ms",
            show,
            medians[show],
            f"<= {SHOW_BAR}x",
            medians[risks] <= SHOW_BAR * medians[show],
        )
    )
    return figures


def main(argv: Sequence[str] | None = None) -> None:
    """Run the stored retention read benchmark on its own and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=100_000, help="customers in the book")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="accountcore-bench-") as workdir:
        figures = run(Path(workdir), args.customers, args.runs)
    print_figures(figures, f"Stored retention read ({args.customers:,} customers)")


if __name__ == "__main__":
    main()
