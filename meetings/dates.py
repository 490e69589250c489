"""Deadlines as secretaries write them: "13.03.19", "13.3.2019", "2019-03-13" or "uke 51"."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_WEEK = re.compile(r"^(?:uke|veke|week|w)\s*(\d{1,2})(?:\s*[/-]\s*(\d{2}|\d{4}))?$", re.IGNORECASE)
_NORWEGIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _full_year(year: str) -> int:
    value = int(year)
    return 2000 + value if len(year) == 2 else value


def parse_deadline(text: str, *, today: datetime.date) -> datetime.date:
    """The date a deadline means. A week means its Friday, in the coming such week."""
    value = text.strip()
    if match := _WEEK.match(value):
        week = int(match.group(1))
        year = _full_year(match.group(2)) if match.group(2) else today.isocalendar().year
        try:
            friday = datetime.date.fromisocalendar(year, week, 5)
        except ValueError:
            raise ValidationError(_("Week %(week)s does not exist.") % {"week": week}) from None
        if not match.group(2) and friday < today - datetime.timedelta(days=180):
            # "uke 2" written in December means January next year.
            friday = datetime.date.fromisocalendar(year + 1, week, 5)
        return friday
    if match := _NORWEGIAN_DATE.match(value):
        day, month, year = int(match.group(1)), int(match.group(2)), _full_year(match.group(3))
    elif match := _ISO_DATE.match(value):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValidationError(_("Write the deadline as a date (13.03.19) or a week (uke 51)."))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValidationError(_("%(text)s is not a date.") % {"text": value}) from None
