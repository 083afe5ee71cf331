"""``core.recent-complaint``, the core's retention signal (run by :mod:`.._services.retention`)."""

import datetime as dt
from collections.abc import Sequence

from .._context import Context
from .._model import ComplaintStatus, Customer, Reason, RetentionSignal
from ..hookspecs import hookimpl
from .settings import CoreSettings

__all__ = ["retention_signals"]


@hookimpl
def retention_signals(customers: Sequence[Customer], context: Context) -> list[RetentionSignal]:
    """``core.recent-complaint``: a complaint not yet replied, or opened within 90 days."""
    settings: CoreSettings = context.settings
    since = context.today - dt.timedelta(days=settings.recent_complaint_days)
    weight = settings.weight_recent_complaint
    signals = []
    for customer_id, complaints in context.book.complaints_of_many(c.id for c in customers).items():
        recent = [
            c for c in complaints if c.status is not ComplaintStatus.REPLIED or c.opened_on >= since
        ]
        if recent:
            last = recent[-1]
            text = f"complaint {last.id} of {last.opened_on} ({last.status.value}): {last.summary}"
            if len(recent) > 1:
                text += f"; {len(recent)} complaints open or recent"
            reason = Reason("core.recent-complaint", weight, text)
            signals.append(RetentionSignal.from_reasons(customer_id, [reason]))
    return signals
