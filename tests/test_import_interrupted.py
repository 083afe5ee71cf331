"""A kill during an import: all or nothing leaves the book as it was; --skip-invalid keeps whole
chunks, says how far it got, and a re-run with --key finishes the job."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from accountcore._services.imports.engine import CHUNK

ROWS = 40_000


def _command(book: Path, *args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "accountcore"), "--book", str(book), *args]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("ACCOUNTCORE_")}


@pytest.fixture
def big(tmp_path):
    book = tmp_path / "book.db"
    for args in (("init",), ("manager", "add", "m1", "--name", "Li Na")):
        subprocess.run(_command(book, *args), check=True, env=_env(), capture_output=True)
    path = tmp_path / "big.csv"
    rows = (f"E{n},Customer {n},individual,b,m1" for n in range(ROWS))
    path.write_text("external_id,name,kind,tier,manager\n" + "\n".join(rows) + "\n")
    return book, path


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _count(book: Path) -> int:
    with sqlite3.connect(book, timeout=30) as db:
        return db.execute("SELECT COUNT(*) FROM customers").fetchone()[0]


def _wait(condition, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the import did not get going")
        time.sleep(0.05)


def test_a_kill_leaves_the_book_as_it_was(big):
    book, path = big
    wal = book.with_name(book.name + "-wal")
    started = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(_command(book, "customer", "import", str(path)), env=_env())
    _wait(lambda: wal.exists() and wal.stat().st_size > started + 2_000_000)
    process.kill()
    process.wait()
    assert _count(book) == 0


def test_an_interrupted_skip_invalid_run_keeps_whole_chunks_and_a_rerun_finishes(big):
    book, path = big
    process = subprocess.Popen(
        _command(book, "customer", "import", str(path), "--skip-invalid"),
        env=_env(),
        stderr=subprocess.PIPE,
        text=True,
        # A pytest-xdist worker ignores SIGINT, and a child inherits that: give the
        # import the default, as a user's terminal does, so Python turns it into an interrupt.
        preexec_fn=_interruptible,
    )
    _wait(lambda: _count(book) > 0)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    done = _count(book)
    assert process.returncode == 130, stderr
    assert f"interrupted; the rows through {path}:" in stderr and "with --key" in stderr
    assert done % CHUNK == 0 and 0 < done < ROWS
    subprocess.run(
        _command(book, "customer", "import", str(path), "--key", "external_id"),
        check=True,
        env=_env(),
        capture_output=True,
    )
    assert _count(book) == ROWS
