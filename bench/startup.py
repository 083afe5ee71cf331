"""Start-up time of the ``accountcore`` command against importing its libraries.

    python bench/startup.py [--runs 15] [--customers 1000]

Measures, with the interpreter running this script:

- ``accountcore --help`` against ``python -c "import click, pluggy, attrs,
  cattrs"`` (the bar: under 1.0 times the baseline);
- ``accountcore --book B customer list --format json`` on a generated book of
  1,000 customers, against the same baseline (the bar: within 1.6 times);
- ``accountcore --book B customer show c-1 --format json``, the same start-up
  (plugins, converter, book) with one customer to read and print (the bar:
  within 1.3 times the baseline).

Each command runs twice to warm up, then 15 times, the commands interleaved
so that a slow moment of the machine weighs on all of them; the figure is the
median wall time of a run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from figures import Figure, print_figures
from generate import generate_book

__all__ = ["run", "time_commands"]

BASELINE = "import click, pluggy, attrs, cattrs"
HELP_BAR = 1.0  # times the baseline
LIST_BAR = 1.6
SHOW_BAR = 1.3


def console_script() -> Path:
    """The ``accountcore`` script of the environment whose Python runs this."""
    script = Path(sys.executable).parent / "accountcore"
    if not script.exists():
        raise SystemExit(
            f"no accountcore script next to {sys.executable}: run with the venv's python"
            " (.venv/bin/python bench/startup.py)"
        )
    return script


def _environment() -> dict[str, str]:
    # The user's own book, plugins or user must not change what is measured; and a
    # user's Python caches bytecode: with PYTHONDONTWRITEBYTECODE every run would
    # compile accountcore's (editable) sources again and measure the compiler.
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("ACCOUNTCORE_") and key != "PYTHONDONTWRITEBYTECODE"
    }


def time_commands(
    commands: Mapping[str, Sequence[str]], runs: int = 15, warmup: int = 2
) -> dict[str, float]:
    """The median wall time in ms of each command, run interleaved after ``warmup`` rounds."""
    env = _environment()
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(warmup + runs):
        for name, command in commands.items():
            started = time.perf_counter()
            done = subprocess.run(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
            )
            elapsed = time.perf_counter() - started
            if done.returncode != 0:
                raise SystemExit(
                    f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()}"
                )
            if round_ >= warmup:
                times[name].append(elapsed * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def run(workdir: Path, runs: int = 15, customers: int = 1000, warmup: int = 2) -> list[Figure]:
    """Generate a book of ``customers`` in ``workdir`` and time the three commands."""
    book = workdir / f"startup-{customers}.db"
    generate_book(book, customers, seed=1, replace=True, quiet=True)
    script = str(console_script())
    baseline = f'python -c "{BASELINE}"'
    listing = f"accountcore customer list --format json ({customers:,} customers)"
    showing = "accountcore customer show c-1 --format json"
    medians = time_commands(
        {
            baseline: [sys.executable, "-c", BASELINE],
            "accountcore --help": [script, "--help"],
            listing: [script, "--book", str(book), "customer", "list", "--format", "json"],
            showing: [script, "--book", str(book), "customer", "show", "c-1", "--format", "json"],
        },
        runs=runs,
        warmup=warmup,
    )
    help_ms, base_ms = medians["accountcore --help"], medians[baseline]
    list_ms, show_ms = medians[listing], medians[showing]
    return [
        Figure(
            "accountcore --help",
            help_ms,
            "ms",
            baseline,
            base_ms,
            f"< {HELP_BAR}x",
            help_ms < HELP_BAR * base_ms,
        ),
        Figure(
            listing,
            list_ms,
            "ms",
            baseline,
            base_ms,
            f"<= {LIST_BAR}x",
            list_ms <= LIST_BAR * base_ms,
        ),
        Figure(
            showing,
            show_ms,
            "ms",
            baseline,
            base_ms,
            f"<= {SHOW_BAR}x",
            show_ms <= SHOW_BAR * base_ms,
        ),
    ]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the start-up benchmark on its own and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each command")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first")
    parser.add_argument("--customers", type=int, default=1000, help="customers in the book")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="accountcore-bench-") as workdir:
        figures = run(Path(workdir), args.runs, args.customers, args.warmup)
    print_figures(figures, f"Start-up (median of {args.runs} runs after {args.warmup} warm-up)")


if __name__ == "__main__":
    main()
