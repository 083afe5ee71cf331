"""An account manager, or a supervisor: a manager with a team.

Defined apart from :mod:`._model`, which names it, so that a command that does not
need it does not build it.
"""

from __future__ import annotations

from attrs import frozen

__all__ = ["Manager"]


@frozen
class Manager:
    """An account manager (or a supervisor, who is a manager with a team)."""

    id: str
    name: str
    supervisor: str | None = None
    capacity: int = 44
    target: int = 15
    active: bool = True
