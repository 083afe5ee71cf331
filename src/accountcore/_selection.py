"""Selections of customers that a rule may concern, answered by the book without loading them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from ._enums import CustomerKind, Tier

__all__ = ["CustomerSelection"]


def _profile_needed(instance: CustomerSelection, attribute: Any, value: Any) -> None:
    if value and instance.profile is None:
        raise ValueError(f"{attribute.name} names profile fields: give the profile too")


def _kinds(values: Iterable[CustomerKind]) -> frozenset[CustomerKind]:
    return frozenset(values)


def _tiers(values: Iterable[Tier]) -> frozenset[Tier]:
    return frozenset(values)


def _codes(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


def _amounts(values: Mapping[str, Decimal | int | str]) -> dict[str, Decimal]:
    return {name: Decimal(amount) for name, amount in values.items()}


def _items(values: Mapping[str, str]) -> dict[str, str]:
    return dict(values)


@frozen
class CustomerSelection:
    """Which customers a rule may concern, in terms the book answers without loading them.

    Every condition given must hold; an empty selection takes every customer.
    A hook returns several selections to mean "any of these". A selection is
    a promise to the core: it includes every customer the rule may act on,
    and may include more (the rule itself still decides for each).

    - ``profile``: customers with this profile;
    - ``kinds``, ``tiers``: customers of one of these (empty: any);
    - ``at_least``: profile fields (of ``profile``) at or above an amount;
    - ``contains``: profile list fields (of ``profile``) holding an item;
    - ``holding``: customers with an agreement in force (signed or active)
      for one of these product codes.
    """

    profile: str | None = None
    kinds: frozenset[CustomerKind] = field(default=frozenset(), converter=_kinds)
    tiers: frozenset[Tier] = field(default=frozenset(), converter=_tiers)
    at_least: dict[str, Decimal] = field(
        factory=dict, converter=_amounts, hash=False, validator=_profile_needed
    )
    contains: dict[str, str] = field(
        factory=dict, converter=_items, hash=False, validator=_profile_needed
    )
    holding: frozenset[str] = field(default=frozenset(), converter=_codes)
