"""Calendar arithmetic shared by the rules: months after a date, age on a day."""

import datetime as dt

import pytest

from accountcore import AgreementStatus, age_on, months_after
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
