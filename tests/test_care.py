"""The daily care batch: the core's birthday rule, idempotence, consent, closing, scope."""

import pytest
from conftest import out_json

from accountcore._app import App
from accountcore._errors import PluginError
from accountcore._services.care import run_care


@pytest.fixture
def book(team):
    """s1 supervises m1 and m2 (from the ``team`` fixture)."""
    return team


def add(cli, name, *options, manager="m1", tier="b", birthday="1980-11-23"):
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
        manager,
        "--birthday",
        birthday,
        *options,
        check=True,
    )
    return result.stdout.split()[2]


def due(cli, *options, today=None):
    prefix = ["--today", today] if today else []
    result = cli(*prefix, *options, "care", "due", "--format", "json")
    assert result.exit_code == 0, result.output
    return out_json(result)


def rules(actions, customer=None):
    return sorted(a["rule"] for a in actions if customer in (None, a["customer"]))


def events(cli):
    return out_json(cli("audit", "log", "--format", "json"))


def test_a_birthday_by_tier_none_for_companies(book):
    vip = add(book, "Chen", tier="vip")
    c = add(book, "Xu", tier="c")
    book(
        "customer",
        "add",
        "--name",
        "Huaxin Co.",
        "--kind",
        "corporate",
        "--tier",
        "vip",
        "--manager",
        "m1",
        check=True,
    )
    found = {a["customer"]: a for a in due(book)}
    assert sorted(found) == [vip, c]
    assert (found[vip]["rule"], found[vip]["channel"]) == ("core.birthday", "phone")
    assert (found[c]["channel"], found[c]["due"], found[c]["period"]) == (
        "sms",
        "2026-11-23",
        "2026",
    )
    assert found[vip]["plugin"] == "core" and found[vip]["responsibility"] == "care"
    assert "46 on 2026-11-23" in found[vip]["message"]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2027-02-27", None),
        ("2027-02-28", "2027-02-28"),  # not a leap year: on the 28th
        ("2028-02-28", None),
        ("2028-02-29", "2028-02-29"),  # a leap year: on the day
    ],
)
def test_a_birthday_on_29_february(book, today, expected):
    leapling = add(book, "Leap", birthday="2000-02-29")
    found = [a for a in due(book, today=today) if a["customer"] == leapling]
    assert [a["due"] for a in found] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("birthday", "made"), [("1980-11-16", True), ("1980-11-15", False), ("1980-11-24", False)]
)
def test_a_birthday_the_batch_missed_is_made_up_to_seven_days_late(book, birthday, made):
    customer = add(book, "Late", birthday=birthday)
    assert rules(due(book), customer) == (["core.birthday"] if made else [])


def test_a_birthday_late_across_new_year(book):
    customer = add(book, "Eve", birthday="1980-12-30")
    [action] = due(book, today="2027-01-03")
    assert (action["customer"], action["due"], action["period"]) == (customer, "2026-12-30", "2026")


def test_the_batch_run_twice_creates_nothing_and_done_stays_done(book):
    chen = add(book, "Chen", tier="vip")
    first = due(book)
    count = len(events(book))
    assert due(book) == first
    assert len(events(book)) == count  # nothing new, nothing written
    [action] = first
    book("care", "done", action["id"], "--note", "called, wished him well", check=True)
    assert due(book) == []
    assert due(book, today="2026-11-25") == []  # still inside the late window: not made again
    [closed] = out_json(book("care", "list", "--customer", chen, "--format", "json"))
    assert (closed["status"], closed["note"], closed["closed_on"]) == (
        "done",
        "called, wished him well",
        "2026-11-23",
    )
    assert rules(due(book, today="2027-11-23")) == ["core.birthday"]  # next year's


def test_a_customer_added_later_the_same_day_is_not_missed(book):
    add(book, "Chen")
    assert len(due(book)) == 1
    late = add(book, "Zhao")
    assert rules(due(book), late) == ["core.birthday"]


def test_each_batch_is_one_audited_transaction(book):
    add(book, "Chen")
    add(book, "Zhao")
    due(book, "--as", "m1")
    [event] = [e for e in events(book) if e["action"] == "care.batch"]
    assert (event["actor"], event["entity_id"]) == ("m1", "2026-11-23")
    assert event["after"]["created"] == ["ca-1", "ca-2"]
    assert [image["id"] for image in event["after"]["images"]] == ["ca-1", "ca-2"]


@pytest.mark.parametrize(
    ("tier", "refused", "channel"),
    [
        ("b", ["sms"], "email"),
        ("vip", ["phone"], "sms"),
        ("b", ["sms", "email"], "letter"),
        ("a", ["phone", "sms", "email"], "letter"),
        ("b", ["sms", "email", "letter"], "phone"),
    ],
)
def test_a_refused_channel_falls_to_the_next_allowed(book, tier, refused, channel):
    options = [x for value in refused for x in ("--refuse", value)]
    add(book, "Sun", *options, tier=tier)
    [action] = due(book)
    assert action["channel"] == channel


def test_a_customer_who_refused_every_channel_gets_no_action_and_a_reason(book):
    refuse_all = [x for value in ("sms", "phone", "email", "letter") for x in ("--refuse", value)]
    quiet = add(book, "Quiet", *refuse_all)
    assert due(book) == []
    [kept] = out_json(book("care", "list", "--customer", quiet, "--format", "json"))
    assert (kept["status"], kept["channel"]) == ("skipped", None)
    assert kept["note"] == f"not made: {quiet} refused every channel (email, letter, phone, sms)"
    assert due(book) == []


def test_churned_customers_are_not_cared_for(book):
    add(book, "Gone", "--status", "churned")
    assert due(book) == []


def test_closing_an_action_twice_or_an_unknown_one_is_bad_input(book):
    add(book, "Chen")
    [action] = due(book)
    assert book("care", "skip", action["id"], "--reason", "on holiday abroad").exit_code == 0
    count = len(events(book))
    again = book("care", "done", action["id"])
    assert again.exit_code == 2
    assert f"care action {action['id']} is already skipped" in again.stderr
    unknown = book("care", "done", "ca-99")
    assert unknown.exit_code == 2 and "unknown care action 'ca-99'" in unknown.stderr
    no_reason = book("care", "skip", action["id"], "--reason", " ")
    assert no_reason.exit_code == 2
    assert len(events(book)) == count


def test_done_through_a_refused_channel_is_refused_by_consent(book):
    customer = add(book, "Sun", "--refuse", "sms")
    [action] = due(book)
    count = len(events(book))
    refused = book("care", "done", action["id"], "--channel", "sms")
    assert refused.exit_code == 1
    assert "refused by core.consent" in refused.stderr and customer in refused.stderr
    assert len(events(book)) == count
    assert [a["id"] for a in due(book)] == [action["id"]]
    book("care", "done", action["id"], "--channel", "phone", check=True)
    [closed] = out_json(book("care", "list", "--status", "done", "--format", "json"))
    assert closed["channel"] == "phone"


def test_a_channel_refused_after_the_action_was_planned_is_refused_too(book):
    customer = add(book, "Sun")
    [action] = due(book)
    assert action["channel"] == "sms"
    book("customer", "update", customer, "--refuse", "sms", check=True)
    refused = book("care", "done", action["id"], "--note", "sent")
    assert refused.exit_code == 1 and "core.consent" in refused.stderr
    assert "--channel" in refused.stderr
    book("care", "skip", action["id"], "--reason", "now refuses SMS", check=True)


def test_each_manager_sees_and_closes_his_own(book):
    mine = add(book, "Chen", manager="m1")
    theirs = add(book, "Zhao", manager="m2")
    assert [a["customer"] for a in due(book, "--as", "m1")] == [mine]
    assert [a["customer"] for a in due(book, "--as", "s1")] == [mine, theirs]
    other = next(a for a in due(book) if a["customer"] == theirs)
    refused = book("--as", "m1", "care", "done", other["id"])
    assert refused.exit_code == 1 and "core.scope" in refused.stderr
    narrowed = out_json(book("care", "due", "--manager", "m2", "--format", "json"))
    assert [a["customer"] for a in narrowed] == [theirs]


def test_a_deputy_sees_only_the_duties_delegated(book):
    customer = add(
        book,
        "Sun",
        "--set",
        "telecom.arrears_amount=88.00",
        "--set",
        "telecom.arrears_since=2026-11-20",
        manager="m1",
    )
    book(
        "delegate",
        "m1",
        "m2",
        "--start",
        "2026-11-23",
        "--end",
        "2026-11-30",
        "--reason",
        "training",
        "--responsibility",
        "care",
        check=True,
    )
    assert rules(due(book)) == ["core.birthday", "telecom.arrears-reminder"]
    assert rules(due(book, "--as", "m2"), customer) == ["core.birthday"]
    arrears = next(a for a in due(book) if a["rule"] == "telecom.arrears-reminder")
    refused = book("--as", "m2", "care", "done", arrears["id"])
    assert refused.exit_code == 1 and "core.delegation-scope" in refused.stderr


def test_care_run_is_the_daily_care_and_retention_batch(book):
    add(book, "Chen", tier="vip")
    add(
        book,
        "Sun",
        "--set",
        "telecom.competitor_contact=true",
        "--set",
        "telecom.contract=month-to-month",
        "--set",
        "telecom.network_join=2026-06-01",
        birthday="1990-01-01",
    )
    add(book, "Zhao", "--status", "churned")
    result = book("care", "run", check=True)
    assert result.stdout == (
        # Sun's telecom score is 0.5 (telecom's warn_score): his manager is warned.
        "care batch of 2026-11-23: 2 customers, 2 new actions"
        " (core.birthday 1, telecom.retention-warning 1);"
        " 1 at risk (score 0.5 or more: `accountcore retention risks`)\n"
    )
    again = book("care", "run", "--min-score", "0.6", check=True)
    assert ": 2 customers, 0 new actions; 0 at risk (score 0.6 or more" in again.stdout


BAD_RULES = """
from accountcore import CareAction, Channel, hookimpl

@hookimpl
def care_due(customers, context):
    return [CareAction("stray.rule", "c-999", Channel.SMS, "hi", context.today, "x")]
"""


def test_an_action_for_a_customer_outside_the_batch_names_the_plugin(
    book, tmp_path, ac_book, ac_today
):
    add(book, "Chen")
    path = tmp_path / "stray_rules.py"
    path.write_text(BAD_RULES)
    app = App(str(ac_book), today=ac_today, plugin_modules=[str(path)])
    with pytest.raises(
        PluginError, match=r"stray_rules.*care_due.*'c-999', who is not in the batch"
    ):
        run_care(app)
    assert list(app.store.iter_care_actions()) == []
    app.close()
