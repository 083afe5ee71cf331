"""`accountcore plugins check`: every problem of every plugin, named, without a book."""

import pytest

from accountcore._app import App
from accountcore._services.plugin_check import check_plugins

MISSPELLED = """
from accountcore import hookimpl

@hookimpl
def register_prodcts():
    return []

@hookimpl
def check_agreement(customer, prodct):
    return []
"""

CATALOGUE_TROUBLE = """
import attrs
from accountcore import Product, hookimpl

@attrs.frozen
class Profile:
    policy: str
    holder: str
    since: str = ""

class Money:
    pass

@attrs.frozen
class Settings:
    ceiling: Money | None = None

@hookimpl
def register_products():
    return [
        Product("telecom.broadband", "Our broadband", "telecom", "broadband"),
        Product("life.term", "Term life", "insurance", "life"),
        Product("insurance.health", "Health", "insurance", "health"),
        Product("insurance.health", "Health again", "insurance", "health"),
    ]

@hookimpl
def register_profile():
    return ("troubled", Profile)

@hookimpl
def register_settings():
    return Settings

@hookimpl
def register_responsibilities():
    raise LookupError("duties table is missing")
"""


def test_a_misspelled_hook_and_a_bad_argument_are_both_named(ac_cli, ac_install_plugin):
    ac_install_plugin("sloppy", MISSPELLED)
    result = ac_cli("plugins", "check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        "plugin 'sloppy' (accountcore-sloppy 0.1): unknown hook 'register_prodcts'"
        " (did you mean 'register_products'?)"
    ) in lines
    assert any(
        line.startswith("plugin 'sloppy'")
        and "hook 'check_agreement' takes unknown argument(s) 'prodct'" in line
        and "(the hook offers: customer, agreement, product, context)" in line
        for line in lines
    ), result.stdout
    assert "4 plugins OK (core, securities, telecom, wealth)" in result.stdout
    assert "error: 2 problem(s) in 1 plugin(s): sloppy" in result.stderr


def test_every_catalogue_problem_is_named(ac_cli, ac_install_plugin):
    ac_install_plugin("troubled", CATALOGUE_TROUBLE)
    result = ac_cli("plugins", "check")
    assert result.exit_code == 1
    problems = [
        line.split(": ", 1)[1]
        for line in result.stdout.splitlines()
        if line.startswith("plugin 'troubled'")
    ]
    assert problems == [
        "product code 'telecom.broadband' clashes: plugin 'telecom' registers it too",
        "product code 'life.term' does not start with its industry ('insurance'):"
        " name it insurance.something",
        "product code 'insurance.health' is registered twice",
        "hook 'register_responsibilities' raised LookupError: duties table is missing",
        "profile 'troubled' class Profile: field(s) without a default: policy, holder"
        " (give every field a default: files and settings are filled in over time)",
        "settings class Settings: the converter cannot read Money (use str, int, bool,"
        " Decimal, date, an Enum, an attrs class or a tuple of them)",
    ]


def test_a_class_that_does_not_read_back_is_named(ac_install_plugin, tmp_path, ac_today):
    ac_install_plugin(
        "sets",
        """
        import attrs
        from accountcore import hookimpl

        @attrs.frozen
        class Settings:
            regions: frozenset[str] = frozenset({"north"})

        @hookimpl
        def register_settings():
            return Settings
    """,
    )
    app = App(str(tmp_path / "no-book.db"), today=ac_today)
    [sets] = [c for c in check_plugins(app) if c.name == "sets"]
    assert len(sets.problems) == 1
    assert "settings class Settings: storing it as JSON failed" in sets.problems[0]
    assert not (tmp_path / "no-book.db").exists()


def test_a_clean_install_passes_without_a_book(ac_cli, tmp_path):
    result = ac_cli("--book", str(tmp_path / "none.db"), "plugins", "check")
    assert result.exit_code == 0, result.output
    assert result.stdout == "4 plugins OK (core, securities, telecom, wealth)\n"
    assert not (tmp_path / "none.db").exists()


def test_disabled_plugins_are_not_checked(ac_cli, ac_install_plugin):
    ac_install_plugin("sloppy", MISSPELLED)
    result = ac_cli("--disable-plugin", "sloppy", "--disable-plugin", "wealth", "plugins", "check")
    assert result.exit_code == 0
    assert "3 plugins OK (core, securities, telecom); disabled, not checked:" in result.stdout
    assert "sloppy, wealth" in result.stdout


def test_a_development_plugin_is_checked_too(ac_cli, tmp_path):
    path = tmp_path / "dev_rules.py"
    path.write_text(MISSPELLED)
    result = ac_cli("--plugin", str(path), "plugins", "check")
    assert result.exit_code == 1
    assert "plugin 'dev_rules': unknown hook 'register_prodcts'" in result.stdout


@pytest.mark.parametrize("hook", ["register_products", "register_profile", "register_settings"])
def test_a_catalogue_hook_that_raises_is_named(ac_cli, ac_install_plugin, hook):
    ac_install_plugin(
        "fragile",
        f"""
        from accountcore import hookimpl

        @hookimpl
        def {hook}():
            raise RuntimeError("not today")
    """,
    )
    result = ac_cli("plugins", "check")
    assert result.exit_code == 1
    assert (
        f"plugin 'fragile' (accountcore-fragile 0.1): hook '{hook}' raised RuntimeError:"
        " not today" in result.stdout
    )


NEVER_ASKED = """
from accountcore import hookimpl

@hookimpl
def visit_policy(customer):
    return 7

@hookimpl
def visit_policy_candidates(context):
    return []
"""

ORDERED = """
from accountcore import hookimpl

@hookimpl(tryfirst=True)
def check_customer(customer):
    return []

@hookimpl(hookwrapper=True)
def care_due(customers):
    yield
"""


def test_a_visit_policy_its_candidates_never_let_be_asked_is_warned(ac_cli, ac_install_plugin):
    ac_install_plugin("never", NEVER_ASKED)
    result = ac_cli("plugins", "check")
    assert result.exit_code == 0  # it loads: a warning, not a problem
    assert "warning: plugin 'never': hook 'visit_policy_candidates' returns no selection" in (
        result.stderr
    )
    assert "return None to be asked about every customer" in result.stderr


def test_pluggy_ordering_and_wrapper_options_are_refused(ac_cli, ac_install_plugin):
    ac_install_plugin("ordered", ORDERED)
    result = ac_cli("plugins", "check")
    assert result.exit_code == 1
    assert "hook 'check_customer' is marked tryfirst" in result.stdout
    assert "hook 'care_due' is marked hookwrapper" in result.stdout
    assert "honours no tryfirst, trylast, wrapper or hookwrapper" in result.stdout


def test_the_facade_and_plugins_check_read_one_table_of_answers():
    import inspect

    from accountcore import hookspecs
    from accountcore._plugins import answers, hooks
    from accountcore._services import plugin_check

    specs = {
        name for name in dir(hookspecs) if hasattr(getattr(hookspecs, name), "accountcore_spec")
    }
    assert set(answers.ANSWERS) == specs
    for module in (hooks, plugin_check):
        source = inspect.getsource(module)
        assert "answer_values" in source
        assert "isinstance(answer[0], str)" not in source and "expected {" not in source
