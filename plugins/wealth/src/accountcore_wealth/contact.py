"""Keeping ``last_contact`` current: a visit logged or a care action done is a contact.

``last_contact`` is "last contact of any kind (visits update it)" (docs/domain/wealth.md,
"Profile fields"); the retention indicator "no contact for 180 days" reads
it. After each such change the core asks :func:`profile_changes` and writes
the new date, audited under the plugin's name.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from accountcore import AuditEvent, Customer

__all__ = ["CONTACTS", "profile_changes"]

PROFILE = "wealth"
# The changes that are a contact with the customer, and the field of the day it was made.
CONTACTS = {"visit.log": "on", "care.done": "closed_on"}


def profile_changes(event: AuditEvent, customer: Customer) -> dict[str, Any]:
    """``{"last_contact": day}`` when ``event`` is a contact later than the one known."""
    profile = customer.profile(PROFILE)
    day_field = CONTACTS.get(event.action)
    after = event.after or {}
    if profile is None or day_field is None or not isinstance(after.get(day_field), str):
        return {}
    day = dt.date.fromisoformat(after[day_field])
    if profile.last_contact is not None and profile.last_contact >= day:
        return {}
    return {"last_contact": day}
