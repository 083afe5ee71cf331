"""The plugin contract: every hook a plugin may implement.

Implement a hook with a function of the same name marked ``@hookimpl``
(``from accountcore import hookimpl``). An implementation may take any subset
of the arguments below, by name. Full documentation: docs/hooks.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from ._context import Context
    from ._model import (
        Agreement,
        AuditEvent,
        CareAction,
        Customer,
        CustomerSelection,
        Finding,
        Product,
        Responsibility,
        RetentionFeatures,
        RetentionSignal,
    )
    from ._report_figure import ReportFigure


__all__ = ["PROJECT", "hookimpl", "hookspec"]

PROJECT = "accountcore"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_products() -> Iterable[Product]:
    """Return the products this plugin offers (codes prefixed by the industry)."""


@hookspec
def register_profile() -> tuple[str, type] | None:
    """Return ``(name, attrs class)``: the plugin's customer profile.

    ``--set NAME.FIELD=VALUE`` and imports fill it; every write structures it
    through the class, so its types and validators guard the data.
    """


@hookspec
def register_responsibilities() -> Iterable[Responsibility]:
    """Return the duties this industry adds to the core catalogue."""


@hookspec
def register_settings() -> type | None:
    """Return an attrs class of the plugin's settings; every field has a default."""


@hookspec
def check_agreement(
    customer: Customer, agreement: Agreement, product: Product, context: Context
) -> Iterable[Finding]:
    """Return findings on signing ``agreement`` for ``product`` with ``customer``.

    Called before signing (and on ``--dry-run`` and re-checks) for every plugin.
    A plugin usually looks only at its own products (``product.industry``).
    """


@hookspec
def check_customer(customer: Customer, context: Context) -> Iterable[Finding]:
    """Return findings from a periodic compliance check of ``customer``."""


@hookspec
def care_due(customers: Sequence[Customer], context: Context) -> Iterable[CareAction]:
    """Return the care actions due on ``context.today`` for a batch of customers.

    Return each action every day it is still due: an action stored due that
    the rule no longer returns lapses. ``expires_on`` (optional) is the last
    day it is worth making; after it the action expires.
    """


@hookspec
def retention_signals(customers: Sequence[Customer], context: Context) -> Iterable[RetentionSignal]:
    """Return a retention signal for each customer of the batch at risk of leaving."""


@hookspec
def retention_features(
    customers: Sequence[Customer], context: Context
) -> Iterable[RetentionFeatures]:
    """Return named, explained numeric features of the batch's customers, for learned retention.

    ``context.today`` is the day the features describe: today when scoring,
    the day a leaver left when training (nothing after it may count).
    """


@hookspec
def visit_policy(customer: Customer, context: Context) -> int | None:
    """Return the return-visit interval in days for ``customer``, or None for the default.

    Every plugin is asked, and the shortest interval wins among every
    plugin's answer and the core's interval by tier (``core.visit_days_*``):
    a plugin may make a customer's visits more frequent, never rarer.
    """


@hookspec
def visit_policy_candidates(context: Context) -> Iterable[CustomerSelection] | None:
    """Return selections holding every customer your ``visit_policy`` may answer for.

    The core then asks ``visit_policy`` only about those customers, and applies
    its interval by tier to the others in the database. Without this hook, or
    when it returns None, a plugin's ``visit_policy`` is asked about every
    customer; an empty list means it answers for none.
    """


@hookspec
def report_figures(month: str, context: Context) -> Iterable[ReportFigure]:
    """Return the figures this plugin adds to the month report of ``month`` (YYYY-MM).

    Each figure names customers by a selection (and a profile field to sum or
    break down by); the book counts it per manager, team and scope, in its own
    section of the report. Called once per month of the report.
    """


@hookspec
def register_commands(cli: Any) -> None:
    """Add click commands to the ``accountcore`` command group ``cli``."""


@hookspec
def on_event(event: AuditEvent, context: Context) -> None:
    """Called after every committed change, with its audit event.

    Customers added, updated or assigned; visits logged, planned or
    cancelled; care actions created, done or skipped; complaints opened,
    resolved or replied; agreements signed or terminated; delegations;
    managers and config. Dispatched from the audit trail once the change's
    transaction has committed: a change rolled back is never told. A plugin
    that raises is reported as a warning; the change stands.
    """


@hookspec
def profile_changes(
    event: AuditEvent, customer: Customer, context: Context
) -> Mapping[str, Any] | None:
    """Return changes to your own profile of ``customer`` after ``event``, or None.

    Called after every committed change concerning one customer (``customer``
    as it is now), except the changes plugins made this way. Answer
    ``{field: value}``, values as ``--set`` takes them or domain values; None
    clears a field. The core validates them through your profile class,
    writes them in one transaction and audits them as ``customer.update`` by
    ``plugin:NAME``. A plugin keeps its profile current this way (wealth's
    ``last_contact`` follows visits), never by writing to the book itself.
    """
