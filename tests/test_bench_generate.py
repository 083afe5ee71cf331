"""bench/generate.py writes a book where it is told, and refuses a path that is not one."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from team_book import SERVER, server

from accountcore._app import App

GENERATE = Path(__file__).resolve().parent.parent / "bench" / "generate.py"

pytestmark = pytest.mark.slow


def generate(book: str, *more: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(GENERATE), "--customers", "30", "--seed", "1", "--book", book]
    return subprocess.run([*command, *more], capture_output=True, text=True, check=False)


def test_a_folder_is_refused_in_one_line(tmp_path):
    done = generate(str(tmp_path))
    assert done.returncode == 2
    assert (
        done.stderr == f"generate.py: --book {tmp_path} is a folder: give the path of a book"
        f" file, such as {tmp_path}/book.db\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_file_that_is_not_a_book_is_refused_and_left_as_it_was(tmp_path, force):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    done = generate(str(notes), *force)
    assert done.returncode == 2
    assert "is a file but not an accountcore book" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert notes.read_text() == "my notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_existing_book_is_replaced_only_with_force(tmp_path):
    book = tmp_path / "book.db"
    assert generate(str(book)).returncode == 0
    again = generate(str(book))
    assert again.returncode == 2
    assert again.stderr.endswith("exists: give another --book, or --force to replace it\n")
    assert generate(str(book), "--force").returncode == 0


@pytest.mark.postgres
def test_a_postgresql_url_gets_the_book_and_a_second_run_is_refused():
    psycopg = pytest.importorskip("psycopg")
    name = f"t18_{uuid.uuid4().hex[:10]}"
    try:
        server(f"CREATE DATABASE {name}")
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server on 127.0.0.1:5432: {exc}")
    url = SERVER.format(user="postgres", db=name)
    try:
        done = generate(url)
        assert done.returncode == 0, done.stderr
        app = App(url, today=dt.date(2026, 11, 23))
        try:
            assert app.store.count_customers() == 30
        finally:
            app.close()
        again = generate(url)
        assert again.returncode == 2
        assert (
            again.stderr
            == f"generate.py: {url} holds a book already: give a database without one\n"
        )
    finally:
        server(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
