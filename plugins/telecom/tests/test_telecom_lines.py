"""The lines a customer holds: the line limit counts signed lines, `lines` follows them."""

import datetime as dt
import json

import pytest

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def ac_plugins():
    return ["telecom"]


@pytest.fixture
def book(ac_cli):
    ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)

    def add(lines, *more):
        ac_cli(
            "customer",
            "add",
            "--name",
            "Four Lines",
            "--kind",
            "individual",
            "--tier",
            "b",
            "--manager",
            "m1",
            "--set",
            "telecom.real_name_verified=true",
            "--set",
            f"telecom.lines={lines}",
            *more,
            check=True,
        )

    ac_cli.add = add
    return ac_cli


def telecom(ac_cli, customer="c-1"):
    shown = ac_cli("customer", "show", customer, "--format", "json", check=True)
    return json.loads(shown.stdout)["profiles"]["telecom"]


def test_a_four_line_customer_signs_one_more_line_not_two(book):
    book.add(4)
    assert book("agreement", "sign", "c-1", "telecom.secondary-sim").exit_code == 0
    refused = book("agreement", "sign", "c-1", "telecom.secondary-sim")
    assert refused.exit_code == 1
    assert "telecom.line-limit" in refused.output
    assert "holds 5 lines" in refused.output


def test_lines_follow_secondary_sims_signed_and_terminated(book):
    book.add(2)
    book("agreement", "sign", "c-1", "telecom.secondary-sim", check=True)
    book("agreement", "sign", "c-1", "telecom.secondary-sim", check=True)
    assert telecom(book)["lines"] == 4
    book("agreement", "terminate", "a-1", "--reason", "customer request", check=True)
    assert telecom(book)["lines"] == 3
    log = json.loads(book("audit", "log", "--entity", "c-1", "--format", "json").stdout)
    changes = [e for e in log if e["actor"] == "plugin:telecom"]
    assert [e["reason"] for e in changes] == [
        "after agreement.sign a-1",
        "after agreement.sign a-2",
        "after agreement.terminate a-1",
    ]


def test_a_first_plan_is_a_line_and_a_plan_change_is_not(book):
    book.add(4)
    book("agreement", "sign", "c-1", "telecom.plan.basic", check=True)
    assert (telecom(book)["lines"], telecom(book)["plan"]) == (5, "telecom.plan.basic")
    # At the limit, changing plans adds no line: not blocked.
    changed = book("agreement", "sign", "c-1", "telecom.plan.5g-unlimited")
    assert changed.exit_code == 0, changed.output
    assert telecom(book)["lines"] == 5
    assert telecom(book)["plan"] == "telecom.plan.5g-unlimited"


def test_a_plan_change_at_the_limit_is_not_blocked(ac_customer, ac_run_rules):
    holder = ac_customer(
        telecom={"real_name_verified": True, "lines": 5, "plan": "telecom.plan.basic"}
    )
    run = ac_run_rules(holder, signing="telecom.plan.5g-unlimited", plugin="telecom")
    assert "telecom.line-limit" not in run.rules
    new_line = ac_run_rules(holder, signing="telecom.secondary-sim", plugin="telecom")
    assert new_line.finding("telecom.line-limit").severity.value == "block"


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        # contract ending 0.25 + month-to-month 0.15: 0.40, below warn_score.
        ({"contract": "month-to-month", "contract_end": "2026-12-20"}, None),
        # + a new customer 0.10: 0.50, at warn_score.
        (
            {
                "contract": "month-to-month",
                "contract_end": "2026-12-20",
                "network_join": "2026-06-01",
            },
            "telecom.retention-warning",
        ),
        # + competitor contact 0.25: 0.75, past visit_score.
        (
            {
                "contract": "month-to-month",
                "contract_end": "2026-12-20",
                "network_join": "2026-06-01",
                "competitor_contact": True,
            },
            "telecom.retention-visit",
        ),
    ],
)
def test_the_retention_follow_up_reads_warn_and_visit_scores(
    ac_customer, ac_run_rules, profile, expected
):
    run = ac_run_rules(ac_customer(telecom=profile), plugin="telecom")
    follow_ups = {a.rule for a in run.care} & {
        "telecom.retention-warning",
        "telecom.retention-visit",
    }
    assert follow_ups == ({expected} if expected else set())
    if expected == "telecom.retention-visit":
        action = run.action(expected)
        assert action.channel.value == "visit"
        assert "by 2026-11-26" in action.message  # within retention_visit_days (3)
        assert action.responsibility == "retention"
