"""Disabling plugins: for one command, or for a book in its config; `plugins list` says which."""

import sqlite3
import sys

from conftest import out_json

RAISING_PROFILE = """
from accountcore import hookimpl

@hookimpl
def register_profile():
    raise RuntimeError("profile registry is down")
"""


def listed(ac_cli, *options):
    shown = ac_cli(*options, "plugins", "list", "--format", "json", check=True)
    return {p["name"]: p for p in out_json(shown)}


def test_list_gives_load_order_hooks_and_products(ac_cli):
    plugins = listed(ac_cli)
    assert [(name, p["order"]) for name, p in plugins.items()] == [
        ("core", 1),
        ("securities", 2),
        ("telecom", 3),
        ("wealth", 4),
    ]
    telecom = plugins["telecom"]
    expected = {
        "register_products",
        "register_profile",
        "register_responsibilities",
        "register_settings",
        "check_agreement",
        "check_customer",
    }
    assert expected <= set(telecom["hooks"])
    assert "telecom.plan.basic" in telecom["products"]
    assert telecom["note"] == ""
    off = listed(ac_cli, "--disable-plugin", "securities")["securities"]
    assert (off["order"], off["status"]) == (None, "disabled")
    assert off["note"] == "disabled for this command (--disable-plugin)"


def test_a_plugin_disabled_in_the_book_is_not_imported(ac_cli, monkeypatch):
    result = ac_cli("plugins", "disable", "accountcore-telecom", check=True)
    assert result.stdout == "disabled accountcore-telecom in the book; disabled plugins: telecom\n"
    monkeypatch.delitem(sys.modules, "accountcore_telecom", raising=False)
    products = out_json(ac_cli("product", "list", "--format", "json", check=True))
    assert not any(p["industry"] == "telecom" for p in products)
    assert "accountcore_telecom" not in sys.modules
    telecom = listed(ac_cli)["telecom"]
    assert telecom["status"] == "disabled"
    assert telecom["note"] == "disabled in the book's config: `accountcore plugins enable telecom`"
    settings = out_json(ac_cli("config", "show", "core", "--format", "json", check=True))
    assert {s["key"]: s["value"] for s in settings}["core.disabled_plugins"] == ["telecom"]
    ac_cli("plugins", "enable", "telecom", check=True)
    assert listed(ac_cli)["telecom"]["status"] == "loaded"


def test_config_set_disables_too(ac_cli):
    ac_cli("config", "set", "core.disabled_plugins", "wealth,securities", check=True)
    statuses = {name: p["status"] for name, p in listed(ac_cli).items()}
    assert statuses == {
        "core": "loaded",
        "securities": "disabled",
        "telecom": "loaded",
        "wealth": "disabled",
    }


def test_a_plugin_too_broken_to_load_can_be_disabled_in_the_book(team, ac_install_plugin):
    ac_install_plugin("broken", RAISING_PROFILE)
    add = (
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
    failed = team(*add)
    assert failed.exit_code == 1
    assert "plugin 'broken' failed in hook 'register_profile'" in failed.stderr
    assert "`accountcore plugins disable broken`" in failed.stderr
    team("plugins", "disable", "broken", check=True)
    team(*add, check=True)
    assert listed(team)["broken"]["status"] == "disabled"


def test_disabling_is_audited(ac_cli, ac_app):
    ac_cli("plugins", "disable", "wealth", check=True)
    ac_cli("plugins", "disable", "telecom", check=True)
    ac_cli("plugins", "enable", "wealth", check=True)
    events = list(ac_app.store.iter_events("core.disabled_plugins"))
    assert [(e.action, e.after) for e in events] == [
        ("plugin.disable", {"value": ["wealth"], "plugin": "wealth"}),
        ("plugin.disable", {"value": ["telecom", "wealth"], "plugin": "telecom"}),
        ("plugin.enable", {"value": ["telecom"], "plugin": "wealth"}),
    ]


def test_disable_and_enable_refuse_what_they_cannot_do(ac_cli):
    core = ac_cli("plugins", "disable", "core")
    assert core.exit_code == 2 and "the core cannot be disabled" in core.stderr
    unknown = ac_cli("plugins", "disable", "insurance")
    assert unknown.exit_code == 2
    assert (
        "no installed plugin is named 'insurance': installed plugins are securities,"
        " telecom, wealth" in unknown.stderr
    )
    enable = ac_cli("plugins", "enable", "telecom")
    assert enable.exit_code == 2
    assert "the book does not disable 'telecom' (it disables: none)" in enable.stderr


def test_the_disabled_list_is_read_as_the_converter_reads_it(ac_cli, ac_book):
    with sqlite3.connect(ac_book) as con:
        con.execute("INSERT INTO config VALUES ('core.disabled_plugins', '\"telecom, wealth\"')")
    statuses = {name: p["status"] for name, p in listed(ac_cli).items()}
    assert statuses["telecom"] == statuses["wealth"] == "disabled"
    with sqlite3.connect(ac_book) as con:
        con.execute("UPDATE config SET value = '42' WHERE key = 'core.disabled_plugins'")
    # Not names at all: ignored when loading; the core's settings name the bad value.
    assert listed(ac_cli)["telecom"]["status"] == "loaded"
    shown = ac_cli("config", "set", "core.visit_days_vip", "20")
    assert shown.exit_code == 2 and "core.disabled_plugins" in shown.stderr
    ac_cli("config", "unset", "core.disabled_plugins", check=True)


def test_the_disabled_list_is_peeked_without_opening_the_book(store, location, tmp_path):
    from accountcore._store import peek_config

    assert peek_config(location, "core.disabled_plugins") is None
    store.set_config("core.disabled_plugins", ["telecom"])
    assert peek_config(location, "core.disabled_plugins") == ["telecom"]
    missing = tmp_path / "missing.db"
    assert peek_config(str(missing), "core.disabled_plugins") is None
    assert not missing.exists()
    (tmp_path / "notes.txt").write_text("not a book\n")
    assert peek_config(str(tmp_path / "notes.txt"), "core.disabled_plugins") is None
    assert (tmp_path / "notes.txt").read_text() == "not a book\n"
