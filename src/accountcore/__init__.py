"""accountcore: the daily work of account managers, extended by industry plugins.

This module is the public API: plugins import from here and from
:mod:`accountcore.hookspecs`, never from anything else. Names are imported
on first use, so that the command line starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module of accountcore that defines it.
_EXPORTS = {
    "BookReader": "context",
    "Context": "context",
    "age_on": "dates",
    "months_after": "dates",
    "FALLBACK_ORDER": "channels",
    "care_channel": "channels",
    "anniversary": "dates",
    "last_anniversary": "dates",
    "lapse_notice": "dates",
    "lapses_on": "dates",
    "months_between": "dates",
    "quarter_key": "dates",
    "week_key": "dates",
    "AccountcoreError": "errors",
    "BadInput": "errors",
    "NotFound": "errors",
    "PluginError": "errors",
    "Refused": "errors",
    "hookimpl": "hookspecs",
    "Agreement": "model",
    "AgreementStatus": "model",
    "AuditEvent": "model",
    "CareAction": "model",
    "CareStatus": "model",
    "Channel": "model",
    "Complaint": "model",
    "ComplaintSeverity": "model",
    "ComplaintStatus": "model",
    "Contact": "model",
    "Customer": "model",
    "CustomerKind": "model",
    "CustomerSelection": "model",
    "CustomerStatus": "model",
    "Delegation": "model",
    "Finding": "model",
    "InvestorRisk": "model",
    "Manager": "model",
    "OverdueVisit": "model",
    "Product": "model",
    "ProductRisk": "model",
    "Reason": "model",
    "Responsibility": "model",
    "RetentionSignal": "model",
    "Severity": "model",
    "Tier": "model",
    "Visit": "model",
    "VisitChannel": "model",
    "VisitPurpose": "model",
    "VisitStatus": "model",
}

__all__ = [
    "FALLBACK_ORDER",
    "AccountcoreError",
    "Agreement",
    "AgreementStatus",
    "AuditEvent",
    "BadInput",
    "BookReader",
    "CareAction",
    "CareStatus",
    "Channel",
    "Complaint",
    "ComplaintSeverity",
    "ComplaintStatus",
    "Contact",
    "Context",
    "Customer",
    "CustomerKind",
    "CustomerSelection",
    "CustomerStatus",
    "Delegation",
    "Finding",
    "InvestorRisk",
    "Manager",
    "NotFound",
    "OverdueVisit",
    "PluginError",
    "Product",
    "ProductRisk",
    "Reason",
    "Refused",
    "Responsibility",
    "RetentionSignal",
    "Severity",
    "Tier",
    "Visit",
    "VisitChannel",
    "VisitPurpose",
    "VisitStatus",
    "__version__",
    "age_on",
    "anniversary",
    "care_channel",
    "hookimpl",
    "lapse_notice",
    "lapses_on",
    "last_anniversary",
    "months_after",
    "months_between",
    "quarter_key",
    "week_key",
]

if TYPE_CHECKING:
    from .channels import FALLBACK_ORDER, care_channel
    from .context import BookReader, Context
    from .dates import (
        age_on,
        anniversary,
        lapse_notice,
        lapses_on,
        last_anniversary,
        months_after,
        months_between,
        quarter_key,
        week_key,
    )
    from .errors import AccountcoreError, BadInput, NotFound, PluginError, Refused
    from .hookspecs import hookimpl
    from .model import (
        Agreement,
        AgreementStatus,
        AuditEvent,
        CareAction,
        CareStatus,
        Channel,
        Complaint,
        ComplaintSeverity,
        ComplaintStatus,
        Contact,
        Customer,
        CustomerKind,
        CustomerSelection,
        CustomerStatus,
        Delegation,
        Finding,
        InvestorRisk,
        Manager,
        OverdueVisit,
        Product,
        ProductRisk,
        Reason,
        Responsibility,
        RetentionSignal,
        Severity,
        Tier,
        Visit,
        VisitChannel,
        VisitPurpose,
        VisitStatus,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'accountcore' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
