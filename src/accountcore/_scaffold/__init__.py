"""`accountcore plugins new`: a new plugin's package, ready to install, check and test.

The files come from the templates in ``templates/plugin`` beside this module (package
data), filled in with :class:`string.Template`: ``$name`` (the plugin, its
entry point, its product prefix and its profile), ``$module``,
``$distribution``, ``$Name`` (the prefix of its class names) and
``$core_range`` (the core versions it may use, see :func:`compatible_range`).
"""

from __future__ import annotations

import keyword
import re
from importlib import resources
from pathlib import Path
from string import Template

from attrs import frozen

from .._errors import BadInput

__all__ = ["NAME_PATTERN", "ScaffoldedPlugin", "create_plugin", "plugin_files"]

NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]{1,31}")
_RESERVED = {"core", "accountcore", "test", "tests"}

# Template (under templates/plugin) -> the file it becomes, relative to the root.
_FILES = (
    ("pyproject.toml.tmpl", "pyproject.toml"),
    ("README.md.tmpl", "README.md"),
    ("gitignore.tmpl", ".gitignore"),
    ("src/__init__.py.tmpl", "src/{module}/__init__.py"),
    ("src/products.py.tmpl", "src/{module}/products.py"),
    ("src/profile.py.tmpl", "src/{module}/profile.py"),
    ("src/settings.py.tmpl", "src/{module}/settings.py"),
    ("src/rules.py.tmpl", "src/{module}/rules.py"),
    ("tests/conftest.py.tmpl", "tests/conftest.py"),
    ("tests/test_plugin.py.tmpl", "tests/test_{name}.py"),
)


@frozen
class ScaffoldedPlugin:
    """Where a new plugin was written, and its files (in the order written)."""

    name: str
    root: Path
    files: tuple[Path, ...]


def _check_name(name: str) -> None:
    if name.startswith(("accountcore-", "accountcore_")):
        raise BadInput(
            f"bad plugin name {name!r}: give the industry alone: {name[12:]!r}"
            " (the package is named accountcore-NAME for you)"
        )
    if not NAME_PATTERN.fullmatch(name) or keyword.iskeyword(name):
        raise BadInput(
            f"bad plugin name {name!r}: use 2 to 32 lowercase letters, digits or _,"
            " starting with a letter, such as insurance; it names the entry point,"
            " the product codes (NAME.*) and the profile"
        )
    if name in _RESERVED:
        raise BadInput(f"bad plugin name {name!r}: it is reserved; choose your industry's name")


def compatible_range(version: str) -> str:
    """The core versions a plugin written against ``version`` may use: ``>=0.2,<0.3``.

    Before 1.0 a minor release may break plugins, as after it a major one may.
    """
    major, minor = (int(part) for part in version.split(".")[:2])
    if major == 0:
        return f">={major}.{minor},<{major}.{minor + 1}"
    return f">={major}.{minor},<{major + 1}"


def plugin_files(name: str) -> dict[str, str]:
    """The new plugin's files, ``{relative path: text}``; BadInput for a bad ``name``."""
    from .. import __version__

    _check_name(name)
    module = f"accountcore_{name}"
    values = {
        "name": name,
        "module": module,
        "distribution": f"accountcore-{name.replace('_', '-')}",
        "Name": "".join(part.capitalize() for part in name.split("_")),
        "core_range": compatible_range(__version__),
    }
    folder = resources.files(__name__) / "templates" / "plugin"
    files = {}
    for template, target in _FILES:
        text = (folder / template).read_text(encoding="utf-8")
        files[target.format(**values)] = Template(text).substitute(values)
    return files


def create_plugin(name: str, path: Path) -> ScaffoldedPlugin:
    """Write a new plugin's package into ``path`` (a new or empty folder).

    Refuses (BadInput, nothing written) a bad ``name`` or a ``path`` that is a
    file or a folder with anything in it.
    """
    files = plugin_files(name)
    root = Path(path).expanduser()
    if root.exists() and not root.is_dir():
        raise BadInput(f"--path {root}: is a file; give a new or empty folder")
    if root.is_dir() and any(root.iterdir()):
        raise BadInput(f"--path {root}: the folder is not empty; give a new or empty folder")
    written = []
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return ScaffoldedPlugin(name, root, tuple(written))
