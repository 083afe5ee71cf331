"""Retention that learns from the book: a model of who leaves, trained on who already left.

``retention train`` fits a regularised logistic regression on the features
every plugin gives (``retention_features``) of the book's leavers (churned,
as they were on the day they left) and stayers (active, as they are today);
the model is stored in the book, versioned and audited, and from then on
``retention risks``, the agenda and the daily batch rank by its score, each
score explained by its largest contributions beside the plugins' rule
reasons. ``retention model drop`` goes back to the rules' weights.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..._app import App
from ..._errors import Refused
from ..._model import Customer, Reason, RetentionSignal
from .. import audit
from .features import features_of
from .model import Contribution, FeatureWeight, RetentionModel

if TYPE_CHECKING:
    from .training import Evaluation

__all__ = [
    "Contribution",
    "FeatureWeight",
    "RetentionModel",
    "current_model",
    "drop_model",
    "evaluate_model",
    "model_signals",
    "train_model",
]

REASONS = 3  # a score's largest contributions given as its reasons

_models: weakref.WeakKeyDictionary[App, RetentionModel | None] = weakref.WeakKeyDictionary()


def _admin_only(app: App, what: str) -> None:
    if app.actor is not None:
        raise Refused(
            f"{app.actor} may not {what}: the retention model serves the whole book, the"
            " administrator trains and drops it",
            rule="core.admin-only",
        )


def current_model(app: App) -> RetentionModel | None:
    """The model in use on this book, or None (the rules' weights rank alone)."""
    if app not in _models:
        stored = app.store.current_retention_model()
        _models[app] = (
            None if stored is None else app.converter.structure(stored[1], RetentionModel)
        )
    return _models[app]


def train_model(app: App) -> RetentionModel:
    """Train, store and put in use a new model; BadInput (nothing changed) when it cannot learn.

    The administrator's; training reads customers and changes none of them.
    """
    _admin_only(app, "train the retention model")
    from . import training  # NumPy, only for training

    found = training.collect(app)
    with app.store.transaction():
        previous = app.store.current_retention_model()
        version = (previous[0] if previous else 0) + 1
        model = training.fit_model(found, version, app.today)
        data = app.converter.unstructure(model)
        stored = app.store.add_retention_model(app.today, data)
        if stored != version:
            model = app.converter.structure({**data, "version": stored}, RetentionModel)
        summary = {k: v for k, v in app.converter.unstructure(model).items() if k != "features"}
        summary["features"] = [f.name for f in model.features]
        audit.record(app, "retention.train", "retention_model", f"v{model.version}", after=summary)
    _models[app] = model
    return model


def evaluate_model(app: App) -> Evaluation:
    """Cross-validated measures of a model trained on the book as it is now (nothing stored)."""
    from . import training

    return training.evaluate_set(training.collect(app))


def drop_model(app: App) -> bool:
    """Stop using the trained model (kept in the book's history); False when none was in use."""
    _admin_only(app, "drop the retention model")
    with app.store.transaction():
        model = current_model(app)
        if model is None:
            return False
        app.store.drop_retention_models(app.today)
        audit.record(app, "retention.drop", "retention_model", f"v{model.version}")
    _models[app] = None
    return True


def model_signals(
    app: App, model: RetentionModel, customers: Sequence[Customer], rules: Sequence[RetentionSignal]
) -> list[RetentionSignal]:
    """One signal per customer of the batch, scored by ``model``, the rules' reasons beside.

    The reasons are the largest positive contributions (``model.FEATURE``), then
    the plugins' rule reasons as they were.
    """
    rows, _ = features_of(app, customers)
    by_customer = {signal.customer: signal for signal in rules}
    signals = []
    for customer, values in zip(customers, rows, strict=True):
        score, contributions = model.explain(values)
        pushing = sorted((c for c in contributions if c.points > 0.005), key=lambda c: -c.points)
        reasons = [
            Reason(f"model.{c.feature.name}", round(c.points, 4), c.text, "model")
            for c in pushing[:REASONS]
        ]
        rule_signal = by_customer.get(customer.id)
        if rule_signal is not None:
            reasons.extend(rule_signal.reasons)
        signals.append(
            RetentionSignal(customer.id, round(score, 4), tuple(reasons), manager=customer.manager)
        )
    return signals
