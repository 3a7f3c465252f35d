"""Periodic reporting periods under Decree 09/2019/NĐ-CP: data cut-off and due dates.

Pure functions over a `WorkingCalendar`; no models. For a period whose months run from
`first` to `last`:

- data cut-off: from the 15th of the month before `first` to the 14th of `last`
  (Art. 12: monthly and yearly sourced; quarter, 6 and 9 months follow the same pattern,
  which is *unverified* and therefore data in `DEFAULT_RULES`);
- the province (UBND tỉnh) reports to the Government by the 25th of `last` (Art. 13);
- the agencies report to the coordinating department, and it to the UBND, on dates the
  province sets itself (Art. 13(2)) — *unverified*, so working-day offsets in the rules;
- at least one working day from the end of the cut-off to the due date (Art. 8(5)(b)).

A due date that falls on a day off moves to the next working day. When a long holiday
leaves too little room before the Government's deadline, the lower levels' dates are
pulled in to it (never past it), keeping the one-working-day gap.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypedDict

from django.utils.translation import gettext as _

from ttdn.core.calendar import WorkingCalendar
from ttdn.core.errors import ApplicationError

MIN_GAP_WORKING_DAYS = 1  # Decree 09/2019 Art. 8(5)(b)


class PeriodRule(TypedDict):
    cutoff_start_day: int  # day of the month before the period's first month
    cutoff_end_day: int  # day of the period's last month
    agency_after_cutoff: int  # working days after the cut-off ends: agency → department
    department_after_agency: int  # working days after the agency due date: department → UBND
    province_day: int  # day of the last month: UBND → Government


def _rule(agency: int, department: int) -> PeriodRule:
    return PeriodRule(
        cutoff_start_day=15,
        cutoff_end_day=14,
        agency_after_cutoff=agency,
        department_after_agency=department,
        province_day=25,
    )


DEFAULT_RULES: Mapping[str, PeriodRule] = MappingProxyType(
    {
        "month": _rule(agency=2, department=2),
        "quarter": _rule(agency=2, department=2),
        "half_year": _rule(agency=2, department=2),
        "nine_months": _rule(agency=2, department=2),
        "year": _rule(agency=2, department=2),
    }
)

# kind → [(number, first month, last month)]
_SHAPES: Mapping[str, list[tuple[int, int, int]]] = MappingProxyType(
    {
        "month": [(m, m, m) for m in range(1, 13)],
        "quarter": [(q, 3 * q - 2, 3 * q) for q in range(1, 5)],
        "half_year": [(1, 1, 6)],
        "nine_months": [(1, 1, 9)],
        "year": [(1, 1, 12)],
    }
)
PERIOD_KINDS = tuple(_SHAPES)

_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class PeriodSpec:
    kind: str
    year: int
    number: int
    label_vi: str
    label_en: str
    start: datetime.date
    end: datetime.date
    cutoff_start: datetime.date
    cutoff_end: datetime.date
    due_agency: datetime.date
    due_department: datetime.date
    due_province: datetime.date


def _labels(kind: str, year: int, number: int) -> tuple[str, str]:
    if kind == "month":
        return f"Tháng {number} năm {year}", f"{_MONTHS_EN[number - 1]} {year}"
    if kind == "quarter":
        return f"Quý {_ROMAN[number - 1]} năm {year}", f"Q{number} {year}"
    return {
        "half_year": (f"6 tháng đầu năm {year}", f"First half of {year}"),
        "nine_months": (f"9 tháng năm {year}", f"First nine months of {year}"),
        "year": (f"Năm {year}", f"Year {year}"),
    }[kind]


def _month_end(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def _spec(
    kind: str, year: int, shape: tuple[int, int, int], cal: WorkingCalendar, rule: PeriodRule
) -> PeriodSpec:
    number, first, last = shape
    before_year, before_month = (year - 1, 12) if first == 1 else (year, first - 1)
    cutoff_start = datetime.date(before_year, before_month, rule["cutoff_start_day"])
    cutoff_end = datetime.date(year, last, rule["cutoff_end_day"])
    due_province = cal.add_working_days(datetime.date(year, last, rule["province_day"]), 0)
    due_agency = cal.add_working_days(cutoff_end, rule["agency_after_cutoff"])
    due_department = cal.add_working_days(due_agency, rule["department_after_agency"])
    due_department = min(due_department, due_province)
    due_agency = min(due_agency, due_department)
    validate_period(cutoff_start, cutoff_end, due_agency, due_department, due_province, cal)
    label_vi, label_en = _labels(kind, year, number)
    return PeriodSpec(
        kind=kind,
        year=year,
        number=number,
        label_vi=label_vi,
        label_en=label_en,
        start=datetime.date(year, first, 1),
        end=_month_end(year, last),
        cutoff_start=cutoff_start,
        cutoff_end=cutoff_end,
        due_agency=due_agency,
        due_department=due_department,
        due_province=due_province,
    )


def period_specs(
    kind: str,
    year: int,
    calendar: WorkingCalendar,
    rules: Mapping[str, PeriodRule] = DEFAULT_RULES,
) -> list[PeriodSpec]:
    """Every period of `kind` in `year`: 12 months, 4 quarters, or one 6-month, 9-month or
    yearly period, with cut-off and due dates checked by `validate_period`."""
    if kind not in _SHAPES or kind not in rules:
        raise ApplicationError(
            _("“%(kind)s” is not a periodic report kind; use one of: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(PERIOD_KINDS)}
        )
    rule = rules[kind]
    days = (rule["cutoff_start_day"], rule["cutoff_end_day"], rule["province_day"])
    if not all(1 <= day <= 28 for day in days):
        raise ApplicationError(
            _(
                "The reporting rules for “%(kind)s” name a day of the month outside 1 to 28, "
                "which some months do not have; correct the rules."
            )
            % {"kind": kind}
        )
    return [_spec(kind, year, shape, calendar, rule) for shape in _SHAPES[kind]]


def _d(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def validate_period(
    cutoff_start: datetime.date,
    cutoff_end: datetime.date,
    due_agency: datetime.date,
    due_department: datetime.date,
    due_province: datetime.date,
    calendar: WorkingCalendar,
) -> None:
    """Raise `ApplicationError` with a sentence when the dates break Decree 09/2019."""
    if cutoff_end < cutoff_start:
        raise ApplicationError(
            _(
                "The data cut-off ends (%(end)s) before it starts (%(start)s); "
                "make it end on or after its first day."
            )
            % {"start": _d(cutoff_start), "end": _d(cutoff_end)}
        )
    if cutoff_end >= due_agency:
        raise ApplicationError(
            _(
                "The data cut-off (%(start)s – %(end)s) must end before the due date "
                "(%(due)s). Move the due date later or end the cut-off earlier."
            )
            % {"start": _d(cutoff_start), "end": _d(cutoff_end), "due": _d(due_agency)}
        )
    if calendar.working_days_between(cutoff_end, due_agency) < MIN_GAP_WORKING_DAYS:
        raise ApplicationError(
            _(
                "There must be at least one working day between the end of the data cut-off "
                "(%(end)s) and the agencies' due date (%(due)s); set the due date to "
                "%(earliest)s or later."
            )
            % {
                "end": _d(cutoff_end),
                "due": _d(due_agency),
                "earliest": _d(calendar.add_working_days(cutoff_end, MIN_GAP_WORKING_DAYS)),
            }
        )
    if due_department < due_agency:
        raise ApplicationError(
            _(
                "The coordinating department's due date (%(department)s) is before the "
                "agencies' due date (%(agency)s); it must be the same day or later."
            )
            % {"department": _d(due_department), "agency": _d(due_agency)}
        )
    if due_province < due_department:
        raise ApplicationError(
            _(
                "The province's due date (%(province)s) is before the coordinating "
                "department's due date (%(department)s); it must be the same day or later."
            )
            % {"province": _d(due_province), "department": _d(due_department)}
        )
