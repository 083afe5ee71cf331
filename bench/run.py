"""``make bench``: the start-up, store and care benchmarks at modest sizes, in a few minutes.

    python bench/run.py [--runs 15] [--customers 50000] [--memory-customers 100000]
                        [--care-customers 50000] [--care-memory-customers 25000]

Books are generated (bench/generate.py, seed 1) into a temporary folder that
is removed afterwards. The report gives each measure, its baseline and the
ratio; a bar that is missed is marked MISSED (the exit status stays 0: these
are measures, not tests). Run bench/startup.py, bench/store.py or
bench/care.py alone for one of them (bench/care.py --customers 1000000 for
the full daily batch), bench/generate.py for a book to keep.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import care as care_bench
import startup
import store as store_bench
from figures import print_figures

import accountcore


def main(argv: Sequence[str] | None = None) -> None:
    """Run every benchmark and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each command")
    parser.add_argument("--customers", type=int, default=50_000, metavar="N",
                        help="customers read and written by the store benchmark")  # fmt: skip
    parser.add_argument("--memory-customers", type=int, default=100_000, metavar="K",
                        help="the memory probe iterates K, then 2K customers")  # fmt: skip
    parser.add_argument("--care-customers", type=int, default=50_000, metavar="N",
                        help="customers of the daily care and retention batch")  # fmt: skip
    parser.add_argument("--care-memory-customers", type=int, default=25_000, metavar="K",
                        help="the batch's memory probe runs over K, then 2K customers")  # fmt: skip
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="accountcore-bench-") as folder:
        workdir = Path(folder)
        print("start-up: timing the accountcore command", flush=True)
        startup_figures = startup.run(workdir, runs=args.runs)
        print("store: reading, writing and memory", flush=True)
        store_figures = store_bench.run(workdir, args.customers, args.memory_customers)
        print("care: the daily care and retention batch, and its memory", flush=True)
        care_figures = care_bench.run(workdir, args.care_customers, args.care_memory_customers)
    print(
        f"\naccountcore {accountcore.__version__}, Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}, {platform.machine()}; {sys.executable}"
    )
    print_figures(startup_figures, f"Start-up (median of {args.runs} runs, interleaved)")
    print_figures(store_figures, f"Store ({args.customers:,} customers)")
    print_figures(care_figures, f"Daily care and retention batch ({args.care_customers:,})")
    print(f"\n{time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
