"""The typed facade over the plugin hooks: services call this, never ``pm.hook``.

Each hook is called plugin by plugin, in plugin order, so that every result is
tagged with the plugin that made it, an exception names its plugin and hook
(:class:`PluginError`), and results are checked to be the values the contract
promises. For the rule hooks one plugin's exception never hides another's
results: every plugin is called, and the error raised at the end carries what
the others returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .. import _model
from .._context import Context
from .._errors import PluginError
from .answers import WrongAnswer, answer_values
from .callers import Caller, caller_of
from .manager import LoadedPlugins

if TYPE_CHECKING:
    from .._model import (
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
    from .._report_figure import ReportFigure

__all__ = ["Hooks"]

ContextFactory = Callable[[str], Context]


class Hooks:
    """Calls hooks on the loaded plugins and returns typed, tagged, validated results."""

    def __init__(self, plugins: LoadedPlugins, context_for: ContextFactory | None = None):
        self._plugins = plugins
        self._context_for = context_for
        self._callers: dict[tuple[str, str], Caller] = {}
        self._implementers: dict[str, tuple[str, ...]] = {}

    @property
    def plugin_names(self) -> tuple[str, ...]:
        """The loaded plugins, in the order their hooks are called."""
        return self._plugins.order

    def _caller(self, hook: str, plugin: str) -> Caller:
        """One plugin's implementation of ``hook``, as a callable of the call's arguments."""
        caller = self._callers.get((hook, plugin))
        if caller is None:
            caller = self._callers[(hook, plugin)] = caller_of(self._plugins, hook, plugin)
        return caller

    def implementers(self, hook: str) -> list[str]:
        """The loaded plugins implementing ``hook``, in plugin order."""
        return list(self._implementing(hook))

    def _implementing(self, hook: str) -> tuple[str, ...]:
        names = self._implementers.get(hook)
        if names is None:
            hook_caller = getattr(self._plugins.pm.hook, hook)
            impls = {impl.plugin_name for impl in hook_caller.get_hookimpls()}
            names = self._implementers[hook] = tuple(n for n in self._plugins.order if n in impls)
        return names

    def call(self, hook: str, plugin: str, **kwargs: Any) -> Any:
        """Call one plugin's implementation of ``hook``; its exception becomes a PluginError.

        So does a ``sys.exit`` or an interrupt (KeyboardInterrupt) inside the hook:
        the command's transaction rolls back and the message names plugin and hook.
        """
        return self._call(hook, plugin, kwargs)

    def _call(self, hook: str, plugin: str, kwargs: dict[str, Any]) -> list[Any]:
        try:
            return self._caller(hook, plugin)(kwargs)
        except (Exception, SystemExit, KeyboardInterrupt) as exc:
            raise PluginError(plugin, hook, exc) from exc

    def _answers(self, hook: str, plugin: str, kwargs: dict[str, Any]) -> list[Any]:
        """What one plugin's implementation of ``hook`` returned (None left out).

        A ``context`` argument is the day the plugin's context is for (None: today).
        """
        if "context" in kwargs:
            kwargs = {**kwargs, "context": self.context(plugin, kwargs["context"])}
        return [result for result in self._call(hook, plugin, kwargs) if result is not None]

    def _each(self, hook: str, *, collect: bool = False, **kwargs: Any) -> list[tuple[str, Any]]:
        """``(plugin, result)`` for each plugin implementing ``hook`` that returned something.

        With ``collect``, a plugin that raises does not stop the others: every
        plugin is called, then the failure is raised with the others' answers.
        """
        answers: list[tuple[str, Any]] = []
        failures: list[PluginError] = []
        for plugin in self._implementing(hook):
            try:
                answers.extend((plugin, result) for result in self._answers(hook, plugin, kwargs))
            except PluginError as exc:
                if not collect:
                    raise
                failures.append(exc)
        _raise_collected(failures, [result for _, result in answers])
        return answers

    def context(self, plugin: str, today: dt.date | None = None) -> Context:
        """The context a plugin's hooks receive, for ``today`` when another day is asked."""
        if self._context_for is None:
            raise RuntimeError("these hooks were built without a book to give plugins")
        context = self._context_for(plugin)
        return context if today is None else attrs.evolve(context, today=today)

    def _items(
        self,
        hook: str,
        *,
        collect: bool = False,
        only: str | None = None,
        **kwargs: Any,
    ) -> list[Any]:
        """Every plugin's values for ``hook`` (valid answers), tagged with their plugin.

        A plugin that raises or returns another type fails as a whole (none of its
        values is kept). With ``collect`` the other plugins are still called and
        the :class:`PluginError` raised at the end carries their values in
        ``results``; ``only`` calls one plugin.
        """
        items: list[Any] = []
        failures: list[PluginError] = []
        for plugin in (only,) if only is not None else self._implementing(hook):
            try:
                values = self._valid(hook, plugin, kwargs)
            except PluginError as exc:
                if not collect:
                    raise
                failures.append(exc)
                continue
            items.extend([attrs.evolve(value, plugin=plugin) for value in values])
        if failures:
            _raise_collected(failures, items)
        return items

    def _valid(self, hook: str, plugin: str, kwargs: dict[str, Any]) -> list[Any]:
        """One plugin's values for ``hook``, each one a valid answer (:data:`ANSWERS`)."""
        values: list[Any] = []
        for result in self._answers(hook, plugin, kwargs):
            try:
                values.extend(answer_values(hook, result))
            except WrongAnswer as exc:
                raise PluginError(plugin, hook, exc) from None
        return values

    def products_of(self, plugin: str) -> list[Product]:
        """The products one plugin registers (its failure does not touch the others)."""
        return self._items("register_products", only=plugin)

    # Catalogue ------------------------------------------------------------

    @cached_property
    def products(self) -> dict[str, Product]:
        """Every product by code; two plugins registering one code is an error naming both."""
        catalogue: dict[str, Product] = {}
        for product in self._items("register_products"):
            if product.code in catalogue:
                first = catalogue[product.code].plugin
                raise PluginError(
                    product.plugin or "?",
                    "register_products",
                    ValueError(f"product code {product.code!r} is already registered by {first!r}"),
                )
            catalogue[product.code] = product
        return catalogue

    @cached_property
    def _profile_owners(self) -> dict[str, tuple[str, type]]:
        """``(plugin, class)`` of each profile, by profile name; a clash is an error."""
        owners: dict[str, tuple[str, type]] = {}
        for plugin in self.implementers("register_profile"):
            for name, cls in self._valid("register_profile", plugin, {}):
                if name in owners:
                    raise PluginError(
                        plugin,
                        "register_profile",
                        ValueError(
                            f"profile {name!r} is already registered by {owners[name][0]!r}"
                        ),
                    )
                owners[name] = (plugin, cls)
        return owners

    @property
    def profiles(self) -> dict[str, type]:
        """The profile class of each plugin that registers one, by profile name."""
        return {name: cls for name, (_, cls) in self._profile_owners.items()}

    @property
    def profile_of(self) -> dict[str, str]:
        """The name of the profile each plugin keeps, by plugin name."""
        return {plugin: name for name, (plugin, _) in self._profile_owners.items()}

    @cached_property
    def responsibilities(self) -> dict[str, Responsibility]:
        """The core catalogue of responsibilities plus what each plugin adds, by code."""
        catalogue: dict[str, Responsibility] = {}
        for item in self._items("register_responsibilities"):
            catalogue.setdefault(item.code, item)
        return catalogue

    @cached_property
    def settings_classes(self) -> dict[str, type]:
        """The settings class of each plugin that registers one, by plugin name."""
        classes = {}
        for plugin in self.implementers("register_settings"):
            for cls in self._valid("register_settings", plugin, {}):
                classes[plugin] = cls
        return classes

    # Rules -----------------------------------------------------------------

    def check_agreement(
        self, customer: Customer, agreement: Agreement, product: Product
    ) -> list[Finding]:
        """Every plugin's findings on signing ``agreement``.

        A plugin that raises does not hide the others' findings: every plugin is
        called, then a :class:`PluginError` naming each failed plugin is raised
        with the other plugins' findings in ``results``.
        """
        return self._items(
            "check_agreement",
            customer=customer,
            agreement=agreement,
            product=product,
            context=None,
            collect=True,
        )

    def check_customer(self, customer: Customer) -> list[Finding]:
        """Every plugin's findings from a periodic check of ``customer``.

        As for :meth:`check_agreement`, a failing plugin is raised after every
        other plugin has been heard, its findings in ``PluginError.results``.
        """
        return self._items("check_customer", customer=customer, context=None, collect=True)

    def care_due(self, customers: Sequence[Customer]) -> list[CareAction]:
        """The care actions every plugin finds due for this batch of customers.

        An action for a customer outside the batch is a :class:`PluginError`.
        """
        actions = self._items("care_due", customers=customers, context=None, collect=True)
        return _within_batch("care_due", actions, customers)

    def retention_signals(self, customers: Sequence[Customer]) -> list[RetentionSignal]:
        """Every plugin's retention signals for this batch of customers.

        A signal for a customer outside the batch is a :class:`PluginError`.
        """
        signals = self._items("retention_signals", customers=customers, context=None, collect=True)
        return _within_batch("retention_signals", signals, customers)

    def retention_features(
        self, customers: Sequence[Customer], on: dt.date | None = None
    ) -> list[RetentionFeatures]:
        """Every plugin's features of this batch, as of ``on`` (default: the app's today).

        Features for a customer outside the batch are a :class:`PluginError`.
        """
        features = self._items("retention_features", customers=customers, context=on)
        return _within_batch("retention_features", features, customers)

    def visit_policy(self, customer: Customer) -> int | None:
        """The shortest return-visit interval in days any plugin answers, or None."""
        answer = self.visit_interval(customer)
        return None if answer is None else answer[0]

    def visit_interval(self, customer: Customer) -> tuple[int, str] | None:
        """``(days, plugin)``: the shortest interval any plugin's ``visit_policy`` answers.

        Every plugin is asked; on a tie the first in plugin order names the
        policy. None when no plugin answers (the core's interval by tier holds).
        """
        shortest: tuple[int, str] | None = None
        for plugin in self._implementing("visit_policy"):
            kwargs = {"customer": customer, "context": None}
            for days in self._valid("visit_policy", plugin, kwargs):
                if shortest is None or days < shortest[0]:
                    shortest = (days, plugin)
        return shortest

    def visit_policy_candidates(self) -> list[CustomerSelection] | None:
        """Selections holding every customer some ``visit_policy`` may answer for.

        None when a plugin with a ``visit_policy`` does not say, or answers
        None (every customer must be asked); an empty list when no plugin has
        a ``visit_policy``.
        """
        declared = set(self.implementers("visit_policy_candidates"))
        selections: list[CustomerSelection] = []
        for plugin in self.implementers("visit_policy"):
            if plugin not in declared:
                return None
            answers = self._answers("visit_policy_candidates", plugin, {"context": None})
            if not answers:  # None: "ask me about everyone"
                return None
            for answer in answers:
                try:
                    selections.extend(answer_values("visit_policy_candidates", answer))
                except WrongAnswer as exc:
                    raise PluginError(plugin, "visit_policy_candidates", exc) from None
        return selections

    def report_figures(self, month: str) -> list[ReportFigure]:
        """Every plugin's figures for the report of ``month``, tagged with their plugin."""
        return self._items("report_figures", month=month, context=None)

    def register_commands(self, cli: Any) -> None:
        """Let every plugin add its commands to the CLI group."""
        self._each("register_commands", cli=cli)

    def on_event(self, event: AuditEvent) -> None:
        """Tell every plugin about a committed change."""
        self._each("on_event", event=event, context=None, collect=True)

    def profile_changes(self, event: AuditEvent, customer: Customer) -> list[tuple[str, Any]]:
        """``(plugin, {field: value})`` from every plugin changing its profile after ``event``.

        Every plugin is heard: one that raises or answers wrongly is raised at
        the end, with the others' changes in ``results``.
        """
        changes: list[tuple[str, Any]] = []
        failures: list[PluginError] = []
        kwargs = {"event": event, "customer": customer, "context": None}
        for plugin in self.implementers("profile_changes"):
            try:
                answers = self._valid("profile_changes", plugin, kwargs)
            except PluginError as exc:
                failures.append(exc)
                continue
            changes.extend((plugin, dict(answer)) for answer in answers if answer)
        _raise_collected(failures, changes)
        return changes


_Answer = TypeVar("_Answer", "CareAction", "RetentionSignal", "RetentionFeatures")


def _within_batch(hook: str, answers: list[_Answer], batch: Sequence[Customer]) -> list[_Answer]:
    """``answers``, each for a customer of ``batch``; else a PluginError naming its plugin."""
    ids = {customer.id for customer in batch}
    for answer in answers:
        if answer.customer not in ids:
            what = answer.rule if isinstance(answer, _model.CareAction) else type(answer).__name__
            raise PluginError(
                answer.plugin or "?",
                hook,
                ValueError(f"returned {what} for {answer.customer!r}, who is not in the batch"),
            )
    return answers


def _raise_collected(failures: list[PluginError], results: list[Any]) -> None:
    """Raise the first failure, naming the others and carrying the other plugins' results."""
    if failures:
        first = failures[0]
        raise PluginError(
            first.plugin, first.hook, first.error, results=results, others=failures[1:]
        ) from first.error
