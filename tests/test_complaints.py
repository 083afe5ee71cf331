"""Complaints: deadlines by severity, overdue, resolve then reply, errors, scope, retention."""

import datetime as dt

import pytest
from conftest import out_json


@pytest.fixture
def book(team, ac_book_once):
    """m1 holds c-1 (who refused SMS), m2 holds c-2."""

    def build():
        for name, manager, *refuse in (("Chen", "m1", "--refuse", "sms"), ("Zhao", "m2")):
            team(
                "customer",
                "add",
                "--name",
                name,
                "--kind",
                "individual",
                "--tier",
                "a",
                "--manager",
                manager,
                *refuse,
                check=True,
            )

    ac_book_once(build)
    return team


def open_(cli, customer="c-1", severity="high", *prefix):
    result = cli(
        *prefix,
        "complaint",
        "open",
        customer,
        "--channel",
        "phone",
        "--severity",
        severity,
        "--summary",
        "double charged for roaming",
    )
    assert result.exit_code == 0, result.output
    return result.stdout.split()[2]


def listing(cli, *options, today="2026-11-23", actor=()):
    result = cli(*actor, "--today", today, "complaint", "list", *options, "--format", "json")
    assert result.exit_code == 0, result.output
    return [c["id"] for c in out_json(result)]


def events(cli):
    return out_json(cli("audit", "log", "--format", "json"))


@pytest.mark.parametrize(
    ("severity", "deadline"),
    [("high", "2026-11-24"), ("medium", "2026-11-26"), ("low", "2026-11-30")],
)
def test_the_severity_sets_the_deadline_and_overdue_starts_the_day_after(book, severity, deadline):
    complaint = open_(book, severity=severity)
    [shown] = out_json(book("complaint", "list", "--format", "json"))
    assert (shown["id"], shown["deadline"], shown["status"]) == (complaint, deadline, "open")
    assert (shown["opened_on"], shown["manager"], shown["channel"]) == ("2026-11-23", "m1", "phone")
    assert listing(book, "--overdue", today=deadline) == []
    day_after = (dt.date.fromisoformat(deadline) + dt.timedelta(days=1)).isoformat()
    assert listing(book, "--overdue", today=day_after) == [complaint]


def test_the_deadlines_are_the_books_settings(book, ac_app):
    ac_app.store.set_config("core.complaint_days_high", 2)
    complaint = open_(book)
    assert out_json(book("complaint", "show", complaint, "--format", "json"))["deadline"] == (
        "2026-11-25"
    )


def test_resolve_then_reply_closes_it(book):
    complaint = open_(book)
    book(
        "--today",
        "2026-11-24",
        "complaint",
        "resolve",
        complaint,
        "--resolution",
        "refunded 128.00",
        check=True,
    )
    assert listing(book, "--open") == [complaint]  # resolved, not yet replied
    assert listing(book, "--overdue", today="2026-11-25") == [complaint]
    book(
        "--today",
        "2026-11-25",
        "complaint",
        "reply",
        complaint,
        "--channel",
        "phone",
        "--text",
        "We refunded 128.00, sorry",
        check=True,
    )
    assert listing(book, "--open") == []
    assert listing(book, "--overdue", today="2026-11-30") == []
    shown = out_json(book("complaint", "show", complaint, "--format", "json"))
    assert (shown["status"], shown["resolution"], shown["resolved_on"]) == (
        "replied",
        "refunded 128.00",
        "2026-11-24",
    )
    assert (shown["reply"], shown["reply_channel"], shown["replied_on"]) == (
        "We refunded 128.00, sorry",
        "phone",
        "2026-11-25",
    )
    actions = [e["action"] for e in events(book) if e["entity_id"] == complaint]
    assert actions == ["complaint.open", "complaint.resolve", "complaint.reply"]


BAD = [
    (["reply", "cp-1", "--channel", "phone", "--text", "sorry"], 2, "not resolved yet"),
    (
        ["reply", "cp-1", "--channel", "sms", "--text", "sorry", "--resolved"],
        1,
        "refused by core.consent: customer c-1 refused sms",
    ),
    (["resolve", "cp-1", "--resolution", "again", "--resolved"], 2, "already resolved"),
    (["reply", "cp-1", "--channel", "phone", "--text", "  ", "--resolved"], 2, "--text"),
    (["resolve", "cp-9", "--resolution", "x"], 2, "unknown complaint 'cp-9'"),
    (
        ["open", "c-9", "--channel", "phone", "--severity", "low", "--summary", "x"],
        2,
        "unknown customer 'c-9'",
    ),
    (
        ["open", "c-1", "--channel", "phone", "--severity", "urgent", "--summary", "x"],
        2,
        "'urgent' is not one of",
    ),
    (["open", "c-1", "--channel", "phone", "--severity", "low", "--summary", " "], 2, "--summary"),
    (
        ["open", "c-2", "--channel", "phone", "--severity", "low", "--summary", "x", "--as-m1"],
        1,
        "core.scope",
    ),
]


@pytest.mark.parametrize(("args", "code", "message"), BAD, ids=[m for *_, m in BAD])
def test_bad_complaint_commands_say_why_and_write_nothing(book, args, code, message):
    open_(book)
    prefix = []
    if "--resolved" in args:
        args = [a for a in args if a != "--resolved"]
        book("complaint", "resolve", "cp-1", "--resolution", "refunded", check=True)
    if "--as-m1" in args:
        args, prefix = [a for a in args if a != "--as-m1"], ["--as", "m1"]
    before = events(book)
    result = book(*prefix, "complaint", *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert events(book) == before


def test_replied_once_only(book):
    complaint = open_(book)
    book("complaint", "resolve", complaint, "--resolution", "refunded", check=True)
    book("complaint", "reply", complaint, "--channel", "phone", "--text", "done", check=True)
    again = book("complaint", "reply", complaint, "--channel", "phone", "--text", "again")
    assert again.exit_code == 2 and "already replied on 2026-11-23" in again.stderr


def test_complaints_are_listed_in_scope(book):
    mine, theirs = open_(book, "c-1"), open_(book, "c-2")
    assert listing(book, actor=["--as", "m1"]) == [mine]
    assert listing(book, actor=["--as", "s1"]) == [mine, theirs]
    assert listing(book, "--customer", "c-2") == [theirs]
    assert book("--as", "m1", "complaint", "show", theirs).exit_code == 1
    book(
        "delegate",
        "m2",
        "m1",
        "--start",
        "2026-11-23",
        "--end",
        "2026-11-30",
        "--reason",
        "leave",
        "--responsibility",
        "care",
        check=True,
    )
    assert listing(book, actor=["--as", "m1"]) == [mine]  # not delegated complaint-handling
    handled = book("--as", "m1", "complaint", "resolve", theirs, "--resolution", "x")
    assert handled.exit_code == 1 and "core.delegation-scope" in handled.stderr


def risks(cli, today):
    result = cli("--today", today, "retention", "risks", "--format", "json")
    assert result.exit_code == 0, result.output
    return {r["customer"]: r for r in out_json(result)}


def test_an_open_or_recent_complaint_is_a_retention_signal(book):
    assert risks(book, "2026-11-23") == {}
    complaint = open_(book)
    [signal] = risks(book, "2026-11-23").values()
    assert (signal["customer"], signal["score"], signal["manager"]) == ("c-1", 0.15, "m1")
    [reason] = signal["reasons"]
    assert (reason["rule"], reason["weight"], reason["plugin"]) == (
        "core.recent-complaint",
        0.15,
        "core",
    )
    assert complaint in reason["text"] and "double charged" in reason["text"]
    assert "c-1" in risks(book, "2027-06-01")  # never replied: still open
    book("complaint", "resolve", complaint, "--resolution", "refunded", check=True)
    book("complaint", "reply", complaint, "--channel", "phone", "--text", "done", check=True)
    assert "c-1" in risks(book, "2027-02-21")  # opened 90 days before
    assert "c-1" not in risks(book, "2027-02-22")
