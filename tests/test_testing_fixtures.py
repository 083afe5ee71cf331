"""accountcore.testing: the fixtures plugin authors use, on their own."""

from pathlib import Path

import pytest
from conftest import out_json

DEV_PLUGIN = """
from accountcore import Product, hookimpl

@hookimpl
def register_products():
    return [Product("dev.thing", "A thing", "dev", "service")]
"""


@pytest.fixture
def ac_plugins():
    return ["wealth"]


@pytest.fixture
def ac_plugin_modules(tmp_path_factory):
    path = Path(tmp_path_factory.mktemp("dev")) / "dev_products.py"
    path.write_text(DEV_PLUGIN)
    return [str(path)]


def test_only_the_selected_plugins_load_in_the_app_and_the_cli(ac_app, ac_cli):
    assert ac_app.hooks.plugin_names == ("core", "wealth", "dev_products")
    industries = {p["industry"] for p in out_json(ac_cli("product", "list", "--format", "json"))}
    assert industries == {"wealth", "dev"}


def test_the_cli_runs_on_the_fixtures_day_and_ignores_the_shells_user(ac_cli, ac_today):
    ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
    env = {"ACCOUNTCORE_BOOK": "/nowhere.db"}
    result = ac_cli("manager", "list", "--format", "json", env=env, check=True)
    assert [m["id"] for m in out_json(result)] == ["m1"]
    future = ac_cli(
        "--today",
        "2027-01-05",
        "customer",
        "add",
        "--name",
        "A",
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m1",
        "--birthday",
        "2027-01-01",
    )
    assert future.exit_code == 0, future.output
    late = ac_cli(
        "customer",
        "add",
        "--name",
        "B",
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m1",
        "--birthday",
        "2027-01-01",
    )
    assert late.exit_code == 2 and f"after today ({ac_today})" in late.stderr


def test_the_shells_actor_does_not_leak_into_the_cli(ac_cli, monkeypatch):
    monkeypatch.setenv("ACCOUNTCORE_USER", "m9")
    ac_cli("customer", "list", check=True)
    as_m9 = ac_cli("customer", "list", env={"ACCOUNTCORE_USER": "m9"})
    assert as_m9.exit_code == 2 and "--as m9: no such manager" in as_m9.stderr
