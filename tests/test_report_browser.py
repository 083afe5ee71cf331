"""The report page in a real browser: headless Chromium (Debian's), driven by Playwright.

Every chart is there, visible and of a sensible size; the page asks nothing
of the network; a screenshot is kept under build/ as the test's artefact.
Skipped, saying why, when Chromium or Playwright is missing.
"""

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(
            "browser test skipped: no Chromium (install Debian's: apt-get install chromium)"
        )
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="browser test skipped: pip install playwright (dev extras)"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page_file(team, tmp_path):
    ac_cli = team
    ac_cli(
        "--today",
        "2026-10-01",
        "customer",
        "add",
        "--name",
        "Wang",
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m1",
        check=True,
    )
    for day, purpose in (("2026-11-05", "development"), ("2026-11-12", "return")):
        ac_cli(
            "--as",
            "m1",
            "--today",
            day,
            "visit",
            "log",
            "c-1",
            "--purpose",
            purpose,
            "--channel",
            "on-site",
            check=True,
        )
    path = tmp_path / "report.html"
    ac_cli(
        "--today",
        "2026-12-01",
        "report",
        "--from",
        "2026-09",
        "--to",
        "2026-11",
        "--html",
        str(path),
        check=True,
    )
    return path


def test_every_chart_is_drawn_and_nothing_is_fetched(browser, page_file):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(page_file.as_uri())
    charts = page.locator("svg.chart")
    assert charts.count() >= 8
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        assert chart.is_visible(), f"chart {index} is not visible"
        box = chart.bounding_box()
        assert box is not None and box["width"] >= 300 and box["height"] >= 150, (index, box)
        assert chart.locator("title").count() >= 1
        assert (chart.locator("text.axis-unit").text_content() or "").strip()
        beside = chart.locator("xpath=following-sibling::table[1]")
        assert beside.count() == 1 and beside.is_visible()
    assert asked == [page_file.as_uri()], f"the page asked the network for {asked[1:]}"
    shot = ROOT / "build" / "report-browser.png"
    shot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()
