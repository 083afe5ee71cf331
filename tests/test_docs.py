"""Every code block in docs/ runs here, so the docs show what works.

How a fenced block is run, by its language:

- ``python`` or ``toml`` whose first line is ``# PATH``: the whole file at PATH
  (relative to the current folder of the session), written as shown;
- ``python`` without a path: executed on its own; ``toml`` without a path:
  parsed, and its tables must be in the session's ``pyproject.toml`` if any;
- ``sh``: each command runs and must exit 0, or the code a trailing
  ``# exits N`` gives;
- ``console``: each ``$ command`` runs, and its output (stdout and stderr)
  must be the lines below it; ``...`` in a line matches any text;
- ``text``: not code (a folder tree, a message), not run.

Commands a session knows: ``accountcore``, ``pytest``, ``python``, ``cd``,
``export NAME=VALUE`` and ``pip install -e PATH`` (installed offline into a
venv of the test's own that sees this one's packages; the commands run
there). ``$NAME`` and ``$PWD`` expand.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.S | re.M)
PATH_LINE = re.compile(r"# ([\w./-]+\.(?:py|toml))\n")
LANGUAGES = {"python", "toml", "sh", "console", "text"}
# The tutorial, then the testing guide that goes on with its plugin.
SESSION = ("writing-a-plugin.md", "testing.md")


def blocks(name: str) -> list[tuple[str, str, int]]:
    """``(language, code, line)`` of each fenced block of docs/NAME."""
    text = (DOCS / name).read_text()
    return [
        (m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in FENCE.finditer(text)
    ]


class Session:
    """A reader following the docs in a terminal: one folder, one environment."""

    def __init__(self, folder: Path, venv) -> None:
        self.cwd = folder
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("ACCOUNTCORE_")}
        self.env["PWD"] = str(folder)
        self.venv = venv

    def run(self, language: str, code: str, where: str) -> None:
        if language in {"python", "toml"} and PATH_LINE.match(code):
            target = self.cwd / PATH_LINE.match(code).group(1)
            assert target.parent.exists(), f"{where}: no folder for {target}"
            target.write_text(code)
        elif language == "python":
            exec(compile(code, where, "exec"), {"__name__": "docs_example"})
        elif language == "toml":
            self.toml_excerpt(tomllib.loads(code), where)
        elif language == "sh":
            for command, line in commands(code):
                self.command(command, where=f"{where}+{line}")
        elif language == "console":
            for command, expected, line in transcript(code):
                output = self.command(command, where=f"{where}+{line}")
                assert_lines(output, expected, f"{where}+{line}: $ {command}")
        else:
            assert language == "text", f"{where}: a {language or 'bare'} block is not run"

    def toml_excerpt(self, excerpt: dict, where: str) -> None:
        pyproject = self.cwd / "pyproject.toml"
        if pyproject.exists():
            assert_within(excerpt, tomllib.loads(pyproject.read_text()), where)

    def command(self, text: str, *, where: str) -> str:
        code = 0
        if match := re.search(r"\s+# exits (\d+)\s*$", text):
            code, text = int(match.group(1)), text[: match.start()]
        words = [
            re.sub(r"\$(\w+)", lambda m: self.env.get(m.group(1), m.group(0)), word)
            for word in shlex.split(text, comments=True)
        ]
        program, args = words[0], words[1:]
        if program == "cd":
            self.cwd = (self.cwd / args[0]).resolve()
            self.env["PWD"] = str(self.cwd)
            return ""
        if program == "export":
            name, _, value = args[0].partition("=")
            self.env[name] = value
            return ""
        if program == "pip":
            assert args[:2] == ["install", "-e"], f"{where}: only `pip install -e PATH` is run"
            self.venv.install((self.cwd / args[2]).resolve())
            return ""
        argv = {
            "accountcore": [str(self.venv.bin / "accountcore")],
            "pytest": [str(self.venv.python), "-m", "pytest", "-p", "no:cacheprovider"],
            "python": [str(self.venv.python)],
        }.get(program)
        assert argv is not None, f"{where}: the docs' sessions do not run {program!r}"
        done = subprocess.run(
            [*argv, *args],
            cwd=self.cwd,
            env=self.env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        assert done.returncode == code, f"{where}: {text} exited {done.returncode}:\n{done.stdout}"
        return done.stdout


def commands(code: str) -> list[tuple[str, int]]:
    """Each command of an sh block (continued lines joined) and its line in the block."""
    found, pending, start = [], "", 0
    for number, line in enumerate(code.splitlines()):
        if not pending:
            start = number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        text = (pending + line).strip()
        pending = ""
        if text and not text.startswith("#"):
            found.append((text, start))
    return found


def transcript(code: str) -> list[tuple[str, list[str], int]]:
    """``(command, expected output lines, line)`` of a console block."""
    found: list[tuple[str, list[str], int]] = []
    for number, line in enumerate(code.splitlines()):
        if line.startswith("$ "):
            found.append((line[2:], [], number))
        else:
            assert found, f"console output before any command: {line!r}"
            found[-1][1].append(line)
    return found


def assert_lines(output: str, expected: list[str], where: str) -> None:
    """``output`` is ``expected``: ``...`` in a line matches any text, alone any lines."""
    got = "".join(line.rstrip() + "\n" for line in output.rstrip("\n").splitlines())
    want = [line.rstrip() for line in expected]
    pattern = "".join(
        r"(?:.*\n)*" if line == "..." else re.escape(line).replace(re.escape("..."), ".*") + "\n"
        for line in want
    )
    assert re.fullmatch(pattern, got), (
        f"{where}: the output differs from the docs\n--- docs\n"
        + "\n".join(want)
        + "\n--- got\n"
        + got
    )


def assert_within(excerpt: dict, whole: dict, where: str) -> None:
    for key, value in excerpt.items():
        assert key in whole, f"{where}: {key!r} is not in pyproject.toml"
        if isinstance(value, dict):
            assert_within(value, whole[key], where)
        else:
            assert whole[key] == value, f"{where}: {key} is {whole[key]!r}, not {value!r}"


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("*.md")))
def test_every_block_is_of_a_language_the_suite_runs(name):
    for language, _, line in blocks(name):
        assert language in LANGUAGES, f"docs/{name}:{line}: a {language or 'bare'} block"


@pytest.mark.slow
def test_the_tutorial_and_the_testing_guide_run(tmp_path, venv, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = Session(tmp_path, venv)
    for name in SESSION:
        for language, code, line in blocks(name):
            session.run(language, code, f"docs/{name}:{line}")


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("*.md") if p.name not in SESSION))
def test_the_other_docs_blocks_run(name, tmp_path, ac_cli, venv):
    ac_cli("plugins", "new", "insurance", "--path", str(tmp_path / "p"), check=True)
    session = Session(tmp_path / "p", venv)
    for language, code, line in blocks(name):
        session.run(language, code, f"docs/{name}:{line}")
