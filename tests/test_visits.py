"""Planning and logging visits, next steps, who may log them, and bad input."""

import pytest
from conftest import out_json


@pytest.fixture
def book(team, ac_book_once):
    """s1 supervises m1 and m2; c-1 and c-2 are m1's, c-3 is m2's."""

    def build():
        for name, manager in (("Chen Hua", "m1"), ("Zhao Lei", "m1"), ("Xu Min", "m2")):
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
                check=True,
            )

    ac_book_once(build)
    return team


def visits(cli, *args):
    return out_json(cli(*args, "visit", "list", "--format", "json", check=True))


def events(cli):
    return out_json(cli("audit", "log", "--format", "json", check=True))


def test_plan_then_log_fulfils_the_planned_visit(book):
    planned = book(
        "visit",
        "plan",
        "c-1",
        "--on",
        "2026-11-25",
        "--purpose",
        "return",
        "--channel",
        "on-site",
        "--agenda",
        "review the plan",
    )
    assert planned.exit_code == 0, planned.output
    assert planned.stdout == "planned visit v-1 to c-1 on 2026-11-25\n"
    logged = book(
        "--today",
        "2026-11-25",
        "visit",
        "log",
        "c-1",
        "--on",
        "2026-11-25",
        "--purpose",
        "sales",
        "--channel",
        "phone",
        "--outcome",
        "agreed to a trial",
    )
    assert logged.exit_code == 0, logged.output
    assert "logged visit v-1 to c-1 on 2026-11-25 (the visit planned that day)" in logged.stdout
    [done] = visits(book)
    assert done == {
        "id": "v-1",
        "customer": "c-1",
        "customer_name": "Chen Hua",
        "manager": "m1",
        "on": "2026-11-25",
        "channel": "phone",
        "purpose": "sales",
        "status": "done",
        "outcome": "agreed to a trial",
        "next_step": None,
        "next_on": None,
        "on_behalf_of": None,
        "agenda": "review the plan",
        "follows": None,
        "cancel_reason": None,
    }
    fulfilled = [e for e in events(book) if e["entity_id"] == "v-1"]
    assert [e["action"] for e in fulfilled] == ["visit.plan", "visit.log"]
    assert fulfilled[1]["before"]["status"] == "planned"
    assert fulfilled[1]["after"]["status"] == "done"


def test_a_visit_on_another_day_leaves_the_plan_standing(book):
    book(
        "visit",
        "plan",
        "c-1",
        "--on",
        "2026-11-25",
        "--purpose",
        "return",
        "--channel",
        "on-site",
        check=True,
    )
    book("visit", "log", "c-1", "--purpose", "care", "--channel", "phone", check=True)
    listed = visits(book)
    assert [(v["id"], v["on"], v["status"]) for v in listed] == [
        ("v-2", "2026-11-23", "done"),
        ("v-1", "2026-11-25", "planned"),
    ]


def test_a_next_step_becomes_a_planned_visit(book):
    logged = book(
        "visit",
        "log",
        "c-2",
        "--on",
        "2026-11-20",
        "--purpose",
        "development",
        "--channel",
        "on-site",
        "--outcome",
        "interested in the group plan",
        "--next-step",
        "send offer",
        "--next-on",
        "2026-12-05",
    )
    assert logged.exit_code == 0, logged.output
    assert logged.stdout.splitlines()[-1] == "next step: visit v-2 planned on 2026-12-05"
    done, follow_up = visits(book)
    assert (done["next_step"], done["next_on"]) == ("send offer", "2026-12-05")
    assert follow_up == {
        "id": "v-2",
        "customer": "c-2",
        "customer_name": "Zhao Lei",
        "manager": "m1",
        "on": "2026-12-05",
        "channel": "on-site",
        "purpose": "development",
        "status": "planned",
        "outcome": None,
        "next_step": None,
        "next_on": None,
        "on_behalf_of": None,
        "agenda": "send offer",
        "follows": "v-1",
        "cancel_reason": None,
    }
    assert [e["action"] for e in events(book)][-2:] == ["visit.log", "visit.plan"]
    # A second next step for a day already planned keeps the planned visit.
    again = book(
        "visit",
        "log",
        "c-2",
        "--purpose",
        "care",
        "--channel",
        "phone",
        "--next-step",
        "call back",
        "--next-on",
        "2026-12-05",
    )
    assert again.stdout.splitlines()[-1] == "next step: visit v-2 already planned on 2026-12-05"
    assert len(visits(book)) == 3


def test_a_deputy_logs_on_behalf_of_the_manager(book):
    book(
        "delegate",
        "m1",
        "m2",
        "--start",
        "2026-11-20",
        "--end",
        "2026-11-30",
        "--reason",
        "leave",
        "--responsibility",
        "visits",
        check=True,
    )
    logged = book("--as", "m2", "visit", "log", "c-1", "--purpose", "return", "--channel", "phone")
    assert logged.exit_code == 0, logged.output
    [made] = visits(book)
    assert (made["manager"], made["on_behalf_of"]) == ("m2", "m1")
    event = events(book)[-1]
    assert (event["action"], event["actor"], event["on_behalf_of"]) == ("visit.log", "m2", "m1")
    # His own customers are not on anyone's behalf.
    book("--as", "m2", "visit", "log", "c-3", "--purpose", "care", "--channel", "phone", check=True)
    assert visits(book, "--as", "m2")[-1]["on_behalf_of"] is None


REFUSED = [
    ([], "core.scope"),
    (["--responsibility", "care"], "core.delegation-scope"),
]


@pytest.mark.parametrize(("duties", "rule"), REFUSED, ids=[r for _, r in REFUSED])
def test_visits_to_a_customer_not_in_your_charge_are_refused(book, duties, rule):
    if duties:
        book(
            "delegate",
            "m1",
            "m2",
            "--start",
            "2026-11-20",
            "--end",
            "2026-11-30",
            "--reason",
            "training",
            *duties,
            check=True,
        )
    before = len(events(book))
    for command in (["log"], ["plan", "--on", "2026-11-30"]):
        refused = book(
            "--as", "m2", "visit", *command, "c-1", "--purpose", "return", "--channel", "phone"
        )
        assert refused.exit_code == 1, refused.output
        assert f"refused by {rule}" in refused.stderr
    assert len(events(book)) == before
    assert visits(book) == []


def test_the_administrator_logs_in_the_managers_name(book):
    book("visit", "log", "c-3", "--purpose", "complaint", "--channel", "video", check=True)
    [made] = visits(book)
    assert (made["manager"], made["on_behalf_of"]) == ("m2", None)
    assert events(book)[-1]["actor"] == "admin"


def test_listing_filters_and_scope(book):
    book(
        "visit",
        "log",
        "c-1",
        "--on",
        "2026-10-30",
        "--purpose",
        "return",
        "--channel",
        "phone",
        check=True,
    )
    book(
        "visit",
        "log",
        "c-3",
        "--on",
        "2026-11-02",
        "--purpose",
        "care",
        "--channel",
        "phone",
        check=True,
    )
    book(
        "visit",
        "plan",
        "c-1",
        "--on",
        "2026-11-26",
        "--purpose",
        "sales",
        "--channel",
        "on-site",
        check=True,
    )

    def ids(*args):
        return [v["id"] for v in visits(book, *args)]

    assert ids() == ["v-1", "v-2", "v-3"]
    assert ids("--as", "m1") == ["v-1", "v-3"]
    assert ids("--as", "s1") == ["v-1", "v-2", "v-3"]
    listed = book("visit", "list", "--month", "2026-11", "--status", "done", "--format", "json")
    assert [v["id"] for v in out_json(listed)] == ["v-2"]
    by_manager = book("visit", "list", "--manager", "m2", "--format", "json")
    assert [v["id"] for v in out_json(by_manager)] == ["v-2"]
    by_customer = book("visit", "list", "--customer", "c-1", "--format", "csv")
    assert by_customer.stdout.splitlines()[0].startswith("id,customer,customer_name,manager,on,")
    assert len(by_customer.stdout.splitlines()) == 3
    shown = out_json(book("visit", "show", "v-3", "--format", "json"))
    assert (shown["status"], shown["on"]) == ("planned", "2026-11-26")
    assert book("--as", "m2", "visit", "show", "v-3").exit_code == 1
    assert book("--as", "m2", "visit", "list", "--customer", "c-1").exit_code == 1
    rows = [line.split()[:2] for line in book("visit", "list").stdout.splitlines()]
    assert ["v-3", "2026-11-26"] in rows


BAD = [
    (["log", "c-1", "--on", "2026-11-31"], "--on"),
    (["log", "c-1", "--on", "23/11/2026"], "YYYY-MM-DD"),
    (["log", "c-1", "--purpose", "chat"], "'chat' is not one of"),
    (["log", "c-1", "--channel", "fax"], "'fax' is not one of"),
    (["log", "c-1", "--on", "2026-11-24"], "after today"),
    (["log", "c-1", "--next-step", "send offer"], "--next-step needs --next-on"),
    (["log", "c-1", "--next-on", "2026-12-01"], "--next-on needs --next-step"),
    (
        ["log", "c-1", "--on", "2026-11-20", "--next-step", "call", "--next-on", "2026-11-19"],
        "before the visit",
    ),
    (
        ["log", "c-1", "--on", "2026-11-10", "--next-step", "call", "--next-on", "2026-11-22"],
        "that day has passed",
    ),
    (["log", "c-9"], "unknown customer 'c-9'"),
    (["plan", "c-1", "--on", "2026-11-22"], "that day has passed"),
    (["plan", "c-1", "--on", "2026-11-27"], "already has visit v-1 planned on 2026-11-27"),
    (["plan", "c-1"], "Missing option '--on'"),
    (["list", "--month", "2026-13"], "--month '2026-13'"),
    (["stats", "--month", "november"], "--month 'november'"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[m for _, m in BAD])
def test_bad_input_exits_2_and_writes_nothing(book, args, message):
    book(
        "visit",
        "plan",
        "c-1",
        "--on",
        "2026-11-27",
        "--purpose",
        "care",
        "--channel",
        "phone",
        check=True,
    )
    before = (events(book), visits(book))
    command = [*args]
    if command[0] in ("log", "plan"):
        defaults = {"--purpose": "return", "--channel": "on-site"}
        command += [
            item for key, value in defaults.items() if key not in args for item in (key, value)
        ]
    result = book("visit", *command)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert (events(book), visits(book)) == before


def test_a_visit_today_may_be_logged_and_planned(book):
    logged = book(
        "visit",
        "log",
        "c-1",
        "--on",
        "2026-11-23",
        "--purpose",
        "return",
        "--channel",
        "phone",
        "--next-step",
        "call",
        "--next-on",
        "2026-11-23",
    )
    assert logged.exit_code == 0, logged.output
    planned = book(
        "visit", "plan", "c-2", "--on", "2026-11-23", "--purpose", "return", "--channel", "phone"
    )
    assert planned.exit_code == 0, planned.output
    assert [v["status"] for v in visits(book)] == ["done", "planned", "planned"]
