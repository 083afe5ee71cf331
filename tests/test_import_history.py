"""`visit import`, `agreement import`, `complaint import`: a firm's history with its past dates."""

from __future__ import annotations

import pytest

from tests.conftest import out_json


def write(tmp_path, name, *lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def firm(team, tmp_path):
    """Three customers imported with external ids and old files: E1 vip, E2 a, E3 wealth C1."""
    path = write(
        tmp_path,
        "customers.csv",
        "external_id,name,kind,tier,manager,created_on,wealth.risk_level",
        "E1,Zhang Wei,individual,vip,m1,2019-03-01,",
        "E2,Wang Fang,individual,a,m1,2020-04-01,",
        "E3,Zhao Min,individual,b,m2,2018-01-01,C1",
    )
    team("customer", "import", str(path), check=True)
    return team


def test_imported_visits_feed_the_overdue_list_and_the_monthly_stats(firm, tmp_path):
    path = write(
        tmp_path,
        "visits.csv",
        "customer,on,purpose,channel,outcome",
        "E1,2026-01-10,return,on-site,reviewed the plan",
        "E2,2026-11-20,return,phone,called",
        "c-3,2026-11-02,development,on-site,met",
        "E3,2026-12-01,return,phone,",
    )
    summary = out_json(firm("visit", "import", str(path), "--format", "json", check=True))
    assert summary["created"] == 4
    visits = out_json(firm("visit", "list", "--format", "json", check=True))
    by_day = {v["on"]: v for v in visits}
    assert by_day["2026-01-10"]["status"] == "done" and by_day["2026-01-10"]["manager"] == "m1"
    assert by_day["2026-12-01"]["status"] == "planned"
    overdue = {o["customer"]: o for o in out_json(firm("visit", "overdue", "--format", "json"))}
    assert overdue["c-1"]["last_visit"] == "2026-01-10" and overdue["c-1"]["days_overdue"] > 0
    assert "c-2" not in overdue
    stats = out_json(firm("visit", "stats", "--month", "2026-11", "--format", "json", check=True))
    made = {row["manager"]: row["made"] for row in stats}
    assert made["m1"] == 1 and made["m2"] == 1


def test_a_visit_for_a_customer_that_does_not_exist_writes_nothing(firm, tmp_path):
    path = write(
        tmp_path,
        "visits.csv",
        "customer,on,purpose,channel",
        "E1,2026-01-10,return,on-site",
        "E404,2026-01-11,return,on-site",
        "E2,2027-01-01,return,teleport",
        "E2,2026-01-01,return,phone",
    )
    result = firm("visit", "import", str(path))
    assert result.exit_code == 2
    assert f"{path}:3: customer: no customer has id or external id 'E404'" in result.stderr
    assert f"{path}:4: channel:" in result.stderr
    assert out_json(firm("visit", "list", "--format", "json")) == []
    nobody = write(tmp_path, "v.csv", "on,purpose,channel", "2026-01-10,return,phone")
    result = firm("visit", "import", str(nobody))
    assert result.exit_code == 2 and "no customer column" in result.stderr


def test_a_manager_imports_history_only_for_his_customers(firm, tmp_path):
    path = write(tmp_path, "v.csv", "customer,on,purpose,channel", "E3,2026-01-10,return,phone")
    result = firm("--as", "m1", "visit", "import", str(path))
    assert result.exit_code == 2 and f"{path}:2: customer: customer c-3 is under m2's" in (
        result.stderr
    )


def test_agreements_keep_their_dates_and_status_and_are_rechecked_without_blocking(firm, tmp_path):
    path = write(
        tmp_path,
        "agreements.csv",
        "customer,product,start,end,amount,status,terminated_on,termination_reason",
        "E1,telecom.plan.basic,2024-01-01,2025-12-31,,,,",
        "E2,telecom.broadband,2025-06-01,,,,,",
        "E3,wealth.equity,2026-03-01,,50000,,,",
        "E1,telecom.data.addon,2025-01-01,,,terminated,2025-06-30,moved abroad",
    )
    result = firm("agreement", "import", str(path), "--format", "json", check=True)
    summary = out_json(result)
    assert summary["created"] == 4 and summary["findings"] >= 1
    assert f"{path}:4: finding wealth." in result.stderr
    listed = {a["product"]: a for a in out_json(firm("agreement", "list", "--format", "json"))}
    assert listed["telecom.plan.basic"]["status"] == "expired"
    assert listed["telecom.plan.basic"]["start"] == "2024-01-01"
    assert listed["telecom.broadband"]["status"] == "active"
    assert listed["telecom.data.addon"]["status"] == "terminated"
    equity = listed["wealth.equity"]
    assert equity["findings"] and equity["findings"][0]["agreement"] == equity["id"]


def test_bad_agreements(firm, tmp_path):
    path = write(
        tmp_path,
        "agreements.csv",
        "customer,product,start,end,amount",
        "E1,telecom.nothing,2024-01-01,,",
        "E2,wealth.cash,2024-01-01,,-100",
        "E2,wealth.cash,2024-01-01,,many",
        "E2,wealth.cash,2024-05-01,2024-01-01,",
        "E2,wealth.cash,,,",
    )
    result = firm("agreement", "import", str(path))
    assert result.exit_code == 2
    for line, field in [(2, "product"), (3, "amount"), (4, "amount"), (5, "end"), (6, "start")]:
        assert f"{path}:{line}: {field}:" in result.stderr, (line, result.stderr)
    assert out_json(firm("agreement", "list", "--format", "json")) == []


def test_complaints_keep_their_past_dates_and_status(firm, tmp_path):
    path = write(
        tmp_path,
        "complaints.csv",
        "customer,opened_on,channel,severity,summary,resolved_on,resolution,replied_on,reply",
        "E1,2026-03-01,phone,high,Bill wrong,2026-03-02,refunded,2026-03-02,sorry",
        "E2,2026-11-20,letter,low,Slow service,,,,",
    )
    firm("complaint", "import", str(path), check=True)
    listed = {c["customer"]: c for c in out_json(firm("complaint", "list", "--format", "json"))}
    assert listed["c-1"]["status"] == "replied" and listed["c-1"]["deadline"] == "2026-03-02"
    assert listed["c-2"]["status"] == "open" and listed["c-2"]["deadline"] == "2026-11-27"
    bad = write(
        tmp_path,
        "bad.csv",
        "customer,opened_on,channel,severity,summary,replied_on",
        "E1,2026-03-01,phone,urgent,Bill,",
        "E1,2026-03-01,phone,low,Bill,2026-03-05",
    )
    result = firm("complaint", "import", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:2: severity:" in result.stderr and f"{bad}:3: replied_on:" in result.stderr


def test_history_import_keeps_the_audit_chain(firm, ac_cli, tmp_path):
    path = write(tmp_path, "v.csv", "customer,on,purpose,channel", "E1,2026-01-10,return,phone")
    firm("visit", "import", str(path), check=True)
    log = out_json(ac_cli("audit", "log", "--format", "json", check=True))
    assert [e["action"] for e in log[-2:]] == ["visit.log", "visit.import"]
    assert "intact" in ac_cli("audit", "verify", check=True).stdout
