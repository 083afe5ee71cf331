"""Generate a realistic synthetic book, the same for the same size and seed.

    python bench/generate.py --customers 100000 --seed 1 [--book PATH]

Every later benchmark builds its books with this script (or its
:func:`generate_book`). Values follow /work/shared/domain and are spread
around the thresholds the rules test (contracts ending within 60 days,
arrears, expired questionnaires, assets around 100,000 and 500,000...), so a
rule benchmark has work to do. All dates are relative to ``--today``
(2026-11-23 unless told), never to the clock.

The book is written in chunks of :data:`CHUNK` customers, one transaction
each, through the store's own API (``add_manager``, ``next_id``,
``add_customers``): only one chunk is ever in memory. Ids come from the
``c`` sequence: ``store.next_id("c")`` is called for each customer inside the
chunk's transaction, where it joins that transaction and costs a few
microseconds (about 5 s for a million), so the sequence is exactly where the
services would leave it and no private SQL is needed.

Randomness comes from ``random.Random`` instances seeded with the seed and
the stream's name (managers, customers, agreements, visits), never from the global
generator: customers do not change when a later issue adds visits.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import enum
import math
import random
import time
import typing
from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import Any

import attrs

from accountcore import (
    Agreement,
    AgreementStatus,
    Channel,
    Contact,
    Customer,
    CustomerKind,
    CustomerStatus,
    InvestorRisk,
    Manager,
    Tier,
    months_after,
)
from accountcore._app import App

__all__ = ["CHUNK", "REFERENCE_DATE", "BookSummary", "CustomerMaker", "generate_book", "main"]

REFERENCE_DATE = dt.date(2026, 11, 23)
CHUNK = 10_000
CUSTOMERS_PER_MANAGER = 250
TEAM_SIZE = 8  # managers under one supervisor
BENCH_BOOKS = Path(__file__).resolve().parent.parent / "build" / "bench"

SURNAMES = (
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Gao",
    "Lin",
    "Luo",
    "Zheng",
    "Liang",
    "Xie",
    "Song",
    "Tang",
    "Han",
    "Feng",
    "Deng",
    "Cao",
    "Peng",
)
GIVEN = (
    "Wei",
    "Fang",
    "Na",
    "Min",
    "Jing",
    "Li",
    "Qiang",
    "Lei",
    "Jun",
    "Yang",
    "Yong",
    "Yan",
    "Jie",
    "Tao",
    "Ming",
    "Chao",
    "Xiu",
    "Hua",
    "Hui",
    "Ping",
    "Gang",
    "Ying",
    "Hong",
    "Xia",
    "Bin",
    "Lin",
    "Peng",
    "Hao",
    "Yu",
    "Xin",
    "Jian",
    "Mei",
    "Lan",
    "Qing",
    "Zhi",
    "Wen",
)
BRANDS = (
    "Hua",
    "Xin",
    "Tian",
    "Yu",
    "Zhong",
    "Cheng",
    "Jin",
    "Long",
    "Sheng",
    "Rui",
    "Kang",
    "Tai",
    "Feng",
    "Da",
    "Hai",
    "Bo",
)
SECTORS = (
    "Logistics",
    "Technology",
    "Trading",
    "Manufacturing",
    "Construction",
    "Foods",
    "Electronics",
    "Textiles",
    "Pharmaceutical",
    "Property",
    "Media",
    "Machinery",
)
ROADS = (
    "Renmin",
    "Zhongshan",
    "Jiefang",
    "Jianshe",
    "Heping",
    "Xinhua",
    "Changjiang",
    "Yan'an",
    "Huaihai",
    "Dongfeng",
)
COMPANY_FORMS = ("Co., Ltd.", "Group", "Co.")
ROLES = ("General manager", "CFO", "Office manager", "IT director", "Procurement manager")
# City, landline area code, identity-card region code, districts.
CITIES = (
    ("Shanghai", "021", "310104", ("Xuhui", "Pudong", "Jing'an")),
    ("Beijing", "010", "110105", ("Chaoyang", "Haidian", "Dongcheng")),
    ("Guangzhou", "020", "440106", ("Tianhe", "Yuexiu")),
    ("Shenzhen", "0755", "440304", ("Futian", "Nanshan")),
    ("Hangzhou", "0571", "330106", ("Xihu", "Shangcheng")),
    ("Chengdu", "028", "510107", ("Wuhou", "Jinjiang")),
    ("Wuhan", "027", "420106", ("Wuchang", "Jianghan")),
    ("Nanjing", "025", "320106", ("Gulou", "Qinhuai")),
)
MOBILE_PREFIXES = ("13", "15", "18")
EMAIL_DOMAINS = ("example.com", "example.cn", "example.net")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CREDIT_CODE = "0123456789ABCDEFGHJKLMNPQRTUWXY"
DISCLOSURE_ORDER = ("star-market", "chinext", "bse", "margin")


class Weighted:
    """Draw one of ``values`` with the given weights (bisect: faster than ``rng.choices``)."""

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self.values = [value for value, _ in pairs]
        self.cumulative = list(accumulate(weight for _, weight in pairs))

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.cumulative[-1])]


INDUSTRY = Weighted([("telecom", 50), ("wealth", 25), ("securities", 25)])
CORPORATE_SHARE = {"telecom": 0.12, "wealth": 0.04, "securities": 0.04}  # 8% overall
SECOND_PROFILE = {
    "telecom": ("wealth", "securities"),
    "wealth": ("securities",),
    "securities": ("wealth",),
}
TIER = Weighted([(Tier.VIP, 5), (Tier.A, 15), (Tier.B, 35), (Tier.C, 45)])
STATUS = Weighted(
    [
        (CustomerStatus.ACTIVE, 85),
        (CustomerStatus.DORMANT, 7),
        (CustomerStatus.PROSPECT, 5),
        (CustomerStatus.CHURNED, 3),
    ]
)
REFUSED = Weighted(
    [
        (frozenset({Channel.SMS}), 40),
        (frozenset({Channel.PHONE}), 25),
        (frozenset({Channel.EMAIL}), 10),
        (frozenset({Channel.SMS, Channel.PHONE}), 10),
        (frozenset({Channel.LETTER}), 5),
        (frozenset({Channel.VISIT}), 5),
        (frozenset({Channel.SMS, Channel.PHONE, Channel.EMAIL}), 5),
    ]
)
LINES = Weighted([(1, 60), (2, 20), (3, 10), (4, 6), (5, 4)])
PLAN = Weighted([("telecom.plan.basic", 50), ("telecom.plan.5g-unlimited", 45), (None, 5)])
PLAN_FEES = {
    "telecom.plan.basic": (39, 58, 88, 128),
    "telecom.plan.5g-unlimited": (129, 169, 199, 239, 299, 399, 588),
}
INCLUDED_GB = {"telecom.plan.basic": 10, "telecom.plan.5g-unlimited": 100}
CONTRACT = Weighted([("month-to-month", 35), ("one-year", 35), ("two-year", 30)])
WEALTH_RISK = Weighted(
    [
        (InvestorRisk.C1, 10),
        (InvestorRisk.C2, 25),
        (InvestorRisk.C3, 35),
        (InvestorRisk.C4, 20),
        (InvestorRisk.C5, 10),
    ]
)
SECURITIES_RISK = Weighted(
    [
        (InvestorRisk.C1, 8),
        (InvestorRisk.C2, 22),
        (InvestorRisk.C3, 35),
        (InvestorRisk.C4, 25),
        (InvestorRisk.C5, 10),
    ]
)
# Ranges in yuan, drawn log-uniformly, by tier.
WEALTH_ASSETS = {Tier.VIP: (3e6, 4e7), Tier.A: (8e5, 8e6), Tier.B: (1.5e5, 2e6), Tier.C: (1e4, 4e5)}
SECURITIES_ASSETS = {
    Tier.VIP: (1.5e6, 3e7),
    Tier.A: (3e5, 3e6),
    Tier.B: (6e4, 8e5),
    Tier.C: (2e3, 2e5),
}
PROFESSIONAL_SHARE = {Tier.VIP: 0.4, Tier.A: 0.08, Tier.B: 0.01, Tier.C: 0.01}


def days_ago(rng: random.Random, spans: Sequence[tuple[float, int, int]]) -> int | None:
    """Days before today from the first span ``(share, low, high)`` the draw falls in, or None."""
    draw = rng.random()
    for share, low, high in spans:
        if draw < share:
            return rng.randint(low, high)
        draw -= share
    return None


def _round(amount: float, step: int) -> Decimal:
    return Decimal(int(amount / step) * step)


def _log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def _tenths(amount: float) -> Decimal:
    return Decimal(int(amount * 10)).scaleb(-1)


def _mobile(rng: random.Random) -> str:
    """A mobile number starting with 13, 15 or 18."""
    return f"{MOBILE_PREFIXES[rng.randrange(3)]}{rng.randrange(10**9):09d}"


def _person(rng: random.Random) -> tuple[str, str, str]:
    """A name such as ``Wang Xiaoming``, with its surname and given name."""
    surname = SURNAMES[rng.randrange(len(SURNAMES))]
    given = GIVEN[rng.randrange(len(GIVEN))]
    if rng.random() < 0.6:
        given += GIVEN[rng.randrange(len(GIVEN))].lower()
    return f"{surname} {given}", surname, given


def _maybe(rng: random.Random, yes: float, no: float) -> bool | None:
    """True with probability ``yes``, False with ``no``, else None (not known yet)."""
    draw = rng.random()
    return True if draw < yes else False if draw < yes + no else None


def _enum_of(cls: type, name: str) -> type[enum.Enum]:
    """The enum a profile field holds (``Contract | None`` gives Contract)."""
    hint = typing.get_type_hints(cls)[name]
    for candidate in (hint, *typing.get_args(hint)):
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return candidate
    raise TypeError(f"{cls.__name__}.{name} holds no enum")


class CustomerMaker:
    """Customers one after another from one random stream: same seed, same customers.

    ``profiles`` are the loaded plugins' profile classes (``app.hooks.profiles``);
    values are drawn for every industry whether its plugin is loaded or not,
    so disabling a plugin drops its profiles and changes nothing else.
    """

    def __init__(
        self, profiles: dict[str, type], managers: Sequence[str], seed: int, today: dt.date
    ) -> None:
        self.rng = random.Random(f"{seed}/customers")
        self.profiles = profiles
        self.day0 = today.toordinal()
        weights = random.Random(f"{seed}/portfolios")
        # Portfolios differ in size: each manager gets a weight between 0.6 and 1.4.
        self.manager = Weighted([(m, weights.uniform(0.6, 1.4)) for m in managers])
        self.makers: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "telecom": self._telecom,
            "wealth": self._wealth,
            "securities": self._securities,
        }
        self.enums: dict[str, type[enum.Enum]] = {}
        if "telecom" in profiles:
            self.enums["contract"] = _enum_of(profiles["telecom"], "contract")
        if "securities" in profiles:
            self.enums["investor_type"] = _enum_of(profiles["securities"], "investor_type")

    def date(self, days_before: int | None) -> dt.date | None:
        """The date ``days_before`` today (negative: after), or None."""
        return None if days_before is None else dt.date.fromordinal(self.day0 - days_before)

    def make(self, customer_id: str) -> Customer:
        """The next customer of the stream, under ``customer_id``."""
        rng = self.rng
        industry = INDUSTRY(rng)
        corporate = rng.random() < CORPORATE_SHARE[industry]
        city, area, region, districts = CITIES[rng.randrange(len(CITIES))]
        fields: dict[str, Any] = {
            "tier": TIER(rng),
            "manager": self.manager(rng),
            "status": STATUS(rng),
            "external_id": f"CIF{rng.randrange(10**6):06d}{customer_id[2:]:0>8}"
            if rng.random() < 0.7
            else None,
            "created_on": self.date(rng.randint(0, 12 * 365)),
        }
        if rng.random() < 0.5:
            district = districts[rng.randrange(len(districts))]
            road = ROADS[rng.randrange(len(ROADS))]
            fields["address"] = f"{rng.randint(1, 999)} {road} Road, {district}, {city}"
        if rng.random() < 0.1:
            fields["consent"] = REFUSED(rng)
        if corporate:
            brand = BRANDS[rng.randrange(len(BRANDS))] + BRANDS[rng.randrange(len(BRANDS))].lower()
            sector = SECTORS[rng.randrange(len(SECTORS))]
            form = COMPANY_FORMS[rng.randrange(len(COMPANY_FORMS))]
            fields["name"] = f"{brand} {sector} {form}"
            fields["kind"] = CustomerKind.CORPORATE
            fields["phone"] = f"{area}{rng.randrange(10**7, 10**8)}"
            # A unified social credit code: 91, the region, then ten characters.
            fields["id_number"] = f"91{region}{''.join(rng.choices(CREDIT_CODE, k=10))}"
            contacts = []
            for position in range(rng.randint(1, 3)):
                name = _person(rng)[0]
                contacts.append(
                    Contact(
                        name,
                        ROLES[rng.randrange(len(ROLES))],
                        _mobile(rng),
                        key=position == 0 and rng.random() < 0.7,
                    )
                )
            fields["contacts"] = tuple(contacts)
        else:
            name, surname, given = _person(rng)
            fields["name"] = name
            fields["kind"] = CustomerKind.INDIVIDUAL
            fields["phone"] = _mobile(rng) if rng.random() < 0.97 else None
            age = int(rng.triangular(18, 86, 42))
            if rng.random() < 0.95:
                fields["birthday"] = self.date(int(age * 365.25) + rng.randrange(365))
            if rng.random() < 0.8 and fields.get("birthday"):
                fields["id_number"] = self.identity(region, fields["birthday"])
            if rng.random() < 0.35:
                domain = EMAIL_DOMAINS[rng.randrange(len(EMAIL_DOMAINS))]
                fields["email"] = f"{given.lower()}.{surname.lower()}{rng.randrange(100)}@{domain}"
        industries = [industry]
        if not corporate and rng.random() < 0.06:
            choices = SECOND_PROFILE[industry]
            industries.append(choices[rng.randrange(len(choices))])
        profiles = {}
        for name in industries:
            values = self.makers[name](fields)
            cls = self.profiles.get(name)
            if cls is not None:
                profiles[name] = cls(**values)
        return Customer(id=customer_id, profiles=profiles, **fields)

    def identity(self, region: str, birthday: dt.date) -> str:
        """An 18-character resident identity number with its check character."""
        body = f"{region}{birthday:%Y%m%d}{self.rng.randrange(1000):03d}"
        total = sum(int(digit) * weight for digit, weight in zip(body, ID_WEIGHTS, strict=True))
        return body + "10X98765432"[total % 11]

    def _telecom(self, fields: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        corporate = fields["kind"] is CustomerKind.CORPORATE
        values: dict[str, Any] = {
            "real_name_verified": _maybe(rng, 0.95, 0.03),
            "network_join": self.date(days_ago(rng, [(0.1, 30, 364), (0.9, 365, 20 * 365)])),
            "competitor_contact": _maybe(rng, 0.08, 0.62),
        }
        if corporate:
            plan, contract = "telecom.group.vpn", "two-year"
            fee = Decimal(rng.randint(5, 200) * 10)
            values["lines"] = rng.randint(1, 5)
        else:
            plan, contract = PLAN(rng), CONTRACT(rng)
            fee = Decimal(rng.choice(PLAN_FEES[plan])) if plan else None
            values["lines"] = LINES(rng)
            if fields["phone"] is not None and rng.random() < 0.97:
                values["msisdn"] = fields["phone"]
        if "contract" in self.enums:
            values["contract"] = self.enums["contract"](contract)
        if contract != "month-to-month":
            # 15% end within the 60 days the retention rule looks at (some already past).
            values["contract_end"] = self.date(days_ago(rng, [(0.15, -60, 15), (0.85, -720, -61)]))
        values.update(plan=plan, monthly_fee=fee)
        if plan in INCLUDED_GB:
            prev = INCLUDED_GB[plan] * rng.uniform(0.2, 1.1)
            trend = rng.random()
            factor = (
                rng.uniform(0.3, 0.69)
                if trend < 0.15
                else rng.uniform(1.3, 1.8)
                if trend < 0.25
                else rng.uniform(0.75, 1.25)
            )
            values["data_gb_prev"] = _tenths(prev)
            values["data_gb_last"] = _tenths(prev * factor)
        if fee is not None and rng.random() < 0.05:
            cents = int(fee) * 100 * rng.randint(1, 3) + rng.randrange(100)
            values["arrears_amount"] = Decimal(cents).scaleb(-2)
            values["arrears_since"] = self.date(rng.randint(1, 90))
        return values

    def _wealth(self, fields: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        assets = _log_uniform(rng, *WEALTH_ASSETS[fields["tier"]])
        aum = assets * rng.uniform(0.05, 0.7)
        previous = (
            aum / rng.uniform(0.4, 0.8) if rng.random() < 0.12 else aum * rng.uniform(0.85, 1.15)
        )
        return {
            "risk_level": WEALTH_RISK(rng),
            # A questionnaire lapses after a year: 10% lapse within 30 days, 15% have.
            "questionnaire_date": self.date(
                days_ago(rng, [(0.72, 0, 335), (0.10, 336, 365), (0.15, 366, 900)])
            ),
            "investment_years": rng.randint(0, 25),
            "financial_assets": _round(assets, 1000) if rng.random() < 0.95 else None,
            "financial_net_assets": _round(assets * rng.uniform(0.6, 1.0), 1000),
            "income_avg_3y": _round(max(40_000, assets * rng.uniform(0.03, 0.25)), 1000)
            if rng.random() < 0.9
            else None,
            "aum": _round(aum, 1000),
            "aum_prev_quarter": _round(previous, 1000),
            "last_contact": self.date(
                days_ago(rng, [(0.75, 0, 120), (0.15, 121, 180), (0.10, 181, 500)])
            ),
        }

    def _securities(self, fields: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        tier = fields["tier"]
        professional = rng.random() < PROFESSIONAL_SHARE[tier]
        risk = None if professional else SECURITIES_RISK(rng)
        lowest = risk is InvestorRisk.C1 and rng.random() < 0.5
        assets = _log_uniform(rng, *SECURITIES_ASSETS[tier])
        previous = (
            assets / rng.uniform(0.3, 0.7)
            if rng.random() < 0.15
            else assets * rng.uniform(0.8, 1.25)
        )
        # 12% started trading within 24 months (the access rules' threshold).
        first = days_ago(rng, [(0.12, 30, 729), (0.88, 730, 20 * 365)]) or 0
        last = min(
            first,
            days_ago(rng, [(0.70, 0, 60), (0.12, 61, 90), (0.10, 91, 180), (0.08, 181, 900)]) or 0,
        )
        blacklisted = _maybe(rng, 0.01, 0.79)
        months = first / 30.4
        high_risk = professional or (risk is not None and risk.rank >= 4)
        eligible = {
            "star-market": assets >= 500_000 and months >= 24,
            "chinext": assets >= 100_000 and months >= 24,
            "bse": assets >= 500_000 and months >= 24,
            "margin": assets >= 500_000 and months >= 6 and high_risk and not blacklisted,
        }
        share = {"star-market": 0.45, "chinext": 0.6, "bse": 0.1, "margin": 0.25}
        disclosures = tuple(
            name
            for name in DISCLOSURE_ORDER
            # A few hold a disclosure they no longer qualify for (signed under older rules).
            if rng.random() < (share[name] if eligible[name] else 0.02)
        )
        values = {
            "risk_level": risk,
            # Half the C1 investors are in the lowest category (R1 products only).
            "lowest_category": None if professional else lowest,
            # An assessment lapses after two years.
            "questionnaire_date": self.date(
                days_ago(rng, [(0.70, 0, 700), (0.08, 701, 730), (0.19, 731, 1200)])
            ),
            "assets_20d_avg": _round(assets, 100),
            "assets_prev": _round(previous, 100),
            "first_trade_date": self.date(first),
            "last_trade_date": self.date(last),
            "disclosures": disclosures,
            "kyc_date": self.date(
                days_ago(rng, [(0.70, 0, 330), (0.05, 331, 365), (0.20, 366, 900)])
            ),
            "research_subscriber": _maybe(rng, 0.15, 0.60),
            "margin_blacklisted": blacklisted,
        }
        if "investor_type" in self.enums:
            kind = "professional" if professional else "ordinary"
            values["investor_type"] = self.enums["investor_type"](kind)
        return values


def make_managers(count: int, seed: int) -> tuple[list[Manager], list[Manager]]:
    """``count`` managers ``m1..`` and their supervisors ``s1..``, a team of eight each."""
    rng = random.Random(f"{seed}/managers")
    supervisors = [
        Manager(f"s{n}", _person(rng)[0], capacity=30, target=10)
        for n in range(1, math.ceil(count / TEAM_SIZE) + 1)
    ]
    managers = [
        Manager(
            f"m{n}",
            _person(rng)[0],
            supervisor=f"s{(n - 1) // TEAM_SIZE + 1}",
            capacity=(40, 44, 44, 44, 48)[rng.randrange(5)],
            target=(12, 15, 15, 15, 18)[rng.randrange(5)],
        )
        for n in range(1, count + 1)
    ]
    return supervisors, managers


def _has_table(store: Any, name: str) -> bool:
    # Bench only: the store port has no public "which tables" question.
    row = store._db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


# Agreements per customer, and the products each industry sells: (code, weight, term in
# months, risk rank). A corporate telecom customer has the group network instead.
AGREEMENT_COUNT = Weighted([(0, 20), (1, 40), (2, 25), (3, 15)])
SOLD = {
    "telecom": [
        ("telecom.plan.basic", 25, None, 0),
        ("telecom.plan.5g-unlimited", 25, None, 0),
        ("telecom.data.addon", 15, None, 0),
        ("telecom.roaming.international", 10, None, 0),
        ("telecom.broadband", 15, None, 0),
        ("telecom.family.network", 5, None, 0),
        ("telecom.secondary-sim", 3, None, 0),
        ("telecom.card.replacement", 2, None, 0),
    ],
    "wealth": [
        ("wealth.cash", 25, None, 1),
        ("wealth.fixed-income", 25, 12, 2),
        ("wealth.mixed", 15, None, 3),
        ("wealth.equity", 10, None, 4),
        ("wealth.insurance.annuity", 10, 120, 2),
        ("wealth.trust", 10, 24, 4),
        ("wealth.private-fund", 5, 36, 5),
    ],
    "securities": [
        ("securities.account", 30, None, 0),
        ("securities.fund.money-market", 10, None, 1),
        ("securities.fund.bond", 10, None, 2),
        ("securities.fund.mixed", 12, None, 3),
        ("securities.fund.equity", 10, None, 4),
        ("securities.star-market", 10, None, 0),
        ("securities.chinext", 10, None, 0),
        ("securities.margin", 4, None, 0),
        ("securities.research", 4, None, 0),
    ],
}
AGREEMENT_PRODUCTS = {
    industry: Weighted([((code, months, risk), weight) for code, weight, months, risk in products])
    for industry, products in SOLD.items()
}
RECORDED = {"wealth.mixed", "wealth.equity", "wealth.trust", "wealth.private-fund"}
MINIMUM = {"wealth.trust": 1_000_000, "wealth.private-fund": 1_000_000}


def _product(customer: Customer, industry: str, rng: random.Random) -> tuple[str, int | None]:
    """A product of ``industry`` and its term, mostly at or below the customer's risk level.

    Three draws at most: a few are sold above it (or his level was lowered since).
    """
    if industry == "telecom" and customer.kind is CustomerKind.CORPORATE:
        return "telecom.group.vpn", None
    level = getattr(customer.profiles[industry], "risk_level", None)
    for _ in range(3):
        code, months, risk = AGREEMENT_PRODUCTS[industry](rng)
        if level is None or risk <= level.rank:
            break
    return code, months


def _agreements_of(customer: Customer, rng: random.Random, today: dt.date) -> list[Agreement]:
    """The customer's agreements (ids to be given), drawn from ``rng``; some ended or expired."""
    industries = [name for name in ("telecom", "wealth", "securities") if name in customer.profiles]
    made = []
    for _ in range(AGREEMENT_COUNT(rng) if industries else 0):
        industry = industries[rng.randrange(len(industries))]
        code, months = _product(customer, industry, rng)
        start = today - dt.timedelta(days=rng.randint(0, 3 * 365))
        # The term's last day: a term started long enough ago has expired (by date).
        end = months_after(start, months) - dt.timedelta(days=1) if months else None
        amount, terms = None, {}
        if industry == "wealth":
            least = MINIMUM.get(code, 10_000)
            amount = _round(_log_uniform(rng, least, least * 20), 1000)
            if code in RECORDED:
                terms["recording_id"] = f"REC-{rng.randrange(10**6):06d}"
        if code == "telecom.card.replacement":
            terms["identity_checked"] = True
        agreement = Agreement(
            "a-0",
            customer.id,
            code,
            customer.manager,
            AgreementStatus.ACTIVE,
            start=start,
            end=end,
            amount=amount,
            sealed=industry == "telecom" and customer.kind is CustomerKind.CORPORATE,
            terms=terms,
            signed_on=start,
        )
        if rng.random() < 0.08:  # ended early at the customer's request
            ended = start + dt.timedelta(days=rng.randint(0, (today - start).days))
            agreement = attrs.evolve(
                agreement,
                status=AgreementStatus.TERMINATED,
                terminated_on=ended,
                termination_reason="customer request",
            )
        made.append(agreement)
    return made


def generate_agreements(
    store: Any, managers: Sequence[Manager], customers: int, seed: int, today: dt.date
) -> str:
    """Agreements of the generated customers; returns a note of what was made.

    Drawn from ``random.Random(f"{seed}/agreements")`` customer by customer
    in id order (the customers stay as they are), read back a batch at a time
    with ``store.iter_customers()``, written a chunk per transaction with ids
    from the ``a`` sequence. About 1.35 per customer with a profile: most
    active, 8% terminated, those whose term has run expired by date.
    """
    if not _has_table(store, "agreements"):
        return "the book has no agreements table: no agreements generated"
    rng = random.Random(f"{seed}/agreements")
    count = 0
    for batch in store.iter_customers(batch_size=CHUNK):
        drawn = [
            agreement for customer in batch for agreement in _agreements_of(customer, rng, today)
        ]
        with store.transaction():
            for agreement in drawn:
                store.add_agreement(attrs.evolve(agreement, id=store.next_id("a")))
        count += len(drawn)
    return f"{count:,} agreements"


def generate_visits(
    store: Any,
    managers: Sequence[Manager],
    customers: int,
    visits_per_customer: float,
    seed: int,
    today: dt.date,
) -> str:
    """About ``visits_per_customer`` visits per customer; returns a note of what was made.

    How they are drawn: bench/visit_maker.py, from ``random.Random(f"{seed}/visits")``.
    """
    if not _has_table(store, "visits"):
        return "the book has no visits table: no visits generated"
    from visit_maker import make_visits

    started = time.perf_counter()
    made = make_visits(store, managers, visits_per_customer, seed, today)
    return f"{made:,} visits in {time.perf_counter() - started:.1f} s"


class BookSummary(typing.NamedTuple):
    """What :func:`generate_book` made."""

    path: Path
    customers: int
    managers: int
    supervisors: int
    seconds: float
    megabytes: float
    notes: tuple[str, ...] = ()


def generate_book(
    book: Path | str,
    customers: int,
    seed: int = 0,
    *,
    managers: int | None = None,
    visits_per_customer: float = 2.0,
    today: dt.date = REFERENCE_DATE,
    replace: bool = False,
    quiet: bool = False,
) -> BookSummary:
    """Create the book at ``book`` and fill it; refuses an existing file unless ``replace``."""
    started = time.perf_counter()
    path = Path(book)
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    if path.exists() and not replace:
        raise SystemExit(f"{path} exists: give another --book, or --force to replace it")
    for file in files:
        file.unlink(missing_ok=True)
    count = managers or max(2, round(customers / CUSTOMERS_PER_MANAGER))
    supervisors, team = make_managers(count, seed)
    app = App(str(path), today=today)
    store = app.create_book()
    with store.transaction():
        for manager in (*supervisors, *team):
            store.add_manager(manager)
    maker = CustomerMaker(app.hooks.profiles, [m.id for m in team], seed, today)
    for start in range(1, customers + 1, CHUNK):
        size = min(CHUNK, customers + 1 - start)
        with store.transaction():
            ids = [store.next_id("c") for _ in range(size)]
            if ids[0] != f"c-{start}":
                raise SystemExit(f"{path}: the c sequence gave {ids[0]}, expected c-{start}")
            store.add_customers([maker.make(customer_id) for customer_id in ids])
    notes = (
        generate_agreements(store, team, customers, seed, today),
        generate_visits(store, team, customers, visits_per_customer, seed, today),
    )
    if not quiet:
        for note in notes:
            print(f"note: {note}")
    app.close()  # the last connection checkpoints the WAL into the file
    size = sum(file.stat().st_size for file in files if file.exists()) / 1e6
    seconds = time.perf_counter() - started
    return BookSummary(path, customers, count, len(supervisors), seconds, size, notes)


def main(argv: Sequence[str] | None = None) -> None:
    """The command line: generate one book and print a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, required=True, metavar="N")
    parser.add_argument("--seed", type=int, required=True, metavar="S")
    parser.add_argument(
        "--book", type=Path, metavar="PATH", help="default: build/bench/customers-N-seed-S.db"
    )
    parser.add_argument(
        "--managers",
        type=int,
        metavar="M",
        help="account managers (default: one per 250 customers, at least 2);"
        " supervisors come on top, one per team of 8",
    )
    parser.add_argument("--visits-per-customer", type=float, default=2.0, metavar="V")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=REFERENCE_DATE,
        metavar="YYYY-MM-DD",
        help="the reference date (default 2026-11-23)",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing book")
    args = parser.parse_args(argv)
    if args.customers < 0 or (args.managers is not None and args.managers < 1):
        parser.error("--customers must be 0 or more and --managers 1 or more")
    book = args.book or BENCH_BOOKS / f"customers-{args.customers}-seed-{args.seed}.db"
    summary = generate_book(
        book,
        args.customers,
        args.seed,
        managers=args.managers,
        visits_per_customer=args.visits_per_customer,
        today=args.today,
        replace=args.force,
    )
    print(
        f"{summary.customers:,} customers, {summary.managers:,} managers,"
        f" {summary.supervisors:,} supervisor(s) in {summary.seconds:.1f} s:"
        f" {summary.path} ({summary.megabytes:.1f} MB)"
    )


if __name__ == "__main__":
    main()
