"""A batch's records are read once for every hook of the batch, and answer as the book does."""

import datetime as dt

from accountcore._app import App
from accountcore._services.compliance import check
from accountcore._services.daily import run_daily
from accountcore._store.reader import BatchCache

TODAY = dt.date(2026, 11, 23)


def test_a_batch_answers_from_what_it_read_and_hands_out_lists_of_its_own():
    asked = []

    def fetch(ids):
        asked.append(ids)
        return {i: [f"{i}/a"] for i in ids}

    cache = BatchCache()
    assert cache.many("agreements", fetch, ["c-1"]) == {"c-1": ["c-1/a"]}
    assert cache.many("agreements", fetch, ["c-1"]) == {"c-1": ["c-1/a"]}
    assert len(asked) == 2  # outside a batch every question goes to the book
    with cache.batch():
        first = cache.many("agreements", fetch, ["c-1", "c-2"])
        first["c-1"].append("changed by a hook")
        with cache.batch():
            again = cache.many("agreements", fetch, ["c-2", "c-3", "c-1"])
        assert again == {"c-2": ["c-2/a"], "c-3": ["c-3/a"], "c-1": ["c-1/a"]}
        assert cache.many("visits", fetch, ["c-1"]) == {"c-1": ["c-1/a"]}
    assert asked[2:] == [["c-1", "c-2"], ["c-3"], ["c-1"]]
    cache.many("agreements", fetch, ["c-1"])
    assert asked[-1] == ["c-1"]


def _agreement_reads(app, run):
    reads = []

    def traced(sql):
        if sql.lstrip().startswith("SELECT") and "FROM agreements" in sql:
            reads.append(sql)

    app.store._db.set_trace_callback(traced)
    try:
        result = run()
    finally:
        app.store._db.set_trace_callback(None)
    return result, len(reads)


def test_the_daily_batch_and_the_check_read_each_batch_s_agreements_once(ac_cli, ac_book):
    ac_cli("demo", check=True)  # the three industries' customers, agreements and visits
    app = App(str(ac_book), today=TODAY)
    try:
        findings, reads = _agreement_reads(app, lambda: list(check(app, everyone=True)))
        assert findings and reads == 1  # one batch: the core's read, shared with the hooks
        # Read customer by customer, as outside a batch, the findings are the same.
        one_by_one = [f for batch in app.store.iter_customers() for f in _each(app, batch)]
        assert findings == one_by_one
        done, reads = _agreement_reads(app, lambda: run_daily(app))
        assert reads == 1 and done.care.customers > 0
    finally:
        app.close()


def _each(app, batch):
    return [f for customer in batch for f in check(app, customer_id=customer.id)]
