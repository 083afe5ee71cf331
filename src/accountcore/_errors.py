"""The errors accountcore raises; each knows the exit code the CLI gives it.

A message says what was wrong, where, and what to do next.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "AccountcoreError",
    "BadInput",
    "Blocked",
    "BookError",
    "Conflict",
    "NoBook",
    "NotFound",
    "PluginError",
    "PluginLoadError",
    "Refused",
]


class AccountcoreError(Exception):
    """Base of every error accountcore reports to a user."""

    exit_code = 2


class BadInput(AccountcoreError):
    """The input is wrong (a malformed date, an unknown field...): exit 2, nothing written."""

    exit_code = 2


class NotFound(BadInput):
    """A record named in the input does not exist."""


class BookError(BadInput):
    """The book is missing, is not a book, or cannot be opened."""


class Refused(AccountcoreError):
    """A rule refuses the change (a blocking finding, a scope violation): exit 1.

    ``rule`` names the rule that refused.
    """

    exit_code = 1

    def __init__(self, message: str, rule: str = "") -> None:
        super().__init__(message)
        self.rule = rule


class Blocked(Refused):
    """Compliance checks block a change (exit 1).

    ``findings`` are every finding of the checks, ``blocking`` those that
    stop the change; ``rule`` names each blocking rule, comma-separated.
    """

    def __init__(self, message: str, findings: Sequence[Any], blocking: Sequence[Any]) -> None:
        super().__init__(message, rule=", ".join(dict.fromkeys(f.rule for f in blocking)))
        self.findings = tuple(findings)
        self.blocking = tuple(blocking)


class PluginError(AccountcoreError):
    """A plugin's hook raised (or returned what the contract forbids): exit 1, nothing written.

    ``plugin``, ``hook`` and ``error`` name the first failure. For the rule hooks
    (``check_agreement``, ``check_customer``, ``care_due``, ``retention_signals``)
    and ``on_event`` every plugin is still called: ``results`` holds what the
    plugins that did not fail returned (tagged with their plugin), so a service
    can show every finding, and ``failures`` lists every plugin that failed.
    """

    exit_code = 1

    def __init__(
        self,
        plugin: str,
        hook: str,
        error: BaseException,
        *,
        results: Iterable[Any] = (),
        others: Iterable[PluginError] = (),
    ) -> None:
        self.plugin = plugin
        self.hook = hook
        self.error = error
        self.results = tuple(results)
        self.others = tuple(others)
        names = list(dict.fromkeys(failure.plugin for failure in self.failures))
        message = "; ".join(
            f"plugin {f.plugin!r} failed in hook {f.hook!r}: {type(f.error).__name__}: {f.error}"
            for f in self.failures
        )
        flags = " ".join(f"--disable-plugin {name}" for name in names)
        pronoun = "it" if len(names) == 1 else "them"
        super().__init__(
            f"{message} (disable {pronoun} with {flags}, or for this book with"
            f" `accountcore plugins disable {names[0]}`)"
        )

    @property
    def failures(self) -> tuple[PluginError, ...]:
        """This failure and those of the other plugins that failed in the same call."""
        return (self, *self.others)


class PluginLoadError(AccountcoreError):
    """One or more plugins could not be loaded and --strict-plugins is on."""

    exit_code = 1


class NoBook(BookError):
    """There is no book at the location yet (``init`` creates it)."""


class Conflict(AccountcoreError):
    """Concurrent writers collided (a serialization failure, a deadlock): exit 1.

    ``retryable`` says nothing of the command was committed yet, so running
    it again from the start neither loses nor doubles a change.
    """

    exit_code = 1

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable
