"""The securities compliance rules (securities.md, "Compliance"): each passes and fails."""

import datetime as dt

import pytest

from accountcore import Agreement, AgreementStatus, Customer, CustomerKind, Severity, Tier

TODAY = dt.date(2026, 11, 23)  # the fixtures' ac_today

# An ordinary C3 investor who meets every access threshold and has signed every disclosure.
GOOD = {
    "investor_type": "ordinary",
    "risk_level": "C3",
    "lowest_category": False,
    "questionnaire_date": "2026-01-10",
    "assets_20d_avg": "600000",
    "first_trade_date": "2019-05-01",
    "disclosures": ["star-market", "chinext", "bse", "margin"],
    "kyc_date": "2026-06-01",
    "margin_blacklisted": False,
}


def days_ago(days):
    return (TODAY - dt.timedelta(days=days)).isoformat()


def investor(app, changes, profile=True):
    """Wang Fang with GOOD changed by ``changes`` (None removes a field)."""
    data = {k: v for k, v in {**GOOD, **changes}.items() if v is not None}
    profiles = {"securities": app.converter.structure(data, app.hooks.profiles["securities"])}
    return Customer(
        "c-1",
        "Wang Fang",
        CustomerKind.INDIVIDUAL,
        Tier.A,
        "m1",
        profiles=profiles if profile else {},
    )


@pytest.fixture
def checker(ac_app, ac_today):
    """The findings of every plugin on a draft (or ``status``) agreement, by rule id."""
    assert ac_today == TODAY

    def check(product, *, status=AgreementStatus.DRAFT, app=ac_app, **changes):
        agreement = Agreement("draft", "c-1", product, "m1", status)
        found = app.hooks.check_agreement(
            investor(app, changes), agreement, app.hooks.products[product]
        )
        return {f.rule: f for f in found}

    return check


@pytest.fixture
def customer_checker(ac_app):
    """The periodic findings on the investor, by rule id."""

    def check(profile=True, **changes):
        found = ac_app.hooks.check_customer(investor(ac_app, changes, profile))
        return {f.rule: f for f in found}

    return check


ACCESS = {"assets_20d_avg": "600000", "first_trade_date": "2019-05-01"}

# rule: (severity, overridable) when it fails for an ordinary C3 investor.
EXPECTED = {
    "securities.suitability": (Severity.BLOCK, True),
    "securities.lowest-category": (Severity.BLOCK, False),
    "securities.professional-only": (Severity.BLOCK, False),
    "securities.questionnaire": (Severity.BLOCK, False),
    "securities.star-market": (Severity.BLOCK, False),
    "securities.chinext": (Severity.BLOCK, False),
    "securities.bse": (Severity.BLOCK, False),
    "securities.margin": (Severity.BLOCK, False),
    "securities.disclosure": (Severity.BLOCK, False),
    "securities.high-risk-ordinary": (Severity.WARN, False),
}

PROFESSIONAL = {"investor_type": "professional", "risk_level": None, "lowest_category": None}
# (rule, product, a profile that passes, one that fails, what the message names)
CASES = [
    (
        "securities.suitability",
        "securities.fund.equity",
        {"risk_level": "C4"},
        {"risk_level": "C3"},
        "R4 is above the investor's C3",
    ),
    (
        "securities.suitability",
        "securities.fund.mixed",
        {"risk_level": "C3"},
        {"risk_level": None},
        "risk_level missing",
    ),
    (
        "securities.lowest-category",
        "securities.fund.bond",
        {"risk_level": "C1", "lowest_category": False},
        {"risk_level": "C1", "lowest_category": True},
        "R1 products only",
    ),
    (
        "securities.lowest-category",
        "securities.fund.money-market",
        {"risk_level": "C1", "lowest_category": True},
        {"risk_level": "C1", "lowest_category": None, "product": "securities.fund.bond"},
        "lowest_category missing",
    ),
    (
        "securities.professional-only",
        "securities.structured-note",
        PROFESSIONAL,
        {"risk_level": "C5"},
        "professional investors only",
    ),
    (
        "securities.professional-only",
        "securities.structured-note",
        PROFESSIONAL,
        {"risk_level": "C5", "investor_type": None},
        "investor_type missing",
    ),
    (
        "securities.questionnaire",
        "securities.fund.bond",
        {"questionnaire_date": days_ago(730)},
        {"questionnaire_date": days_ago(731)},
        f"lapsed on {TODAY}",  # the day lapses_on names, as care and retention do
    ),
    (
        "securities.questionnaire",
        "securities.account",
        PROFESSIONAL,
        {"questionnaire_date": None},
        "questionnaire_date missing",
    ),
    (
        "securities.star-market",
        "securities.star-market",
        {"assets_20d_avg": "500000", "first_trade_date": "2024-11-23"},
        {"assets_20d_avg": "499999.99", "first_trade_date": "2024-11-23"},
        "below 500000",
    ),
    (
        "securities.star-market",
        "securities.star-market",
        {"assets_20d_avg": "500000", "first_trade_date": "2024-11-23"},
        {"assets_20d_avg": "500000", "first_trade_date": "2024-11-24"},
        "under 24 months",
    ),
    (
        "securities.star-market",
        "securities.star-market",
        ACCESS,
        {"assets_20d_avg": None},
        "assets_20d_avg missing",
    ),
    (
        "securities.chinext",
        "securities.chinext",
        {"assets_20d_avg": "100000", "first_trade_date": "2024-11-23"},
        {"assets_20d_avg": "99999", "first_trade_date": "2024-11-23"},
        "below 100000",
    ),
    (
        "securities.chinext",
        "securities.chinext",
        ACCESS,
        {"first_trade_date": "2025-01-01"},
        "under 24 months",
    ),
    (
        "securities.bse",
        "securities.bse",
        {"assets_20d_avg": "500000", "first_trade_date": "2024-11-23"},
        {"assets_20d_avg": "400000"},
        "below 500000",
    ),
    (
        "securities.margin",
        "securities.margin",
        {"assets_20d_avg": "500000", "first_trade_date": "2026-05-23", "risk_level": "C4"},
        {"first_trade_date": "2026-05-24", "risk_level": "C4"},
        "under 6 months",
    ),
    (
        "securities.margin",
        "securities.margin",
        {"risk_level": "C4"},
        {"risk_level": "C3"},
        "risk level C3 below C4",
    ),
    (
        "securities.margin",
        "securities.margin",
        PROFESSIONAL,
        {"risk_level": "C5", "margin_blacklisted": True},
        "blacklist",
    ),
    (
        "securities.margin",
        "securities.margin",
        {"risk_level": "C5"},
        {"risk_level": "C5", "margin_blacklisted": None},
        "margin_blacklisted missing",
    ),
    (
        "securities.disclosure",
        "securities.star-market",
        {"disclosures": ["star-market"]},
        {"disclosures": ["chinext", "margin"]},
        "star-market risk disclosure",
    ),
    (
        "securities.disclosure",
        "securities.margin",
        {"risk_level": "C4", "disclosures": ["margin"]},
        {"risk_level": "C4", "disclosures": []},
        "margin risk disclosure",
    ),
    (
        "securities.high-risk-ordinary",
        "securities.fund.mixed",
        {"risk_level": "C5"},
        {"risk_level": "C5", "product": "securities.fund.equity"},
        "R4 to an ordinary investor",
    ),
    (
        "securities.high-risk-ordinary",
        "securities.structured-note",
        PROFESSIONAL,
        {"risk_level": "C5", "product": "securities.structured-note"},
        "R5",
    ),
]


@pytest.mark.parametrize(
    ("rule", "product", "passing", "failing", "says"), CASES, ids=[f"{c[0]}:{c[4]}" for c in CASES]
)
def test_each_rule_passes_and_fails(checker, rule, product, passing, failing, says):
    assert rule not in checker(product, **passing)
    failing = dict(failing)
    found = checker(failing.pop("product", product), **failing)
    assert rule in found, found
    finding = found[rule]
    expected = EXPECTED[rule]
    if rule == "securities.suitability" and "missing" in says:
        expected = (Severity.BLOCK, False)  # an unknown level cannot be overridden
    assert (finding.severity, finding.overridable) == expected
    assert says in finding.message
    assert finding.source and finding.plugin == "securities"


def test_the_lowest_category_investor_may_not_be_overridden_into_suitability(checker):
    found = checker("securities.fund.bond", risk_level="C1", lowest_category=True)
    assert found["securities.suitability"].overridable is False
    assert found["securities.lowest-category"].overridable is False
    assert checker("securities.fund.bond", risk_level="C1")["securities.suitability"].overridable


def test_a_re_check_looks_at_the_holding_only(checker):
    held = checker(
        "securities.fund.equity",
        status=AgreementStatus.ACTIVE,
        risk_level="C2",
        questionnaire_date="2020-01-01",
    )
    assert set(held) == {"securities.suitability"}
    assert held["securities.suitability"].responsibility == "investor-suitability"
    assert (
        checker("securities.fund.equity", risk_level="C2")["securities.suitability"].responsibility
        == "signing"
    )
    access = checker(
        "securities.star-market",
        status=AgreementStatus.ACTIVE,
        assets_20d_avg="100",
        disclosures=[],
    )
    assert access == {}


def test_only_securities_products_are_checked(checker):
    for product in ("telecom.plan.basic", "wealth.equity"):
        found = checker(product, risk_level=None, questionnaire_date=None)
        assert not [rule for rule in found if rule.startswith("securities.")]


def test_thresholds_come_from_the_book_settings(checker, ac_app):
    assert "securities.star-market" not in checker("securities.star-market")
    ac_app.store.set_config("securities.star_market_assets", "800000")
    stricter = checker("securities.star-market", app=ac_app.evolve())
    assert "below 800000" in stricter["securities.star-market"].message


CUSTOMER_CASES = [
    ("securities.kyc", {"kyc_date": days_ago(365)}, {"kyc_date": days_ago(366)}, "lapsed on"),
    ("securities.kyc", {"kyc_date": "2026-11-01"}, {"kyc_date": None}, "kyc_date missing"),
    (
        "securities.questionnaire",
        {"questionnaire_date": days_ago(730)},
        {"questionnaire_date": days_ago(731)},
        "lapsed on",
    ),
    (
        "securities.questionnaire",
        PROFESSIONAL,
        {"questionnaire_date": None},
        "questionnaire_date missing",
    ),
]


@pytest.mark.parametrize(
    ("rule", "passing", "failing", "says"),
    CUSTOMER_CASES,
    ids=[f"{c[0]}:{c[3]}" for c in CUSTOMER_CASES],
)
def test_each_periodic_rule_passes_and_fails(customer_checker, rule, passing, failing, says):
    assert rule not in customer_checker(**passing)
    finding = customer_checker(**failing)[rule]
    assert finding.severity is Severity.WARN
    assert says in finding.message and finding.source


def test_customers_without_a_securities_profile_are_not_checked(customer_checker):
    assert customer_checker(profile=False) == {}


def test_signing_through_the_command_line(ac_cli):
    ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
    ac_cli(
        "customer",
        "add",
        "--name",
        "Wang Fang",
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m1",
        *[f"--set=securities.{k}={v}" for k, v in GOOD.items() if k != "disclosures"],
        check=True,
    )
    refused = ac_cli("agreement", "sign", "c-1", "securities.star-market")
    assert refused.exit_code == 1 and "securities.disclosure" in refused.stderr
    ac_cli("customer", "update", "c-1", "--set", "securities.disclosures=star-market", check=True)
    assert ac_cli("agreement", "sign", "c-1", "securities.star-market").exit_code == 0
