"""agreement sign | list | show | terminate through the CLI: lifecycle, refusals, overrides."""

import sqlite3

import pytest
from conftest import out_json

# A C3 ordinary investor with a valid assessment: R3 passes, R4 needs an override.
INVESTOR = [
    "--set",
    "securities.investor_type=ordinary",
    "--set",
    "securities.risk_level=C3",
    "--set",
    "securities.lowest_category=false",
    "--set",
    "securities.questionnaire_date=2026-01-10",
]
SAVER = [
    "--set",
    "wealth.risk_level=C3",
    "--set",
    "wealth.questionnaire_date=2026-06-01",
]


@pytest.fixture
def book(team, ac_book_once):
    """s1 supervises m1 and m2; c-1 (m1) invests, c-2 (m2) saves, c-3 (m1) has no profile."""

    def build():
        for name, manager, profile in (
            ("Wang Fang", "m1", INVESTOR),
            ("Zhao Lei", "m2", SAVER),
            ("Sun Mei", "m1", []),
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
                "--birthday",
                "1975-03-02",
                *profile,
                check=True,
            )

    ac_book_once(build)
    return team


def agreements(cli, *args):
    return out_json(cli(*args, "agreement", "list", "--format", "json", check=True))


def events(cli):
    return out_json(cli("audit", "log", "--format", "json", check=True))


def sequences(ac_book):
    with sqlite3.connect(ac_book) as db:
        return dict(db.execute("SELECT name, last FROM sequences"))


def test_signing_stores_the_agreement_with_its_findings_and_one_event(book):
    before = len(events(book))
    result = book("agreement", "sign", "c-1", "securities.fund.mixed")
    assert result.exit_code == 0, result.output
    assert "signed a-1" in result.stdout
    shown = out_json(book("agreement", "show", "a-1", "--format", "json"))
    assert (shown["status"], shown["start"], shown["end"], shown["signed_on"]) == (
        "active",
        "2026-11-23",
        None,
        "2026-11-23",
    )
    assert shown["manager"] == "m1"
    log = events(book)
    assert len(log) == before + 1
    assert (log[-1]["action"], log[-1]["entity_id"], log[-1]["after"]["product"]) == (
        "agreement.sign",
        "a-1",
        "securities.fund.mixed",
    )


def test_warnings_are_shown_and_kept_with_the_agreement(book):
    book("customer", "update", "c-1", "--set", "securities.risk_level=C4", check=True)
    result = book("agreement", "sign", "c-1", "securities.fund.equity")
    assert result.exit_code == 0, result.output
    assert "securities.high-risk-ordinary" in result.stdout
    [kept] = out_json(book("agreement", "show", "a-1", "--format", "json"))["findings"]
    assert (kept["rule"], kept["severity"], kept["agreement"], kept["plugin"]) == (
        "securities.high-risk-ordinary",
        "warn",
        "a-1",
        "securities",
    )
    assert "Art. 20" in kept["source"]


def test_the_end_defaults_from_the_product_term(book):
    book("agreement", "sign", "c-2", "wealth.fixed-income", check=True)
    assert agreements(book)[0]["end"] == "2027-11-22"
    book("agreement", "sign", "c-2", "wealth.fixed-income", "--start", "2027-01-31", check=True)
    assert agreements(book)[1]["end"] == "2028-01-30"
    book("agreement", "sign", "c-2", "wealth.cash", "--end", "2027-03-31", check=True)
    assert agreements(book)[2]["end"] == "2027-03-31"


def test_a_later_start_is_signed_then_active_then_expired(book):
    book("agreement", "sign", "c-2", "wealth.fixed-income", "--start", "2026-12-01", check=True)

    def status(today):
        return [a["status"] for a in agreements(book, "--today", today)]

    assert status("2026-11-23") == ["signed"]
    assert status("2026-12-01") == ["active"]
    assert status("2027-11-30") == ["active"]
    assert status("2027-12-01") == ["expired"]
    shown = out_json(book("--today", "2027-12-01", "agreement", "show", "a-1", "--format", "json"))
    assert shown["status"] == "expired"


def test_list_filters_by_status_today_customer_and_manager(book):
    book("agreement", "sign", "c-2", "wealth.fixed-income", check=True)
    book("agreement", "sign", "c-2", "wealth.cash", check=True)
    book("agreement", "sign", "c-1", "securities.fund.bond", check=True)
    late = ("--today", "2027-12-01")
    assert [a["id"] for a in agreements(book, *late)] == ["a-1", "a-2", "a-3"]
    active = out_json(book(*late, "agreement", "list", "--status", "active", "--format", "json"))
    assert [a["id"] for a in active] == ["a-2", "a-3"]
    expired = out_json(book(*late, "agreement", "list", "--status", "expired", "--format", "json"))
    assert [a["id"] for a in expired] == ["a-1"]
    mine = out_json(book("agreement", "list", "--customer", "c-1", "--format", "json"))
    assert [a["id"] for a in mine] == ["a-3"]
    of_m2 = out_json(book("agreement", "list", "--manager", "m2", "--format", "json"))
    assert [a["id"] for a in of_m2] == ["a-1", "a-2"]
    table = book("agreement", "list").stdout
    assert table.splitlines()[0].split() == [
        "id",
        "customer",
        "name",
        "product",
        "status",
        "end",
        "amount",
    ]
    assert book("agreement", "list", "--customer", "c-99").exit_code == 2
    assert book("agreement", "list", "--manager", "ghost").exit_code == 2


def test_managers_see_their_customers_agreements_which_follow_a_reassignment(book):
    book("agreement", "sign", "c-1", "securities.fund.bond", check=True)
    book("agreement", "sign", "c-2", "wealth.cash", check=True)
    assert [a["id"] for a in agreements(book, "--as", "m1")] == ["a-1"]
    assert [a["id"] for a in agreements(book, "--as", "m2")] == ["a-2"]
    assert [a["id"] for a in agreements(book, "--as", "s1")] == ["a-1", "a-2"]
    refused = book("--as", "m2", "agreement", "show", "a-1")
    assert refused.exit_code == 1 and "core.scope" in refused.stderr
    other = book("--as", "m2", "agreement", "sign", "c-1", "securities.fund.bond")
    assert other.exit_code == 1 and "core.scope" in other.stderr
    book("customer", "assign", "c-1", "--manager", "m2", "--reason", "territory", check=True)
    assert [a["id"] for a in agreements(book, "--as", "m2")] == ["a-1", "a-2"]
    assert agreements(book, "--as", "m1") == []


def test_a_blocked_signing_names_every_blocking_finding_and_writes_nothing(book, ac_book):
    before, ids = len(events(book)), sequences(ac_book)
    result = book("agreement", "sign", "c-3", "securities.fund.equity")
    assert result.exit_code == 1
    for rule in (
        "securities.suitability",
        "securities.questionnaire",
        "securities.lowest-category",
    ):
        assert rule in result.stderr
    assert "risk_level missing" in result.stderr
    assert "Order No. 130" in result.stderr  # the source
    assert "securities.high-risk-ordinary" not in result.stderr  # a warning, not a block
    assert agreements(book) == []
    assert len(events(book)) == before
    assert sequences(ac_book) == ids


def test_a_blocked_signing_in_json_lists_the_findings(book):
    result = book("agreement", "sign", "c-1", "securities.fund.equity", "--format", "json")
    assert result.exit_code == 1
    rules = {f["rule"]: f for f in out_json(result)}
    assert set(rules) == {"securities.suitability", "securities.high-risk-ordinary"}
    assert rules["securities.suitability"]["overridable"] is True


def test_a_dry_run_lists_every_finding_and_writes_nothing(book, ac_book):
    before, ids = len(events(book)), sequences(ac_book)
    result = book(
        "agreement", "sign", "c-1", "securities.fund.equity", "--dry-run", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    found = out_json(result)
    assert [(f["rule"], f["severity"]) for f in found] == [
        ("securities.suitability", "block"),
        ("securities.high-risk-ordinary", "warn"),
    ]
    assert all(f["source"] and f["message"] and f["customer"] == "c-1" for f in found)
    assert "would be refused by securities.suitability" in result.stderr
    passing = book("agreement", "sign", "c-1", "securities.fund.mixed", "--dry-run")
    assert passing.exit_code == 0 and "would sign" in passing.stderr
    assert agreements(book) == []
    assert len(events(book)) == before
    assert sequences(ac_book) == ids
    book("agreement", "sign", "c-1", "securities.fund.mixed", check=True)
    assert [a["id"] for a in agreements(book)] == ["a-1"]


def test_a_supervisor_overrides_with_a_reason_in_the_audit_trail(book):
    reason = "approved by branch head, ref 2026-118"
    result = book(
        "--as",
        "s1",
        "agreement",
        "sign",
        "c-1",
        "securities.fund.equity",
        "--override",
        "--reason",
        reason,
    )
    assert result.exit_code == 0, result.output
    assert "overridden" in result.stdout
    shown = out_json(book("agreement", "show", "a-1", "--format", "json"))
    assert shown["override_reason"] == reason
    assert "securities.suitability" in [f["rule"] for f in shown["findings"]]
    [event] = [e for e in events(book) if e["action"] == "agreement.sign"]
    assert (event["actor"], event["on_behalf_of"], event["reason"]) == ("s1", "m1", reason)


@pytest.mark.parametrize("actor", ["h1", None])
def test_the_head_above_the_supervisor_or_the_administrator_may_override(book, actor):
    """The issue's example: a trust below the firm's minimum (a policy, so overridable)."""
    book("manager", "add", "h1", "--name", "Branch Head", check=True)
    book("manager", "update", "s1", "--supervisor", "h1", check=True)
    book(
        "customer",
        "update",
        "c-2",
        "--set",
        "wealth.risk_level=C4",
        "--set",
        "wealth.investment_years=3",
        "--set",
        "wealth.income_avg_3y=450000",
        check=True,
    )
    sign = [
        "agreement",
        "sign",
        "c-2",
        "wealth.trust",
        "--amount",
        "500000",
        "--term",
        "recording_id=REC-2026-118",
    ]
    refused = book(*sign)
    assert refused.exit_code == 1 and "wealth.minimum-amount" in refused.stderr
    acting = ["--as", actor] if actor else []
    reason = "approved by branch head, ref 2026-118"
    signed = book(*acting, *sign, "--override", "--reason", reason)
    assert signed.exit_code == 0, signed.output
    [event] = [e for e in events(book) if e["action"] == "agreement.sign"]
    assert (event["actor"], event["reason"]) == (actor or "admin", reason)


@pytest.mark.parametrize("actor", ["m1", "m2"])
def test_an_override_by_a_non_supervisor_is_refused(book, actor):
    if actor == "m2":  # m2 stands in for m1, with every duty, but is not his supervisor
        book(
            "delegate",
            "m1",
            "m2",
            "--start",
            "2026-11-23",
            "--end",
            "2026-11-30",
            "--reason",
            "leave",
            check=True,
        )
    before = len(events(book))
    result = book(
        "--as",
        actor,
        "agreement",
        "sign",
        "c-1",
        "securities.fund.equity",
        "--override",
        "--reason",
        "he insists",
    )
    assert result.exit_code == 1
    assert "core.override" in result.stderr and "s1" in result.stderr
    assert agreements(book) == []
    assert len(events(book)) == before


def test_a_block_that_is_not_overridable_is_refused_even_to_the_administrator(book):
    book(
        "customer",
        "update",
        "c-1",
        "--set",
        "securities.lowest_category=true",
        "--set",
        "securities.risk_level=C1",
        check=True,
    )
    result = book(
        "agreement", "sign", "c-1", "securities.fund.bond", "--override", "--reason", "he insists"
    )
    assert result.exit_code == 1
    assert "securities.lowest-category" in result.stderr
    assert "may not be overridden" in result.stderr
    assert agreements(book) == []


def test_an_override_of_nothing_signs_without_an_override(book):
    book(
        "--as",
        "s1",
        "agreement",
        "sign",
        "c-1",
        "securities.fund.bond",
        "--override",
        "--reason",
        "just in case",
        check=True,
    )
    assert out_json(book("agreement", "show", "a-1", "--format", "json"))["override_reason"] is None


BAD_INPUT = [
    (["c-99", "wealth.cash"], "unknown customer 'c-99'"),
    (["c-2", "wealth.lottery"], "unknown product 'wealth.lottery'"),
    (["--disable-plugin", "wealth", "c-2", "wealth.cash"], "plugin 'wealth', which is disabled"),
    (["c-2", "wealth.cash", "--start", "2026-12-10", "--end", "2026-12-01"], "before --start"),
    (["c-2", "wealth.cash", "--start", "2026-10-01", "--end", "2026-11-01"], "has already passed"),
    (["c-2", "wealth.cash", "--amount", "lots"], "--amount 'lots'"),
    (["c-2", "wealth.cash", "--amount", "-5"], "above zero"),
    (["c-2", "wealth.cash", "--term", "no-equals"], "--term 'no-equals'"),
    (["c-2", "wealth.cash", "--override"], "--override needs --reason"),
    (["c-2", "wealth.cash", "--reason", "why not"], "--reason goes with --override"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT, ids=[m for _, m in BAD_INPUT])
def test_bad_input_exits_2_and_writes_nothing(book, ac_book, args, message):
    before, ids = len(events(book)), sequences(ac_book)
    prefix = args[:2] if args[0] == "--disable-plugin" else []
    result = book(*prefix, "agreement", "sign", *args[len(prefix) :])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert agreements(book) == []
    assert len(events(book)) == before
    assert sequences(ac_book) == ids


def test_terms_amount_and_seal_are_kept(book):
    book(
        "agreement",
        "sign",
        "c-2",
        "wealth.mixed",
        "--amount",
        "50000",
        "--sealed",
        "--term",
        "recording_id=REC-9",
        "--term",
        "paper=true",
        check=True,
    )
    shown = out_json(book("agreement", "show", "a-1", "--format", "json"))
    assert (shown["amount"], shown["sealed"]) == ("50000", True)
    assert shown["terms"] == {"recording_id": "REC-9", "paper": True}


def test_terminate(book):
    book("agreement", "sign", "c-2", "wealth.fixed-income", check=True)
    assert book("agreement", "terminate", "a-1").exit_code == 2  # --reason is required
    ended = book("--as", "m2", "agreement", "terminate", "a-1", "--reason", "customer request")
    assert ended.exit_code == 0, ended.output
    shown = out_json(book("agreement", "show", "a-1", "--format", "json"))
    assert (shown["status"], shown["terminated_on"], shown["termination_reason"]) == (
        "terminated",
        "2026-11-23",
        "customer request",
    )
    [event] = [e for e in events(book) if e["action"] == "agreement.terminate"]
    assert (event["reason"], event["before"]["status"]) == ("customer request", "active")
    again = book("agreement", "terminate", "a-1", "--reason", "again")
    assert again.exit_code == 2 and "already terminated" in again.stderr
    assert book("--as", "m1", "agreement", "terminate", "a-1", "--reason", "x").exit_code == 1
    assert book("agreement", "terminate", "a-9", "--reason", "x").exit_code == 2


def test_an_expired_agreement_cannot_be_terminated(book):
    book("agreement", "sign", "c-2", "wealth.fixed-income", check=True)
    late = book("--today", "2027-11-23", "agreement", "terminate", "a-1", "--reason", "late")
    assert late.exit_code == 2 and "ended on 2027-11-22" in late.stderr


def test_show_in_each_format(book):
    book("agreement", "sign", "c-2", "wealth.mixed", "--term", "recording_id=R-1", check=True)
    table = book("agreement", "show", "a-1").stdout
    assert any(line.split() == ["status", "active"] for line in table.splitlines())
    assert "findings when signed:" in table
    csv_out = book("agreement", "show", "a-1", "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("id,customer,product")
    assert book("agreement", "show", "a-7").exit_code == 2
