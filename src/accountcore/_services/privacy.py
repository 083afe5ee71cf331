"""Masking of personal data in output, and audited reveals.

Phone numbers, e-mail addresses, identity numbers, addresses and contact
phones are masked in every listing and ``show``; an actor in scope may reveal
one customer's file, and the reveal is recorded in the audit trail.
"""

from __future__ import annotations

import attrs

from .._model import Contact, Customer

__all__ = ["mask_address", "mask_customer", "mask_email", "mask_id_number", "mask_phone"]

MASK = "*"


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


def mask_customer(customer: Customer) -> Customer:
    """The customer as output shows him: personal data masked."""
    return attrs.evolve(
        customer,
        phone=mask_phone(customer.phone),
        email=mask_email(customer.email),
        id_number=mask_id_number(customer.id_number),
        address=mask_address(customer.address),
        contacts=tuple(
            Contact(c.name, c.role, mask_phone(c.phone), c.key) for c in customer.contacts
        ),
    )
