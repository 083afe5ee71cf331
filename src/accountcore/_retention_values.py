"""The values of retention: a rule's reasons and signal, and the features a model learns from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from attrs import field, frozen

__all__ = ["AT_RISK", "Reason", "RetentionFeatures", "RetentionSignal"]

# The churn score from which a customer counts as at risk, unless told otherwise.
AT_RISK = 0.5


@frozen
class Reason:
    """One indicator behind a retention signal, with its weight."""

    rule: str
    weight: float
    text: str
    plugin: str | None = None


@frozen
class RetentionSignal:
    """How likely a customer is to leave, and why (score between 0 and 1).

    A plugin's signal carries its own reasons; the core merges the signals of
    every plugin into one per customer (``plugin`` None, each reason tagged
    with its plugin, ``manager`` the customer's).
    """

    customer: str
    score: float
    reasons: tuple[Reason, ...] = ()
    responsibility: str = "retention"
    plugin: str | None = None
    manager: str | None = None

    @classmethod
    def from_reasons(cls, customer: str, reasons: Iterable[Reason]) -> RetentionSignal:
        """The signal of these indicators: the sum of their weights, capped at 1."""
        found = tuple(reasons)
        return cls(customer, min(1.0, round(sum(r.weight for r in found), 4)), found)


@frozen
class RetentionFeatures:
    """Named numbers about one customer that a retention model learns from.

    ``values`` maps each feature's name, prefixed by its plugin
    (``telecom.month_to_month``), to a finite number; ``explained`` maps the
    same names to what the number says in a manager's words ("month-to-month
    contract (1 yes, 0 no)"), for the reasons of a score. A plugin usually
    shares one ``explained`` mapping between all its customers.
    """

    customer: str
    values: Mapping[str, float] = field(factory=dict, hash=False)
    explained: Mapping[str, str] = field(factory=dict, hash=False)
    plugin: str | None = None
