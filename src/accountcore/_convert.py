"""The one converter between domain values and plain data (JSON, rows, CSV cells).

Dates are ISO ``YYYY-MM-DD`` strings, money is a decimal string, enums are
their values, a customer's consent is a sorted list. A customer's profiles are
structured into the class each plugin registered; a profile whose plugin is
not loaded is kept as the plain data it was stored as, so nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
import cattrs
from cattrs import transform_error
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._model import Channel, Customer

__all__ = ["describe_error", "make_converter", "parse_date"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# No count, amount or setting of the field comes near this; beyond it a number is a
# typing accident (and an SQLite integer stops at 2**63).
LARGEST = 10**15
_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}


def _list_of(item: Any) -> Any:
    """``list[item]`` for an item type known only at run time."""
    return types.GenericAlias(list, (item,))


def parse_date(value: Any) -> dt.date:
    """A date from a ``date`` or an ISO ``YYYY-MM-DD`` string; ValueError otherwise."""
    if type(value) is str and len(value) == 10 and value[4] == value[7] == "-":
        # The form the book stores, read a million times by a daily batch.
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")


def _structure_date(value: Any, _: type) -> dt.date:
    return parse_date(value)


def _structure_datetime(value: Any, _: type) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"expected a timestamp in ISO format, got {value!r}") from None


_MONEY_FORMATS = (
    "an amount in yuan: digits with an optional decimal point, such as 1000000 or 1234.50"
    " (commas between thousands are dropped; no exponent such as 1e3)"
)


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, str) and "e" in value.lower():
        raise ValueError(f"expected {_MONEY_FORMATS}, got {value!r}")
    if type(value) is str:
        # The form the book stores; anything else takes the lenient path below.
        try:
            amount = Decimal(value)
        except InvalidOperation:
            amount = None
        if amount is not None and amount.is_finite() and abs(amount) < LARGEST:
            return amount
    if isinstance(value, bool):
        raise ValueError(f"expected {_MONEY_FORMATS}, got {value!r}")
    try:
        if isinstance(value, Decimal | int):
            amount = Decimal(value)
        elif isinstance(value, float):
            amount = Decimal(str(value))
        else:
            amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"expected {_MONEY_FORMATS}, got {value!r}") from None
    if not amount.is_finite():
        raise ValueError(f"expected {_MONEY_FORMATS}, got {value!r}")
    return _in_range(amount, value)


def _in_range(number: Any, given: Any) -> Any:
    if abs(number) >= LARGEST:
        raise ValueError(f"{given!r} is out of range: expected a number below {LARGEST:.0e}")
    return number


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool):
        raise ValueError(f"expected a number like 0.25, got {value!r}")
    try:
        number = float(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError):
        raise ValueError(f"expected a number like 0.25, got {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number like 0.25, got {value!r}")
    return _in_range(number, value)


def _structure_bool(value: Any, _: type) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"expected true or false, got {value!r}")


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, got {value!r}")
    if isinstance(value, int):
        return _in_range(value, value)
    if isinstance(value, str) and re.fullmatch(r"[+-]?\d{1,30}", value.strip()):
        return _in_range(int(value), value)
    raise ValueError(f"expected a whole number, got {value!r}")


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(str(m.value) for m in cls)
        raise ValueError(f"expected one of {choices}, got {value!r}") from None


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _enum_hook(cls: type[enum.Enum]) -> Callable[[Any, type], enum.Enum]:
    """Structure ``cls`` from its values by a dict lookup; other input takes the checked path."""
    members = {member.value: member for member in cls}

    def structure(value: Any, _: type) -> enum.Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            return _structure_enum(value, cls)

    return structure


def _is_optional(tp: Any) -> bool:
    args = typing.get_args(tp)
    return (
        typing.get_origin(tp) in (typing.Union, types.UnionType)
        and len(args) == 2
        and type(None) in args
    )


def _split_text(value: Any) -> Any:
    # `--set securities.disclosures=star-market,margin` and `config set
    # telecom.anniversary_tiers vip,a` give one string for a tuple.
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def _unstructure_consent(value: frozenset[Channel]) -> list[str]:
    return sorted(channel.value for channel in value)


def make_converter(profiles: Mapping[str, type] | None = None) -> cattrs.Converter:
    """Build the converter, structuring each customer profile into ``profiles[name]``."""
    profile_classes = dict(profiles or {})
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    # Written without an exponent (1000, never 1E+3): the form the structure hook takes.
    conv.register_unstructure_hook(Decimal, lambda amount: format(amount, "f"))
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook_factory(
        lambda tp: isinstance(tp, type) and issubclass(tp, enum.Enum), _enum_hook
    )
    conv.register_structure_hook_func(
        _is_homogeneous_tuple,
        lambda value, tp: tuple(
            conv.structure(_split_text(value), _list_of(typing.get_args(tp)[0]))
        ),
    )

    def optional_hook(tp: Any) -> Callable[[Any, type], Any]:
        # The inner hook is found once, not on every value (cattrs' own dispatches each time).
        inner = next(arg for arg in typing.get_args(tp) if arg is not type(None))
        hook = conv.get_structure_hook(inner)
        return lambda value, _: None if value is None else hook(value, inner)

    conv.register_structure_hook_factory(_is_optional, optional_hook)

    def unstructure_profile(value: Any) -> Any:
        if attrs.has(type(value)):
            data = conv.unstructure(value)
            return {key: item for key, item in data.items() if item is not None}
        return value

    def unstructure_profiles(value: Mapping[str, Any]) -> dict[str, Any]:
        return {name: unstructure_profile(profile) for name, profile in sorted(value.items())}

    def structure_profiles(value: Any, _: type) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise ValueError(f"expected an object of profiles, got {value!r}")
        result = {}
        for name, data in value.items():
            cls = profile_classes.get(name)
            if cls is None or isinstance(data, cls):
                result[name] = data
            else:
                result[name] = conv.structure(data, cls)
        return result

    conv.register_unstructure_hook(
        Customer,
        make_dict_unstructure_fn(
            Customer,
            conv,
            consent=override(unstruct_hook=_unstructure_consent),
            profiles=override(unstruct_hook=unstructure_profiles),
        ),
    )
    conv.register_structure_hook(
        Customer,
        make_dict_structure_fn(
            Customer,
            conv,
            _cattrs_forbid_extra_keys=True,
            profiles=override(struct_hook=structure_profiles),
        ),
    )
    return conv


def _leaf_message(exc: BaseException, _type: Any) -> str:
    """What went wrong with one value, as a suffix of its path (``: why`` or ``.field: why``)."""
    if isinstance(exc, ForbiddenExtraKeysError):
        fields = ", ".join(f.name for f in attrs.fields(exc.cl)) if attrs.has(exc.cl) else ""
        unknown = ", ".join(sorted(exc.extra_fields))
        hint = f" (known fields: {fields})" if fields else ""
        return f": unknown field {unknown}{hint}"
    if isinstance(exc, KeyError):
        return ": required field missing"
    args = exc.args
    if len(args) > 1 and isinstance(args[0], str) and isinstance(args[1], attrs.Attribute):
        # attrs' own validators raise (message, attribute, ...): name the field.
        return f".{args[1].name}: {args[0]}"
    # A validator of ours says "FIELD must ...": name it by its path, as above.
    first, _, rest = str(exc).partition(" ")
    if rest and attrs.has(_type) and first in attrs.fields_dict(_type):
        return f".{first}: {rest}"
    return f": {exc}"


def describe_error(exc: BaseException, where: str, cls: Any = None) -> str:
    """One line naming each field that failed to structure under ``where`` and why.

    Every failure is named by its field's path (``telecom.msisdn: ...``), from
    cattrs' paths, attrs' validators, or (given the class ``cls`` structured
    at ``where``) a validator's message that starts with the field's name.
    """

    def leaf(error: BaseException, tp: Any) -> str:
        return _leaf_message(error, tp if attrs.has(tp) else cls)

    # cattrs walks the nested errors and builds each path; its documented form is
    # "{description} @ {path}", our description being the path's suffix.
    lines = transform_error(exc, path=where, format_exception=leaf)
    return "; ".join(path + suffix for suffix, _, path in (s.rpartition(" @ ") for s in lines))
