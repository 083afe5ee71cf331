"""Every hook of the contract, called through the typed facade on a real book."""

import click
import pytest

from accountcore import (
    Agreement,
    CareAction,
    Channel,
    Customer,
    CustomerKind,
    Finding,
    RetentionSignal,
    Severity,
    Tier,
)
from accountcore._app import App
from accountcore._errors import PluginError

EVERY_HOOK = """
import attrs
from accountcore import (CareAction, Channel, Finding, Reason, Responsibility, RetentionSignal,
                         Severity, hookimpl)

@attrs.frozen
class Settings:
    interval: int = 21

@hookimpl
def register_settings():
    return Settings

@hookimpl
def register_responsibilities():
    return [Responsibility("claims", "Claims handling")]

@hookimpl
def check_agreement(customer, product, context):
    return [Finding("every.agreement", Severity.WARN, f"{customer.id} {product.code}")]

@hookimpl
def check_customer(customer):
    return [Finding("every.customer", Severity.INFO, customer.name)]

@hookimpl
def care_due(customers, context):
    return [CareAction("every.care", c.id, Channel.SMS, "hello", context.today, "2026")
            for c in customers]

@hookimpl
def retention_signals(customers):
    return [RetentionSignal(c.id, 0.4, (Reason("every.signal", 0.4, "quiet"),))
            for c in customers]

@hookimpl
def visit_policy(customer, context):
    return context.settings.interval if customer.tier.value == "vip" else None

SEEN = []

@hookimpl
def on_event(event):
    SEEN.append(event.action)

@hookimpl
def register_commands(cli):
    import click

    @cli.command("every-hello")
    def hello():
        click.echo("hello from a plugin")
"""


@pytest.fixture
def every(tmp_path, ac_book, ac_today):
    path = tmp_path / "every_hook_plugin.py"
    path.write_text(EVERY_HOOK)
    app = App(str(ac_book), today=ac_today, plugin_modules=[str(path)])
    yield app
    app.close()


CHEN = Customer("c-1", "Chen", CustomerKind.INDIVIDUAL, Tier.VIP, "m1")
ZHAO = Customer("c-2", "Zhao", CustomerKind.INDIVIDUAL, Tier.C, "m1")


def test_check_agreement_and_check_customer(every):
    product = every.hooks.products["telecom.plan.basic"]
    agreement = Agreement("a-1", "c-1", product.code, "m1")
    findings = every.hooks.check_agreement(CHEN, agreement, product)
    [finding] = [f for f in findings if f.plugin == "every_hook_plugin"]
    assert finding == Finding(
        "every.agreement", Severity.WARN, "c-1 telecom.plan.basic", plugin="every_hook_plugin"
    )
    assert [f.message for f in every.hooks.check_customer(ZHAO)] == ["Zhao"]


def test_care_and_retention_get_batches(every, ac_today):
    actions = every.hooks.care_due([CHEN, ZHAO])
    assert all(isinstance(a, CareAction) for a in actions)
    assert [(a.customer, a.due, a.channel, a.plugin) for a in actions] == [
        ("c-1", ac_today, Channel.SMS, "every_hook_plugin"),
        ("c-2", ac_today, Channel.SMS, "every_hook_plugin"),
    ]
    signals = every.hooks.retention_signals([CHEN])
    assert signals == [RetentionSignal("c-1", 0.4, signals[0].reasons, plugin="every_hook_plugin")]


def test_visit_policy_first_answer_with_the_plugins_settings(every):
    assert every.hooks.visit_policy(CHEN) == 21
    assert every.hooks.visit_policy(ZHAO) is None
    every.store.set_config("every_hook_plugin.interval", 14)
    fresh = every.evolve()
    assert fresh.hooks.visit_policy(CHEN) == 14
    fresh.close()


def test_settings_and_responsibilities(every):
    assert every.settings["core"].visit_days_vip == 30
    assert every.settings["every_hook_plugin"].interval == 21
    catalogue = every.hooks.responsibilities
    assert catalogue["claims"].plugin == "every_hook_plugin"
    assert catalogue["care"].plugin == "core"
    assert len([r for r in catalogue.values() if r.plugin == "core"]) == 13


def test_on_event_and_register_commands(every):
    import sys

    from accountcore._services.audit import record

    record(every, "customer.add", "customer", "c-1")  # no transaction open: told at once
    assert sys.modules["every_hook_plugin"].SEEN == ["customer.add"]
    group = click.Group()
    every.hooks.register_commands(group)
    assert "every-hello" in group.commands


def test_plugin_commands_run_from_the_cli(ac_cli, tmp_path):
    path = tmp_path / "every_hook_cli.py"
    path.write_text(EVERY_HOOK)
    result = ac_cli("--plugin", str(path), "every-hello")
    assert result.exit_code == 0, result.output
    assert result.stdout == "hello from a plugin\n"


def test_an_exception_in_a_rule_names_plugin_and_hook(tmp_path, ac_book, ac_today):
    path = tmp_path / "raising_rules.py"
    path.write_text(
        "from accountcore import hookimpl\n"
        "@hookimpl\n"
        "def care_due(customers):\n"
        "    raise ZeroDivisionError('bad rule')\n"
    )
    app = App(str(ac_book), today=ac_today, plugin_modules=[str(path)])
    with pytest.raises(PluginError) as caught:
        app.hooks.care_due([CHEN])
    assert caught.value.plugin == "raising_rules"
    assert caught.value.hook == "care_due"
    assert "ZeroDivisionError: bad rule" in str(caught.value)
    app.close()


def test_settings_a_book_cannot_structure_are_reported(every):
    from accountcore._errors import BadInput

    every.store.set_config("core.visit_days_vip", "soon")
    with pytest.raises(BadInput, match=r"core\.visit_days_vip: expected a whole number"):
        every.evolve().settings  # noqa: B018


FINDS = """
from accountcore import Finding, Severity, hookimpl

@hookimpl
def check_customer(customer):
    return [Finding("{name}.kyc", Severity.BLOCK, "kyc overdue for " + customer.id)]

@hookimpl
def check_agreement(product):
    return [Finding("{name}.fit", Severity.WARN, "check " + product.code)]
"""

RAISES = """
from accountcore import hookimpl

@hookimpl
def check_customer(customer):
    raise KeyError("{name} lost its table")

@hookimpl
def check_agreement(customer):
    return ["not a finding"]
"""


def test_one_plugins_exception_never_hides_another_plugins_findings(ac_install_plugin, ac_app):
    # Entry points load by name: aaa fails before mmm is heard, nnn after it.
    ac_install_plugin("aaa", RAISES.format(name="aaa"))
    ac_install_plugin("mmm", FINDS.format(name="mmm"))
    ac_install_plugin("nnn", RAISES.format(name="nnn"))
    app = ac_app.evolve()
    with pytest.raises(PluginError) as caught:
        app.hooks.check_customer(ZHAO)
    error = caught.value
    assert (error.plugin, error.hook) == ("aaa", "check_customer")
    assert [(f.plugin, f.hook) for f in error.failures] == [
        ("aaa", "check_customer"),
        ("nnn", "check_customer"),
    ]
    assert [(f.rule, f.plugin) for f in error.results if f.plugin == "mmm"] == [("mmm.kyc", "mmm")]
    message = str(error)
    assert "plugin 'aaa' failed in hook 'check_customer': KeyError" in message
    assert "plugin 'nnn' failed in hook 'check_customer'" in message
    assert "--disable-plugin aaa --disable-plugin nnn" in message
    product = app.hooks.products["telecom.plan.basic"]
    agreement = Agreement("a-1", "c-2", product.code, "m1")
    with pytest.raises(PluginError, match="expected Finding values") as caught:
        app.hooks.check_agreement(ZHAO, agreement, product)
    assert [f.rule for f in caught.value.results if f.plugin == "mmm"] == ["mmm.fit"]
    assert {f.plugin for f in caught.value.failures} == {"aaa", "nnn"}
    app.close()


def test_without_a_failure_rules_return_every_finding(ac_install_plugin, ac_app):
    ac_install_plugin("mmm", FINDS.format(name="mmm"))
    ac_install_plugin("ppp", FINDS.format(name="ppp"))
    app = ac_app.evolve()
    assert [f.plugin for f in app.hooks.check_customer(ZHAO)] == ["mmm", "ppp"]
    app.close()


SHAPES = """
from accountcore import CareAction, Channel, Finding, Severity, hookimpl

@hookimpl
def check_customer(customer, context=None):
    return (Finding("shapes.seen", Severity.INFO, f"{customer.id} {context.today}") for _ in "ab")

@hookimpl
def check_agreement(product):
    return None

@hookimpl
def care_due(customers, context):
    return CareAction("shapes.one", customers[0].id, Channel.SMS, "one", context.today, "2026")
"""


def test_a_plugin_answers_the_same_called_directly_or_through_pluggy(
    tmp_path, ac_book, ac_today, monkeypatch
):
    # Traced, every call goes through pluggy (each one logged); else the facade calls each
    # implementation itself: the same arguments (a defaulted one given), the same answers.
    path = tmp_path / "shapes.py"
    path.write_text(SHAPES)
    answers = []
    for traced in ("0", "1"):
        monkeypatch.setenv("ACCOUNTCORE_TRACE_PLUGINS", traced)
        app = App(str(ac_book), today=ac_today, plugin_modules=[str(path)])
        assert app.plugins.traced is (traced == "1")
        product = app.hooks.products["telecom.plan.basic"]
        agreement = Agreement("a-1", "c-1", product.code, "m1")
        answers.append(
            (
                [f for f in app.hooks.check_customer(CHEN) if f.plugin == "shapes"],
                [
                    f
                    for f in app.hooks.check_agreement(CHEN, agreement, product)
                    if f.plugin == "shapes"
                ],
                [a for a in app.hooks.care_due([CHEN, ZHAO]) if a.plugin == "shapes"],
            )
        )
        app.close()
    assert answers[0] == answers[1]
    seen, signed, [action] = answers[0]
    assert [f.message for f in seen] == [f"c-1 {ac_today}"] * 2
    assert signed == []
    assert (action.rule, action.customer, action.plugin) == ("shapes.one", "c-1", "shapes")
