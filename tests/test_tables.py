"""Tables a person can read: they fit the terminal, wrap instead of cutting, and stream."""

from __future__ import annotations

import csv
import io
import itertools

import click
import pytest
from click.testing import CliRunner
from conftest import out_json

from accountcore._cli.render import render_list
from accountcore._cli.table import FIRST_PAGE, text_width, wrap, write_table

MESSAGE = "Contract ends on 2026-12-27: offer the renewal with the family plan and two more lines"


@pytest.fixture
def book(team, ac_book_once):
    """m1 holds c-1, whose birthday is today, and c-2, with a long open complaint."""

    def build():
        team(
            "customer",
            "add",
            "--name",
            "Birthday Lady",
            "--kind",
            "individual",
            "--tier",
            "vip",
            "--manager",
            "m1",
            "--birthday",
            "1984-11-23",
            check=True,
        )
        team(
            "customer",
            "add",
            "--name",
            "Angry Corp",
            "--kind",
            "corporate",
            "--tier",
            "a",
            "--manager",
            "m1",
            check=True,
        )
        team(
            "complaint",
            "open",
            "c-2",
            "--channel",
            "phone",
            "--severity",
            "high",
            "--summary",
            MESSAGE,
            check=True,
        )

    ac_book_once(build)
    return team


@pytest.mark.parametrize("width", [80, 200])
def test_listings_fit_the_width_and_show_every_message_whole(book, width):
    for command in (("care", "due"), ("complaint", "list")):
        out = book("--as", "m1", *command, env={"COLUMNS": str(width)}, check=True).stdout
        assert max(len(line) for line in out.splitlines()) <= width
        assert "…" not in out
    complaints = book("--as", "m1", "complaint", "list", env={"COLUMNS": str(width)}).stdout
    assert "Angry Corp" in complaints
    assert all(word in complaints.split() for word in MESSAGE.split())
    if width == 200:
        assert MESSAGE in complaints
    due = book("--as", "m1", "care", "due", env={"COLUMNS": str(width)}).stdout
    assert "Birthday Lady" in due and "core.birthday" in due


def test_json_and_csv_carry_the_name_and_the_whole_message(book):
    [listed] = out_json(book("--as", "m1", "complaint", "list", "--format", "json", check=True))
    assert (listed["customer"], listed["customer_name"], listed["summary"]) == (
        "c-2",
        "Angry Corp",
        MESSAGE,
    )
    text = book("--as", "m1", "complaint", "list", "--format", "csv", check=True).stdout
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["customer_name"], row["summary"]) == ("Angry Corp", MESSAGE)


def test_wrapping_breaks_at_spaces_then_after_punctuation_and_counts_wide_letters():
    assert wrap("offer the renewal", 9) == ["offer the", "renewal"]
    assert wrap("telecom.arrears-reminder", 16) == ["telecom.arrears-", "reminder"]
    assert wrap("line one\nline two", 20) == ["line one", "line two"]
    assert all(text_width(line) <= 6 for line in wrap("客户经理的议程", 6))
    assert "".join(wrap("客户经理的议程", 6)) == "客户经理的议程"


def test_a_table_is_written_before_its_rows_are_all_read():
    taken = itertools.count()
    lines: list[str] = []

    def rows():
        for number in range(FIRST_PAGE * 5):
            next(taken)
            yield [f"r-{number}", "x"]

    def echo(line: str) -> None:
        if not lines:  # the header: no more than the first page was read for it
            assert next(taken) <= FIRST_PAGE + 1
        lines.append(line)

    assert write_table(["id", "value"], rows(), echo, width=80) == FIRST_PAGE * 5
    assert lines[0].split() == ["id", "value"] and lines[-1].split() == [
        f"r-{FIRST_PAGE * 5 - 1}",
        "x",
    ]


def test_csv_names_a_column_that_only_a_late_row_has():
    records = [{"id": f"r-{n}"} for n in range(FIRST_PAGE + 10)] + [{"id": "late", "extra": "yes"}]

    @click.command()
    def listing() -> None:
        render_list(iter(records), "csv", ("id",))

    out = CliRunner().invoke(listing).output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(records)
    assert rows[0] == {"id": "r-0", "extra": ""} and rows[-1] == {"id": "late", "extra": "yes"}


def test_an_id_longer_than_the_first_pages_is_never_broken():
    lines: list[str] = []
    rows = [[f"c-{n}", "Li Na"] for n in range(1, FIRST_PAGE + 1)] + [["c-1000000", "Li Na"]]
    write_table(["id", "name"], rows, lines.append, width=80)
    assert lines[-1].split() == ["c-1000000", "Li", "Na"]
    assert lines[-2].split() == [f"c-{FIRST_PAGE}", "Li", "Na"]
