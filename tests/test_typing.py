"""The public API type-checks in a plugin author's code, and mypy catches an author's mistakes.

As attrs keeps typing examples, these run mypy on two files of plugin code:
one that must pass as it is, one whose every line marked ``# error`` must fail.
"""

import re
from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")

HERE = Path(__file__).parent / "typing"


def _mypy(path: Path, tmp_path: Path) -> tuple[str, int]:
    out, err, status = mypy_api.run(
        [str(path), "--no-incremental", "--cache-dir", str(tmp_path), "--check-untyped-defs"]
    )
    return out + err, status


@pytest.mark.slow
def test_plugin_code_using_the_public_api_type_checks(tmp_path):
    report, status = _mypy(HERE / "plugin_author.py", tmp_path)
    assert status == 0, report


@pytest.mark.slow
def test_mypy_flags_each_mistake_of_a_plugin_author(tmp_path):
    path = HERE / "plugin_author_mistakes.py"
    expected = {
        number
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if line.endswith("# error")
    }
    report, status = _mypy(path, tmp_path)
    flagged = {int(n) for n in re.findall(rf"{path.name}:(\d+): error", report)}
    assert status == 1
    assert flagged == expected, report
