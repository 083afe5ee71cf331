"""Customers and managers of a generated book, drawn one after another from seeded streams."""

from __future__ import annotations

import datetime as dt
import enum
import math
import random
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from draws import (
    BRANDS,
    CITIES,
    COMPANY_FORMS,
    CONTRACT,
    CORPORATE_SHARE,
    CREDIT_CODE,
    DISCLOSURE_ORDER,
    EMAIL_DOMAINS,
    ID_WEIGHTS,
    INCLUDED_GB,
    INDUSTRY,
    LINES,
    PLAN,
    PLAN_FEES,
    PROFESSIONAL_SHARE,
    REFUSED,
    ROADS,
    ROLES,
    SECOND_PROFILE,
    SECTORS,
    SECURITIES_ASSETS,
    SECURITIES_RISK,
    STATUS,
    TIER,
    WEALTH_ASSETS,
    WEALTH_RISK,
    Weighted,
    days_ago,
    enum_of,
    log_uniform,
    maybe,
    mobile,
    person,
    round_to,
    tenths,
)

from accountcore import (
    Contact,
    Customer,
    CustomerKind,
    InvestorRisk,
    Manager,
)

TEAM_SIZE = 8  # managers under one supervisor


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
            self.enums["contract"] = enum_of(profiles["telecom"], "contract")
        if "securities" in profiles:
            self.enums["investor_type"] = enum_of(profiles["securities"], "investor_type")

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
                name = person(rng)[0]
                contacts.append(
                    Contact(
                        name,
                        ROLES[rng.randrange(len(ROLES))],
                        mobile(rng),
                        key=position == 0 and rng.random() < 0.7,
                    )
                )
            fields["contacts"] = tuple(contacts)
        else:
            name, surname, given = person(rng)
            fields["name"] = name
            fields["kind"] = CustomerKind.INDIVIDUAL
            fields["phone"] = mobile(rng) if rng.random() < 0.97 else None
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
            "real_name_verified": maybe(rng, 0.95, 0.03),
            "network_join": self.date(days_ago(rng, [(0.1, 30, 364), (0.9, 365, 20 * 365)])),
            "competitor_contact": maybe(rng, 0.08, 0.62),
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
            values["data_gb_prev"] = tenths(prev)
            values["data_gb_last"] = tenths(prev * factor)
        if fee is not None and rng.random() < 0.05:
            cents = int(fee) * 100 * rng.randint(1, 3) + rng.randrange(100)
            values["arrears_amount"] = Decimal(cents).scaleb(-2)
            values["arrears_since"] = self.date(rng.randint(1, 90))
        return values

    def _wealth(self, fields: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        assets = log_uniform(rng, *WEALTH_ASSETS[fields["tier"]])
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
            "financial_assets": round_to(assets, 1000) if rng.random() < 0.95 else None,
            "financial_net_assets": round_to(assets * rng.uniform(0.6, 1.0), 1000),
            "income_avg_3y": round_to(max(40_000, assets * rng.uniform(0.03, 0.25)), 1000)
            if rng.random() < 0.9
            else None,
            "aum": round_to(aum, 1000),
            "aum_prev_quarter": round_to(previous, 1000),
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
        assets = log_uniform(rng, *SECURITIES_ASSETS[tier])
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
        blacklisted = maybe(rng, 0.01, 0.79)
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
            "assets_20d_avg": round_to(assets, 100),
            "assets_prev": round_to(previous, 100),
            "first_trade_date": self.date(first),
            "last_trade_date": self.date(last),
            "disclosures": disclosures,
            "kyc_date": self.date(
                days_ago(rng, [(0.70, 0, 330), (0.05, 331, 365), (0.20, 366, 900)])
            ),
            "research_subscriber": maybe(rng, 0.15, 0.60),
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
        Manager(f"s{n}", person(rng)[0], capacity=30, target=10)
        for n in range(1, math.ceil(count / TEAM_SIZE) + 1)
    ]
    managers = [
        Manager(
            f"m{n}",
            person(rng)[0],
            supervisor=f"s{(n - 1) // TEAM_SIZE + 1}",
            capacity=(40, 44, 44, 44, 48)[rng.randrange(5)],
            target=(12, 15, 15, 15, 18)[rng.randrange(5)],
        )
        for n in range(1, count + 1)
    ]
    return supervisors, managers
