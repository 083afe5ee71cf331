"""The sample book of ``accountcore demo``, built from ``sample_book.toml`` through the services.

The sample names plugin fields and products, which the core's services must not
know; it is data, read here and written through the same services as any
user's input, so the demo exercises every rule a real book does.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from typing import Any

from .._app import App
from .._errors import BadInput
from .._model import ComplaintSeverity, Customer, Manager
from .._services import agreements, complaints, customers, delegations, managers, tasks, visits
from .._services.book import init_book

__all__ = ["build_demo"]


def _sample() -> dict[str, Any]:
    text = resources.files(__name__).joinpath("sample_book.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _dated(value: Any, today: dt.date) -> Any:
    """``{days = N}`` becomes the date N days from ``today``, inside lists and tables too."""
    if isinstance(value, dict):
        if set(value) == {"days"}:
            return today + dt.timedelta(days=value["days"])
        return {key: _dated(item, today) for key, item in value.items()}
    if isinstance(value, list):
        return [_dated(item, today) for item in value]
    return value


def _as_text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def build_demo(app: App) -> tuple[list[Manager], list[Customer]]:
    """Fill an empty (or missing) book with the sample; what absent plugins need is left out."""
    init_book(app)
    if app.store.list_managers():
        raise BadInput(
            f"the book at {app.store.location} is not empty: give `demo` a new book with --book"
        )
    sample = _dated(_sample(), app.today)
    loaded = set(app.hooks.profiles)
    added_managers = [
        managers.add_manager(app, m["id"], m["name"], supervisor=m.get("supervisor"))
        for m in sample["manager"]
    ]
    added_customers = [_add_customer(app, entry, loaded) for entry in sample["customer"]]
    for record in _present(sample["agreement"], loaded):
        agreements.sign_agreement(app, record.pop("customer"), record.pop("product"), **record)
    for record in _present(sample["visit"], loaded):
        visits.log_visit(app, record.pop("customer"), **record)
    for record in _present(sample["complaint"], loaded):
        severity = ComplaintSeverity(record.pop("severity"))
        complaints.open_complaint(app, record.pop("customer"), severity=severity, **record)
    _add_manager_day(app, sample, loaded)
    return added_managers, added_customers


def _add_manager_day(app: App, sample: dict[str, Any], loaded: set[str]) -> None:
    """What makes a manager's day: plans (one missed), a deputy, tasks and an escalation."""
    for record in _present(sample["plan"], loaded):
        planner = app.on_day(record.pop("planned"))
        visits.plan_visit(planner, record.pop("customer"), **record)
    for record in sample["delegation"]:
        delegations.delegate(app, record.pop("from"), record.pop("to"), **record)
    for record in sample["task"]:
        giver = app.evolve(actor=record.pop("by"))
        try:
            assignee = record.pop("for", None)
            tasks.add_task(giver, record.pop("title"), assignee=assignee, **record)
        finally:
            giver.close()


def _add_customer(app: App, entry: dict[str, Any], loaded: set[str]) -> Customer:
    fields = {key: _as_text(value) for key, value in entry.items()}
    manager = fields.pop("manager")
    profiles = fields.pop("profiles", {})
    values = [
        (plugin, name, _as_text(value))
        for plugin, profile in profiles.items()
        if plugin in loaded
        for name, value in profile.items()
    ]
    return customers.add_customer(app, fields, manager=manager, profile_values=values)


def _present(records: list[dict[str, Any]], loaded: set[str]) -> list[dict[str, Any]]:
    """The records whose industry's plugin is loaded, without their ``industry`` key."""
    return [
        {key: value for key, value in record.items() if key != "industry"}
        for record in records
        if record["industry"] in loaded
    ]
