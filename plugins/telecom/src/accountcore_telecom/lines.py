"""The lines a customer holds with us: what ``telecom.line-limit`` counts and ``lines`` follows.

``lines`` in the profile is the count of active SIMs under the customer's
identity (docs/domain/telecom.md, "Profile fields"). It is kept current through the
core: after a secondary SIM or a first plan is signed or terminated,
:func:`profile_changes` answers the new count. The line limit counts the
higher of ``lines`` and the line agreements in force in the book, so that a
``lines`` typed in before the agreements were recorded (or left behind while
the plugin was disabled) never lets a line through.

A plan is one line: signing a plan while the customer holds one is a plan
change, which adds no line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from accountcore import Agreement, AuditEvent, Context, Customer, Product

from .products import products
from .profile import TelecomProfile

__all__ = ["LINE_CATEGORIES", "adds_line", "held_lines", "profile_changes"]

PROFILE = "telecom"
# Products that put a line under the customer's identity.
LINE_CATEGORIES = frozenset({"plan", "line"})
_CATEGORY = {product.code: product.category for product in products()}


def _live(agreements: Iterable[Agreement], day: dt.date, category: str) -> list[Agreement]:
    return [a for a in agreements if a.in_force_on(day) and _CATEGORY.get(a.product) == category]


def held_lines(profile: TelecomProfile, agreements: Iterable[Agreement], day: dt.date) -> int:
    """The lines held on ``day``: ``lines``, or the line agreements in force if more."""
    held = list(agreements)
    in_book = len(_live(held, day, "line")) + (1 if _live(held, day, "plan") else 0)
    return max(profile.lines or 0, in_book)


def adds_line(
    product: Product, profile: TelecomProfile, agreements: Iterable[Agreement], day: dt.date
) -> bool:
    """Whether signing ``product`` adds a line: a secondary SIM always, a plan when none is held."""
    if product.category == "line":
        return True
    if product.category == "plan":
        return profile.plan is None and not _live(agreements, day, "plan")
    return False


def profile_changes(event: AuditEvent, customer: Customer, context: Context) -> dict[str, Any]:
    """The new ``lines`` (and ``plan``) after a line or plan is signed or terminated."""
    profile = customer.profile(PROFILE)
    agreement = event.after if event.entity == "agreement" else None
    if profile is None or not isinstance(agreement, Mapping):
        return {}
    code = agreement.get("product")
    category = _CATEGORY.get(code) if isinstance(code, str) else None
    if category not in LINE_CATEGORIES:
        return {}
    others = [a for a in context.book.agreements_of(customer.id) if a.id != event.entity_id]
    lines = profile.lines or 0
    if event.action == "agreement.sign":
        if category == "plan":
            if profile.plan is not None or _live(others, context.today, "plan"):
                return {"plan": code}
            return {"plan": code, "lines": lines + 1}
        return {"lines": lines + 1}
    if event.action == "agreement.terminate":
        if category == "plan":
            remaining = _live(others, context.today, "plan")
            if remaining:
                return {"plan": remaining[-1].product}
            return {"plan": None, "lines": max(0, lines - 1)}
        return {"lines": max(0, lines - 1)}
    return {}
