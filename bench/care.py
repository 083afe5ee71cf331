"""The daily care and retention batch against a bare Python loop applying the same rules.

    python bench/care.py [--customers 100000] [--memory-customers 50000]

On a generated book of N customers (bench/generate.py, seed 1, 2026-11-23),
with the core and the three plugins:

- first run: ``services.daily.run_daily`` as the administrator (every
  customer through the care rules of the core and the three plugins, the new
  actions stored with their audit events, and every customer through the
  retention rules, at-risk customers counted) against ``care_loop.run_bare``
  (the same rules over raw sqlite3 rows, the same actions and retention scores
  written, the due actions reconciled) on a copy of the same book; the two
  must store the same actions (each one's rule, customer, period, channel,
  status, due date, expiry, duty, assignee and seller), the same retention
  scores, and count the same customers at risk;
- second run: both again on the same day, when every action is stored
  already (the batch is idempotent: nothing new is written, nothing closed);
- a week later (in the next month): both again, the actions of November's
  occasions expiring, those the rules no longer find lapsing, the new ones
  made; the two must store the same again;
- memory: the peak resident size of a fresh process running the batch over
  K and then 2K customers of a book of 2K (it should stay flat: batches, not
  the book, are in memory).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from care_loop import run_bare
from figures import Figure, print_figures
from generate import REFERENCE_DATE, generate_book

from accountcore._app import App
from accountcore._services.daily import run_daily

__all__ = ["bench_batch", "bench_memory", "run"]

RATIO_BAR = 2.0  # issue 18: within 2x of the bare loop on SQLite
MEMORY_PROBE = """
import datetime as dt, sys
from accountcore._app import App
from accountcore._services.daily import run_daily

def peak_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

app = App(sys.argv[1], today=dt.date.fromisoformat(sys.argv[2]), actor=None)
done = run_daily(app, manager=None)
print(done.care.customers, peak_kb())
"""


ACTION_FIELDS = (
    "rule, customer, period, channel, status, due, expires_on, responsibility, assignee, not_by,"
    " closed_on"
)
# The third run: a week on, in the next month (a real day, not a look ahead, whatever the clock).
LATER = REFERENCE_DATE + dt.timedelta(days=8)
RUNS = (("first", REFERENCE_DATE), ("second", REFERENCE_DATE), ("later", LATER))


def _stored(book: Path) -> tuple[Counter, Counter]:
    """The book's care actions (what the bench compares of them), and its retention scores."""
    with sqlite3.connect(book) as db:
        actions = Counter(db.execute(f"SELECT {ACTION_FIELDS} FROM care_actions"))
        scores = Counter(db.execute("SELECT customer, score FROM retention_scores"))
        return actions, scores


def bench_batch(book: Path, workdir: Path) -> dict[str, float]:
    """Seconds of the three runs through accountcore and bare, on copies of ``book``."""
    ours, bare = workdir / "care-ours.db", workdir / "care-bare.db"
    for copy in (ours, bare):
        shutil.copyfile(book, copy)
    times: dict[str, float] = {}
    for label, day in RUNS:
        noon = dt.datetime.combine(day, dt.time(12), dt.UTC)
        app = App(str(ours), today=day, now=lambda noon=noon: noon)
        app.store.count_customers()  # plugins loaded, converter built, book opened: not timed
        started = time.perf_counter()
        done = run_daily(app)
        times[f"ours {label}"] = time.perf_counter() - started
        app.close()
        started = time.perf_counter()
        created, at_risk, closed = run_bare(bare, day)
        times[f"bare {label}"] = time.perf_counter() - started
        if label == "second" and (done.care.created or created or done.care.closed or closed):
            raise SystemExit(
                f"the second run created {done.care.created} and {sum(created.values())},"
                f" closed {done.care.closed.total()} and {closed.total()}"
            )
        _check(done.care.created, done.at_risk, created, at_risk, ours, bare)
        if done.care.closed != closed:
            raise SystemExit(f"the {label} run closed {dict(done.care.closed)} and {dict(closed)}")
        times[f"actions {label}"], times[f"at risk {label}"] = done.care.created, done.at_risk
        times[f"closed {label}"] = done.care.closed.total()
        times["customers"] = done.care.customers
    return times


def _check(ours: int, ours_risk: int, bare: Counter, bare_risk: int, a: Path, b: Path) -> None:
    """The two runs must agree: the same actions and scores stored, the same customers at risk."""
    (actions_a, scores_a), (actions_b, scores_b) = _stored(a), _stored(b)
    if (
        actions_a != actions_b
        or scores_a != scores_b
        or ours != sum(bare.values())
        or ours_risk != bare_risk
    ):
        differ = Counter(
            (row[0], row[3]) for row in (actions_a - actions_b) + (actions_b - actions_a)
        )
        scores = len((scores_a - scores_b) + (scores_b - scores_a))
        raise SystemExit(
            f"accountcore and the bare loop disagree: {ours} and {sum(bare.values())} actions,"
            f" {ours_risk} and {bare_risk} at risk, {len(scores_a)} and {len(scores_b)} scores"
            f" ({scores} differ); actions differing by (rule, channel): {dict(differ)}"
        )


def bench_memory(book: Path) -> tuple[int, float]:
    """A fresh process runs the daily batch over ``book``: (customers, peak MB)."""
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(book), REFERENCE_DATE.isoformat()],
        capture_output=True,
        text=True,
        check=True,
    )
    customers, peak_kb = (int(part) for part in done.stdout.split())
    return customers, peak_kb / 1024


def _progress(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def run(workdir: Path, customers: int = 100_000, memory_customers: int = 50_000) -> list[Figure]:
    """Generate the books in ``workdir`` and run the batch, the baseline and the memory probe."""
    book = workdir / f"care-{customers}.db"
    _progress(f"generating {customers:,} customers")
    generate_book(book, customers, seed=1, replace=True, quiet=True)
    _progress("first and second runs, accountcore and bare")
    t = bench_batch(book, workdir)
    figures = []
    for label, _ in RUNS:
        ours, bare = t[f"ours {label}"], t[f"bare {label}"]
        what = {
            "first": f"{t['actions first']:,.0f} actions, {t['at risk first']:,.0f} at risk",
            "second": "nothing new",
            "later": f"{LATER}: {t['actions later']:,.0f} new, {t['closed later']:,.0f} closed",
        }[label]
        figures.append(
            Figure(
                f"daily batch, {label} run, s ({t['customers']:,.0f} customers, {what})",
                ours,
                "s",
                "bare Python loop, same rules and rows",
                bare,
                f"< {RATIO_BAR:.0f}x",
                ours < RATIO_BAR * bare,
            )
        )
    sizes = []
    for size in (memory_customers, 2 * memory_customers):
        path = workdir / f"care-memory-{size}.db"
        _progress(f"memory: generating {size:,} customers, then the batch in a fresh process")
        generate_book(path, size, seed=1, replace=True, quiet=True)
        sizes.append(bench_memory(path))
        path.unlink()
    (small_n, small_mb), (big_n, big_mb) = sizes
    figures.append(
        Figure(
            f"peak RSS of the daily batch over {big_n:,} customers",
            big_mb,
            "MB",
            f"over {small_n:,}",
            small_mb,
            "< 1.1x",
            big_mb < 1.1 * small_mb,
        )
    )
    return figures


def main(argv: Sequence[str] | None = None) -> None:
    """Run the care benchmarks on their own and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--customers",
        type=int,
        default=100_000,
        metavar="N",
        help="customers of the timed book (1000000 for the full measure)",
    )
    parser.add_argument(
        "--memory-customers",
        type=int,
        default=50_000,
        metavar="K",
        help="the memory probe runs the batch over K, then 2K customers",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="accountcore-bench-") as workdir:
        figures = run(Path(workdir), args.customers, args.memory_customers)
    print_figures(figures, f"Daily care and retention batch ({args.customers:,} customers)")


if __name__ == "__main__":
    main()
