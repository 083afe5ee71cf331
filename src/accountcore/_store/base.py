"""The store port: what the services need from a book, whatever holds it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

from .filters import CustomerFilter, DutyScope, VisitCounts
from .report_port import ReportBook

if TYPE_CHECKING:
    from .._model import (
        Agreement,
        AuditEvent,
        CareAction,
        Complaint,
        Customer,
        Delegation,
        Manager,
        OverdueVisit,
        RetentionSignal,
        Task,
        Visit,
    )
    from .record_filters import CareFilter, ComplaintFilter, TaskFilter, VisitFilter

__all__ = [
    "CareFilter",
    "ComplaintFilter",
    "CustomerFilter",
    "DutyScope",
    "Store",
    "TaskFilter",
    "VisitCounts",
    "VisitFilter",
]


class Store(ReportBook, Protocol):
    """A book: managers, customers and their records, an audit trail, config.

    Every write happens inside :meth:`transaction`; a transaction that raises
    leaves the book as it was.
    """

    location: str
    # The audit key (kept outside the book): new events are HMAC-chained with it.
    audit_key: bytes | None

    def transaction(self) -> AbstractContextManager[None]:
        """A write transaction; nested calls join the outer one."""

    @property
    def reads_trail(self) -> bool:
        """Whether the connection may read the audit trail back (a manager's role may not)."""

    @property
    def in_transaction(self) -> bool:
        """Whether a :meth:`transaction` is open: what is read now, it writes on."""

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the open transaction commits (now, when none is open)."""

    def close(self) -> None:
        """Release the connection."""

    def schema_version(self) -> int:
        """The number of the last migration applied."""

    def book_tables(self) -> list[str]:
        """The tables a copy of the book carries, referenced ones first."""

    def table_columns(self, table: str) -> list[str]:
        """The columns of one of :meth:`book_tables`, in order."""

    def count_rows(self, table: str) -> int:
        """How many rows a table holds."""

    def iter_rows(self, table: str, columns: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """A table's rows as stored (those columns), streamed."""

    def load_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Insert rows as stored into a table (in the caller's transaction); returns how many."""

    def login(self) -> Any:
        """Who the server says is connected (role, administrator, manager); None for SQLite."""

    def grant_login(self, role: str, manager: str) -> bool:
        """Map a database role to ``manager`` with a manager's privileges (PostgreSQL only);
        returns whether the role was created."""

    def next_id(self, prefix: str) -> str:
        """A new id ``PREFIX-N``; a number a stored record had is never given again."""

    def next_ids(self, prefix: str, count: int) -> list[str]:
        """``count`` new ids ``PREFIX-N`` in a row (bulk imports, generated books)."""

    def add_manager(self, manager: Manager) -> None:
        """Store a new manager."""

    def update_manager(self, manager: Manager) -> None:
        """Replace the stored manager with the same id."""

    def get_manager(self, manager_id: str) -> Manager | None:
        """The manager with this id, or None."""

    def list_managers(self) -> list[Manager]:
        """Every manager, by id."""

    def add_customer(self, customer: Customer) -> None:
        """Store a new customer."""

    def add_customers(self, customers: list[Customer]) -> None:
        """Store many new customers at once (imports, generated books)."""

    def update_customer(self, customer: Customer) -> None:
        """Replace the stored customer with the same id."""

    def get_customer_data(self, customer_id: str) -> dict[str, Any] | None:
        """The customer with this id as the stored plain data, unchecked, or None."""

    def get_customer(self, customer_id: str) -> Customer | None:
        """The customer with this id, or None."""

    def find_customer_by_external_id(self, external_id: str) -> Customer | None:
        """The customer with this external id, or None."""

    def get_customers(self, customer_ids: Iterable[str]) -> dict[str, Customer]:
        """The customers with these ids, by id (unknown ids are left out)."""

    def find_customers_by_external_ids(self, external_ids: Iterable[str]) -> dict[str, Customer]:
        """The customers with these external ids, by external id."""

    def customer_labels(self, customer_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """``(name, manager)`` of the customers with these ids, by id (unknown ids left out)."""

    def customers_sharing(
        self, phones: Iterable[str], id_numbers: Iterable[str]
    ) -> list[tuple[str, str | None, str | None]]:
        """``(id, phone, id_number)`` of each customer with one of these phones or id numbers."""

    def iter_customers(
        self, where: CustomerFilter | None = None, batch_size: int = 1000
    ) -> Iterator[list[Customer]]:
        """Customers in id order, a batch at a time, never the whole book in memory."""

    def iter_customer_data(
        self, where: CustomerFilter | None = None, batch_size: int = 1000
    ) -> Iterator[list[dict[str, Any]]]:
        """Customers as the converter's plain data, in id order, a batch at a time (exports)."""

    def count_customers(self, where: CustomerFilter | None = None) -> int:
        """How many customers match."""

    def add_agreement(self, agreement: Agreement) -> None:
        """Store a new agreement (its id is ``a-N``)."""

    def add_agreements(self, agreements: list[Agreement]) -> None:
        """Store many new agreements at once (generated books)."""

    def update_agreement(self, agreement: Agreement) -> None:
        """Replace the stored agreement with the same id."""

    def get_agreement(self, agreement_id: str) -> Agreement | None:
        """The agreement with this id, or None."""

    def agreements_of(self, customer_id: str) -> list[Agreement]:
        """The customer's agreements, oldest first."""

    def agreements_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Agreement]]:
        """The agreements of a batch of customers, by customer id (for batched rules)."""

    def iter_agreements(
        self,
        *,
        customer: str | None = None,
        status: str | None = None,
        managers: frozenset[str] | None = None,
        batch_size: int = 1000,
    ) -> Iterator[Agreement]:
        """Agreements in id order, filtered, streamed from the book a batch at a time.

        ``managers`` keeps the agreements of the customers now under their names.
        """

    def add_visit(self, visit: Visit) -> None:
        """Store a new visit (its id is ``v-N``)."""

    def add_visits(self, visits: list[Visit]) -> None:
        """Store many new visits at once (imports, generated books)."""

    def update_visit(self, visit: Visit) -> None:
        """Replace the stored visit with the same id."""

    def visits_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Visit]]:
        """The visits of a batch of customers, by customer id, oldest first."""

    def care_actions_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[CareAction]]:
        """The care actions of a batch of customers, by customer id, oldest first."""

    def get_visit(self, visit_id: str) -> Visit | None:
        """The visit with this id, or None."""

    def visits_of(self, customer_id: str) -> list[Visit]:
        """The customer's visits, planned and done, by date."""

    def iter_visits(
        self, where: VisitFilter | None = None, batch_size: int = 1000
    ) -> Iterator[Visit]:
        """Visits by date, then id, filtered, streamed from the book a batch at a time."""

    def visit_counts(
        self,
        start: dt.date,
        end: dt.date,
        today: dt.date,
        managers: frozenset[str] | None = None,
    ) -> list[VisitCounts]:
        """Per manager (who made or plans them), the visits from ``start`` to ``end``.

        ``planned`` counts the visits planned for ``today`` or later,
        ``missed`` those planned for a day before it and never logged;
        cancelled visits count nowhere. ``followed_by_agreement`` counts done
        visits after which the same customer signed an agreement within 30 days.
        """

    def iter_overdue(
        self,
        *,
        today: dt.date,
        tier_days: Mapping[str, int],
        intervals: Iterable[tuple[str, int, str]] = (),
        managers: frozenset[str] | None = None,
    ) -> Iterator[OverdueVisit]:
        """Customers whose return visit is overdue on ``today``, most overdue first.

        A customer's interval is his entry in ``intervals`` (``(customer id,
        days, plugin)``, consumed before the first result) or else
        ``tier_days[tier]``; it runs from his last done visit, or from
        ``created_on`` when he has none. Churned customers are left out;
        ``managers`` keeps the customers under these managers' names. The
        book is never loaded: rows are streamed in order.
        """

    def care_keys_of_many(self, customer_ids: Iterable[str]) -> set[tuple[str, str, str]]:
        """The ``(customer, rule, period)`` of these customers' open or closed care actions.

        Lapsed and expired actions are left out: they do not hold their key.
        """

    def due_care_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[CareAction]]:
        """The care actions still due of a batch of customers, by customer id, oldest first."""

    def add_care_actions(self, actions: list[CareAction]) -> None:
        """Store new care actions (ids ``ca-N``); one per customer, rule and period."""

    def update_care_action(self, action: CareAction) -> None:
        """Replace the stored care action with the same id."""

    def update_care_actions(self, actions: Sequence[CareAction]) -> None:
        """Replace each stored care action with the same id, in one write."""

    def get_care_action(self, action_id: str) -> CareAction | None:
        """The care action with this id, or None."""

    def iter_care_actions(self, where: CareFilter | None = None) -> Iterator[CareAction]:
        """Care actions by due date, then id, filtered, streamed from the book."""

    def add_complaint(self, complaint: Complaint) -> None:
        """Store a new complaint (its id is ``cp-N``)."""

    def update_complaint(self, complaint: Complaint) -> None:
        """Replace the stored complaint with the same id."""

    def get_complaint(self, complaint_id: str) -> Complaint | None:
        """The complaint with this id, or None."""

    def iter_complaints(self, where: ComplaintFilter | None = None) -> Iterator[Complaint]:
        """Complaints in id order, filtered, streamed from the book."""

    def complaints_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Complaint]]:
        """The complaints of a batch of customers, by customer id, oldest first."""

    def add_task(self, task: Task) -> None:
        """Store a new task (its id is ``t-N``)."""

    def update_task(self, task: Task) -> None:
        """Replace the stored task with the same id."""

    def get_task(self, task_id: str) -> Task | None:
        """The task with this id, or None."""

    def iter_tasks(self, where: TaskFilter | None = None) -> Iterator[Task]:
        """Tasks by due date (the undated last), then id, filtered, streamed from the book."""

    def add_delegation(self, delegation: Delegation) -> None:
        """Store a new delegation (its id is ``d-N``)."""

    def update_delegation(self, delegation: Delegation) -> None:
        """Replace the stored delegation with the same id."""

    def get_delegation(self, delegation_id: str) -> Delegation | None:
        """The delegation with this id, or None."""

    def iter_delegations(
        self, *, manager: str | None = None, on: dt.date | None = None
    ) -> Iterator[Delegation]:
        """Delegations by id; ``manager`` keeps those from or to him, ``on`` those in force."""

    def audit_head(self) -> tuple[int, str]:
        """The last audit event's number and hash; ``(0, GENESIS)`` for an empty trail."""

    def append_event(self, event: AuditEvent) -> AuditEvent:
        """Append an event to the audit trail, numbered and chained; returns it sealed."""

    def append_events(self, events: list[AuditEvent]) -> list[AuditEvent]:
        """Append events in order, numbered and chained (imports); returns them sealed."""

    def iter_events(
        self, entity_id: str | None = None, *, numbers: Collection[int] | None = None
    ) -> Iterator[AuditEvent]:
        """Audit events in order, all or those of one entity, or those of these ``numbers``."""

    def add_retention_model(self, trained_on: dt.date, model: dict[str, Any]) -> int:
        """Store a newly trained retention model (plain data); returns its version."""

    def current_retention_model(self) -> tuple[int, dict[str, Any]] | None:
        """``(version, model)`` of the retention model in use, or None."""

    def drop_retention_models(self, day: dt.date) -> int:
        """Mark every retention model in use dropped on ``day``; returns how many were."""

    def clear_retention_scores(self) -> None:
        """Forget the stored retention run and its signals (a new run is being stored)."""

    def add_retention_scores(self, signals: Sequence[RetentionSignal]) -> None:
        """Store merged retention signals of the run being stored (each customer once)."""

    def set_retention_run(self, day: dt.date, basis: str, signals: int) -> None:
        """Record the stored run: its day, what it scored with (``basis``), how many signals."""

    def retention_run(self) -> tuple[dt.date, str] | None:
        """``(day, basis)`` of the stored retention run, or None."""

    def iter_retention_scores(
        self, managers: frozenset[str] | None, min_score: float = 0.0, limit: int | None = None
    ) -> Iterator[RetentionSignal]:
        """The stored signals of living customers of ``managers`` (None: all) scoring
        ``min_score`` or more, highest first (ties in customer order), streamed."""

    def get_config(self) -> dict[str, Any]:
        """The book's settings overrides, ``{"plugin.field": value}``."""

    def set_config(self, key: str, value: Any) -> None:
        """Set one override; None removes it."""
