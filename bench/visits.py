"""`visit overdue` over a large book against one SQL query, and its memory.

    python bench/visits.py [--customers 100000] [--visits-per-customer 5]
    python bench/visits.py --customers 1000000 --visits-per-customer 5   # the issue's size

On a generated book (bench/generate.py, seed 1) of N customers and about V
visits each:

- service: every overdue customer through ``services.visits.overdue_visits``
  (the administrator's view, the three plugins loaded: their candidates are
  read and asked, the rest is the core's interval by tier in SQL), each row
  an OverdueVisit;
- baseline: one SQL query on the same file, by raw sqlite3, that computes the
  same list with the three plugins' rules written into it (and their default
  settings), rows as tuples. Both lists are checked to be equal;
- core only: the same two with the plugins disabled and the query without
  their rules;
- every customer asked: the service with one more plugin whose
  ``visit_policy`` declares no candidates, so every customer is read into a
  Customer and asked (what ``visit_policy_candidates`` avoids);
- memory: the peak resident size of a fresh process listing the overdue of a
  book of N/2 and of N customers (it should stay flat).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from figures import Figure, print_figures
from generate import REFERENCE_DATE, generate_book

from accountcore import OverdueVisit
from accountcore._app import App

__all__ = ["baseline_sql", "bench_overdue", "run"]

TIERS = "CASE c.tier WHEN 'vip' THEN 30 WHEN 'a' THEN 60 WHEN 'b' THEN 90 WHEN 'c' THEN 180 END"
_IN_FORCE = "a.status IN ('signed', 'active') AND (a.\"end\" IS NULL OR a.\"end\" >= :today)"
# The plugins' rules with their default settings, in plugin order (securities, telecom,
# wealth): accountcore_*/visits.py written as SQL. A rule gives days * 4 + the policy's
# number in POLICIES, so that one CASE gives both.
POLICIES = ("core", "securities", "telecom", "wealth")
PLUGIN_RULES = f"""
    WHEN c.profiles LIKE '%"securities":%' AND (
        EXISTS (SELECT 1 FROM agreements a WHERE a.customer = c.id
                AND a.product = 'securities.margin' AND {_IN_FORCE})
        OR (NOT EXISTS (SELECT 1 FROM agreements a WHERE a.customer = c.id
                        AND a.product = 'securities.margin')
            AND EXISTS (SELECT 1 FROM json_each(c.profiles, '$.securities.disclosures')
                        WHERE value = 'margin')))
        THEN 30 * 4 + 1
    WHEN c.profiles LIKE '%"securities":%'
        AND json_extract(c.profiles, '$.securities.investor_type') = 'ordinary'
        AND EXISTS (SELECT 1 FROM agreements a WHERE a.customer = c.id AND {_IN_FORCE}
                    AND a.product IN ('securities.fund.equity', 'securities.structured-note'))
        THEN 30 * 4 + 1
    WHEN c.kind = 'corporate' AND c.tier = 'vip' AND c.profiles LIKE '%"telecom":%'
        THEN 14 * 4 + 2
    WHEN CAST(json_extract(c.profiles, '$.wealth.financial_net_assets') AS REAL) >= 6000000
        THEN 30 * 4 + 3
"""
SQL = """
SELECT id, name, manager, tier, last_on, rule, due FROM (
  SELECT id, name, manager, tier, last_on, rule,
         CAST(julianday(COALESCE(last_on, created_on)) - 1721424.5 AS INTEGER) + rule / 4
           AS due, seq
  FROM (
    SELECT c.seq, c.id, c.name, c.manager, c.tier, c.created_on,
      (SELECT MAX(v."on") FROM visits v WHERE v.customer = c.id AND v.status = 'done')
        AS last_on,
      {rule} AS rule
    FROM customers c WHERE c.status <> 'churned'
  ) AS known
) AS ranked
WHERE due IS NULL OR due < :day ORDER BY due NULLS FIRST, seq
"""

# A plugin that answers for no one and does not say so: every customer is asked.
ASK_EVERYONE = """
from accountcore import hookimpl

@hookimpl
def visit_policy(customer):
    return None
"""

MEMORY_PROBE = """
import datetime as dt, sys
from accountcore import OverdueVisit
from accountcore._app import App
from accountcore._services.visits import overdue_visits

def peak_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

app = App(sys.argv[1], today=dt.date.fromisoformat(sys.argv[2]))
count = sum(1 for _ in overdue_visits(app))
print(count, peak_kb())
"""


def baseline_sql(with_plugins: bool = True) -> str:
    """The one query: the overdue list, with the three plugins' rules or the tiers only."""
    core = f"{TIERS} * 4"
    return SQL.format(rule=f"CASE {PLUGIN_RULES} ELSE {core} END" if with_plugins else core)


def _digest(rows: Iterable[Sequence[object]]) -> tuple[int, str]:
    digest, count = hashlib.sha256(), 0
    for row in rows:
        digest.update(repr(tuple(row)).encode())
        count += 1
    return count, digest.hexdigest()


def _service(app: App) -> Iterator[OverdueVisit]:
    from accountcore._services.visits import overdue_visits

    return overdue_visits(app)


def _query(db: sqlite3.Connection, with_plugins: bool) -> Iterator[tuple[object, ...]]:
    params = {"today": REFERENCE_DATE.isoformat(), "day": REFERENCE_DATE.toordinal()}
    return db.execute(baseline_sql(with_plugins), params)


def _same(app: App, db: sqlite3.Connection, with_plugins: bool) -> bool:
    """Whether the service and the query list the same customers, intervals and days."""
    day = REFERENCE_DATE.toordinal()
    ours = _digest((o.customer, o.interval, o.policy, o.days_overdue) for o in _service(app))
    theirs = _digest(
        (id_, rule // 4, POLICIES[rule % 4], None if due is None else day - due)
        for id_, _, _, _, _, rule, due in _query(db, with_plugins)
    )
    return ours == theirs


def _timed(rows: Callable[[], Iterable[object]]) -> tuple[float, int]:
    """Seconds to run a query and produce every row (and nothing else), and how many."""
    started = time.perf_counter()
    count = sum(1 for _ in rows())
    return time.perf_counter() - started, count


def bench_overdue(book: Path, repeat: int = 3) -> dict[str, tuple[float, float, int]]:
    """Best-of-``repeat`` seconds of the service and the query, and the overdue count, by case.

    Runs alternate, each side on its own open connection; the lists are
    checked to be equal first (not timed).
    """
    results = {}
    cases = {"plugins": ((), True), "core only": (("securities", "telecom", "wealth"), False)}
    for case, (disabled, with_plugins) in cases.items():
        app = App(str(book), today=REFERENCE_DATE, disabled=disabled)
        db = sqlite3.connect(book)
        if not _same(app, db, with_plugins):
            raise SystemExit(f"{book}: the service and the query differ ({case})")
        service, query = [], []
        for _ in range(repeat):
            seconds, count = _timed(functools.partial(_service, app))
            service.append(seconds)
            query.append(_timed(functools.partial(_query, db, with_plugins))[0])
        db.close()
        app.close()
        results[case] = (min(service), min(query), count)
    return results


def bench_ask_everyone(book: Path, workdir: Path) -> float:
    """Seconds to list the overdue with a plugin that declares no candidates."""
    module = workdir / "ask_everyone.py"
    module.write_text(ASK_EVERYONE)
    app = App(str(book), today=REFERENCE_DATE, plugin_modules=[str(module)])
    app.store.count_customers()
    seconds, _ = _timed(functools.partial(_service, app))
    app.close()
    return seconds


def bench_memory(books: Sequence[Path]) -> list[tuple[int, float]]:
    """For each book, a fresh process lists its overdue: (rows, peak MB)."""
    results = []
    for book in books:
        done = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, str(book), REFERENCE_DATE.isoformat()],
            capture_output=True,
            text=True,
            check=True,
        )
        rows, peak_kb = (int(part) for part in done.stdout.split())
        results.append((rows, peak_kb / 1024))
    return results


def _progress(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def _book(workdir: Path, customers: int, visits: float) -> Path:
    book = workdir / f"visits-{customers}-{visits:g}.db"
    if not book.exists():
        _progress(f"generating {customers:,} customers, {visits:g} visits each")
        made = generate_book(book, customers, seed=1, visits_per_customer=visits, quiet=True)
        _progress(f"  {made.seconds:.0f} s, {made.megabytes:.0f} MB; {'; '.join(made.notes)}")
    return book


def run(
    workdir: Path, customers: int = 100_000, visits: float = 5.0, ask_everyone: bool = True
) -> list[Figure]:
    """Generate the books in ``workdir`` and run the visit benchmarks."""
    book = _book(workdir, customers, visits)
    half = _book(workdir, customers // 2, visits)
    _progress("overdue: service and query")
    timed = bench_overdue(book)
    everyone = bench_ask_everyone(book, workdir) if ask_everyone else None
    _progress("memory probes")
    (small_rows, small_peak), (big_rows, big_peak) = bench_memory([half, book])
    service, query, count = timed["plugins"]
    core_service, core_query, core_count = timed["core only"]
    rules = "one SQL query with the plugins' rules"
    figures = [
        Figure(
            f"overdue, 3 plugins: {count:,} rows, s",
            service,
            "s",
            rules,
            query,
            "< 2x",
            service < 2 * query,
        ),
        Figure(
            f"overdue, core only: {core_count:,} rows, s",
            core_service,
            "s",
            "one SQL query, tiers only",
            core_query,
            "< 2x",
            core_service < 2 * core_query,
        ),
    ]
    if everyone is not None:
        figures.append(
            Figure("overdue, a plugin without candidates, s", everyone, "s", rules, query)
        )
    peak = f"peak RSS listing {big_rows:,} overdue of {customers:,}"
    half_book = f"{small_rows:,} of {customers // 2:,}"
    figures.append(
        Figure(peak, big_peak, "MB", half_book, small_peak, "< 1.1x", big_peak < 1.1 * small_peak)
    )
    return figures


def main(argv: Sequence[str] | None = None) -> None:
    """Run the visit benchmarks on their own and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=100_000, metavar="N")
    parser.add_argument("--visits-per-customer", type=float, default=5.0, metavar="V")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="keep the books in DIR (and reuse those there)"
    )
    parser.add_argument(
        "--no-ask-everyone",
        action="store_true",
        help="skip the slow case of a plugin without candidates",
    )
    args = parser.parse_args(argv)
    title = f"Visits ({args.customers:,} customers, {args.visits_per_customer:g} visits each)"
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        figures = run(args.keep, args.customers, args.visits_per_customer, not args.no_ask_everyone)
    else:
        with tempfile.TemporaryDirectory(prefix="accountcore-bench-") as workdir:
            figures = run(
                Path(workdir), args.customers, args.visits_per_customer, not args.no_ask_everyone
            )
    print_figures(figures, title)


if __name__ == "__main__":
    main()
