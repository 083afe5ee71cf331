"""The same workloads on SQLite and on PostgreSQL, single user: PostgreSQL within 2x.

    python bench/stores.py [--customers 100000] [--audit-customers 5000]
                           [--server postgresql://postgres@127.0.0.1:5432/test]

Two books are generated from the same seed (bench/generate.py), one a file,
one in a PostgreSQL database created for the run and dropped after it; then
each workload runs on both, as a user's command would on an open book:

- store: every customer through ``store.iter_customers()``;
- compliance: every finding of ``compliance check --all`` (the service);
- overdue: every row of ``visit overdue`` (the service);
- care: the daily care and retention batch, first run (actions written with
  their audit events), then the second (nothing new);
- audit verify: a keyed book of N customers built through the services
  (added and updated: 2N events), verified;
- audit verify memory: the peak resident size of a fresh process verifying
  the trail of N customers at 2N and at 4N events (updated three times), on
  each store: it must stay flat in the number of events.

Each workload's two sides must give the same answer (the same customers in
the same order, the same findings, overdue rows, actions by rule, events), or
the run stops. Read workloads are timed twice, alternating, best kept. With
no server (or no psycopg) the section is skipped with one line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import audit as audit_bench
from figures import Figure, print_figures
from generate import REFERENCE_DATE, generate_book

from accountcore._app import App
from accountcore._services import compliance, visits
from accountcore._services.audit import verify
from accountcore._services.daily import run_daily

__all__ = ["SERVER", "WORKLOADS", "run", "server_database"]

SERVER = "postgresql://postgres@127.0.0.1:5432/test"
RATIO_BAR = 2.0
MEMORY_BAR = 1.1


class Books(NamedTuple):
    """The generated books and the audit books (2N, then 4N events): (SQLite, PostgreSQL) each."""

    generated: tuple[str, str]
    audit: tuple[str, str]
    audit4: tuple[str, str]
    audit_customers: int


class Workload(NamedTuple):
    """One row of the report: its name, the work, which books, how many timed runs."""

    name: str
    work: Callable[[App], Any]
    audit: bool = False
    repeat: int = 2


def _digest(rows: Iterable[object]) -> tuple[str, str]:
    """What a workload answers: how many rows (shown), and a digest of them in order."""
    digest, count = hashlib.sha256(), 0
    for row in rows:
        digest.update(repr(row).encode())
        count += 1
    return f"{count:,} rows", digest.hexdigest()


def _open(book: str, keyed: bool) -> App:
    if keyed:
        app = App(book, today=audit_bench.TODAY, audit_key=audit_bench.KEY)
    else:
        app = App(book, today=REFERENCE_DATE)
    app.store.count_customers()  # plugins loaded, converter built, book opened: not timed
    _ = app.settings, app.hooks.products
    return app


def _timed(work: Callable[[App], Any], book: str, keyed: bool) -> tuple[float, Any]:
    app = _open(book, keyed)
    try:
        started = time.perf_counter()
        answer = work(app)
        return time.perf_counter() - started, answer
    finally:
        app.close()


def _both(workload: Workload, books: Books) -> Figure:
    """The workload on each book, alternating, best of its runs; both must answer the same."""
    name, keyed, repeat = workload.name, workload.audit, workload.repeat
    pair = books.audit if keyed else books.generated
    times: tuple[list[float], list[float]] = ([], [])
    answers: list[Any] = [None, None]
    for _ in range(repeat):
        for side, book in enumerate(pair):
            seconds, answers[side] = _timed(workload.work, book, keyed)
            times[side].append(seconds)
    if answers[0] != answers[1]:
        raise SystemExit(f"{name}: SQLite and PostgreSQL disagree: {answers[0]} / {answers[1]}")
    ours, base = min(times[1]), min(times[0])
    return Figure(
        f"{name}, s ({answers[0][0]})",
        ours,
        "s",
        "SQLite, same workload",
        base,
        f"<= {RATIO_BAR:.0f}x",
        ours <= RATIO_BAR * base,
    )


# The workloads: each answers something both stores must agree on --------------------


def iterate(app: App) -> tuple[str, str]:
    """Every customer through the store, in id order."""
    return _digest(c.id for batch in app.store.iter_customers() for c in batch)


def check_all(app: App) -> tuple[str, str]:
    """Every finding of ``compliance check --all``."""
    return _digest((f.customer, f.rule, f.agreement) for f in compliance.check(app, everyone=True))


def overdue(app: App) -> tuple[str, str]:
    """Every row of ``visit overdue``."""
    rows = visits.overdue_visits(app)
    return _digest((o.customer, o.interval, o.policy, o.days_overdue) for o in rows)


def care(app: App) -> tuple[str, dict[str, int]]:
    """The daily batch: actions created by rule, customers at risk."""
    done = run_daily(app)
    shown = f"{done.care.customers:,} customers, {done.care.created:,} actions, {done.at_risk:,}"
    return f"{shown} at risk", dict(sorted(Counter(done.care.by_rule).items()))


def audit_verify(app: App) -> tuple[str, int]:
    """``audit verify`` of the whole trail."""
    found = verify(app)
    if not found.intact:
        raise SystemExit(f"{app.book}: audit verify found {found.problems}")
    return f"{found.events:,} events intact", found.events


def _memory(books: Books) -> list[Figure]:
    figures = []
    for side, store in enumerate(("SQLite", "PostgreSQL")):
        small_events, small = audit_bench.peak_mb(books.audit[side])
        big_events, big = audit_bench.peak_mb(books.audit4[side])
        figures.append(
            Figure(
                f"audit verify peak RSS, {store}, {big_events:,} events"
                f" ({books.audit_customers:,} customers)",
                big,
                "MB",
                f"{small_events:,} events",
                small,
                f"< {MEMORY_BAR}x",
                big < MEMORY_BAR * small,
            )
        )
    return figures


WORKLOADS = (
    Workload("store: iterate every customer", iterate),
    Workload("compliance check --all", check_all),
    Workload("visit overdue", overdue),
    Workload("care run, first (writes the actions)", care, repeat=1),
    Workload("care run, second (nothing new)", care, repeat=1),
    Workload("audit verify", audit_verify, audit=True),
)


# Books and the server ----------------------------------------------------------------


def server_database(server: str) -> tuple[str, Callable[[], None]] | str:
    """A new database on ``server``: (its URL, drop it); or why there is none."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install 'accountcore[postgres]')"
    token = uuid.uuid4().hex[:8]
    names = [f"accountcore_bench_{token}{part}" for part in ("", "_audit", "_audit4")]
    try:
        with psycopg.connect(server, autocommit=True) as db:
            for name in names:
                db.execute(f"CREATE DATABASE {name}")
    except psycopg.Error as exc:
        return f"no PostgreSQL server at {server}: {' '.join(str(exc).split())}"

    def drop() -> None:
        with psycopg.connect(server, autocommit=True) as db:
            for name in names:
                db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    base = server.rsplit("/", 1)[0]
    return f"{base}/{names[0]}", drop


def _progress(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def _generate(
    workdir: Path, url: str, customers: int, audit_customers: int
) -> tuple[Books, Figure]:
    sqlite_book = str(workdir / f"stores-{customers}.db")
    times = []
    for book in (sqlite_book, url):
        _progress(f"generating {customers:,} customers in {book}")
        replace = not book.startswith("postgresql:")
        times.append(generate_book(book, customers, seed=1, replace=replace, quiet=True).seconds)
    audit = (str(workdir / "stores-audit.db"), url + "_audit")
    audit4 = (str(workdir / "stores-audit4.db"), url + "_audit4")
    for book, more in zip(audit, audit4, strict=True):
        _progress(f"building audit books of {audit_customers:,} customers in {book} and {more}")
        audit_bench.build_book(book, audit_customers)
        audit_bench.build_book(more, audit_customers, updates=3)
    generated = Figure(
        f"generate {customers:,} customers (bench/generate.py), s",
        times[1],
        "s",
        "SQLite",
        times[0],
    )
    return Books((sqlite_book, url), audit, audit4, audit_customers), generated


def run(
    workdir: Path, customers: int = 100_000, audit_customers: int = 5_000, server: str = SERVER
) -> list[Figure]:
    """Generate both stores' books, run every workload on both, and the memory probes.

    No figures (and a line saying why) when there is no PostgreSQL server.
    """
    made = server_database(server)
    if isinstance(made, str):
        print(f"both stores: skipped, {made}", flush=True)
        return []
    url, drop = made
    try:
        books, generated = _generate(workdir, url, customers, audit_customers)
        figures = [generated]
        for workload in WORKLOADS:
            _progress(workload.name)
            figures.append(_both(workload, books))
        _progress("audit verify memory, fresh processes")
        figures.extend(_memory(books))
        return figures
    finally:
        drop()


def main(argv: Sequence[str] | None = None) -> None:
    """Run the workloads on both stores and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=100_000, metavar="N")
    parser.add_argument("--audit-customers", type=int, default=5_000, metavar="N")
    parser.add_argument("--server", default=SERVER, metavar="URL", help=f"default {SERVER}")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="accountcore-bench-") as workdir:
        figures = run(Path(workdir), args.customers, args.audit_customers, args.server)
    print_figures(figures, f"PostgreSQL against SQLite ({args.customers:,} customers)")


if __name__ == "__main__":
    main()
