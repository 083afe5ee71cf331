"""`compliance check --all` against a bare loop applying the same rules to the same rows.

    python bench/compliance.py [--customers 100000]

On a generated book of N customers (with their agreements):

- service: every finding of ``services.compliance.check(app, everyone=True)``,
  which is what `accountcore compliance check --all` renders: the store's
  keyset batches, one agreements query per batch, scope, the hooks facade
  (every plugin's ``check_customer`` for each customer and ``check_agreement``
  for each live agreement, through pluggy, each finding tagged);
- bare loop: one raw sqlite3 cursor over the customers, the agreements of
  each 1,000 fetched with one ``IN`` query, each row made a value by the same
  converter, and the three plugins' rule functions called directly
  (``accountcore_<industry>.compliance``): no store, no scope, no pluggy;
- read only: the same raw rows with ``json.loads`` and no rule, to show how
  much of the time is reading;
- command: ``accountcore compliance check --all --format json`` in a fresh
  process, output to /dev/null (start-up and JSON included).

Both loops must find the same number of findings, or the run stops. The bar
is the service within 1.3x of the bare loop (issue 18).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import attrs
from figures import Figure, print_figures
from generate import REFERENCE_DATE, generate_book

from accountcore import Agreement, Context, Customer
from accountcore._app import App
from accountcore._services import compliance

__all__ = ["bare_loop", "read_only", "run", "service"]

CUSTOMER_COLUMNS = (
    "id",
    "external_id",
    "name",
    "kind",
    "tier",
    "status",
    "manager",
    "birthday",
    "phone",
    "email",
    "address",
    "id_number",
    "consent",
    "contacts",
    "profiles",
    "created_on",
)
AGREEMENT_COLUMNS = (
    "id",
    "customer",
    "product",
    "manager",
    "status",
    "start",
    "end",
    "amount",
    "sealed",
    "terms",
    "findings",
    "signed_on",
    "override_reason",
    "terminated_on",
    "termination_reason",
)
JSON_COLUMNS = frozenset({"consent", "contacts", "profiles", "terms", "findings"})
BATCH = 1000
RATIO_BAR = 1.3


def _open(book: Path) -> App:
    app = App(str(book), today=REFERENCE_DATE)
    app.store.count_customers()  # plugins loaded, converter built, book opened: not timed
    _ = app.settings, app.hooks.products
    return app


def service(book: Path) -> tuple[float, int]:
    """Seconds to produce every finding through the service, and how many."""
    app = _open(book)
    started = time.perf_counter()
    count = sum(1 for _ in compliance.check(app, everyone=True))
    seconds = time.perf_counter() - started
    app.close()
    return seconds, count


def _values(row: Sequence, columns: Sequence[str]) -> dict:
    data = {c: json.loads(v) if c in JSON_COLUMNS else v for c, v in zip(columns, row, strict=True)}
    return {key: value for key, value in data.items() if value is not None}


def bare_loop(book: Path) -> tuple[float, float, int]:
    """Seconds of a hand-written loop over the raw rows, seconds of it in the rules, findings."""
    import accountcore_securities.compliance as securities
    import accountcore_telecom.compliance as telecom
    import accountcore_wealth.compliance as wealth

    app = _open(book)
    conv, products, today = app.converter, app.hooks.products, app.today
    rules = [
        (module, Context(today, app.settings[name], app.store))
        for name, module in (("telecom", telecom), ("wealth", wealth), ("securities", securities))
    ]
    db = sqlite3.connect(book)
    started = time.perf_counter()
    count, in_rules = 0, 0.0
    names = ", ".join(CUSTOMER_COLUMNS)
    fields = ", ".join(f'"{c}"' for c in AGREEMENT_COLUMNS)
    cursor = db.execute(f"SELECT {names} FROM customers ORDER BY seq")
    while rows := cursor.fetchmany(BATCH):
        customers = [conv.structure(_values(row, CUSTOMER_COLUMNS), Customer) for row in rows]
        held: dict[str, list[Agreement]] = {customer.id: [] for customer in customers}
        marks = ", ".join("?" * len(customers))
        query = f"SELECT {fields} FROM agreements WHERE customer IN ({marks}) ORDER BY seq"
        for row in db.execute(query, list(held)):
            data = _values(row, AGREEMENT_COLUMNS)
            data["sealed"] = bool(data["sealed"])
            agreement = conv.structure(data, Agreement)
            held[agreement.customer].append(agreement)
        ruling = time.perf_counter()
        for customer in customers:
            for module, context in rules:
                count += len(module.check_customer(customer, context))
            for agreement in held[customer.id]:
                status = agreement.status_on(today)
                if status not in compliance.LIVE:
                    continue
                if status is not agreement.status:
                    agreement = attrs.evolve(agreement, status=status)
                product = products[agreement.product]
                for module, context in rules:
                    count += len(module.check_agreement(customer, agreement, product, context))
        in_rules += time.perf_counter() - ruling
    seconds = time.perf_counter() - started
    db.close()
    app.close()
    return seconds, in_rules, count


def read_only(book: Path) -> float:
    """Seconds to read the same rows raw, with json.loads and nothing else."""
    db = sqlite3.connect(book)
    started = time.perf_counter()
    for (profiles,) in db.execute("SELECT profiles FROM customers ORDER BY seq"):
        json.loads(profiles)
    for terms, findings in db.execute("SELECT terms, findings FROM agreements ORDER BY seq"):
        json.loads(terms), json.loads(findings)
    seconds = time.perf_counter() - started
    db.close()
    return seconds


def command(book: Path) -> float:
    """Seconds for the command in a fresh process, JSON to /dev/null."""
    accountcore = Path(sys.executable).with_name("accountcore")
    started = time.perf_counter()
    with open(os.devnull, "w") as null:
        subprocess.run(
            [
                str(accountcore),
                "--book",
                str(book),
                "--today",
                REFERENCE_DATE.isoformat(),
                "compliance",
                "check",
                "--all",
                "--format",
                "json",
            ],
            stdout=null,
            check=True,
        )
    return time.perf_counter() - started


def _progress(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def run(workdir: Path, customers: int = 100_000, repeat: int = 2) -> list[Figure]:
    """Generate a book in ``workdir`` and time the check against its baselines."""
    book = workdir / f"compliance-{customers}.db"
    _progress(f"generating {customers:,} customers with their agreements")
    made = generate_book(book, customers, seed=1, replace=True, quiet=True)
    _progress(f"  {made.seconds:.1f} s, {made.notes[0]}; checking")
    timed = [service(book) for _ in range(repeat)]
    bare = [bare_loop(book) for _ in range(repeat)]
    if {count for _, count in timed} != {count for *_, count in bare}:
        raise SystemExit(f"the service found {timed[0][1]} findings, the bare loop {bare[0][2]}")
    best, (baseline, in_rules, _) = min(s for s, _ in timed), min(bare)
    reading = min(read_only(book) for _ in range(repeat))
    whole = command(book)
    per = f"ms per 1,000 customers ({customers:,}; {timed[0][1]:,} findings)"
    ratio = best / baseline
    return [
        Figure(
            f"compliance check --all, service: {per}",
            best / customers * 1e6,
            "ms",
            "bare loop, same rows and rules",
            baseline / customers * 1e6,
            f"< {RATIO_BAR}x",
            ratio < RATIO_BAR,
        ),
        Figure("  of the bare loop: in the rule functions", in_rules / customers * 1e6, "ms"),
        Figure("  reading the same rows only (raw, json.loads)", reading / customers * 1e6, "ms"),
        Figure(
            "  the command, fresh process, JSON to /dev/null",
            whole / customers * 1e6,
            "ms",
            "bare loop",
            baseline / customers * 1e6,
        ),
    ]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the compliance benchmark on its own and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=100_000, metavar="N")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs (the best is kept)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="accountcore-bench-") as workdir:
        figures = run(Path(workdir), args.customers, args.repeat)
    print_figures(figures, f"Compliance ({args.customers:,} customers)")


if __name__ == "__main__":
    main()
