"""Plugin code written against the public API only: it must type-check as it is.

tests/test_typing.py runs mypy on this file; a public name that is missing,
mistyped or only reachable through an internal module fails it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from attrs import frozen

from accountcore import (
    Agreement,
    CareAction,
    Channel,
    Context,
    Customer,
    CustomerKind,
    CustomerSelection,
    Finding,
    Product,
    ProductRisk,
    Reason,
    RetentionSignal,
    Severity,
    Tier,
    care_channel,
    hookimpl,
    lapse_notice,
    last_anniversary,
    months_after,
)
from accountcore.dates import lapses_on


@frozen
class ExampleProfile:
    policy_end: dt.date | None = None
    premium: Decimal | None = None


@hookimpl
def register_products() -> list[Product]:
    return [Product("example.basic", "Basic cover", "example", "cover", ProductRisk.R2, 12)]


@hookimpl
def visit_policy_candidates() -> list[CustomerSelection]:
    return [
        CustomerSelection(profile="example", kinds={CustomerKind.CORPORATE}, tiers={Tier.VIP}),
        CustomerSelection(profile="example", at_least={"premium": Decimal("10000")}),
        CustomerSelection(
            profile="example", contains={"covers": "fire"}, holding={"example.basic"}
        ),
    ]


@hookimpl
def check_agreement(customer: Customer, agreement: Agreement, product: Product) -> list[Finding]:
    if product.industry != "example" or agreement.amount is None:
        return []
    if agreement.amount > Decimal("1000000"):
        return [Finding("example.limit", Severity.BLOCK, "above the limit", "policy 4.2")]
    return []


@hookimpl
def care_due(customers: Sequence[Customer], context: Context) -> list[CareAction]:
    actions = []
    for customer in customers:
        profile = customer.profile("example")
        if not isinstance(profile, ExampleProfile) or profile.policy_end is None:
            continue
        window = lapse_notice(months_after(profile.policy_end, -12), 365, 30, context.today)
        if window is not None:
            notice, ends = window
            channel = care_channel(customer, Channel.PHONE)
            message = f"Policy ends on {ends}: offer the renewal"
            actions.append(
                CareAction("example.renewal", customer.id, channel, message, notice, "y")
            )
        if customer.birthday is not None and last_anniversary(customer.birthday, context.today):
            lapses_on(customer.birthday, 365)
    return actions


@hookimpl
def retention_signals(customers: Sequence[Customer], context: Context) -> list[RetentionSignal]:
    found = []
    for customer in customers:
        if context.book.agreements_of(customer.id):
            continue
        reason = Reason("example.no-cover", 0.2, "holds no policy any more")
        found.append(RetentionSignal.from_reasons(customer.id, [reason]))
    return found
