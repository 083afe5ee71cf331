"""Team books: `book copy` rows/s both ways, and 8 concurrent writers on each store.

    python bench/team.py [--customers 20000] [--writers 8] [--seconds 5]

Needs the PostgreSQL server of the tests (postgresql://postgres@127.0.0.1:5432,
databases and roles named ``t16b_...``, dropped after). Figures:

- copy SQLite -> PostgreSQL and back through `book copy` (verification
  included), against a raw copy of the same tables (sqlite3 SELECT, psycopg
  COPY; psycopg SELECT, sqlite3 executemany), both checked to hold as many
  rows;
- writes/s of N processes writing customers and visits at once (each as its
  own manager: ``--as`` on SQLite, his own role on PostgreSQL), against the
  same on SQLite.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import psycopg
from figures import Figure, print_figures
from generate import REFERENCE_DATE, generate_book

from accountcore._app import App
from accountcore._services.book_copy import copy_book

SERVER = "postgresql://{user}@127.0.0.1:5432/{db}"

WRITER = """
import datetime as dt, json, sys, time
from accountcore._app import App
from accountcore._services import customers, visits

url, manager, actor, start, seconds = sys.argv[1:6]
app = App(url, today=dt.date.today(), actor=actor or None)
app.store.count_customers()  # plugins, converter, connection: before the start
written = 0
while time.time() < float(start):
    time.sleep(0.01)
end = float(start) + float(seconds)
while time.time() < end:
    fields = {"name": f"{manager} {written}", "kind": "individual", "tier": "b"}
    customer = customers.add_customer(app, fields, manager=manager)
    visits.log_visit(app, customer.id, purpose="care", channel="phone")
    written += 2
app.close()
print(json.dumps(written))
"""


def _server(sql: str) -> None:
    with psycopg.connect(SERVER.format(user="postgres", db="test"), autocommit=True) as con:
        con.execute(sql)


def _timed_copy(source: str, target: str) -> float:
    started = time.perf_counter()
    app = App(source, today=REFERENCE_DATE)
    copy_book(app, app.evolve(book=target))
    app.close()
    return time.perf_counter() - started


def _raw_to_postgres(book: Path, url: str, tables: Sequence[str]) -> tuple[float, int]:
    started, rows = time.perf_counter(), 0
    with sqlite3.connect(book) as lite, psycopg.connect(url) as pg:
        for table in tables:
            cursor = lite.execute(f"SELECT * FROM {table}")
            names = ", ".join(f'"{d[0]}"' for d in cursor.description)
            with pg.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in cursor:
                    copy.write_row(row)
                    rows += 1
    return time.perf_counter() - started, rows


def _raw_to_sqlite(url: str, book: Path, tables: Sequence[str]) -> tuple[float, int]:
    started, rows = time.perf_counter(), 0
    with psycopg.connect(url) as pg, sqlite3.connect(book) as lite:
        for table in tables:
            cursor = pg.cursor(name=f"raw_{table}")
            cursor.execute(f"SELECT * FROM {table}")
            fetched = cursor.fetchall()
            names = [d[0] for d in cursor.description or ()]
            marks = ", ".join("?" for _ in names)
            quoted = ", ".join(f'"{name}"' for name in names)
            lite.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", fetched)
            rows += len(fetched)
    return time.perf_counter() - started, rows


def _empty_book(location: str) -> list[str]:
    app = App(location, today=REFERENCE_DATE)
    tables = app.create_book().book_tables()
    app.close()
    return tables


def _writers(location: str, logins: Sequence[tuple[str, str, str]], seconds: float) -> float:
    """Writes/s of one process per ``(url, manager, --as)``, all starting at once."""
    start = time.time() + 15  # every process started and its book open
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, manager, actor, str(start), str(seconds)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for url, manager, actor in logins
    ]
    written = sum(json.loads(run.communicate()[0]) for run in runs)
    if any(run.returncode for run in runs):
        raise SystemExit(f"a writer on {location} failed")
    return written / seconds


def run(workdir: Path, customers: int, writers: int, seconds: float) -> list[Figure]:
    """Generate a book, copy it both ways, then run the writers on both stores."""
    name = f"t16b_{uuid.uuid4().hex[:8]}"
    book = workdir / "source.db"
    generate_book(book, customers, seed=1, replace=True, quiet=True)
    roles = [f"{name}_w{n}" for n in range(writers)]
    for db in (name, f"{name}_raw", f"{name}_w"):
        _server(f"CREATE DATABASE {db}")
    try:
        url, raw_url = (
            SERVER.format(user="postgres", db=name),
            SERVER.format(user="postgres", db=f"{name}_raw"),
        )
        there = _timed_copy(str(book), url)
        tables = _empty_book(raw_url)
        raw_there, rows = _raw_to_postgres(book, raw_url, tables)
        back = _timed_copy(url, str(workdir / "back.db"))
        _empty_book(str(workdir / "raw.db"))
        raw_back, raw_rows = _raw_to_sqlite(url, workdir / "raw.db", tables)
        if rows != raw_rows:
            raise SystemExit(f"raw copies disagree: {rows} rows there, {raw_rows} back")

        lite = str(workdir / "writers.db")
        pg = SERVER.format(user="postgres", db=f"{name}_w")
        for location in (lite, pg):
            app = App(location, today=REFERENCE_DATE)
            app.create_book()
            from accountcore._services.managers import add_manager

            for n, role in enumerate(roles):
                login = role if location == pg else None
                add_manager(app, f"w{n}", f"Writer {n}", login=login)
            app.close()
        on_sqlite = _writers(lite, [(lite, f"w{n}", f"w{n}") for n in range(writers)], seconds)
        as_roles = [
            (SERVER.format(user=r, db=f"{name}_w"), f"w{n}", "") for n, r in enumerate(roles)
        ]
        on_postgres = _writers(pg, as_roles, seconds)
    finally:
        for db in (name, f"{name}_raw", f"{name}_w"):
            _server(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        for role in roles:
            _server(f"DROP ROLE IF EXISTS {role}")
    return [
        Figure(
            f"book copy SQLite -> PostgreSQL, rows/s ({rows:,} rows)",
            rows / there,
            "rows/s",
            "raw SELECT + COPY",
            rows / raw_there,
        ),
        Figure(
            f"book copy PostgreSQL -> SQLite, rows/s ({rows:,} rows)",
            rows / back,
            "rows/s",
            "raw SELECT + executemany",
            rows / raw_back,
        ),
        Figure(
            f"{writers} writers on PostgreSQL (own roles), writes/s",
            on_postgres,
            "writes/s",
            f"{writers} writers on SQLite (--as)",
            on_sqlite,
            "> 1x",
            on_postgres > on_sqlite,
        ),
    ]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the team book benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=20_000, metavar="N")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="accountcore-bench-") as workdir:
        figures = run(Path(workdir), args.customers, args.writers, args.seconds)
    print_figures(figures, f"Team books ({args.customers:,} customers)")


if __name__ == "__main__":
    main()
