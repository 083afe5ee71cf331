"""Settings fields that check their range: a weight between 0 and 1, days at least 1.

A plugin's settings class uses them so that `accountcore config set` refuses
a value the rule could not mean (exit 2, the field named)::

    from attrs import frozen
    from accountcore import days, fraction

    @frozen
    class MySettings:
        weight_arrears: float = fraction(0.10)
        notice_days: int = days(30)
"""

from __future__ import annotations

from typing import Any

import attrs
from attrs import validators

__all__ = ["MAX_DAYS", "days", "fraction"]

# A hundred years: more is a typing accident, and date arithmetic would overflow.
MAX_DAYS = 36_500


def fraction(default: float) -> Any:
    """A float field between 0 and 1 (a weight, a score, a share)."""
    return attrs.field(default=default, validator=[validators.ge(0.0), validators.le(1.0)])


def days(default: int, *, minimum: int = 1) -> Any:
    """An int field of days from ``minimum`` (1 unless told) to :data:`MAX_DAYS`."""
    return attrs.field(default=default, validator=[validators.ge(minimum), validators.le(MAX_DAYS)])
