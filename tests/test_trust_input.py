"""Text is text and errors are one line: control characters, absurd numbers, NaN, a corrupted,
read-only or full book; exit 2, one line, nothing written."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import book_state, out_json

import accountcore._store.sqlite as sqlite_adapter


@pytest.fixture
def book(team):
    team(
        "customer",
        "add",
        "--name",
        "Chen Hua",
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m1",
        check=True,
    )
    return team


def _one_line_error(result, code=2):
    assert result.exit_code == code, result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(("error:", "refused"))
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "command",
    [
        (
            "customer",
            "add",
            "--name",
            "Evil\x1b[2Jname",
            "--kind",
            "individual",
            "--tier",
            "a",
            "--manager",
            "m1",
        ),
        ("customer", "update", "c-1", "--name", "Two\nlines"),
        ("customer", "update", "c-1", "--address", "Road\u202e8"),
        ("manager", "add", "m9", "--name", "Bell\x07"),
        ("manager", "update", "m1", "--name", "C1\x9bcontrol"),
        (
            "complaint",
            "open",
            "c-1",
            "--channel",
            "phone",
            "--severity",
            "low",
            "--summary",
            "clear\x1b[2J",
        ),
        (
            "visit",
            "log",
            "c-1",
            "--purpose",
            "care",
            "--channel",
            "phone",
            "--outcome",
            "ok\x1b]0;owned\x07",
        ),
    ],
)
def test_control_characters_are_refused(book, ac_book, command):
    before = book_state(ac_book)
    result = book(*command)
    _one_line_error(result)
    assert "control character" in result.stderr and "\x1b" not in result.stderr
    assert book_state(ac_book) == before


def test_free_text_keeps_newlines_and_tabs(book):
    book(
        "complaint",
        "open",
        "c-1",
        "--channel",
        "phone",
        "--severity",
        "low",
        "--summary",
        "first line\n\tsecond line",
        check=True,
    )
    [complaint] = out_json(book("complaint", "list", "--format", "json"))
    assert complaint["summary"] == "first line\n\tsecond line"


def test_output_escapes_what_reached_the_book_by_other_means(book, ac_book):
    with sqlite3.connect(ac_book) as con:
        con.execute("UPDATE customers SET name = 'X\x1b[2J\x9bY' WHERE id = 'c-1'")
    for fmt in ("table", "json", "csv"):
        shown = book("customer", "list", "--format", fmt, check=True).stdout
        assert "\x1b" not in shown and "\x9b" not in shown
    assert out_json(book("customer", "show", "c-1", "--format", "json"))["name"] == "X\x1b[2J\x9bY"


@pytest.mark.parametrize(
    ("command", "says"),
    [
        (("config", "set", "telecom.weight_arrears", "nan"), "finite"),
        (("config", "set", "telecom.weight_arrears", "inf"), "finite"),
        (("config", "set", "telecom.weight_arrears", "1.5"), "weight_arrears"),
        (("config", "set", "--", "telecom.weight_arrears", "-0.1"), "weight_arrears"),
        (("config", "set", "telecom.contract_end_notice_days", "0"), "contract_end_notice_days"),
        (("config", "set", "telecom.max_lines_per_id", "1" + "0" * 20), "out of range"),
        (("config", "set", "core.recent_complaint_days", "99999999"), "recent_complaint_days"),
        (("manager", "add", "m9", "--name", "X", "--capacity", "1" + "0" * 25), "capacity"),
        (("customer", "update", "c-1", "--set", "telecom.monthly_fee=NaN"), "monthly_fee"),
        (("customer", "update", "c-1", "--set", "telecom.monthly_fee=1e20"), "monthly_fee"),
        (("customer", "update", "c-1", "--set", "telecom.lines=" + "9" * 25), "lines"),
        (("care", "run", "--min-score", "nan"), "min-score"),
        (("retention", "risks", "--min-score", "inf"), "min-score"),
        (("visit", "overdue", "--limit", "9" * 30), "limit"),
        (("manager", "update", "m1", "--capacity", "9" * 25), "capacity"),
    ],
)
def test_absurd_numbers_are_refused(book, ac_book, command, says):
    before = book_state(ac_book)
    result = book(*command)
    _one_line_error(result)
    assert says in result.stderr
    assert book_state(ac_book) == before


def test_a_corrupted_book_is_one_line(book, ac_book):
    data = bytearray(ac_book.read_bytes())
    data[4096 : 4096 * 3] = b"\xff" * (4096 * 2)
    ac_book.write_bytes(bytes(data))
    for command in (("customer", "list"), ("audit", "verify")):
        _one_line_error(book(*command))


def _connect_with(pragma: str, monkeypatch):
    real = sqlite3.connect

    def connect(*args, **kwargs):
        connection = real(*args, **kwargs)
        connection.execute(pragma)
        return connection

    monkeypatch.setattr(sqlite_adapter.sqlite3, "connect", connect)


@pytest.mark.parametrize(
    "pragma",
    [
        "PRAGMA query_only = ON",  # a read-only book (a read-only file or folder)
        "PRAGMA max_page_count = 1",  # a full disk: SQLite cannot grow the file
    ],
)
def test_a_book_that_cannot_be_written_is_one_line_and_unchanged(
    book, ac_book, monkeypatch, pragma
):
    before = book_state(ac_book)
    _connect_with(pragma, monkeypatch)
    result = book(
        "customer",
        "add",
        "--name",
        "Big " * 2000,
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m1",
    )
    _one_line_error(result)
    assert "could not be read or written" in result.stderr
    monkeypatch.undo()
    assert book_state(ac_book) == before
