"""A task: an ad-hoc to-do of a manager, kept apart from the model to keep it short."""

from __future__ import annotations

import datetime as dt

from attrs import frozen

from ._enums import TaskStatus

__all__ = ["Task"]


@frozen
class Task:
    """A to-do of ``assignee``, given by ``created_by`` (himself, his supervisor, a report).

    ``customer_id`` says whom it is about, if anyone; ``due`` None is undated.
    ``note`` is what the one who closed it said: the note of a done task, the
    reason of a cancelled one. ``done_on`` is the day it was done,
    ``cancelled_on`` the day it was cancelled.
    """

    id: str
    title: str
    assignee: str
    created_by: str
    created_on: dt.date
    customer_id: str | None = None
    due: dt.date | None = None
    status: TaskStatus = TaskStatus.OPEN
    note: str | None = None
    done_on: dt.date | None = None
    cancelled_on: dt.date | None = None
