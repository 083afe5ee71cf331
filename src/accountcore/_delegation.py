"""A manager's duties handed to a deputy for a period.

Defined apart from :mod:`._model`, which names it, so that a command that does not
need it does not build it.
"""

from __future__ import annotations

import datetime as dt

from attrs import frozen

__all__ = ["Delegation"]


@frozen
class Delegation:
    """A manager's duties held by a deputy for a period, and no longer."""

    id: str
    from_manager: str
    to_manager: str
    start: dt.date
    end: dt.date
    reason: str
    responsibilities: tuple[str, ...] = ()
    ended_on: dt.date | None = None
