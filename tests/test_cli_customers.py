"""customer add | list | show | update, through the CLI, with plugin profiles."""

import csv
import io
import itertools

import pytest
from conftest import out_json

CHEN = [
    "customer",
    "add",
    "--name",
    "Chen Hua",
    "--kind",
    "individual",
    "--tier",
    "vip",
    "--manager",
    "m1",
    "--birthday",
    "1980-11-23",
    "--phone",
    "13800138000",
    "--set",
    "telecom.msisdn=13800138000",
]


def test_add_show_update_round_trip(team, customers):
    result = team(*CHEN)
    assert result.exit_code == 0, result.output
    assert "c-1" in result.stdout
    [chen] = customers()
    assert chen["id"] == "c-1"
    assert chen["name"] == "Chen Hua"
    assert chen["tier"] == "vip"
    assert chen["birthday"] == "1980-11-23"
    assert chen["created_on"] == "2026-11-23"
    # telecom.msisdn is personal data: masked like the customer's phone.
    assert chen["profiles"] == {"telecom": {"msisdn": "138****8000", "arrears_amount": "0"}}
    updated = team("customer", "update", "c-1", "--tier", "a", "--set", "telecom.lines=2")
    assert updated.exit_code == 0, updated.output
    shown = out_json(team("customer", "show", "c-1", "--format", "json"))
    assert shown["tier"] == "a"
    assert shown["profiles"]["telecom"]["lines"] == 2
    assert shown["profiles"]["telecom"]["msisdn"] == "138****8000"
    revealed = out_json(team("customer", "show", "c-1", "--reveal", "--format", "json"))
    assert revealed["profiles"]["telecom"]["msisdn"] == "13800138000"


def test_show_formats(team):
    team(*CHEN, check=True)
    table = team("customer", "show", "c-1").stdout
    assert any(
        line.split() == ["profiles.telecom.msisdn", "138****8000"] for line in table.splitlines()
    )
    rows = list(
        csv.DictReader(io.StringIO(team("customer", "show", "c-1", "--format", "csv").stdout))
    )
    assert rows[0]["profiles.telecom.msisdn"] == "138****8000"
    assert rows[0]["tier"] == "vip"


def test_list_formats_and_filters(team, customers):
    team(*CHEN, check=True)
    team(
        "customer",
        "add",
        "--name",
        "Huaxin Co.",
        "--kind",
        "corporate",
        "--tier",
        "b",
        "--manager",
        "m2",
        "--contact",
        "Wang Wei;CFO;13700001111",
        "--key-contact",
        "Wang Wei",
        check=True,
    )
    assert [c["id"] for c in customers()] == ["c-1", "c-2"]
    corporate = out_json(team("customer", "list", "--kind", "corporate", "--format", "json"))
    assert [c["name"] for c in corporate] == ["Huaxin Co."]
    assert corporate[0]["contacts"] == [
        {"name": "Wang Wei", "role": "CFO", "phone": "137****1111", "key": True}
    ]
    by_manager = out_json(team("customer", "list", "--manager", "m1", "--format", "json"))
    assert [c["id"] for c in by_manager] == ["c-1"]
    with_telecom = out_json(team("customer", "list", "--profile", "telecom", "--format", "json"))
    assert [c["id"] for c in with_telecom] == ["c-1"]
    table = team("customer", "list").stdout.splitlines()
    assert table[0].split()[:4] == ["id", "name", "kind", "tier"]
    assert len(table) == 4
    rows = list(csv.DictReader(io.StringIO(team("customer", "list", "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == ["c-1", "c-2"]
    assert team("customer", "list", "--tier", "c", "--format", "json").stdout.split() == ["[", "]"]


def test_ids_are_generated_and_never_reused(team, customers, ac_book):
    import sqlite3

    team(*CHEN, check=True)
    team(*CHEN, check=True)
    with sqlite3.connect(ac_book) as con:
        con.execute("DELETE FROM customers WHERE id = 'c-2'")
    team(*CHEN, check=True)
    assert [c["id"] for c in customers()] == ["c-1", "c-3"]


BAD_INPUT = [
    (["--set", "telecom.no_such_field=1"], "no field 'no_such_field'"),
    (["--set", "telecom.msisdn=123"], "telecom.msisdn: must be 11 digits"),
    (["--set", "telecom.lines=many"], "telecom.lines: expected a whole number"),
    (["--set", "telecom.real_name_verified=perhaps"], "expected true or false"),
    (["--set", "insurance.policy=1"], "unknown profile 'insurance'"),
    (["--set", "telecom"], "expected PLUGIN.FIELD=VALUE"),
    (["--set", "securities.disclosures=star-market,moon"], "disclosures"),
    (["--set", "wealth.risk_level=C9"], "expected one of C1, C2, C3, C4, C5"),
    (["--birthday", "1980-13-45"], "expected a date as YYYY-MM-DD"),
    (["--birthday", "2030-01-01"], "after today"),
    (["--phone", "call me"], "--phone"),
    (["--email", "nobody"], "--email"),
]


@pytest.mark.parametrize(("extra", "message"), BAD_INPUT, ids=[m for _, m in BAD_INPUT])
def test_bad_input_exits_2_names_the_field_and_writes_nothing(team, customers, extra, message):
    base = [
        "customer",
        "add",
        "--name",
        "X",
        "--kind",
        "individual",
        "--tier",
        "vip",
        "--manager",
        "m1",
    ]
    result = team(*base, *extra)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert customers() == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tier", "gold", "--manager", "m1"], "'gold' is not one of"),
        (["--tier", "vip", "--manager", "nobody"], "unknown manager 'nobody'"),
    ],
)
def test_bad_tier_or_manager(team, customers, args, message):
    result = team("customer", "add", "--name", "X", "--kind", "individual", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert customers() == []


def test_refused_update_leaves_the_file_as_it_was(team):
    team(*CHEN, check=True)
    before = team("customer", "show", "c-1", "--format", "json").stdout
    result = team("customer", "update", "c-1", "--tier", "a", "--set", "telecom.msisdn=1")
    assert result.exit_code == 2
    assert team("customer", "show", "c-1", "--format", "json").stdout == before


def test_update_clears_and_unsets(team):
    team(*CHEN, "--email", "chen@example.com", check=True)
    team(
        "customer",
        "update",
        "c-1",
        "--email",
        "",
        "--unset",
        "telecom.msisdn",
        "--refuse",
        "sms",
        check=True,
    )
    shown = out_json(team("customer", "show", "c-1", "--format", "json"))
    assert shown["email"] is None
    assert "msisdn" not in shown["profiles"]["telecom"]
    assert shown["consent"] == ["sms"]
    team("customer", "update", "c-1", "--allow", "sms", check=True)
    assert out_json(team("customer", "show", "c-1", "--format", "json"))["consent"] == []


def test_unknown_customer(team):
    for command in (["customer", "show", "c-99"], ["customer", "update", "c-99", "--tier", "a"]):
        result = team(*command)
        assert result.exit_code == 2
        assert "unknown customer 'c-99'" in result.stderr


def test_a_manager_sees_only_his_customers(team, customers):
    team(*CHEN, check=True)
    team(
        "customer",
        "add",
        "--name",
        "Other",
        "--kind",
        "individual",
        "--tier",
        "c",
        "--manager",
        "m2",
        check=True,
    )
    assert [c["id"] for c in customers("--as", "m1")] == ["c-1"]
    refused = team("--as", "m1", "customer", "show", "c-2")
    assert refused.exit_code == 1
    assert "core.scope" in refused.stderr
    assert team("--as", "ghost", "customer", "list").exit_code == 2


def test_every_change_is_audited_and_chained(team, ac_app):
    from accountcore._services import audit_chain as chain

    team(*CHEN, check=True)
    team("customer", "update", "c-1", "--tier", "a", check=True)
    team("customer", "update", "c-1", "--tier", "a", check=True)  # no change, no event
    events = list(ac_app.store.iter_events())
    assert [e.action for e in events] == [
        "manager.add",
        "manager.add",
        "manager.add",
        "customer.add",
        "customer.update",
    ]
    assert events[-1].before["tier"] == "vip" and events[-1].after["tier"] == "a"
    assert events[0].prev_hash == chain.GENESIS
    for previous, event in itertools.pairwise(events):
        assert event.prev_hash == previous.hash
        assert chain.event_hash(event) == event.hash
