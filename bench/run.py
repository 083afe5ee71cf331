"""``make bench``: the start-up, store, compliance, visit, care and audit benchmarks, modest sizes.

    python bench/run.py [--runs 15] [--customers 50000] [--memory-customers 100000]
                        [--compliance-customers 20000] [--visit-customers 50000]
                        [--care-customers 50000] [--care-memory-customers 25000]

Books are generated (bench/generate.py, seed 1) into a temporary folder that
is removed afterwards. The report gives each measure, its baseline and the
ratio; a bar that is missed is marked MISSED (the exit status stays 0: these
are measures, not tests). Run bench/startup.py, bench/store.py,
bench/compliance.py, bench/visits.py or bench/care.py alone for one of them at
the issues' full sizes (--customers 100000 for compliance, 1000000 for visits
and care), bench/generate.py for a book to keep.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import audit as audit_bench
import care as care_bench
import compliance as compliance_bench
import retention_read
import startup
import store as store_bench
import visits as visits_bench
from figures import print_figures

import accountcore


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
    args = parser.parse_args(argv)
    import_bench = importlib.import_module("import")  # bench/import.py: a keyword as a name
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="accountcore-bench-") as folder:
        workdir = Path(folder)
        print("start-up: timing the accountcore command", flush=True)
        startup_figures = startup.run(workdir, runs=args.runs)
        print("store: reading, writing and memory", flush=True)
        store_figures = store_bench.run(workdir, args.customers, args.memory_customers)
        print("compliance: check --all against a bare loop", flush=True)
        compliance_figures = compliance_bench.run(workdir, args.compliance_customers)
        print("visits: overdue against one SQL query, and memory", flush=True)
        visit_figures = visits_bench.run(workdir, args.visit_customers)
        print("care: the daily care and retention batch, and its memory", flush=True)
        care_figures = care_bench.run(workdir, args.care_customers, args.care_memory_customers)
        print("retention: risks read from what the batch stored", flush=True)
        retention_figures = retention_read.run(workdir, args.care_customers)
        print("audit: verify against a bare loop over rows", flush=True)
        audit_figures = audit_bench.run(args.audit_customers)
        print("import: customer import and export against raw sqlite3, and memory", flush=True)
        import_figures = import_bench.run(
            workdir, args.import_customers, args.import_memory_customers
        )
    print(
        f"\naccountcore {accountcore.__version__}, Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}, {platform.machine()}; {sys.executable}"
    )
    print_figures(startup_figures, f"Start-up (median of {args.runs} runs, interleaved)")
    print_figures(store_figures, f"Store ({args.customers:,} customers)")
    print_figures(compliance_figures, f"Compliance ({args.compliance_customers:,} customers)")
    print_figures(visit_figures, f"Visits ({args.visit_customers:,} customers, 5 visits each)")
    print_figures(care_figures, f"Daily care and retention batch ({args.care_customers:,})")
    print_figures(retention_figures, f"Stored retention read ({args.care_customers:,})")
    print_figures(audit_figures, f"Audit verify ({args.audit_customers:,} customers)")
    print_figures(import_figures, f"Import and export ({args.import_customers:,} customers)")
    print(f"\n{time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
