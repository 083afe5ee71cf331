"""Learned retention: training time and memory, its held-out AUC beside the rule weights'.

    python bench/retention_model.py [--customers 100000] [--seed 1]

Builds an operator book whose leavers follow known, noisy drivers (contract,
tenure, fee, data use, arrears, competitor contact, recent complaints): half
the customers are the past (their leavers marked churned on a date before
today), half the future (their leavers stay active; who leaves is kept
aside). Then, each in its own process for its peak memory:

- ``retention train`` on the book, against a bare NumPy fit of the same
  model on the same matrix (the ratio is what collecting the features
  through the plugins costs); both must give the same weights;
- the held-out AUC on the future half of the model's scores and of the rule
  weights' (``retention risks`` without a model);
- ``care run`` with the model in use against ``care run`` without it (the
  scoring inside the daily batch).

Bars (issue 17): training under 2 minutes and 1 GB at 1,000,000 customers;
the learned AUC well above the rules'.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import Figure, print_figures

TODAY = dt.date(2026, 11, 23)
CHUNK = 10_000


def _draw(rng: random.Random) -> tuple[dict[str, str], bool]:
    """A subscriber's telecom profile and whether he leaves (the known drivers, with noise)."""
    months = int(rng.expovariate(1 / 30)) % 72
    contract = rng.choices(["month-to-month", "one-year", "two-year"], [0.5, 0.3, 0.2])[0]
    fee = round(rng.uniform(20, 150), 2)
    previous = round(rng.uniform(2, 60), 1)
    last = round(max(0.0, previous * rng.uniform(0.3, 1.4)), 1)
    arrears = rng.random() < 0.08
    competitor = rng.random() < 0.1
    z = -1.6 + 1.5 * (contract == "month-to-month") - 0.8 * (contract == "two-year")
    z += -0.03 * months + 0.015 * (fee - 80) - 1.2 * (last - previous) / previous
    z += 0.9 * arrears + 1.3 * competitor + rng.gauss(0, 0.6)
    y, m = divmod(TODAY.year * 12 + TODAY.month - 1 - months, 12)
    profile = {
        "contract": contract,
        "network_join": f"{y}-{m + 1:02d}-01",
        "monthly_fee": str(fee),
        "data_gb_prev": str(previous),
        "data_gb_last": str(last),
        "arrears_amount": "120.00" if arrears else "0",
        "competitor_contact": "true" if competitor else "false",
    }
    return profile, rng.random() < 1 / (1 + math.exp(-z))


def build(book: Path, customers: int, seed: int) -> dict[str, bool]:
    """Write the book; returns the future half's customers and whether each leaves."""
    from accountcore import Customer, CustomerKind, CustomerStatus, Manager, Tier
    from accountcore._app import App

    app = App(str(book), today=TODAY)
    store = app.create_book()
    profile_class = app.hooks.profiles["telecom"]
    with store.transaction():
        for n in range(1, 41):
            store.add_manager(Manager(f"m{n}", f"Manager {n}"))
    rng = random.Random(seed)
    future: dict[str, bool] = {}
    for start in range(0, customers, CHUNK):
        made = []
        with store.transaction():
            for customer_id in store.next_ids("c", min(CHUNK, customers - start)):
                profile, leaves = _draw(rng)
                past = int(customer_id[2:]) % 2 == 0
                churned = past and leaves
                made.append(
                    Customer(
                        customer_id,
                        f"Subscriber {customer_id}",
                        CustomerKind.INDIVIDUAL,
                        Tier.B,
                        f"m{rng.randrange(1, 41)}",
                        status=CustomerStatus.CHURNED if churned else CustomerStatus.ACTIVE,
                        created_on=TODAY - dt.timedelta(days=rng.randrange(30, 3000)),
                        churned_on=TODAY - dt.timedelta(days=rng.randrange(20, 120))
                        if churned
                        else None,
                        profiles={"telecom": app.converter.structure(profile, profile_class)},
                    )
                )
                if not past:
                    future[customer_id] = leaves
            store.add_customers(made)
    app.close()
    return future


def _child(code: str) -> dict[str, float]:
    """Run ``code`` in a new Python; it sets ``out``, given back with its peak memory in MB."""
    prelude = "import json, resource, sys, time\nsys.path.insert(0, 'bench')\n"
    peak = "out['megabytes'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + code + peak + "print(json.dumps(out))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


TRAIN = """
from accountcore._app import App
from accountcore._services.retention_model import train_model
app = App({book!r}, today=__import__("datetime").date(2026, 11, 23))
started = time.perf_counter()
model = train_model(app)
seconds = time.perf_counter() - started
out = ({{"seconds": seconds, "auc": model.auc, "customers": model.customers,
                  "weights": {{f.name: f.weight for f in model.features}}}})
"""

BARE_FIT = """
import numpy as np
from accountcore._app import App
from accountcore._services.retention_model import logistic, training
app = App({book!r}, today=__import__("datetime").date(2026, 11, 23))
x, y, names = training.collect(app).arrays()
started = time.perf_counter()
logistic.cross_validated(x, y)
fit = logistic.fit(x, y)
seconds = time.perf_counter() - started
out = ({{"seconds": seconds, "weights": dict(zip(names, map(float, fit.weights)))}})
"""

SCORES = """
from accountcore._app import App
from accountcore._services.retention import iter_risks
app = App({book!r}, today=__import__("datetime").date(2026, 11, 23))
started = time.perf_counter()
scores = {{s.customer: s.score for s in iter_risks(app)}}
out = ({{"seconds": time.perf_counter() - started, "scores": scores}})
"""

CARE_RUN = """
import shutil
from accountcore._app import App
from accountcore._services.daily import run_daily
shutil.copyfile({book!r}, {copy!r})
app = App({copy!r}, today=__import__("datetime").date(2026, 11, 23))
started = time.perf_counter()
run_daily(app)
out = ({{"seconds": time.perf_counter() - started}})
"""


def auc(scores: dict[str, float], labels: dict[str, bool]) -> float:
    """The probability that a future leaver scores above a future stayer (ties half)."""
    import bisect

    leavers = [scores.get(k, 0.0) for k, v in labels.items() if v]
    stayers = sorted(scores.get(k, 0.0) for k, v in labels.items() if not v)
    wins = 0.0
    for score in leavers:
        low, high = bisect.bisect_left(stayers, score), bisect.bisect_right(stayers, score)
        wins += low + 0.5 * (high - low)
    return wins / len(leavers) / len(stayers)


def measure(customers: int, seed: int, folder: Path) -> list[Figure]:
    """Build the book, then each measure in its own process."""
    book = folder / "churn.db"
    started = time.perf_counter()
    future = build(book, customers, seed)
    print(f"built {customers:,} customers in {time.perf_counter() - started:.0f} s", flush=True)
    rules = _child(SCORES.format(book=str(book)))
    care_rules = _child(CARE_RUN.format(book=str(book), copy=str(folder / "a.db")))
    trained = _child(TRAIN.format(book=str(book)))
    bare = _child(BARE_FIT.format(book=str(book)))
    same = all(abs(trained["weights"][n] - w) < 1e-6 for n, w in bare["weights"].items())
    if not same or set(trained["weights"]) != set(bare["weights"]):
        raise SystemExit("the trained model and the bare fit disagree on the weights")
    learned = _child(SCORES.format(book=str(book)))
    care_model = _child(CARE_RUN.format(book=str(book), copy=str(folder / "b.db")))
    rules_auc, learned_auc = auc(rules["scores"], future), auc(learned["scores"], future)
    size = f"{customers:,} customers"
    return [
        Figure(
            f"retention train, {size}",
            trained["seconds"],
            "s",
            "bare NumPy fit",
            bare["seconds"],
            "under 120 s at 1M",
            trained["seconds"] < 120,
        ),
        Figure(
            "retention train peak memory",
            trained["megabytes"],
            "MB",
            bar="under 1,000 MB",
            ok=trained["megabytes"] < 1000,
        ),
        Figure(
            "held-out AUC, learned (future half)",
            learned_auc,
            "",
            "rule weights",
            rules_auc,
            "well above the rules",
            learned_auc >= rules_auc + 0.03,
        ),
        Figure("cross-validated AUC at training", trained["auc"], ""),
        Figure(
            "care run with the model",
            care_model["seconds"],
            "s",
            "care run, rules only",
            care_rules["seconds"],
            "scoring keeps care run within 3x of a bare loop",
        ),
    ]


def main() -> None:
    """Build, measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = measure(args.customers, args.seed, Path(folder))
    print_figures(figures, f"Learned retention ({args.customers:,} customers)")


if __name__ == "__main__":
    main()
