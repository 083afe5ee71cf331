"""Meta-tests that tie the plugin contract together."""

import ast
import inspect
import re
from pathlib import Path

import pluggy
import pytest

import accountcore
from accountcore import hookspecs

ROOT = Path(__file__).resolve().parent.parent
HOOKS = sorted(
    name
    for name in dir(hookspecs)
    if pluggy.PluginManager(hookspecs.PROJECT).parse_hookspec_opts(hookspecs, name)
)


def test_the_contract_has_the_design_hooks():
    assert (
        sorted(
            [
                "register_products",
                "register_profile",
                "register_responsibilities",
                "register_settings",
                "check_agreement",
                "check_customer",
                "care_due",
                "retention_signals",
                "retention_features",
                "visit_policy",
                "visit_policy_candidates",
                "report_figures",
                "register_commands",
                "on_event",
                "profile_changes",
            ]
        )
        == HOOKS
    )


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented_with_its_exact_arguments(hook):
    spec = getattr(hookspecs, hook)
    assert spec.__doc__ and spec.__doc__.strip()
    arguments = ", ".join(inspect.signature(spec).parameters)
    docs = (ROOT / "docs" / "hooks.md").read_text()
    assert f"### `{hook}({arguments})`" in docs


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test(hook):
    tests = "".join(
        p.read_text() for p in (ROOT / "tests").glob("test_*.py") if p.name != Path(__file__).name
    )
    assert re.search(rf"\bdef {hook}\(", tests), f"no test implements {hook}"


def test_public_api_is_explicit():
    for name in accountcore.__all__:
        assert getattr(accountcore, name) is not None


@pytest.mark.parametrize("plugin", ["telecom", "wealth", "securities"])
def test_our_plugins_import_only_the_public_api(plugin):
    allowed = {"accountcore", "accountcore.hookspecs", "accountcore.rules"}
    for path in (ROOT / "plugins" / plugin / "src").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name.split(".")[0] == "accountcore":
                    assert name in allowed, f"{path.name} imports {name}"


def test_modules_stay_small():
    for path in (ROOT / "src" / "accountcore").rglob("*.py"):
        assert len(path.read_text().splitlines()) < 400, path
