"""One change or reveal in the book, chained to the event before.

Defined apart from :mod:`._model`, which names it, so that a command that does not
need it does not build it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import field, frozen

__all__ = ["AuditEvent"]


@frozen
class AuditEvent:
    """One change or reveal in the book; the hash chains it to the event before.

    ``at`` is the real time of the write; ``today`` the date the actor
    claimed (``--today``). ``keyed`` tells that ``hash`` is an HMAC made with
    the audit key, which is kept outside the book.
    """

    seq: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    on_behalf_of: str | None = None
    reason: str | None = None
    before: dict[str, Any] | None = field(default=None, hash=False)
    after: dict[str, Any] | None = field(default=None, hash=False)
    prev_hash: str = ""
    hash: str = ""
    today: dt.date | None = None
    keyed: bool = False
