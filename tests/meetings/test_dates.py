import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings.dates import parse_deadline

TODAY = datetime.date(2018, 11, 29)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13.03.19", datetime.date(2019, 3, 13)),
        ("13.3.2019", datetime.date(2019, 3, 13)),
        ("2019-03-13", datetime.date(2019, 3, 13)),
        ("uke 51", datetime.date(2018, 12, 21)),
        ("Uke 2", datetime.date(2019, 1, 11)),
        ("uke 32/22", datetime.date(2022, 8, 12)),
    ],
)
def test_deadlines_as_written(text, expected):
    assert parse_deadline(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["31.02.19", "uke 54", "neste møte", "13/03/19"])
def test_bad_deadlines_are_explained(text):
    with pytest.raises(ValidationError):
        parse_deadline(text, today=TODAY)
