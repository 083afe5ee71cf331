"""The store's cost over raw sqlite3, reading and writing customers, and its memory.

    python bench/store.py [--customers 100000] [--memory-customers 100000]

On a generated book of N customers:

- iterate: every customer through ``app.store.iter_customers()`` (each row
  structured into a Customer with its profiles by cattrs) against a raw
  sqlite3 loop over ``SELECT * FROM customers`` with ``json.loads`` of the
  profiles column, on the same file;
- insert: the same N customers into a new book through
  ``store.add_customers`` (chunks of 10,000, one transaction each) against
  raw ``executemany`` of the very rows the store wrote, in the same chunks;
- memory: the peak resident size of a fresh process iterating K and then 2K
  customers of a book of 2K (it should stay flat: batches, not the book).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from figures import Figure, print_figures
from generate import CHUNK, REFERENCE_DATE, generate_book

from accountcore._app import App

__all__ = ["bench_insert", "bench_iterate", "bench_memory", "run"]

# Run in a fresh interpreter. The peak is VmHWM, the high-water mark of this
# process's own memory: ru_maxrss would also count the parent's, which Linux
# carries over through fork and exec.
MEMORY_PROBE = """
import datetime as dt, resource, sys
from accountcore._app import App

def peak_kb():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

app = App(sys.argv[1], today=dt.date.fromisoformat(sys.argv[3]))
limit = int(sys.argv[2])
batches = app.store.iter_customers()
count = len(next(batches))
first = peak_kb()
for batch in batches:
    count += len(batch)
    if count >= limit:
        break
print(count, first, peak_kb())
"""


def _open(book: Path) -> App:
    app = App(str(book), today=REFERENCE_DATE)
    app.store.count_customers()  # plugins loaded, converter built, book opened: not timed
    return app


def bench_iterate(book: Path, repeat: int = 2) -> tuple[float, float, int]:
    """Seconds to read every customer through the store and raw (best of ``repeat``), and N."""
    app = _open(book)
    raw = sqlite3.connect(book)
    columns = [d[0] for d in raw.execute("SELECT * FROM customers LIMIT 0").description]
    profiles = columns.index("profiles")
    store_times, raw_times = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        count = 0
        for batch in app.store.iter_customers():
            count += len(batch)
        store_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        raw_count = 0
        for row in raw.execute("SELECT * FROM customers"):
            json.loads(row[profiles])
            raw_count += 1
        raw_times.append(time.perf_counter() - started)
    raw.close()
    app.close()
    if count != raw_count:
        raise SystemExit(f"{book}: the store read {count} customers, sqlite3 {raw_count}")
    return min(store_times), min(raw_times), count


def _empty_book(path: Path, managers_from: App) -> None:
    app = App(str(path), today=REFERENCE_DATE)
    store = app.create_book()
    with store.transaction():
        # Supervisors first: a manager's supervisor must exist before him.
        managers = managers_from.store.list_managers()
        for manager in sorted(managers, key=lambda m: m.supervisor is not None):
            store.add_manager(manager)
    app.close()


def _digest(book: Path) -> str:
    digest = hashlib.sha256()
    with sqlite3.connect(book) as db:
        for row in db.execute("SELECT * FROM customers ORDER BY seq"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def bench_insert(source: Path, workdir: Path) -> tuple[float, float]:
    """Seconds to insert ``source``'s customers into new books through the store and raw.

    Reading the source is not timed. Both books are created by the store (WAL,
    same schema and indexes) and checked to hold the same rows afterwards.
    """
    reader = _open(source)
    through_store, through_raw = workdir / "insert-store.db", workdir / "insert-raw.db"
    for path in (through_store, through_raw):
        path.unlink(missing_ok=True)
        _empty_book(path, reader)
    target = _open(through_store)
    store_seconds = 0.0
    for batch in reader.store.iter_customers(batch_size=CHUNK):
        started = time.perf_counter()
        with target.store.transaction():
            target.store.add_customers(batch)
        store_seconds += time.perf_counter() - started
    target.close()
    reader.close()

    source_db = sqlite3.connect(source)
    raw_db = sqlite3.connect(through_raw, isolation_level=None)
    raw_db.execute("PRAGMA foreign_keys = ON")  # as the store has it
    rows = source_db.execute("SELECT * FROM customers ORDER BY seq")
    names = ", ".join(d[0] for d in rows.description)
    insert = f"INSERT INTO customers ({names}) VALUES ({', '.join('?' * len(rows.description))})"
    raw_seconds = 0.0
    while chunk := rows.fetchmany(CHUNK):
        started = time.perf_counter()
        raw_db.execute("BEGIN IMMEDIATE")
        raw_db.executemany(insert, chunk)
        raw_db.execute("COMMIT")
        raw_seconds += time.perf_counter() - started
    raw_db.close()
    source_db.close()
    if _digest(through_store) != _digest(through_raw):
        raise SystemExit(f"{through_store} and {through_raw} differ: the store changed the rows")
    return store_seconds, raw_seconds


def bench_memory(book: Path, counts: Sequence[int]) -> list[tuple[int, float, float]]:
    """For each count, a fresh process iterates that many: (count, MB after 1 batch, peak MB)."""
    results = []
    for count in counts:
        done = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, str(book), str(count), REFERENCE_DATE.isoformat()],
            capture_output=True,
            text=True,
            check=True,
        )
        read, first_kb, peak_kb = (int(part) for part in done.stdout.split())
        results.append((read, first_kb / 1024, peak_kb / 1024))
    return results


def _progress(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def run(workdir: Path, customers: int = 100_000, memory_customers: int = 100_000) -> list[Figure]:
    """Generate the books in ``workdir`` and run the three store benchmarks."""
    book = workdir / f"store-{customers}.db"
    _progress(f"generating {customers:,} customers")
    made = generate_book(book, customers, seed=1, replace=True, quiet=True)
    _progress(f"  {made.seconds:.1f} s, {made.megabytes:.0f} MB; iterating")
    store_read, raw_read, count = bench_iterate(book)
    _progress("inserting")
    store_write, raw_write = bench_insert(book, workdir)

    big = memory_customers * 2
    memory_book = book if big == customers else workdir / f"store-{big}.db"
    if memory_book != book:
        _progress(f"generating {big:,} customers for the memory probe")
        generate_book(memory_book, big, seed=1, replace=True, quiet=True)
    _progress("memory probes")
    (small_n, first, small_peak), (big_n, _, big_peak) = bench_memory(
        memory_book, [memory_customers, big]
    )
    per = f"per 1,000 customers ({count:,})"
    return [
        Figure(
            f"iterate: store.iter_customers, ms {per}",
            store_read / count * 1e6,
            "ms",
            "raw SELECT * + json.loads(profiles)",
            raw_read / count * 1e6,
        ),
        Figure(
            f"insert: store.add_customers, ms {per}",
            store_write / count * 1e6,
            "ms",
            "raw executemany, same rows",
            raw_write / count * 1e6,
        ),
        Figure(
            f"peak RSS iterating {big_n:,} customers",
            big_peak,
            "MB",
            f"iterating {small_n:,}",
            small_peak,
            "< 1.1x",
            big_peak < 1.1 * small_peak,
        ),
        Figure("RSS after the first batch (plugins, converter)", first, "MB"),
    ]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the store benchmarks on their own and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=100_000, metavar="N")
    parser.add_argument(
        "--memory-customers",
        type=int,
        default=100_000,
        metavar="K",
        help="the memory probe iterates K, then 2K customers",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="accountcore-bench-") as workdir:
        figures = run(Path(workdir), args.customers, args.memory_customers)
    print_figures(figures, f"Store ({args.customers:,} customers)")


if __name__ == "__main__":
    main()
