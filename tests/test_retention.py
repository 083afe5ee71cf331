"""Retention: the plugins' signals merged per customer, ranked, filtered, in scope."""

import pytest
from conftest import out_json

from accountcore import Customer, CustomerKind, Reason, RetentionSignal, Tier
from accountcore._app import App
from accountcore._errors import PluginError
from accountcore._services.retention import merge_signals, rank_risks

TELECOM_RISK = [
    "--set",
    "telecom.contract=month-to-month",
    "--set",
    "telecom.competitor_contact=true",
]
SECURITIES_RISK = ["--set", "securities.last_trade_date=2026-08-01"]


@pytest.fixture
def book(team, ac_book_once):
    def build():
        def add(name, manager, *options):
            team(
                "customer",
                "add",
                "--name",
                name,
                "--kind",
                "individual",
                "--tier",
                "b",
                "--manager",
                manager,
                *options,
                check=True,
            )

        add("Both", "m1", *TELECOM_RISK, *SECURITIES_RISK)  # c-1: 0.40 + 0.25
        add("Telecom", "m1", *TELECOM_RISK)  # c-2: 0.40
        add("Quiet", "m2", "--set", "telecom.contract=two-year")  # c-3: nothing
        add("Trader", "m2", *SECURITIES_RISK)  # c-4: 0.25

    ac_book_once(build)
    return team


def risks(cli, *options, actor=()):
    result = cli(*actor, "retention", "risks", *options, "--format", "json")
    assert result.exit_code == 0, result.output
    return out_json(result)


def test_signals_of_several_plugins_add_up_in_one_ranked_list(book):
    ranked = risks(book)
    assert [(r["customer"], r["score"]) for r in ranked] == [
        ("c-1", 0.65),
        ("c-2", 0.4),
        ("c-4", 0.25),
    ]
    first = ranked[0]
    assert (first["manager"], first["plugin"], first["responsibility"]) == ("m1", None, "retention")
    # Heaviest first; equal weights in plugin order (core, then by entry-point name).
    assert [(r["rule"], r["weight"], r["plugin"]) for r in first["reasons"]] == [
        ("securities.no-trade", 0.25, "securities"),
        ("telecom.competitor-contact", 0.25, "telecom"),
        ("telecom.month-to-month", 0.15, "telecom"),
    ]


def test_min_score_limit_and_scope(book):
    assert [r["customer"] for r in risks(book, "--min-score", "0.4")] == ["c-1", "c-2"]
    assert [r["customer"] for r in risks(book, "--limit", "1")] == ["c-1"]
    assert [r["customer"] for r in risks(book, actor=("--as", "m2"))] == ["c-4"]
    assert [r["customer"] for r in risks(book, "--manager", "m1")] == ["c-1", "c-2"]
    bad = book("retention", "risks", "--min-score", "1.5")
    assert bad.exit_code == 2 and "--min-score" in bad.stderr


def test_the_table_gives_the_reasons_in_words(book):
    table = book("retention", "risks", "--min-score", "0.5", check=True).stdout
    assert "c-1" in table and "no trade for 114 days" in table and "c-2" not in table


def customer(number):
    return Customer(f"c-{number}", "X", CustomerKind.INDIVIDUAL, Tier.B, "m1")


def signal(number, score, plugin, rule="x.y"):
    return RetentionSignal(f"c-{number}", score, (Reason(rule, score, "why"),), plugin=plugin)


def test_a_plugins_signal_scores_the_sum_of_its_reasons_capped_at_one():
    reasons = [Reason("x.a", 0.25, "a"), Reason("x.b", 0.15, "b")]
    assert RetentionSignal.from_reasons("c-1", reasons).score == 0.4
    assert RetentionSignal.from_reasons("c-1", reasons * 3).score == 1.0


def test_the_merged_score_is_capped_at_one():
    [merged] = merge_signals([customer(1)], [signal(1, 0.95, "telecom"), signal(1, 0.5, "wealth")])
    assert merged.score == 1.0
    assert [r.plugin for r in merged.reasons] == ["telecom", "wealth"]


def test_a_score_outside_the_contract_names_its_plugin():
    with pytest.raises(PluginError, match=r"a score of 1\.5 for c-1: expected 0 to 1") as caught:
        merge_signals([customer(1)], [signal(1, 1.5, "odd")])
    assert (caught.value.plugin, caught.value.hook) == ("odd", "retention_signals")


STRAY = """
from accountcore import Reason, RetentionSignal, hookimpl

@hookimpl
def retention_signals(customers):
    return [RetentionSignal("c-999", 0.5, (Reason("stray.always", 0.5, "elsewhere"),))]
"""


def test_a_signal_for_a_customer_outside_the_batch_names_its_plugin(
    book, tmp_path, ac_book, ac_today
):
    path = tmp_path / "stray_signals.py"
    path.write_text(STRAY)
    app = App(str(ac_book), today=ac_today, plugin_modules=[str(path)])
    with pytest.raises(PluginError, match="'c-999', who is not in the batch") as caught:
        rank_risks(app, min_score=0.1)
    assert (caught.value.plugin, caught.value.hook) == ("stray_signals", "retention_signals")
    app.close()


LOUD = """
from accountcore import Reason, RetentionSignal, hookimpl

@hookimpl
def retention_signals(customers):
    return [RetentionSignal(c.id, 0.3, (Reason("loud.always", 0.3, "always worried"),))
            for c in customers if c.tier.value == "b"]
"""


def test_a_third_party_plugin_joins_the_ranking(book, tmp_path, ac_book, ac_today):
    path = tmp_path / "loud_signals.py"
    path.write_text(LOUD)
    app = App(str(ac_book), today=ac_today, plugin_modules=[str(path)])
    ranked = rank_risks(app, min_score=0.5)
    assert [(s.customer, s.score) for s in ranked] == [("c-1", 0.95), ("c-2", 0.7), ("c-4", 0.55)]
    assert ranked[0].reasons[0] == Reason("loud.always", 0.3, "always worried", "loud_signals")
    app.close()
