"""Customer files: built, verified, kept current, under a manager's name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from .._app import App
from .._customer_data import ordered_customer_data
from .._errors import BadInput, NotFound, Refused
from .._model import Customer, CustomerKind, CustomerStatus
from .._store import CustomerFilter
from . import privacy, scope

__all__ = [
    "EDITABLE",
    "add_customer",
    "assign_customer",
    "customer_names",
    "customer_problems",
    "get_customer",
    "iter_customer_records",
    "iter_customers",
    "show_customer",
    "update_customer",
]

_PHONE = re.compile(r"\+?[0-9][0-9 -]{4,19}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# Fields a caller may give; id, profiles and created_on are the service's.
EDITABLE = (
    "name",
    "kind",
    "tier",
    "status",
    "churned_on",
    "external_id",
    "birthday",
    "phone",
    "email",
    "address",
    "id_number",
    "consent",
    "contacts",
)


def _structure(app: App, data: Mapping[str, Any]) -> Customer:
    try:
        return app.converter.structure(dict(data), Customer)
    except Exception as exc:
        from .._convert import describe_error

        raise BadInput(f"invalid customer: {describe_error(exc, 'customer')}") from exc


def _churn_dated(app: App, customer: Customer, previous: Customer | None = None) -> Customer:
    """A customer who churns left today unless told when; one who comes back has no churn date."""
    churned = customer.status is CustomerStatus.CHURNED
    if churned and customer.churned_on is None:
        return attrs.evolve(customer, churned_on=app.today)
    if previous is None or churned or previous.status is not CustomerStatus.CHURNED:
        return customer
    if customer.churned_on == previous.churned_on:
        return attrs.evolve(customer, churned_on=None)
    return customer


def customer_problems(app: App, customer: Customer) -> list[tuple[str, str]]:
    """The core's rules on one customer file, broken: ``(field, problem)`` pairs.

    The external id's uniqueness is the caller's to check (it needs the book).
    """
    problems = []
    if not customer.name.strip():
        problems.append(("name", "a customer needs a name"))
    if customer.phone is not None and not _PHONE.fullmatch(customer.phone):
        problems.append(
            (
                "phone",
                f"{privacy.mask_phone(customer.phone)!r}: expected digits, such as 13800138000",
            )
        )
    if customer.email is not None and not _EMAIL.fullmatch(customer.email):
        problems.append(
            (
                "email",
                f"{privacy.mask_email(customer.email)!r}: expected an address such as"
                " name@example.com",
            )
        )
    if customer.birthday is not None:
        if customer.kind is CustomerKind.CORPORATE:
            problems.append(("birthday", "a corporate customer has no birthday"))
        elif customer.birthday > app.today:
            problems.append(("birthday", f"{customer.birthday}: after today ({app.today})"))
    if customer.churned_on is not None:
        if customer.status is not CustomerStatus.CHURNED:
            problems.append(
                ("churned_on", "only a churned customer has a churn date (--status churned)")
            )
        elif customer.churned_on > app.today:
            problems.append(("churned_on", f"{customer.churned_on}: after today ({app.today})"))
    if customer.created_on is not None and customer.created_on > app.today:
        problems.append(("created_on", f"{customer.created_on}: after today ({app.today})"))
    return problems


def _check(app: App, customer: Customer, previous: Customer | None = None) -> None:
    """The core's rules on a customer file; BadInput names the option."""
    for name, problem in customer_problems(app, customer)[:1]:
        raise BadInput(f"--{name.replace('_', '-')}: {problem}")
    if customer.external_id is not None and (
        previous is None or previous.external_id != customer.external_id
    ):
        other = app.store.find_customer_by_external_id(customer.external_id)
        if other is not None:
            raise BadInput(
                f"--external-id {customer.external_id!r} is already {other.id}'s:"
                " external ids are unique"
            )


def _clean(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise BadInput(f"cannot set {', '.join(sorted(unknown))} on a customer")
    # An empty string clears an optional field.
    return {key: (None if value == "" else value) for key, value in fields.items()}


def add_customer(
    app: App,
    fields: Mapping[str, Any],
    *,
    manager: str,
    profile_values: Iterable[tuple[str, str, Any]] = (),
) -> Customer:
    """Create a customer under ``manager``'s name, with an id ``c-N`` never used before.

    ``fields`` holds plain data (``{"tier": "vip", "birthday": "1980-11-23"}``)
    and ``profile_values`` the ``(plugin, field, value)`` of its profiles.
    Nothing is written when any of it is refused.
    """
    from . import audit  # the audit trail, only for a command that writes
    from .managers import get_manager
    from .profiles import apply_profile_values

    owner = get_manager(app, manager)
    if not owner.active:
        raise BadInput(f"--manager {manager}: this manager is inactive")
    scope.ensure_manager_in_scope(app, manager, "information-collection")
    data = _clean(fields)
    profiles = apply_profile_values(app, {}, profile_values)
    with app.store.transaction():
        draft = _structure(
            app,
            {**data, "id": "c-0", "manager": manager, "created_on": app.today.isoformat()},
        )
        draft = _churn_dated(app, draft)
        _check(app, draft)
        customer = attrs.evolve(draft, id=app.store.next_id("c"), profiles=profiles)
        app.store.add_customer(customer)
        audit.record(app, "customer.add", "customer", customer.id, after=customer)
    return customer


def get_customer(app: App, customer_id: str) -> Customer:
    """The customer with this id, if the actor may see him."""
    customer = app.store.get_customer(customer_id)
    if customer is None:
        raise NotFound(f"unknown customer {customer_id!r}: see `accountcore customer list`")
    scope.ensure_in_scope(app, customer)
    return customer


def customer_names(app: App, customer_ids: Iterable[str]) -> dict[str, str]:
    """The names of these customers, by id, for listings of records already in scope."""
    return {key: name for key, (name, _) in app.store.customer_labels(customer_ids).items()}


def show_customer(app: App, customer_id: str, *, reveal: bool = False) -> dict[str, Any]:
    """The customer's file as the plain data output shows: masked, or in full with ``reveal``
    (audited).

    The stored data is passed on as it is, not structured into a customer and
    back: ``customer show`` needs no converter.
    """
    data = app.store.get_customer_data(customer_id)
    if data is None:
        raise NotFound(f"unknown customer {customer_id!r}: see `accountcore customer list`")
    scope.ensure_customer_in_scope(app, customer_id, data["manager"])
    data = ordered_customer_data(app.hooks.profiles)(data)
    if not reveal:
        return privacy.mask_customer_data(data, privacy.personal_fields(app.hooks.profiles))
    from . import audit  # the audit trail, only for a command that records a reveal

    with app.store.transaction():
        audit.record(
            app,
            "customer.reveal",
            "customer",
            customer_id,
            on_behalf_of=scope.for_manager(app, data["manager"]),
        )
    return data


def _visible_where(app: App, where: CustomerFilter | None) -> CustomerFilter:
    """``where``, narrowed to the managers whose customers the actor may see."""
    where = where or CustomerFilter()
    visible = scope.visible_managers(app)
    if visible is None:
        return where
    managers = visible if where.managers is None else visible & where.managers
    return CustomerFilter(managers, where.tier, where.status, where.kind, where.profile)


def iter_customers(app: App, where: CustomerFilter | None = None) -> Iterator[Customer]:
    """The customers the actor may see, in id order, masked, streamed from the book."""
    batches = app.store.iter_customers(_visible_where(app, where))
    personal = privacy.personal_fields(app.hooks.profiles)
    for batch in batches:
        for customer in batch:
            yield privacy.mask_customer(customer, personal)


def iter_customer_records(
    app: App, where: CustomerFilter | None = None
) -> Iterator[dict[str, Any]]:
    """The customers of :func:`iter_customers` as the plain data output shows, masked alike.

    The stored plain data, masked the same way: a listing only passes it on, so
    no row is structured into a customer and back (most of a listing's time).
    """
    batches = app.store.iter_customer_data(_visible_where(app, where))
    personal = privacy.personal_fields(app.hooks.profiles)
    in_order = ordered_customer_data(app.hooks.profiles)
    for batch in batches:
        for data in batch:
            yield privacy.mask_customer_data(in_order(data), personal)


def update_customer(
    app: App,
    customer_id: str,
    fields: Mapping[str, Any],
    *,
    profile_values: Iterable[tuple[str, str, Any]] = (),
    profile_unset: Iterable[tuple[str, str]] = (),
    refuse: Iterable[str] = (),
    allow: Iterable[str] = (),
) -> Customer:
    """Change a customer's file; ``refuse`` and ``allow`` change the channels he refused."""
    from .profiles import apply_profile_values

    with app.store.transaction():
        before = get_customer(app, customer_id)
        scope.ensure_in_scope(app, before, "file-management")
        data = app.converter.unstructure(before)
        data.update(_clean(fields))
        consent = (set(data["consent"]) | set(refuse)) - set(allow)
        data["consent"] = sorted(consent)
        profiles = apply_profile_values(app, before.profiles, profile_values, profile_unset)
        data.pop("profiles")
        after = attrs.evolve(_structure(app, data), profiles=profiles)
        after = _churn_dated(app, after, before)
        _check(app, after, before)
        return save_change(app, before, after, on_behalf_of=scope.on_behalf_of(app, before))


def save_change(
    app: App,
    before: Customer,
    after: Customer,
    *,
    on_behalf_of: str | None = None,
    actor: str | None = None,
    reason: str | None = None,
) -> Customer:
    """Store ``after`` in place of ``before``, audited as ``customer.update``; unchanged: nothing.

    The caller has checked ``after`` and holds the transaction.
    """
    from . import audit  # the audit trail, only for a command that writes

    if after == before:
        return before
    app.store.update_customer(after)
    audit.record(
        app,
        "customer.update",
        "customer",
        after.id,
        before=before,
        after=after,
        on_behalf_of=on_behalf_of,
        actor=actor,
        reason=reason,
    )
    return after


def assign_customer(app: App, customer_id: str, manager: str, *, reason: str) -> Customer:
    """Put the customer under another manager's name; only his supervisor or the administrator.

    A supervisor assigns within his team only.
    """
    from . import audit  # the audit trail, only for a command that writes
    from .managers import get_manager

    if not reason.strip():
        raise BadInput("--reason: say why the customer changes hands")
    with app.store.transaction():
        before = get_customer(app, customer_id)
        target = get_manager(app, manager)
        if not target.active:
            raise BadInput(f"--manager {manager}: this manager is inactive")
        if before.manager == manager:
            raise BadInput(f"customer {customer_id} is already under {manager}'s name")
        if app.actor is not None:
            team = scope.team_of(app, app.actor)
            if before.manager not in team - {app.actor} or manager not in team:
                raise Refused(
                    f"{app.actor} may reassign customers only within his team,"
                    f" from one of his reports to another (not {before.manager} -> {manager})",
                    rule="core.assign-scope",
                )
        after = attrs.evolve(before, manager=manager)
        app.store.update_customer(after)
        audit.record(
            app,
            "customer.assign",
            "customer",
            customer_id,
            before=before,
            after=after,
            reason=reason.strip(),
        )
    return after
