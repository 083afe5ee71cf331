"""What a user types is refused in one way: the field's path, what it takes, nothing written."""

import pytest
from conftest import out_json

ADD = ["customer", "add", "--name", "Chen", "--kind", "individual", "--tier", "b"]


@pytest.fixture
def book(team):
    team(
        *ADD,
        "--manager",
        "m1",
        "--set",
        "telecom.arrears_amount=12",
        "--set",
        "telecom.msisdn=13800138000",
        check=True,
    )
    return team


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        # attrs' own validator, one of ours, a converter's refusal: one way of naming the field.
        ("telecom.msisdn=12", "telecom.msisdn: must be 11 digits starting with 1"),
        ("telecom.monthly_fee=-3", "telecom.monthly_fee: must not be negative"),
        ("telecom.lines=x", "telecom.lines: expected a whole number"),
        ("securities.disclosures=foo", "securities.disclosures: may only hold"),
        ("wealth.aum=1e3", "wealth.aum: expected an amount in yuan: digits with an optional"),
        ("wealth.aum=2E+6", "no exponent such as 1e3"),
    ],
)
def test_a_refused_value_names_its_field_path(book, assignment, message):
    result = book("customer", "update", "c-1", "--set", assignment)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: invalid profile: ")
    assert message in result.stderr


def test_money_takes_plain_decimals(book):
    book("customer", "update", "c-1", "--set", "wealth.aum=1,200,000.50", check=True)
    shown = out_json(book("customer", "show", "c-1", "--format", "json"))
    assert shown["profiles"]["wealth"]["aum"] == "1200000.50"


def test_an_empty_set_is_refused_and_unset_clears(book):
    result = book("customer", "update", "c-1", "--set", "telecom.arrears_amount=")
    assert result.exit_code == 2
    assert "--set telecom.arrears_amount=: no value given" in result.stderr
    assert "--unset telecom.arrears_amount" in result.stderr
    shown = out_json(book("customer", "show", "c-1", "--format", "json"))
    assert shown["profiles"]["telecom"]["arrears_amount"] == "12"
    book("customer", "update", "c-1", "--unset", "telecom.arrears_amount", check=True)
    shown = out_json(book("customer", "show", "c-1", "--format", "json"))
    assert shown["profiles"]["telecom"]["arrears_amount"] == "0"  # back to its default
