"""The core's own rules, registered as the plugin ``core`` through the same hooks as any other.

Each concern has its module: the catalogue of duties (:mod:`.responsibilities`),
the core settings (:mod:`.settings`), the care rule ``core.birthday``
(:mod:`.care`) and the retention signal ``core.recent-complaint``
(:mod:`.retention`), and the features every book gives a learned
retention model (:mod:`.features`). This package is the plugin
object: pluggy finds the hook implementations here, each importing its
module when first called, so that a command that runs no rule never builds
what the rules use. The rules are described in docs/domain/core.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..hookspecs import hookimpl

if TYPE_CHECKING:
    from .._context import Context
    from .._model import CareAction, Customer, Responsibility, RetentionFeatures, RetentionSignal

__all__ = [
    "care_due",
    "register_responsibilities",
    "register_settings",
    "retention_features",
    "retention_signals",
]


@hookimpl
def register_responsibilities() -> list[Responsibility]:
    """The core catalogue of an account manager's duties."""
    from . import responsibilities

    return responsibilities.register_responsibilities()


@hookimpl
def register_settings() -> Any:
    """The core's settings class."""
    from . import settings

    return settings.register_settings()


@hookimpl
def care_due(customers: Sequence[Customer], context: Context) -> list[CareAction]:
    """The core's care rule: birthdays."""
    from . import care

    return care.care_due(customers, context)


@hookimpl
def retention_signals(customers: Sequence[Customer], context: Context) -> list[RetentionSignal]:
    """``core.recent-complaint``: a complaint not yet replied, or opened within 90 days."""
    from . import retention

    return retention.retention_signals(customers, context)


@hookimpl
def retention_features(customers: Sequence[Customer], context: Context) -> list[RetentionFeatures]:
    """Complaints and visits of the last 90 days, care skipped, time on the book, tier, kind."""
    from . import features

    return features.retention_features(customers, context)
