"""The wealth care rules (docs/domain/wealth.md, "Care"),
given a batch of customers by the daily batch.

Agreements (maturity, cooling-off) are read for the whole batch at once
(``context.book.agreements_of_many``), for the customers with a ``wealth``
profile. A rule that falls due on a date still makes its action when the batch
runs later, while the occasion lasts; the period makes it once only.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import attrs

from accountcore import (
    Agreement,
    CareAction,
    Channel,
    Context,
    Customer,
    Tier,
    quarter_end,
    quarter_key,
)
from accountcore.rules import each_profile, found, holdings, lapse_reminder

from .products import INDUSTRY, products
from .profile import WealthProfile
from .settings import WealthSettings

__all__ = ["care_due", "wealth_holdings"]

PROFILE = "wealth"
# The products with a cooling-off after signing (the private fund), from the catalogue.
COOLING_OFF_PRODUCTS = frozenset(p.code for p in products() if "cooling_off_hours" in p.details)


def wealth_holdings(customers: Sequence[Customer], context: Context) -> dict[str, list[Agreement]]:
    """The wealth agreements in force on ``context.today`` of a batch, by customer, oldest first."""
    prefix = f"{INDUSTRY}."
    return {
        customer: [a for a in held if a.product.startswith(prefix)]
        for customer, held in holdings(customers, context).items()
    }


def _channel(customer: Customer, tiers: tuple[Tier, ...]) -> Channel:
    return Channel.PHONE if customer.tier in tiers else Channel.SMS


def maturity(
    customer: Customer, agreement: Agreement, today: dt.date, s: WealthSettings
) -> CareAction | None:
    """``wealth.maturity``: the latest notice reached of 30, 7 and 1 day before the end.

    It expires the day before the end: on maturity day there is nothing left to reinvest.
    """
    end = agreement.end
    if end is None or end <= today:
        return None
    left = (end - today).days
    reached = [days for days in s.maturity_notice_days if left <= days]
    if not reached:
        return None
    notice = min(reached)
    return CareAction(
        "wealth.maturity",
        customer.id,
        _channel(customer, s.maturity_phone_tiers),
        f"{agreement.product} ({agreement.id}) matures on {end}: talk about reinvesting",
        end - dt.timedelta(days=notice),
        period=f"{agreement.id}/{notice}d",
        expires_on=end - dt.timedelta(days=1),
    )


def cooling_off_visit(
    customer: Customer, agreement: Agreement, today: dt.date, s: WealthSettings
) -> CareAction | None:
    """``wealth.cooling-off-visit``: the return visit the day after the cooling-off ends.

    It expires after the late window (``cooling_off_visit_late_days``).
    """
    signed = agreement.signed_on
    if agreement.product not in COOLING_OFF_PRODUCTS or signed is None:
        return None
    ends = signed + dt.timedelta(days=math.ceil(s.cooling_off_hours / 24))
    due = ends + dt.timedelta(days=s.cooling_off_visit_days_after)
    last = due + dt.timedelta(days=s.cooling_off_visit_late_days)
    if not due <= today <= last:
        return None
    return CareAction(
        "wealth.cooling-off-visit",
        customer.id,
        Channel.PHONE,
        f"Return visit for {agreement.id} ({agreement.product} signed on {signed}, cooling-off"
        f" ended {ends}): confirm the purchase; made by someone other than {agreement.manager},"
        " the selling manager",
        due,
        period=agreement.id,
        responsibility="cooling-off-visit",
        not_by=agreement.manager,
        expires_on=last,
    )


def by_someone_else(action: CareAction, context: Context) -> CareAction:
    """An action its seller may not make goes to someone else of the team.

    To the manager of setting ``cooling_off_visit_by`` when he is not the
    seller, else to the seller's supervisor; with neither, the administrator
    makes it (the seller still may not close it).
    """
    if action.not_by is None or action.assignee is not None:
        return action
    chosen = context.settings.cooling_off_visit_by
    if chosen is None or chosen == action.not_by:
        seller = context.book.get_manager(action.not_by)
        chosen = seller.supervisor if seller is not None else None
    return action if chosen is None else attrs.evolve(action, assignee=chosen)


def questionnaire_expiry(
    customer: Customer, profile: WealthProfile, today: dt.date, s: WealthSettings
) -> CareAction | None:
    """``wealth.questionnaire-expiry``: from 30 days before the questionnaire lapses."""
    return lapse_reminder(
        "wealth.questionnaire-expiry",
        customer,
        _channel(customer, s.phone_tiers),
        "Risk questionnaire",
        profile.questionnaire_date,
        valid_days=s.questionnaire_valid_days,
        notice_days=s.questionnaire_expiry_notice_days,
        today=today,
        responsibility="suitability-review",
    )


def vip_review(
    customer: Customer, profile: WealthProfile, today: dt.date, s: WealthSettings
) -> CareAction | None:
    """``wealth.vip-review``: a portfolio review with each vip customer, each quarter (it
    expires with the quarter)."""
    if customer.tier is not Tier.VIP:
        return None
    quarter = quarter_key(today)
    return CareAction(
        "wealth.vip-review",
        customer.id,
        Channel.VISIT,
        f"Portfolio review of the quarter ({quarter})",
        today,
        period=quarter,
        expires_on=quarter_end(today),
    )


def care_due(customers: Sequence[Customer], context: Context) -> list[CareAction]:
    """The wealth care actions due on ``context.today`` for a batch of customers."""
    s, today = context.settings, context.today
    ours = each_profile(customers, PROFILE)
    held = wealth_holdings([customer for customer, _ in ours], context)
    actions: list[CareAction] = []
    for customer, profile in ours:
        actions += found(PROFILE_RULES, customer, profile, today, s)
        for agreement in held.get(customer.id, ()):
            actions += found(AGREEMENT_RULES, customer, agreement, today, s)
    return [by_someone_else(action, context) for action in actions]


PROFILE_RULES = (questionnaire_expiry, vip_review)
AGREEMENT_RULES = (maturity, cooling_off_visit)
