"""Masking of personal data in output, and audited reveals.

Phone numbers, e-mail addresses, identity numbers, addresses and contact
phones are masked in every listing and ``show``, and so is every profile field
a plugin declares personal (:func:`accountcore.personal`); an actor in scope
may reveal one customer's file, and the reveal is recorded in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from .._model import Contact, Customer
from ..personal_data import PERSONAL

__all__ = [
    "PersonalFields",
    "mask_address",
    "mask_customer",
    "mask_customer_data",
    "mask_email",
    "mask_id_number",
    "mask_phone",
    "personal_fields",
    "redact",
]

MASK = "*"
# Profile name -> field name -> kind of personal data.
PersonalFields = Mapping[str, Mapping[str, str]]


def _keep_ends(value: str, head: int, tail: int) -> str:
    if len(value) <= head + tail:
        return MASK * len(value)
    return value[:head] + MASK * (len(value) - head - tail) + value[len(value) - tail :]


def mask_phone(phone: str | None) -> str | None:
    """``13800138000`` -> ``138****8000``: enough to recognise, not to dial."""
    return None if phone is None else _keep_ends(phone, 3, 4)


def mask_email(email: str | None) -> str | None:
    """``chen.hua@example.com`` -> ``c*******@example.com``."""
    if email is None:
        return None
    local, at, domain = email.partition("@")
    return _keep_ends(local, 1, 0) + at + domain


def mask_id_number(id_number: str | None) -> str | None:
    """An identity number with only its first 4 and last 4 characters shown."""
    return None if id_number is None else _keep_ends(id_number, 4, 4)


def mask_address(address: str | None) -> str | None:
    """An address with only its first 6 characters (the city, the district) shown."""
    return None if address is None else _keep_ends(address, 6, 0)


def _mask_secret(value: str | None) -> str | None:
    return None if value is None else MASK * min(len(value), 8)


_MASKS: dict[str, Callable[[str | None], str | None]] = {
    "phone": mask_phone,
    "email": mask_email,
    "id_number": mask_id_number,
    "address": mask_address,
    "secret": _mask_secret,
}


def _mask(kind: str, value: Any) -> Any:
    if value is None:
        return None
    return _MASKS.get(kind, _mask_secret)(value if isinstance(value, str) else str(value))


def personal_fields(profile_classes: Mapping[str, type]) -> dict[str, dict[str, str]]:
    """The personal fields each loaded profile class declares, by profile name.

    A profile missing from the result belongs to a plugin that is not loaded:
    nothing tells which of its fields are personal, so all its text is masked.
    """
    return {
        name: {f.name: f.metadata[PERSONAL] for f in attrs.fields(cls) if PERSONAL in f.metadata}
        for name, cls in profile_classes.items()
    }


def _mask_profile(profile: Any, fields: Mapping[str, str] | None) -> Any:
    if fields is None:  # its plugin is not loaded
        if not isinstance(profile, Mapping):
            return profile
        return {k: _mask("secret", v) if isinstance(v, str) else v for k, v in profile.items()}
    if not fields:
        return profile
    if isinstance(profile, Mapping):
        return {k: (_mask(fields[k], v) if k in fields else v) for k, v in profile.items()}
    if not attrs.has(type(profile)):
        return profile
    changes = {name: _mask(kind, getattr(profile, name, None)) for name, kind in fields.items()}
    # A masked value would fail the field's own check (a phone's digits): not re-validated.
    with attrs.validators.disabled():
        return attrs.evolve(profile, **changes)


def mask_customer(customer: Customer, personal: PersonalFields) -> Customer:
    """The customer as output shows him: personal data masked, plugins' included.

    ``personal`` is :func:`personal_fields` of the loaded profile classes.
    """
    return attrs.evolve(
        customer,
        phone=mask_phone(customer.phone),
        email=mask_email(customer.email),
        id_number=mask_id_number(customer.id_number),
        address=mask_address(customer.address),
        contacts=tuple(
            Contact(c.name, c.role, mask_phone(c.phone), c.key) for c in customer.contacts
        ),
        profiles={
            name: _mask_profile(profile, personal.get(name))
            for name, profile in customer.profiles.items()
        },
    )


def mask_customer_data(data: Mapping[str, Any], personal: PersonalFields) -> dict[str, Any]:
    """A customer's plain data (an audit image, say) with its personal data masked."""
    masked = dict(data)
    for name, kind in (("phone", "phone"), ("email", "email"), ("id_number", "id_number")):
        if name in masked:
            masked[name] = _mask(kind, masked[name])
    if "address" in masked:
        masked["address"] = _mask("address", masked["address"])
    if isinstance(masked.get("contacts"), list):
        masked["contacts"] = [
            {**c, "phone": _mask("phone", c.get("phone"))} if isinstance(c, Mapping) else c
            for c in masked["contacts"]
        ]
    if isinstance(masked.get("profiles"), Mapping):
        masked["profiles"] = {
            name: _mask_profile(profile, personal.get(name))
            for name, profile in masked["profiles"].items()
        }
    return masked


def redact(message: str, values: Iterable[tuple[str, Any]]) -> str:
    """``message`` with each ``(kind, value)`` that occurs in it masked."""
    for kind, value in values:
        if value is not None and str(value) and str(value) in message:
            message = message.replace(str(value), str(_mask(kind, value)))
    return message
