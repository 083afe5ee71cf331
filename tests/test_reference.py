"""docs/reference.md is the public API as the code has it: every name, field and value."""

import enum
from pathlib import Path

import attrs

import accountcore
from accountcore._reference import documented, reference

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "reference.md").read_text()


def test_the_reference_is_current():
    assert reference() == DOC, (
        "docs/reference.md is out of date: python -m accountcore._reference > docs/reference.md"
    )


def test_every_public_name_is_in_the_reference():
    assert set(accountcore.__all__) - {"__version__"} == documented()


def test_every_field_and_enum_value_is_named():
    for name in documented():
        value = getattr(accountcore, name)
        if attrs.has(value):
            for field in attrs.fields(value):
                assert f"| `{field.name}` |" in DOC, f"{name}.{field.name}"
        elif isinstance(value, type) and issubclass(value, enum.Enum):
            line = ", ".join(f"`{member.value}`" for member in value)
            assert line in DOC, name
