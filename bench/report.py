"""`report --month` over a large book against the bare SQL aggregates, and its memory.

    python bench/report.py [--customers 20000] [--memory-customers 10000]
    python bench/report.py --customers 1000000 --memory-customers 100000   # the issue's size

On generated books (bench/generate.py, seed 1, 5 visits a customer):

- service: the administrator's report of the month before the reference day
  (``build_report``, the three plugins loaded, every concern and the plugins'
  figures), as the command makes it;
- baseline: the same figures by the fewest bare SQL aggregates on the same
  file (raw sqlite3, one query per table, per manager). Both are checked to
  give the same figures per manager (not timed);
- memory: the peak resident size of a fresh process making the report of a
  book of each size (it should stay flat).

The month under way is not timed against SQL: its risks are scored by the
plugins' rules, customer by customer (see docs/report.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from figures import Figure, print_figures
from generate import REFERENCE_DATE, generate_book

from accountcore._app import App

__all__ = ["baseline", "bench_report", "run"]

MONTH = "2026-10"
FIRST, LAST, NEXT = "2026-10-01", "2026-10-31", "2026-11-01"
# Suitability lapsed by the month's end: 730 days before 2026-10-31.
LAPSED_BEFORE = (dt.date(2026, 10, 31) - dt.timedelta(days=730)).isoformat()

BASELINE = {
    "visits": """
        SELECT manager, SUM(status = 'done'), SUM(status = 'done' AND purpose = 'development'),
               SUM(status = 'planned' AND "on" < :today),
               SUM(status = 'done' AND EXISTS (SELECT 1 FROM agreements a
                   WHERE a.customer = v.customer AND a.signed_on >= v."on"
                   AND julianday(a.signed_on) <= julianday(v."on") + 30))
        FROM visits v WHERE "on" BETWEEN :first AND :last GROUP BY manager""",
    "care": """
        SELECT c.manager, COUNT(*),
               SUM(a.status = 'done' AND COALESCE(a.closed_on, a.due) <= a.due)
        FROM care_actions a JOIN customers c ON c.id = a.customer
        WHERE a.due BETWEEN :first AND :last GROUP BY c.manager""",
    "complaints": """
        SELECT manager, COUNT(*), SUM(replied_on IS NOT NULL AND replied_on <= deadline)
        FROM complaints WHERE opened_on BETWEEN :first AND :last GROUP BY manager""",
    "customers": """
        SELECT manager, SUM(created_on BETWEEN :first AND :last),
               SUM(status = 'churned' AND EXISTS (SELECT 1 FROM audit_events e
                   WHERE e.entity_id = c.id AND e.action = 'customer.update'
                   AND json_extract(e.after, '$.status') = 'churned'
                   AND json_extract(e.before, '$.status') <> 'churned'
                   AND e.at >= :first AND e.at < :next))
        FROM customers c GROUP BY manager""",
    "agreements": """
        SELECT manager, SUM(signed_on BETWEEN :first AND :last),
               SUM(terminated_on BETWEEN :first AND :last)
        FROM agreements WHERE signed_on BETWEEN :first AND :last
           OR terminated_on BETWEEN :first AND :last GROUP BY manager""",
    "findings": """
        SELECT a.manager, COUNT(*) FROM agreements a, json_each(a.findings)
        WHERE a.status IN ('signed', 'active') AND (a."end" IS NULL OR a."end" >= :last)
        GROUP BY a.manager""",
    "plugins": """
        SELECT manager,
          SUM(profiles LIKE '%"telecom":%'
              AND CAST(json_extract(profiles, '$.telecom.arrears_amount') AS REAL) >= 0.01),
          ROUND(SUM(CASE WHEN profiles LIKE '%"telecom":%'
              AND CAST(json_extract(profiles, '$.telecom.arrears_amount') AS REAL) >= 0.01
              THEN CAST(json_extract(profiles, '$.telecom.arrears_amount') AS REAL) END), 2),
          ROUND(SUM(CASE WHEN profiles LIKE '%"wealth":%'
              THEN CAST(json_extract(profiles, '$.wealth.aum') AS REAL) END), 2),
          SUM(profiles LIKE '%"securities":%'
              AND (json_extract(profiles, '$.securities.questionnaire_date') IS NULL
                   OR json_extract(profiles, '$.securities.questionnaire_date') < :lapsed))
        FROM customers WHERE status <> 'churned' GROUP BY manager""",
}
# The service's figures, in the baseline's columns.
FIELDS = {
    "visits": [
        ("visits", "made"),
        ("visits", "development"),
        ("visits", "missed"),
        ("visits", "followed_by_agreement"),
    ],
    "care": [("care", "due"), ("care", "done_on_time")],
    "complaints": [("complaints", "opened"), ("complaints", "closed_in_time")],
    "customers": [("customers", "new"), ("customers", "churned")],
    "agreements": [("agreements", "signed"), ("agreements", "terminated")],
    "findings": [("compliance", "open")],
    "plugins": [
        ("telecom", "arrears-customers"),
        ("telecom", "arrears-amount"),
        ("wealth", "aum"),
        ("securities", "suitability-lapsed"),
    ],
}

MEMORY_PROBE = """
import datetime as dt, sys
from accountcore._app import App
from accountcore._services.report import build_report

def peak_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

app = App(sys.argv[1], today=dt.date.fromisoformat(sys.argv[2]))
report = build_report(app, month=sys.argv[3])
print(len(report.months[0].managers), peak_kb())
"""


def baseline(db: Any) -> dict[str, dict[str, tuple[float, ...]]]:
    """Per table, per manager, the bare SQL aggregates' figures (nulls as 0)."""
    params = {
        "first": FIRST,
        "last": LAST,
        "next": NEXT,
        "today": REFERENCE_DATE.isoformat(),
        "lapsed": LAPSED_BEFORE,
    }
    return {
        name: {row[0]: tuple(v or 0 for v in row[1:]) for row in db.execute(sql, params)}
        for name, sql in BASELINE.items()
    }


def _service(app: App) -> Any:
    from accountcore._services.report import build_report

    return build_report(app, month=MONTH)


def _as_baseline(report: Any) -> dict[str, dict[str, tuple[float, ...]]]:
    """The report's per-manager figures in the baseline's shape (managers with any)."""
    found: dict[str, dict[str, tuple[float, ...]]] = {name: {} for name in FIELDS}
    for manager in report.months[0].managers:
        figures = manager.figures
        for name, fields in FIELDS.items():
            if name == "plugins":
                values = tuple(figures["plugins"][p][f]["value"] for p, f in fields)
            else:
                values = tuple(figures[section][key] for section, key in fields)
            found[name][manager.key] = values
    return found


def _same(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """The tables where the two differ (a manager the baseline lacks counts as all zeros)."""
    differ = []
    for name, by_manager in ours.items():
        for manager, values in by_manager.items():
            other = theirs[name].get(manager, (0,) * len(values))
            if any(abs(a - b) > 0.01 for a, b in zip(values, other, strict=True)):
                differ.append(f"{name} of {manager}: {values} vs {other}")
    return differ


def _best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def bench_report(book: Path, repeat: int = 3) -> tuple[float, float, int]:
    """Best-of-``repeat`` seconds of the report and of the baseline, and the managers."""
    import sqlite3

    app = App(str(book), today=REFERENCE_DATE)
    db = sqlite3.connect(book)
    report = _service(app)
    differ = _same(_as_baseline(report), baseline(db))
    if differ:
        raise SystemExit(f"{book}: the report and the SQL differ: " + "; ".join(differ[:5]))
    service = _best(lambda: _service(app), repeat)
    query = _best(lambda: baseline(db), repeat)
    db.close()
    app.close()
    return service, query, len(report.months[0].managers)


def bench_memory(books: Sequence[Path]) -> list[float]:
    """For each book, the peak MB of a fresh process making the month's report."""
    peaks = []
    for book in books:
        done = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, str(book), REFERENCE_DATE.isoformat(), MONTH],
            capture_output=True,
            text=True,
            check=True,
        )
        peaks.append(int(done.stdout.split()[1]) / 1024)
    return peaks


def _book(workdir: Path, customers: int) -> Path:
    book = workdir / f"book-{customers}.db"
    print(f"generating {customers:,} customers ...", file=sys.stderr, flush=True)
    generate_book(book, customers, seed=1, visits_per_customer=5, quiet=True)
    return book


def run(customers: int, memory_customers: int, books: dict[int, Path] | None = None) -> None:
    """Generate (or take) the two books, measure, print the figures."""
    with tempfile.TemporaryDirectory(prefix="bench-report-") as folder:
        given = books or {}
        small = given.get(memory_customers) or _book(Path(folder), memory_customers)
        large = given.get(customers) or _book(Path(folder), customers)
        service, query, managers = bench_report(large)
        small_peak, large_peak = bench_memory([small, large])
    print_figures(
        [
            Figure(
                f"report --month {MONTH}, {customers:,} customers, {managers} managers, s",
                service,
                "s",
                "bare SQL aggregates",
                query,
                "< 3x",
                service < 3 * query,
            ),
            Figure(
                f"peak memory, {customers:,} customers",
                large_peak,
                "MB",
                f"{memory_customers:,} customers",
                small_peak,
                "< 1.1x",
                large_peak < 1.1 * small_peak,
            ),
        ],
        "The month report",
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: sizes of the two books, or books already generated (seed 1)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=20000)
    parser.add_argument("--memory-customers", type=int, default=10000)
    parser.add_argument(
        "--book",
        action="append",
        default=[],
        metavar="N=PATH",
        help="use a book generated with seed 1 and 5 visits a customer",
    )
    args = parser.parse_args(argv)
    books = {int(n): Path(p) for n, p in (item.split("=", 1) for item in args.book)}
    run(args.customers, args.memory_customers, books)


if __name__ == "__main__":
    main()
