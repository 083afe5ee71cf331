"""Importing customer files: core fields and ``PLUGIN.FIELD`` profile columns, created or updated.

Each row is structured by the converter and checked by the customers
service's rules (:func:`~accountcore._services.customers.customer_problems`)
and each plugin's profile class, as ``customer add`` is. With a key
(``external_id`` or ``id``) a row whose key is in the book updates that
customer; without one, an external id already in the book is a bad row.
A row whose phone or identity number is another customer's (in the book, or
earlier in the file) is a possible duplicate: reported, skipped or refused
as ``--on-duplicate`` says.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import attrs

from ..._app import App
from ..._errors import BadInput
from ..._io.mapping import ColumnPlan
from ..._io.sources import Row
from ..._model import Customer
from .. import audit, privacy, scope
from ..customers import EDITABLE, customer_problems
from ..profiles import apply_profile_values
from .engine import Accepted, Checked, ImportOptions, Rejected, Skipped
from .fields import field_problems, kinds_of, profile_kinds

__all__ = ["CustomerImporter"]

KEYS = ("external_id", "id")
RESPONSIBILITY = "information-collection"
_LIST_SPLIT = re.compile(r"[;,]")


def _seq(customer_id: str) -> int:
    return int(customer_id.rsplit("-", 1)[1])


class CustomerImporter:
    """Customer rows into customer files (see the module's docstring)."""

    entity = "customer"

    def __init__(self, app: App) -> None:
        from .lookups import Managers

        self.app = app
        core = kinds_of(Customer, skip=("profiles",))
        self._kinds = {**core, **profile_kinds(app.hooks.profiles)}
        self._managers = Managers(app)
        self._key: str | None = None
        self._on_duplicate = "report"
        self._first_new: int | None = None
        self._updated: set[str] = set()

    def kind_of(self, name: str) -> str | None:
        """What ``name`` holds, or None when customers have no such field."""
        return self._kinds.get(name)

    def unknown(self, name: str) -> str:
        """Why ``name`` is no customer field."""
        plugin, dot, field = name.partition(".")
        profiles = self.app.hooks.profiles
        if not dot:
            core = ", ".join(["id", "manager", *EDITABLE, "created_on"])
            return f"unknown field {name!r}: a customer's fields are {core}, and PLUGIN.FIELD"
        if plugin not in profiles:
            known = ", ".join(sorted(profiles)) or "none"
            return f"unknown plugin {plugin!r} in {name}: installed profiles are {known}"
        fields = ", ".join(f.name for f in attrs.fields(profiles[plugin]))
        return f"the {plugin} profile has no field {field!r}; its fields are {fields}"

    def start(self, plan: ColumnPlan, options: ImportOptions) -> None:
        """Check the key option against the file's columns."""
        if options.key is not None:
            if options.key not in KEYS:
                raise BadInput(f"--key {options.key!r}: expected external_id or id")
            if options.key not in plan.names:
                raise BadInput(f"--key {options.key}: the file has no {options.key} column")
        self._key = options.key
        self._on_duplicate = options.on_duplicate

    def _made_here(self, customer: Customer) -> bool:
        """Whether this run wrote the customer already (an earlier row of the file)."""
        if customer.id in self._updated:
            return True
        return self._first_new is not None and _seq(customer.id) >= self._first_new

    def check(self, rows: Sequence[tuple[Row, dict[str, Any]]]) -> list[Checked]:
        """Check a chunk: structure, the core's and the profiles' rules, keys, duplicates."""
        store = self.app.store
        refs = [str(f["external_id"]) for _, f in rows if f.get("external_id") is not None]
        by_external = store.find_customers_by_external_ids(refs)
        by_id = {}
        if self._key == "id":
            by_id = store.get_customers(str(f["id"]) for _, f in rows if f.get("id") is not None)
        seen: dict[str, str] = {}
        results: list[Checked] = []
        for row, fields in rows:
            key_value = None if self._key is None else fields.get(self._key)
            before = None
            if key_value is not None:
                key_value = str(key_value)
                before = (by_id if self._key == "id" else by_external).get(key_value)
            results.append(self._check_row(row, fields, before, by_external, seen))
        return self._duplicates(results)

    def _check_row(
        self,
        row: Row,
        fields: dict[str, Any],
        before: Customer | None,
        by_external: dict[str, Customer],
        seen: dict[str, str],
    ) -> Checked:
        problems: list[tuple[str, str]] = []
        if self._key is not None and fields.get(self._key) is None:
            problems.append((self._key, f"empty, but it is the key (--key {self._key})"))
        customer = self._structure(fields, before, problems)
        if customer is None:
            return Rejected(row, tuple(problems))
        why = self._managers.problem(customer.manager, RESPONSIBILITY)
        if why is None and before is not None:
            why = self._managers.customer_problem(before, "file-management")
        if why is not None:
            problems.append(("manager", why))
        problems.extend(customer_problems(self.app, customer))
        external = customer.external_id
        if external is not None:
            other = by_external.get(external)
            if external in seen:
                problems.append(("external_id", f"{external!r} is also on {seen[external]}"))
            elif other is not None and before is not None and self._made_here(other):
                problems.append(("external_id", f"{external!r} appears twice in this file"))
            elif other is not None and (before is None or other.id != before.id):
                again = " (re-run with --key external_id to update)" if self._key is None else ""
                if self._made_here(other):
                    problems.append(("external_id", f"{external!r} appears twice in this file"))
                else:
                    problems.append(("external_id", f"{external!r} is already {other.id}'s{again}"))
            seen[external] = row.where
        if problems:
            return Rejected(row, tuple(problems))
        return Accepted(row, customer, before)

    def _structure(
        self, fields: dict[str, Any], before: Customer | None, problems: list[tuple[str, str]]
    ) -> Customer | None:
        conv = self.app.converter
        core = {k: v for k, v in fields.items() if "." not in k and k != "id"}
        values = [(*name.split(".", 1), value) for name, value in fields.items() if "." in name]
        if before is None:
            data: dict[str, Any] = {"id": "c-0", "created_on": self.app.today.isoformat()}
        else:
            data = conv.unstructure(before)
        data.update(core)
        for name, parse in (("consent", _consent), ("contacts", _contacts)):
            if name in core:
                try:
                    data[name] = parse(core[name])
                except ValueError as exc:
                    problems.append((name, str(exc)))
        try:
            # Structured profiles pass through the converter as they are.
            data["profiles"] = apply_profile_values(
                self.app, before.profiles if before is not None else {}, values
            )
        except BadInput as exc:
            name, _, problem = str(exc).removeprefix("invalid profile: ").partition(": ")
            problems.append((name, problem or str(exc)))
            data["profiles"] = {}
        try:
            customer = conv.structure(data, Customer)
        except Exception as exc:
            problems.extend(field_problems(exc, "customer"))
            return None
        return None if problems else customer

    def _duplicates(self, results: list[Checked]) -> list[Checked]:
        """Possible duplicates among the accepted rows, by phone or id number."""
        accepted = [r for r in results if isinstance(r, Accepted)]
        phones = {r.record.phone for r in accepted if r.record.phone}
        numbers = {r.record.id_number for r in accepted if r.record.id_number}
        if not phones and not numbers:
            return results
        owners: dict[tuple[str, str], list[str]] = {}
        for cid, phone, number in self.app.store.customers_sharing(phones, numbers):
            for what, value in (("phone", phone), ("id_number", number)):
                if value:
                    owners.setdefault((what, value), []).append(cid)
        earlier: dict[tuple[str, str], str] = {}
        checked: list[Checked] = []
        for result in results:
            if isinstance(result, Accepted):
                result = self._duplicate_of(result, owners, earlier)
            checked.append(result)
        return checked

    def _duplicate_of(
        self,
        result: Accepted,
        owners: dict[tuple[str, str], list[str]],
        earlier: dict[tuple[str, str], str],
    ) -> Checked:
        customer: Customer = result.record
        own = result.before.id if result.before is not None else None
        notes = []
        for what, value, masked in (
            ("phone", customer.phone, privacy.mask_phone(customer.phone)),
            ("id_number", customer.id_number, privacy.mask_id_number(customer.id_number)),
        ):
            if not value:
                continue
            others = [cid for cid in owners.get((what, value), []) if cid != own]
            if others:
                notes.append((what, f"{masked} is also {', '.join(others)}'s"))
            elif (what, value) in earlier:
                notes.append((what, f"{masked} is also on {earlier[(what, value)]}"))
            earlier.setdefault((what, value), result.row.where)
        if not notes:
            return result
        lines = tuple(
            f"{result.row.where}: possible duplicate: {what} {text}" for what, text in notes
        )
        if self._on_duplicate == "skip":
            return Skipped(result.row, lines, duplicate=True)
        if self._on_duplicate == "fail":
            return Rejected(
                result.row,
                tuple((what, f"possible duplicate: {text}") for what, text in notes),
                duplicate=True,
            )
        return attrs.evolve(result, notes=lines, duplicate=True)

    def write(self, accepted: Sequence[Accepted]) -> int:
        """Store the chunk's new and changed customers with one audit event each."""
        app = self.app
        fresh = [item for item in accepted if item.before is None]
        ids = app.store.next_ids("c", len(fresh)) if fresh else []
        if ids and self._first_new is None:
            self._first_new = _seq(ids[0])
        numbered = iter(ids)
        changes = []
        created = []
        for item in accepted:
            where = f"imported from {item.row.where}"
            if item.before is None:
                customer = attrs.evolve(item.record, id=next(numbered))
                created.append(customer)
                changes.append(
                    audit.Change(
                        "customer.add",
                        "customer",
                        customer.id,
                        after=self.app.converter.unstructure(customer),
                        on_behalf_of=scope.on_behalf_of(app, customer),
                        reason=where,
                    )
                )
            else:
                app.store.update_customer(item.record)
                self._updated.add(item.record.id)
                changes.append(
                    audit.Change(
                        "customer.update",
                        "customer",
                        item.record.id,
                        before=item.before,
                        after=item.record,
                        on_behalf_of=scope.on_behalf_of(app, item.before),
                        reason=where,
                    )
                )
        if created:
            app.store.add_customers(created)
        audit.record_many(app, changes)
        return len(created)


def _consent(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in _LIST_SPLIT.split(value) if part.strip()]
    return value


def _contacts(value: Any) -> Any:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise ValueError(
                'expected a JSON list of contacts, such as [{"name": "Wu Jie", "phone": "139..."}]'
            ) from None
    return value
