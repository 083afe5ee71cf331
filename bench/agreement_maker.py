"""Agreements of a generated book: about 1.35 per customer with a profile, as an old book holds."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import attrs
from draws import (
    Weighted,
    log_uniform,
    round_to,
)

from accountcore import (
    Agreement,
    AgreementStatus,
    Customer,
    CustomerKind,
    months_after,
)

# Agreements per customer, and the products each industry sells: (code, weight, term in
# months, risk rank). A corporate telecom customer has the group network instead.
AGREEMENT_COUNT = Weighted([(0, 20), (1, 40), (2, 25), (3, 15)])
SOLD = {
    "telecom": [
        ("telecom.plan.basic", 25, None, 0),
        ("telecom.plan.5g-unlimited", 25, None, 0),
        ("telecom.data.addon", 15, None, 0),
        ("telecom.roaming.international", 10, None, 0),
        ("telecom.broadband", 15, None, 0),
        ("telecom.family.network", 5, None, 0),
        ("telecom.secondary-sim", 3, None, 0),
        ("telecom.card.replacement", 2, None, 0),
    ],
    "wealth": [
        ("wealth.cash", 25, None, 1),
        ("wealth.fixed-income", 25, 12, 2),
        ("wealth.mixed", 15, None, 3),
        ("wealth.equity", 10, None, 4),
        ("wealth.insurance.annuity", 10, 120, 2),
        ("wealth.trust", 10, 24, 4),
        ("wealth.private-fund", 5, 36, 5),
    ],
    "securities": [
        ("securities.account", 30, None, 0),
        ("securities.fund.money-market", 10, None, 1),
        ("securities.fund.bond", 10, None, 2),
        ("securities.fund.mixed", 12, None, 3),
        ("securities.fund.equity", 10, None, 4),
        ("securities.star-market", 10, None, 0),
        ("securities.chinext", 10, None, 0),
        ("securities.margin", 4, None, 0),
        ("securities.research", 4, None, 0),
    ],
}
AGREEMENT_PRODUCTS = {
    industry: Weighted([((code, months, risk), weight) for code, weight, months, risk in products])
    for industry, products in SOLD.items()
}
RECORDED = {"wealth.mixed", "wealth.equity", "wealth.trust", "wealth.private-fund"}
MINIMUM = {"wealth.trust": 1_000_000, "wealth.private-fund": 1_000_000}


def _product(customer: Customer, industry: str, rng: random.Random) -> tuple[str, int | None]:
    """A product of ``industry`` and its term, mostly at or below the customer's risk level.

    Three draws at most: a few are sold above it (or his level was lowered since).
    """
    if industry == "telecom" and customer.kind is CustomerKind.CORPORATE:
        return "telecom.group.vpn", None
    level = getattr(customer.profiles[industry], "risk_level", None)
    for _ in range(3):
        code, months, risk = AGREEMENT_PRODUCTS[industry](rng)
        if level is None or risk <= level.rank:
            break
    return code, months


def _agreements_of(customer: Customer, rng: random.Random, today: dt.date) -> list[Agreement]:
    """The customer's agreements (ids to be given), drawn from ``rng``; some ended or expired."""
    industries = [name for name in ("telecom", "wealth", "securities") if name in customer.profiles]
    made = []
    for _ in range(AGREEMENT_COUNT(rng) if industries else 0):
        industry = industries[rng.randrange(len(industries))]
        code, months = _product(customer, industry, rng)
        start = today - dt.timedelta(days=rng.randint(0, 3 * 365))
        # The term's last day: a term started long enough ago has expired (by date).
        end = months_after(start, months) - dt.timedelta(days=1) if months else None
        amount, terms = None, {}
        if industry == "wealth":
            least = MINIMUM.get(code, 10_000)
            amount = round_to(log_uniform(rng, least, least * 20), 1000)
            if code in RECORDED:
                terms["recording_id"] = f"REC-{rng.randrange(10**6):06d}"
        if code == "telecom.card.replacement":
            terms["identity_checked"] = True
        agreement = Agreement(
            "a-0",
            customer.id,
            code,
            customer.manager,
            AgreementStatus.ACTIVE,
            start=start,
            end=end,
            amount=amount,
            sealed=industry == "telecom" and customer.kind is CustomerKind.CORPORATE,
            terms=terms,
            signed_on=start,
        )
        if rng.random() < 0.08:  # ended early at the customer's request
            ended = start + dt.timedelta(days=rng.randint(0, (today - start).days))
            agreement = attrs.evolve(
                agreement,
                status=AgreementStatus.TERMINATED,
                terminated_on=ended,
                termination_reason="customer request",
            )
        made.append(agreement)
    return made


def make_agreements(store: Any, seed: int, today: dt.date, chunk: int) -> int:
    """Agreements of the generated customers; returns how many were made.

    Drawn from ``random.Random(f"{seed}/agreements")`` customer by customer
    in id order (the customers stay as they are), read back a batch at a time
    with ``store.iter_customers()``, written a chunk per transaction with the
    chunk's ids from the ``a`` sequence at once (``next_ids``) and the rows in
    one ``add_agreements``: no round trip per agreement on PostgreSQL. About
    1.35 per customer with a profile: most active, 8% terminated, those whose
    term has run expired by date.
    """
    rng = random.Random(f"{seed}/agreements")
    count = 0
    for batch in store.iter_customers(batch_size=chunk):
        drawn = [
            agreement for customer in batch for agreement in _agreements_of(customer, rng, today)
        ]
        with store.transaction():
            ids = store.next_ids("a", len(drawn))
            store.add_agreements(
                [attrs.evolve(agreement, id=id_) for id_, agreement in zip(ids, drawn, strict=True)]
            )
        count += len(drawn)
    return count
