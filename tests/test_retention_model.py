"""Learned retention: a model trained on the leavers ranks held-out ones and explains itself."""

import bisect
import datetime as dt
import math
import random
import shutil

import pytest
from conftest import out_json

from accountcore._app import App
from accountcore._services import customers, managers, visits
from accountcore._services.daily import run_daily
from accountcore._services.retention import rank_risks
from accountcore._services.retention_model import current_model, drop_model, train_model
from accountcore._services.retention_model.model import FeatureWeight, RetentionModel

TODAY = dt.date(2026, 11, 23)


def _subscribers(app, count, seed=7):
    """Subscribers whose leaving follows known, noisy drivers; the first half's leavers churned."""
    rng = random.Random(seed)
    held_out = {}
    for i in range(count):
        months = int(rng.expovariate(1 / 30)) % 72
        contract = rng.choices(["month-to-month", "one-year", "two-year"], [0.55, 0.25, 0.2])[0]
        fee = round(rng.uniform(20, 120), 2)
        z = -1.2 + 1.6 * (contract == "month-to-month") - 0.9 * (contract == "two-year")
        z += -0.035 * months + 0.022 * (fee - 70)
        left = rng.random() < 1 / (1 + math.exp(-z))
        y, m = divmod(TODAY.year * 12 + TODAY.month - 1 - months, 12)
        train = i < count // 2
        fields = {"name": f"Subscriber {i}", "kind": "individual", "tier": "b"}
        if train and left:
            fields.update(status="churned", churned_on="2026-10-01")
        profile = [
            ("telecom", "contract", contract),
            ("telecom", "network_join", f"{y}-{m + 1:02d}-01"),
            ("telecom", "monthly_fee", str(fee)),
        ]
        added = customers.add_customer(app, fields, manager="m1", profile_values=profile)
        if not train:
            held_out[added.id] = left
    return held_out


def _auc(scores, labels):
    pos = [scores.get(k, 0.0) for k, v in labels.items() if v]
    neg = sorted(scores.get(k, 0.0) for k, v in labels.items() if not v)
    wins = sum(
        bisect.bisect_left(neg, p)
        + 0.5 * (bisect.bisect_right(neg, p) - bisect.bisect_left(neg, p))
        for p in pos
    )
    return wins / len(pos) / len(neg)


@pytest.fixture(scope="module")
def _synthetic(tmp_path_factory):
    """A book of 1,200 subscribers built once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("retention") / "book.db"
    app = App(str(path), today=TODAY)
    app.create_book()
    for manager_id, name, supervisor in (("s1", "Zhou Min", None), ("m1", "Li Na", "s1")):
        managers.add_manager(app, manager_id, name, supervisor=supervisor)
    with app.store.transaction():
        held_out = _subscribers(app, 1200)
    app.close()
    return path, held_out


@pytest.fixture
def book(_synthetic, ac_book):
    template, held_out = _synthetic
    shutil.copyfile(template, ac_book)
    app = App(str(ac_book), today=TODAY)
    yield app, held_out
    app.close()


def _scores(app):
    return {s.customer: s.score for s in rank_risks(app)}


def test_a_trained_model_ranks_held_out_leavers_above_the_rules(book):
    app, held_out = book
    rules = _auc(_scores(app), held_out)
    model = train_model(app)
    learned = _auc(_scores(app), held_out)
    assert model.customers == 1200 and model.leavers > 50
    assert 0.6 < model.auc < 1
    assert learned >= 0.75 and learned >= rules + 0.03, (learned, rules)
    weights = {f.name: f.weight for f in model.features}
    assert weights["telecom.month_to_month"] > 0 > weights["telecom.months_on_network"]


def test_contributions_add_up_to_the_score(book):
    app, _ = book
    model = train_model(app)
    values = {"telecom.month_to_month": 1.0, "telecom.months_on_network": 3.0}
    score, contributions = model.explain(values)
    assert sum(c.points for c in contributions) + model.base_rate == pytest.approx(score)
    signal = next(s for s in rank_risks(app, limit=1))
    model_reasons = [r for r in signal.reasons if r.plugin == "model"]
    assert model_reasons and all(r.weight > 0 for r in model_reasons)
    assert model_reasons[0].text.endswith(f"+{model_reasons[0].weight:.2f}")


def test_the_daily_batch_stores_the_models_scores_and_risks_reads_them(book):
    app, _ = book
    train_model(app)
    fresh = rank_risks(app, fresh=True)
    run_daily(app)
    assert app.store.retention_run()[0] == TODAY
    assert rank_risks(app) == fresh and rank_risks(app, limit=5) == fresh[:5]
    drop_model(app)  # another basis: the rules score afresh
    assert rank_risks(app) == rank_risks(app, fresh=True) != fresh


def test_a_dropped_model_falls_back_to_the_rules(book):
    app, _ = book
    before = _scores(app)
    train_model(app)
    assert _scores(app) != before
    assert drop_model(app) is True
    assert current_model(app) is None and _scores(app) == before
    assert drop_model(app) is False


def test_the_model_is_stored_versioned_and_audited(ac_cli, book, ac_book):
    app, _ = book
    first = train_model(app)
    second = train_model(app)
    assert (first.version, second.version) == (1, 2)
    shown = out_json(
        ac_cli("--today", "2026-11-23", "retention", "model", "show", "--format", "json")
    )
    assert shown["version"] == 2 and any("month" in f["name"] for f in shown["features"])
    log = out_json(ac_cli("audit", "log", "--format", "json"))
    assert [e["action"] for e in log].count("retention.train") == 2


def test_training_changes_no_customer(book):
    app, _ = book
    before = [c for batch in app.store.iter_customers() for c in batch]
    train_model(app)
    assert [c for batch in app.store.iter_customers() for c in batch] == before


def test_events_after_leaving_do_not_count(team, ac_book):
    app = App(str(ac_book), today=TODAY)
    gone = customers.add_customer(
        app, {"name": "Gone", "kind": "individual", "tier": "b"}, manager="m1"
    )
    customers.update_customer(app, gone.id, {"status": "churned", "churned_on": "2026-09-01"})
    visits.log_visit(
        App(str(ac_book), today=dt.date(2026, 10, 5)), gone.id, purpose="care", channel="phone"
    )
    from accountcore._services.retention_model.features import features_of

    [at_leaving], _ = features_of(app, [app.store.get_customer(gone.id)], dt.date(2026, 9, 1))
    [now], _ = features_of(app, [app.store.get_customer(gone.id)])
    assert at_leaving["core.visits_90d"] == 0 and now["core.visits_90d"] == 1
    app.close()


def test_churning_dates_the_leaving(team, ac_book):
    added = team(
        "customer",
        "add",
        "--name",
        "Wu",
        "--kind",
        "individual",
        "--tier",
        "b",
        "--manager",
        "m1",
        check=True,
    )
    assert added.exit_code == 0
    team("customer", "update", "c-1", "--status", "churned", check=True)
    shown = out_json(team("customer", "show", "c-1", "--format", "json"))
    assert shown["churned_on"] == "2026-11-23"
    team("customer", "update", "c-1", "--status", "active", check=True)
    assert out_json(team("customer", "show", "c-1", "--format", "json")).get("churned_on") is None
    refused = team("customer", "update", "c-1", "--churned-on", "2026-11-01")
    assert refused.exit_code == 2 and "only a churned customer" in refused.output


def test_too_few_leavers_is_refused_and_the_model_unchanged(ac_cli, book, ac_book):
    app, _ = book
    train_model(app)
    small = ac_cli("--book", str(ac_book.with_name("small.db")), "init")
    assert small.exit_code == 0
    result = ac_cli("--book", str(ac_book.with_name("small.db")), "retention", "train")
    assert result.exit_code == 2 and "at least 20" in result.output
    assert current_model(App(str(ac_book), today=TODAY)).version == 1


def test_a_manager_may_not_train(ac_cli, book):
    result = ac_cli("--as", "m1", "retention", "train")
    assert result.exit_code == 1 and "core.admin-only" in result.output


NAN_FEATURES = """
from accountcore import RetentionFeatures, hookimpl

@hookimpl
def retention_features(customers):
    return [RetentionFeatures(c.id, {"odd.value": float("nan")}, {}) for c in customers]
"""


def test_a_feature_that_is_not_a_number_is_bad_input(ac_cli, book, ac_book, tmp_path):
    path = tmp_path / "odd_features.py"
    path.write_text(NAN_FEATURES)
    result = ac_cli("--plugin", str(path), "retention", "train")
    assert result.exit_code == 2
    assert "'odd_features'" in result.output and "odd.value" in result.output
    assert current_model(App(str(ac_book), today=TODAY)) is None


STRAY_FEATURES = """
from accountcore import RetentionFeatures, hookimpl

@hookimpl
def retention_features(customers):
    return [RetentionFeatures("c-404", {"stray.x": 1.0}, {})]
"""


def test_features_for_a_customer_outside_the_batch_name_the_plugin(ac_cli, book, tmp_path):
    path = tmp_path / "stray_features.py"
    path.write_text(STRAY_FEATURES)
    result = ac_cli("--plugin", str(path), "retention", "train")
    assert result.exit_code == 1
    assert "stray_features" in result.output and "not in the batch" in result.output


def test_a_model_scores_missing_features_as_zero():
    feature = FeatureWeight("x.f", "f", 1.0, 0.5, 0.5)
    model = RetentionModel(1, TODAY, 100, 30, 0.8, -1.0, (feature,))
    score, [contribution] = model.explain({})
    assert contribution.value == 0.0 and score < model.base_rate
