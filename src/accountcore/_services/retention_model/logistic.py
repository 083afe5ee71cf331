"""A regularised logistic regression, its cross-validation and its measures, on NumPy arrays.

Why NumPy: a Newton step over a million customers and twenty features is a
few matrix products, a second or two in NumPy and many minutes in Python;
NumPy is the well-kept standard for exactly that. It is imported only by
``retention train`` and ``retention evaluate``; scoring needs no NumPy.

The features are standardised (mean 0, deviation 1) so that one L2 penalty
treats them alike and each weight reads as "per standard deviation".
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

__all__ = ["Fit", "auc", "calibration", "cross_validated", "fit", "precision_at"]

Matrix = NDArray[np.float64]
Vector = NDArray[np.float64]


class Fit(NamedTuple):
    """A fitted model on standardised features: ``sigmoid(intercept + weights . z)``."""

    intercept: float
    weights: Vector
    means: Vector
    scales: Vector

    def scores(self, x: Matrix) -> Vector:
        """The probability of leaving of each row of raw features ``x``."""
        z = (x - self.means) / self.scales
        return _sigmoid(self.intercept + z @ self.weights)


def _sigmoid(z: Vector) -> Vector:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35.0, 35.0)))


def fit(x: Matrix, y: Vector, *, l2: float = 1.0, iterations: int = 50) -> Fit:
    """Fit by Newton's method (iteratively reweighted least squares) with an L2 penalty.

    ``x`` holds one row per customer, ``y`` 1 for a leaver and 0 for a stayer.
    The intercept is not penalised. Converges in a handful of steps.
    """
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - means) / scales])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    w = np.zeros(z.shape[1])
    for _ in range(iterations):
        p = _sigmoid(z @ w)
        gradient = z.T @ (p - y) + penalty * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return Fit(float(w[0]), w[1:], means, scales)


def _folds(y: Vector, folds: int, seed: int) -> NDArray[np.int64]:
    """A fold number per row, leavers and stayers spread evenly over the folds."""
    rng = np.random.default_rng(seed)
    fold = np.empty(len(y), dtype=np.int64)
    for label in (0, 1):
        rows = np.flatnonzero(y == label)
        rng.shuffle(rows)
        fold[rows] = np.arange(len(rows)) % folds
    return fold


def cross_validated(
    x: Matrix, y: Vector, *, folds: int = 5, seed: int = 0, l2: float = 1.0
) -> Vector:
    """Each row's score from a model fitted without its fold (stratified ``folds``-fold)."""
    fold = _folds(y, folds, seed)
    out = np.empty(len(y))
    for k in range(folds):
        held = fold == k
        out[held] = fit(x[~held], y[~held], l2=l2).scores(x[held])
    return out


def auc(scores: Vector, y: Vector) -> float:
    """The probability that a leaver scores above a stayer (ties count half)."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    # Average ranks over ties, so that equal scores count half.
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    average = first + (counts - 1) / 2.0 + 1.0
    ranks[order] = np.repeat(average, counts)
    leavers = float(y.sum())
    stayers = len(y) - leavers
    return float((ranks[y == 1].sum() - leavers * (leavers + 1) / 2) / (leavers * stayers))


def precision_at(scores: Vector, y: Vector, top: int) -> float:
    """The share of leavers among the ``top`` highest scores."""
    top = max(1, min(top, len(scores)))
    best = np.argsort(-scores, kind="mergesort")[:top]
    return float(y[best].mean())


def calibration(scores: Vector, y: Vector, bins: int = 10) -> list[tuple[float, float, int]]:
    """``(mean score, share who left, customers)`` per band of scores, lowest band first."""
    order = np.argsort(scores, kind="mergesort")
    bands = []
    for part in np.array_split(order, bins):
        if len(part):
            bands.append((float(scores[part].mean()), float(y[part].mean()), len(part)))
    return bands
