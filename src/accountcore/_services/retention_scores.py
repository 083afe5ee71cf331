"""The retention signals the daily batch stores, and when ``retention risks`` may read them.

A whole-book run of the daily batch (the administrator's ``care run``, no
``--manager``) stores every merged signal it computed, with the run's day and
its *basis*: the model in use, the plugins loaded and the book's settings.
``retention risks`` (and the agenda) read the stored signals when the stored
run is today's and its basis is the current one; otherwise they score the
customers afresh, as before. A read never stores anything.

The stored signals are the book as the batch saw it: a complaint logged after
the run shows in the next run (or at once with ``retention risks --fresh``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from .._app import App
from .._model import RetentionSignal

__all__ = ["ScoreWriter", "basis", "stored_risks"]


def basis(app: App) -> str:
    """What the day's signals depend on besides the book's records, as one string."""
    from .retention_model import current_model

    model = current_model(app)
    plugins = sorted(
        [info.name, info.distribution or info.module, info.version or ""]
        for info in app.plugins.infos
        if info.loaded
    )
    return json.dumps(
        {
            "model": None if model is None else model.version,
            "plugins": plugins,
            "config": app.store.get_config(),
        },
        sort_keys=True,
        default=str,
    )


def stored_risks(
    app: App, managers: frozenset[str] | None, min_score: float, limit: int | None
) -> Iterator[RetentionSignal] | None:
    """The stored signals, ranked, if today's run stored them on the current basis; else None."""
    run = app.store.retention_run()
    if run is None or run[0] != app.today or run[1] != basis(app):
        return None
    return app.store.iter_retention_scores(managers, min_score, limit)


class ScoreWriter:
    """Stores a whole-book run's signals, a batch at a time, in the run's transaction."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.count = 0
        app.store.clear_retention_scores()

    def add(self, signals: Sequence[RetentionSignal]) -> None:
        """Store one batch's merged signals."""
        if signals:
            self.app.store.add_retention_scores(signals)
            self.count += len(signals)

    def finish(self) -> None:
        """Record the run: its day and basis (the signals are now today's)."""
        self.app.store.set_retention_run(self.app.today, basis(self.app), self.count)
