"""What an import looks up: managers (with the actor's scope) and customers by reference.

Lookups are made once per run (managers) or once per chunk (customers), never
once per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..._app import App
from ..._errors import Refused
from ..._model import Customer, Manager
from .. import scope

__all__ = ["Managers", "resolve_customers"]

_CUSTOMER_ID = re.compile(r"c-\d+")


class Managers:
    """The book's managers, read once, and whether the actor may act for each."""

    def __init__(self, app: App) -> None:
        self._app = app
        self._managers: dict[str, Manager] = {m.id: m for m in app.store.list_managers()}

    def problem(self, manager: str, responsibility: str) -> str | None:
        """Why records may not be put under ``manager`` by the actor, or None."""
        found = self._managers.get(manager)
        if found is None:
            known = ", ".join(sorted(self._managers)[:10]) or "none yet"
            return f"unknown manager {manager!r} ({known}...; see `accountcore manager list`)"
        if not found.active:
            return f"manager {manager} is inactive"
        try:
            scope.ensure_manager_in_scope(self._app, manager, responsibility)
        except Refused as refused:
            return f"{refused} (refused by {refused.rule})"
        return None

    def customer_problem(self, customer: Customer, responsibility: str) -> str | None:
        """Why the actor may not do ``responsibility`` work on ``customer``, or None."""
        try:
            scope.ensure_in_scope(self._app, customer, responsibility)
        except Refused as refused:
            return f"{refused} (refused by {refused.rule})"
        return None


def resolve_customers(app: App, refs: Iterable[str]) -> dict[str, Customer]:
    """The customers these references name, by reference: an id (``c-N``) or an external id.

    An id is tried first; a reference no customer has as id is looked up as
    an external id.
    """
    wanted = {str(ref) for ref in refs}
    found = app.store.get_customers(ref for ref in wanted if _CUSTOMER_ID.fullmatch(ref))
    rest = [ref for ref in wanted if ref not in found]
    found.update(app.store.find_customers_by_external_ids(rest))
    return found
