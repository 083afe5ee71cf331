"""One plugin's implementation of one hook, called as pluggy would call it alone.

The facade (:mod:`.hooks`) calls each plugin's implementation on its own, and
a batch makes hundreds of thousands of such calls (``check_customer`` for each
customer): through pluggy each one pays for its dispatch (argument defaults
and checks, the loop over implementations, a copy of their list). The
implementation is called directly instead, with what pluggy would pass it and
giving what pluggy would give: a list of its result, none when it returns
None. When pluggy's monitoring traces the calls (ACCOUNTCORE_TRACE_PLUGINS=1)
they go through pluggy, so that each is logged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pluggy import HookCaller, HookCallError, HookImpl

from .manager import LoadedPlugins

__all__ = ["Caller", "caller_of"]

# One plugin's implementation of a hook: called with the call's arguments, returns its results.
Caller = Callable[[dict[str, Any]], list[Any]]


def caller_of(plugins: LoadedPlugins, hook: str, plugin: str) -> Caller:
    """The caller of ``plugin``'s implementation of ``hook`` (none: an empty list)."""
    pm = plugins.pm
    hook_caller = getattr(pm.hook, hook)
    impls = [impl for impl in hook_caller.get_hookimpls() if impl.plugin_name == plugin]
    if len(impls) == 1 and not plugins.traced:
        return _direct(impls[0], hook_caller)
    own = pm.get_plugin(plugin)
    subset = pm.subset_hook_caller(hook, [p for p in pm.get_plugins() if p is not own])
    return lambda kwargs: subset(**kwargs)


def _direct(impl: HookImpl, hook: HookCaller) -> Caller:
    """``impl`` called as pluggy calls one implementation, without pluggy's dispatch per call.

    The arguments it names are passed (a missing one is pluggy's HookCallError), and
    its result is a list of none or one value, as pluggy's.
    """
    function, argnames, kwargnames = impl.function, impl.argnames, impl.kwargnames
    defaults = dict(hook.spec.kwargdefaults) if hook.spec is not None else {}

    def call(kwargs: dict[str, Any]) -> list[Any]:
        if defaults:
            kwargs = {**defaults, **kwargs}
        try:
            args = [kwargs[name] for name in argnames]
        except KeyError as exc:
            raise HookCallError(f"hook call must provide argument {exc.args[0]!r}") from exc
        if kwargnames:
            result = function(*args, **{n: kwargs[n] for n in kwargnames if n in kwargs})
        else:
            result = function(*args)
        return [] if result is None else [result]

    return call
