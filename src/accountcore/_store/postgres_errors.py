"""The server's refusals, as accountcore's errors: one line, the right exit code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .._errors import AccountcoreError, BookError, Conflict, Refused

__all__ = ["server_errors", "translate"]

# SQLSTATEs: a serialization failure and a deadlock are worth running again.
_RETRY = {"40001": "a serialization failure", "40P01": "a deadlock"}
_PRIVILEGE = "42501"


def translate(exc: Any, *, location: str, role: str, committed: bool) -> AccountcoreError:
    """The error to report for a psycopg error raised on the book at ``location``."""
    state = getattr(exc, "sqlstate", None) or ""
    diag = getattr(exc, "diag", None)
    text = " ".join(str((diag and diag.message_primary) or exc).split())
    if state in _RETRY:
        return Conflict(
            f"the book at {location} was busy ({_RETRY[state]} between concurrent writers):"
            " nothing of this change was kept; run the command again",
            retryable=not committed,
        )
    if state == _PRIVILEGE:
        return Refused(
            f"the server refused role {role} on {location}: {text} (a manager's role reads and"
            " changes only his scope, and never reads personal data or the audit trail directly;"
            " the book's administrator may)",
            rule="postgres.privilege",
        )
    return BookError(f"the book at {location} refused the operation: {text}")


@contextmanager
def server_errors(location: str, role: str, committed: bool) -> Iterator[None]:
    """Run a block, reporting a psycopg error as :func:`translate` makes it."""
    import psycopg

    try:
        yield
    except psycopg.Error as exc:
        raise translate(exc, location=location, role=role, committed=committed) from exc
