"""The plugins' own figures (``report_figures``), each counted by the book per manager.

A figure is a count of living customers, or a sum of a profile field over
them, optionally broken down by another profile field; see
:class:`accountcore.ReportFigure`.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from ..._report_figure import ReportFigure
from .concern import Inputs
from .counts import Counts, bump

__all__ = ["FigureLabel", "labels", "tally"]


@frozen
class FigureLabel:
    """How the page shows a plugin's figure: its plugin, name, label, unit and breakdown."""

    plugin: str
    name: str
    label: str
    unit: str
    by: str | None


def labels(figures: Sequence[ReportFigure]) -> tuple[FigureLabel, ...]:
    """The labels of the figures, in plugin order."""
    return tuple(FigureLabel(f.plugin or "?", f.name, f.label, f.unit, f.by) for f in figures)


def tally(inputs: Inputs, figures: Sequence[ReportFigure]) -> dict[str, Counts]:
    """Each manager's value of every figure, ``{plugin: {name: {"value", "by"}}}``."""
    found = inputs.blank(
        lambda _: {
            f.plugin or "?": {g.name: {"value": 0} for g in figures if g.plugin == f.plugin}
            for f in figures
        }
    )
    for figure in figures:
        plugin = figure.plugin or "?"
        for row in inputs.app.store.profile_tallies(figure, inputs.managers):
            counts = found.get(row.manager)
            if counts is None:
                continue
            # A count stays a whole number; a sum of amounts keeps its cents.
            value = round(row.value, 2) if figure.sum_of else int(row.value)
            bump(counts, [plugin, figure.name, "value"], value)
            if figure.by is not None:
                bump(counts, [plugin, figure.name, "by", row.by or "none"], value)
    return found
