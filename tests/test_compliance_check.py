"""compliance check: customers and their live agreements re-checked, findings listed, exit 0."""

import pytest
from conftest import out_json


@pytest.fixture
def book(team, ac_book_once):
    """c-1 (m1) invests; c-2 (m2) holds telecom lines; c-3 (m1) has no profile."""

    def build():
        team(
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
            "--set",
            "securities.investor_type=ordinary",
            "--set",
            "securities.risk_level=C3",
            "--set",
            "securities.lowest_category=false",
            "--set",
            "securities.questionnaire_date=2026-01-10",
            "--set",
            "securities.kyc_date=2026-06-01",
            check=True,
        )
        team(
            "customer",
            "add",
            "--name",
            "Sun Mei",
            "--kind",
            "individual",
            "--tier",
            "b",
            "--manager",
            "m2",
            "--set",
            "telecom.real_name_verified=true",
            "--set",
            "telecom.lines=1",
            check=True,
        )
        team(
            "customer",
            "add",
            "--name",
            "Xu Jing",
            "--kind",
            "individual",
            "--tier",
            "c",
            "--manager",
            "m1",
            check=True,
        )
        team("agreement", "sign", "c-1", "securities.fund.mixed", check=True)
        team("agreement", "sign", "c-2", "telecom.roaming.international", check=True)
        team("agreement", "sign", "c-2", "telecom.plan.basic", check=True)

    ac_book_once(build)
    return team


def check(cli, *args, options=()):
    result = cli(*options, "compliance", "check", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return [(f["customer"], f["agreement"], f["rule"], f["severity"]) for f in out_json(result)]


def test_a_compliant_book_has_no_findings(book):
    assert check(book, "--all") == []
    table = book("compliance", "check", "--all")
    assert table.exit_code == 0 and table.stdout.strip() == "0 findings"


def test_what_falls_out_of_compliance_is_found(book):
    book("customer", "update", "c-1", "--set", "securities.risk_level=C2", check=True)
    book(
        "customer",
        "update",
        "c-2",
        "--set",
        "telecom.arrears_amount=88.50",
        "--set",
        "telecom.real_name_verified=false",
        check=True,
    )
    assert check(book, "--all") == [
        ("c-1", "a-1", "securities.suitability", "block"),
        ("c-2", None, "telecom.real-name", "warn"),
        ("c-2", "a-2", "telecom.arrears", "block"),
        ("c-2", "a-3", "telecom.arrears", "block"),
    ]
    [lapsed_later, *_] = check(book, "--all", options=["--today", "2029-01-01"])
    assert lapsed_later[:3] == ("c-1", None, "securities.questionnaire")


def test_each_finding_says_what_where_and_why(book):
    book("customer", "update", "c-2", "--set", "telecom.arrears_amount=88.50", check=True)
    [finding, _] = out_json(book("compliance", "check", "--customer", "c-2", "--format", "json"))
    assert finding["customer"] == "c-2"
    assert finding["agreement"] == "a-2"
    assert finding["product"] == "telecom.roaming.international"
    assert finding["rule"] == "telecom.arrears"
    assert finding["severity"] == "block"
    assert "88.50" in finding["message"]
    assert finding["source"] and finding["plugin"] == "telecom"
    table = book("compliance", "check", "--customer", "c-2").stdout.splitlines()
    assert table[0].split()[:4] == ["c-2", "a-2", "telecom.arrears", "block,"]
    assert table[-1] == "2 findings (2 block)"
    csv_head = book("compliance", "check", "--all", "--format", "csv").stdout.splitlines()[0]
    assert csv_head.startswith("rule,severity,message,source")


def test_only_live_agreements_are_rechecked(book):
    book("customer", "update", "c-2", "--set", "telecom.arrears_amount=10", check=True)
    book("agreement", "terminate", "a-2", "--reason", "customer request", check=True)
    assert [f[1] for f in check(book, "--customer", "c-2")] == ["a-3"]


def test_a_manager_checks_the_customers_he_sees(book):
    book("customer", "update", "c-1", "--set", "securities.kyc_date=2020-01-01", check=True)
    book("customer", "update", "c-2", "--set", "telecom.real_name_verified=false", check=True)
    assert [f[0] for f in check(book, "--all", options=["--as", "m1"])] == ["c-1"]
    assert [f[0] for f in check(book, "--all", options=["--as", "m2"])] == ["c-2"]
    assert [f[0] for f in check(book, "--all", options=["--as", "s1"])] == ["c-1", "c-2"]
    refused = book("--as", "m2", "compliance", "check", "--customer", "c-1")
    assert refused.exit_code == 1 and "core.scope" in refused.stderr


def test_a_product_no_plugin_offers_is_named_not_skipped(book):
    book("customer", "update", "c-1", "--set", "securities.kyc_date=2020-01-01", check=True)
    found = check(book, "--all", options=["--disable-plugin", "securities"])
    assert found == [("c-1", "a-1", "core.unchecked-product", "info")]


@pytest.mark.parametrize("args", [[], ["--all", "--customer", "c-1"]])
def test_customer_or_all_is_required(book, args):
    result = book("compliance", "check", *args)
    assert result.exit_code == 2 and "--customer ID or --all" in result.stderr


def test_an_unknown_customer_exits_2(book):
    result = book("compliance", "check", "--customer", "c-42")
    assert result.exit_code == 2 and "unknown customer 'c-42'" in result.stderr


def test_a_block_overridden_at_signing_shows_as_overridden_in_later_checks(book):
    book("customer", "update", "c-2", "--set", "telecom.arrears_amount=120", check=True)
    book(
        "--as",
        "s1",
        "agreement",
        "sign",
        "c-2",
        "telecom.secondary-sim",
        "--override",
        "--reason",
        "arrears settled at the counter today",
        check=True,
    )
    signed = out_json(book("agreement", "list", "--customer", "c-2", "--format", "json"))[-1]
    found = out_json(book("compliance", "check", "--customer", "c-2", "--format", "json"))
    arrears = {f["agreement"]: f for f in found if f["rule"] == "telecom.arrears"}
    # The line signed before the arrears shows a fresh block; the one overridden, overridden.
    assert arrears.keys() > {signed["id"]}
    assert {a["overridden_by"] for k, a in arrears.items() if k != signed["id"]} == {None}
    arrears = arrears[signed["id"]]
    assert arrears["severity"] == "block"
    assert arrears["overridden_by"] == "s1"
    assert arrears["override_reason"] == "arrears settled at the counter today"
    table = book("compliance", "check", "--customer", "c-2").stdout
    assert "block, overridden" in table
    assert "overridden by s1: arrears settled at the counter today" in table
