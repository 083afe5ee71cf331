"""Peak memory of a listing as a table and as CSV, against the same listing as JSON.

    python bench/output.py [--customers 100000]
    python bench/output.py --customers 1000000          # the issue's size

On generated books (bench/generate.py, seed 1) of N/5 and N customers, runs
``accountcore customer list`` in a fresh process in each format and reads its
peak resident size (``/usr/bin/time``-free: ``resource.getrusage`` of the
child). The bars: a table (and CSV) within 1.2x of JSON's peak, and flat
(within 1.2x) from N/5 to N. Both sides list the same customers: the ids in
the table are checked against the JSON's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from figures import Figure, print_figures
from generate import generate_book

__all__ = ["run"]

_ID = re.compile(r"^(c-[0-9]+)\s", re.MULTILINE)


def _listing(book: Path, fmt: str) -> tuple[float, bytes]:
    """The peak megabytes of ``customer list`` in ``fmt`` on ``book``, and its output."""
    script = Path(sys.executable).parent / "accountcore"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    env = {**os.environ, "COLUMNS": "120"}
    done = subprocess.run(
        [str(script), "--book", str(book), "customer", "list", "--format", fmt],
        capture_output=True,
        check=True,
        env=env,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of the children is the largest of them: run the formats smallest first.
    return max(peak, before) / 1024, done.stdout


def _same_customers(table: bytes, listed: bytes) -> None:
    in_table = _ID.findall(table.decode())
    in_json = [customer["id"] for customer in json.loads(listed)]
    if in_table != in_json:
        sys.exit("the table and the JSON list different customers")


def run(customers: int) -> list[Figure]:
    """Generate the two books and measure; the figures."""
    figures = []
    peaks: dict[tuple[int, str], float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in (customers // 5, customers):
            book = Path(folder) / f"output-{size}.db"
            generate_book(book, size, seed=1, quiet=True, visits_per_customer=0)
            outputs = {}
            for fmt in ("json", "csv", "table"):
                # Each in its own interpreter so the peaks do not mix.
                code = (
                    "import sys; sys.path.insert(0, sys.argv[1]); import output;"
                    " peak, out = output._listing(output.Path(sys.argv[2]), sys.argv[3]);"
                    " sys.stdout.buffer.write(f'{peak}\\n'.encode() + out)"
                )
                done = subprocess.run(
                    [sys.executable, "-c", code, str(Path(__file__).parent), str(book), fmt],
                    capture_output=True,
                    check=True,
                )
                first, _, rest = done.stdout.partition(b"\n")
                peaks[size, fmt] = float(first)
                outputs[fmt] = rest
            _same_customers(outputs["table"], outputs["json"])
            for fmt in ("table", "csv"):
                json_peak = peaks[size, "json"]
                figures.append(
                    Figure(
                        f"customer list of {size:,}, {fmt}",
                        peaks[size, fmt],
                        "MB",
                        "as JSON",
                        json_peak,
                        "within 1.2x",
                        peaks[size, fmt] <= 1.2 * json_peak,
                    )
                )
        small, large = customers // 5, customers
        figures.append(
            Figure(
                f"table, {large:,} customers",
                peaks[large, "table"],
                "MB",
                f"table, {small:,}",
                peaks[small, "table"],
                "flat: within 1.2x",
                peaks[large, "table"] <= 1.2 * peaks[small, "table"],
            )
        )
    return figures


def main(argv: Sequence[str] | None = None) -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=100_000)
    args = parser.parse_args(argv)
    print_figures(run(args.customers), f"Output memory, {args.customers:,} customers")


if __name__ == "__main__":
    main()
