"""One lapse day everywhere: compliance, care and retention name the day lapses_on gives."""

import datetime as dt

import pytest

from accountcore import lapses_on

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def ac_plugins():
    return ["securities"]


@pytest.mark.parametrize("age", [364, 365, 366, 400])
def test_the_kyc_warning_and_the_kyc_due_action_agree(ac_customer, ac_run_rules, age):
    reviewed = TODAY - dt.timedelta(days=age)
    customer = ac_customer(securities={"kyc_date": reviewed.isoformat()})
    run = ac_run_rules(customer, plugin="securities")
    lapsed = lapses_on(reviewed, 365)
    warned = "securities.kyc" in {f.rule for f in run.findings}
    due = "securities.kyc-due" in {a.rule for a in run.care}
    assert warned == due == (lapsed <= TODAY)
    if warned:
        assert f"lapsed on {lapsed}" in run.finding("securities.kyc").message
        assert f"lapsed on {lapsed}" in run.action("securities.kyc-due").message
        assert run.action("securities.kyc-due").due == lapsed


@pytest.mark.parametrize("age", [729, 730, 731])
def test_the_assessment_lapses_on_one_day_for_compliance_care_and_retention(
    ac_customer, ac_run_rules, age
):
    answered = TODAY - dt.timedelta(days=age)
    customer = ac_customer(
        securities={
            "investor_type": "ordinary",
            "risk_level": "C3",
            "questionnaire_date": answered.isoformat(),
        }
    )
    lapsed = lapses_on(answered, 730) <= TODAY
    periodic = ac_run_rules(customer, plugin="securities")
    signing = ac_run_rules(customer, plugin="securities", signing="securities.fund.bond")
    assert ("securities.questionnaire" in periodic.rules) == lapsed
    assert ("securities.questionnaire" in signing.rules) == lapsed
    assert ("securities.questionnaire-expired" in periodic.rules) == lapsed
    if lapsed:
        day = f"lapsed on {lapses_on(answered, 730)}"
        assert day in periodic.finding("securities.questionnaire").message
        assert day in signing.finding("securities.questionnaire").message
