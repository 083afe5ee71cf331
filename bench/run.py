"""``make bench``: the start-up, store, compliance, visit, care and audit benchmarks, modest sizes,
then the same workloads on SQLite and PostgreSQL at 100,000 customers.

    python bench/run.py [--runs 15] [--customers 50000] [--memory-customers 100000]
                        [--compliance-customers 20000] [--visit-customers 50000]
                        [--care-customers 50000] [--care-memory-customers 25000]
                        [--both-customers 100000] [--server URL] [--results PATH]

Books are generated (bench/generate.py, seed 1) into a temporary folder that
is removed afterwards. The report gives each measure, its baseline and the
ratio; a bar that is missed is marked MISSED (the exit status stays 0: these
are measures, not tests), and every figure goes to bench/results.json
(measure, baseline, ratio, bar, pass or miss). The both-stores section
(bench/stores.py) creates its PostgreSQL databases on ``--server`` and drops
them; with no server it is skipped with one line. Run bench/startup.py, bench/store.py,
bench/compliance.py, bench/visits.py or bench/care.py alone for one of them at
the issues' full sizes (--customers 100000 for compliance, 1000000 for visits
and care), bench/generate.py for a book to keep.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import agenda as agenda_bench
import audit as audit_bench
import care as care_bench
import compliance as compliance_bench
import output as output_bench
import retention_read
import startup
import store as store_bench
import stores as stores_bench
import visits as visits_bench
from figures import Figure, as_record, print_figures

import accountcore

RESULTS = Path(__file__).resolve().parent / "results.json"


class Section(NamedTuple):
    """One benchmark of the report: what it says while running, its title, and the measure."""

    progress: str
    title: Callable[[argparse.Namespace], str]
    measure: Callable[[Path, argparse.Namespace], list[Figure]]


def _import_bench(workdir: Path, args: argparse.Namespace) -> list[Figure]:
    bench = importlib.import_module("import")  # bench/import.py: a keyword as a name
    return bench.run(workdir, args.import_customers, args.import_memory_customers)


# In report order; a new measure is one more row here.
SECTIONS = [
    Section(
        "start-up: timing the accountcore command",
        lambda a: f"Start-up (median of {a.runs} runs, interleaved)",
        lambda w, a: startup.run(w, runs=a.runs),
    ),
    Section(
        "store: reading, writing and memory",
        lambda a: f"Store ({a.customers:,} customers)",
        lambda w, a: store_bench.run(w, a.customers, a.memory_customers),
    ),
    Section(
        "compliance: check --all against a bare loop",
        lambda a: f"Compliance ({a.compliance_customers:,} customers)",
        lambda w, a: compliance_bench.run(w, a.compliance_customers),
    ),
    Section(
        "visits: overdue against one SQL query, and memory",
        lambda a: f"Visits ({a.visit_customers:,} customers, 5 visits each)",
        lambda w, a: visits_bench.run(w, a.visit_customers),
    ),
    Section(
        "care: the daily care and retention batch, and its memory",
        lambda a: f"Daily care and retention batch ({a.care_customers:,})",
        lambda w, a: care_bench.run(w, a.care_customers, a.care_memory_customers),
    ),
    Section(
        "output: a listing's memory as a table and CSV against JSON",
        lambda a: f"Output memory ({a.memory_customers:,} customers)",
        lambda w, a: output_bench.run(a.memory_customers),
    ),
    Section(
        "retention: the day's stored risks against one SQL query",
        lambda a: f"Retention risks read after the batch ({a.care_customers:,} customers)",
        lambda w, a: retention_read.run(w, a.care_customers),
    ),
    Section(
        "agenda: one manager's agenda against the SQL of its stored items",
        lambda a: f"Agenda ({a.care_customers:,} customers)",
        lambda w, a: agenda_bench.run(a.care_customers, runs=3),
    ),
    Section(
        "audit: verify against a bare loop over rows",
        lambda a: f"Audit verify ({a.audit_customers:,} customers)",
        lambda w, a: audit_bench.run(a.audit_customers),
    ),
    Section(
        "import: customer import and export against raw sqlite3, and memory",
        lambda a: f"Import and export ({a.import_customers:,} customers)",
        _import_bench,
    ),
    Section(
        "both stores: the workloads on SQLite and PostgreSQL",
        lambda a: f"PostgreSQL against SQLite, single user ({a.both_customers:,} customers)",
        lambda w, a: stores_bench.run(w, a.both_customers, a.audit_customers, a.server),
    ),
]


def main(argv: Sequence[str] | None = None) -> None:
    """Run every benchmark and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each command")
    parser.add_argument(
        "--customers",
        type=int,
        default=50_000,
        metavar="N",
        help="customers read and written by the store benchmark",
    )
    parser.add_argument(
        "--memory-customers",
        type=int,
        default=100_000,
        metavar="K",
        help="the memory probe iterates K, then 2K customers",
    )
    parser.add_argument(
        "--compliance-customers",
        type=int,
        default=20_000,
        metavar="C",
        help="customers of the compliance check benchmark",
    )
    parser.add_argument(
        "--visit-customers",
        type=int,
        default=50_000,
        metavar="N",
        help="customers (5 visits each) of the overdue-visits book",
    )
    parser.add_argument(
        "--care-customers",
        type=int,
        default=50_000,
        metavar="N",
        help="customers of the daily care and retention batch",
    )
    parser.add_argument(
        "--care-memory-customers",
        type=int,
        default=25_000,
        metavar="K",
        help="the batch's memory probe runs over K, then 2K customers",
    )
    parser.add_argument(
        "--audit-customers",
        type=int,
        default=5_000,
        metavar="N",
        help="customers (added and updated: 2N events) of the audit verify benchmark",
    )
    parser.add_argument(
        "--import-customers",
        type=int,
        default=100_000,
        metavar="N",
        help="customers imported from CSV and exported again (bench/import.py)",
    )
    parser.add_argument(
        "--import-memory-customers",
        type=int,
        default=20_000,
        metavar="K",
        help="the import's memory probe imports K, then N rows",
    )
    parser.add_argument(
        "--both-customers",
        type=int,
        default=100_000,
        metavar="N",
        help="customers of the books the workloads run on, on SQLite and on PostgreSQL",
    )
    parser.add_argument(
        "--server",
        default=stores_bench.SERVER,
        metavar="URL",
        help=f"the PostgreSQL server the both-stores databases are made on ({stores_bench.SERVER})",
    )
    parser.add_argument(
        "--results", type=Path, default=RESULTS, metavar="PATH", help="default bench/results.json"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    measured: list[tuple[str, list[Figure]]] = []
    with tempfile.TemporaryDirectory(prefix="accountcore-bench-") as folder:
        for section in SECTIONS:
            print(section.progress, flush=True)
            measured.append((section.title(args), section.measure(Path(folder), args)))
    about = (
        f"accountcore {accountcore.__version__}, Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}, {platform.machine()}; {sys.executable}"
    )
    print(f"\n{about}")
    for title, figures in measured:
        if figures:
            print_figures(figures, title)
    seconds = time.perf_counter() - started
    results = {
        "about": about,
        "seconds": round(seconds),
        "sections": [
            {"title": title, "figures": [as_record(figure) for figure in figures]}
            for title, figures in measured
        ],
    }
    args.results.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\n{seconds:.0f} s in all; the figures are in {args.results}")


if __name__ == "__main__":
    main()
