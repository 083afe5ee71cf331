"""docs/reference.md, made from the public API itself: every class, field, enum value, function.

``python -m accountcore._reference > docs/reference.md`` writes it; a test
compares the file with :func:`reference`, so the reference cannot drift from
the code. Each entry comes from the code: an attrs class's fields (type and
default), an enum's values, a protocol's methods, a function's signature, and
the docstring of each.
"""

from __future__ import annotations

import enum
import inspect
import re
import typing
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import attrs

__all__ = ["reference"]

INTRO = """\
# API reference

Every public name a plugin author meets, from `accountcore` (and
`accountcore.rules`, whose names `accountcore` also exports). This page is
made from the code (`python -m accountcore._reference > docs/reference.md`)
and a test checks that it is current. The hooks are in the
[hook reference](hooks.md), the fixtures in [Testing your plugin](testing.md).
"""

# The sections, in order: a title and the public names it holds.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Customers and managers", ("Customer", "Contact", "Manager", "CustomerSelection")),
    ("Products and agreements", ("Product", "Agreement", "Finding")),
    ("Work items", ("CareAction", "RetentionSignal", "Reason", "Responsibility")),
    ("Learned retention", ("RetentionFeatures",)),
    ("Report figures", ("ReportFigure",)),
    ("Records", ("Visit", "OverdueVisit", "Complaint", "Delegation", "AuditEvent")),
    (
        "Enumerations",
        (
            "AgreementStatus",
            "CareStatus",
            "Channel",
            "ComplaintSeverity",
            "ComplaintStatus",
            "CustomerKind",
            "CustomerStatus",
            "InvestorRisk",
            "ProductRisk",
            "Severity",
            "Tier",
            "VisitChannel",
            "VisitPurpose",
            "VisitStatus",
        ),
    ),
    ("What a hook is given", ("Context", "BookReader")),
    (
        "Helpers for rules (`accountcore.rules`)",
        (
            "RuleTable",
            "agreement_findings",
            "each_profile",
            "found",
            "holdings",
            "signal_of",
            "lapse_reminder",
            "lapsed_reason",
        ),
    ),
    (
        "Dates and channels",
        (
            "age_on",
            "anniversary",
            "last_anniversary",
            "lapses_on",
            "lapse_notice",
            "months_after",
            "months_between",
            "quarter_key",
            "quarter_end",
            "month_end",
            "week_key",
            "care_channel",
            "FALLBACK_ORDER",
        ),
    ),
    ("Profile and settings fields", ("personal", "PERSONAL", "days", "fraction")),
    ("Errors", ("AccountcoreError", "BadInput", "NotFound", "PluginError", "Refused")),
    ("The marker", ("hookimpl",)),
)


def _doc(obj: Any) -> str:
    return inspect.cleandoc(obj.__doc__ or "").strip()


def _clean(text: str) -> str:
    """A type as a reader writes it: no module paths, no quotes, pipes escaped for tables."""
    text = re.sub(r"\b(?:[A-Za-z_]\w*\.)+([A-Za-z_]\w*)", r"\1", text.replace("'", ""))
    return re.sub(r"\bdate\b", "dt.date", text).replace("datetime", "dt.datetime")


def _type(tp: Any) -> str:
    if isinstance(tp, str) or typing.get_args(tp):
        return _clean(str(tp))
    return _clean(getattr(tp, "__name__", None) or repr(tp))


def _default(field: attrs.Attribute) -> str:
    if field.default is attrs.NOTHING:
        return "required"
    value: Any = field.default
    if isinstance(value, attrs.Factory):  # type: ignore[arg-type]
        return f"`{value.factory.__name__}()`"
    return f"`{value.value!r}`" if isinstance(value, enum.Enum) else f"`{value!r}`"


def _attrs_class(name: str, cls: type) -> Iterator[str]:
    yield f"### `{name}`"
    yield ""
    yield _doc(cls)
    yield ""
    hints = typing.get_type_hints(cls)
    yield "| field | type | default |"
    yield "| --- | --- | --- |"
    for field in attrs.fields(cls):
        kind = _type(hints.get(field.name, field.type))
        yield f"| `{field.name}` | `{kind.replace('|', chr(92) + '|')}` | {_default(field)} |"
    yield from _methods(cls)


def _methods(cls: type) -> Iterator[str]:
    for attr, member in sorted(vars(cls).items()):
        if attr.startswith("_"):
            continue
        function = member.__func__ if isinstance(member, classmethod | staticmethod) else member
        if isinstance(member, property):
            yield ""
            yield f"- `{attr}` (property): {_doc(member).splitlines()[0]}"
        elif inspect.isfunction(function):
            yield ""
            yield f"- `{attr}{_signature(function)}`: {_doc(function).splitlines()[0]}"


def _signature(function: Callable[..., Any]) -> str:
    signature = inspect.signature(function)
    parameters = [p for p in signature.parameters.values() if p.name not in ("self", "cls")]
    return _clean(str(signature.replace(parameters=parameters)))


def _enum(name: str, cls: type[enum.Enum]) -> Iterator[str]:
    yield f"### `{name}`"
    yield ""
    yield _doc(cls)
    yield ""
    yield ", ".join(f"`{member.value}`" for member in cls)
    yield from _methods(cls)


def _protocol(name: str, cls: type) -> Iterator[str]:
    yield f"### `{name}`"
    yield ""
    yield _doc(cls)
    yield from _methods(cls)


def _function(name: str, function: Callable[..., Any]) -> Iterator[str]:
    yield f"### `{name}{_signature(function)}`"
    yield ""
    yield _doc(function)


def _entry(name: str, value: Any) -> Iterator[str]:
    if attrs.has(value):
        yield from _attrs_class(name, value)
    elif isinstance(value, type) and issubclass(value, enum.Enum):
        yield from _enum(name, value)
    elif isinstance(value, type):
        yield from _protocol(name, value)
    elif inspect.isfunction(value):
        yield from _function(name, value)
    elif name == "hookimpl":
        yield f"### `{name}`"
        yield ""
        yield "Marks a hook implementation: `@hookimpl` on a function named for its hook."
    else:
        yield f"### `{name}`"
        yield ""
        yield f"`{value!r}`"


def reference(api: ModuleType | None = None) -> str:
    """The text of docs/reference.md for the public API ``api`` (``accountcore``)."""
    if api is None:
        import accountcore as api
    lines = [INTRO]
    for title, names in SECTIONS:
        lines += [f"## {title}", ""]
        for name in names:
            lines += [*_entry(name, getattr(api, name)), ""]
    return "\n".join(lines).rstrip() + "\n"


def documented() -> set[str]:
    """Every public name the reference documents."""
    return {name for _, names in SECTIONS for name in names}


if __name__ == "__main__":
    print(reference(), end="")
