"""What a benchmark measured, against which baseline, and how a report shows it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

__all__ = ["Figure", "as_record", "print_figures"]


class Figure(NamedTuple):
    """One measure, its baseline, and the bar it must meet (``ok`` None: no bar)."""

    measure: str
    value: float
    unit: str
    baseline: str = ""
    baseline_value: float | None = None
    bar: str = ""
    ok: bool | None = None

    @property
    def ratio(self) -> float | None:
        """The measure over its baseline, or None without a baseline."""
        if not self.baseline_value:
            return None
        return self.value / self.baseline_value


def as_record(figure: Figure) -> dict[str, object]:
    """The figure as plain data for bench/results.json: measure, baseline, ratio, bar, pass."""
    verdict = {True: "pass", False: "miss", None: None}[figure.ok]
    return {**figure._asdict(), "ratio": figure.ratio, "result": verdict}


def _amount(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{value:,.0f} {unit}" if value >= 100 else f"{value:,.2f} {unit}"


def print_figures(figures: Iterable[Figure], title: str = "") -> None:
    """A table: measure, value, baseline, its value, ratio, bar and whether it is met."""
    rows = [("measure", "value", "baseline", "value", "ratio", "bar")]
    for figure in figures:
        ratio = figure.ratio
        verdict = {True: "  ok", False: "  MISSED", None: ""}[figure.ok]
        rows.append(
            (
                figure.measure,
                _amount(figure.value, figure.unit),
                figure.baseline,
                _amount(figure.baseline_value, figure.unit),
                "" if ratio is None else f"{ratio:.2f}x",
                figure.bar + verdict,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    if title:
        print(f"\n{title}")
    for row in rows:
        cells = [
            cell.rjust(width) if column in (1, 3, 4) else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
