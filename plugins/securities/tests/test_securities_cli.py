"""The securities plugin through accountcore's command line, with accountcore.testing's fixtures."""

import json

import pytest


@pytest.fixture
def ac_plugins():
    return ["securities"]


def run_json(ac_cli, *args):
    return json.loads(ac_cli(*args, "--format", "json", check=True).stdout)


def test_disclosures_are_set_and_shown(ac_cli):
    ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
    ac_cli(
        "customer",
        "add",
        "--name",
        "Sun Li",
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m1",
        "--set",
        "securities.investor_type=ordinary",
        "--set",
        "securities.disclosures=star-market,margin",
        check=True,
    )
    shown = run_json(ac_cli, "customer", "show", "c-1")
    assert shown["profiles"]["securities"] == {
        "investor_type": "ordinary",
        "disclosures": ["star-market", "margin"],
    }
    bad = ac_cli("customer", "update", "c-1", "--set", "securities.disclosures=options")
    assert bad.exit_code == 2 and "securities.disclosures: may only hold" in bad.stderr


def test_only_securities_is_loaded_and_it_passes_the_check(ac_cli):
    listed = run_json(ac_cli, "plugins", "list")
    assert {p["name"]: p["status"] for p in listed} == {
        "core": "loaded",
        "securities": "loaded",
        "telecom": "disabled",
        "wealth": "disabled",
    }
    assert ac_cli("plugins", "check", check=True).stdout.startswith(
        "2 plugins OK (core, securities)"
    )
