"""A customer's complaint, tracked until it is resolved and replied to.

Defined apart from :mod:`._model`, which names it, so that a command that does not
need it does not build it.
"""

from __future__ import annotations

import datetime as dt

from attrs import frozen

from ._enums import ComplaintSeverity, ComplaintStatus

__all__ = ["Complaint"]


@frozen
class Complaint:
    """A customer's complaint, tracked until it is resolved and replied to."""

    id: str
    customer: str
    manager: str
    opened_on: dt.date
    channel: str
    severity: ComplaintSeverity
    summary: str
    deadline: dt.date
    status: ComplaintStatus = ComplaintStatus.OPEN
    resolution: str | None = None
    resolved_on: dt.date | None = None
    reply: str | None = None
    reply_channel: str | None = None
    replied_on: dt.date | None = None
