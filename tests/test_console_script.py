"""The installed `accountcore` command, run as a user runs it: a real process."""

import json
import os
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ACCOUNTCORE = str(Path(sys.executable).parent / "accountcore")


def ac(*args, book, check=True):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCOUNTCORE_")}
    result = subprocess.run(
        [ACCOUNTCORE, "--book", str(book), "--today", "2026-11-23", *args],
        capture_output=True,
        text=True,
        env=env,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_round_trip_as_a_process(tmp_path):
    book = tmp_path / "b.db"
    ac("init", book=book)
    ac("manager", "add", "m1", "--name", "Li Na", "--capacity", "44", "--target", "15", book=book)
    ac(
        "customer",
        "add",
        "--name",
        "Chen Hua",
        "--kind",
        "individual",
        "--tier",
        "vip",
        "--manager",
        "m1",
        "--birthday",
        "1980-11-23",
        "--phone",
        "13800138000",
        "--set",
        "telecom.msisdn=13800138000",
        book=book,
    )
    ac("customer", "update", "c-1", "--tier", "a", book=book)
    shown = json.loads(
        ac("customer", "show", "c-1", "--reveal", "--format", "json", book=book).stdout
    )
    assert shown["tier"] == "a"
    assert shown["profiles"]["telecom"]["msisdn"] == "13800138000"
    bad = ac(
        "customer",
        "add",
        "--name",
        "X",
        "--kind",
        "individual",
        "--tier",
        "vip",
        "--manager",
        "m1",
        "--set",
        "telecom.no_such_field=1",
        book=book,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: ") and "no_such_field" in bad.stderr


def test_two_processes_writing_at_once_both_land(tmp_path):
    book = tmp_path / "b.db"
    ac("init", book=book)
    ac("manager", "add", "m1", "--name", "Li Na", book=book)

    def add_many(prefix):
        for n in range(8):
            ac(
                "customer",
                "add",
                "--name",
                f"{prefix}{n}",
                "--kind",
                "individual",
                "--tier",
                "c",
                "--manager",
                "m1",
                book=book,
            )

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(add_many, ["a", "b"]))
    listed = json.loads(ac("customer", "list", "--format", "json", book=book).stdout)
    assert len(listed) == 16
    assert sorted(int(c["id"][2:]) for c in listed) == list(range(1, 17))


@pytest.mark.postgres
def test_a_postgresql_book(tmp_path):
    psycopg = pytest.importorskip("psycopg")
    base = os.environ.get("ACCOUNTCORE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
    schema = f"cli_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(base, autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {schema}")
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server: {exc}")
    url = f"{base}?options=-csearch_path%3D{schema}"
    try:
        missing = ac("customer", "list", book=url, check=False)
        assert missing.returncode == 2 and "no book at" in missing.stderr
        ac("init", book=url)
        ac("manager", "add", "m1", "--name", "Li Na", book=url)
        ac(
            "customer",
            "add",
            "--name",
            "Zhao Lei",
            "--kind",
            "individual",
            "--tier",
            "vip",
            "--manager",
            "m1",
            "--set",
            "wealth.risk_level=C4",
            book=url,
        )
        [zhao] = json.loads(ac("customer", "list", "--format", "json", book=url).stdout)
        assert zhao["id"] == "c-1" and zhao["profiles"]["wealth"]["risk_level"] == "C4"
    finally:
        with psycopg.connect(base, autocommit=True) as con:
            con.execute(f"DROP SCHEMA {schema} CASCADE")


def test_a_process_killed_in_the_middle_of_a_write_leaves_the_book_as_it_was(tmp_path):
    book = tmp_path / "b.db"
    ac("init", book=book)
    ac("manager", "add", "m1", "--name", "Li Na", book=book)
    script = f"""
import datetime as dt, os, signal
from accountcore._app import App
from accountcore import Customer, CustomerKind, Tier
app = App({str(book)!r}, today=dt.date(2026, 11, 23))
with app.store.transaction():
    app.store.add_customers([
        Customer(f"c-{{n}}", "Half Written", CustomerKind.INDIVIDUAL, Tier.C, "m1")
        for n in range(1, 500)
    ])
    os.kill(os.getpid(), signal.SIGKILL)
"""
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert killed.returncode == -9
    assert json.loads(ac("customer", "list", "--format", "json", book=book).stdout) == []
    ac(
        "customer",
        "add",
        "--name",
        "After",
        "--kind",
        "individual",
        "--tier",
        "c",
        "--manager",
        "m1",
        book=book,
    )
    assert ac("audit", "verify", book=book).returncode == 0
