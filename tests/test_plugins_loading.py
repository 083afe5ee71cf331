"""The plugin manager: entry points, disabling, broken plugins, load order, the hooks facade."""

import importlib
import sys

import pytest
from conftest import out_json

from accountcore._errors import PluginError, PluginLoadError
from accountcore._plugins.hooks import Hooks
from accountcore._plugins.manager import make_plugin_manager

RAISING = """
from accountcore import hookimpl

@hookimpl
def register_profile():
    raise RuntimeError("profile registry is down")
"""

MISSPELLED = """
from accountcore import hookimpl

@hookimpl
def register_prodcts():
    return []

@hookimpl
def check_customer(customer, contxt):
    return []
"""

BROKEN_IMPORT = "import no_such_module_anywhere\n"


def test_plugins_list_names_the_three_industries(ac_cli):
    listed = out_json(ac_cli("plugins", "list", "--format", "json"))
    by_name = {p["name"]: p for p in listed}
    assert [p["name"] for p in listed][:1] == ["core"]
    for name in ("telecom", "wealth", "securities"):
        plugin = by_name[name]
        assert plugin["distribution"] == f"accountcore-{name}"
        assert plugin["version"] == importlib.import_module(f"accountcore_{name}").__version__
        assert plugin["status"] == "loaded"
        assert {"register_products", "register_profile", "register_settings"} <= set(
            plugin["hooks"]
        )
        assert plugin["products"] and all(p.startswith(f"{name}.") for p in plugin["products"])


def test_product_list_by_industry(ac_cli):
    wealth = out_json(ac_cli("product", "list", "--industry", "wealth", "--format", "json"))
    codes = {p["code"] for p in wealth}
    assert {"wealth.trust", "wealth.private-fund", "wealth.cash"} <= codes
    trust = next(p for p in wealth if p["code"] == "wealth.trust")
    assert trust["risk_level"] == "R4"
    assert trust["minimum_amount"] == "1000000"
    assert trust["plugin"] == "wealth"
    assert {p["industry"] for p in wealth} == {"wealth"}
    unknown = ac_cli("product", "list", "--industry", "insurance")
    assert unknown.exit_code == 2
    assert "securities, telecom, wealth" in unknown.stderr


def test_disabled_plugin_is_not_imported(ac_cli, monkeypatch):
    monkeypatch.delitem(sys.modules, "accountcore_telecom", raising=False)
    result = ac_cli("--disable-plugin", "telecom", "product", "list", "--format", "json")
    assert not any(p["code"].startswith("telecom.") for p in out_json(result))
    assert "accountcore_telecom" not in sys.modules
    listed = out_json(
        ac_cli("--disable-plugin", "accountcore-telecom", "plugins", "list", "--format", "json")
    )
    assert {p["name"]: p["status"] for p in listed}["telecom"] == "disabled"


def test_disabled_by_environment(ac_cli):
    env = {"ACCOUNTCORE_DISABLE_PLUGINS": "wealth,securities"}
    products = out_json(ac_cli("product", "list", "--format", "json", env=env))
    assert {p["industry"] for p in products} == {"telecom"}


def test_profile_of_a_disabled_plugin_is_kept(team):
    team(
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
        "--set",
        "telecom.msisdn=13800138000",
        check=True,
    )
    refused = team(
        "--disable-plugin", "telecom", "customer", "update", "c-1", "--set", "telecom.lines=2"
    )
    assert refused.exit_code == 2
    assert "unknown profile 'telecom'" in refused.stderr
    team("--disable-plugin", "telecom", "customer", "update", "c-1", "--tier", "b", check=True)
    shown = out_json(team("customer", "show", "c-1", "--reveal", "--format", "json"))
    assert shown["tier"] == "b"
    assert shown["profiles"]["telecom"]["msisdn"] == "13800138000"
    # Its plugin not loaded, nothing tells which fields are personal: all its text is masked.
    masked = out_json(
        team("--disable-plugin", "telecom", "customer", "show", "c-1", "--format", "json")
    )
    assert masked["profiles"]["telecom"]["msisdn"] == "********"


def test_plugin_that_fails_to_import_is_skipped_and_reported(ac_cli, ac_install_plugin):
    ac_install_plugin("broken", BROKEN_IMPORT)
    listed = ac_cli("plugins", "list", "--format", "json")
    assert listed.exit_code == 0
    broken = {p["name"]: p for p in out_json(listed)}["broken"]
    assert broken["status"] == "failed"
    assert "no_such_module_anywhere" in broken["problems"][0]
    assert broken["distribution"] == "accountcore-broken"
    assert "plugin 'broken' (accountcore-broken 0.1) skipped" in listed.stderr
    assert ac_cli("product", "list").exit_code == 0
    strict = ac_cli("--strict-plugins", "product", "list")
    assert strict.exit_code == 1
    assert "no_such_module_anywhere" in strict.stderr
    quiet = ac_cli("--disable-plugin", "broken", "product", "list")
    assert quiet.exit_code == 0 and "warning" not in quiet.stderr


def test_misspelled_hook_and_argument_are_named(ac_install_plugin):
    ac_install_plugin("sloppy", MISSPELLED)
    loaded = make_plugin_manager()
    [info] = [i for i in loaded.infos if i.name == "sloppy"]
    assert info.status == "failed"
    text = " ".join(info.problems)
    assert "unknown hook 'register_prodcts' (did you mean 'register_products'?)" in text
    assert "hook 'check_customer' takes unknown argument(s) 'contxt'" in text
    assert loaded.pm.get_plugin("sloppy") is None
    with pytest.raises(PluginLoadError, match="register_prodcts"):
        make_plugin_manager(strict=True)


def test_a_hook_that_raises_names_plugin_and_hook_and_writes_nothing(team, customers):
    result = team(
        "--plugin",
        _write_module(RAISING),
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
    )
    assert result.exit_code == 1
    assert "failed in hook 'register_profile'" in result.stderr
    assert "RuntimeError: profile registry is down" in result.stderr
    assert customers() == []


_counter = iter(range(1000))


def _write_module(source):
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    path = folder / f"acc_dev_plugin_{next(_counter)}.py"
    path.write_text(source)
    return str(path)


def test_load_order_core_then_entry_points_by_name_then_development():
    loaded = make_plugin_manager(modules=[_write_module("x = 1\n")])
    names = [i.name for i in loaded.infos]
    assert names[0] == "core"
    assert names[1:4] == ["securities", "telecom", "wealth"]
    assert names[-1].startswith("acc_dev_plugin_")


def test_facade_tags_results_and_names_both_plugins_of_a_clash(ac_install_plugin):
    ac_install_plugin(
        "copycat",
        """
        from accountcore import Product, hookimpl

        @hookimpl
        def register_products():
            return [Product("telecom.broadband", "Our broadband", "telecom", "broadband")]
    """,
    )
    hooks = Hooks(make_plugin_manager())
    with pytest.raises(PluginError) as caught:
        hooks.products  # noqa: B018
    message = str(caught.value)
    assert "telecom.broadband" in message
    assert "'copycat'" in message and "'telecom'" in message


def test_facade_refuses_results_of_the_wrong_type(ac_install_plugin):
    ac_install_plugin(
        "sloppy",
        """
        from accountcore import hookimpl

        @hookimpl
        def register_products():
            return ["telecom.basic"]
    """,
    )
    with pytest.raises(PluginError, match="expected Product values"):
        Hooks(make_plugin_manager()).products  # noqa: B018


def test_trace_logs_hook_calls(ac_cli, monkeypatch, caplog):
    import logging

    monkeypatch.setenv("ACCOUNTCORE_TRACE_PLUGINS", "1")
    with caplog.at_level(logging.DEBUG, logger="accountcore._plugins.manager"):
        ac_cli("product", "list", check=True)
    assert any("call register_products" in r.getMessage() for r in caplog.records)
