"""The telecom compliance rules (telecom.md, "Compliance"): each passes and fails."""

import pytest

from accountcore import Agreement, AgreementStatus, Customer, CustomerKind, Severity, Tier

# A verified subscriber with one line and nothing owed.
GOOD = {"msisdn": "13912345678", "real_name_verified": True, "lines": 1}


def subscriber(app, changes, kind=CustomerKind.INDIVIDUAL):
    """Sun Mei (or a company) with GOOD changed by ``changes`` (None removes a field)."""
    data = {k: v for k, v in {**GOOD, **changes}.items() if v is not None}
    profile = app.converter.structure(data, app.hooks.profiles["telecom"])
    return Customer("c-1", "Sun Mei", kind, Tier.B, "m1", profiles={"telecom": profile})


@pytest.fixture
def checker(ac_app):
    """The findings on a draft (or ``status``) agreement, by rule id."""

    def check(
        product,
        *,
        sealed=False,
        terms=None,
        status=AgreementStatus.DRAFT,
        kind=CustomerKind.INDIVIDUAL,
        app=ac_app,
        **changes,
    ):
        agreement = Agreement(
            "draft", "c-1", product, "m1", status, sealed=sealed, terms=terms or {}
        )
        customer = subscriber(app, changes, kind)
        found = app.hooks.check_agreement(customer, agreement, app.hooks.products[product])
        return {f.rule: f for f in found}

    return check


CORPORATE = {"kind": CustomerKind.CORPORATE}
EXPECTED = {
    "telecom.real-name": (Severity.BLOCK, False),
    "telecom.corporate-seal": (Severity.BLOCK, False),
    "telecom.line-limit": (Severity.BLOCK, False),
    "telecom.arrears": (Severity.BLOCK, True),
    "telecom.card-replacement.identity": (Severity.BLOCK, True),
}
# (rule, product, what passes, what fails, what the message names)
CASES = [
    ("telecom.real-name", "telecom.broadband", {}, {"real_name_verified": False}, "not verified"),
    (
        "telecom.real-name",
        "telecom.data.addon",
        {},
        {"real_name_verified": None},
        "real_name_verified missing",
    ),
    (
        "telecom.corporate-seal",
        "telecom.group.vpn",
        {**CORPORATE, "sealed": True},
        CORPORATE,
        "official seal",
    ),
    (
        "telecom.corporate-seal",
        "telecom.broadband",
        {"sealed": False},
        {**CORPORATE, "sealed": False},
        "--sealed",
    ),
    ("telecom.line-limit", "telecom.plan.basic", {"lines": 4}, {"lines": 5}, "holds 5 lines"),
    ("telecom.line-limit", "telecom.secondary-sim", {"lines": 0}, {"lines": 6}, "limit of 5"),
    (
        "telecom.line-limit",
        "telecom.data.addon",
        {"lines": 5},
        {"lines": None, "product": "telecom.plan.5g-unlimited"},
        "lines missing",
    ),
    (
        "telecom.arrears",
        "telecom.roaming.international",
        {"arrears_amount": "0"},
        {"arrears_amount": "0.01", "arrears_since": "2026-10-15"},
        "owes 0.01 since 2026-10-15",
    ),
    (
        "telecom.arrears",
        "telecom.broadband",
        {"arrears_amount": "120"},
        {"arrears_amount": "120", "product": "telecom.plan.5g-unlimited"},
        "owes 120",
    ),
    (
        "telecom.arrears",
        "telecom.card.replacement",
        {"arrears_amount": "50", "terms": {"identity_checked": True}},
        {"arrears_amount": "50", "product": "telecom.family.network"},
        "Family network",
    ),
    (
        "telecom.arrears",
        "telecom.data.addon",
        {"arrears_amount": "50"},
        {"arrears_amount": "50", "product": "telecom.secondary-sim"},
        "Secondary SIM",
    ),
    (
        "telecom.card-replacement.identity",
        "telecom.card.replacement",
        {"terms": {"identity_checked": True}},
        {"terms": {"identity_checked": False}},
        "identity_checked=true",
    ),
    (
        "telecom.card-replacement.identity",
        "telecom.card.replacement",
        {"terms": {"identity_checked": True}},
        {},
        "identity re-check",
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
    assert found[rule].source and found[rule].plugin == "telecom"


def test_a_re_check_looks_at_arrears_only(checker):
    held = checker(
        "telecom.roaming.international",
        status=AgreementStatus.ACTIVE,
        real_name_verified=False,
        lines=9,
        arrears_amount="30",
    )
    assert set(held) == {"telecom.arrears"}
    assert held["telecom.arrears"].responsibility == "arrears-recovery"
    assert checker("telecom.plan.basic", status=AgreementStatus.ACTIVE, lines=5) == {}


def test_only_telecom_products_are_checked(checker):
    for product in ("wealth.cash", "securities.account"):
        found = checker(product, real_name_verified=None, lines=None)
        assert not [rule for rule in found if rule.startswith("telecom.")]


def test_the_line_limit_comes_from_the_book_settings(checker, ac_app):
    assert "telecom.line-limit" not in checker("telecom.secondary-sim", lines=3)
    ac_app.store.set_config("telecom.max_lines_per_id", 3)
    stricter = checker("telecom.secondary-sim", lines=3, app=ac_app.evolve())
    assert "limit of 3" in stricter["telecom.line-limit"].message


@pytest.mark.parametrize(
    ("changes", "warned"),
    [
        ({}, False),
        ({"real_name_verified": False, "lines": 2}, True),
        ({"real_name_verified": None, "lines": None}, True),
        ({"real_name_verified": False, "lines": 0}, False),
    ],
)
def test_periodic_real_name(ac_app, changes, warned):
    found = {f.rule: f for f in ac_app.hooks.check_customer(subscriber(ac_app, changes))}
    assert ("telecom.real-name" in found) is warned
    if warned:
        finding = found["telecom.real-name"]
        assert finding.severity is Severity.WARN and finding.source
        assert finding.responsibility == "real-name-verification"


def test_signing_through_the_command_line(ac_cli):
    ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
    ac_cli(
        "customer",
        "add",
        "--name",
        "Huaxin Logistics",
        "--kind",
        "corporate",
        "--tier",
        "vip",
        "--manager",
        "m1",
        "--set",
        "telecom.real_name_verified=true",
        "--set",
        "telecom.lines=3",
        check=True,
    )
    refused = ac_cli("agreement", "sign", "c-1", "telecom.group.vpn")
    assert refused.exit_code == 1 and "telecom.corporate-seal" in refused.stderr
    assert ac_cli("agreement", "sign", "c-1", "telecom.group.vpn", "--sealed").exit_code == 0
    card = ac_cli(
        "agreement",
        "sign",
        "c-1",
        "telecom.card.replacement",
        "--sealed",
        "--term",
        "identity_checked=true",
    )
    assert card.exit_code == 0, card.output
