"""Compliance re-checks: what has fallen out of compliance since signing.

A check re-runs every plugin's ``check_customer`` on each customer, and
``check_agreement`` on each of his live agreements (signed or active on
``app.today``), and streams the findings customer by customer, in id order.
It writes nothing: findings are information for the manager and the
compliance officer, not a refusal. The book is read a batch of customers at a
time, with the batch's agreements in one query, never whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import attrs

from .._app import App
from .._errors import BadInput
from .._model import Agreement, AgreementStatus, Customer, Finding, Severity
from .._store import CustomerFilter
from . import scope
from .customers import get_customer

__all__ = ["LIVE", "check"]

LIVE = frozenset({AgreementStatus.SIGNED, AgreementStatus.ACTIVE})
UNCHECKED = "core.unchecked-product"


def check(
    app: App, *, customer_id: str | None = None, everyone: bool = False, manager: str | None = None
) -> Iterator[Finding]:
    """The findings on one customer (``customer_id``) or on every customer the actor sees.

    With ``everyone``, ``manager`` keeps the customers under his name.

    Each finding names its customer, and its agreement and product when it is
    about one. Unknown customers and bad options are raised here, before the
    first finding is produced.
    """
    if (customer_id is not None) == everyone:
        raise BadInput("give either --customer ID or --all")
    if customer_id is not None:
        return _stream(app, iter([[get_customer(app, customer_id)]]))
    where = CustomerFilter(managers=scope.narrowed(scope.visible_managers(app), manager))
    return _stream(app, app.store.iter_customers(where))


def _stream(app: App, batches: Iterable[Sequence[Customer]]) -> Iterator[Finding]:
    for batch in batches:
        # One read of the batch's agreements, shared with the plugins' hooks (context.book).
        with app.batch_cache.batch():
            ids = [customer.id for customer in batch]
            agreements = app.batch_cache.many("agreements", app.store.agreements_of_many, ids)
            findings = [f for c in batch for f in check_customer(app, c, agreements[c.id])]
        yield from findings


def check_customer(
    app: App, customer: Customer, agreements: Iterable[Agreement]
) -> Iterator[Finding]:
    """The findings on ``customer`` and on those of ``agreements`` that are live today."""
    for finding in app.hooks.check_customer(customer):
        yield attrs.evolve(finding, customer=customer.id)
    for agreement in agreements:
        status = agreement.status_on(app.today)
        if status not in LIVE:
            continue
        product = app.hooks.products.get(agreement.product)
        if product is None:
            yield Finding(
                UNCHECKED,
                Severity.INFO,
                f"{agreement.product} is offered by no loaded plugin: its rules were not checked",
                "accountcore: a product's rules come from its plugin",
                plugin="core",
                customer=customer.id,
                product=agreement.product,
                agreement=agreement.id,
            )
            continue
        current = (
            agreement if status is agreement.status else attrs.evolve(agreement, status=status)
        )
        overridden = {f.rule: f for f in agreement.findings if f.overridden_by is not None}
        for finding in app.hooks.check_agreement(customer, current, product):
            tagged = attrs.evolve(
                finding, customer=customer.id, product=agreement.product, agreement=agreement.id
            )
            yield _still_overridden(tagged, overridden)


def _still_overridden(finding: Finding, overridden: dict[str, Finding]) -> Finding:
    """A block overridden at signing shows as overridden (by whom, why), not as a fresh one."""
    at_signing = overridden.get(finding.rule)
    if at_signing is None or finding.severity is not Severity.BLOCK:
        return finding
    return attrs.evolve(
        finding,
        overridden_by=at_signing.overridden_by,
        override_reason=at_signing.override_reason,
    )
