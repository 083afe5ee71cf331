"""Visits for a generated book: the same for the same customers, seed and date.

Each customer gets between none and twice ``visits_per_customer`` visits (so
that many on average), from ``random.Random(f"{seed}/visits")``. The most
recent is a little under his tier's return-visit interval ago on average, so
about a third of the book is overdue, as in a real portfolio; earlier ones
step back by similar gaps, never before the file was created. One customer in
ten has his next visit planned within 45 days instead. Most visits are made by
the customer's manager, 2% by a deputy on his behalf.

The customers are read back a chunk at a time as plain rows (five columns):
reading them as Customers would structure every profile for nothing. Visits
are written through the store (``next_ids``, ``add_visits``), one transaction
per chunk.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from accountcore import Manager, Visit, VisitChannel, VisitPurpose, VisitStatus

__all__ = ["make_visits"]

CHUNK = 10_000  # customers read and written per transaction
# The mean age of the last visit and the mean gap between visits, in days, by tier:
# 0.8 of the core's intervals (30, 60, 90, 180).
MEAN_GAP = {"vip": 24.0, "a": 48.0, "b": 72.0, "c": 144.0}
PLANNED_SHARE = 0.1
DEPUTY_SHARE = 0.02
NEXT_STEP_SHARE = 0.15
OUTCOMES = (
    "reviewed the portfolio",
    "agreed to a trial",
    "asked for an offer",
    "no change",
    "raised a billing question",
    "interested in a new product",
    "satisfied with the service",
)


class _Weighted:
    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self.values = [value for value, _ in pairs]
        self.cumulative = list(accumulate(weight for _, weight in pairs))

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.cumulative[-1])]


PURPOSE = _Weighted(
    [
        (VisitPurpose.DEVELOPMENT, 18),
        (VisitPurpose.RETURN, 45),
        (VisitPurpose.CARE, 15),
        (VisitPurpose.SALES, 14),
        (VisitPurpose.COMPLAINT, 8),
    ]
)
CHANNEL = _Weighted(
    [
        (VisitChannel.ON_SITE, 40),
        (VisitChannel.PHONE, 42),
        (VisitChannel.VIDEO, 12),
        (VisitChannel.LETTER, 6),
    ]
)


def _dates(
    rng: random.Random, count: int, gap: float, created: int, today: int
) -> list[tuple[int, bool]]:
    """``count`` visit days (ordinals), latest first, each with whether it is still planned."""
    days: list[tuple[int, bool]] = []
    if count and rng.random() < PLANNED_SHARE:
        days.append((today + rng.randint(0, 45), True))
        count -= 1
    day = today - int(rng.expovariate(1 / gap))
    for _ in range(count):
        if day < created:
            # Before the file existed: somewhere between its creation and the visit after.
            later = days[-1][0] if days and not days[-1][1] else today
            day = rng.randint(created, max(created, later))
        days.append((day, False))
        day -= 1 + int(rng.expovariate(1 / gap))
    return days


def make_visits(
    store: Any,
    managers: Sequence[Manager],
    visits_per_customer: float,
    seed: int,
    today: dt.date,
) -> int:
    """Write the visits of every customer of ``store``; returns how many."""
    rng = random.Random(f"{seed}/visits")
    order = [m.id for m in managers]
    deputy = {m: order[(i + 1) % len(order)] for i, m in enumerate(order)}
    day0, spread, made, after = today.toordinal(), 2 * visits_per_customer + 1, 0, -1
    m = store.mark
    while True:
        # Bench only: the store port has no "just these columns" read.
        rows = store._db.execute(
            "SELECT seq, id, manager, tier, created_on FROM customers"
            f" WHERE seq > {m} ORDER BY seq LIMIT {m}",
            (after, CHUNK),
        ).fetchall()
        if not rows:
            return made
        after = rows[-1][0]
        visits = []
        for _, customer, manager, tier, created_on in rows:
            created = dt.date.fromisoformat(created_on).toordinal() if created_on else day0 - 3650
            for day, planned in _dates(
                rng, int(rng.random() * spread), MEAN_GAP[tier], created, day0
            ):
                visits.append(_visit(rng, customer, manager, deputy, day, planned))
        with store.transaction():
            ids = store.next_ids("v", len(visits))
            store.add_visits([visit(id_) for id_, visit in zip(ids, visits, strict=True)])
        made += len(visits)


def _visit(
    rng: random.Random, customer: str, manager: str, deputy: dict[str, str], day: int, planned: bool
) -> Any:
    """A function of the visit's id: ids are given once the chunk's count is known."""
    on = dt.date.fromordinal(day)
    fields: dict[str, Any] = {
        "customer": customer,
        "manager": manager,
        "on": on,
        "purpose": PURPOSE(rng),
        "channel": CHANNEL(rng),
    }
    if rng.random() < DEPUTY_SHARE:
        fields.update(manager=deputy[manager], on_behalf_of=manager)
    if planned:
        fields["status"] = VisitStatus.PLANNED
    else:
        fields["status"] = VisitStatus.DONE
        if rng.random() < 0.7:
            fields["outcome"] = OUTCOMES[rng.randrange(len(OUTCOMES))]
        if rng.random() < NEXT_STEP_SHARE:
            fields.update(next_step="follow-up call", next_on=on + dt.timedelta(rng.randint(7, 21)))
    return lambda visit_id: Visit(id=visit_id, **fields)
