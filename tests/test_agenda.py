"""The agenda: a manager's day in one list, ordered, grouped, naming whose customer it is."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import book_state, out_json

from accountcore._services.agenda import GROUPS


@pytest.fixture
def book(team, ac_book_once):
    """s1 supervises m1 and m2; m2 is away and m1 holds his customers until the 30th.

    c-1 Chen Hua (m1, birthday today), c-2 Zhao Lei (m2), c-3 Angry Corp (m1).
    A complaint on c-3 is past its deadline, one on c-2 is open; a visit to c-1
    planned for the 20th was never logged, one to c-3 is planned for the 25th;
    m1 has a task due tomorrow, an undated one, and escalated c-3 to s1.
    """

    def build():
        individual = ["--kind", "individual", "--tier", "vip"]
        team(
            "customer",
            "add",
            "--name",
            "Chen Hua",
            *individual,
            "--manager",
            "m1",
            "--birthday",
            "1980-11-23",
            "--phone",
            "13800000001",
            check=True,
        )
        team("customer", "add", "--name", "Zhao Lei", *individual, "--manager", "m2", check=True)
        team(
            "customer",
            "add",
            "--name",
            "Angry Corp",
            "--kind",
            "corporate",
            "--tier",
            "a",
            "--manager",
            "m1",
            check=True,
        )
        team(
            "delegate",
            "m2",
            "m1",
            "--start",
            "2026-11-20",
            "--end",
            "2026-11-30",
            "--reason",
            "annual leave",
            check=True,
        )
        complaint = ["complaint", "open", "--channel", "phone", "--severity"]
        team(
            "--today",
            "2026-11-10",
            *complaint,
            "high",
            "--summary",
            "invoice wrong for the third month in a row",
            "c-3",
            check=True,
        )
        team(*complaint, "low", "--summary", "slow answer", "c-2", check=True)
        plan = ["--as", "m1", "visit", "plan", "--purpose", "care", "--channel", "on-site"]
        team("--today", "2026-11-15", *plan, "c-1", "--on", "2026-11-20", check=True)
        team(*plan, "c-3", "--on", "2026-11-25", check=True)
        task = ["--as", "m1", "task", "add", "--title"]
        team(*task, "call Chen about the renewal", "--due", "2026-11-24", check=True)
        team(*task, "tidy the files", check=True)
        team(
            *task,
            "Angry Corp threatens to leave: need an offer",
            "--for",
            "s1",
            "--customer",
            "c-3",
            check=True,
        )

    ac_book_once(build)
    return team


def agenda(cli, actor: str, *options: str) -> list[dict]:
    return out_json(cli("--as", actor, "agenda", *options, "--format", "json", check=True))


def kinds(items: list[dict]) -> list[tuple[str, str | None]]:
    return [(item["kind"], item["customer"]) for item in items]


def test_a_managers_day_holds_what_each_service_says_most_urgent_first(book):
    items = agenda(book, "m1")
    assert kinds(items) == [
        ("complaint", "c-3"),  # past its deadline
        ("complaint", "c-2"),  # m2's, held by m1 this week
        ("task", None),  # undated: on every day's agenda until done
        ("care", "c-1"),  # the birthday
        ("visit-missed", "c-1"),
    ]
    order = [GROUPS.index(item["responsibility"]) for item in items]
    assert order == sorted(order)
    late, held, *_ = items
    assert (late["urgency"], late["due"], late["delegated_by"]) == ("overdue", "2026-11-11", None)
    assert "invoice wrong for the third month in a row" in late["why"]
    assert (held["customer_name"], held["delegated_by"], held["owner"]) == ("Zhao Lei", "m2", "m2")
    birthday = items[3]
    assert birthday["why"].startswith("core.birthday") and birthday["customer_name"] == "Chen Hua"
    assert "visit move v-1" in items[4]["todo"]


def test_the_week_ahead_adds_the_tasks_and_visits_of_the_coming_days(book):
    items = agenda(book, "m1", "--days", "7")
    assert ("task", None) in kinds(items)
    [due] = [i for i in items if i["kind"] == "task" and i["due"]]
    assert (due["why"], due["urgency"], due["due"]) == (
        "call Chen about the renewal",
        "ahead",
        "2026-11-24",
    )
    [planned] = [i for i in items if i["kind"] == "visit-planned"]
    assert (planned["customer"], planned["due"]) == ("c-3", "2026-11-25")


def test_an_escalation_reaches_the_supervisor_and_his_team_view(book):
    [escalated] = agenda(book, "s1")
    assert (escalated["kind"], escalated["customer_name"]) == ("escalation", "Angry Corp")
    assert escalated["why"].startswith("escalated by m1: Angry Corp threatens to leave")
    team_view = agenda(book, "s1", "--team")
    assert kinds(team_view) == [
        ("complaint", "c-3"),
        ("escalation", "c-3"),
        ("visit-missed", "c-1"),
    ]
    assert all(item["urgency"] == "overdue" or item["kind"] == "escalation" for item in team_view)
    assert {item["delegated_by"] for item in team_view} == {None}


def test_a_task_done_leaves_the_agenda(book):
    [task] = [i for i in agenda(book, "m1") if i["kind"] == "task"]
    book("--as", "m1", "task", "done", task["ref"], "--note", "done", check=True)
    assert "task" not in [i["kind"] for i in agenda(book, "m1")]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ((), "the agenda is a manager's: give --as MANAGER"),
        (("--as", "m2", "agenda", "--team"), "m2 has no team"),
        (("--as", "m1", "agenda", "--days", "0"), "--days"),
    ],
)
def test_bad_requests_say_what_to_do(book, options, message):
    result = book(*(options or ("agenda",)))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_look_ahead_records_nothing_and_says_so(book, ac_book):
    ahead = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    before = book_state(ac_book)
    result = book("--today", ahead, "--as", "m1", "agenda", "--days", "7")
    assert result.exit_code == 0, result.output
    assert "nothing was recorded" in result.stderr
    assert book_state(ac_book) == before


@pytest.mark.parametrize("width", [80, 200])
def test_the_table_fits_the_terminal_and_cuts_nothing(book, width):
    out = book("--as", "m1", "agenda", env={"COLUMNS": str(width)}, check=True).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "…" not in out
    assert "Agenda of Li Na (m1) for 2026-11-23" in lines[0]
    for heading in ("Complaints (2)", "Tasks (1)", "Care (1)", "Visits (1)"):
        assert heading in lines
    words = ["invoice", "wrong", "for", "the", "third", "month", "in", "a", "row"]
    assert all(word in out.split() for word in words)
    assert "Zhao Lei" in out and "(for m2)" in out
    if width == 200:
        assert "invoice wrong for the third month in a row" in out


def test_a_deputy_for_one_duty_sees_only_that_duty_of_the_absent_managers_customers(book):
    book("delegation", "end", "d-1", "--reason", "back early", check=True)
    only_visits = ["--responsibility", "visits", "--reason", "visits only"]
    book(
        "delegate",
        "m2",
        "m1",
        "--start",
        "2026-11-23",
        "--end",
        "2026-11-30",
        *only_visits,
        check=True,
    )
    book(
        "--as",
        "m2",
        "visit",
        "plan",
        "c-2",
        "--on",
        "2026-11-23",
        "--purpose",
        "care",
        "--channel",
        "phone",
        check=True,
    )
    items = agenda(book, "m1")
    of_m2 = [(item["kind"], item["delegated_by"]) for item in items if item["customer"] == "c-2"]
    assert of_m2 == [("visit-planned", "m2")]  # his complaint is no longer m1's to answer
