"""The ``report_figures`` hook: a plugin's own figures, counted by the book per manager."""

import datetime as dt

import pytest

from accountcore import CustomerSelection, ReportFigure
from accountcore._app import App
from accountcore._services.report import build_report

PLUGIN = """
from accountcore import CustomerSelection, ReportFigure, hookimpl

MONTHS = []

@hookimpl
def report_figures(month):
    MONTHS.append(month)
    return [ReportFigure("gold", "Gold plans", "customers",
                         CustomerSelection(profile="telecom"), by="plan")]
"""

BROKEN = """
from accountcore import hookimpl

@hookimpl
def report_figures(month, context):
    return ["not a figure"]
"""


@pytest.fixture
def book(team):
    ac_cli = team
    for number, (manager, profile) in enumerate(
        [
            ("m1", ["--set", "telecom.plan=gold", "--set", "telecom.arrears_amount=12.5"]),
            ("m1", ["--set", "wealth.aum=1000", "--set", "wealth.risk_level=C3"]),
            ("m2", ["--set", "wealth.aum=500.25", "--set", "wealth.risk_level=C3"]),
            ("m2", ["--set", "securities.questionnaire_date=2024-11-30"]),
            ("m2", ["--set", "securities.questionnaire_date=2024-12-01"]),
            ("m2", ["--set", "securities.investor_type=ordinary"]),
        ],
        start=1,
    ):
        ac_cli(
            "--today",
            "2026-10-01",
            "customer",
            "add",
            "--name",
            f"Customer {number}",
            "--kind",
            "individual",
            "--tier",
            "b",
            "--manager",
            manager,
            *profile,
            check=True,
        )
    return ac_cli


def _plugin_figures(app, month="2026-11"):
    [report] = build_report(app, month=month).months
    data = app.converter.unstructure(report)
    return {f["key"]: f["figures"].get("plugins", {}) for f in [*data["managers"], data["total"]]}


def test_a_plugins_figure_is_counted_per_manager_once_a_month(book, ac_book, tmp_path):
    path = tmp_path / "gold_plugin.py"
    path.write_text(PLUGIN)
    app = App(str(ac_book), today=dt.date(2026, 12, 1), plugin_modules=[str(path)])
    build_report(app, start="2026-10", end="2026-11")
    import gold_plugin

    assert gold_plugin.MONTHS == ["2026-10", "2026-11"]
    figures = _plugin_figures(app)
    assert figures["m1"]["gold_plugin"]["gold"] == {"value": 1, "by": {"gold": 1}}
    assert figures["m2"]["gold_plugin"]["gold"] == {"value": 0}
    app.close()


def test_our_plugins_figures(book, ac_book):
    app = App(str(ac_book), today=dt.date(2026, 12, 1))
    figures = _plugin_figures(app)
    app.close()
    assert figures["m1"]["telecom"]["arrears-customers"]["value"] == 1
    assert figures["total"]["telecom"]["arrears-amount"]["value"] == 12.5
    assert figures["total"]["wealth"]["aum"] == {"value": 1500.25, "by": {"C3": 1500.25}}
    # Valid 730 days: answered 2024-11-30, it lapses on 2026-12-01, after November (so does
    # 2024-12-01's); never answered, it has lapsed. By 31 December all three have.
    assert figures["m2"]["securities"]["suitability-lapsed"]["value"] == 1
    later = App(str(ac_book), today=dt.date(2027, 1, 5))
    assert _plugin_figures(later, "2026-12")["m2"]["securities"]["suitability-lapsed"]["value"] == 3
    later.close()


def test_a_figure_of_the_wrong_type_names_the_plugin(book, tmp_path):
    path = tmp_path / "broken_plugin.py"
    path.write_text(BROKEN)
    result = book("--plugin", str(path), "report", "--format", "json")
    assert result.exit_code == 1
    assert "broken_plugin" in result.stderr and "report_figures" in result.stderr


def test_a_figure_summing_a_field_needs_a_profile():
    with pytest.raises(ValueError, match="give the selection a profile"):
        ReportFigure("x", "X", "yuan", CustomerSelection(), sum_of="aum")
