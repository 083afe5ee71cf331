"""Training and evaluating the retention model on the book's leavers and stayers (NumPy)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from attrs import define, field, frozen

from ..._app import App
from ..._errors import BadInput
from . import logistic
from .features import features_of, labelled_batches
from .model import FeatureWeight, RetentionModel

__all__ = ["MIN_LEAVERS", "MIN_STAYERS", "Evaluation", "TrainingSet", "collect", "fit_model"]

# Fewer customers of either kind than this and no held-out AUC means anything.
MIN_LEAVERS = 20
MIN_STAYERS = 20
FOLDS = 5
L2 = 1.0


@define
class TrainingSet:
    """The features of every leaver and stayer, one row each, built a batch at a time."""

    names: dict[str, int] = field(factory=dict)
    explained: dict[str, str] = field(factory=dict)
    blocks: list[np.ndarray] = field(factory=list)
    labels: list[np.ndarray] = field(factory=list)

    def add(self, rows: list[dict[str, float]], label: int) -> None:
        """Append one batch of rows, all with the same label (1: left)."""
        for row in rows:
            for name in row:
                self.names.setdefault(name, len(self.names))
        block = np.zeros((len(rows), len(self.names)))
        for i, row in enumerate(rows):
            for name, value in row.items():
                block[i, self.names[name]] = value
        self.blocks.append(block)
        self.labels.append(np.full(len(rows), float(label)))

    def arrays(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """``(x, y, names)`` with the features that vary; constant ones teach nothing."""
        width = len(self.names)
        x = np.vstack([np.pad(b, ((0, 0), (0, width - b.shape[1]))) for b in self.blocks])
        y = np.concatenate(self.labels) if self.labels else np.zeros(0)
        names = sorted(self.names, key=self.names.__getitem__)
        varying = x.std(axis=0) > 0 if len(x) else np.zeros(width, dtype=bool)
        return x[:, varying], y, [n for n, keep in zip(names, varying, strict=True) if keep]


def collect(app: App) -> TrainingSet:
    """Every leaver's and stayer's features; BadInput when there are too few of either."""
    found = TrainingSet()
    for customers, label, day in labelled_batches(app):
        rows, explained = features_of(app, customers, None if day == app.today else day)
        found.add(rows, label)
        for name, text in explained.items():
            found.explained.setdefault(name, text)
    leavers = int(sum(block.sum() for block in found.labels))
    stayers = int(sum(len(block) for block in found.labels)) - leavers
    if leavers < MIN_LEAVERS or stayers < MIN_STAYERS:
        raise BadInput(
            f"the book has {leavers} leavers (churned, with a churn date) and {stayers} active"
            f" customers: a model needs at least {MIN_LEAVERS} of each; the current model is"
            " unchanged"
        )
    return found


@frozen
class Evaluation:
    """How well the model's training ranks held-out customers (out-of-fold scores)."""

    customers: int
    leavers: int
    auc: float
    precision_top_10pct: float
    precision_top_100: float
    calibration: tuple[tuple[float, float, int], ...]


def _arrays(found: TrainingSet) -> tuple[np.ndarray, np.ndarray, list[str]]:
    x, y, names = found.arrays()
    if not names:
        raise BadInput(
            "no plugin gives a feature that varies between customers: install or enable the"
            " industry plugins (`accountcore plugins list`); the current model is unchanged"
        )
    return x, y, names


def evaluate_set(found: TrainingSet) -> Evaluation:
    """Cross-validated measures of the model a training on ``found`` would give."""
    x, y, _ = _arrays(found)
    held_out = logistic.cross_validated(x, y, folds=FOLDS, l2=L2)
    return Evaluation(
        len(y),
        int(y.sum()),
        round(logistic.auc(held_out, y), 4),
        round(logistic.precision_at(held_out, y, max(1, len(y) // 10)), 4),
        round(logistic.precision_at(held_out, y, 100), 4),
        tuple((round(s, 4), round(r, 4), n) for s, r, n in logistic.calibration(held_out, y)),
    )


def fit_model(found: TrainingSet, version: int, trained_on: dt.date) -> RetentionModel:
    """The model fitted on every row of ``found``, with its held-out AUC."""
    x, y, names = _arrays(found)
    held_out = logistic.cross_validated(x, y, folds=FOLDS, l2=L2)
    fitted = logistic.fit(x, y, l2=L2)
    features = tuple(
        FeatureWeight(name, found.explained.get(name, name), float(w), float(m), float(s))
        for name, w, m, s in zip(names, fitted.weights, fitted.means, fitted.scales, strict=True)
    )
    return RetentionModel(
        version,
        trained_on,
        len(y),
        int(y.sum()),
        round(logistic.auc(held_out, y), 4),
        fitted.intercept,
        features,
        FOLDS,
        L2,
    )
