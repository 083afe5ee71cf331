"""on_event after every committed change, and profile_changes written, checked and audited."""

import pytest
from conftest import out_json

# A plugin that records every event it is told of, and keeps a profile of its own up to date.
SPY = """
import pathlib

import attrs
from accountcore import hookimpl

LOG = pathlib.Path(__file__).with_suffix(".log")

@attrs.frozen
class Spy:
    events: int = attrs.field(default=0, validator=attrs.validators.le(3))
    note: str | None = None

@hookimpl
def register_profile():
    return ("spy", Spy)

@hookimpl
def on_event(event):
    with LOG.open("a") as log:
        log.write(event.action + "\\n")

@hookimpl
def profile_changes(event, customer):
    spy = customer.profile("spy")
    if spy is None:
        return None
    return {"events": spy.events + 1, "note": event.action}
"""

# One individual customer of m1's, as every test here adds him.
ADD_CHEN = (
    *("customer", "add", "--name", "Chen"),
    *("--kind", "individual", "--tier", "b", "--manager", "m1"),
)


@pytest.fixture
def spy(team, tmp_path):
    path = tmp_path / "spy_events.py"
    path.write_text(SPY)

    def run(*args, check=True):
        return team("--plugin", str(path), *args, check=check)

    run.seen = lambda: path.with_suffix(".log").read_text().split()
    return run


def test_every_kind_of_change_is_told_after_its_commit(spy):
    spy(*ADD_CHEN)
    spy("customer", "update", "c-1", "--tier", "a")
    spy("visit", "plan", "c-1", "--on", "2026-11-30", "--purpose", "return", "--channel", "phone")
    spy("visit", "log", "c-1", "--purpose", "return", "--channel", "phone", "--outcome", "ok")
    spy("complaint", "open", "c-1", "--channel", "phone", "--severity", "low", "--summary", "late")
    spy("complaint", "resolve", "cp-1", "--resolution", "sent")
    spy(
        "delegate",
        "m1",
        "m2",
        "--start",
        "2026-11-24",
        "--end",
        "2026-11-30",
        "--reason",
        "leave",
    )
    assert spy.seen() == [
        "customer.add",
        "customer.update",
        "visit.plan",
        "visit.log",
        "complaint.open",
        "complaint.resolve",
        "delegation.add",
    ]


def test_a_change_refused_is_never_told(spy):
    spy(*ADD_CHEN)
    told = len(spy.seen())
    result = spy("customer", "update", "c-1", "--manager", "nobody", check=False)
    assert result.exit_code != 0
    assert len(spy.seen()) == told


def test_profile_changes_are_written_and_audited_under_the_plugins_name(spy, team):
    spy(*ADD_CHEN, "--set", "spy.events=0")
    spy("visit", "log", "c-1", "--purpose", "return", "--channel", "phone", "--outcome", "ok")
    shown = out_json(spy("customer", "show", "c-1", "--format", "json"))
    # customer.add then visit.log each counted once; the plugin's own change asks for none.
    assert shown["profiles"]["spy"] == {"events": 2, "note": "visit.log"}
    log = out_json(team("audit", "log", "--entity", "c-1", "--format", "json"))
    by_plugin = [e for e in log if e["actor"] == "plugin:spy_events"]
    assert [e["reason"] for e in by_plugin] == ["after customer.add c-1", "after visit.log v-1"]
    assert "customer.update" in spy.seen()  # the plugin's change is itself an event


def test_a_profile_change_its_class_refuses_is_a_warning_and_writes_nothing(spy):
    spy(*ADD_CHEN, "--set", "spy.events=3")
    result = spy("visit", "log", "c-1", "--purpose", "return", "--channel", "phone")
    assert result.exit_code == 0
    assert "plugin 'spy_events' failed in hook 'profile_changes'" in result.stderr
    assert "events" in result.stderr and "it stands" in result.stderr
    shown = out_json(spy("customer", "show", "c-1", "--format", "json"))
    assert shown["profiles"]["spy"]["events"] == 3
    assert len(out_json(spy("visit", "list", "--format", "json"))) == 1


def test_changes_recorded_together_are_told_in_turn_each_on_the_fresh_customer(
    spy, ac_book, ac_today, tmp_path
):
    from accountcore._app import App
    from accountcore._services import audit

    spy(*ADD_CHEN, "--set", "spy.events=0")
    app = App(str(ac_book), today=ac_today, plugin_modules=[str(tmp_path / "spy_events.py")])
    with app.store.transaction():
        audit.record_many(
            app,
            [
                audit.Change("test.one", "customer", "c-1"),
                audit.Change("test.two", "customer", "c-1"),
            ],
            tell_plugins=True,
        )
    # Told after the commit, in order; the second answer counts on the first one's change.
    assert spy.seen()[-4:] == ["test.one", "customer.update", "test.two", "customer.update"]
    # customer.add counted 1; each test event counts one more (2 if the second saw the old file).
    assert app.store.get_customer("c-1").profile("spy").events == 3
    app.close()
