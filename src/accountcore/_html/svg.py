"""A small SVG chart renderer: grouped bars with marks, stacked bars, and lines.

Every chart is one ``<svg>`` element with a title, a value axis labelled with
its unit, category labels and a legend; it needs no script, style sheet or
font beyond the page's, so a page holding it is whole on its own and prints.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

__all__ = ["PALETTE", "Series", "bar_chart", "line_chart", "nice_top", "stacked_bar_chart"]

# Colours that stay apart in print and for common colour blindness (Okabe-Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 40, 72

# (name, one value per category)
Series = tuple[str, Sequence[float]]


def nice_top(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above ``value`` (1 for 0)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _frame(title: str, unit: str, top: float, kind: str) -> list[str]:
    """The chart's element, title, value axis with ticks and its unit."""
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="chart" data-chart="{escape(kind)}"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        f' role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{WIDTH / 2}" y="20" text-anchor="middle" class="chart-title">'
        f"{escape(title)}</text>",
        f'<text x="14" y="{TOP + plot_h / 2}" text-anchor="middle" class="axis-unit"'
        f' transform="rotate(-90 14 {TOP + plot_h / 2})">{escape(unit)}</text>',
    ]
    # 1 and 5 times a power of ten split in fifths, 2 in quarters: round ticks.
    steps = 4 if f"{top:e}".startswith("2") else 5
    for step in range(steps + 1):
        value = top * step / steps
        y = TOP + plot_h - plot_h * step / steps
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">'
            f"{_number(value)}</text>"
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" class="axis"/>'
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}"'
        ' class="axis"/>'
    )
    return parts


def _categories(labels: Sequence[str]) -> list[str]:
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(labels))
    y = HEIGHT - BOTTOM + 16
    return [
        f'<text x="{LEFT + slot * (i + 0.5):.1f}" y="{y}" text-anchor="middle" class="category">'
        f"{escape(label)}</text>"
        for i, label in enumerate(labels)
    ]


def _legend(names: Sequence[str], marks: Sequence[str] = ()) -> list[str]:
    parts, x, y = [], LEFT, HEIGHT - 22
    for index, name in enumerate(names):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{y}" class="legend">{escape(name)}</text>'
        )
        x += 24 + 7 * len(name)
    for index, name in enumerate(marks):
        parts.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 14}" y2="{y - 4}" class="mark mark-{index}"/>'
            f'<text x="{x + 18}" y="{y}" class="legend">{escape(name)}</text>'
        )
        x += 28 + 7 * len(name)
    return parts


def _y(value: float, top: float) -> float:
    plot_h = HEIGHT - TOP - BOTTOM
    return TOP + plot_h - plot_h * (value / top)


def bar_chart(
    title: str,
    unit: str,
    categories: Sequence[str],
    series: Sequence[Series],
    marks: Sequence[Series] = (),
) -> str:
    """Bars side by side per category, one per series; ``marks`` are level lines per category."""
    values = [v for _, vs in [*series, *marks] for v in vs]
    top = nice_top(max(values, default=0))
    parts = _frame(title, unit, top, "bars")
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(categories))
    bar = slot * 0.7 / max(1, len(series))
    for i in range(len(categories)):
        x0 = LEFT + slot * i + slot * 0.15
        for s, (name, vs) in enumerate(series):
            y = _y(vs[i], top)
            parts.append(
                f'<rect x="{x0 + bar * s:.1f}" y="{y:.1f}" width="{bar:.1f}"'
                f' height="{_y(0, top) - y:.1f}" fill="{PALETTE[s % len(PALETTE)]}">'
                f"<title>{escape(categories[i])}, {escape(name)}: {_number(vs[i])} {escape(unit)}"
                "</title></rect>"
            )
        for m, (name, vs) in enumerate(marks):
            y = _y(vs[i], top)
            parts.append(
                f'<line x1="{x0 - 4:.1f}" y1="{y:.1f}" x2="{x0 + slot * 0.7 + 4:.1f}" y2="{y:.1f}"'
                f' class="mark mark-{m}"><title>{escape(name)}: {_number(vs[i])}</title></line>'
            )
    parts += _categories(categories)
    parts += _legend([name for name, _ in series], [name for name, _ in marks])
    return "".join(parts) + "</svg>"


def stacked_bar_chart(
    title: str, unit: str, categories: Sequence[str], series: Sequence[Series]
) -> str:
    """One bar per category, the series stacked on each other."""
    totals = [sum(vs[i] for _, vs in series) for i in range(len(categories))]
    top = nice_top(max(totals, default=0))
    parts = _frame(title, unit, top, "stacked")
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(categories))
    for i in range(len(categories)):
        x, base = LEFT + slot * i + slot * 0.2, 0.0
        for s, (name, vs) in enumerate(series):
            if vs[i]:
                y1, y0 = _y(base + vs[i], top), _y(base, top)
                parts.append(
                    f'<rect x="{x:.1f}" y="{y1:.1f}" width="{slot * 0.6:.1f}"'
                    f' height="{y0 - y1:.1f}" fill="{PALETTE[s % len(PALETTE)]}">'
                    f"<title>{escape(categories[i])}, {escape(name)}: {_number(vs[i])}"
                    "</title></rect>"
                )
            base += vs[i]
    parts += _categories(categories)
    parts += _legend([name for name, _ in series])
    return "".join(parts) + "</svg>"


def line_chart(title: str, unit: str, labels: Sequence[str], series: Sequence[Series]) -> str:
    """One line per series over ``labels`` (months), a dot at each value."""
    values = [v for _, vs in series for v in vs]
    top = nice_top(max(values, default=0))
    parts = _frame(title, unit, top, "line")
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(labels))
    for s, (name, vs) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        points = [(LEFT + slot * (i + 0.5), _y(v, top)) for i, v in enumerate(vs)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts += [
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
            f"<title>{escape(labels[i])}, {escape(name)}: {_number(vs[i])}</title></circle>"
            for i, (x, y) in enumerate(points)
        ]
    parts += _categories(labels)
    parts += _legend([name for name, _ in series])
    return "".join(parts) + "</svg>"
