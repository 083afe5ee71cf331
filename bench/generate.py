"""Generate a realistic synthetic book, the same for the same size and seed.

    python bench/generate.py --customers 100000 --seed 1 [--book PATH | --book postgresql://...]

Every later benchmark builds its books with this script (or its
:func:`generate_book`). What is drawn lives beside it, one concern a module:
the tables and draws (bench/draws.py), customers and managers
(bench/customer_maker.py), agreements (bench/agreement_maker.py) and visits
(bench/visit_maker.py); this module writes them into a book. Values follow
the domain pages (docs/domain/) and are spread around the thresholds the
rules test (contracts ending within 60 days, arrears, expired questionnaires,
assets around 100,000 and 500,000...), so a rule benchmark has work to do.
All dates are relative to ``--today`` (2026-11-23 unless told), never to the
clock.

``--book`` is a file (a new one, or a book to replace with ``--force``) or
a PostgreSQL URL of a database without a book (or with an empty one, just
``init``-ed); anything else is refused in one line, nothing written.

The book is written in chunks of :data:`CHUNK` customers, one transaction
each, through the store's own API (``add_manager``, ``next_id``,
``add_customers``): only one chunk is ever in memory. Ids come from the
``c`` sequence: ``store.next_id("c")`` is called for each customer inside the
chunk's transaction, where it joins that transaction and costs a few
microseconds (about 5 s for a million), so the sequence is exactly where the
services would leave it and no private SQL is needed.

Randomness comes from ``random.Random`` instances seeded with the seed and
the stream's name (managers, customers, agreements, visits), never from the global
generator: customers do not change when a later issue adds visits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import time
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from agreement_maker import make_agreements
from customer_maker import CustomerMaker, make_managers

from accountcore import Manager
from accountcore._app import App
from accountcore._errors import AccountcoreError
from accountcore._store import is_postgres_url

__all__ = ["CHUNK", "REFERENCE_DATE", "BookSummary", "CustomerMaker", "generate_book", "main"]

REFERENCE_DATE = dt.date(2026, 11, 23)
CHUNK = 10_000
CUSTOMERS_PER_MANAGER = 250
BENCH_BOOKS = Path(__file__).resolve().parent.parent / "build" / "bench"


def _has_table(store: Any, name: str) -> bool:
    # Bench only: the store port has no public "which tables" question.
    return bool(store._has_table(name))


def refuse(message: str) -> typing.NoReturn:
    """Stop with a one-line error (exit 2), as the accountcore command does for bad input."""
    print(f"generate.py: {' '.join(message.split())}", file=sys.stderr)
    raise SystemExit(2)


def _is_book(path: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
    except sqlite3.Error:
        return False
    return bool(row and row[0] == "accountcore")


def _clear_file(path: Path, replace: bool) -> list[Path]:
    """Check ``path`` may take a new book and remove the old one; the files the book is in."""
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    if path.is_dir():
        refuse(f"--book {path} is a folder: give the path of a book file, such as {path}/book.db")
    if path.exists():
        if not _is_book(path):
            refuse(f"--book {path} is a file but not an accountcore book: give another path")
        if not replace:
            refuse(f"{path} exists: give another --book, or --force to replace it")
    for file in files:
        file.unlink(missing_ok=True)
    return files


def _create(book: str, replace: bool, today: dt.date) -> App:
    """The app on a new book at ``book``; a PostgreSQL book must be empty (no managers)."""
    if is_postgres_url(book) and replace:
        refuse("--force does not replace a PostgreSQL book: drop and create the database")
    app = App(book, today=today)
    try:
        store = app.create_book()
    except AccountcoreError as exc:
        refuse(str(exc))
    if store.list_managers() or store.count_customers():
        app.close()
        refuse(f"{store.location} holds a book already: give a database without one")
    return app


def _megabytes(store: Any, files: Sequence[Path]) -> float:
    if not files:  # Bench only: how big the PostgreSQL database is.
        row = store._db.execute("SELECT pg_database_size(current_database())").fetchone()
        return float(row[0]) / 1e6
    return sum(file.stat().st_size for file in files if file.exists()) / 1e6


def generate_agreements(store: Any, seed: int, today: dt.date) -> str:
    """Agreements of the generated customers (bench/agreement_maker.py); a note of what was made."""
    if not _has_table(store, "agreements"):
        return "the book has no agreements table: no agreements generated"
    return f"{make_agreements(store, seed, today, CHUNK):,} agreements"


def generate_visits(
    store: Any,
    managers: Sequence[Manager],
    customers: int,
    visits_per_customer: float,
    seed: int,
    today: dt.date,
) -> str:
    """About ``visits_per_customer`` visits per customer; returns a note of what was made.

    How they are drawn: bench/visit_maker.py, from ``random.Random(f"{seed}/visits")``.
    """
    if not _has_table(store, "visits"):
        return "the book has no visits table: no visits generated"
    from visit_maker import make_visits

    started = time.perf_counter()
    made = make_visits(store, managers, visits_per_customer, seed, today)
    return f"{made:,} visits in {time.perf_counter() - started:.1f} s"


class BookSummary(typing.NamedTuple):
    """What :func:`generate_book` made."""

    path: Path | str
    customers: int
    managers: int
    supervisors: int
    seconds: float
    megabytes: float
    notes: tuple[str, ...] = ()


def generate_book(
    book: Path | str,
    customers: int,
    seed: int = 0,
    *,
    managers: int | None = None,
    visits_per_customer: float = 2.0,
    today: dt.date = REFERENCE_DATE,
    replace: bool = False,
    quiet: bool = False,
) -> BookSummary:
    """Create the book at ``book`` (a path or a PostgreSQL URL) and fill it.

    Refuses an existing file unless ``replace``, a file that is not a book, a
    folder, and a PostgreSQL database that holds a book with anything in it.
    """
    started = time.perf_counter()
    postgres = is_postgres_url(str(book))
    path: Path | str = str(book) if postgres else Path(book)
    files = [] if isinstance(path, str) else _clear_file(path, replace)
    count = managers or max(2, round(customers / CUSTOMERS_PER_MANAGER))
    supervisors, team = make_managers(count, seed)
    app = _create(str(path), replace, today)
    store = app.store
    with store.transaction():
        for manager in (*supervisors, *team):
            store.add_manager(manager)
    maker = CustomerMaker(app.hooks.profiles, [m.id for m in team], seed, today)
    for start in range(1, customers + 1, CHUNK):
        size = min(CHUNK, customers + 1 - start)
        with store.transaction():
            ids = [store.next_id("c") for _ in range(size)]
            if ids[0] != f"c-{start}":
                raise SystemExit(f"{path}: the c sequence gave {ids[0]}, expected c-{start}")
            store.add_customers([maker.make(customer_id) for customer_id in ids])
    notes = (
        generate_agreements(store, seed, today),
        generate_visits(store, team, customers, visits_per_customer, seed, today),
    )
    if not quiet:
        for note in notes:
            print(f"note: {note}")
    if postgres:
        size = _megabytes(store, files)
    app.close()  # the last connection checkpoints the WAL into the file
    if not postgres:
        size = _megabytes(store, files)
    seconds = time.perf_counter() - started
    return BookSummary(
        store.location if postgres else path,
        customers,
        count,
        len(supervisors),
        seconds,
        size,
        notes,
    )


def main(argv: Sequence[str] | None = None) -> None:
    """The command line: generate one book and print a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, required=True, metavar="N")
    parser.add_argument("--seed", type=int, required=True, metavar="S")
    parser.add_argument(
        "--book",
        metavar="PATH|URL",
        help="a new file, or a postgresql:// URL (default: build/bench/customers-N-seed-S.db)",
    )
    parser.add_argument(
        "--managers",
        type=int,
        metavar="M",
        help="account managers (default: one per 250 customers, at least 2);"
        " supervisors come on top, one per team of 8",
    )
    parser.add_argument("--visits-per-customer", type=float, default=2.0, metavar="V")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=REFERENCE_DATE,
        metavar="YYYY-MM-DD",
        help="the reference date (default 2026-11-23)",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing book")
    args = parser.parse_args(argv)
    if args.customers < 0 or (args.managers is not None and args.managers < 1):
        parser.error("--customers must be 0 or more and --managers 1 or more")
    book = args.book or BENCH_BOOKS / f"customers-{args.customers}-seed-{args.seed}.db"
    summary = generate_book(
        book,
        args.customers,
        args.seed,
        managers=args.managers,
        visits_per_customer=args.visits_per_customer,
        today=args.today,
        replace=args.force,
    )
    print(
        f"{summary.customers:,} customers, {summary.managers:,} managers,"
        f" {summary.supervisors:,} supervisor(s) in {summary.seconds:.1f} s:"
        f" {summary.path} ({summary.megabytes:.1f} MB)"
    )


if __name__ == "__main__":
    main()
