"""Generate a realistic synthetic book, the same for the same size and seed.

    python bench/generate.py --customers 100000 --seed 1 [--book PATH]

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
import time
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from agreement_maker import make_agreements
from customer_maker import CustomerMaker, make_managers

from accountcore import Manager
from accountcore._app import App

__all__ = ["CHUNK", "REFERENCE_DATE", "BookSummary", "CustomerMaker", "generate_book", "main"]

REFERENCE_DATE = dt.date(2026, 11, 23)
CHUNK = 10_000
CUSTOMERS_PER_MANAGER = 250
BENCH_BOOKS = Path(__file__).resolve().parent.parent / "build" / "bench"


def _has_table(store: Any, name: str) -> bool:
    # Bench only: the store port has no public "which tables" question.
    row = store._db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


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

    path: Path
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
    """Create the book at ``book`` and fill it; refuses an existing file unless ``replace``."""
    started = time.perf_counter()
    path = Path(book)
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    if path.exists() and not replace:
        raise SystemExit(f"{path} exists: give another --book, or --force to replace it")
    for file in files:
        file.unlink(missing_ok=True)
    count = managers or max(2, round(customers / CUSTOMERS_PER_MANAGER))
    supervisors, team = make_managers(count, seed)
    app = App(str(path), today=today)
    store = app.create_book()
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
    app.close()  # the last connection checkpoints the WAL into the file
    size = sum(file.stat().st_size for file in files if file.exists()) / 1e6
    seconds = time.perf_counter() - started
    return BookSummary(path, customers, count, len(supervisors), seconds, size, notes)


def main(argv: Sequence[str] | None = None) -> None:
    """The command line: generate one book and print a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, required=True, metavar="N")
    parser.add_argument("--seed", type=int, required=True, metavar="S")
    parser.add_argument(
        "--book", type=Path, metavar="PATH", help="default: build/bench/customers-N-seed-S.db"
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
