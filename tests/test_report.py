"""The month report through the command line: figures worked out by hand from a small book.

s1 supervises m1 and m2; x9 is another team. In November 2026:
- m1 logs a development visit to c-1 (5th, on site; c-1 signs nothing) and a return visit
  to c-2 (12th, by phone; c-2 signed on the 10th, before it), and planned a visit to c-2
  on the 20th that he never logged (missed by 1 December): none is followed by an
  agreement. m2 visits c-3 on the 6th and c-3 signs on the 20th: followed within 30 days.
- a low complaint on c-1 (10th) replied on the 12th, within its 7 days; a high one on c-3
  (10th) never replied: overdue.
- x9 visits c-4 twice.
"""

import datetime as dt
import json

import pytest
from conftest import out_json

from accountcore._app import App
from accountcore._services.customers import update_customer
from accountcore._services.report import build_report

DEC1 = ("--today", "2026-12-01")


def _visit(ac_cli, actor, day, customer, purpose, channel="on-site", *, plan=False):
    command = ["visit", "plan", customer, "--on", day] if plan else ["visit", "log", customer]
    ac_cli(
        "--as",
        actor,
        "--today",
        day,
        *command,
        "--purpose",
        purpose,
        "--channel",
        channel,
        *([] if plan else ["--outcome", "ok"]),
        check=True,
    )


@pytest.fixture
def book(team):
    ac_cli = team
    ac_cli("manager", "add", "x9", "--name", "Other Team", check=True)
    for name, tier, manager, extra in [
        ("Zeta One", "a", "m1", ["--set", "telecom.arrears_amount=20"]),
        (
            "Zeta Two",
            "b",
            "m1",
            ["--set", "telecom.lines=1", "--set", "telecom.msisdn=13900000002"],
        ),
        ("Zeta Three", "vip", "m2", ["--set", "telecom.lines=1", "--phone", "13900000003"]),
        ("Zeta Four", "b", "x9", []),
    ]:
        ac_cli(
            "--today",
            "2026-10-01",
            "customer",
            "add",
            "--name",
            name,
            "--kind",
            "individual",
            "--tier",
            tier,
            "--manager",
            manager,
            "--email",
            "who@example.com",
            *extra,
            check=True,
        )
    for customer in ("c-2", "c-3"):
        ac_cli(
            "--today",
            "2026-11-01",
            "customer",
            "update",
            customer,
            "--set",
            "telecom.real_name_verified=true",
            check=True,
        )
    _visit(ac_cli, "m1", "2026-11-05", "c-1", "development")
    _visit(ac_cli, "m1", "2026-11-12", "c-2", "return", "phone")
    _visit(ac_cli, "m1", "2026-11-20", "c-2", "care", plan=True)
    _visit(ac_cli, "m2", "2026-11-06", "c-3", "return")
    _visit(ac_cli, "x9", "2026-11-07", "c-4", "return")
    _visit(ac_cli, "x9", "2026-11-08", "c-4", "care")
    _visit(ac_cli, "m1", "2026-10-28", "c-1", "return")
    ac_cli("--today", "2026-11-10", "agreement", "sign", "c-2", "telecom.plan.basic", check=True)
    ac_cli("--today", "2026-11-20", "agreement", "sign", "c-3", "telecom.plan.basic", check=True)
    for customer, severity in (("c-1", "low"), ("c-3", "high")):
        ac_cli(
            "--today",
            "2026-11-10",
            "complaint",
            "open",
            customer,
            "--channel",
            "phone",
            "--severity",
            severity,
            "--summary",
            "slow",
            check=True,
        )
    ac_cli(
        "--today", "2026-11-12", "complaint", "resolve", "cp-1", "--resolution", "ok", check=True
    )
    ac_cli(
        "--today", "2026-11-12", "complaint", "reply", "cp-1", "--channel", "sms", "--text", "ok"
    )
    return ac_cli


def _report(ac_cli, *options, more=()):
    result = ac_cli(
        *DEC1, *options, "report", "--month", "2026-11", *more, "--format", "json", check=True
    )
    return out_json(result)


def _of(month, key):
    found = {f["key"]: f for f in [*month["managers"], *month["teams"]]}
    found["total"] = month["total"]
    return found[key]["figures"]


def test_a_supervisor_sees_his_team_figures_by_hand(book):
    data = _report(book, "--as", "s1")
    [month] = data["months"]
    assert [m["key"] for m in month["managers"]] == ["m1", "m2", "s1"]
    m1, m2 = _of(month, "m1")["visits"], _of(month, "m2")["visits"]
    assert (m1["made"], m1["development"], m1["missed"], m1["followed_by_agreement"]) == (
        2,
        1,
        1,
        0,
    )
    assert m1["by_channel"]["phone"] == 1 and m1["by_purpose"]["return"] == 1
    assert m1["development_share"] == 0.5 and m1["capacity"] == 44 and m1["target"] == 15
    assert (m2["made"], m2["followed_by_agreement"], m2["followed_share"]) == (1, 1, 1.0)
    team = _of(month, "s1")
    assert team["visits"]["made"] == 3 and team["visits"]["capacity"] == 132
    complaints = _of(month, "total")["complaints"]
    assert (complaints["opened"], complaints["closed_in_time"], complaints["overdue"]) == (2, 1, 1)
    assert complaints["in_deadline_share"] == 0.5
    assert complaints["by_severity"]["high"]["overdue"] == 1
    agreements = _of(month, "total")["agreements"]
    assert agreements["signed"] == 2 and agreements["by_industry"]["telecom"]["signed"] == 2
    customers = _of(month, "total")["customers"]
    assert (customers["at_start"], customers["new"], customers["churned"]) == (3, 0, 0)
    assert customers["by_tier"]["vip"]["at_start"] == 1
    assert customers["by_industry"]["telecom"]["at_start"] == 3
    arrears = _of(month, "m1")["plugins"]["telecom"]
    assert arrears["arrears-customers"]["value"] == 1 and arrears["arrears-amount"]["value"] == 20
    text = json.dumps(data)
    assert "x9" not in text and "Other Team" not in text and "Zeta" not in text
    assert "1390000000" not in text and "example.com" not in text


def test_the_administrator_sees_the_whole_book(book):
    [month] = _report(book)["months"]
    assert [m["key"] for m in month["managers"]] == ["m1", "m2", "s1", "x9"]
    assert _of(month, "total")["visits"]["made"] == 5
    assert _of(month, "x9")["visits"]["by_purpose"]["care"] == 1


def test_one_manager_of_the_scope(book):
    [month] = _report(book, "--as", "s1", more=("--manager", "m2"))["months"]
    assert [m["key"] for m in month["managers"]] == ["m2"] and month["teams"] == []
    assert _of(month, "total")["visits"]["made"] == 1


def test_a_manager_outside_the_scope_is_refused(book):
    result = book(*DEC1, "--as", "s1", "report", "--manager", "x9")
    assert result.exit_code == 1
    assert "refused by core.scope" in result.stderr


def test_month_by_month(book):
    data = out_json(
        book(
            *DEC1,
            "--as",
            "m1",
            "report",
            "--from",
            "2026-10",
            "--to",
            "2026-11",
            "--format",
            "json",
        )
    )
    assert [m["month"] for m in data["months"]] == ["2026-10", "2026-11"]
    assert [_of(m, "m1")["visits"]["made"] for m in data["months"]] == [1, 2]
    assert data["months"][0]["teams"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2026-13"], "--month '2026-13': expected a month as YYYY-MM"),
        (["--month", "2026-11", "--from", "2026-10"], "either --month or --from/--to"),
        (["--from", "2026-11", "--to", "2026-10"], "--to 2026-10 is before --from 2026-11"),
        (["--to", "2026-10"], "--to needs --from"),
        (["--manager", "nobody"], "--manager nobody: no such manager"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(book, args, message):
    result = book(*DEC1, "report", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_the_table_shows_each_concern(book):
    result = book(*DEC1, "--as", "s1", "report", "--month", "2026-11", check=True)
    assert "2026-11  visits" in result.stdout and "2026-11  complaints" in result.stdout
    line = next(row for row in result.stdout.splitlines() if row.startswith("m1 "))
    assert line.split()[:4] == ["m1", "2", "44", "15"]
    assert "Customers in arrears (customers)" in result.stdout


def test_the_page_is_whole_with_charts_and_no_personal_data(book, tmp_path):
    page = tmp_path / "out" / "nov.html"
    result = book(
        *DEC1, "--as", "s1", "report", "--month", "2026-11", "--html", str(page), check=True
    )
    assert str(page) in result.stdout
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<svg") >= 8
    assert "<script" not in html and "http" not in html and "url(" not in html
    assert "Li Na" in html and "Ma Jun" in html and "Other Team" not in html
    for personal in ("Zeta", "1390000000", "example.com", "c-1"):
        assert personal not in html


def test_a_page_that_cannot_be_written_is_exit_2(book, tmp_path):
    (tmp_path / "taken").write_text("")
    result = book(*DEC1, "report", "--html", str(tmp_path / "taken" / "x.html"))
    assert result.exit_code == 2 and "cannot write" in result.stderr


def test_churn_counts_the_month_the_change_was_recorded(book, ac_book):
    november = dt.datetime(2026, 11, 15, 10, tzinfo=dt.UTC)
    app = App(str(ac_book), today=dt.date(2026, 11, 15), now=lambda: november)
    update_customer(app, "c-2", {"status": "churned"})
    app.close()
    app = App(str(ac_book), today=dt.date(2026, 12, 1), actor="s1")
    report = build_report(app, start="2026-11", end="2026-12")
    nov, dec = (app.converter.unstructure(m) for m in report.months)
    app.close()
    assert _of(nov, "m1")["customers"]["churned"] == 1
    assert _of(nov, "total")["customers"]["churn_rate"] == round(1 / 3, 3)
    # In December c-2 has gone: not in the base, not churned again.
    assert _of(dec, "total")["customers"]["at_start"] == 2
    assert _of(dec, "total")["customers"]["churned"] == 0


def test_tasks_count_for_their_assignee_and_escalations_for_the_supervisor(book):
    nov = ("--today", "2026-11-10")
    give = ["task", "add", "--title"]
    book(*nov, "--as", "m1", *give, "call back", "--due", "2026-11-12", check=True)
    book(*nov, "--as", "m1", *give, "need an offer", "--for", "s1", check=True)
    late = book(*nov, "--as", "m1", *give, "send terms", "--due", "2026-11-11", check=True)
    task_id = late.stdout.split()[2]
    book("--today", "2026-11-20", "--as", "m1", "task", "done", task_id, check=True)
    [month] = _report(book, "--as", "s1")["months"]
    m1 = _of(month, "m1")["tasks"]
    [s1] = [f["figures"]["tasks"] for f in month["managers"] if f["key"] == "s1"]
    assert (m1["due"], m1["done_late"], m1["overdue"], m1["escalated"]) == (2, 1, 1, 0)
    assert m1["on_time_share"] == 0.0
    assert (s1["due"], s1["open"], s1["escalated"]) == (1, 1, 1)
    assert _of(month, "s1")["tasks"]["due"] == 3  # his team's, with his own
