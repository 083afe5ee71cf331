"""What a valid answer to each hook is: one declaration, read by the facade and `plugins check`.

:data:`ANSWERS` maps every hook of the contract to an :class:`Answer`. The
hooks facade (:mod:`.hooks`) turns a wrong answer into a :class:`PluginError`;
`plugins check` (:mod:`.._services.plugin_check`) reports it as a problem of
the plugin. Neither holds a rule of its own about what a hook may return.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs
from attrs import frozen

from .. import _model

__all__ = ["ANSWERS", "Answer", "WrongAnswer", "answer_values"]


class WrongAnswer(TypeError):
    """A hook returned what the contract does not allow; the message says what was expected."""


@frozen
class Answer:
    """A valid answer to one hook: ``expected`` says it in words, ``check`` holds it true.

    ``many`` says the answer is a value or an iterable of values, each of
    which ``check`` must accept.
    """

    expected: str
    check: Callable[[Any], bool]
    many: bool = False


def _instances(record: str) -> Answer:
    # The record's class is looked up when a plugin answers: building it is not start-up's.
    return Answer(
        f"{record} values", lambda value: isinstance(value, getattr(_model, record)), many=True
    )


def _profile_pair(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and attrs.has(value[1])
    )


def _days(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _changes(value: Any) -> bool:
    return isinstance(value, Mapping) and all(isinstance(key, str) for key in value)


def _care_action(value: Any) -> bool:
    # An action cannot expire before it is due: its window would be empty.
    return isinstance(value, _model.CareAction) and (
        value.expires_on is None or value.expires_on >= value.due
    )


def _anything(value: Any) -> bool:
    return True


ANSWERS: dict[str, Answer] = {
    "register_products": _instances("Product"),
    "register_profile": Answer("(name, attrs class)", _profile_pair),
    "register_responsibilities": _instances("Responsibility"),
    "register_settings": Answer("an attrs class", lambda value: attrs.has(value)),
    "check_agreement": _instances("Finding"),
    "check_customer": _instances("Finding"),
    "care_due": Answer(
        "CareAction values (expires_on, when given, not before due)", _care_action, many=True
    ),
    "retention_signals": _instances("RetentionSignal"),
    "retention_features": _instances("RetentionFeatures"),
    "report_figures": _instances("ReportFigure"),
    "visit_policy": Answer("days > 0", _days),
    "visit_policy_candidates": _instances("CustomerSelection"),
    "profile_changes": Answer("a mapping of profile field names to values", _changes),
    "register_commands": Answer("nothing", _anything),
    "on_event": Answer("nothing", _anything),
}


def answer_values(hook: str, answer: Any) -> list[Any]:
    """The values of one plugin's ``answer`` to ``hook``, or :class:`WrongAnswer`.

    An answer of a hook returning many values may be one value or an
    iterable of them; None is no answer at all (an empty list). The list
    returned may be the plugin's own: take its values, do not change it.
    """
    spec = ANSWERS[hook]
    if answer is None:
        return []
    values = [answer]
    if spec.many and not spec.check(answer):
        if type(answer) is list:
            values = answer  # the common answer, not copied: callers take the values in a list
        else:
            try:
                values = list(answer)
            except TypeError:
                values = [answer]
    check = spec.check
    for value in values:
        if not check(value):
            raise WrongAnswer(f"returned {value!r}, expected {spec.expected}")
    return values
