"""`accountcore demo`: the sample book of the three industries and a manager's agenda."""

from click.testing import CliRunner

from accountcore._cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_demo_builds_the_book_and_shows_an_agenda(tmp_path):
    book = str(tmp_path / "demo.db")
    result = run("--book", book, "--today", "2026-11-23", "demo")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in (
        "Huaxin Logistics Co.",
        "Agenda of Li Na (m1)",
        "core.birthday",
        "telecom.contract-end",
        "double charged for roaming",
        "138****8000",
    ):
        assert expected in out
    assert "13800138000" not in out
    assert "securities   11 products" in out
    assert run("--book", book, "audit", "verify").exit_code == 0
    again = run("--book", book, "demo")
    assert again.exit_code == 2 and "not empty" in again.stderr


def test_demo_without_a_plugin_leaves_its_industry_out(tmp_path):
    book = str(tmp_path / "demo.db")
    result = run("--book", book, "--disable-plugin", "securities", "demo")
    assert result.exit_code == 0, result.output
    assert "securities" not in result.stdout.split("Products by industry")[1]


def test_demo_writes_the_report_page_and_says_where(tmp_path):
    page = tmp_path / "build" / "report.html"
    result = run(
        "--book", str(tmp_path / "demo.db"), "--today", "2026-11-23", "demo", "--report", str(page)
    )
    assert result.exit_code == 0, result.output
    assert f"2026-09 to 2026-11: {page}" in result.stdout
    html = page.read_text(encoding="utf-8")
    assert "Li Na" in html and html.count("<svg") >= 8
    assert "13800138000" not in html and "Huaxin" not in html
