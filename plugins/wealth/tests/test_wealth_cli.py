"""The wealth plugin through accountcore's command line, with accountcore.testing's fixtures."""

import json

import pytest


@pytest.fixture
def ac_plugins():
    return ["accountcore-wealth"]


def run_json(ac_cli, *args):
    return json.loads(ac_cli(*args, "--format", "json", check=True).stdout)


def test_a_risk_profile_is_set_and_shown(ac_cli):
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
        "--set",
        "wealth.risk_level=C4",
        "--set",
        "wealth.questionnaire_date=2026-01-15",
        check=True,
    )
    ac_cli("customer", "update", "c-1", "--set", "wealth.financial_assets=3,000,000", check=True)
    shown = run_json(ac_cli, "customer", "show", "c-1")
    assert shown["profiles"]["wealth"] == {
        "risk_level": "C4",
        "questionnaire_date": "2026-01-15",
        "financial_assets": "3000000",
    }
    bad = ac_cli("customer", "update", "c-1", "--set", "wealth.risk_level=C9")
    assert bad.exit_code == 2 and "wealth.risk_level" in bad.stderr


def test_only_wealth_is_loaded_and_it_passes_the_check(ac_cli):
    assert {p["industry"] for p in run_json(ac_cli, "product", "list")} == {"wealth"}
    assert ac_cli("plugins", "check", check=True).stdout.startswith("2 plugins OK (core, wealth)")
