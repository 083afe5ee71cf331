"""accountcore-securities: the securities brokerage plugin for accountcore.

This module holds the hook implementations only; the profile, the product
catalogue and the settings live in their own modules, each imported by the
hook that needs it: a command loads only what it uses.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from accountcore import hookimpl

from . import visits

if TYPE_CHECKING:
    from accountcore import (
        Agreement,
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
    """Offer the securities products: account, funds, notes, access, research."""
    from .products import products

    return products()


@hookimpl
def register_profile() -> tuple[str, type]:
    """Keep a ``securities`` profile on each customer, checked by SecuritiesProfile."""
    from .profile import SecuritiesProfile

    return ("securities", SecuritiesProfile)


@hookimpl
def register_settings() -> type:
    """Let a firm set the securities thresholds, with the domain's values by default."""
    from .settings import SecuritiesSettings

    return SecuritiesSettings


@hookimpl
def register_responsibilities() -> list[Responsibility]:
    """The securities duties an account manager holds besides the core ones."""
    from accountcore import Responsibility

    return [
        Responsibility(
            "kyc-review",
            "KYC review",
            "Review customer due diligence every year.",
        ),
        Responsibility(
            "investor-suitability",
            "Investor suitability",
            "Assess investors and grant access to STAR, ChiNext, BSE and margin trading.",
        ),
    ]


@hookimpl
def check_agreement(
    customer: Customer, agreement: Agreement, product: Product, context: Context
) -> list[Finding]:
    """The securities rules on signing or re-checking an agreement for a securities product."""
    from . import compliance  # imported when rules run, not for every command

    return compliance.check_agreement(customer, agreement, product, context)


@hookimpl
def check_customer(customer: Customer, context: Context) -> list[Finding]:
    """The periodic securities checks: risk assessment and KYC review."""
    from . import compliance

    return compliance.check_customer(customer, context)


@hookimpl
def visit_policy(customer: Customer, context: Context) -> int | None:
    """Margin customers and ordinary investors holding R4-R5 every 30 days."""
    return visits.visit_interval(customer, context)


@hookimpl
def visit_policy_candidates(context: Context) -> list[CustomerSelection]:
    """Only margin holders, margin disclosures and holders of high-risk products."""
    return visits.candidates(context.settings)


# The rules' modules are imported on first use: a command that runs no rule never pays for them.
@hookimpl
def care_due(customers, context) -> list[CareAction]:
    """The securities care rules for a batch of customers (care.py)."""
    from . import care

    return care.care_due(customers, context)


@hookimpl
def retention_signals(customers, context) -> list[RetentionSignal]:
    """The securities retention indicators for a batch of customers (retention.py)."""
    from . import retention

    return retention.retention_signals(customers, context)


@hookimpl
def retention_features(customers, context) -> list[RetentionFeatures]:
    """The securities features a learned retention model reads (features.py)."""
    from . import features

    return features.retention_features(customers, context)


@hookimpl
def report_figures(month: str, context: Context) -> list[ReportFigure]:
    """The report's securities figure: customers whose suitability review has lapsed.

    Lapsed at the month's end: no risk questionnaire, or one answered longer
    ago than ``questionnaire_valid_days``.
    """
    from accountcore import CustomerSelection, ReportFigure, months_after

    end = months_after(dt.date.fromisoformat(f"{month}-01"), 1) - dt.timedelta(days=1)
    # Lapsed by the end: answered on a day ``lapses_on`` puts on or before it.
    oldest = end - dt.timedelta(days=context.settings.questionnaire_valid_days)
    return [
        ReportFigure(
            "suitability-lapsed",
            "Suitability review lapsed",
            "customers",
            CustomerSelection(profile="securities"),
            missing_or_before={"questionnaire_date": oldest},
        )
    ]
