"""Calendar helpers for the rules engine: month arithmetic without any clock."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """Add calendar months, clamping to the month's last day (31/1 + 1 month = 28/2 or 29/2)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """Add whole years (29/2 moves to 28/2 in a non-leap year)."""
    return add_months(day, 12 * years)


def is_month_end(day: date) -> bool:
    """True on the last day of a month."""
    return (day + timedelta(days=1)).day == 1


def last_day_covered(start: date, months: int) -> date:
    """Last day of `months` months starting on `start`: the day before, moved on by the months (month ends kept).

    1/9 + 3 months ends 30/11; 31/8 + 3 months ends 30/11; 1/3/2024 + 12 months ends 28/2/2025.
    """
    before = start - timedelta(days=1)
    end = add_months(before, months)
    if is_month_end(before):
        end = add_months(date(end.year, end.month, 1), 1) - timedelta(days=1)
    return end


def whole_months_between(start: date, end: date) -> int:
    """Whole calendar months from start to end (end exclusive), never negative."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def full_years(born: date, on: date) -> int:
    """Age in full years on a day: 70 from the 70th birthday (a 29/2 birthday counts from 1/3 in other years)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
