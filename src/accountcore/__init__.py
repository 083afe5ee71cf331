"""accountcore: the daily work of account managers, extended by industry plugins.

This module is the public API: plugins import from here and from
:mod:`accountcore.hookspecs`, never from anything else. Names are imported
on first use, so that the command line starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

# Public name -> the module of accountcore that defines it.
_EXPORTS = {
    "BookReader": "_context",
    "Context": "_context",
    "age_on": "dates",
    "months_after": "dates",
    "FALLBACK_ORDER": "_channels",
    "care_channel": "_channels",
    "anniversary": "dates",
    "last_anniversary": "dates",
    "lapse_notice": "dates",
    "lapses_on": "dates",
    "months_between": "dates",
    "quarter_key": "dates",
    "quarter_end": "dates",
    "month_end": "dates",
    "week_key": "dates",
    "AccountcoreError": "_errors",
    "BadInput": "_errors",
    "NotFound": "_errors",
    "PluginError": "_errors",
    "Refused": "_errors",
    "PERSONAL": "personal_data",
    "personal": "personal_data",
    "days": "settings_fields",
    "fraction": "settings_fields",
    "hookimpl": "hookspecs",
    "RuleTable": "rules",
    "agreement_findings": "rules",
    "each_profile": "rules",
    "found": "rules",
    "holdings": "rules",
    "lapse_reminder": "rules",
    "lapsed_reason": "rules",
    "signal_of": "rules",
    "Agreement": "_model",
    "AgreementStatus": "_model",
    "AuditEvent": "_model",
    "CareAction": "_model",
    "CareStatus": "_model",
    "Channel": "_model",
    "Complaint": "_model",
    "ComplaintSeverity": "_model",
    "ComplaintStatus": "_model",
    "Contact": "_model",
    "Customer": "_model",
    "CustomerKind": "_model",
    "CustomerSelection": "_model",
    "CustomerStatus": "_model",
    "Delegation": "_model",
    "Finding": "_model",
    "InvestorRisk": "_model",
    "Manager": "_model",
    "OverdueVisit": "_model",
    "Product": "_model",
    "ProductRisk": "_model",
    "Reason": "_model",
    "ReportFigure": "_report_figure",
    "Responsibility": "_model",
    "RetentionFeatures": "_model",
    "RetentionSignal": "_model",
    "Severity": "_model",
    "Tier": "_model",
    "Visit": "_model",
    "VisitChannel": "_model",
    "VisitPurpose": "_model",
    "VisitStatus": "_model",
}

__all__ = [
    "FALLBACK_ORDER",
    "PERSONAL",
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
    "ReportFigure",
    "Responsibility",
    "RetentionFeatures",
    "RetentionSignal",
    "RuleTable",
    "Severity",
    "Tier",
    "Visit",
    "VisitChannel",
    "VisitPurpose",
    "VisitStatus",
    "__version__",
    "age_on",
    "agreement_findings",
    "anniversary",
    "care_channel",
    "days",
    "each_profile",
    "found",
    "fraction",
    "holdings",
    "hookimpl",
    "lapse_notice",
    "lapse_reminder",
    "lapsed_reason",
    "lapses_on",
    "last_anniversary",
    "month_end",
    "months_after",
    "months_between",
    "personal",
    "quarter_end",
    "quarter_key",
    "signal_of",
    "week_key",
]

if TYPE_CHECKING:
    from ._channels import FALLBACK_ORDER, care_channel
    from ._context import BookReader, Context
    from ._errors import AccountcoreError, BadInput, NotFound, PluginError, Refused
    from ._model import (
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
        RetentionFeatures,
        RetentionSignal,
        Severity,
        Tier,
        Visit,
        VisitChannel,
        VisitPurpose,
        VisitStatus,
    )
    from ._report_figure import ReportFigure
    from .dates import (
        age_on,
        anniversary,
        lapse_notice,
        lapses_on,
        last_anniversary,
        month_end,
        months_after,
        months_between,
        quarter_end,
        quarter_key,
        week_key,
    )
    from .hookspecs import hookimpl
    from .personal_data import PERSONAL, personal
    from .rules import (
        RuleTable,
        agreement_findings,
        each_profile,
        found,
        holdings,
        lapse_reminder,
        lapsed_reason,
        signal_of,
    )
    from .settings_fields import days, fraction


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'accountcore' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
