"""The shared calendar of care rules, and the channel a customer's consent allows."""

import datetime as dt

import pytest

from accountcore import (
    Channel,
    Customer,
    CustomerKind,
    Tier,
    anniversary,
    care_channel,
    lapse_notice,
    lapses_on,
    last_anniversary,
    months_between,
    quarter_key,
    week_key,
)

D = dt.date


@pytest.mark.parametrize(
    ("date", "year", "expected"),
    [
        (D(2000, 2, 29), 2027, D(2027, 2, 28)),
        (D(2000, 2, 29), 2028, D(2028, 2, 29)),
        (D(1980, 11, 23), 2026, D(2026, 11, 23)),
    ],
)
def test_anniversary(date, year, expected):
    assert anniversary(date, year) == expected


@pytest.mark.parametrize(
    ("date", "today", "expected"),
    [
        (D(1980, 11, 23), D(2026, 11, 23), D(2026, 11, 23)),
        (D(1980, 11, 24), D(2026, 11, 23), D(2025, 11, 24)),
        (D(2000, 2, 29), D(2027, 3, 1), D(2027, 2, 28)),
        (D(2026, 3, 1), D(2026, 11, 23), None),  # no anniversary yet
        (D(2025, 11, 23), D(2026, 11, 23), D(2026, 11, 23)),
    ],
)
def test_last_anniversary(date, today, expected):
    assert last_anniversary(date, today) == expected


def test_lapses_on_is_the_first_day_older_than_the_validity():
    assert lapses_on(D(2025, 11, 23), 365) == D(2026, 11, 24)


@pytest.mark.parametrize(
    ("today", "window"),
    [
        (D(2026, 10, 24), None),
        (D(2026, 10, 25), (D(2026, 10, 25), D(2026, 11, 24))),
        (D(2026, 11, 23), (D(2026, 10, 25), D(2026, 11, 24))),  # lapses tomorrow
        (D(2026, 11, 24), None),  # lapsed today
    ],
)
def test_lapse_notice_from_the_notice_to_the_day_before_the_lapse(today, window):
    assert lapse_notice(D(2025, 11, 23), 365, 30, today) == window


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (D(2026, 1, 31), D(2026, 2, 28), 0),
        (D(2026, 1, 31), D(2026, 3, 1), 1),
        (D(2024, 11, 23), D(2026, 11, 23), 24),
        (D(2024, 11, 24), D(2026, 11, 23), 23),
    ],
)
def test_months_between_counts_whole_months(start, end, months):
    assert months_between(start, end) == months


def test_period_keys():
    assert quarter_key(D(2026, 11, 23)) == "2026-Q4"
    assert quarter_key(D(2026, 1, 1)) == "2026-Q1"
    assert week_key(D(2026, 11, 23)) == "2026-W48"
    assert week_key(D(2027, 1, 1)) == "2026-W53"


def refusing(*channels):
    return Customer("c-1", "X", CustomerKind.INDIVIDUAL, Tier.B, "m1", consent=frozenset(channels))


@pytest.mark.parametrize(
    ("refused", "preferred", "expected"),
    [
        ((), Channel.SMS, Channel.SMS),
        ((Channel.SMS,), Channel.SMS, Channel.EMAIL),
        ((Channel.PHONE,), Channel.PHONE, Channel.SMS),
        ((Channel.LETTER,), Channel.LETTER, Channel.PHONE),
        ((Channel.VISIT,), Channel.VISIT, Channel.PHONE),
        ((Channel.VISIT, Channel.PHONE), Channel.VISIT, Channel.SMS),
        ((Channel.SMS, Channel.EMAIL, Channel.LETTER), Channel.SMS, Channel.PHONE),
        ((Channel.SMS, Channel.EMAIL, Channel.LETTER, Channel.PHONE), Channel.SMS, None),
        ((Channel.PHONE,), None, Channel.SMS),
    ],
)
def test_care_channel_falls_back_through_the_allowed_channels(refused, preferred, expected):
    assert care_channel(refusing(*refused), preferred) == expected
