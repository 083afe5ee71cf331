"""accountcore-telecom: the mobile operator plugin for accountcore.

This module holds the hook implementations only; the profile, the product
catalogue and the settings live in their own modules.
"""

from accountcore import CareAction, Product, Responsibility, RetentionSignal, hookimpl

from .products import products
from .profile import TelecomProfile
from .settings import TelecomSettings

__version__ = "0.1.0"


@hookimpl
def register_products() -> list[Product]:
    """Offer the telecom products: plans, add-ons, lines, broadband, group VPN."""
    return products()


@hookimpl
def register_profile() -> tuple[str, type]:
    """Keep a ``telecom`` profile on each customer, checked by TelecomProfile."""
    return ("telecom", TelecomProfile)


@hookimpl
def register_settings() -> type:
    """Let a firm set the telecom thresholds, with the domain's values by default."""
    return TelecomSettings


@hookimpl
def register_responsibilities() -> list[Responsibility]:
    """The telecom duties an account manager holds besides the core ones."""
    return [
        Responsibility(
            "real-name-verification",
            "Real-name verification",
            "Check identity and face match before any line or card service.",
        ),
    ]


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
