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
from typing import Any, TypeVar

import attrs

from .._context import Context
from .._errors import PluginError
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
from .manager import LoadedPlugins

__all__ = ["Hooks"]

ContextFactory = Callable[[str], Context]


class Hooks:
    """Calls hooks on the loaded plugins and returns typed, tagged, validated results."""

    def __init__(self, plugins: LoadedPlugins, context_for: ContextFactory | None = None):
        self._plugins = plugins
        self._context_for = context_for
        self._callers: dict[tuple[str, str], Any] = {}

    @property
    def plugin_names(self) -> tuple[str, ...]:
        """The loaded plugins, in the order their hooks are called."""
        return self._plugins.order

    def _caller(self, hook: str, plugin: str) -> Any:
        key = (hook, plugin)
        if key not in self._callers:
            pm = self._plugins.pm
            own = pm.get_plugin(plugin)
            others = [p for p in pm.get_plugins() if p is not own]
            self._callers[key] = pm.subset_hook_caller(hook, others)
        return self._callers[key]

    def _implementers(self, hook: str) -> list[str]:
        impls = {impl.plugin_name for impl in getattr(self._plugins.pm.hook, hook).get_hookimpls()}
        return [name for name in self._plugins.order if name in impls]

    def call(self, hook: str, plugin: str, **kwargs: Any) -> Any:
        """Call one plugin's implementation of ``hook``; its exception becomes a PluginError.

        So does a ``sys.exit`` or an interrupt (KeyboardInterrupt) inside the hook:
        the command's transaction rolls back and the message names plugin and hook.
        """
        try:
            results = self._caller(hook, plugin)(**kwargs)
        except (Exception, SystemExit, KeyboardInterrupt) as exc:
            raise PluginError(plugin, hook, exc) from exc
        return results

    def _answers(self, hook: str, plugin: str, kwargs: dict[str, Any]) -> list[Any]:
        """What one plugin's implementation of ``hook`` returned (None left out).

        A ``context`` argument is the day the plugin's context is for (None: today).
        """
        args = dict(kwargs)
        if "context" in args:
            args["context"] = self.context(plugin, args["context"])
        return [result for result in self.call(hook, plugin, **args) if result is not None]

    def _each(self, hook: str, *, collect: bool = False, **kwargs: Any) -> list[tuple[str, Any]]:
        """``(plugin, result)`` for each plugin implementing ``hook`` that returned something.

        With ``collect``, a plugin that raises does not stop the others: every
        plugin is called, then the failure is raised with the others' answers.
        """
        answers: list[tuple[str, Any]] = []
        failures: list[PluginError] = []
        for plugin in self._implementers(hook):
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
        expected: type,
        *,
        collect: bool = False,
        only: str | None = None,
        **kwargs: Any,
    ) -> list[Any]:
        """Every plugin's values of type ``expected``, tagged with their plugin.

        A plugin that raises or returns another type fails as a whole (none of its
        values is kept). With ``collect`` the other plugins are still called and
        the :class:`PluginError` raised at the end carries their values in
        ``results``; ``only`` calls one plugin.
        """
        items: list[Any] = []
        failures: list[PluginError] = []
        plugins = [only] if only is not None else self._implementers(hook)
        for plugin in plugins:
            try:
                items.extend(self._typed(hook, plugin, expected, kwargs))
            except PluginError as exc:
                if not collect:
                    raise
                failures.append(exc)
        _raise_collected(failures, items)
        return items

    def _typed(self, hook: str, plugin: str, expected: type, kwargs: dict[str, Any]) -> list[Any]:
        values: list[Any] = []
        for result in self._answers(hook, plugin, kwargs):
            if isinstance(result, expected):
                values.append(result)
                continue
            try:
                values.extend(result)
            except TypeError:
                values.append(result)
        for value in values:
            if not isinstance(value, expected):
                raise PluginError(
                    plugin,
                    hook,
                    TypeError(f"returned {value!r}, expected {expected.__name__} values"),
                )
        return [attrs.evolve(value, plugin=plugin) for value in values]

    def products_of(self, plugin: str) -> list[Product]:
        """The products one plugin registers (its failure does not touch the others)."""
        return self._items("register_products", Product, only=plugin)

    # Catalogue ------------------------------------------------------------

    @cached_property
    def products(self) -> dict[str, Product]:
        """Every product by code; two plugins registering one code is an error naming both."""
        catalogue: dict[str, Product] = {}
        for product in self._items("register_products", Product):
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
    def profiles(self) -> dict[str, type]:
        """The profile class of each plugin that registers one, by profile name."""
        classes: dict[str, type] = {}
        owners: dict[str, str] = {}
        for plugin, answer in self._each("register_profile"):
            if not (isinstance(answer, tuple) and len(answer) == 2 and attrs.has(answer[1])):
                raise PluginError(
                    plugin,
                    "register_profile",
                    TypeError(f"returned {answer!r}, expected (name, attrs class)"),
                )
            name, cls = answer
            if name in classes:
                raise PluginError(
                    plugin,
                    "register_profile",
                    ValueError(f"profile {name!r} is already registered by {owners[name]!r}"),
                )
            classes[name], owners[name] = cls, plugin
        return classes

    @cached_property
    def responsibilities(self) -> dict[str, Responsibility]:
        """The core catalogue of responsibilities plus what each plugin adds, by code."""
        catalogue: dict[str, Responsibility] = {}
        for item in self._items("register_responsibilities", Responsibility):
            catalogue.setdefault(item.code, item)
        return catalogue

    @cached_property
    def settings_classes(self) -> dict[str, type]:
        """The settings class of each plugin that registers one, by plugin name."""
        classes = {}
        for plugin, cls in self._each("register_settings"):
            if not attrs.has(cls):
                raise PluginError(
                    plugin, "register_settings", TypeError(f"returned {cls!r}, not an attrs class")
                )
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
            Finding,
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
        return self._items("check_customer", Finding, customer=customer, context=None, collect=True)

    def care_due(self, customers: Sequence[Customer]) -> list[CareAction]:
        """The care actions every plugin finds due for this batch of customers.

        An action for a customer outside the batch is a :class:`PluginError`.
        """
        actions = self._items(
            "care_due", CareAction, customers=customers, context=None, collect=True
        )
        return _within_batch("care_due", actions, customers)

    def retention_signals(self, customers: Sequence[Customer]) -> list[RetentionSignal]:
        """Every plugin's retention signals for this batch of customers.

        A signal for a customer outside the batch is a :class:`PluginError`.
        """
        signals = self._items(
            "retention_signals", RetentionSignal, customers=customers, context=None, collect=True
        )
        return _within_batch("retention_signals", signals, customers)

    def retention_features(
        self, customers: Sequence[Customer], on: dt.date | None = None
    ) -> list[RetentionFeatures]:
        """Every plugin's features of this batch, as of ``on`` (default: the app's today).

        Features for a customer outside the batch are a :class:`PluginError`.
        """
        features = self._items(
            "retention_features", RetentionFeatures, customers=customers, context=on
        )
        return _within_batch("retention_features", features, customers)

    def visit_policy(self, customer: Customer) -> int | None:
        """The return-visit interval in days from the first plugin that answers, or None."""
        answer = self.visit_interval(customer)
        return None if answer is None else answer[0]

    def visit_interval(self, customer: Customer) -> tuple[int, str] | None:
        """``(days, plugin)`` from the first plugin whose ``visit_policy`` answers, or None."""
        for plugin in self._implementers("visit_policy"):
            days = self.call(
                "visit_policy", plugin, customer=customer, context=self.context(plugin)
            )
            if days is not None:
                if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
                    raise PluginError(
                        plugin, "visit_policy", TypeError(f"returned {days!r}, expected days > 0")
                    )
                return days, plugin
        return None

    def visit_policy_candidates(self) -> list[CustomerSelection] | None:
        """Selections holding every customer some ``visit_policy`` may answer for.

        None when a plugin with a ``visit_policy`` does not say (every customer
        must be asked); an empty list when no plugin has a ``visit_policy``.
        """
        declared = set(self._implementers("visit_policy_candidates"))
        selections: list[CustomerSelection] = []
        for plugin in self._implementers("visit_policy"):
            if plugin not in declared:
                return None
            [answer] = self.call("visit_policy_candidates", plugin, context=self.context(plugin))
            if answer is None:
                return None
            for selection in [answer] if isinstance(answer, CustomerSelection) else answer:
                if not isinstance(selection, CustomerSelection):
                    raise PluginError(
                        plugin,
                        "visit_policy_candidates",
                        TypeError(f"returned {selection!r}, expected CustomerSelection values"),
                    )
                selections.append(selection)
        return selections

    def report_figures(self, month: str) -> list[ReportFigure]:
        """Every plugin's figures for the report of ``month``, tagged with their plugin."""
        return self._items("report_figures", ReportFigure, month=month, context=None)

    def register_commands(self, cli: Any) -> None:
        """Let every plugin add its commands to the CLI group."""
        self._each("register_commands", cli=cli)

    def on_event(self, event: AuditEvent) -> None:
        """Tell every plugin about a committed change."""
        self._each("on_event", event=event, context=None, collect=True)


_Answer = TypeVar("_Answer", CareAction, RetentionSignal, RetentionFeatures)


def _within_batch(hook: str, answers: list[_Answer], batch: Sequence[Customer]) -> list[_Answer]:
    """``answers``, each for a customer of ``batch``; else a PluginError naming its plugin."""
    ids = {customer.id for customer in batch}
    for answer in answers:
        if answer.customer not in ids:
            what = answer.rule if isinstance(answer, CareAction) else type(answer).__name__
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
