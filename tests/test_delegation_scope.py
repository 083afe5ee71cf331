"""Ownership, supervisors, deputies, masking, reveals and the audit trail."""

import json
import sqlite3

import pytest
from conftest import out_json


@pytest.fixture
def branch(team, ac_book_once):
    """s1 supervises m1 and m2; m3 is in another team; each holds one customer."""

    def build():
        team("manager", "add", "s2", "--name", "Other Boss", check=True)
        team("manager", "add", "m3", "--name", "Guo Jing", "--supervisor", "s2", check=True)
        for name, manager, phone in (
            ("Chen", "m1", "13800138000"),
            ("Zhao", "m2", "13600001234"),
            ("Xu", "m3", "13100003333"),
        ):
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
                "--phone",
                phone,
                "--email",
                f"{name.lower()}@example.com",
                "--id-number",
                "110101198001011234",
                "--address",
                "No. 8 Fuxing Road, Beijing",
                check=True,
            )

    ac_book_once(build)
    return team


def visible(cli, actor, today="2026-11-23"):
    result = cli("--as", actor, "--today", today, "customer", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    return [c["id"] for c in out_json(result)]


def events(cli):
    return out_json(cli("audit", "log", "--format", "json"))


def test_responsibilities_of_the_core_and_the_plugins(ac_cli):
    duties = out_json(ac_cli("responsibility", "list", "--format", "json"))
    by_code = {d["code"]: d["plugin"] for d in duties}
    for code in (
        "information-collection",
        "development",
        "care",
        "complaint-handling",
        "retention",
        "file-management",
        "coordination",
        "visits",
    ):
        assert by_code[code] == "core"
    assert by_code["real-name-verification"] == "telecom"
    assert by_code["suitability-review"] == "wealth"
    assert by_code["kyc-review"] == "securities"


def test_who_sees_whom(branch):
    assert visible(branch, "m1") == ["c-1"]
    assert visible(branch, "m2") == ["c-2"]
    assert visible(branch, "s1") == ["c-1", "c-2"]
    assert visible(branch, "s2") == ["c-3"]
    assert [c["id"] for c in out_json(branch("customer", "list", "--format", "json"))] == [
        "c-1",
        "c-2",
        "c-3",
    ]
    refused = branch("--as", "m1", "customer", "show", "c-2")
    assert refused.exit_code == 1 and "core.scope" in refused.stderr
    assert branch("--as", "s1", "customer", "show", "c-3").exit_code == 1
    assert branch("--as", "s1", "customer", "update", "c-1", "--tier", "b").exit_code == 0


def test_a_deputy_holds_the_duties_for_the_period_and_no_longer(branch):
    made = branch(
        "delegate",
        "m1",
        "m2",
        "--start",
        "2026-12-01",
        "--end",
        "2026-12-14",
        "--reason",
        "annual leave",
    )
    assert made.exit_code == 0, made.output
    assert visible(branch, "m2", "2026-11-30") == ["c-2"]
    assert visible(branch, "m2", "2026-12-01") == ["c-1", "c-2"]
    assert visible(branch, "m2", "2026-12-14") == ["c-1", "c-2"]
    assert visible(branch, "m2", "2026-12-15") == ["c-2"]
    after = branch("--as", "m2", "--today", "2026-12-20", "customer", "show", "c-1")
    assert after.exit_code == 1
    inside = branch(
        "--as", "m2", "--today", "2026-12-03", "customer", "update", "c-1", "--tier", "vip"
    )
    assert inside.exit_code == 0
    [event] = [e for e in events(branch) if e["action"] == "customer.update"]
    assert (event["actor"], event["on_behalf_of"]) == ("m2", "m1")
    active = out_json(
        branch("--today", "2026-12-03", "delegation", "list", "--active", "--format", "json")
    )
    assert [(d["from_manager"], d["to_manager"]) for d in active] == [("m1", "m2")]
    assert (
        out_json(
            branch("--today", "2026-12-20", "delegation", "list", "--active", "--format", "json")
        )
        == []
    )


def test_a_partial_delegation_moves_only_the_named_duties(branch):
    branch(
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
        "--responsibility",
        "complaint-handling",
        check=True,
    )
    assert branch("--as", "m2", "customer", "show", "c-1").exit_code == 0
    refused = branch("--as", "m2", "customer", "update", "c-1", "--tier", "b")
    assert refused.exit_code == 1
    assert "core.delegation-scope" in refused.stderr
    assert "care, complaint-handling" in refused.stderr


def test_ending_a_delegation_takes_the_rights_back_today(branch):
    branch(
        "delegate",
        "m1",
        "m2",
        "--start",
        "2026-11-20",
        "--end",
        "2026-12-31",
        "--reason",
        "illness",
        check=True,
    )
    assert visible(branch, "m2") == ["c-1", "c-2"]
    assert branch("delegation", "end", "d-1", "--reason", "back early").exit_code == 0
    assert visible(branch, "m2") == ["c-2"]
    again = branch("delegation", "end", "d-1")
    assert again.exit_code == 2 and "already ended" in again.stderr


BAD_DELEGATIONS = [
    (["m1", "m1"], 2, "himself"),
    (["m1", "ghost"], 2, "unknown manager 'ghost'"),
    (["m1", "m2", "--end", "2026-11-30"], 2, "before --start"),
    (["m1", "m2", "--responsibility", "flying"], 2, "--responsibility flying"),
    (["m1", "m2", "--as-actor", "m3"], 1, "core.delegation-scope"),
]


@pytest.mark.parametrize(
    ("args", "code", "message"), BAD_DELEGATIONS, ids=[m for *_, m in BAD_DELEGATIONS]
)
def test_bad_delegations_are_refused_and_write_nothing(branch, args, code, message):
    before = len(events(branch))
    prefix = []
    if "--as-actor" in args:
        i = args.index("--as-actor")
        prefix, args = ["--as", args[i + 1]], args[:i]
    dates = {"--start": "2026-12-01", "--end": "2026-12-14"}
    for option in args:
        dates.pop(option, None) if option in dates else None
    extra = [x for k, v in dates.items() for x in (k, v)]
    result = branch(*prefix, "delegate", *args, *extra, "--reason", "leave")
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert len(events(branch)) == before
    assert out_json(branch("delegation", "list", "--format", "json")) == []


def test_overlap_inactive_and_absent_deputies_are_refused(branch):
    branch(
        "delegate",
        "m1",
        "m2",
        "--start",
        "2026-12-01",
        "--end",
        "2026-12-14",
        "--reason",
        "leave",
        check=True,
    )
    overlap = branch(
        "delegate",
        "m1",
        "s1",
        "--start",
        "2026-12-10",
        "--end",
        "2026-12-20",
        "--reason",
        "more leave",
    )
    assert overlap.exit_code == 1 and "core.delegation-overlap" in overlap.stderr
    absent = branch(
        "delegate",
        "s1",
        "m1",
        "--start",
        "2026-12-05",
        "--end",
        "2026-12-06",
        "--reason",
        "conference",
    )
    assert absent.exit_code == 1 and "core.deputy-absent" in absent.stderr
    branch("manager", "update", "m3", "--inactive", check=True)
    inactive = branch(
        "delegate", "m2", "m3", "--start", "2026-12-20", "--end", "2026-12-21", "--reason", "leave"
    )
    assert inactive.exit_code == 2 and "inactive" in inactive.stderr
    assert len(out_json(branch("delegation", "list", "--format", "json"))) == 1


def test_assigning_a_customer(branch):
    moved = branch(
        "--as", "s1", "customer", "assign", "c-1", "--manager", "m2", "--reason", "territory change"
    )
    assert moved.exit_code == 0, moved.output
    assert visible(branch, "m2") == ["c-1", "c-2"]
    outside = branch("--as", "s1", "customer", "assign", "c-2", "--manager", "m3", "--reason", "x")
    assert outside.exit_code == 1 and "core.assign-scope" in outside.stderr
    by_manager = branch(
        "--as", "m2", "customer", "assign", "c-2", "--manager", "m1", "--reason", "x"
    )
    assert by_manager.exit_code == 1
    [event] = [e for e in events(branch) if e["action"] == "customer.assign"]
    assert event["reason"] == "territory change"
    assert (event["before"]["manager"], event["after"]["manager"]) == ("m1", "m2")


def test_personal_data_is_masked_in_every_format(branch):
    for fmt in ("table", "json", "csv"):
        for command in (["customer", "list"], ["customer", "show", "c-1"]):
            out = branch(*command, "--format", fmt).stdout
            for secret in ("13800138000", "chen@example.com", "110101198001011234", "Fuxing Road"):
                assert secret not in out, (fmt, command, secret)
    shown = out_json(branch("customer", "show", "c-1", "--format", "json"))
    assert shown["phone"] == "138****8000"
    assert shown["email"] == "c***@example.com"
    assert shown["id_number"] == "1101**********1234"


def test_a_reveal_shows_everything_and_is_audited(branch):
    before = len(events(branch))
    shown = out_json(
        branch("--as", "m1", "customer", "show", "c-1", "--reveal", "--format", "json")
    )
    assert shown["phone"] == "13800138000"
    assert shown["id_number"] == "110101198001011234"
    log = events(branch)
    assert len(log) == before + 1
    assert (log[-1]["action"], log[-1]["actor"], log[-1]["entity_id"]) == (
        "customer.reveal",
        "m1",
        "c-1",
    )
    refused = branch("--as", "m2", "customer", "show", "c-1", "--reveal")
    assert refused.exit_code == 1
    assert len(events(branch)) == before + 1


def test_one_event_per_change(branch):
    changes = [
        ["customer", "update", "c-1", "--tier", "vip"],
        ["delegate", "m1", "m2", "--start", "2026-12-01", "--end", "2026-12-02", "--reason", "x"],
        ["delegation", "end", "d-1"],
        ["customer", "assign", "c-1", "--manager", "m2", "--reason", "x"],
        ["manager", "update", "m2", "--target", "12"],
        ["customer", "show", "c-2", "--reveal"],
    ]
    for command in changes:
        before = len(events(branch))
        assert branch(*command).exit_code == 0, command
        assert len(events(branch)) == before + 1, command
    for reading in (["customer", "list"], ["audit", "verify"], ["delegation", "list"]):
        before = len(events(branch))
        branch(*reading, check=True)
        assert len(events(branch)) == before


def test_verify_finds_an_altered_or_removed_event(branch, ac_book):
    intact = branch("audit", "verify")
    assert intact.exit_code == 0 and "intact" in intact.stdout
    with sqlite3.connect(ac_book) as con:
        # The database refuses; an attacker who can write the file drops the guard first.
        con.execute("DROP TRIGGER audit_events_no_update")
        con.execute("DROP TRIGGER audit_events_no_delete")
        after = json.loads(
            con.execute("SELECT after FROM audit_events WHERE seq = 6").fetchone()[0]
        )
        after["tier"] = "vip"
        con.execute(
            "UPDATE audit_events SET after = ? WHERE seq = 6", (json.dumps(after, sort_keys=True),)
        )
    altered = branch("audit", "verify")
    assert altered.exit_code == 1
    assert "event 6 (customer.add c-1)" in altered.stderr
    with sqlite3.connect(ac_book) as con:
        con.execute("DELETE FROM audit_events WHERE seq = 6")
    gap = branch("audit", "verify")
    assert gap.exit_code == 1 and "missing" in gap.stderr


def test_the_audit_trail_is_for_supervisors_and_the_administrator(branch):
    assert branch("--as", "m1", "audit", "log").exit_code == 1
    assert branch("--as", "s1", "audit", "verify").exit_code == 0


def test_manager_updates(branch):
    loop = branch("manager", "update", "s1", "--supervisor", "m1")
    assert loop.exit_code == 2 and "loop" in loop.stderr
    assert branch("--as", "s1", "manager", "update", "m1", "--target", "10").exit_code == 1
    branch("manager", "update", "m1", "--target", "20", "--name", "Li Na (senior)", check=True)
    shown = out_json(branch("manager", "show", "m1", "--format", "json"))
    assert (shown["target"], shown["name"]) == (20, "Li Na (senior)")
