"""The trained retention model as the book keeps it, and how it scores and explains a customer.

Scoring is plain Python (a dot product per customer), so ``retention risks``
and the daily batch never import NumPy.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

from attrs import frozen

__all__ = ["Contribution", "FeatureWeight", "RetentionModel"]


@frozen
class FeatureWeight:
    """One feature of the model: its weight per standard deviation, and its scaling."""

    name: str
    text: str
    weight: float
    mean: float
    scale: float


@frozen
class Contribution:
    """How much one feature moved a customer's score from the book's base rate."""

    feature: FeatureWeight
    value: float
    points: float

    @property
    def text(self) -> str:
        """The reason in a manager's words: ``month-to-month contract ... = 1: +0.21``."""
        return f"{self.feature.text} = {self.value:g}: {self.points:+.2f}"


@frozen
class RetentionModel:
    """A regularised logistic regression trained on the book's leavers and stayers.

    ``auc`` is the cross-validated (held-out) area under the ROC curve on the
    customers it was trained on; ``version`` counts the trainings of the book.
    """

    version: int
    trained_on: dt.date
    customers: int
    leavers: int
    auc: float
    intercept: float
    features: tuple[FeatureWeight, ...]
    folds: int = 5
    l2: float = 1.0

    @property
    def base_rate(self) -> float:
        """The score of a customer whose every feature is the book's average."""
        return _sigmoid(self.intercept)

    def explain(self, values: Mapping[str, float]) -> tuple[float, list[Contribution]]:
        """The score of a customer with these feature values, and each feature's contribution.

        The contributions add up to the score minus :attr:`base_rate`: each
        feature gets the share of that distance its term has in the log-odds
        (so its sign is its term's). A feature missing from ``values`` is 0.
        """
        terms = [
            (feature, value, feature.weight * (value - feature.mean) / feature.scale)
            for feature in self.features
            for value in (float(values.get(feature.name, 0.0)),)
        ]
        total = sum(term for _, _, term in terms)
        score = _sigmoid(self.intercept + total)
        distance = score - self.base_rate
        share = distance / total if abs(total) > 1e-12 else 0.0
        return score, [Contribution(f, value, term * share) for f, value, term in terms]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, z))))
