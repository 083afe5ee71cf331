"""Tasks: add, list, done, cancel and show; who may give, see and close them; audited."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

import pytest
from conftest import book_state, out_json
from team_book import TeamBook

from accountcore._model import Task

TODAY = "2026-11-23"


@pytest.fixture
def book(team, ac_book_once):
    """s1 supervises m1 and m2; m1 holds c-1 (Chen), m2 holds c-2 (Zhao)."""

    def build():
        for name, manager in (("Chen", "m1"), ("Zhao", "m2")):
            customer = ["--name", name, "--kind", "individual", "--tier", "a"]
            team("customer", "add", *customer, "--manager", manager, check=True)

    ac_book_once(build)
    return team


def add(cli, *options: str, actor: str | None = "m1") -> str:
    """Add a task; its id, as a script would grep it from the line printed."""
    prefix = ["--as", actor] if actor else []
    result = cli(*prefix, "task", "add", *options)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("added task t-")
    return re.search(r"t-[0-9]+", result.stdout).group()


def tasks(cli, *options: str, actor: str | None = None) -> list[dict]:
    prefix = ["--as", actor] if actor else []
    result = cli(*prefix, "task", "list", *options, "--format", "json")
    assert result.exit_code == 0, result.output
    return out_json(result)


def ids(cli, *options: str, actor: str | None = None) -> list[str]:
    return [task["id"] for task in tasks(cli, *options, actor=actor)]


def shown(cli, task_id: str, actor: str | None = None) -> dict:
    prefix = ["--as", actor] if actor else []
    return out_json(cli(*prefix, "task", "show", task_id, "--format", "json", check=True))


def events(cli, task_id: str | None = None) -> list[dict]:
    entity = ["--entity", task_id] if task_id else []
    return out_json(cli("audit", "log", *entity, "--format", "json", check=True))


def test_a_task_is_added_listed_done_and_shown(book):
    title = ["--title", "call Mr Chen about the renewal"]
    task_id = add(book, "--customer", "c-1", "--due", "2026-12-04", *title)
    [listed] = tasks(book, actor="m1")
    assert listed["id"] == task_id
    assert (listed["customer_id"], listed["customer_name"]) == ("c-1", "Chen")
    assert (listed["assignee"], listed["created_by"], listed["created_on"]) == ("m1", "m1", TODAY)
    assert (listed["due"], listed["status"]) == ("2026-12-04", "open")
    table = book("--as", "m1", "task", "list", check=True).stdout
    assert "Chen" in table and task_id in table
    done = book("--as", "m1", "task", "done", task_id, "--note", "he renews for two years")
    assert done.exit_code == 0, done.output
    assert ids(book, actor="m1") == []  # the default list is the open tasks
    assert ids(book, "--status", "done", actor="m1") == [task_id]
    record = shown(book, task_id, actor="m1")
    assert (record["status"], record["note"], record["done_on"]) == (
        "done",
        "he renews for two years",
        TODAY,
    )
    assert record["customer_name"] == "Chen"


def test_a_cancelled_task_keeps_its_reason(book):
    task_id = add(book, "--title", "send the brochure")
    cancelled = book("--as", "m1", "task", "cancel", task_id, "--reason", "he already has one")
    assert cancelled.exit_code == 0, cancelled.output
    record = shown(book, task_id)
    assert (record["status"], record["note"], record["cancelled_on"]) == (
        "cancelled",
        "he already has one",
        TODAY,
    )
    assert ids(book, "--status", "all", actor="m1") == [task_id]
    assert ids(book, "--status", "done", actor="m1") == []


def test_the_list_is_by_due_date_the_undated_last(book):
    late = add(book, "--title", "late", "--due", "2026-12-20")
    undated = add(book, "--title", "some day")
    soon = add(book, "--title", "soon", "--due", "2026-11-25")
    overdue = add(book, "--title", "overdue", "--due", "2026-11-20")
    assert ids(book, actor="m1") == [overdue, soon, late, undated]


def test_an_escalation_to_ones_supervisor_is_in_his_list(book):
    title = "customer threatens to leave: need a retention offer"
    escalated = add(book, "--for", "s1", "--customer", "c-1", "--title", title)
    [listed] = tasks(book, actor="s1")
    assert (listed["id"], listed["assignee"], listed["created_by"]) == (escalated, "s1", "m1")
    assert listed["customer_name"] == "Chen"
    assert ids(book, actor="m1") == [escalated]  # his own list shows what he asked for
    assert ids(book, actor="m2") == []
    done = book("--as", "s1", "task", "done", escalated, "--note", "offer of 10% approved")
    assert done.exit_code == 0, done.output


def test_a_supervisor_gives_a_task_to_a_member_of_his_team(book):
    given = add(book, "--for", "m2", "--due", "2026-11-30", "--title", "visit the VIPs", actor="s1")
    assert ids(book, actor="m2") == [given]
    assert ids(book, "--for", "m2", actor="s1") == [given]
    assert ids(book, actor="s1") == [given]  # he created it
    assert ids(book, actor="m1") == []
    assert book("--as", "m2", "task", "done", given, check=True).exit_code == 0
    assert shown(book, given, actor="s1")["status"] == "done"


def test_a_supervisor_up_the_chain_takes_escalations_and_closes_his_teams_tasks(book):
    book("manager", "add", "b1", "--name", "Branch head", check=True)
    book("manager", "update", "s1", "--supervisor", "b1", check=True)
    up = add(book, "--for", "b1", "--title", "budget for the retention offer")  # m1, two levels
    own = add(book, "--title", "m1's own to-do")
    b1 = add(book, "--for", "m1", "--title", "from the branch head", actor="b1")
    # s1 sees his report's escalation, but it is b1's to close (nor m1's to close for him).
    refused = book("--as", "s1", "task", "done", up)
    assert refused.exit_code == 1 and "refused by core.task-close" in refused.stderr
    assert shown(book, up, actor="s1")["status"] == "open"
    # A supervisor above the assignee closes his task, on the assignee's behalf.
    book("--as", "s1", "task", "cancel", own, "--reason", "done by phone", check=True)
    [event] = [e for e in events(book, own) if e["action"] == "task.cancel"]
    assert (event["actor"], event["on_behalf_of"], event["reason"]) == ("s1", "m1", "done by phone")
    book("--as", "b1", "task", "done", up, check=True)
    book("--as", "s1", "task", "done", b1, check=True)


BAD = [
    (["--for", "m2", "--title", "x"], 1, "refused by core.task-assignee: --for m2"),
    (["--for", "nobody", "--title", "x"], 2, "unknown manager 'nobody'"),
    (["--customer", "c-9", "--title", "x"], 2, "unknown customer 'c-9'"),
    (["--customer", "c-2", "--title", "x"], 1, "refused by core.scope: customer c-2"),
    (["--due", "2026-13-01", "--title", "x"], 2, "'--due'"),
    (["--due", "next week", "--title", "x"], 2, "YYYY-MM-DD"),
    (["--title", "   "], 2, "--title"),
    (["--title", "two\nlines"], 2, "control character"),
]


@pytest.mark.parametrize(("options", "code", "message"), BAD, ids=[m for *_, m in BAD])
def test_a_bad_task_says_why_and_writes_nothing(book, ac_book, options, code, message):
    before = book_state(ac_book)
    result = book("--as", "m1", "task", "add", *options)
    assert result.exit_code == code, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert book_state(ac_book) == before
    assert ids(book, "--status", "all") == []


def test_the_administrator_names_whose_task_it_is(book, ac_book):
    before = book_state(ac_book)
    result = book("task", "add", "--title", "x")
    assert result.exit_code == 2 and "--for" in result.stderr
    assert book_state(ac_book) == before
    given = add(book, "--for", "m2", "--title", "from the office", actor=None)
    assert shown(book, given, actor="m2")["created_by"] == "admin"


CLOSE_BAD = [
    (["done", "t-9"], 2, "unknown task 't-9'"),
    (["done", "DONE"], 2, "already done (on 2026-11-23)"),
    (["cancel", "DONE", "--reason", "x"], 2, "already done"),
    (["cancel", "OPEN", "--reason", " "], 2, "--reason"),
    (["show", "t-9"], 2, "unknown task 't-9'"),
]


@pytest.mark.parametrize(("args", "code", "message"), CLOSE_BAD, ids=[m for *_, m in CLOSE_BAD])
def test_closing_twice_or_an_unknown_task_writes_nothing(book, ac_book, args, code, message):
    names = {"OPEN": add(book, "--title", "open"), "DONE": add(book, "--title", "done")}
    book("--as", "m1", "task", "done", names["DONE"], check=True)
    before = book_state(ac_book)
    result = book("--as", "m1", "task", *[names.get(arg, arg) for arg in args])
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert book_state(ac_book) == before


def test_a_manager_sees_neither_nor_closes_anothers_tasks(book, ac_book):
    theirs = add(book, "--customer", "c-2", "--title", "m2's own", actor="m2")
    mine = add(book, "--title", "m1's own")
    assert ids(book, actor="m1") == [mine]
    assert ids(book, "--for", "m2", "--status", "all", actor="m1") == []
    assert ids(book, "--status", "all", actor="s1") == []  # neither is his nor his
    assert ids(book, "--for", "m2", actor="s1") == [theirs]  # his team's, when he asks
    before = book_state(ac_book)
    for args in (("show", theirs), ("done", theirs), ("cancel", theirs, "--reason", "x")):
        result = book("--as", "m1", "task", *args)
        assert result.exit_code == 1, args
        assert "refused by core.scope" in result.stderr
    assert book_state(ac_book) == before
    unknown = book("--as", "m1", "task", "list", "--for", "nobody")
    assert unknown.exit_code == 2 and "unknown manager 'nobody'" in unknown.stderr


def test_the_audit_trail_holds_every_task_event(book):
    task_id = add(book, "--for", "s1", "--customer", "c-1", "--title", "need an offer")
    book("--as", "s1", "task", "done", task_id, "--note", "offered", check=True)
    trail = events(book, task_id)
    assert [(e["action"], e["actor"]) for e in trail] == [("task.add", "m1"), ("task.done", "s1")]
    assert trail[0]["after"]["title"] == "need an offer"
    assert (trail[1]["before"]["status"], trail[1]["after"]["status"]) == ("open", "done")
    # A supervisor reads his team's task events; the book verifies against the trail.
    as_s1 = out_json(book("--as", "s1", "audit", "log", "--format", "json", check=True))
    assert {e["entity_id"] for e in as_s1 if e["entity"] == "task"} == {task_id}
    assert "intact" in book("audit", "verify", check=True).stdout


def test_a_task_changed_outside_the_trail_is_named(book, ac_book):
    import sqlite3

    task_id = add(book, "--title", "honest")
    with sqlite3.connect(ac_book) as con:
        con.execute("UPDATE tasks SET status = 'done' WHERE id = ?", (task_id,))
    failed = book("audit", "verify")
    assert failed.exit_code == 1 and f"task {task_id}" in failed.stderr


def test_the_agendas_lists(book, ac_app):
    book("manager", "add", "m3", "--name", "Wu", check=True)
    own_soon = add(book, "--title", "soon", "--due", "2026-11-25")
    own_later = add(book, "--title", "later", "--due", "2026-12-25")
    own_undated = add(book, "--title", "undated")
    up = add(book, "--for", "s1", "--title", "escalated")
    s1_own = add(book, "--title", "s1's own", actor="s1")
    overdue = add(book, "--for", "m2", "--due", "2026-11-22", "--title", "late", actor="s1")
    add(book, "--for", "m2", "--due", "2026-11-23", "--title", "due today", actor="s1")
    add(book, "--for", "m3", "--due", "2026-11-01", "--title", "not s1's team", actor=None)
    done = add(book, "--due", "2026-11-20", "--title", "done", actor="m2")
    book("--as", "m2", "task", "done", done, check=True)

    from accountcore._services import tasks as service

    def listed(actor: str | None, found: Iterator[Task]) -> list[str]:
        return [task.id for task in found]

    m1, s1 = ac_app.evolve(actor="m1"), ac_app.evolve(actor="s1")
    week = dt.date(2026, 11, 30)
    assert listed("m1", service.open_tasks(m1, week)) == [own_soon, own_undated]
    assert listed("m1", service.open_tasks(m1, dt.date(2026, 12, 31))) == [
        own_soon,
        own_later,
        own_undated,
    ]
    assert listed("s1", service.open_tasks(s1, week)) == [up, s1_own]
    assert listed("s1", service.escalated_tasks(s1)) == [up]
    assert listed("m1", service.escalated_tasks(m1)) == []
    assert listed("s1", service.team_overdue_tasks(s1)) == [overdue]
    assert listed("m1", service.team_overdue_tasks(m1)) == []
    for app in (m1, s1):
        app.close()


def test_tasks_survive_a_book_copy(book, ac_book, tmp_path):
    task_id = add(book, "--customer", "c-1", "--title", "copied with the book")
    copy = tmp_path / "copy.db"
    result = book("book", "copy", "--from", str(ac_book), "--to", str(copy))
    assert result.exit_code == 0, result.output
    again = book("--book", str(copy), "--as", "m1", "task", "show", task_id, "--format", "json")
    assert json.loads(again.stdout)["title"] == "copied with the book"
    assert add(book, "--title", "next", actor="m1") != task_id


@pytest.mark.postgres
def test_tasks_go_to_postgresql_and_back_with_the_book(book, ac_book, tmp_path, pg_book):
    add(book, "--customer", "c-1", "--due", "2026-12-01", "--title", "there and back")
    done = add(book, "--for", "s1", "--title", "escalated")
    book("--as", "s1", "task", "done", done, "--note", "ok", check=True)
    back = tmp_path / "back.db"
    for source, target in ((str(ac_book), pg_book.admin), (pg_book.admin, str(back))):
        result = book("book", "copy", "--from", source, "--to", target)
        assert result.exit_code == 0, result.output
    here = book("task", "list", "--status", "all", "--format", "json", check=True).stdout
    for where in (pg_book.admin, str(back)):
        there = book("--book", where, "task", "list", "--status", "all", "--format", "json")
        assert there.exit_code == 0, there.output
        assert json.loads(there.stdout) == json.loads(here)
    assert "intact" in book("--book", str(back), "audit", "verify", check=True).stdout


@pytest.mark.postgres
def test_on_a_team_book_the_server_holds_tasks_to_the_team(pg_team: TeamBook) -> None:
    s1, m1, m2 = pg_team.roles
    as_m1 = pg_team.url(m1)
    added = pg_team.ok(
        "task", "add", "--for", "s1", "--customer", "c-2", "--title", "up", book=as_m1
    )
    escalated = re.search(r"t-[0-9]+", added).group()
    pg_team.ok("task", "add", "--title", "m2's", book=pg_team.url(m2))
    count = "SELECT string_agg(title, ',' ORDER BY title) FROM tasks"
    assert pg_team.psql(m1, count).stdout.strip() == "up"
    assert pg_team.psql(m2, count).stdout.strip() == "m2's"
    assert pg_team.psql(s1, count).stdout.strip() == "up"
    # The server refuses a task in another manager's name, and one it would not show.
    forged = "INSERT INTO tasks (seq, id, title, assignee, created_by, created_on, status)"
    refused = pg_team.psql(
        m1, f"{forged} VALUES (99, 't-99', 'x', 'm1', 's1', '2026-11-23', 'open')"
    )
    assert refused.returncode != 0 and "row-level security" in refused.stderr
    assert (
        pg_team.psql(m1, "UPDATE tasks SET title = 'x' WHERE assignee = 'm2'").stdout
        == "UPDATE 0\n"
    )
    assert pg_team.sql("SELECT id, title FROM tasks ORDER BY seq") == [
        (escalated, "up"),
        ("t-2", "m2's"),
    ]
    listed = json.loads(pg_team.ok("task", "list", "--format", "json", book=pg_team.url(s1)))
    assert [(t["id"], t["customer_name"]) for t in listed] == [(escalated, "m1 customer")]
    pg_team.ok("task", "done", escalated, "--note", "offer approved", book=pg_team.url(s1))
    assert "audit trail intact" in pg_team.ok("audit", "verify")
