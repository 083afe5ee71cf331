"""The audit trail proves the book, on both stores: the database refuses edits of the trail,
and `audit verify` catches what an attacker who drops the guard does anyway."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from typing import Any

import pytest
from click.testing import CliRunner

from accountcore._cli import cli

KEY = "test-audit-key-0123456789abcdef"
TODAY = "2026-11-23"


class Book:
    """A book on one store, driven through the CLI, and raw SQL on it as an attacker has it."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.postgres = location.startswith("postgresql://")

    def __call__(self, *args: str, key: str | None = KEY, check: bool = False) -> Any:
        env = {"ACCOUNTCORE_AUDIT_KEY": key, "ACCOUNTCORE_USER": None}
        result = CliRunner().invoke(
            cli, ["--book", self.location, "--today", TODAY, *args], env=env
        )
        if check:
            assert result.exit_code == 0, (args, result.output)
        return result

    def sql(self, statement: str, params: tuple = ()) -> list[tuple]:
        """Run one statement with the guard dropped, as someone who can write the book."""
        if self.postgres:
            import psycopg

            with psycopg.connect(self.location, autocommit=True) as con:
                con.execute("ALTER TABLE audit_events DISABLE TRIGGER USER")
                cursor = con.execute(statement.replace("?", "%s"), params)
                rows = cursor.fetchall() if cursor.description else []
                con.execute("ALTER TABLE audit_events ENABLE TRIGGER USER")
                return rows
        con = sqlite3.connect(self.location)
        try:
            triggers = con.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            ).fetchall()
            for name, _ in triggers:
                con.execute(f"DROP TRIGGER {name}")
            rows = con.execute(statement, params).fetchall()
            for _, sql in triggers:
                con.execute(sql)
            con.commit()
            return rows
        finally:
            con.close()

    def guarded(self, statement: str) -> None:
        """Run one statement with the guard in place: it must be refused."""
        if self.postgres:
            import psycopg

            with (
                psycopg.connect(self.location, autocommit=True) as con,
                pytest.raises(psycopg.Error, match="append-only"),
            ):
                con.execute(statement)
            return
        con = sqlite3.connect(self.location)
        try:
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                con.execute(statement)
        finally:
            con.close()

    def verify(self, *args: str, key: str | None = KEY) -> Any:
        return self("audit", "verify", *args, key=key)

    def head(self) -> str:
        return self("audit", "head", check=True).stdout.strip()


def _populate(book: Book) -> None:
    book("init", check=True)
    book("manager", "add", "s1", "--name", "Zhou Min", check=True)
    book("manager", "add", "m1", "--name", "Li Na", "--supervisor", "s1", check=True)
    book("manager", "add", "m2", "--name", "Ma Jun", "--supervisor", "s1", check=True)
    book(
        "customer",
        "add",
        "--name",
        "Wang Fang",
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m1",
        "--birthday",
        "1975-11-23",
        "--phone",
        "13812345678",
        "--set",
        "securities.investor_type=ordinary",
        "--set",
        "securities.risk_level=C3",
        "--set",
        "securities.lowest_category=false",
        "--set",
        "securities.questionnaire_date=2026-01-10",
        check=True,
    )
    book("customer", "update", "c-1", "--tier", "vip", check=True)
    book("agreement", "sign", "c-1", "securities.fund.mixed", check=True)
    book("visit", "log", "c-1", "--purpose", "care", "--channel", "phone", check=True)
    book("care", "run", check=True)
    book(
        "complaint",
        "open",
        "c-1",
        "--channel",
        "phone",
        "--severity",
        "high",
        "--summary",
        "double charged",
        check=True,
    )
    book(
        "delegate",
        "m1",
        "m2",
        "--start",
        TODAY,
        "--end",
        "2026-11-30",
        "--reason",
        "leave",
        check=True,
    )
    book("config", "set", "core.visit_days_a", "45", check=True)


@pytest.fixture
def book(location: str) -> Book:
    made = Book(location)
    _populate(made)
    return made


def test_an_untouched_book_verifies_keyed_and_its_head_is_published(book):
    result = book.verify()
    assert result.exit_code == 0, result.output
    assert "intact" in result.stdout and "keyed chain (HMAC)" in result.stdout
    head = book.head()
    seq, digest = head.split(":")
    assert int(seq) > 10 and len(digest) == 64
    assert book.verify("--expect", head).exit_code == 0
    assert book.verify("--expect", "nonsense").exit_code == 2


def test_the_database_refuses_to_change_or_remove_an_audit_event(book):
    before = book.sql("SELECT seq, hash FROM audit_events ORDER BY seq")
    book.guarded("UPDATE audit_events SET actor = 'nobody'")
    book.guarded("DELETE FROM audit_events")
    if book.postgres:
        book.guarded("TRUNCATE audit_events")
    assert book.sql("SELECT seq, hash FROM audit_events ORDER BY seq") == before


def test_a_truncated_tail_fails_against_the_published_head(book):
    head = book.head()
    book.sql("DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)")
    failed = book.verify("--expect", head)
    assert failed.exit_code == 1
    assert f"published head {head.split(':')[0]}" in failed.stderr and "truncated" in failed.stderr


def test_a_rewritten_trail_fails_against_the_published_head(book):
    seq = int(book.head().split(":")[0])
    forged = f"{seq}:{'ab' * 32}"
    failed = book.verify("--expect", forged)
    assert failed.exit_code == 1 and "rolled back" in failed.stderr


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("UPDATE customers SET phone = '13000000000' WHERE id = 'c-1'", "customer c-1"),
        ("UPDATE agreements SET amount = '999999' WHERE id = 'a-1'", "agreement a-1"),
        ("UPDATE delegations SET \"end\" = '2027-12-31' WHERE id = 'd-1'", "delegation d-1"),
        ("UPDATE care_actions SET status = 'done' WHERE id = 'ca-1'", "care-action ca-1"),
        ("UPDATE complaints SET summary = 'nothing' WHERE id = 'cp-1'", "complaint cp-1"),
        ("UPDATE visits SET outcome = 'signed' WHERE id = 'v-1'", "visit v-1"),
        ("UPDATE managers SET capacity = 1 WHERE id = 'm2'", "manager m2"),
        (
            "UPDATE config SET value = '1' WHERE key = 'core.visit_days_a'",
            "config core.visit_days_a",
        ),
    ],
)
def test_a_record_changed_outside_the_trail_is_named(book, statement, named):
    book.sql(statement)
    failed = book.verify()
    assert failed.exit_code == 1
    assert "changed outside the audit trail" in failed.stderr and named in failed.stderr


def test_a_record_with_no_audit_event_is_named(book):
    book.sql(
        "INSERT INTO managers (id, name, supervisor, capacity, target, active)"
        " VALUES ('ghost', 'Ghost', NULL, 44, 15, 1)"
    )
    failed = book.verify()
    assert failed.exit_code == 1 and "no audit event: manager ghost" in failed.stderr


def test_a_record_removed_outside_the_trail_is_named(book):
    book.sql("DELETE FROM config WHERE key = 'core.visit_days_a'")
    failed = book.verify()
    assert failed.exit_code == 1 and "removed outside the audit trail" in failed.stderr


def _recompute(book: Book, keyed_with: bytes | None) -> None:
    """Edit the first customer event and recompute the whole chain, as a forger would."""
    from accountcore._model import AuditEvent
    from accountcore._services import audit_chain

    rows = book.sql(
        "SELECT seq, at, actor, on_behalf_of, action, entity, entity_id, before, after,"
        " reason, claimed_today FROM audit_events ORDER BY seq"
    )
    previous = audit_chain.GENESIS
    import datetime as dt

    for seq, at, actor, behalf, action, entity, entity_id, before, after, reason, today in rows:
        after_data = json.loads(after) if after else None
        if action == "customer.add":
            after_data["tier"] = "c"
        event = AuditEvent(
            seq=seq,
            at=dt.datetime.fromisoformat(at),
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            on_behalf_of=behalf,
            reason=reason,
            before=json.loads(before) if before else None,
            after=after_data,
            today=dt.date.fromisoformat(today) if today else None,
        )
        sealed = audit_chain.seal(event, seq, previous, keyed_with)
        book.sql(
            "UPDATE audit_events SET after = ?, prev_hash = ?, hash = ?, keyed = ? WHERE seq = ?",
            (
                json.dumps(after_data, sort_keys=True) if after_data is not None else None,
                sealed.prev_hash,
                sealed.hash,
                int(sealed.keyed),
                seq,
            ),
        )
        previous = sealed.hash


@pytest.mark.parametrize("forger_key", [None, b"a-key-the-forger-made-up"])
def test_a_recomputed_chain_fails_when_the_book_has_a_key(book, forger_key):
    _recompute(book, forger_key)
    failed = book.verify()
    assert failed.exit_code == 1
    assert "event 1 " in failed.stderr


def test_a_forged_hash_on_the_last_event_fails(book):
    book.sql(
        "UPDATE audit_events SET hash = ? WHERE seq = (SELECT MAX(seq) FROM audit_events)",
        (hashlib.sha256(b"forged").hexdigest(),),
    )
    failed = book.verify()
    assert failed.exit_code == 1 and "does not match its hash" in failed.stderr


def test_a_keyed_book_is_neither_verified_nor_changed_without_its_key(book):
    events = book.sql("SELECT COUNT(*) FROM audit_events")
    no_key = book.verify(key=None)
    assert no_key.exit_code == 2 and "keyed" in no_key.stderr
    refused = book("customer", "update", "c-1", "--tier", "b", key=None)
    assert refused.exit_code == 2 and "keyed" in refused.stderr
    assert book.sql("SELECT tier FROM customers WHERE id = 'c-1'") == [("vip",)]
    assert book.sql("SELECT COUNT(*) FROM audit_events") == events


def test_an_unkeyed_book_says_so_and_a_recomputed_chain_passes_it(tmp_path):
    book = Book(str(tmp_path / "plain.db"))
    book("init", key=None, check=True)
    book("manager", "add", "m1", "--name", "Li Na", key=None, check=True)
    intact = book.verify(key=None)
    assert intact.exit_code == 0 and "unkeyed chain" in intact.stdout
    # What the key is for: without one, a forger who recomputes everything passes.
    book.sql("UPDATE managers SET name = 'Forged'")
    assert book.verify(key=None).exit_code == 1


def test_a_rolled_back_copy_fails_against_the_head_published_later(tmp_path):
    book = Book(str(tmp_path / "book.db"))
    book("init", check=True)
    book("manager", "add", "m1", "--name", "Li Na", check=True)
    shutil.copy(book.location, tmp_path / "old.db")
    book("manager", "add", "m2", "--name", "Ma Jun", check=True)
    head = book.head()
    shutil.copy(tmp_path / "old.db", book.location)
    failed = book.verify("--expect", head)
    assert failed.exit_code == 1 and "rolled back" in failed.stderr
    assert book.verify().exit_code == 0  # consistent in itself: only the head tells
