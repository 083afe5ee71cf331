"""The migration scripts shipped with accountcore, and their statements one by one."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["migration_numbers", "migrations", "statements"]


def _scripts(dialect: str | None) -> list[tuple[int, Path]]:
    folder = Path(__file__).resolve().parent.parent / "migrations"
    found = []
    for path in sorted(folder.glob("[0-9]*.sql")):
        parts = path.name.split(".")
        if len(parts) == 3 and parts[1] != dialect:
            continue
        found.append((int(path.name.split("_", 1)[0]), path))
    return found


def migrations(dialect: str | None = None) -> list[tuple[int, str]]:
    """The numbered migrations shipped with accountcore, in order: ``(number, sql)``.

    ``NNNN_name.sql`` is portable; ``NNNN_name.DIALECT.sql`` (triggers, say)
    follows it for that database only.
    """
    scripts: dict[int, list[str]] = {}
    for number, path in _scripts(dialect):
        scripts.setdefault(number, []).append(path.read_text(encoding="utf-8"))
    return sorted((number, "\n".join(texts)) for number, texts in scripts.items())


def migration_numbers(dialect: str | None = None) -> list[int]:
    """The numbers of :func:`migrations`, in order, without reading the scripts."""
    return sorted({number for number, _ in _scripts(dialect)})


def statements(sql: str) -> list[str]:
    """The statements of a script; a trigger's body or a ``$$`` function is one statement."""
    statements, current = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        current.append(line)
        text = "\n".join(current)
        in_function = text.count("$$") % 2 == 1
        in_trigger_body = bool(re.search(r"^\s*BEGIN\s*$", text, re.M | re.I)) and not re.search(
            r"^\s*END\s*;\s*$", line, re.I
        )
        if line.rstrip().endswith(";") and not in_function and not in_trigger_body:
            statements.append(text.strip().removesuffix(";").strip())
            current = []
    if current:
        statements.append("\n".join(current).strip())
    return statements
