"""`accountcore config show | set | unset`: plugin settings per book, checked and audited."""

from conftest import out_json

from accountcore._app import App


def settings_by_key(ac_cli, *args, options=()):
    shown = ac_cli(*options, "config", "show", *args, "--format", "json", check=True)
    return {s["key"]: s for s in out_json(shown)}


def test_show_gives_every_plugins_defaults(ac_cli):
    shown = settings_by_key(ac_cli)
    assert shown["telecom.max_lines_per_id"] == {
        "key": "telecom.max_lines_per_id",
        "plugin": "telecom",
        "field": "max_lines_per_id",
        "value": 5,
        "default": 5,
        "overridden": False,
        "note": "",
    }
    assert shown["core.disabled_plugins"]["value"] == []
    assert shown["wealth.questionnaire_valid_days"]["plugin"] == "wealth"
    assert {s["plugin"] for s in shown.values()} == {"core", "securities", "telecom", "wealth"}
    only = settings_by_key(ac_cli, "securities")
    assert {s["plugin"] for s in only.values()} == {"securities"}


def test_set_is_checked_stored_as_plain_data_and_used_by_hooks(ac_cli, ac_book, ac_today):
    result = ac_cli("config", "set", "telecom.max_lines_per_id", "6", check=True)
    assert result.stdout == "set telecom.max_lines_per_id = 6 (default 5)\n"
    ac_cli("config", "set", "telecom.plan_fit_ratio", "1.35", check=True)
    ac_cli("config", "set", "telecom.contract_end_phone_tiers", "vip,a,b", check=True)
    shown = settings_by_key(ac_cli, "telecom")
    assert shown["telecom.max_lines_per_id"]["value"] == 6
    assert shown["telecom.max_lines_per_id"]["overridden"] is True
    assert shown["telecom.plan_fit_ratio"]["value"] == "1.35"
    assert shown["telecom.contract_end_phone_tiers"]["value"] == ["vip", "a", "b"]
    app = App(str(ac_book), today=ac_today)
    settings = app.settings["telecom"]
    assert settings.max_lines_per_id == 6
    assert [t.value for t in settings.contract_end_phone_tiers] == ["vip", "a", "b"]
    assert app.context("telecom").settings is settings
    app.close()


def test_unknown_plugin_unknown_field_and_bad_value_are_refused(ac_cli):
    unknown = ac_cli("config", "set", "insurance.grace_days", "10")
    assert unknown.exit_code == 2
    assert (
        "unknown plugin 'insurance': the plugins with settings are core, securities,"
        " telecom, wealth" in unknown.stderr
    )
    field = ac_cli("config", "set", "telecom.grace_days", "10")
    assert field.exit_code == 2
    assert "telecom.grace_days: the telecom settings have no field 'grace_days'" in field.stderr
    bad = ac_cli("config", "set", "telecom.max_lines_per_id", "many")
    assert bad.exit_code == 2
    assert "telecom.max_lines_per_id: expected a whole number, got 'many'" in bad.stderr
    tier = ac_cli("config", "set", "telecom.anniversary_tiers", "vip,gold")
    assert tier.exit_code == 2 and "telecom.anniversary_tiers" in tier.stderr
    no_dot = ac_cli("config", "set", "telecom", "1")
    assert no_dot.exit_code == 2 and "expected PLUGIN.FIELD" in no_dot.stderr
    assert not any(s["overridden"] for s in settings_by_key(ac_cli).values())
    assert ac_cli("config", "show", "insurance").exit_code == 2


def test_unset_goes_back_to_the_default(ac_cli):
    ac_cli("config", "set", "core.visit_days_vip", "20", check=True)
    assert ac_cli("config", "unset", "core.visit_days_vip", check=True).stdout == (
        "unset core.visit_days_vip\n"
    )
    shown = settings_by_key(ac_cli, "core")["core.visit_days_vip"]
    assert (shown["value"], shown["overridden"]) == (30, False)
    again = ac_cli("config", "unset", "core.visit_days_vip", check=True)
    assert "was not overridden" in again.stdout
    assert ac_cli("config", "unset", "core.no_such_thing").exit_code == 2


def test_changes_are_audited(ac_cli, ac_app):
    ac_cli("config", "set", "wealth.questionnaire_valid_days", "400", check=True)
    ac_cli("config", "set", "wealth.questionnaire_valid_days", "500", check=True)
    ac_cli("config", "unset", "wealth.questionnaire_valid_days", check=True)
    events = list(ac_app.store.iter_events("wealth.questionnaire_valid_days"))
    assert [(e.action, e.entity, e.before, e.after) for e in events] == [
        ("config.set", "config", None, {"value": 400}),
        ("config.set", "config", {"value": 400}, {"value": 500}),
        ("config.unset", "config", {"value": 500}, None),
    ]
    assert {e.actor for e in events} == {"admin"}


def test_an_override_no_plugin_reads_is_shown_and_can_be_removed(ac_cli, ac_app):
    ac_cli("config", "set", "wealth.aum_drop_ratio", "0.2", check=True)
    ac_app.store.set_config("retired.grace_days", 3)
    shown = settings_by_key(ac_cli)
    assert shown["retired.grace_days"]["note"] == "its plugin is not loaded"
    disabled = settings_by_key(ac_cli, options=("--disable-plugin", "wealth"))
    assert disabled["wealth.aum_drop_ratio"]["note"] == "its plugin is not loaded"
    assert ac_cli("config", "unset", "retired.grace_days", check=True).stdout == (
        "unset retired.grace_days\n"
    )


def test_a_broken_override_is_named_and_can_be_fixed(ac_cli, ac_app):
    ac_app.store.set_config("telecom.max_lines_per_id", "lots")
    broken = ac_cli("config", "set", "telecom.warn_score", "0.6")
    assert broken.exit_code == 2
    assert "telecom.max_lines_per_id: expected a whole number, got 'lots'" in broken.stderr
    ac_cli("config", "set", "telecom.max_lines_per_id", "4", check=True)
    ac_cli("config", "set", "telecom.warn_score", "0.6", check=True)
