"""A contact due to a customer under a care rule.

Defined apart from :mod:`._model`, which names it, so that a command that does not
need it does not build it.
"""

from __future__ import annotations

import datetime as dt

from attrs import frozen

from ._enums import CareStatus, Channel

__all__ = ["CareAction"]


@frozen
class CareAction:
    """A contact due to a customer under a care rule.

    One action exists per ``rule``, customer and ``period`` (the birthday's
    year, the quarter of a VIP invitation...), so a batch run twice creates
    nothing new. A rule gives the channel it prefers; the core keeps it or
    moves to the next one the customer allows (``channel`` None: he refused
    them all, and the action is stored skipped with that reason).

    ``assignee`` names a manager who is to make it besides those holding its
    duty for the customer (it is in his care list); ``not_by`` one who may
    not close it (the seller of a sale it checks on).

    ``expires_on`` is the last day the action is worth making (the end of its
    occasion: a birthday's late window, a contract's end); a batch after it
    closes the action, still due, as ``expired``. None: it does not expire,
    and stays due while its rule finds it.
    """

    rule: str
    customer: str
    channel: Channel | None
    message: str
    due: dt.date
    period: str
    responsibility: str = "care"
    id: str | None = None
    status: CareStatus = CareStatus.DUE
    note: str | None = None
    closed_on: dt.date | None = None
    plugin: str | None = None
    created_on: dt.date | None = None
    assignee: str | None = None
    not_by: str | None = None
    expires_on: dt.date | None = None
