"""Our SVG charts: bars scale to their values, axes carry round ticks and units, text is escaped."""

import re

import pytest

from accountcore._html.svg import bar_chart, line_chart, nice_top, stacked_bar_chart


@pytest.mark.parametrize(
    ("value", "top"), [(0, 1), (0.3, 0.5), (7, 10), (15, 20), (44, 50), (132, 200), (1001, 2000)]
)
def test_the_axis_ends_on_a_round_number(value, top):
    assert nice_top(value) == top


def _bars(svg):
    # A bar carries its number as a tooltip; a legend's swatch does not.
    return [
        float(h) for h in re.findall(r'<rect [^>]*height="([0-9.]+)" fill="[^"]+"><title>', svg)
    ]


def test_bars_are_as_tall_as_their_values():
    svg = bar_chart(
        "Visits", "visits", ["Li Na", "Ma Jun"], [("made", [10, 20])], [("target", [15, 15])]
    )
    short, tall = _bars(svg)
    assert tall == pytest.approx(2 * short)
    assert "<title>Visits</title>" in svg and ">visits</text>" in svg
    assert ">20</text>" in svg  # the axis ends at 20, labelled
    assert svg.count('class="mark mark-0"') == 3  # one target line per manager, one in the legend


def test_stacked_bars_add_up_and_a_line_has_a_dot_per_month():
    svg = stacked_bar_chart("Care", "actions", ["m1"], [("on time", [3]), ("late", [1])])
    on_time, late = _bars(svg)
    assert on_time == pytest.approx(3 * late)
    line = line_chart("Trend", "visits", ["2026-10", "2026-11"], [("made", [1, 2])])
    assert line.count("<circle") == 2 and "2026-11" in line


def test_names_are_escaped():
    svg = bar_chart("A <b> & co", "x", ["<script>"], [("made", [1])])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "A &lt;b&gt; &amp; co" in svg
