"""A team book on PostgreSQL: the server says who acts and holds each role to its scope.

Each test has its own database and roles on the real server (``pg_team`` fixture:
supervisor s1 over m1, and m2, each with a role and one customer).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from team_book import TeamBook, today

pytestmark = pytest.mark.postgres


def names(output: str) -> set[str]:
    return {customer["name"] for customer in json.loads(output)}


def test_a_managers_role_acts_as_him_and_lists_his_customers(pg_team: TeamBook) -> None:
    m1 = pg_team.url(pg_team.roles[1])
    assert names(pg_team.ok("customer", "list", "--format", "json", book=m1)) == {"m1 customer"}
    s1 = pg_team.url(pg_team.roles[0])
    listed = names(pg_team.ok("customer", "list", "--format", "json", book=s1))
    assert listed == {"s1 customer", "m1 customer"}  # a supervisor's team
    new = ["--name", "new", "--kind", "individual", "--tier", "b", "--manager", "m1"]
    pg_team.ok("customer", "add", *new, book=m1)
    actors = pg_team.sql("SELECT actor FROM audit_events WHERE action = 'customer.add'")
    assert actors[-1] == ("m1",)


def test_a_managers_role_may_not_act_as_another(pg_team: TeamBook) -> None:
    result = pg_team.run("--as", "m2", "customer", "list", book=pg_team.url(pg_team.roles[1]))
    assert result.exit_code == 1
    assert "postgres.as-refused" in result.output and "m1" in result.output


def test_a_role_mapped_to_no_manager_gets_a_clear_error(pg_team: TeamBook) -> None:
    stranger = pg_team.role("stranger")
    pg_team.sql(f"CREATE ROLE {stranger} LOGIN")
    result = pg_team.run("customer", "list", book=pg_team.url(stranger))
    assert result.exit_code == 1
    assert f"role {stranger} logs in as no active manager" in result.output
    assert "Traceback" not in result.output


def test_the_administrator_acting_for_a_manager_is_recorded_so(pg_team: TeamBook) -> None:
    listed = pg_team.ok("--as", "m2", "customer", "list", "--format", "json")
    assert names(listed) == {"m2 customer"}  # the administrator sees what m2 sees
    pg_team.ok("--as", "m2", "customer", "update", "c-3", "--tier", "b")
    event = pg_team.sql(
        "SELECT actor, on_behalf_of FROM audit_events WHERE action = 'customer.update'"
    )
    assert event == [("admin", "m2")]


def test_under_psql_each_role_sees_exactly_its_scope(pg_team: TeamBook) -> None:
    s1, m1, m2 = pg_team.roles
    count = "SELECT string_agg(name, ',' ORDER BY name) FROM customers"
    assert pg_team.psql(m1, count).stdout.strip() == "m1 customer"
    assert pg_team.psql(m2, count).stdout.strip() == "m2 customer"
    assert pg_team.psql(s1, count).stdout.strip() == "m1 customer,s1 customer"
    pg_team.ok("--as", "m2", "visit", "log", "c-3", "--purpose", "care", "--channel", "phone")
    visits = "SELECT count(*) FROM visits"
    assert pg_team.psql(m1, visits).stdout.strip() == "0"
    assert pg_team.psql(m2, visits).stdout.strip() == "1"


def test_a_delegation_in_force_today_opens_the_delegators_customers(pg_team: TeamBook) -> None:
    m1 = pg_team.roles[1]
    sql = "SELECT count(*) FROM customers WHERE manager = 'm2'"
    assert pg_team.psql(m1, sql).stdout.strip() == "0"
    day = today().isoformat()
    pg_team.ok("delegate", "m2", "m1", "--start", day, "--end", day, "--reason", "leave")
    assert pg_team.psql(m1, sql).stdout.strip() == "1"
    # The server's date decides: a delegation that ended yesterday opens nothing.
    pg_team.sql('UPDATE delegations SET "end" = %s', (today() - dt.timedelta(days=1)).isoformat())
    assert pg_team.psql(m1, sql).stdout.strip() == "0"


def test_personal_data_is_not_readable_by_a_managers_role(pg_team: TeamBook) -> None:
    m1 = pg_team.roles[1]
    denied = pg_team.psql(m1, "SELECT phone FROM customers")
    assert denied.returncode != 0 and "permission denied" in denied.stderr
    assert pg_team.psql(m1, "SELECT phone FROM customer_directory").stdout.strip() == ""
    # Through the core he sees his customer's file (masked), and a change keeps the phone.
    url = pg_team.url(m1)
    assert "138****0002" in pg_team.ok("customer", "show", "c-2", book=url)
    pg_team.ok("customer", "update", "c-2", "--tier", "b", book=url)
    assert pg_team.sql("SELECT phone, tier FROM customers WHERE id = 'c-2'") == [
        ("13800000002", "b")
    ]
    assert pg_team.sql("SELECT login, customer FROM personal_reads")[0] == (m1, "c-2")
    # Another manager's customer is not there at all.
    assert pg_team.run("customer", "show", "c-3", book=url).exit_code == 2


def test_manager_roles_append_events_and_change_none(pg_team: TeamBook) -> None:
    m1 = pg_team.roles[1]
    before = pg_team.sql("SELECT count(*), max(hash) FROM audit_events")
    for sql in (
        "DELETE FROM audit_events",
        "UPDATE audit_events SET reason = 'x'",
        "TRUNCATE audit_events",
        "SELECT after FROM audit_events",
        "INSERT INTO audit_events (seq, at, actor, action, entity, entity_id, prev_hash, hash)"
        " VALUES (999, 'now', 'm2', 'x', 'x', 'x', 'x', 'x')",  # in another manager's name
    ):
        assert pg_team.psql(m1, sql).returncode != 0, sql
    assert pg_team.sql("SELECT count(*), max(hash) FROM audit_events") == before
    # Not even the owner changes an event.
    import psycopg

    with pytest.raises(psycopg.Error, match="append-only"):
        pg_team.sql("DELETE FROM audit_events")
    assert "audit trail intact" in pg_team.ok("audit", "verify")


def test_a_managers_role_reading_the_trail_is_told_in_one_line(pg_team: TeamBook) -> None:
    result = pg_team.run("audit", "log", book=pg_team.url(pg_team.roles[0]))  # s1 has a pg_team
    assert result.exit_code == 1
    assert "postgres.privilege" in result.output and "Traceback" not in result.output


def test_login_grants_an_existing_role_and_refuses_a_superuser(pg_book: TeamBook) -> None:
    pg_book.ok("init")
    role = pg_book.role("li")
    pg_book.sql(f"CREATE ROLE {role} LOGIN")
    pg_book.ok("manager", "add", "li", "--name", "Li", "--login", role)
    assert (
        names(pg_book.ok("customer", "list", "--format", "json", book=pg_book.url(role))) == set()
    )
    refused = pg_book.run("manager", "add", "boss", "--name", "Boss", "--login", "postgres")
    assert refused.exit_code == 1 and "postgres.privileged-role" in refused.output
    assert pg_book.sql("SELECT count(*) FROM managers WHERE id = 'boss'") == [(0,)]


def test_login_on_an_sqlite_book_is_bad_input(ac_cli) -> None:
    result = ac_cli("manager", "add", "m9", "--name", "Nine", "--login", "nine")
    assert result.exit_code == 2
    assert "SQLite file" in result.stderr


def test_a_managers_role_reads_the_stored_risks_of_his_customers_only(pg_team: TeamBook) -> None:
    risky = ["--set", "telecom.contract=month-to-month", "--set", "telecom.competitor_contact=true"]
    for customer in ("c-1", "c-2", "c-3"):
        pg_team.ok("customer", "update", customer, *risky)
    pg_team.ok("care", "run")
    m1 = pg_team.url(pg_team.roles[1])
    asked = ("retention", "risks", "--format", "json")
    stored = json.loads(pg_team.ok(*asked, book=m1))
    assert stored == json.loads(pg_team.ok(*asked, "--fresh", book=m1))
    assert {risk["manager"] for risk in stored} == {"m1"}
    everyone = json.loads(pg_team.ok(*asked))
    assert {risk["manager"] for risk in everyone} == {"s1", "m1", "m2"}
    seen = pg_team.psql(pg_team.roles[2], "SELECT count(*) FROM retention_scores")
    assert seen.stdout.strip() == "1"
