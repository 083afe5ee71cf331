"""What the PostgreSQL server itself enforces on a team book.

The PostgreSQL-only step of the adapter's migrations (the portable tables come
from ``migrations/``; this is run by the book's owner after them, again
whenever :data:`VERSION` changes):

- functions (``SECURITY DEFINER``, owned by the book's owner) telling whom the
  connected role is (:func:`login`) and whose customers it sees today;
- row-level security on the customers and their records: a manager's role
  sees exactly his customers, his team's as a supervisor, and a delegator's on
  the days of a delegation in force by the server's date (``current_date``),
  care actions for the delegated duties only;
- personal data columns (phone, e-mail, address, identity number, contacts)
  not granted to a manager's role: the core reads them for one customer at a
  time through ``accountcore_personal``, which checks the scope and logs the
  read in ``personal_reads``;
- tasks seen and changed by the managers they are assigned to or were
  created by, and by their supervisors; added only in one's own name;
- the audit trail insert-only: a manager's role may insert events in his own
  name and read only their numbers and hashes (to chain the next one); the
  trigger of migration 0008 refuses every update, delete and truncate, the
  owner's included.

:func:`grant_login` maps a role to a manager and grants it the minimum.
"""

from __future__ import annotations

import re
from typing import Any

from attrs import frozen

from .._errors import BadInput, Refused

__all__ = [
    "DIRECTORY",
    "PERSONAL_COLUMNS",
    "RECORD_TABLES",
    "SERVER_TABLES",
    "VERSION",
    "Login",
    "columns",
    "grant_existing",
    "grant_login",
    "login",
    "secure",
]

# Bump when the SQL below changes: books secured by an older version are secured again.
VERSION = "4"
META_KEY = "postgres.security"
PERSONAL_COLUMNS = ("phone", "email", "address", "id_number", "contacts")
# A customer's records: a manager's role sees those of the customers it sees.
RECORD_TABLES = ("agreements", "visits", "complaints", "retention_scores")
# Tables a manager's role reads whole (nothing personal in them), where the book has them.
READ_ONLY = ("retention_models", "retention_runs")
# The server's own tables, not part of the book a copy carries.
SERVER_TABLES = frozenset({"personal_reads"})
# The view of the customers without personal data, read by a manager's role.
DIRECTORY = "customer_directory"
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@frozen
class Login:
    """Who the connection is: its role, whether it administers the book, its manager."""

    role: str
    administrator: bool
    manager: str | None


def login(db: Any) -> Login:
    """The connection's role (``session_user``) and what it is to the book."""
    row = db.execute(
        "SELECT session_user::text,"
        " pg_has_role(session_user, (SELECT tableowner FROM pg_tables"
        "   WHERE schemaname = current_schema() AND tablename = 'meta'), 'MEMBER'),"
        " accountcore_me()"
    ).fetchone()
    return Login(row[0], bool(row[1]), row[2])


def _functions(schema: str) -> list[str]:
    path = f"SET search_path = {schema}, pg_temp"
    today = "to_char(current_date, 'YYYY-MM-DD')"
    return [
        # The manager the connected role logs in as, if he is active.
        "CREATE OR REPLACE FUNCTION accountcore_me() RETURNS text"
        f" LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$"
        " SELECT l.manager FROM logins l JOIN managers m ON m.id = l.manager"
        " WHERE l.login = session_user AND m.active = 1 $$",
        # The manager and everyone who reports to him, directly or through others.
        "CREATE OR REPLACE FUNCTION accountcore_team() RETURNS SETOF text"
        f" LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$"
        " WITH RECURSIVE team (id) AS ("
        "  SELECT accountcore_me() WHERE accountcore_me() IS NOT NULL"
        "  UNION SELECT m.id FROM managers m JOIN team t ON m.supervisor = t.id)"
        " SELECT id FROM team $$",
        # Whose customers he works on today, for which duties (NULL: every duty).
        "CREATE OR REPLACE FUNCTION accountcore_duties()"
        " RETURNS TABLE (manager text, duties jsonb)"
        f" LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$"
        " SELECT t.id, NULL::jsonb FROM accountcore_team() AS t (id)"
        " UNION ALL SELECT d.from_manager, CASE WHEN CAST(d.responsibilities AS jsonb) = '[]'"
        "   THEN NULL ELSE CAST(d.responsibilities AS jsonb) END"
        " FROM delegations d WHERE d.to_manager = accountcore_me()"
        f'  AND d.start <= {today} AND d."end" >= {today}'
        f"  AND (d.ended_on IS NULL OR d.ended_on > {today}) $$",
        "CREATE OR REPLACE FUNCTION accountcore_managers() RETURNS SETOF text"
        f" LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$"
        " SELECT DISTINCT manager FROM accountcore_duties() $$",
        "CREATE TABLE IF NOT EXISTS personal_reads ("
        " at timestamptz NOT NULL DEFAULT now(), login text NOT NULL, customer text NOT NULL)",
        # One customer's personal data, if the connected role sees him; every read logged.
        "CREATE OR REPLACE FUNCTION accountcore_personal(customer_id text)"
        " RETURNS TABLE (phone text, email text, address text, id_number text, contacts text)"
        f" LANGUAGE plpgsql VOLATILE SECURITY DEFINER {path} AS $$ BEGIN"
        "  IF NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = customer_id"
        "   AND c.manager IN (SELECT accountcore_managers())) THEN RETURN; END IF;"
        "  INSERT INTO personal_reads (login, customer) VALUES (session_user, customer_id);"
        "  RETURN QUERY SELECT c.phone, c.email, c.address, c.id_number, c.contacts"
        "   FROM customers c WHERE c.id = customer_id;"
        " END $$",
    ]


def _policies() -> list[str]:
    mine = "manager IN (SELECT accountcore_managers())"
    team_task = (
        "assignee IN (SELECT accountcore_team()) OR created_by IN (SELECT accountcore_team())"
    )
    statements = [
        "ALTER TABLE customers ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS accountcore_scope ON customers",
        f"CREATE POLICY accountcore_scope ON customers USING ({mine})",
    ]
    for table in RECORD_TABLES:
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS accountcore_scope ON {table}",
            f"CREATE POLICY accountcore_scope ON {table}"
            " USING (customer IN (SELECT id FROM customers))",
        ]
    statements += [
        "ALTER TABLE care_actions ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS accountcore_scope ON care_actions",
        "CREATE POLICY accountcore_scope ON care_actions USING (EXISTS ("
        " SELECT 1 FROM customers c JOIN accountcore_duties() s ON s.manager = c.manager"
        " WHERE c.id = care_actions.customer"
        "  AND (s.duties IS NULL OR s.duties ? care_actions.responsibility)))",
        # Anyone reads the delegations; a manager hands on only his own or his team's duties.
        "ALTER TABLE delegations ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS accountcore_read ON delegations",
        "CREATE POLICY accountcore_read ON delegations FOR SELECT USING (true)",
        "DROP POLICY IF EXISTS accountcore_add ON delegations",
        "CREATE POLICY accountcore_add ON delegations FOR INSERT"
        " WITH CHECK (from_manager IN (SELECT accountcore_team()))",
        "DROP POLICY IF EXISTS accountcore_change ON delegations",
        "CREATE POLICY accountcore_change ON delegations FOR UPDATE"
        " USING (from_manager IN (SELECT accountcore_team()))",
        # Tasks: his team's (assigned to or created by one of them), added in his own name.
        "ALTER TABLE tasks ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS accountcore_read ON tasks",
        f"CREATE POLICY accountcore_read ON tasks FOR SELECT USING ({team_task})",
        "DROP POLICY IF EXISTS accountcore_add ON tasks",
        "CREATE POLICY accountcore_add ON tasks FOR INSERT"
        " WITH CHECK (created_by = accountcore_me())",
        "DROP POLICY IF EXISTS accountcore_change ON tasks",
        f"CREATE POLICY accountcore_change ON tasks FOR UPDATE USING ({team_task})",
        # Events: read (numbers and hashes only, by the grants) and appended in his own name.
        "ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS accountcore_chain ON audit_events",
        "CREATE POLICY accountcore_chain ON audit_events FOR SELECT USING (true)",
        "DROP POLICY IF EXISTS accountcore_append ON audit_events",
        "CREATE POLICY accountcore_append ON audit_events FOR INSERT"
        " WITH CHECK (actor = accountcore_me())",
    ]
    return statements


def _directory(db: Any) -> list[str]:
    """The customers without personal data, as the invoker may see them (his rows only)."""
    shown = [
        f"NULL::text AS {column}" if column in PERSONAL_COLUMNS else column
        for column in columns(db, "customers")
    ]
    shown = [("'[]'::text AS contacts" if c.endswith("AS contacts") else c) for c in shown]
    return [
        f"CREATE OR REPLACE VIEW {DIRECTORY} WITH (security_invoker = true)"
        f" AS SELECT {', '.join(shown)} FROM customers",
    ]


def columns(db: Any, table: str) -> list[str]:
    rows = db.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position",
        (table,),
    ).fetchall()
    return [row[0] for row in rows]


def _schema(db: Any) -> str:
    name = db.execute("SELECT current_schema()").fetchone()[0]
    if not _NAME.fullmatch(name or ""):
        raise BadInput(
            f"a team book's schema needs a plain name (lower case letters, digits, '_'),"
            f" not {name!r}"
        )
    return name


def secure(db: Any, version_of: Any) -> bool:
    """Create or refresh the server's side of the book (in the caller's transaction).

    ``version_of`` reads the meta value of the step; returns whether it ran.
    """
    if version_of(META_KEY) == VERSION:
        return False
    schema = _schema(db)
    for statement in [*_functions(schema), *_policies(), *_directory(db)]:
        db.execute(statement)
    for function in ("accountcore_personal(text)", "accountcore_duties()"):
        db.execute(f"REVOKE EXECUTE ON FUNCTION {function} FROM PUBLIC")
    db.execute("REVOKE ALL ON personal_reads FROM PUBLIC")
    # Any role may learn that the database holds a book and of which version (and is
    # then told it is mapped to no manager, rather than refused the first read).
    db.execute("GRANT SELECT ON meta TO PUBLIC")
    grant_existing(db)
    return True


def grant_existing(db: Any) -> None:
    """Grant a manager's privileges to every mapped role the server has."""
    schema = _schema(db)
    rows = db.execute(
        "SELECT login FROM logins WHERE login IN (SELECT rolname FROM pg_roles)"
    ).fetchall()
    for (role,) in rows:
        _grant(db, role, schema)


def _grant(db: Any, role: str, schema: str) -> None:
    """The least a manager's role needs to work through accountcore."""
    who = role  # a plain name, checked by grant_login
    shown = [c for c in columns(db, "customers") if c not in PERSONAL_COLUMNS]
    chain = [c for c in columns(db, "audit_events") if c in ("seq", "hash", "keyed")]
    tables = {
        row[0]
        for row in db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
    }
    for statement in (
        f"GRANT USAGE ON SCHEMA {schema} TO {who}",
        f"GRANT SELECT ON meta, config, managers, delegations TO {who}",
        f"GRANT SELECT, INSERT, UPDATE ON sequences TO {who}",
        f"GRANT SELECT ({', '.join(shown)}), INSERT, UPDATE ON customers TO {who}",
        f"GRANT SELECT ON {DIRECTORY} TO {who}",
        f"GRANT SELECT, INSERT, UPDATE ON {', '.join(RECORD_TABLES)}, care_actions, tasks TO {who}",
        f"GRANT INSERT, UPDATE ON delegations TO {who}",
        f"GRANT SELECT ({', '.join(chain)}), INSERT ON audit_events TO {who}",
        *(f"GRANT SELECT ON {table} TO {who}" for table in READ_ONLY if table in tables),
        f"GRANT EXECUTE ON FUNCTION accountcore_personal(text), accountcore_duties() TO {who}",
    ):
        db.execute(statement)


def grant_login(db: Any, role: str, manager: str, *, location: str) -> bool:
    """Map ``role`` to ``manager`` and grant it what a manager needs; returns whether it
    created the role (``LOGIN``, when the administrator may create roles).

    A superuser or the book's owner is refused: the server lets such a role see
    every row, so it cannot be held to one manager's customers.
    """
    if not _NAME.fullmatch(role):
        raise BadInput(
            f"--login {role!r}: a PostgreSQL role name in lower case letters, digits and '_'"
            " (such as li_na)"
        )
    found = db.execute(
        "SELECT rolsuper OR pg_has_role(oid, (SELECT tableowner FROM pg_tables"
        "  WHERE schemaname = current_schema() AND tablename = 'meta'), 'MEMBER')"
        " FROM pg_roles WHERE rolname = %s",
        (role,),
    ).fetchone()
    created = found is None
    if created:
        may = db.execute(
            "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user"
        ).fetchone()
        if not (may and may[0]):
            raise Refused(
                f"--login {role}: no such role on the server, and the book's administrator may"
                f" not create roles: create it (CREATE ROLE {role} LOGIN) and run again",
                rule="postgres.create-role",
            )
        db.execute(f"CREATE ROLE {role} LOGIN")
    elif found[0]:
        raise Refused(
            f"--login {role}: the role is a superuser or the book's owner, and the server"
            f" would show it every customer of {location}: map a role of its own",
            rule="postgres.privileged-role",
        )
    mapped = db.execute("SELECT manager FROM logins WHERE login = %s", (role,)).fetchone()
    if mapped is not None:
        raise BadInput(f"--login {role} is already {mapped[0]}'s: a role logs in as one manager")
    db.execute("INSERT INTO logins (login, manager) VALUES (%s, %s)", (role, manager))
    _grant(db, role, _schema(db))
    return created
