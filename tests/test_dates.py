"""Calendar arithmetic shared by the rules: months after a date, age on a day."""

import datetime as dt

import pytest

from accountcore import AgreementStatus, age_on, dates, months_after
from accountcore._model import Agreement

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 11, 23), 24, D(2026, 11, 23)),
        (D(2026, 1, 31), 1, D(2026, 3, 1)),  # no 31 February: the first of the month after
        (D(2024, 2, 29), 12, D(2025, 3, 1)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 11, 30), 3, D(2027, 3, 1)),
        (D(2027, 3, 31), -1, D(2027, 3, 1)),
        (D(2026, 5, 6), 0, D(2026, 5, 6)),
    ],
)
def test_months_after(day, months, expected):
    assert months_after(day, months) == expected


@pytest.mark.parametrize(
    ("birthday", "day", "age"),
    [
        (D(1961, 11, 23), D(2026, 11, 23), 65),  # on the day
        (D(1961, 11, 24), D(2026, 11, 23), 64),
        (D(1960, 2, 29), D(2025, 2, 28), 64),
        (D(1960, 2, 29), D(2025, 3, 1), 65),
        (D(1960, 2, 29), D(2024, 2, 29), 64),
    ],
)
def test_age_on(birthday, day, age):
    assert age_on(birthday, day) == age


def test_an_agreement_status_on_a_day():
    signed = Agreement(
        "a-1",
        "c-1",
        "wealth.fixed-income",
        "m1",
        AgreementStatus.SIGNED,
        start=D(2026, 12, 1),
        end=D(2027, 11, 30),
    )
    assert signed.status_on(D(2026, 11, 30)) is AgreementStatus.SIGNED
    assert signed.status_on(D(2026, 12, 1)) is AgreementStatus.ACTIVE
    assert signed.status_on(D(2027, 11, 30)) is AgreementStatus.ACTIVE
    assert signed.status_on(D(2027, 12, 1)) is AgreementStatus.EXPIRED
    open_ended = Agreement(
        "a-2", "c-1", "wealth.cash", "m1", AgreementStatus.ACTIVE, start=D(2026, 1, 1)
    )
    assert open_ended.status_on(D(2099, 1, 1)) is AgreementStatus.ACTIVE
    ended = Agreement("a-3", "c-1", "wealth.cash", "m1", AgreementStatus.TERMINATED)
    assert ended.status_on(D(2020, 1, 1)) is AgreementStatus.TERMINATED


@pytest.mark.parametrize(
    ("day", "first", "last"),
    [
        ("2026-12-15", "2026-12-01", "2026-12-31"),
        ("2028-02-29", "2028-02-01", "2028-02-29"),
        ("2027-02-01", "2027-02-01", "2027-02-28"),
        ("2026-04-30", "2026-04-01", "2026-04-30"),
    ],
)
def test_month_bounds(day, first, last):
    bounds = dates.month_bounds(dt.date.fromisoformat(day))
    assert bounds == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        ("2026-11-23", 12, "2027-11-22"),
        ("2026-01-31", 1, "2026-02-28"),
        ("2024-02-29", 12, "2025-02-28"),
    ],
)
def test_term_end_is_the_day_before_the_same_date_then(start, months, end):
    assert dates.term_end(dt.date.fromisoformat(start), months) == dt.date.fromisoformat(end)
