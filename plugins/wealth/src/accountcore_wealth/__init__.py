"""accountcore-wealth: the wealth management plugin for accountcore.

This module holds the hook implementations only; the profile, the product
catalogue and the settings live in their own modules, each imported by the
hook that needs it: a command loads only what it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accountcore import hookimpl

from . import visits

if TYPE_CHECKING:
    from accountcore import (
        Agreement,
        AuditEvent,
        CareAction,
        Context,
        Customer,
        CustomerSelection,
        Finding,
        Product,
        ReportFigure,
        Responsibility,
        RetentionFeatures,
        RetentionSignal,
    )

__version__ = "0.2.0"


@hookimpl
def register_products() -> list[Product]:
    """Offer the wealth products, from cash management to private funds."""
    from .products import products

    return products()


@hookimpl
def register_profile() -> tuple[str, type]:
    """Keep a ``wealth`` profile on each customer, checked by WealthProfile."""
    from .profile import WealthProfile

    return ("wealth", WealthProfile)


@hookimpl
def register_settings() -> type:
    """Let a firm set the wealth thresholds, with the domain's values by default."""
    from .settings import WealthSettings

    return WealthSettings


@hookimpl
def register_responsibilities() -> list[Responsibility]:
    """The wealth duties an account manager holds besides the core ones."""
    from accountcore import Responsibility

    return [
        Responsibility(
            "suitability-review",
            "Suitability review",
            "Keep risk questionnaires current and match products to risk tolerance.",
        ),
        Responsibility(
            "cooling-off-visit",
            "Cooling-off return visit",
            "Confirm private fund sales by a return visit after the cooling-off period.",
        ),
    ]


@hookimpl
def check_agreement(
    customer: Customer, agreement: Agreement, product: Product, context: Context
) -> list[Finding]:
    """The wealth rules on signing or re-checking an agreement for a wealth product."""
    from . import compliance  # imported when rules run, not for every command

    return compliance.check_agreement(customer, agreement, product, context)


@hookimpl
def check_customer(customer: Customer, context: Context) -> list[Finding]:
    """The periodic wealth check: an expired questionnaire with holdings."""
    from . import compliance

    return compliance.check_customer(customer, context)


@hookimpl
def visit_policy(customer: Customer, context: Context) -> int | None:
    """Private-bank customers every 30 days (settings private_bank_*)."""
    return visits.visit_interval(customer, context.settings)


@hookimpl
def visit_policy_candidates(context: Context) -> list[CustomerSelection]:
    """Only customers whose wealth profile reaches the private-bank net assets."""
    return visits.candidates(context.settings)


@hookimpl
def profile_changes(event: AuditEvent, customer: Customer) -> dict[str, Any]:
    """Keep ``last_contact`` current: a visit logged or a care action done is a contact."""
    from . import contact

    return contact.profile_changes(event, customer)


# The rules' modules are imported on first use: a command that runs no rule never pays for them.
@hookimpl
def care_due(customers, context) -> list[CareAction]:
    """The wealth care rules for a batch of customers (care.py)."""
    from . import care

    return care.care_due(customers, context)


@hookimpl
def retention_signals(customers, context) -> list[RetentionSignal]:
    """The wealth retention indicators for a batch of customers (retention.py)."""
    from . import retention

    return retention.retention_signals(customers, context)


@hookimpl
def retention_features(customers, context) -> list[RetentionFeatures]:
    """The wealth features a learned retention model reads (features.py)."""
    from . import features

    return features.retention_features(customers, context)


@hookimpl
def report_figures() -> list[ReportFigure]:
    """The report's wealth figure: assets under management by the customer's risk level."""
    from accountcore import CustomerSelection, ReportFigure

    holders = CustomerSelection(profile="wealth")
    return [
        ReportFigure(
            "aum", "Assets under management", "yuan", holders, sum_of="aum", by="risk_level"
        )
    ]
