"""`accountcore plugins new`: a plugin that installs, passes `plugins check` and its own tests."""

import ast
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pluggy
import pytest
from conftest import run_ac

from accountcore import hookspecs
from accountcore._scaffold import plugin_files

HOOKS = [
    name
    for name in dir(hookspecs)
    if pluggy.PluginManager(hookspecs.PROJECT).parse_hookspec_opts(hookspecs, name)
]
BIN = Path(sys.executable).parent


@pytest.mark.slow
def test_the_scaffold_installs_checks_and_passes_its_own_tests(ac_cli, tmp_path, venv):
    root = tmp_path / "accountcore-scaffolded"
    made = ac_cli("plugins", "new", "scaffolded", "--path", str(root), check=True)
    assert f"created the plugin 'scaffolded' in {root}:" in made.stdout
    assert "  src/accountcore_scaffolded/__init__.py" in made.stdout.splitlines()
    venv.install(root)
    check = run_ac("plugins", "check", bin=venv.bin)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout == "5 plugins OK (core, scaffolded, securities, telecom, wealth)\n"
    listed = json.loads(run_ac("plugins", "list", "--format", "json", bin=venv.bin).stdout)
    [plugin] = [p for p in listed if p["name"] == "scaffolded"]
    assert plugin["distribution"] == "accountcore-scaffolded"
    assert plugin["status"] == "loaded"
    assert plugin["products"] == ["scaffolded.basic", "scaffolded.premium"]
    assert sorted(plugin["hooks"]) == sorted(HOOKS)
    tests = subprocess.run(
        [venv.python, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "7 passed" in tests.stdout


def test_every_hook_is_stubbed_with_its_exact_arguments():
    module = ast.parse(plugin_files("insurance")["src/accountcore_insurance/__init__.py"])
    stubs = {
        node.name: ([a.arg for a in node.args.args], ast.get_docstring(node))
        for node in module.body
        if isinstance(node, ast.FunctionDef)
        and any(getattr(d, "id", None) == "hookimpl" for d in node.decorator_list)
    }
    assert sorted(stubs) == sorted(HOOKS)
    for hook, (arguments, docstring) in stubs.items():
        assert arguments == list(inspect.signature(getattr(hookspecs, hook)).parameters), hook
        assert docstring, f"the stub of {hook} is not documented"


@pytest.mark.slow
def test_the_generated_files_pass_ruff(tmp_path, ac_cli):
    ac_cli("plugins", "new", "insurance", "--path", str(tmp_path / "p"), check=True)
    for command in (["check"], ["format", "--check"]):
        ruff = subprocess.run(
            [str(BIN / "ruff"), *command, "."], cwd=tmp_path / "p", capture_output=True, text=True
        )
        assert ruff.returncode == 0, ruff.stdout + ruff.stderr


def test_names_and_folders(tmp_path, ac_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ac_cli("plugins", "new", "home_energy", check=True)
    root = tmp_path / "accountcore-home_energy"
    pyproject = (root / "pyproject.toml").read_text()
    assert 'name = "accountcore-home-energy"' in pyproject
    assert 'home_energy = "accountcore_home_energy"' in pyproject
    profile = (root / "src" / "accountcore_home_energy" / "profile.py").read_text()
    assert "class HomeEnergyProfile:" in profile
    (tmp_path / "empty").mkdir()
    ac_cli("plugins", "new", "utilities", "--path", "empty", check=True)
    assert (tmp_path / "empty" / "tests" / "test_utilities.py").exists()


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Insurance", "use 2 to 32 lowercase letters"),
        ("life-insurance", "use 2 to 32 lowercase letters"),
        ("9lives", "use 2 to 32 lowercase letters"),
        ("x", "use 2 to 32 lowercase letters"),
        ("class", "use 2 to 32 lowercase letters"),
        ("accountcore_insurance", "give the industry alone: 'insurance'"),
        ("core", "it is reserved"),
    ],
)
def test_a_bad_name_is_refused(tmp_path, ac_cli, name, why):
    result = ac_cli("plugins", "new", name, "--path", str(tmp_path / "p"))
    assert result.exit_code == 2
    assert f"bad plugin name {name!r}" in result.stderr and why in result.stderr
    assert not (tmp_path / "p").exists()


def test_a_folder_with_files_or_a_file_is_refused(tmp_path, ac_cli):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine\n")
    used = ac_cli("plugins", "new", "insurance", "--path", str(tmp_path / "used"))
    assert used.exit_code == 2
    assert "the folder is not empty" in used.stderr
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["notes.txt"]
    (tmp_path / "file").write_text("x")
    file = ac_cli("plugins", "new", "insurance", "--path", str(tmp_path / "file"))
    assert file.exit_code == 2


def test_the_scaffold_imports_only_the_public_api():
    for path, text in plugin_files("insurance").items():
        if not path.endswith(".py"):
            continue
        for node in ast.walk(ast.parse(text)):
            names = (
                [node.module]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            for name in names:
                if name and name.split(".")[0] == "accountcore":
                    public = {"accountcore", "accountcore.hookspecs", "accountcore.rules"}
                    assert name in public, f"{path}: {name}"


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0.2.0", ">=0.2,<0.3"), ("0.10.3", ">=0.10,<0.11"), ("1.4.2", ">=1.4,<2")],
)
def test_a_new_plugin_pins_the_compatible_core_range(version, expected):
    from accountcore._scaffold import compatible_range

    assert compatible_range(version) == expected


def test_the_scaffold_pins_the_running_core():
    from accountcore import __version__
    from accountcore._scaffold import compatible_range, plugin_files

    pyproject = plugin_files("insurance")["pyproject.toml"]
    assert f'"accountcore{compatible_range(__version__)}"' in pyproject
