"""A care list that stays true: the batch lapses what its rule no longer finds, expires what is
past its period, makes the right one instead; a look ahead records nothing."""

import datetime as dt

import pytest
from conftest import book_state, out_json

from accountcore._services.care import due_until

TODAY = "2026-11-23"  # the suite's day, before the real date: the batch records


@pytest.fixture
def book(team):
    """s1 supervises m1 and m2 (from the ``team`` fixture)."""
    return team


def add(cli, name, *options, tier="b", birthday=None):
    born = ["--birthday", birthday] if birthday else []
    result = cli(
        "customer",
        "add",
        "--name",
        name,
        "--kind",
        "individual",
        "--tier",
        tier,
        "--manager",
        "m1",
        *born,
        *options,
        check=True,
    )
    return result.stdout.split()[2]


def due(cli, *options, today=TODAY, rule=None):
    only = ["--rule", rule] if rule else []
    result = cli("--today", today, *options, "care", "due", *only, "--format", "json")
    assert result.exit_code == 0, result.output
    return out_json(result)


def listed(cli, status, customer=None):
    only = ["--customer", customer] if customer else []
    result = cli("care", "list", "--status", status, *only, "--format", "json", check=True)
    return out_json(result)


def update(cli, customer, *options, today=TODAY):
    cli("--today", today, "customer", "update", customer, *options, check=True)


def events(cli, action):
    return [e for e in out_json(cli("audit", "log", "--format", "json")) if e["action"] == action]


TELECOM = ("--set", "telecom.msisdn=13800000011", "--set", "telecom.real_name_verified=true")


def one(actions, customer, rule):
    return [a for a in actions if a["customer"] == customer and a["rule"] == rule]


def test_a_paid_debt_lapses_its_reminder_with_the_reason_and_an_audit_event(book):
    owes = ("--set", "telecom.arrears_amount=156.00", "--set", "telecom.arrears_since=2026-11-10")
    sun = add(book, "Sun", *TELECOM, *owes)
    [reminder] = one(due(book), sun, "telecom.arrears-reminder")
    update(book, sun, "--set", "telecom.arrears_amount=0")
    assert one(due(book), sun, "telecom.arrears-reminder") == []
    [lapsed] = listed(book, "lapsed", sun)
    reason = f"telecom.arrears-reminder: the rule no longer finds it due on {TODAY}"
    assert (lapsed["id"], lapsed["note"], lapsed["closed_on"]) == (reminder["id"], reason, TODAY)
    [event] = events(book, "care.lapsed")
    assert (event["entity_id"], event["reason"]) == (reminder["id"], reason)
    assert (event["before"]["status"], event["after"]["status"]) == ("due", "lapsed")
    assert book("audit", "verify").exit_code == 0


@pytest.mark.parametrize("end", ["2027-12-10", "2026-11-20"])  # renewed; ended early
def test_a_contract_renewed_or_ended_lapses_its_end_notice(book, end):
    lin = add(book, "Lin", *TELECOM, "--set", "telecom.contract_end=2026-12-10")
    assert one(due(book), lin, "telecom.contract-end")
    update(book, lin, "--set", f"telecom.contract_end={end}")
    assert one(due(book), lin, "telecom.contract-end") == []
    [lapsed] = listed(book, "lapsed", lin)
    assert lapsed["period"] == "2026-12-10"
    assert "no longer finds it due" in lapsed["note"]


def test_a_contract_end_notice_expires_after_the_contract_end(book):
    lin = add(book, "Lin", *TELECOM, "--set", "telecom.contract_end=2026-11-25")
    [notice] = one(due(book), lin, "telecom.contract-end")
    assert notice["expires_on"] == "2026-11-25"
    assert one(due(book, today="2026-11-26"), lin, "telecom.contract-end") == []
    [expired] = listed(book, "expired", lin)
    assert expired["note"] == "telecom.contract-end: its period ended on 2026-11-25"
    assert [e["entity_id"] for e in events(book, "care.expired")] == [notice["id"]]


@pytest.mark.parametrize(
    ("field", "dated", "renewed", "rule"),
    [
        ("wealth.questionnaire_date", "2025-12-01", "2026-11-20", "wealth.questionnaire-expiry"),
        ("securities.kyc_date", "2025-11-01", "2026-11-20", "securities.kyc-due"),
    ],
)
def test_a_renewed_questionnaire_or_review_lapses_its_reminder(book, field, dated, renewed, rule):
    wu = add(book, "Wu", "--set", f"{field}={dated}")
    assert one(due(book), wu, rule)
    update(book, wu, "--set", f"{field}={renewed}")
    assert one(due(book), wu, rule) == []
    assert [a["rule"] for a in listed(book, "lapsed", wu)] == [rule]


def test_a_churned_customer_s_actions_lapse(book):
    chen = add(book, "Chen", birthday="1980-11-23")
    [wish] = due(book)
    update(book, chen, "--status", "churned")
    assert due(book) == []
    [lapsed] = listed(book, "lapsed")
    assert (lapsed["id"], lapsed["note"]) == (wish["id"], f"core.birthday: {chen} has churned")


def test_a_corrected_birthday_lapses_the_wrong_wish_and_makes_the_right_one(book):
    chen = add(book, "Chen", birthday="1980-11-23")
    [wrong] = due(book)
    update(book, chen, "--birthday", "1980-11-20")  # the same year: the same period
    [right] = due(book)
    assert right["id"] != wrong["id"]
    assert (right["due"], right["period"], right["expires_on"]) == (
        "2026-11-20",
        "2026",
        "2026-11-27",
    )
    [lapsed] = listed(book, "lapsed")
    assert lapsed["id"] == wrong["id"]
    assert lapsed["note"] == (
        f"core.birthday: the rule no longer finds it due on {TODAY} (it finds it due on 2026-11-20"
        " instead)"
    )
    assert due(book) == [right]  # once: the batch run again changes nothing


def test_a_birthday_corrected_to_a_later_day_is_wished_on_that_day(book):
    chen = add(book, "Chen", birthday="1980-11-23")
    due(book)
    update(book, chen, "--birthday", "1980-11-28")
    assert due(book) == []
    [wish] = due(book, today="2026-11-28")
    assert (wish["due"], wish["period"]) == ("2026-11-28", "2026")
    assert len(listed(book, "lapsed")) == 1


def test_last_year_s_birthday_wish_expires_and_this_year_s_is_made(book):
    add(book, "Chen", birthday="1980-11-23")
    [last] = due(book, today="2025-11-23")
    [this] = due(book)
    assert (this["period"], this["due"]) == ("2026", TODAY)
    [expired] = listed(book, "expired")
    assert (expired["id"], expired["note"]) == (
        last["id"],
        "core.birthday: its period ended on 2025-11-30",
    )
    assert listed(book, "due") == [this]


def test_care_run_counts_what_it_closed(book):
    chen = add(book, "Chen", birthday="1980-11-23")
    book("--today", TODAY, "care", "run", check=True)
    update(book, chen, "--birthday", "1980-10-01")
    result = book("--today", TODAY, "care", "run", check=True)
    assert "0 new actions, 1 lapsed;" in result.stdout
    assert result.stderr == ""


def ahead(days):
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


def test_a_look_ahead_records_nothing_and_says_so(book, ac_book):
    owes = ("--set", "telecom.arrears_amount=156.00", "--set", "telecom.arrears_since=2026-11-10")
    sun = add(book, "Sun", *TELECOM, *owes)
    due(book)
    update(book, sun, "--set", "telecom.arrears_amount=0")
    day = dt.date.today() + dt.timedelta(days=70)
    add(book, "Ahead", birthday=f"1980-{day:%m-%d}")
    before = book_state(ac_book)
    result = book("--today", day.isoformat(), "care", "due", "--format", "json", check=True)
    assert f"looking ahead to {day}: nothing recorded" in result.stderr
    shown = out_json(result)
    # The paid debt's reminder, stored and due, is not shown; the birthday would be made.
    assert [(a["rule"], a["id"], a["due"]) for a in shown] == [
        ("core.birthday", None, day.isoformat())
    ]
    run = book("--today", day.isoformat(), "care", "run", check=True)
    assert "looking ahead" in run.stderr
    assert "1 new actions (core.birthday 1), 1 lapsed;" in run.stdout
    assert book_state(ac_book) == before


def test_the_whole_book_s_batch_is_not_run_again_the_same_day(book):
    add(book, "Chen", birthday="1980-11-23")
    first = due(book)
    [run] = events(book, "care.run")
    assert (run["entity_id"], run["after"]["created"]) == (TODAY, 1)
    assert due(book) == first
    assert len(events(book, "care.run")) == 1  # read, not run again: nothing written
    zhao = add(book, "Zhao", birthday="1980-11-23")  # the book changed: the batch runs
    assert [a["customer"] for a in due(book)][-1] == zhao
    assert book("audit", "verify").exit_code == 0


def test_due_until_adds_the_days_ahead_and_records_them_only_up_to_the_real_date(
    book, ac_app, ac_book
):
    add(book, "Today", birthday="1980-11-23")
    add(book, "Soon", birthday="1980-11-26")
    looked, actions = due_until(ac_app, dt.date(2026, 11, 27))
    assert looked is False
    assert [(a.due.isoformat(), a.id is None) for a in actions] == [
        ("2026-11-23", False),  # today's: the batch recorded it
        ("2026-11-26", True),  # in three days: computed, not recorded
    ]
    before = book_state(ac_book)
    looked, actions = due_until(ac_app, dt.date.today() + dt.timedelta(days=7))
    assert looked is True and len(list(actions)) == 2
    assert book_state(ac_book) == before


VIP_RULE = """
import datetime as dt
from accountcore import CareAction, Channel, Tier, hookimpl

@hookimpl
def care_due(customers, context):
    return [
        CareAction("mine.vip", c.id, Channel.SMS, "thank him", context.today, "always"{expires})
        for c in customers
        if c.tier is Tier.VIP
    ]
"""


def test_a_plugin_s_action_lapses_only_when_its_plugin_is_asked(book, tmp_path):
    path = tmp_path / "mine.py"
    path.write_text(VIP_RULE.format(expires=""))
    chen = add(book, "Chen", tier="vip")
    [action] = due(book, "--plugin", str(path), rule="mine.vip")
    update(book, chen, "--tier", "b")
    assert due(book, rule="mine.vip") == [action]  # not loaded: not asked, still due
    assert due(book, "--plugin", str(path), rule="mine.vip") == []
    assert [a["id"] for a in listed(book, "lapsed")] == [action["id"]]


def test_an_action_expiring_before_it_is_due_is_a_wrong_answer(book, tmp_path, ac_book):
    path = tmp_path / "mine.py"
    path.write_text(VIP_RULE.format(expires=", expires_on=context.today - dt.timedelta(days=1)"))
    add(book, "Chen", tier="vip")
    before = book_state(ac_book)
    result = book("--plugin", str(path), "care", "due")
    assert result.exit_code == 1
    assert "mine" in result.stderr and "expires_on, when given, not before due" in result.stderr
    assert book_state(ac_book) == before
