"""The daily batch: today's care actions and retention signals, in one pass over the book.

A job runs it once a day (``accountcore care run``): each batch of customers
goes through the care rules (new actions stored, stale ones closed, as
:func:`.care.run_care`) and the retention rules (signals merged, as
:mod:`.retention`), so the book is read once. A whole-book run (the
administrator's, no ``--manager``) stores every customer's retention signal
with the day and what it scored with (:mod:`.retention_scores`): ``retention
risks`` reads them the same day instead of scoring the book again. On a day
beyond the real date the run records nothing and counts what it would have
done.
"""

from __future__ import annotations

import contextlib

from attrs import define

from .._app import App
from .._model import RetentionSignal
from .._retention_values import AT_RISK
from . import scope
from .batches import living
from .care import CareRun, batches, record_run, store_care_due, whole_book
from .care_reconcile import left, pending
from .retention import RESPONSIBILITY, risks_of
from .retention_scores import ScoreWriter

__all__ = ["DailyRun", "run_daily"]


@define
class DailyRun:
    """What the daily batch did: the care run, and the customers at risk it found."""

    care: CareRun
    min_score: float
    at_risk: int = 0


def run_daily(app: App, *, manager: str | None = None, min_score: float = AT_RISK) -> DailyRun:
    """Run care and retention for the customers in the actor's scope (or ``manager``'s).

    Counts at risk the customers scoring ``min_score`` or more whom the actor
    works on for retention. The run is one transaction: a plugin that fails in
    any batch (care or retention) leaves the book as it was. On a day beyond
    the real date nothing is recorded: the figures say what the run would do.
    """
    run = DailyRun(CareRun(app.today.isoformat(), looked_ahead=app.looking_ahead), min_score)
    warned = scope.managers_for(app, RESPONSIBILITY)

    def count(signals: list[RetentionSignal]) -> int:
        return sum(
            1
            for signal in signals
            if signal.score >= min_score and (warned is None or signal.manager in warned)
        )

    ahead = app.looking_ahead
    with contextlib.nullcontext() if ahead else app.store.transaction():
        scores = ScoreWriter(app) if whole_book(app, manager) and not ahead else None
        for batch in batches(app, manager):
            alive = living(batch)
            with app.batch_cache.batch():  # the care and retention hooks read each record once
                signals = risks_of(app, alive) if alive else []
                if scores is not None:
                    scores.add(signals)
                run.at_risk += count(signals)
                if ahead:
                    fresh, closures = pending(app, batch)
                    run.care.add(batch, fresh, left(closures))
                else:
                    run.care.add(batch, *store_care_due(app, batch))
        if scores is not None:
            scores.finish()
    record_run(app, run.care, manager, at_risk=run.at_risk)
    return run
