"""Import and export of customers (and visits) against raw sqlite3, with the import's memory.

    python bench/import.py [--customers 1000000] [--memory-customers 100000] [--visits 0]

- import: ``customer import`` of a CSV of N customers (core fields, a telecom
  profile, created_on) into a new book through the import service (every row
  structured, checked by the customers service and the telecom profile,
  duplicates looked up, one audit event per customer, all or nothing),
  against raw ``sqlite3.executemany`` of the same rows, parsed from the same
  CSV by a bare loop, into a book with the same schema, in one transaction.
  Both books are checked to hold the same customer rows.
- memory: the peak resident size of a fresh process importing K, then N
  rows (it should stay flat: chunks, never the file).
- export: ``customer export --reveal`` of that book to CSV against a raw
  ``SELECT`` written with ``csv.writer``; both files are checked to be the same.
- visits (``--visits V``): ``visit import`` of V visits for those customers
  against raw ``executemany`` of the same rows.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from figures import Figure, print_figures

__all__ = ["run"]

TODAY = dt.date(2026, 11, 23)
MANAGERS = 50
CUSTOMER_COLUMNS = (
    "external_id",
    "name",
    "kind",
    "tier",
    "manager",
    "birthday",
    "phone",
    "created_on",
    "telecom.msisdn",
    "telecom.real_name_verified",
    "telecom.contract",
    "telecom.network_join",
    "telecom.arrears_amount",
)
VISIT_COLUMNS = ("customer", "on", "purpose", "channel", "outcome")

# Run in a fresh interpreter: prints seconds and the peak resident size (VmHWM) in kB.
PROBE = """
import datetime as dt, sys, time
from pathlib import Path
from accountcore._app import App
from accountcore._services.imports import ImportOptions, import_records
from accountcore._services.exports import export_records

def peak_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

book, what, path = sys.argv[1], sys.argv[2], Path(sys.argv[3])
app = App(book, today=dt.date.fromisoformat(sys.argv[4]))
app.store.count_customers(); app.hooks.profiles  # plugins and converter loaded: not timed
started = time.perf_counter()
if what == "export":
    export_records(app, "customer", path, "csv", reveal=True)
else:
    summary = import_records(app, what, path, ImportOptions())
    assert summary.rejected == 0, summary.problems[:3]
print(time.perf_counter() - started, peak_kb())
"""


def _progress(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def write_customers(path: Path, count: int, seed: int = 1) -> None:
    """A CSV of ``count`` customers as a firm's old system would give them."""
    rnd = random.Random(f"{seed}-customers")
    tiers, contracts = ("vip", "a", "b", "c"), ("month-to-month", "one-year", "two-year")
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(CUSTOMER_COLUMNS)
        for n in range(1, count + 1):
            phone = f"139{n:08d}"
            born = dt.date(1950, 1, 1) + dt.timedelta(days=rnd.randrange(20000))
            joined = TODAY - dt.timedelta(days=rnd.randrange(1, 6000))
            out.writerow(
                [
                    f"E{n}",
                    f"Customer {n}",
                    "individual",
                    rnd.choice(tiers),
                    f"m{rnd.randrange(1, MANAGERS + 1)}",
                    born.isoformat(),
                    phone,
                    joined.isoformat(),
                    phone,
                    rnd.choice(("true", "false")),
                    rnd.choice(contracts),
                    joined.isoformat(),
                    "0",
                ]
            )


def write_visits(path: Path, count: int, customers: int, seed: int = 1) -> None:
    """A CSV of ``count`` past visits, customers named by external id."""
    rnd = random.Random(f"{seed}-visits")
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(VISIT_COLUMNS)
        for _ in range(count):
            day = TODAY - dt.timedelta(days=rnd.randrange(1, 2000))
            out.writerow(
                [f"E{rnd.randrange(1, customers + 1)}", day.isoformat(), "return", "phone", "ok"]
            )


def new_book(path: Path) -> None:
    """A book with the managers m1..m50, made by the CLI's own path (the schema, WAL)."""
    from accountcore._app import App
    from accountcore._model import Manager

    app = App(str(path), today=TODAY)
    store = app.create_book()
    with store.transaction():
        for n in range(1, MANAGERS + 1):
            store.add_manager(Manager(f"m{n}", f"Manager {n}"))
    app.close()


def probe(book: Path, what: str, path: Path) -> tuple[float, float]:
    """Seconds and peak MB of one import (or export) in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(book), what, str(path), TODAY.isoformat()],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak = done.stdout.split()
    return float(seconds), int(peak) / 1024


def raw_import(book: Path, source: Path) -> float:
    """Seconds for a bare loop to parse the CSV and ``executemany`` its rows, one transaction."""
    started = time.perf_counter()
    db = sqlite3.connect(book, isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    insert = (
        "INSERT INTO customers (seq, id, external_id, name, kind, tier, status, manager,"
        " birthday, phone, email, address, id_number, consent, contacts, profiles, created_on)"
        " VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, NULL, NULL, NULL, '[]', '[]', ?, ?)"
    )

    def rows():
        with source.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader)
            for n, r in enumerate(reader, start=1):
                profile = {
                    "arrears_amount": r[12],
                    "contract": r[10],
                    "msisdn": r[8],
                    "network_join": r[11],
                    "real_name_verified": r[9] == "true",
                }
                profiles = json.dumps({"telecom": profile}, ensure_ascii=False, sort_keys=True)
                yield (n, f"c-{n}", r[0], r[1], r[2], r[3], r[4], r[5], r[6], profiles, r[7])

    db.execute("BEGIN IMMEDIATE")
    db.executemany(insert, rows())
    db.execute("COMMIT")
    db.close()
    return time.perf_counter() - started


def raw_visits(book: Path, source: Path) -> float:
    """Seconds for a bare loop to parse the visits CSV and ``executemany`` them."""
    started = time.perf_counter()
    db = sqlite3.connect(book, isolation_level=None)
    insert = (
        'INSERT INTO visits (seq, id, customer, manager, "on", channel, purpose, status, outcome)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, 'done', ?)"
    )
    managers = dict(db.execute("SELECT external_id, id || ' ' || manager FROM customers"))

    def rows():
        with source.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader)
            for n, r in enumerate(reader, start=1):
                customer, manager = managers[r[0]].split(" ")
                yield (n, f"v-{n}", customer, manager, r[1], r[3], r[2], r[4])

    db.execute("BEGIN IMMEDIATE")
    db.executemany(insert, rows())
    db.execute("COMMIT")
    db.close()
    return time.perf_counter() - started


def raw_export(book: Path, target: Path, columns: Sequence[str]) -> float:
    """Seconds for a raw ``SELECT`` written with ``csv.writer`` in the export's columns."""
    started = time.perf_counter()
    db = sqlite3.connect(book)
    core = [c for c in columns if "." not in c]
    extra = [c for c in columns if "." in c]
    with target.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(columns)
        select = f"SELECT {', '.join(core)}, profiles FROM customers ORDER BY seq"
        for row in db.execute(select):
            record = dict(zip([*core, "profiles"], row, strict=True))
            consent, contacts = json.loads(record["consent"]), json.loads(record["contacts"])
            record["consent"] = ",".join(consent)
            record["contacts"] = json.dumps(contacts, sort_keys=True) if contacts else ""
            for plugin, fields in json.loads(record["profiles"]).items():
                for name, value in fields.items():
                    record[f"{plugin}.{name}"] = (
                        ("true" if value else "false") if isinstance(value, bool) else value
                    )
            out.writerow(["" if record.get(c) is None else record[c] for c in [*core, *extra]])
    db.close()
    return time.perf_counter() - started


def digest_customers(book: Path) -> str:
    """A hash of every customer row, in order."""
    digest = hashlib.sha256()
    with sqlite3.connect(book) as db:
        for row in db.execute("SELECT * FROM customers ORDER BY seq"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def digest_file(path: Path) -> str:
    """The SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(workdir: Path, customers: int, memory_customers: int, visits: int = 0) -> list[Figure]:
    """Generate the files in ``workdir`` and run the import and export benchmarks."""
    from accountcore._app import App
    from accountcore._services.exports import customer_columns

    source = workdir / f"customers-{customers}.csv"
    _progress(f"writing {customers:,} customers to {source.name}")
    write_customers(source, customers)
    ours, raw = workdir / "import.db", workdir / "raw.db"
    for book in (ours, raw):
        book.unlink(missing_ok=True)
        new_book(book)
    _progress("importing through the service")
    seconds, peak = probe(ours, "customer", source)
    _progress(f"  {seconds:.1f} s, peak {peak:.0f} MB; raw executemany")
    raw_seconds = raw_import(raw, source)
    if digest_customers(ours) != digest_customers(raw):
        raise SystemExit(f"{ours} and {raw} hold different customers: the import changed rows")

    small = workdir / f"customers-{memory_customers}.csv"
    write_customers(small, memory_customers)
    small_book = workdir / "import-small.db"
    small_book.unlink(missing_ok=True)
    new_book(small_book)
    _progress(f"memory: importing {memory_customers:,}")
    _, small_peak = probe(small_book, "customer", small)

    _progress("exporting")
    out, raw_out = workdir / "export.csv", workdir / "export-raw.csv"
    export_seconds, _ = probe(ours, "export", out)
    app = App(str(ours), today=TODAY)
    columns = customer_columns(app)
    app.close()
    raw_export_seconds = raw_export(ours, raw_out, columns)
    if digest_file(out) != digest_file(raw_out):
        raise SystemExit(f"{out} and {raw_out} differ: the export wrote other cells")

    figures = [
        Figure(
            f"import {customers:,} customers (CSV), rows/s",
            customers / seconds,
            "rows/s",
            "raw executemany",
            customers / raw_seconds,
            ">= 1/3",
            customers / seconds >= customers / raw_seconds / 3,
        ),
        Figure(
            f"import peak memory, {memory_customers:,} -> {customers:,} rows",
            peak,
            "MB",
            f"peak at {memory_customers:,}",
            small_peak,
            "< 300 MB, flat",
            peak < 300 and peak < small_peak * 1.25,
        ),
        Figure(
            f"export {customers:,} customers (CSV), rows/s",
            customers / export_seconds,
            "rows/s",
            "raw SELECT + csv.writer",
            customers / raw_export_seconds,
            ">= 1/2",
            customers / export_seconds >= customers / raw_export_seconds / 2,
        ),
    ]
    if visits:
        figures.append(_visits(workdir, ours, raw, customers, visits))
    return figures


def _visits(workdir: Path, ours: Path, raw: Path, customers: int, visits: int) -> Figure:
    source = workdir / f"visits-{visits}.csv"
    _progress(f"writing {visits:,} visits")
    write_visits(source, visits, customers)
    _progress("importing visits through the service")
    seconds, peak = probe(ours, "visit", source)
    _progress(f"  {seconds:.1f} s, peak {peak:.0f} MB; raw executemany")
    raw_seconds = raw_visits(raw, source)
    return Figure(
        f"import {visits:,} visits (CSV), rows/s (peak {peak:.0f} MB)",
        visits / seconds,
        "rows/s",
        "raw executemany",
        visits / raw_seconds,
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Run the import and export benchmarks and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000, metavar="N")
    parser.add_argument("--memory-customers", type=int, default=100_000, metavar="K")
    parser.add_argument("--visits", type=int, default=0, metavar="V")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="accountcore-bench-import-") as folder:
        figures = run(Path(folder), args.customers, args.memory_customers, args.visits)
    print_figures(figures, f"Import and export ({args.customers:,} customers)")


if __name__ == "__main__":
    main()
