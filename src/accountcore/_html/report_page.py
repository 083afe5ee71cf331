"""The month report as one self-contained page: charts beside the tables of their numbers.

The page takes the report as plain data (what ``report --format json``
prints). It holds no script, no external style, font or image, and no
customer's data: only managers' names and counts. The trend charts cover
every month of the report; the detailed charts the last one.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from .page_style import STYLE
from .svg import Series, bar_chart, line_chart, stacked_bar_chart

__all__ = ["report_page"]

Row = Sequence[Any]


def _table(headings: Sequence[str], rows: Sequence[Row]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(_cell(value))}</td>" for value in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.2f}" if not value.is_integer() else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _chart(svg: str, headings: Sequence[str], rows: Sequence[Row]) -> str:
    return f'<figure class="chart-block">{svg}{_table(headings, rows)}</figure>'


def _who(figures: dict[str, Any]) -> str:
    return figures["name"] if figures["kind"] != "team" else f"team {figures['name']}"


def _people(month: dict[str, Any]) -> list[dict[str, Any]]:
    return [*month["managers"], *month["teams"], month["total"]]


def _stacked(
    month: dict[str, Any], concern: str, title: str, unit: str, keys: Sequence[str]
) -> str:
    managers = [m for m in month["managers"] if concern in m["figures"]]
    if not managers:
        return ""
    series: list[Series] = [
        (key.replace("_", " "), [m["figures"][concern][key] for m in managers]) for key in keys
    ]
    svg = stacked_bar_chart(title, unit, [m["name"] for m in managers], series)
    rows = [
        [_who(f), *(f["figures"][concern][k] for k in keys)]
        for f in _people(month)
        if concern in f["figures"]
    ]
    return _chart(svg, ["", *(k.replace("_", " ") for k in keys)], rows)


def _visits(month: dict[str, Any]) -> str:
    managers = month["managers"]
    figures = [m["figures"]["visits"] for m in managers]
    svg = bar_chart(
        f"Visits made against target and capacity, {month['month']}",
        "visits",
        [m["name"] for m in managers],
        [("made", [f["made"] for f in figures])],
        [
            ("target", [f["target"] for f in figures]),
            ("capacity", [f["capacity"] for f in figures]),
        ],
    )
    keys = ("made", "target", "capacity", "development", "followed_by_agreement", "missed")
    rows = [[_who(f), *(f["figures"]["visits"][k] for k in keys)] for f in _people(month)]
    block = _chart(
        svg, ["", "made", "target", "capacity", "development", "followed", "missed"], rows
    )
    purposes = list(month["total"]["figures"]["visits"]["by_purpose"])
    series: list[Series] = [(p, [f["by_purpose"][p] for f in figures]) for p in purposes]
    by_purpose = stacked_bar_chart(
        f"Visits made by purpose, {month['month']}", "visits", [m["name"] for m in managers], series
    )
    rows = [
        [_who(f), *(f["figures"]["visits"]["by_purpose"][p] for p in purposes)]
        for f in _people(month)
    ]
    return block + _chart(by_purpose, ["", *purposes], rows)


def _breakdown(
    month: dict[str, Any], concern: str, by: str, keys: Sequence[str], title: str, unit: str
) -> str:
    counts = month["total"]["figures"].get(concern, {}).get(by)
    if not counts:
        return ""
    labels = list(counts)
    series: list[Series] = [(k, [counts[label].get(k, 0) for label in labels]) for k in keys]
    svg = bar_chart(title, unit, labels, series)
    rows = [[label, *(counts[label].get(k, 0) for k in keys)] for label in labels]
    return _chart(svg, [by.removeprefix("by_"), *keys], rows)


def _findings(month: dict[str, Any]) -> str:
    total = month["total"]["figures"].get("compliance")
    if total is None:
        return ""
    severities = list(total["by_severity"])
    svg = bar_chart(
        f"Findings open on agreements in force, {month['month']}",
        "findings",
        severities,
        [("open", [total["by_severity"][s] for s in severities])],
    )
    rows = sorted(total["by_rule"].items()) or [("(none)", 0)]
    return _chart(svg, ["rule", "open"], rows)


def _plugins(month: dict[str, Any]) -> str:
    parts = []
    managers = [m for m in month["managers"] if "plugins" in m["figures"]]
    for label in month["plugin_figures"]:
        plugin, name = label["plugin"], label["name"]
        values = [m["figures"]["plugins"][plugin][name]["value"] for m in managers]
        svg = bar_chart(
            f"{label['label']}, {month['month']}",
            label["unit"],
            [m["name"] for m in managers],
            [(label["label"], values)],
        )
        rows = [
            [_who(f), f["figures"]["plugins"][plugin][name]["value"]]
            for f in _people(month)
            if "plugins" in f["figures"]
        ]
        by = month["total"]["figures"]["plugins"][plugin][name].get("by", {})
        rows += [[f"{label['by']} {key}", value] for key, value in sorted(by.items())]
        parts.append(f"<h3>{escape(plugin)}</h3>" + _chart(svg, ["", label["unit"]], rows))
    return "".join(parts)


def _trend(months: Sequence[dict[str, Any]]) -> str:
    labels = [m["month"] for m in months]
    totals = [m["total"]["figures"] for m in months]
    visits = line_chart(
        "Visits made over the months, whole scope",
        "visits",
        labels,
        [
            ("made", [t["visits"]["made"] for t in totals]),
            ("target", [t["visits"]["target"] for t in totals]),
        ],
    )
    keys = ("made", "target", "development", "missed")
    rows = [[m, *(t["visits"][k] for k in keys)] for m, t in zip(labels, totals, strict=True)]
    done = line_chart(
        "Care done on time and complaints closed within deadline",
        "records",
        labels,
        [
            ("care due", [t["care"]["due"] for t in totals]),
            ("care on time", [t["care"]["done_on_time"] for t in totals]),
            ("complaints", [t["complaints"]["opened"] for t in totals]),
            ("closed in time", [t["complaints"]["closed_in_time"] for t in totals]),
        ],
    )
    more = [
        [
            m,
            t["care"]["due"],
            t["care"]["done_on_time"],
            t["complaints"]["opened"],
            t["complaints"]["closed_in_time"],
            t["customers"]["new"],
            t["customers"]["churned"],
        ]
        for m, t in zip(labels, totals, strict=True)
    ]
    return _chart(visits, ["month", *keys], rows) + _chart(
        done, ["month", "care due", "on time", "complaints", "in time", "new", "churned"], more
    )


def _section(title: str, body: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{body}</section>" if body else ""


def report_page(report: dict[str, Any]) -> str:
    """The report (as ``report --format json`` gives it) as one HTML page."""
    months = report["months"]
    last = months[-1]
    span = last["month"] if len(months) == 1 else f"{months[0]['month']} to {last['month']}"
    body = [
        f"<h1>Report: {escape(report['scope'])}</h1>",
        f'<p class="meta">{escape(span)}, as of {escape(str(report["as_of"]))}.'
        " Figures are defined in docs/report.md.</p>",
        _section("Trend", _trend(months)),
        _section("Visits", _visits(last)),
        _section(
            "Care",
            _stacked(
                last,
                "care",
                f"Care actions due by outcome, {last['month']}",
                "actions",
                ("done_on_time", "done_late", "skipped", "overdue", "open"),
            ),
        ),
        _section(
            "Complaints",
            _stacked(
                last,
                "complaints",
                f"Complaints opened by outcome, {last['month']}",
                "complaints",
                ("closed_in_time", "closed_late", "overdue", "open"),
            )
            + _breakdown(
                last,
                "complaints",
                "by_severity",
                ("opened", "closed_in_time", "overdue"),
                f"Complaints by severity, {last['month']}",
                "complaints",
            ),
        ),
        _section(
            "Customers",
            _breakdown(
                last,
                "customers",
                "by_tier",
                ("at_start", "new", "churned"),
                f"Customers by tier, {last['month']}",
                "customers",
            )
            + _breakdown(
                last,
                "customers",
                "by_industry",
                ("at_start", "new", "churned"),
                f"Customers by industry, {last['month']}",
                "customers",
            ),
        ),
        _section(
            "Agreements",
            _breakdown(
                last,
                "agreements",
                "by_family",
                ("signed", "terminated"),
                f"Agreements by product family, {last['month']}",
                "agreements",
            )
            + _breakdown(
                last,
                "agreements",
                "by_industry",
                ("signed", "terminated"),
                f"Agreements by industry, {last['month']}",
                "agreements",
            ),
        ),
        _section("Compliance", _findings(last)),
        _section(
            "Risks",
            _stacked(
                last,
                "risks",
                "Customers at risk today by score band",
                "customers",
                ("high", "medium", "low"),
            ),
        ),
        _section("Plugins", _plugins(last)),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Report: {escape(report['scope'])}, {escape(span)}</title>"
        f"<style>{STYLE}</style></head><body>{''.join(body)}</body></html>\n"
    )
