"""Wealth rules kept right: last contact follows contacts, holdings count agreements, and the
cooling-off return visit is made by someone other than the seller."""

import datetime as dt
import json

import pytest

SIGNED = dt.date(2026, 11, 20)
QUALIFIED = [
    "--set",
    "wealth.risk_level=C5",
    "--set",
    "wealth.questionnaire_date=2026-10-01",
    "--set",
    "wealth.investment_years=5",
    "--set",
    "wealth.financial_assets=8000000",
    "--set",
    "wealth.financial_net_assets=7000000",
]


@pytest.fixture
def ac_plugins():
    return ["wealth"]


@pytest.fixture
def book(ac_cli):
    ac_cli("manager", "add", "s1", "--name", "Zhou Min", check=True)
    ac_cli("manager", "add", "m1", "--name", "Li Na", "--supervisor", "s1", check=True)
    ac_cli("manager", "add", "m2", "--name", "Ma Jun", "--supervisor", "s1", check=True)
    ac_cli(
        "--today",
        "2026-01-05",
        "customer",
        "add",
        "--name",
        "Wang Fang",
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m1",
        "--set",
        "wealth.last_contact=2026-05-01",
        *QUALIFIED,
        check=True,
    )
    return ac_cli


def out(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def wealth(book):
    return out(book("customer", "show", "c-1", "--format", "json"))["profiles"]["wealth"]


def test_last_contact_follows_a_visit_and_a_care_action_done(book):
    book(
        "--today",
        "2026-11-02",
        "visit",
        "log",
        "c-1",
        "--purpose",
        "return",
        "--channel",
        "on-site",
        check=True,
    )
    assert wealth(book)["last_contact"] == "2026-11-02"
    # A visit logged for an earlier day does not move it back.
    book(
        "visit",
        "log",
        "c-1",
        "--on",
        "2026-10-01",
        "--purpose",
        "care",
        "--channel",
        "phone",
        check=True,
    )
    assert wealth(book)["last_contact"] == "2026-11-02"
    book("customer", "update", "c-1", "--birthday", "1970-11-23", check=True)
    [action] = [a for a in out(book("care", "due", "--format", "json"))]
    book("care", "done", action["id"], check=True)
    assert wealth(book)["last_contact"] == "2026-11-23"


def test_no_contact_for_180_days_clears_after_a_visit(book, ac_app):
    def reasons():
        return {
            r["rule"]
            for s in out(book("retention", "risks", "--format", "json"))
            for r in s["reasons"]
        }

    assert "wealth.no-contact" in reasons()
    book("visit", "log", "c-1", "--purpose", "return", "--channel", "on-site", check=True)
    assert "wealth.no-contact" not in reasons()


def sign_private_fund(book, actor="m1"):
    book(
        "--today",
        SIGNED.isoformat(),
        "--as",
        actor,
        "agreement",
        "sign",
        "c-1",
        "wealth.private-fund",
        "--amount",
        "1000000",
        "--term",
        "recording_id=REC-1",
        check=True,
    )


def test_the_cooling_off_visit_goes_to_someone_other_than_the_seller(book):
    sign_private_fund(book)
    day = ["--today", "2026-11-22"]
    seller = out(book(*day, "--as", "m1", "care", "due", "--format", "json"))
    [visit] = [a for a in seller if a["rule"] == "wealth.cooling-off-visit"]
    assert (visit["not_by"], visit["assignee"]) == ("m1", "s1")
    refused = book(*day, "--as", "m1", "care", "done", visit["id"])
    assert refused.exit_code == 1
    assert "wealth.cooling-off-visit" in refused.output
    # Visible to the supervisor, who closes it.
    supervisor = out(book(*day, "--as", "s1", "care", "list", "--format", "json"))
    assert visit["id"] in {a["id"] for a in supervisor}
    assert book(*day, "--as", "s1", "care", "done", visit["id"]).exit_code == 0


def test_the_cooling_off_visit_may_go_to_another_manager_of_the_team(book):
    book("config", "set", "wealth.cooling_off_visit_by", "m2", check=True)
    sign_private_fund(book)
    day = ["--today", "2026-11-22"]
    book(*day, "care", "run", check=True)
    listed = out(book(*day, "--as", "m2", "care", "list", "--format", "json"))
    [visit] = [a for a in listed if a["rule"] == "wealth.cooling-off-visit"]
    assert visit["assignee"] == "m2"
    assert book(*day, "--as", "m2", "care", "done", visit["id"]).exit_code == 0


def test_contact_by_the_seller_during_the_cooling_off_is_warned(book):
    sign_private_fund(book)
    book(
        "--today",
        "2026-11-20",
        "--as",
        "m1",
        "visit",
        "log",
        "c-1",
        "--purpose",
        "sales",
        "--channel",
        "phone",
        check=True,
    )
    found = out(
        book(
            "--today", "2026-11-25", "compliance", "check", "--customer", "c-1", "--format", "json"
        )
    )
    [warning] = [f for f in found if f["rule"] == "wealth.cooling-off-contact"]
    assert warning["severity"] == "warn"
    assert "m1" in warning["message"] and "2026-11-20" in warning["message"]


def test_the_questionnaire_check_counts_agreements_in_force(book, ac_customer, ac_run_rules):
    book("agreement", "sign", "c-1", "wealth.cash", "--amount", "50000", check=True)
    lapsed = ac_customer(wealth={"aum": "0", "questionnaire_date": "2025-01-10"})
    run = ac_run_rules(lapsed, plugin="wealth")
    finding = run.finding("wealth.questionnaire")
    assert "1 agreement(s) in force (a-1)" in finding.message
    nothing_held = ac_customer("c-9", wealth={"aum": "0", "questionnaire_date": "2025-01-10"})
    assert "wealth.questionnaire" not in ac_run_rules(nothing_held, plugin="wealth").rules
