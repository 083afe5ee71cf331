"""The audit trail: every change and every reveal, append-only and hash-chained."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from attrs import frozen

from .._app import ADMINISTRATOR, App
from .._errors import BadInput, Refused
from .._text import refuse_controls, refuse_controls_in
from . import audit_chain as chain
from . import events

if TYPE_CHECKING:
    from .._model import AuditEvent
    from .audit_view import LoggedEvent

__all__ = [
    "Change",
    "Verification",
    "audit_head",
    "audit_log",
    "may_read_log",
    "parse_head",
    "record",
    "record_many",
    "verify",
]


def record(
    app: App,
    action: str,
    entity: str,
    entity_id: str,
    *,
    before: Any = None,
    after: Any = None,
    on_behalf_of: str | None = None,
    reason: str | None = None,
    actor: str | None = None,
) -> AuditEvent:
    """Append one event for a change made by the acting user (or ``actor``); returns it sealed.

    ``before`` and ``after`` are domain values (or None); they are stored as
    the plain data the converter makes of them. The event carries the real
    time and the date the actor claimed (``--today``). A control character in
    the after-image's text is refused (BadInput), so the change is not written.
    Every change passes here, so here the plugins are told of it: once its
    transaction commits, the event goes to :func:`events.committed`
    (``on_event``, then ``profile_changes``).
    The administrator acting ``--as`` a manager on a PostgreSQL book is
    recorded as the administrator on that manager's behalf.
    """
    conv = app.converter
    before_data = None if before is None else conv.unstructure(before)
    after_data = None if after is None else conv.unstructure(after)
    # Every write is audited inside its transaction: refusing here writes nothing.
    refuse_controls_in(after_data, entity)
    if reason is not None:
        refuse_controls(reason, "--reason", multiline=True)
    if actor is None:
        actor, on_behalf_of = _recorded_actor(app, on_behalf_of)
    from .._model import AuditEvent

    event = AuditEvent(
        seq=0,
        at=app.now(),
        actor=actor,
        on_behalf_of=on_behalf_of,
        reason=reason,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before_data,
        after=after_data,
        today=app.today,
    )
    sealed = app.store.append_event(event)
    _tell_after_commit(app, [sealed])
    return sealed


def _tell_after_commit(app: App, sealed: list[AuditEvent]) -> None:
    """Have the plugins told of these events once the transaction commits.

    Where the store reads its trail back, only the events' numbers wait for the
    commit, not the events (a daily run's transaction makes one per batch, with
    the image of every action it made); a manager's role on a team book may not
    read the trail, and his few events wait whole.
    """
    if not app.store.reads_trail:
        app.store.after_commit(lambda: events.committed(app, sealed))
        return
    numbers = [event.seq for event in sealed]
    app.store.after_commit(
        lambda: events.committed(app, list(app.store.iter_events(numbers=numbers)))
    )


def _recorded_actor(app: App, on_behalf_of: str | None) -> tuple[str, str | None]:
    """Who an event names as acting, and for whom: the administrator standing in for a
    manager is recorded as the administrator, on the manager's behalf."""
    if app.stands_in:
        return ADMINISTRATOR, on_behalf_of or app.actor
    return app.acting, on_behalf_of


@frozen
class Change:
    """One change to record with :func:`record_many`; the fields of :func:`record`."""

    action: str
    entity: str
    entity_id: str
    before: Any = None
    after: Any = None
    on_behalf_of: str | None = None
    reason: str | None = None


def _plain(conv: Any, value: Any) -> Any:
    # A dict is plain data already (the import passes what it unstructured once).
    if value is None or isinstance(value, dict):
        return value
    return conv.unstructure(value)


def record_many(
    app: App, changes: Iterable[Change], *, tell_plugins: bool = False
) -> list[AuditEvent]:
    """Append one event per change, as :func:`record` does, in one write.

    A change's ``before`` or ``after`` given as a dict is taken as plain data.
    The plugins are told of each event once it commits only with
    ``tell_plugins`` (an import, thousands of rows at once, does not tell them).
    """
    from .._model import AuditEvent

    conv = app.converter
    at = app.now()
    made = []
    for change in changes:
        after = _plain(conv, change.after)
        refuse_controls_in(after, change.entity)
        if change.reason is not None:
            refuse_controls(change.reason, "--reason", multiline=True)
        actor, on_behalf_of = _recorded_actor(app, change.on_behalf_of)
        made.append(
            AuditEvent(
                seq=0,
                at=at,
                actor=actor,
                on_behalf_of=on_behalf_of,
                reason=change.reason,
                action=change.action,
                entity=change.entity,
                entity_id=change.entity_id,
                before=_plain(conv, change.before),
                after=after,
                today=app.today,
            )
        )
    sealed = app.store.append_events(made) if made else []
    if tell_plugins and sealed:
        _tell_after_commit(app, sealed)
    return sealed


@frozen
class Verification:
    """What `audit verify` found: the events walked, the head, and every problem."""

    events: int
    head: tuple[int, str]
    keyed: bool
    problems: tuple[str, ...] = ()

    @property
    def intact(self) -> bool:
        """Whether the trail is as it was written and accounts for every record."""
        return not self.problems


def may_read_log(app: App) -> None:
    """The administrator and supervisors read the audit trail; a manager is refused."""
    if app.actor is None:
        return
    from . import scope

    if len(scope.team_of(app, app.actor)) == 1:
        raise Refused(
            f"{app.actor} has no team: the audit trail is for supervisors and the administrator",
            rule="core.audit-access",
        )


def audit_head(app: App) -> tuple[int, str]:
    """The last event's number and hash: publish it, and `verify --expect` it later."""
    may_read_log(app)
    return app.store.audit_head()


def parse_head(text: str) -> tuple[int, str]:
    """``SEQ:HASH`` (as `audit head` prints it) as a pair; BadInput otherwise."""
    seq, _, digest = text.strip().partition(":")
    digest = digest.strip().lower()
    if not seq.strip().isdigit() or len(digest) != 64 or set(digest) - set("0123456789abcdef"):
        raise BadInput(f"--expect {text!r}: expected SEQ:HASH as `accountcore audit head` prints")
    return int(seq), digest


def _chain_problem(event: AuditEvent, expected_seq: int, previous: str, key: bytes | None) -> str:
    if event.seq != expected_seq:
        return f"events {expected_seq} to {event.seq - 1} are missing"
    if event.prev_hash != previous:
        return "it does not chain to the event before it"
    if key is not None and not event.keyed:
        return "it is not keyed: it was written without the audit key, or forged"
    if event.keyed and key is None:
        raise BadInput(
            "the audit trail is keyed: give its key (ACCOUNTCORE_AUDIT_KEY or the audit.key"
            " file in the user's accountcore folder) to verify it"
        )
    if chain.event_hash(event, key) != event.hash:
        return "its content does not match its hash"
    return ""


def verify(app: App, *, expect: tuple[int, str] | None = None) -> Verification:
    """Walk the chain, check the published head ``expect``, and every record against the trail.

    Each event's hash must match its content (an HMAC when the app has the
    audit key) and chain to the one before; ``expect`` (``(seq, hash)``) must
    be in the chain; every record must be as its last after-image says.
    """
    may_read_log(app)
    key = app.audit_key
    previous, expected_seq, count = chain.GENESIS, 1, 0
    problems: list[str] = []
    from .audit_states import Images, differences  # verifying only

    images = Images()
    found_expected: str | None = None
    for event in app.store.iter_events():
        count += 1
        problem = _chain_problem(event, expected_seq, previous, key)
        if problem:
            problems.append(f"event {event.seq} ({event.action} {event.entity_id}): {problem}")
            break
        if expect is not None and event.seq == expect[0]:
            found_expected = event.hash
        images.add(event)
        previous, expected_seq = event.hash, expected_seq + 1
    head = app.store.audit_head()
    if expect is not None and not problems:
        if found_expected is None:
            problems.append(
                f"the published head {expect[0]}:{expect[1][:12]}… is missing: the trail ends"
                f" at event {head[0]}, so it was truncated or the book rolled back"
            )
        elif found_expected != expect[1]:
            problems.append(
                f"event {expect[0]} is not the published one ({found_expected[:12]}…, published"
                f" {expect[1][:12]}…): the book was rolled back or its trail rewritten"
            )
    if not problems:
        problems.extend(differences(app, images))
    return Verification(count, head, key is not None, tuple(problems))


def audit_log(app: App, *, entity_id: str | None = None) -> Iterator[LoggedEvent]:
    """The audit events the actor may read, oldest first; ``entity_id`` keeps one record's.

    Personal data in the before and after images is masked. A supervisor
    reads the events of his team's records only.
    """
    may_read_log(app)
    from .audit_view import events_for

    return events_for(app, app.store.iter_events(entity_id))
