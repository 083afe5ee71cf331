"""Visit plans: missed ones, cancelling and moving one, and the month over capacity.

Today is Monday 2026-11-23. Each figure below is worked out by hand from the
small book of the fixture.
"""

import datetime as dt

import pytest
from conftest import book_state, out_json

from accountcore import VisitStatus
from accountcore._app import App
from accountcore._services.visit_plans import missed_visits, planned_visits
from accountcore._services.visits import overdue_visits


@pytest.fixture
def book(team, ac_book_once):
    """c-1 and c-2 are m1's, c-3 m2's; on 2026-11-10 m1 planned v-1 (c-1, the 16th, missed
    by now), v-2 (c-2, the 30th) and m2 v-3 (c-3, the 12th, logged that day)."""

    def build():
        for name, manager in (("Chen Hua", "m1"), ("Zhao Lei", "m1"), ("Xu Min", "m2")):
            team(
                *("--today", "2026-01-05", "customer", "add", "--name", name),
                *("--kind", "individual", "--tier", "a", "--manager", manager),
                check=True,
            )
        for actor, customer, day in (
            ("m1", "c-1", "2026-11-16"),
            ("m1", "c-2", "2026-11-30"),
            ("m2", "c-3", "2026-11-12"),
        ):
            team(
                *("--today", "2026-11-10", "--as", actor, "visit", "plan", customer),
                *("--on", day, "--purpose", "return", "--channel", "on-site"),
                check=True,
            )
        team(
            *("--today", "2026-11-12", "--as", "m2", "visit", "log", "c-3"),
            *("--purpose", "return", "--channel", "on-site"),
            check=True,
        )

    ac_book_once(build)
    return team


def visits(cli, *args, today=None):
    on = ["--today", today] if today else []
    return out_json(cli(*on, "visit", "list", *args, "--format", "json", check=True))


def statuses(cli, *args, today=None):
    return [(v["id"], v["on"], v["status"]) for v in visits(cli, *args, today=today)]


def events(cli):
    return out_json(cli("audit", "log", "--format", "json", check=True))


def stats(cli, *args):
    result = cli(*args, "visit", "stats", "--format", "json", check=True)
    return {row["manager"]: row for row in out_json(result)}


def head(cli):
    return cli("audit", "head", check=True).stdout.strip()


def test_a_plan_whose_day_passed_without_a_log_is_missed(book, ac_book):
    assert statuses(book) == [
        ("v-3", "2026-11-12", "done"),
        ("v-1", "2026-11-16", "missed"),
        ("v-2", "2026-11-30", "planned"),
    ]
    assert "missed" in book("visit", "list").stdout.splitlines()[3]
    assert statuses(book, today="2026-11-12") == [
        ("v-3", "2026-11-12", "done"),
        ("v-1", "2026-11-16", "planned"),
        ("v-2", "2026-11-30", "planned"),
    ]
    assert statuses(book) == statuses(book, today="2026-11-23")
    listed = visits(book, "--status", "missed")
    assert [v["id"] for v in listed] == ["v-1"]
    assert [v["id"] for v in visits(book, "--status", "planned")] == ["v-2"]
    shown = out_json(book("visit", "show", "v-1", "--format", "json", check=True))
    assert shown["status"] == "missed"
    # Worked out, not stored: the book holds it as planned, and an export says so.
    app = App(str(ac_book), today=dt.date(2026, 11, 23))
    try:
        assert app.store.get_visit("v-1").status is VisitStatus.PLANNED
    finally:
        app.close()
    exported = book("visit", "export", "--format", "jsonl", check=True).stdout
    assert '"planned"' in exported and '"missed"' not in exported
    # In the month's stats it is missed, not planned.
    m1, m2 = stats(book)["m1"], stats(book)["m2"]
    assert (m1["made"], m1["planned"], m1["missed"]) == (0, 1, 1)
    assert (m2["made"], m2["planned"], m2["missed"]) == (1, 0, 0)
    # Logged on its day after all, it is done: the plan is fulfilled.
    book(
        *("visit", "log", "c-1", "--on", "2026-11-16"),
        *("--purpose", "return", "--channel", "phone"),
        check=True,
    )
    assert statuses(book, "--customer", "c-1") == [("v-1", "2026-11-16", "done")]
    assert stats(book)["m1"]["missed"] == 0


def test_the_agenda_gets_missed_and_planned_visits_in_the_actors_scope(book, ac_book):
    def ids(found):
        return [(v.id, v.status.value) for v in found]

    today = dt.date(2026, 11, 23)
    book(
        *("--today", "2026-11-10", "--as", "m2", "visit", "plan", "c-3"),
        *("--on", "2026-11-13", "--purpose", "care", "--channel", "phone"),
        check=True,
    )
    for actor, missed, planned in (
        ("m1", [("v-1", "missed")], [("v-2", "planned")]),
        ("m2", [("v-4", "missed")], []),
        ("s1", [("v-4", "missed"), ("v-1", "missed")], [("v-2", "planned")]),
    ):
        app = App(str(ac_book), today=today, actor=actor)
        try:
            assert ids(missed_visits(app)) == missed
            assert ids(planned_visits(app, dt.date(2026, 11, 30))) == planned
            assert list(planned_visits(app, dt.date(2026, 11, 29))) == []
        finally:
            app.close()


def test_cancel_a_planned_visit_with_its_reason(book):
    cancelled = book("--as", "m1", "visit", "cancel", "v-2", "--reason", "customer ill")
    assert cancelled.exit_code == 0, cancelled.output
    assert cancelled.stdout == "cancelled visit v-2 to c-2 on 2026-11-30\n"
    [shown] = visits(book, "--customer", "c-2")
    assert (shown["status"], shown["cancel_reason"]) == ("cancelled", "customer ill")
    assert [v["id"] for v in visits(book, "--status", "cancelled")] == ["v-2"]
    event = events(book)[-1]
    assert (event["action"], event["entity_id"], event["actor"]) == ("visit.cancel", "v-2", "m1")
    assert event["reason"] == "customer ill"
    assert event["before"]["status"] == "planned" and event["after"]["status"] == "cancelled"
    assert event["after"]["cancel_reason"] == "customer ill"
    # A missed visit may be cancelled too; cancelled visits count nowhere in the stats.
    book("--as", "m1", "visit", "cancel", "v-1", "--reason", "moved abroad", check=True)
    m1 = stats(book)["m1"]
    assert (m1["made"], m1["planned"], m1["missed"]) == (0, 0, 0)
    # The day is free again for a new plan.
    book(
        *("visit", "plan", "c-2", "--on", "2026-11-30"),
        *("--purpose", "care", "--channel", "phone"),
        check=True,
    )


def test_move_a_missed_visit_to_a_day_ahead(book):
    moved = book(
        *("--as", "m1", "visit", "move", "v-1", "--to", "2026-12-09"),
        *("--reason", "customer away"),
    )
    assert moved.exit_code == 0, moved.output
    assert moved.stdout == "visit v-1 to c-1 now on 2026-12-09\n"
    assert statuses(book, "--customer", "c-1") == [("v-1", "2026-12-09", "planned")]
    event = events(book)[-1]
    assert (event["action"], event["entity_id"], event["reason"]) == (
        "visit.move",
        "v-1",
        "customer away",
    )
    assert (event["before"]["on"], event["after"]["on"]) == ("2026-11-16", "2026-12-09")
    assert event["before"]["status"] == event["after"]["status"] == "planned"
    # Moved to today, without a reason.
    book("visit", "move", "v-2", "--to", "2026-11-23", check=True)
    assert events(book)[-1]["reason"] is None
    assert statuses(book, "--customer", "c-2") == [("v-2", "2026-11-23", "planned")]
    m1 = stats(book)["m1"]
    assert (m1["planned"], m1["missed"]) == (1, 0)


def test_a_deputy_cancels_on_behalf_of_the_manager(book):
    book(
        *("delegate", "m1", "m2", "--start", "2026-11-20", "--end", "2026-11-30"),
        *("--reason", "training", "--responsibility", "visits"),
        check=True,
    )
    book("--as", "m2", "visit", "cancel", "v-2", "--reason", "m1 away", check=True)
    event = events(book)[-1]
    assert (event["actor"], event["on_behalf_of"]) == ("m2", "m1")


BAD = [
    (["cancel", "v-3", "--reason", "late"], "visit v-3 was made on 2026-11-12"),
    (["cancel", "v-4", "--reason", "again"], "visit v-4 is cancelled"),
    (["cancel", "v-2", "--reason", "  "], "--reason: say why"),
    (["cancel", "v-2"], "Missing option '--reason'"),
    (["cancel", "v-9", "--reason", "ill"], "unknown visit 'v-9'"),
    (["move", "v-3", "--to", "2026-12-01"], "visit v-3 was made on 2026-11-12"),
    (["move", "v-4", "--to", "2026-12-01"], "visit v-4 is cancelled"),
    (["move", "v-2", "--to", "2026-11-22"], "that day has passed (today is 2026-11-23)"),
    (["move", "v-1", "--to", "2026-11-31"], "--to"),
    (["move", "v-1", "--to", "next week"], "YYYY-MM-DD"),
    (["move", "v-2", "--to", "2026-11-30"], "already planned that day"),
    (["move", "v-2", "--to", "2026-12-02"], "already has visit v-5 planned that day"),
    (["move", "v-9", "--to", "2026-12-02"], "unknown visit 'v-9'"),
    (["move", "v-2"], "Missing option '--to'"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[m for _, m in BAD])
def test_bad_changes_exit_2_one_line_and_write_nothing(book, ac_book, args, message):
    # v-4 is cancelled; v-5 is c-2's visit planned for 2026-12-02.
    book(
        *("visit", "plan", "c-1", "--on", "2026-11-27", "--purpose", "care", "--channel", "phone"),
        check=True,
    )
    book("visit", "cancel", "v-4", "--reason", "no need", check=True)
    book(
        *("visit", "plan", "c-2", "--on", "2026-12-02", "--purpose", "care", "--channel", "phone"),
        check=True,
    )
    before, state = head(book), book_state(ac_book)
    result = book("visit", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stdout == ""
    assert (head(book), book_state(ac_book)) == (before, state)


@pytest.mark.parametrize(
    "args", [["cancel", "v-1", "--reason", "ill"], ["move", "v-1", "--to", "2026-12-01"]]
)
def test_changing_a_visit_to_another_managers_customer_is_refused(book, ac_book, args):
    before, state = head(book), book_state(ac_book)
    refused = book("--as", "m2", "visit", *args)
    assert refused.exit_code == 1, refused.output
    assert "refused by core.scope" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
    assert (head(book), book_state(ac_book)) == (before, state)


def test_stats_warn_when_the_months_plans_exceed_capacity(book):
    book("manager", "update", "m1", "--capacity", "3", "--target", "2", check=True)
    for customer, day in (("c-1", "2026-11-25"), ("c-2", "2026-11-26")):
        book(
            *("visit", "plan", customer, "--on", day, "--purpose", "care", "--channel", "phone"),
            check=True,
        )
    book("visit", "log", "c-1", "--purpose", "return", "--channel", "phone", check=True)
    # m1: 1 made, 3 planned (v-2, v-4, v-5); v-1 is missed and not counted: 4 over 3.
    m1, m2 = stats(book)["m1"], stats(book)["m2"]
    assert (m1["made"], m1["planned"], m1["missed"], m1["capacity"]) == (1, 3, 1, 3)
    assert m1["over_capacity"] is True
    assert m1["warning"] == (
        "m1 (Li Na) has 4 visits made and planned in 2026-11, over his capacity of 3 a month:"
        " move or cancel some (`accountcore visit move|cancel`), or change his capacity with"
        " `accountcore manager update m1 --capacity N`"
    )
    assert (m2["over_capacity"], m2["warning"]) == (False, None)
    table = book("visit", "stats", env={"COLUMNS": "200"})
    assert table.exit_code == 0
    assert table.stderr == f"warning: {m1['warning']}\n"
    assert table.stdout.splitlines()[0].split()[:5] == [
        "manager",
        "name",
        "made",
        "planned",
        "missed",
    ]
    # One cancelled: 3 of 3 is within capacity.
    book("visit", "cancel", "v-5", "--reason", "customer ill", check=True)
    assert stats(book)["m1"]["over_capacity"] is False
    assert book("visit", "stats").stderr == ""
    # A month with nothing planned any more does not warn, whatever was made.
    assert stats(book, "--today", "2026-12-01", "--as", "s1")["m1"]["warning"] is None


def test_a_cancelled_visit_is_not_missed_nor_overdue_nor_counted(book, ac_book):
    book("visit", "cancel", "v-1", "--reason", "customer ill", check=True)
    assert visits(book, "--status", "missed") == []
    app = App(str(ac_book), today=dt.date(2026, 11, 23), actor="m1")
    try:
        assert list(missed_visits(app)) == []
        # The cancelled visit is no visit made: c-1 is still overdue, from his file's creation.
        overdue = {o.customer: o for o in overdue_visits(app)}
        assert overdue["c-1"].last_visit is None
        assert overdue["c-1"].due == dt.date(2026, 3, 6)
    finally:
        app.close()
    m1 = stats(book)["m1"]
    assert (m1["made"], m1["planned"], m1["missed"]) == (0, 1, 0)
    report = book("report", "--month", "2026-11", "--format", "json", check=True)
    [month] = out_json(report)["months"]
    figures = {m["key"]: m["figures"]["visits"] for m in month["managers"]}
    assert (figures["m1"]["made"], figures["m1"]["planned"], figures["m1"]["missed"]) == (0, 1, 0)


def test_an_import_brings_cancelled_visits_but_never_missed_ones(book, tmp_path):
    good = tmp_path / "cancelled.csv"
    good.write_text(
        "customer,on,purpose,channel,status,cancel_reason\n"
        "c-1,2026-11-02,return,phone,cancelled,customer ill\n"
    )
    book("visit", "import", str(good), check=True)
    assert [e["action"] for e in events(book)][-2:] == ["visit.cancel", "visit.import"]
    assert statuses(book, "--status", "cancelled") == [("v-4", "2026-11-02", "cancelled")]
    bad = tmp_path / "missed.csv"
    bad.write_text("customer,on,purpose,channel,status\nc-1,2026-11-03,return,phone,missed\n")
    before = head(book)
    result = book("visit", "import", str(bad))
    assert result.exit_code == 2, result.output
    assert f"{bad}:2: status: missed is worked out, never recorded" in result.stderr
    assert head(book) == before
