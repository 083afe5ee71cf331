"""Service agreements: checked by every plugin, signed, terminated, expired by their end date.

The lifecycle is draft -> signed -> active -> expired | terminated:

- a draft is what the checks look at before signing (and all a dry run
  makes); drafts are never stored;
- signing stores the agreement as signed when it starts later, active when
  it starts today or earlier, with the findings it was signed with;
- signed becomes active on its start, and active becomes expired the day
  after its end, by date: every read gives the status on ``app.today``
  (:meth:`Agreement.status_on`), so an agreement past its end never reads as
  active, and nothing has to run for it to expire;
- terminating ends it today, with a reason.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs
from attrs import frozen

from .._app import App
from .._errors import BadInput, Blocked, NotFound, Refused
from .._model import Agreement, AgreementStatus, Customer, Finding, Product, Severity
from ..dates import term_end
from . import audit, scope
from .customers import get_customer
from .managers import get_manager
from .products import get_product

__all__ = [
    "Outcome",
    "get_agreement",
    "iter_agreements",
    "parse_amount",
    "parse_term",
    "sign_agreement",
    "terminate_agreement",
]

_TERM_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,63}")
_BOOLEANS = {"true": True, "false": False}


@frozen
class Outcome:
    """An agreement after a service call: signed, checked on a dry run, or terminated.

    ``override`` says the overridable blocking findings do not stop the
    signing (a supervisor overrides them, or on a dry run would);
    ``problems`` names the plugins that failed after the change was committed
    (``on_event``, ``profile_changes``; the change stands).
    """

    agreement: Agreement
    override: bool = False
    problems: tuple[str, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding of the checks."""
        return self.agreement.findings

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """The findings that block a signing, unless overridden."""
        return tuple(f for f in self.findings if f.severity is Severity.BLOCK)

    @property
    def refusing(self) -> tuple[Finding, ...]:
        """The blocking findings that stop the signing; with an override, those not overridable."""
        if self.override:
            return tuple(f for f in self.blocking if not f.overridable)
        return self.blocking


def parse_term(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` as ``(key, value)``; ``true`` and ``false`` become booleans."""
    key, equals, value = text.partition("=")
    key, value = key.strip(), value.strip()
    if not equals or not _TERM_KEY.fullmatch(key):
        raise BadInput(f"--term {text!r}: expected KEY=VALUE, such as recording_id=REC-2026-118")
    return key, _BOOLEANS.get(value.lower(), value)


def parse_amount(app: App, value: Decimal | str | None) -> Decimal | None:
    """An amount in yuan, above zero; BadInput names ``--amount`` otherwise."""
    if value is None:
        return None
    try:
        amount = app.converter.structure(value, Decimal)
    except Exception as exc:
        raise BadInput(f"--amount {value!r}: expected an amount in yuan, such as 1000000") from exc
    if amount <= 0:
        raise BadInput(f"--amount {value}: an amount must be above zero")
    return amount


def _period(
    app: App, product: Product, start: dt.date | None, end: dt.date | None
) -> tuple[dt.date, dt.date | None]:
    start = start or app.today
    if end is None and product.term_months:
        end = term_end(start, product.term_months)
    if end is not None and end < start:
        raise BadInput(f"--end {end} is before --start {start}")
    if end is not None and end < app.today:
        raise BadInput(f"--end {end} has already passed (today is {app.today})")
    return start, end


def _check_override_authority(app: App, customer: Customer) -> None:
    """Only a supervisor of the customer's manager, or the administrator, overrides."""
    if scope.supervises(app, customer.manager):
        return
    supervisor = get_manager(app, customer.manager).supervisor
    who = f"{customer.manager}'s supervisor ({supervisor})" if supervisor else "the administrator"
    raise Refused(
        f"{app.actor} may not override findings on {customer.id}: only {who}"
        f"{' or the administrator' if supervisor else ''} may, with --reason",
        rule="core.override",
    )


def _refusal(outcome: Outcome, customer: Customer, product: Product) -> Blocked:
    lines = [
        f"  {f.rule} ({f.severity.value}{', overridable' if f.overridable else ''}):"
        f" {f.message} [{f.source or 'no source given'}]"
        for f in outcome.refusing
    ]
    if outcome.override:
        what_next = "These may not be overridden: fix what they name, then sign again."
    elif all(f.overridable for f in outcome.refusing):
        what_next = "Fix what they name, or have a supervisor sign with --override --reason."
    else:
        what_next = "Fix what they name, then sign again."
    count = len(outcome.refusing)
    plural = "s" if count > 1 else ""
    return Blocked(
        "\n".join(
            [
                f"{customer.id} may not sign {product.code}: {count} blocking finding{plural}",
                *lines,
                what_next,
            ]
        ),
        outcome.findings,
        outcome.refusing,
    )


def sign_agreement(
    app: App,
    customer_id: str,
    product_code: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    amount: Decimal | str | None = None,
    sealed: bool = False,
    terms: Mapping[str, Any] | Iterable[tuple[str, Any]] = (),
    override: bool = False,
    reason: str | None = None,
    dry_run: bool = False,
) -> Outcome:
    """Check a draft with every plugin and sign it, or (``dry_run``) only check it.

    ``end`` defaults to the end of the product's term from ``start`` (today
    by default); a product without a term makes an open-ended agreement.
    Raises :class:`Blocked` (exit 1) naming every blocking finding when any
    check blocks and no override covers it; BadInput (exit 2) for an unknown
    customer or product, a product of a disabled plugin, an end before the
    start; Refused when the actor may not sign for this customer or may not
    override. A plugin whose check raises is a PluginError, and nothing is
    signed. A dry run writes nothing and refuses nothing for findings.
    """
    reason = _override_reason(override, reason)
    terms, amount = dict(terms), parse_amount(app, amount)
    with contextlib.nullcontext() if dry_run else app.store.transaction():
        product = get_product(app, product_code)
        customer = get_customer(app, customer_id)
        scope.ensure_in_scope(app, customer, "signing")
        begins, ends = _period(app, product, start, end)
        if override:
            _check_override_authority(app, customer)
        draft = Agreement(
            "draft",
            customer.id,
            product.code,
            customer.manager,
            start=begins,
            end=ends,
            amount=amount,
            sealed=sealed,
            terms=terms,
        )
        outcome = Outcome(_checked(app, customer, draft, product), override)
        if dry_run:
            return outcome
        if outcome.refusing:
            raise _refusal(outcome, customer, product)
        told = len(app.reports)
        agreement = _record_signing(app, outcome, customer, reason)
    return Outcome(agreement, bool(outcome.blocking), problems=tuple(app.reports[told:]))


def _override_reason(override: bool, reason: str | None) -> str | None:
    """The reason of an override; BadInput when one goes without the other."""
    reason = (reason or "").strip() or None
    if override and reason is None:
        raise BadInput("--override needs --reason: say why the findings are overridden")
    if reason is not None and not override:
        raise BadInput("--reason goes with --override (a termination takes its own --reason)")
    return reason


def _checked(app: App, customer: Customer, draft: Agreement, product: Product) -> Agreement:
    """The draft with every plugin's findings on it, each naming customer and product."""
    findings = tuple(
        attrs.evolve(finding, customer=customer.id, product=product.code)
        for finding in app.hooks.check_agreement(customer, draft, product)
    )
    return attrs.evolve(draft, findings=findings)


def _record_signing(
    app: App, outcome: Outcome, customer: Customer, reason: str | None
) -> Agreement:
    """Store the checked draft as signed (active from its start), with one audit event."""
    agreement_id = app.store.next_id("a")
    draft = outcome.agreement
    agreement = attrs.evolve(
        draft,
        id=agreement_id,
        status=_status_at_signing(draft, app.today),
        signed_on=app.today,
        override_reason=reason if outcome.blocking else None,
        findings=tuple(
            _override_of(app, attrs.evolve(f, agreement=agreement_id), reason)
            for f in draft.findings
        ),
    )
    app.store.add_agreement(agreement)
    audit.record(
        app,
        "agreement.sign",
        "agreement",
        agreement_id,
        after=agreement,
        on_behalf_of=scope.on_behalf_of(app, customer),
        reason=agreement.override_reason,
    )
    return agreement


def _override_of(app: App, finding: Finding, reason: str | None) -> Finding:
    """A blocking finding signed over, with who overrode it and why (the others as they are)."""
    if reason is None or finding.severity is not Severity.BLOCK:
        return finding
    return attrs.evolve(finding, overridden_by=app.acting, override_reason=reason)


def _as_of(app: App, agreement: Agreement) -> Agreement:
    """The agreement with its status on ``app.today``."""
    status = agreement.status_on(app.today)
    return agreement if status is agreement.status else attrs.evolve(agreement, status=status)


def _stored(app: App, agreement_id: str) -> tuple[Agreement, Customer]:
    agreement = app.store.get_agreement(agreement_id)
    if agreement is None:
        raise NotFound(f"unknown agreement {agreement_id!r}: see `accountcore agreement list`")
    customer = app.store.get_customer(agreement.customer)
    if customer is None:  # the foreign key makes this a broken book
        raise NotFound(f"agreement {agreement_id} names customer {agreement.customer}, not found")
    return agreement, customer


def get_agreement(app: App, agreement_id: str) -> Agreement:
    """The agreement with this id and its status today, if the actor may see its customer."""
    agreement, customer = _stored(app, agreement_id)
    scope.ensure_in_scope(app, customer)
    return _as_of(app, agreement)


def iter_agreements(
    app: App,
    *,
    customer: str | None = None,
    status: AgreementStatus | str | None = None,
    manager: str | None = None,
) -> Iterator[Agreement]:
    """The agreements the actor may see, in id order, each with its status today.

    ``manager`` keeps those of the customers under his name; ``status`` is
    matched against the status today (an agreement past its end is expired).
    An unknown customer or manager is raised here, before the first agreement.
    """
    wanted = None if status is None else AgreementStatus(status)
    if customer is not None:
        get_customer(app, customer)
    if manager is not None:
        get_manager(app, manager)
    managers = scope.narrowed(scope.visible_managers(app), manager)
    stored = app.store.iter_agreements(customer=customer, managers=managers)
    current = (_as_of(app, agreement) for agreement in stored)
    return (agreement for agreement in current if wanted is None or agreement.status is wanted)


def terminate_agreement(app: App, agreement_id: str, *, reason: str) -> Outcome:
    """End a signed or active agreement today, with the reason; one audited change."""
    reason = reason.strip()
    if not reason:
        raise BadInput("--reason: say why the agreement ends (customer request, ...)")
    told = len(app.reports)
    with app.store.transaction():
        before, customer = _stored(app, agreement_id)
        scope.ensure_in_scope(app, customer, "signing")
        status = before.status_on(app.today)
        if status is AgreementStatus.TERMINATED:
            raise BadInput(
                f"agreement {agreement_id} was already terminated on {before.terminated_on}"
            )
        if status is AgreementStatus.EXPIRED:
            raise BadInput(f"agreement {agreement_id} has expired: it ended on {before.end}")
        after = attrs.evolve(
            before,
            status=AgreementStatus.TERMINATED,
            terminated_on=app.today,
            termination_reason=reason,
        )
        app.store.update_agreement(after)
        audit.record(
            app,
            "agreement.terminate",
            "agreement",
            agreement_id,
            before=before,
            after=after,
            reason=reason,
            on_behalf_of=scope.on_behalf_of(app, customer),
        )
    return Outcome(after, problems=tuple(app.reports[told:]))


def _status_at_signing(draft: Agreement, today: dt.date) -> AgreementStatus:
    """Signed when it starts later, active when it starts today or earlier."""
    starts_later = draft.start is not None and draft.start > today
    return AgreementStatus.SIGNED if starts_later else AgreementStatus.ACTIVE
