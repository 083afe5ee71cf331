"""Personal data in a plugin's profile: declare a field personal and the core masks it.

A profile field made with :func:`personal` is masked as the core masks a
customer's phone, e-mail, identity number or address: in every listing,
``show``, export and report, in the audit trail's before and after images and
in error messages; ``customer show --reveal`` shows it (and is audited)::

    from attrs import frozen
    from accountcore import personal

    @frozen
    class TelecomProfile:
        msisdn: str | None = personal("phone", default=None)

The declaration is the field metadata ``{"accountcore.personal": KIND}``;
``personal()`` is the short way to write it.
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["PERSONAL", "PERSONAL_KINDS", "personal"]

# The field metadata key that marks a profile field as personal data.
PERSONAL = "accountcore.personal"
# How each kind is masked: phone 138****8000, email c*******@example.com, id_number
# 1101**********1234, address "Beijing***", secret entirely.
PERSONAL_KINDS = ("phone", "email", "id_number", "address", "secret")


def personal(kind: str = "secret", **field_options: Any) -> Any:
    """An attrs field holding personal data of ``kind`` (one of :data:`PERSONAL_KINDS`).

    ``field_options`` are those of :func:`attrs.field` (``default``,
    ``validator``, ``metadata``...).
    """
    if kind not in PERSONAL_KINDS:
        raise ValueError(f"personal({kind!r}): the kind is one of {', '.join(PERSONAL_KINDS)}")
    metadata = {**field_options.pop("metadata", {}), PERSONAL: kind}
    return attrs.field(metadata=metadata, **field_options)
