"""Working days in Vietnam: weekends, public holidays, and the coordinator's adjustments.

Public holidays come from the `holidays` library (country VN): New Year, the lunar Tết days,
Hùng Kings' day, 30/4, 1/5, the two National Day days, Vietnam Cultural Day (24/11, from
2026), the days that replace holidays falling on a weekend, and the swaps the Government
announced (a weekday off, a Saturday worked instead). The library's worked Saturdays count
as working days here.

What the library does not know — a bridge day announced late, a swap for this province —
the coordinator enters as a `WorkdayAdjustment`; an adjustment overrides everything else.

`WorkingCalendar` is pure: it takes the adjustments as a mapping. `calendar_from_db()` is
the one function here that reads the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

import holidays

from ttdn.core.choices import WorkdayKind

ONE_DAY = datetime.timedelta(days=1)


@lru_cache(maxsize=16)
def _default_language(country: str) -> str | None:
    """The language the library writes `country`'s holiday names in (VN: Vietnamese).

    Passed explicitly, because with no language the library guesses from the server's
    locale settings, and the names would change with the machine.
    """
    return holidays.country_holidays(country).default_language


@lru_cache(maxsize=256)
def _year_table(
    country: str, subdiv: str | None, language: str | None, year: int
) -> tuple[Mapping[datetime.date, str], frozenset[datetime.date], frozenset[int]]:
    """The library's holidays of one year, its worked weekend days, and its weekend."""
    table = holidays.country_holidays(country, subdiv=subdiv, years=year, language=language)
    named = MappingProxyType({day: name for day, name in table.items() if day.year == year})
    worked = frozenset(day for day in getattr(table, "weekend_workdays", ()) if day.year == year)
    return named, worked, frozenset(table.weekend)


class WorkingCalendar:
    """Which days are working days, and counting in working days.

    `adjustments` maps a date to "day_off" or "working_day" (`WorkdayKind`); `reasons`
    optionally names those dates for `holidays_between`. `language` picks the language of
    holiday names ("en_US", "vi"); by default the country's own (Vietnamese for VN).
    """

    def __init__(
        self,
        adjustments: Mapping[datetime.date, str] = MappingProxyType({}),
        country: str = "VN",
        subdiv: str | None = None,
        *,
        reasons: Mapping[datetime.date, str] = MappingProxyType({}),
        language: str | None = None,
    ) -> None:
        unknown = {kind for kind in adjustments.values() if kind not in WorkdayKind.values}
        if unknown:
            raise ValueError(f"Unknown adjustment kinds: {sorted(unknown)}")
        self.adjustments = MappingProxyType(dict(adjustments))
        self.reasons = MappingProxyType(dict(reasons))
        self.country, self.subdiv = country, subdiv
        self.language = language or _default_language(country)

    def _year(self, year: int):
        return _year_table(self.country, self.subdiv, self.language, year)

    def is_working_day(self, day: datetime.date) -> bool:
        kind = self.adjustments.get(day)
        if kind is not None:
            return kind == WorkdayKind.WORKING_DAY
        named, worked, weekend = self._year(day.year)
        if day in worked:
            return True
        return day not in named and day.weekday() not in weekend

    def add_working_days(self, day: datetime.date, n: int) -> datetime.date:
        """The n-th working day after `day` (before it when n < 0).

        n = 0 gives `day` itself when it is a working day, else the next working day —
        the rule for a deadline that falls on a day off.
        """
        if n == 0:
            return day if self.is_working_day(day) else self.next_working_day(day)
        step = ONE_DAY if n > 0 else -ONE_DAY
        remaining = abs(n)
        while remaining:
            day += step
            remaining -= self.is_working_day(day)
        return day

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """The first working day strictly after `day`."""
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: datetime.date) -> datetime.date:
        """The last working day strictly before `day`."""
        return self.add_working_days(day, -1)

    def working_days_between(self, a: datetime.date, b: datetime.date) -> int:
        """Working days in (a, b]: after `a`, up to and including `b`.

        From a Friday to the next Monday is 1; from a day to itself is 0. When b is before a
        the count is negative, `-working_days_between(b, a)`, so swapping the arguments
        only changes the sign.
        """
        if b < a:
            return -self.working_days_between(b, a)
        return sum(self.is_working_day(a + ONE_DAY * i) for i in range(1, (b - a).days + 1))

    def holidays_between(self, a: datetime.date, b: datetime.date) -> dict[datetime.date, str]:
        """Named days off from a to b, both included (in either order), by date.

        Public holidays (weekend ones too) that an adjustment has not made working days,
        and the coordinator's extra days off, named by their reason.
        """
        a, b = min(a, b), max(a, b)
        found: dict[datetime.date, str] = {}
        for year in range(a.year, b.year + 1):
            for day, name in self._year(year)[0].items():
                if a <= day <= b and self.adjustments.get(day) != WorkdayKind.WORKING_DAY:
                    found[day] = name
        for day, kind in self.adjustments.items():
            if a <= day <= b and kind == WorkdayKind.DAY_OFF:
                found[day] = self.reasons.get(day) or str(WorkdayKind.DAY_OFF.label)
        return dict(sorted(found.items()))


def calendar_from_db() -> WorkingCalendar:
    """The calendar with every adjustment the coordinator entered (one query)."""
    from ttdn.core.models import WorkdayAdjustment

    rows = list(WorkdayAdjustment.objects.values_list("date", "kind", "reason"))
    return WorkingCalendar(
        {day: kind for day, kind, _reason in rows},
        reasons={day: reason for day, _kind, reason in rows},
    )
