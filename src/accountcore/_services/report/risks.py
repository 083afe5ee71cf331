"""Risks: the customers at risk of leaving today, by score band.

Retention scores are not kept in the book: every plugin's rules score the
customers when asked. The report asks for the month under way only (the
month holding today), reading the covered managers' living customers a
batch at a time and keeping counts; a past month shows none. Bands:
``high`` a score of 0.7 or more, ``medium`` 0.4 to under 0.7, ``low`` above 0
to under 0.4.
"""

from __future__ import annotations

from ..batches import living_batches
from ..retention import risks_of
from .concern import Concern, Inputs
from .counts import Counts, bump
from .period import Period

__all__ = ["BANDS", "RISKS", "band"]

BANDS = (("high", 0.7), ("medium", 0.4), ("low", 0.0))


def band(score: float) -> str | None:
    """The band of a score, or None for a score of 0."""
    for name, floor in BANDS:
        if score >= floor and score > 0:
            return name
    return None


def tally(inputs: Inputs, period: Period) -> dict[str, Counts]:
    """Each manager's customers at risk today, for the period holding today."""
    found = inputs.blank(lambda _: {"at_risk": 0, **{name: 0 for name, _ in BANDS}})
    app = inputs.app
    if not period.first <= app.today <= period.last:
        return {}
    for batch in living_batches(app, inputs.managers):
        for signal in risks_of(app, batch):
            name = band(signal.score)
            if name is not None and signal.manager in found:
                bump(found[signal.manager], ["at_risk"], 1)
                bump(found[signal.manager], [name], 1)
    return found


def derive(counts: Counts) -> Counts:
    """Nothing to derive: the counts are the figures."""
    return counts


RISKS = Concern("risks", tally, derive)
