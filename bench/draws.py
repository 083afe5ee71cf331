"""What the generator draws from: names, places, the shares of tiers, industries and products.

The tables follow the project's domain pages (docs/domain/) and are spread
around the thresholds the rules test; the draws take a ``random.Random`` so
that the same seed gives the same book.
"""

from __future__ import annotations

import bisect
import enum
import math
import random
import typing
from collections.abc import Sequence
from decimal import Decimal
from itertools import accumulate
from typing import Any

from accountcore import (
    Channel,
    CustomerStatus,
    InvestorRisk,
    Tier,
)

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


def round_to(amount: float, step: int) -> Decimal:
    return Decimal(int(amount / step) * step)


def log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def tenths(amount: float) -> Decimal:
    return Decimal(int(amount * 10)).scaleb(-1)


def mobile(rng: random.Random) -> str:
    """A mobile number starting with 13, 15 or 18."""
    return f"{MOBILE_PREFIXES[rng.randrange(3)]}{rng.randrange(10**9):09d}"


def person(rng: random.Random) -> tuple[str, str, str]:
    """A name such as ``Wang Xiaoming``, with its surname and given name."""
    surname = SURNAMES[rng.randrange(len(SURNAMES))]
    given = GIVEN[rng.randrange(len(GIVEN))]
    if rng.random() < 0.6:
        given += GIVEN[rng.randrange(len(GIVEN))].lower()
    return f"{surname} {given}", surname, given


def maybe(rng: random.Random, yes: float, no: float) -> bool | None:
    """True with probability ``yes``, False with ``no``, else None (not known yet)."""
    draw = rng.random()
    return True if draw < yes else False if draw < yes + no else None


def enum_of(cls: type, name: str) -> type[enum.Enum]:
    """The enum a profile field holds (``Contract | None`` gives Contract)."""
    hint = typing.get_type_hints(cls)[name]
    for candidate in (hint, *typing.get_args(hint)):
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return candidate
    raise TypeError(f"{cls.__name__}.{name} holds no enum")
