"""A sample book: a small team and customers of the three industries."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from attrs import frozen

from ..app import App
from ..errors import BadInput
from ..model import (
    CareAction,
    Complaint,
    ComplaintSeverity,
    Customer,
    Manager,
    OverdueVisit,
    RetentionSignal,
)
from . import agreements, complaints, customers, managers, visits
from .book import init_book

__all__ = ["Agenda", "agenda_of", "build_demo"]

MANAGERS = (
    ("s1", "Zhou Min", None),
    ("m1", "Li Na", "s1"),
    ("m2", "Ma Jun", "s1"),
    ("m3", "Guo Jing", "s1"),
)


def _customers(today: dt.date) -> list[tuple[str, dict[str, Any], dict[str, dict[str, str]]]]:
    """(manager, core fields, profiles) of each sample customer, dated around ``today``."""

    def days(n: int) -> str:
        return (today + dt.timedelta(days=n)).isoformat()

    return [
        ("m1", {"name": "Chen Hua", "kind": "individual", "tier": "vip", "birthday": "1980-11-23",
                "phone": "13800138000"},
         {"telecom": {"msisdn": "13800138000", "real_name_verified": "true", "plan":
                      "telecom.plan.5g-unlimited", "contract": "two-year",
                      "contract_end": days(25), "network_join": "2014-05-01",
                      "monthly_fee": "288", "data_gb_prev": "80", "data_gb_last": "95",
                      "lines": "1"}}),
        ("m1", {"name": "Sun Mei", "kind": "individual", "tier": "b", "birthday": "1990-01-15",
                "phone": "13912345678", "consent": ["sms"]},
         {"telecom": {"msisdn": "13912345678", "real_name_verified": "true", "contract":
                      "month-to-month", "network_join": days(-200), "data_gb_prev": "20",
                      "data_gb_last": "8", "competitor_contact": "true",
                      "arrears_amount": "156.00", "arrears_since": days(-16)}}),
        ("m1", {"name": "Huaxin Logistics Co.", "kind": "corporate", "tier": "vip",
                "phone": "02168881234",
                "contacts": [{"name": "Wang Wei", "role": "CFO", "phone": "13700001111",
                              "key": True}]},
         {"telecom": {"real_name_verified": "true", "plan": "telecom.group.vpn",
                      "contract": "two-year", "contract_end": days(400), "lines": "4"}}),
        ("m2", {"name": "Zhao Lei", "kind": "individual", "tier": "vip", "birthday": "1958-07-19",
                "phone": "13600001234"},
         {"wealth": {"risk_level": "C4", "questionnaire_date": days(-340), "investment_years": "12",
                     "financial_assets": "8200000", "financial_net_assets": "7600000",
                     "income_avg_3y": "900000", "aum": "3100000", "aum_prev_quarter": "4200000",
                     "last_contact": days(-45)}}),
        ("m2", {"name": "Liu Yang", "kind": "individual", "tier": "a", "birthday": "1987-03-30",
                "phone": "13500005678"},
         {"wealth": {"risk_level": "C2", "questionnaire_date": days(-100), "investment_years": "3",
                     "financial_assets": "650000", "aum": "420000",
                     "aum_prev_quarter": "410000", "last_contact": days(-20)}}),
        ("m3", {"name": "Wang Fang", "kind": "individual", "tier": "a", "birthday": "1975-03-02",
                "phone": "13300002222"},
         {"securities": {"investor_type": "ordinary", "risk_level": "C4",
                         "lowest_category": "false", "questionnaire_date": days(-700),
                         "assets_20d_avg": "620000", "assets_prev": "900000",
                         "first_trade_date": "2015-05-01", "last_trade_date": days(-3),
                         "disclosures": "chinext", "kyc_date": days(-380),
                         "research_subscriber": "true"}}),
        ("m3", {"name": "Xu Qiang", "kind": "individual", "tier": "c", "birthday": "1999-09-09",
                "phone": "13100003333"},
         {"securities": {"investor_type": "ordinary", "risk_level": "C1",
                         "lowest_category": "true", "questionnaire_date": days(-30),
                         "assets_20d_avg": "20000", "first_trade_date": days(-90),
                         "last_trade_date": days(-95)}}),
        ("m3", {"name": "Gao Ming", "kind": "individual", "tier": "vip", "birthday": "1970-12-01",
                "phone": "13200004444"},
         {"securities": {"investor_type": "professional", "questionnaire_date": days(-60),
                         "assets_20d_avg": "5400000", "first_trade_date": "2008-01-02",
                         "last_trade_date": days(-1), "disclosures": "star-market,margin"},
          "wealth": {"risk_level": "C5", "questionnaire_date": days(-60),
                     "investment_years": "15", "financial_net_assets": "12000000",
                     "aum": "6500000"}}),
    ]  # fmt: skip


def build_demo(app: App) -> tuple[list[Manager], list[Customer]]:
    """Fill an empty (or missing) book with the sample; profiles of absent plugins are left out."""
    init_book(app)
    if app.store.list_managers():
        raise BadInput(
            f"the book at {app.store.location} is not empty: give `demo` a new book with --book"
        )
    loaded = set(app.hooks.profiles)
    added_managers = [
        managers.add_manager(app, manager_id, name, supervisor=supervisor)
        for manager_id, name, supervisor in MANAGERS
    ]
    added_customers = []
    for manager_id, fields, profiles in _customers(app.today):
        values = [
            (plugin, name, value)
            for plugin, profile in profiles.items()
            if plugin in loaded
            for name, value in profile.items()
        ]
        added_customers.append(
            customers.add_customer(app, fields, manager=manager_id, profile_values=values)
        )
    _activity(app, loaded)
    return added_managers, added_customers


def _activity(app: App, loaded: set[str]) -> None:
    """A few weeks of work: agreements signed, visits made, a complaint opened."""

    def days(n: int) -> dt.date:
        return app.today + dt.timedelta(days=n)

    if "telecom" in loaded:
        agreements.sign_agreement(app, "c-1", "telecom.plan.5g-unlimited", start=days(-700))
        agreements.sign_agreement(app, "c-3", "telecom.group.vpn", sealed=True, start=days(-300))
        visits.log_visit(app, "c-3", purpose="return", channel="on-site", on=days(-20),
                         outcome="reviewed the group plan", next_step="bring the new offer",
                         next_on=days(10))  # fmt: skip
        complaints.open_complaint(app, "c-2", channel="phone", severity=ComplaintSeverity.HIGH,
                                  summary="double charged for roaming")  # fmt: skip
    if "wealth" in loaded:
        agreements.sign_agreement(app, "c-5", "wealth.fixed-income", amount="300000",
                                  start=days(-340))  # fmt: skip
        visits.log_visit(app, "c-4", purpose="care", channel="phone", on=days(-45),
                         outcome="discussed the portfolio review")  # fmt: skip
    if "securities" in loaded:
        visits.log_visit(app, "c-6", purpose="development", channel="video", on=days(-5),
                         outcome="interested in ChiNext funds")  # fmt: skip


@frozen
class Agenda:
    """A manager's day: care due, visits overdue, customers at risk, complaints open."""

    manager: Manager
    care: list[CareAction]
    overdue: list[OverdueVisit]
    risks: list[RetentionSignal]
    complaints: list[Complaint]


def agenda_of(app: App, limit: int = 10) -> Agenda:
    """The acting manager's agenda for ``app.today`` (``app.actor`` must be set)."""
    from . import care, retention

    manager = managers.get_manager(app, app.actor or "")
    _, due = care.due_actions(app)
    return Agenda(
        manager,
        list(itertools.islice(due, limit)),
        list(itertools.islice(visits.overdue_visits(app), limit)),
        retention.rank_risks(app, min_score=0.3, limit=limit),
        list(itertools.islice(complaints.list_complaints(app, unreplied=True), limit)),
    )
