"""What plugins register: the products they offer and the duties of a manager.

Defined apart from :mod:`._model`, which names them, so that a command that needs
none of them builds none.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from attrs import field, frozen

from ._enums import ProductRisk

__all__ = ["Product", "Responsibility"]


@frozen
class Product:
    """A product a plugin offers; its code starts with the industry's name.

    ``details`` holds what only the industry interprets (a plan's included
    data, say). ``plugin`` is filled in by the core with the plugin that
    registered the product.
    """

    code: str
    name: str
    industry: str
    category: str
    risk_level: ProductRisk | None = None
    term_months: int | None = None
    minimum_amount: Decimal | None = None
    professional_only: bool = False
    qualified_only: bool = False
    details: dict[str, Any] = field(factory=dict, hash=False)
    plugin: str | None = None


@frozen
class Responsibility:
    """A named duty of an account manager; a delegation may move it."""

    code: str
    name: str
    description: str = ""
    plugin: str | None = None
