"""accountcore-telecom: the mobile operator plugin for accountcore.

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
    """Offer the telecom products: plans, add-ons, lines, broadband, group VPN."""
    from .products import products

    return products()


@hookimpl
def register_profile() -> tuple[str, type]:
    """Keep a ``telecom`` profile on each customer, checked by TelecomProfile."""
    from .profile import TelecomProfile

    return ("telecom", TelecomProfile)


@hookimpl
def register_settings() -> type:
    """Let a firm set the telecom thresholds, with the domain's values by default."""
    from .settings import TelecomSettings

    return TelecomSettings


@hookimpl
def register_responsibilities() -> list[Responsibility]:
    """The telecom duties an account manager holds besides the core ones."""
    from accountcore import Responsibility

    return [
        Responsibility(
            "real-name-verification",
            "Real-name verification",
            "Check identity and face match before any line or card service.",
        ),
    ]


@hookimpl
def check_agreement(
    customer: Customer, agreement: Agreement, product: Product, context: Context
) -> list[Finding]:
    """The telecom rules on signing or re-checking an agreement for a telecom product."""
    from . import compliance  # imported when rules run, not for every command

    return compliance.check_agreement(customer, agreement, product, context)


@hookimpl
def check_customer(customer: Customer, context: Context) -> list[Finding]:
    """The periodic telecom check: lines held without real-name verification."""
    from . import compliance

    return compliance.check_customer(customer, context)


@hookimpl
def visit_policy(customer: Customer, context: Context) -> int | None:
    """Key customers (corporate, vip) every 14 days (setting vip_corporate_visit_days)."""
    return visits.visit_interval(customer, context.settings)


@hookimpl
def visit_policy_candidates() -> list[CustomerSelection]:
    """Only corporate vip customers with a telecom profile may get the telecom interval."""
    return visits.candidates()


@hookimpl
def profile_changes(event: AuditEvent, customer: Customer, context: Context) -> dict[str, Any]:
    """Keep ``lines`` and ``plan`` current as secondary SIMs and plans are signed and ended."""
    from . import lines

    return lines.profile_changes(event, customer, context)


# The rules' modules are imported on first use: a command that runs no rule never pays for them.
@hookimpl
def care_due(customers, context) -> list[CareAction]:
    """The telecom care rules for a batch of customers (care.py)."""
    from . import care

    return care.care_due(customers, context)


@hookimpl
def retention_signals(customers, context) -> list[RetentionSignal]:
    """The telecom retention indicators for a batch of customers (retention.py)."""
    from . import retention

    return retention.retention_signals(customers, context)


@hookimpl
def retention_features(customers, context) -> list[RetentionFeatures]:
    """The telecom features a learned retention model reads (features.py)."""
    from . import features

    return features.retention_features(customers, context)


@hookimpl
def report_figures() -> list[ReportFigure]:
    """The report's telecom figures: customers in arrears, and the amount they owe."""
    from accountcore import CustomerSelection, ReportFigure

    owing = CustomerSelection(profile="telecom", at_least={"arrears_amount": "0.01"})
    return [
        ReportFigure("arrears-customers", "Customers in arrears", "customers", owing),
        ReportFigure("arrears-amount", "Amount owed", "yuan", owing, sum_of="arrears_amount"),
    ]
