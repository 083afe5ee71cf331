"""The wealth compliance rules (wealth.md, "Compliance"): each passes and fails."""

import datetime as dt
from decimal import Decimal

import pytest

from accountcore import Agreement, AgreementStatus, Customer, CustomerKind, Severity, Tier

TODAY = dt.date(2026, 11, 23)  # the fixtures' ac_today

# A C5 qualified investor with a valid questionnaire, aged 51.
GOOD = {
    "risk_level": "C5",
    "questionnaire_date": "2026-06-01",
    "investment_years": 5,
    "financial_assets": "6000000",
    "financial_net_assets": "4000000",
    "income_avg_3y": "600000",
    "aum": "2000000",
}
# Only the income qualifies: 2 years' experience, assets below every threshold.
BY_INCOME = {"investment_years": 2, "financial_assets": "1000000", "financial_net_assets": "900000"}
NOT_QUALIFIED = {**BY_INCOME, "income_avg_3y": "399999"}


def days_ago(days):
    return (TODAY - dt.timedelta(days=days)).isoformat()


def saver(app, changes, *, birthday=dt.date(1975, 3, 2), kind=CustomerKind.INDIVIDUAL):
    """Zhao Lei with GOOD changed by ``changes`` (None removes a field)."""
    data = {k: v for k, v in {**GOOD, **changes}.items() if v is not None}
    profile = app.converter.structure(data, app.hooks.profiles["wealth"])
    return Customer(
        "c-1", "Zhao Lei", kind, Tier.VIP, "m1", birthday=birthday, profiles={"wealth": profile}
    )


@pytest.fixture
def checker(ac_app, ac_today):
    """The findings on a draft (or ``status``) agreement, by rule id."""
    assert ac_today == TODAY

    def check(
        product,
        *,
        amount="1000000",
        terms=None,
        status=AgreementStatus.DRAFT,
        signed_on=None,
        app=ac_app,
        customer=None,
        **changes,
    ):
        terms = {"recording_id": "REC-1"} if terms is None else terms
        agreement = Agreement(
            "draft",
            "c-1",
            product,
            "m1",
            status,
            signed_on=signed_on,
            amount=None if amount is None else Decimal(amount),
            terms=terms,
        )
        customer = customer or saver(app, changes)
        found = app.hooks.check_agreement(customer, agreement, app.hooks.products[product])
        return {f.rule: f for f in found}

    return check


EXPECTED = {
    "wealth.suitability": (Severity.BLOCK, False),
    "wealth.questionnaire": (Severity.BLOCK, True),
    "wealth.qualified-investor": (Severity.BLOCK, False),
    "wealth.private-fund-investor": (Severity.BLOCK, False),
    "wealth.dual-recording": (Severity.BLOCK, False),
}
# (rule, product, a profile that passes, one that fails, what the message names)
CASES = [
    (
        "wealth.suitability",
        "wealth.mixed",
        {"risk_level": "C3"},
        {"risk_level": "C2"},
        "R3 is above the customer's C2",
    ),
    (
        "wealth.suitability",
        "wealth.cash",
        {"risk_level": "C1"},
        {"risk_level": None},
        "risk_level missing",
    ),
    (
        "wealth.questionnaire",
        "wealth.cash",
        {"questionnaire_date": days_ago(365)},
        {"questionnaire_date": days_ago(366)},
        f"lapsed on {TODAY}",  # the day lapses_on names, as care and retention do
    ),
    (
        "wealth.questionnaire",
        "wealth.cash",
        {},
        {"questionnaire_date": None},
        "questionnaire_date missing",
    ),
    (
        "wealth.qualified-investor",
        "wealth.trust",
        {**BY_INCOME, "income_avg_3y": "400000"},
        NOT_QUALIFIED,
        "income_avg_3y 399999 below 400000",
    ),
    (
        "wealth.qualified-investor",
        "wealth.trust",
        {**NOT_QUALIFIED, "financial_net_assets": "3000000"},
        {**NOT_QUALIFIED, "financial_net_assets": "2999999"},
        "financial_net_assets 2999999",
    ),
    (
        "wealth.qualified-investor",
        "wealth.trust",
        {**NOT_QUALIFIED, "financial_assets": "5000000"},
        {**NOT_QUALIFIED, "financial_assets": "4999999"},
        "financial_assets 4999999",
    ),
    (
        "wealth.qualified-investor",
        "wealth.trust",
        {"investment_years": 2},
        {"investment_years": 1},
        "investment_years 1 below 2",
    ),
    (
        "wealth.qualified-investor",
        "wealth.private-fund",
        {},
        {"investment_years": None},
        "investment_years missing",
    ),
    (
        "wealth.private-fund-investor",
        "wealth.private-fund",
        {"financial_assets": "3000000", "income_avg_3y": None},
        {"financial_assets": "2999999", "income_avg_3y": "499999"},
        "at least 3000000",
    ),
    (
        "wealth.private-fund-investor",
        "wealth.private-fund",
        {"financial_assets": None, "income_avg_3y": "500000"},
        {"financial_assets": None, "income_avg_3y": "400000"},
        "financial_assets missing",
    ),
    ("wealth.dual-recording", "wealth.mixed", {}, {"terms": {}}, "recording_id"),
    (
        "wealth.dual-recording",
        "wealth.fixed-income",
        {"terms": {}},
        {"terms": {"recording_id": ""}, "product": "wealth.private-fund"},
        "R5 sale",
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
    assert (found[rule].severity, found[rule].overridable) == EXPECTED[rule]
    assert says in found[rule].message
    assert found[rule].source and found[rule].plugin == "wealth"


@pytest.mark.parametrize(
    ("product", "amount", "overridable", "source"),
    [
        ("wealth.trust", "999999.99", True, "Firm policy"),
        ("wealth.private-fund", "999999.99", False, "Order No. 105"),
        ("wealth.trust", None, True, "Firm policy"),
    ],
)
def test_minimum_amount(checker, product, amount, overridable, source):
    assert "wealth.minimum-amount" not in checker(product, amount="1000000")
    finding = checker(product, amount=amount)["wealth.minimum-amount"]
    assert (finding.severity, finding.overridable) == (Severity.BLOCK, overridable)
    assert source in finding.source
    assert ("amount missing" in finding.message) == (amount is None)
    assert "wealth.minimum-amount" not in checker("wealth.equity", amount=None)


@pytest.mark.parametrize(
    ("birthday", "product", "warned"),
    [
        (dt.date(1961, 11, 23), "wealth.equity", True),  # 65 on the day
        (dt.date(1961, 11, 24), "wealth.equity", False),  # 65 tomorrow
        (dt.date(1950, 1, 1), "wealth.private-fund", True),
        (dt.date(1950, 1, 1), "wealth.mixed", False),  # R3 is not high risk
        (None, "wealth.equity", True),
    ],
)
def test_elderly_high_risk(checker, ac_app, birthday, product, warned):
    customer = saver(ac_app, {}, birthday=birthday)
    found = checker(product, customer=customer)
    assert ("wealth.elderly-high-risk" in found) is warned
    if warned:
        finding = found["wealth.elderly-high-risk"]
        assert finding.severity is Severity.WARN and finding.source
        assert ("birthday missing" in finding.message) is (birthday is None)


def test_no_elderly_warning_for_a_company(checker, ac_app):
    company = saver(ac_app, {}, birthday=None, kind=CustomerKind.CORPORATE)
    assert "wealth.elderly-high-risk" not in checker("wealth.equity", customer=company)


def test_cooling_off_is_told_on_a_private_fund_sale_and_while_it_lasts(checker):
    finding = checker("wealth.private-fund")["wealth.cooling-off"]
    assert finding.severity is Severity.INFO and "24-hour" in finding.message
    assert "Art. 29" in finding.source
    assert "wealth.cooling-off" not in checker("wealth.trust")
    active = {"status": AgreementStatus.ACTIVE}
    day = dt.timedelta(days=1)
    assert "wealth.cooling-off" in checker("wealth.private-fund", signed_on=TODAY - day, **active)
    assert "wealth.cooling-off" not in checker(
        "wealth.private-fund", signed_on=TODAY - 2 * day, **active
    )


def test_a_re_check_looks_at_the_holding_only(checker):
    held = checker(
        "wealth.trust",
        status=AgreementStatus.ACTIVE,
        risk_level="C3",
        questionnaire_date="2020-01-01",
        amount=None,
        terms={},
        **NOT_QUALIFIED,
    )
    assert set(held) == {"wealth.suitability"}
    assert held["wealth.suitability"].responsibility == "suitability-review"


def test_only_wealth_products_are_checked(checker):
    for product in ("telecom.plan.basic", "securities.fund.equity"):
        found = checker(product, risk_level=None, questionnaire_date=None)
        assert not [rule for rule in found if rule.startswith("wealth.")]


def test_thresholds_come_from_the_book_settings(checker, ac_app):
    assert "wealth.questionnaire" not in checker("wealth.cash", questionnaire_date=days_ago(200))
    ac_app.store.set_config("wealth.questionnaire_valid_days", 180)
    stricter = checker("wealth.cash", questionnaire_date=days_ago(200), app=ac_app.evolve())
    assert "wealth.questionnaire" in stricter


@pytest.mark.parametrize(
    ("changes", "warned"),
    [
        ({"questionnaire_date": days_ago(365)}, False),
        ({"questionnaire_date": days_ago(366)}, True),
        ({"questionnaire_date": None}, True),
        ({"questionnaire_date": days_ago(400), "aum": "0"}, False),  # no holdings
        ({"questionnaire_date": days_ago(400), "aum": None}, True),
    ],
)
def test_periodic_questionnaire_with_holdings(ac_app, changes, warned):
    found = {f.rule: f for f in ac_app.hooks.check_customer(saver(ac_app, changes))}
    assert ("wealth.questionnaire" in found) is warned
    if warned:
        assert found["wealth.questionnaire"].severity is Severity.WARN


def test_signing_through_the_command_line(ac_cli):
    ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
    ac_cli(
        "customer",
        "add",
        "--name",
        "Zhao Lei",
        "--kind",
        "individual",
        "--tier",
        "vip",
        "--manager",
        "m1",
        *[f"--set=wealth.{k}={v}" for k, v in GOOD.items()],
        check=True,
    )
    refused = ac_cli("agreement", "sign", "c-1", "wealth.trust", "--amount", "1000000")
    assert refused.exit_code == 1 and "wealth.dual-recording" in refused.stderr
    signed = ac_cli(
        "agreement",
        "sign",
        "c-1",
        "wealth.trust",
        "--amount",
        "1000000",
        "--term",
        "recording_id=REC-2026-118",
    )
    assert signed.exit_code == 0, signed.output
    assert "2028-11-22" in signed.stdout  # 24 months
