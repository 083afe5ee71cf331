"""The converter reads stored values fast and still refuses what is not a value."""

import datetime as dt
from decimal import Decimal

import pytest
from cattrs.errors import ClassValidationError

from accountcore import Customer, CustomerKind, Tier
from accountcore._convert import describe_error, make_converter, parse_date


@pytest.mark.parametrize("text", ["2026-11-23", " 2026-11-23 "])
def test_a_date_is_iso(text):
    assert parse_date(text) == dt.date(2026, 11, 23)


@pytest.mark.parametrize("text", ["2026-W48-1", "20261123", "2026-02-30", "23/11/2026", ""])
def test_anything_else_is_not_a_date(text):
    with pytest.raises(ValueError, match="expected a date as YYYY-MM-DD"):
        parse_date(text)


@pytest.fixture
def conv(profiles):
    return make_converter(profiles)


@pytest.mark.parametrize(
    ("value", "amount"), [("88.50", "88.50"), ("1,234.50", "1234.50"), (" 12 ", "12"), (7, "7")]
)
def test_amounts(conv, value, amount):
    assert conv.structure(value, Decimal) == Decimal(amount)


@pytest.mark.parametrize("value", ["NaN", "Infinity", "abc", True])
def test_not_amounts(conv, value):
    with pytest.raises(
        ValueError, match=r"expected an amount in yuan: digits with an optional decimal point"
    ):
        conv.structure(value, Decimal)


def test_enums_and_optional_fields(conv):
    data = {
        "id": "c-1",
        "name": "Chen",
        "kind": "individual",
        "tier": "vip",
        "manager": "m1",
        "birthday": None,
        "consent": ["sms"],
    }
    chen = conv.structure(data, Customer)
    assert (chen.kind, chen.tier, chen.birthday) == (CustomerKind.INDIVIDUAL, Tier.VIP, None)
    assert conv.structure(Tier.A, Tier) is Tier.A
    with pytest.raises(ClassValidationError) as caught:
        conv.structure({**data, "tier": "gold", "birthday": "soon"}, Customer)
    message = describe_error(caught.value, "customer")
    assert "customer.tier: expected one of vip, a, b, c, got 'gold'" in message
    assert "customer.birthday: expected a date as YYYY-MM-DD, got 'soon'" in message
