"""The telecom plugin through accountcore's command line, with accountcore.testing's fixtures."""

import json

import pytest


@pytest.fixture
def ac_plugins():
    return ["telecom"]


def run_json(ac_cli, *args):
    return json.loads(ac_cli(*args, "--format", "json", check=True).stdout)


def test_a_subscriber_profile_is_set_and_shown(ac_cli):
    ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
    ac_cli(
        "customer",
        "add",
        "--name",
        "Chen Hua",
        "--kind",
        "individual",
        "--tier",
        "vip",
        "--manager",
        "m1",
        "--set",
        "telecom.msisdn=13800138000",
        "--set",
        "telecom.contract=two-year",
        "--set",
        "telecom.contract_end=2027-03-31",
        check=True,
    )
    ac_cli("customer", "update", "c-1", "--set", "telecom.monthly_fee=58.00", check=True)
    shown = run_json(ac_cli, "customer", "show", "c-1", "--reveal")
    assert run_json(ac_cli, "customer", "show", "c-1")["profiles"]["telecom"]["msisdn"] == (
        "138****8000"
    )
    assert shown["profiles"]["telecom"] == {
        "msisdn": "13800138000",
        "contract": "two-year",
        "contract_end": "2027-03-31",
        "monthly_fee": "58.00",
        "arrears_amount": "0",
    }
    bad = ac_cli("customer", "update", "c-1", "--set", "telecom.msisdn=123")
    assert bad.exit_code == 2 and "telecom.msisdn: must be 11 digits" in bad.stderr


def test_only_telecom_is_loaded_and_it_passes_the_check(ac_cli):
    assert [p["industry"] for p in run_json(ac_cli, "product", "list")] == ["telecom"] * 9
    result = ac_cli("plugins", "check", check=True)
    assert result.stdout.startswith("2 plugins OK (core, telecom)")


def test_a_firm_sets_its_line_limit(ac_cli, ac_app):
    ac_cli("config", "set", "telecom.max_lines_per_id", "3", check=True)
    shown = {s["key"]: s for s in run_json(ac_cli, "config", "show", "telecom")}
    assert shown["telecom.max_lines_per_id"]["value"] == 3
    assert shown["telecom.max_lines_per_id"]["default"] == 5
    assert ac_app.settings["telecom"].max_lines_per_id == 3
