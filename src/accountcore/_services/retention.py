"""Retention early warning: the plugins' signals merged into one ranked list of customers.

Every plugin (and the core, for complaints) scores each customer of a batch
from its own data, with the reasons behind the score (``retention_signals``).
The core merges them into one signal per customer:

- the score is the sum of the plugins' scores, capped at 1 (each plugin's own
  score is the sum of its indicators' weights, capped at 1): indicators of
  different industries add up, as they do within one industry;
- the reasons are every plugin's reasons, heaviest first, each tagged with
  the plugin that gave it.

Customers are read a batch at a time; only the signals at or above the score
asked for are kept to be ranked. Churned customers have already left: the
rules never see them.

The core's own signal, ``core.recent-complaint``, is in
:mod:`accountcore._builtin.retention`. Once a model is trained
(:mod:`.retention_model`), it scores instead, the rules' reasons kept beside.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator, Sequence

import attrs

from .._app import App
from .._errors import BadInput, PluginError
from .._model import Customer, RetentionSignal
from . import scope
from .batches import living_batches

__all__ = ["RESPONSIBILITY", "iter_risks", "merge_signals", "rank_risks", "risks_of"]

RESPONSIBILITY = "retention"


def merge_signals(
    customers: Sequence[Customer], signals: Sequence[RetentionSignal]
) -> list[RetentionSignal]:
    """One signal per customer of the batch who has any, in the batch's order.

    A plugin's score outside 0..1 is a PluginError naming the plugin (the
    facade has checked that each signal is for a customer of the batch).
    """
    parts: dict[str, list[RetentionSignal]] = defaultdict(list)
    for signal in signals:
        if not 0 <= signal.score <= 1:
            problem = f"returned a score of {signal.score} for {signal.customer}: expected 0 to 1"
            raise PluginError(signal.plugin or "?", "retention_signals", ValueError(problem))
        parts[signal.customer].append(signal)
    merged = []
    for customer in customers:
        found = parts.get(customer.id)
        if not found:
            continue
        score = round(min(1.0, sum(signal.score for signal in found)), 4)
        reasons = sorted(
            (
                attrs.evolve(reason, plugin=signal.plugin)
                for signal in found
                for reason in signal.reasons
            ),
            key=lambda reason: -reason.weight,
        )
        merged.append(RetentionSignal(customer.id, score, tuple(reasons), manager=customer.manager))
    return merged


def iter_risks(
    app: App, *, min_score: float = 0.0, manager: str | None = None
) -> Iterator[RetentionSignal]:
    """The merged signals scoring ``min_score`` or more, in customer order, streamed.

    Only the customers the actor works on for retention (or ``manager``'s) are read.
    """
    if not 0 <= min_score <= 1:
        raise BadInput(f"--min-score {min_score}: a score is between 0 and 1")
    managers = scope.narrowed(scope.managers_for(app, RESPONSIBILITY), manager)
    return _stream(app, managers, min_score)


def risks_of(app: App, customers: Sequence[Customer]) -> list[RetentionSignal]:
    """The signals of one batch of customers: the trained model's score, else the rules'.

    With a trained model every customer of the batch gets its score, its
    largest contributions as reasons and the plugins' rule reasons beside
    them; without one, the merged rule signals of those the rules flag.
    """
    from .retention_model import current_model, model_signals

    rules = merge_signals(customers, app.hooks.retention_signals(customers))
    model = current_model(app)
    return rules if model is None else model_signals(app, model, customers, rules)


def _stream(
    app: App, managers: frozenset[str] | None, min_score: float
) -> Iterator[RetentionSignal]:
    for batch in living_batches(app, managers):
        with app.batch_cache.batch():
            signals = risks_of(app, batch)
        for signal in signals:
            if signal.score >= min_score:
                yield signal


def rank_risks(
    app: App,
    *,
    min_score: float = 0.0,
    manager: str | None = None,
    limit: int | None = None,
    fresh: bool = False,
) -> list[RetentionSignal]:
    """The customers most at risk of leaving, highest score first (ties in customer order).

    Read from what today's daily batch stored when it ran on the current model,
    plugins and settings (:mod:`.retention_scores`), unless ``fresh``; else
    scored now.
    """
    from .retention_scores import stored_risks

    if not fresh:
        if not 0 <= min_score <= 1:
            raise BadInput(f"--min-score {min_score}: a score is between 0 and 1")
        managers = scope.narrowed(scope.managers_for(app, RESPONSIBILITY), manager)
        stored = stored_risks(app, managers, min_score, limit)
        if stored is not None:
            return list(stored)
    risks = iter_risks(app, min_score=min_score, manager=manager)
    if limit is not None:
        return heapq.nlargest(limit, risks, key=lambda signal: signal.score)
    return sorted(risks, key=lambda signal: -signal.score)
