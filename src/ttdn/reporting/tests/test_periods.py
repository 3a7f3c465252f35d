"""Reporting periods (Decree 09/2019/NĐ-CP): cut-offs, due dates per level, and their checks."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.core.calendar import WorkingCalendar
from ttdn.core.errors import ApplicationError
from ttdn.reporting.periods import (
    DEFAULT_RULES,
    PERIOD_KINDS,
    PeriodRule,
    period_specs,
    validate_period,
)

D = datetime.date
CAL = WorkingCalendar()
COUNTS = {"month": 12, "quarter": 4, "half_year": 1, "nine_months": 1, "year": 1}
TET = {
    2024: (D(2024, 2, 8), D(2024, 2, 14)),
    2025: (D(2025, 1, 27), D(2025, 2, 1)),
    2026: (D(2026, 2, 16), D(2026, 2, 20)),
}


def _dues(spec):
    return spec.due_agency, spec.due_department, spec.due_province


def _assert_invariants(spec, cal):
    assert spec.cutoff_start < spec.cutoff_end < spec.due_agency
    assert spec.due_agency <= spec.due_department <= spec.due_province
    assert cal.working_days_between(spec.cutoff_end, spec.due_agency) >= 1
    assert all(cal.is_working_day(day) for day in _dues(spec))


# The periods of a year --------------------------------------------------------------------


@pytest.mark.parametrize("year", [2024, 2025])
@pytest.mark.parametrize("kind", PERIOD_KINDS)
def test_every_kind_has_its_periods_with_the_15th_to_14th_cut_off(kind, year):
    specs = period_specs(kind, year, CAL)
    assert len(specs) == COUNTS[kind]
    assert [spec.number for spec in specs] == list(range(1, COUNTS[kind] + 1))
    for spec in specs:
        assert (spec.kind, spec.year) == (kind, year)
        before = spec.start - datetime.timedelta(days=1)
        assert spec.cutoff_start == D(before.year, before.month, 15)
        assert spec.cutoff_end == D(year, spec.end.month, 14)
        assert spec.start.day == 1 and (spec.end + datetime.timedelta(days=1)).day == 1
        _assert_invariants(spec, CAL)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_due_dates_are_working_days_and_never_in_tet(year):
    first, last = TET[year]
    for kind in PERIOD_KINDS:
        for spec in period_specs(kind, year, CAL):
            for day in _dues(spec):
                assert CAL.is_working_day(day)
                assert not first <= day <= last, (spec.label_en, day)


def test_yearly_2024():
    (spec,) = period_specs("year", 2024, CAL)
    assert (spec.label_vi, spec.label_en) == ("Năm 2024", "Year 2024")
    assert (spec.start, spec.end) == (D(2024, 1, 1), D(2024, 12, 31))
    assert (spec.cutoff_start, spec.cutoff_end) == (D(2023, 12, 15), D(2024, 12, 14))
    # 14/12/2024 is a Saturday: Mon 16 (1), Tue 17 (2); then Wed 18, Thu 19; 25/12 a Wednesday.
    assert _dues(spec) == (D(2024, 12, 17), D(2024, 12, 19), D(2024, 12, 25))


@pytest.mark.parametrize(
    ("kind", "year", "index", "cutoff", "dues"),
    [
        (
            "month", 2025, 2,
            (D(2025, 2, 15), D(2025, 3, 14)),
            (D(2025, 3, 18), D(2025, 3, 20), D(2025, 3, 25)),
        ),
        (  # the cut-off ends inside Tết 2024: the two working days are 15 and 16/02
            "month", 2024, 1,
            (D(2024, 1, 15), D(2024, 2, 14)),
            (D(2024, 2, 16), D(2024, 2, 20), D(2024, 2, 26)),
        ),
        (  # Tết 2026 leaves 23–25/02: the department's date is pulled in to the 25th
            "month", 2026, 1,
            (D(2026, 1, 15), D(2026, 2, 14)),
            (D(2026, 2, 24), D(2026, 2, 25), D(2026, 2, 25)),
        ),
        (  # 25/01/2025 is a Saturday before Tết: the province's date moves to 03/02
            "month", 2025, 0,
            (D(2024, 12, 15), D(2025, 1, 14)),
            (D(2025, 1, 16), D(2025, 1, 20), D(2025, 2, 3)),
        ),
        (
            "quarter", 2024, 0,
            (D(2023, 12, 15), D(2024, 3, 14)),
            (D(2024, 3, 18), D(2024, 3, 20), D(2024, 3, 25)),
        ),
        (
            "half_year", 2025, 0,
            (D(2024, 12, 15), D(2025, 6, 14)),
            (D(2025, 6, 17), D(2025, 6, 19), D(2025, 6, 25)),
        ),
        (  # 2/9 and 3/9/2024 are holidays, but before the cut-off ends
            "nine_months", 2024, 0,
            (D(2023, 12, 15), D(2024, 9, 14)),
            (D(2024, 9, 17), D(2024, 9, 19), D(2024, 9, 25)),
        ),
        (
            "year", 2025, 0,
            (D(2024, 12, 15), D(2025, 12, 14)),
            (D(2025, 12, 16), D(2025, 12, 18), D(2025, 12, 25)),
        ),
    ],
)  # fmt: skip
def test_exact_dates(kind, year, index, cutoff, dues):
    spec = period_specs(kind, year, CAL)[index]
    assert (spec.cutoff_start, spec.cutoff_end) == cutoff
    assert _dues(spec) == dues


@pytest.mark.parametrize(
    ("kind", "index", "vi", "en"),
    [
        ("month", 2, "Tháng 3 năm 2025", "March 2025"),
        ("quarter", 0, "Quý I năm 2025", "Q1 2025"),
        ("quarter", 3, "Quý IV năm 2025", "Q4 2025"),
        ("half_year", 0, "6 tháng đầu năm 2025", "First half of 2025"),
        ("nine_months", 0, "9 tháng năm 2025", "First nine months of 2025"),
        ("year", 0, "Năm 2025", "Year 2025"),
    ],
)
def test_labels(kind, index, vi, en):
    spec = period_specs(kind, 2025, CAL)[index]
    assert (spec.label_vi, spec.label_en) == (vi, en)


def test_the_coordinators_adjustments_move_the_due_dates():
    # A day off on Mon 17/03/2025 pushes the agencies' date from Tue 18 to Wed 19.
    cal = WorkingCalendar({D(2025, 3, 17): "day_off"})
    spec = period_specs("month", 2025, cal)[2]
    assert _dues(spec) == (D(2025, 3, 19), D(2025, 3, 21), D(2025, 3, 25))


# Rules are data ---------------------------------------------------------------------------


def _rules(**changes) -> dict[str, PeriodRule]:
    return {kind: PeriodRule(**(rule | changes)) for kind, rule in DEFAULT_RULES.items()}


def test_generous_rules_are_pulled_in_to_the_governments_deadline():
    spec = period_specs("month", 2026, CAL, _rules(agency_after_cutoff=5))[1]
    assert _dues(spec) == (D(2026, 2, 25), D(2026, 2, 25), D(2026, 2, 25))
    _assert_invariants(spec, CAL)


def test_rules_without_a_working_day_after_the_cut_off_are_refused(english):
    with pytest.raises(ApplicationError, match="must end before the due date"):
        period_specs("month", 2025, CAL, _rules(agency_after_cutoff=0))


def test_rules_with_a_day_some_months_lack_are_refused(english):
    with pytest.raises(ApplicationError, match="outside 1 to 28"):
        period_specs("month", 2025, CAL, _rules(province_day=31))


def test_an_unknown_kind_is_refused(english):
    with pytest.raises(ApplicationError, match="“weekly” is not a periodic report kind"):
        period_specs("weekly", 2025, CAL)


# validate_period --------------------------------------------------------------------------


def test_valid_dates_pass():
    args = D(2025, 2, 15), D(2025, 3, 14), D(2025, 3, 17), D(2025, 3, 17), D(2025, 3, 25)
    assert validate_period(*args, CAL) is None


@pytest.mark.parametrize(
    ("dates", "sentence"),
    [
        (
            (D(2025, 3, 14), D(2025, 2, 15), D(2025, 3, 18), D(2025, 3, 20), D(2025, 3, 25)),
            "The data cut-off ends (15/02/2025) before it starts (14/03/2025); "
            "make it end on or after its first day.",
        ),
        (
            (D(2025, 2, 15), D(2025, 3, 14), D(2025, 3, 14), D(2025, 3, 20), D(2025, 3, 25)),
            "The data cut-off (15/02/2025 – 14/03/2025) must end before the due date "
            "(14/03/2025). Move the due date later or end the cut-off earlier.",
        ),
        (
            (D(2025, 2, 15), D(2025, 3, 14), D(2025, 3, 10), D(2025, 3, 20), D(2025, 3, 25)),
            "The data cut-off (15/02/2025 – 14/03/2025) must end before the due date "
            "(10/03/2025).",
        ),
        (  # Friday cut-off, Sunday due date: no working day in between
            (D(2025, 2, 15), D(2025, 3, 14), D(2025, 3, 16), D(2025, 3, 20), D(2025, 3, 25)),
            "There must be at least one working day between the end of the data cut-off "
            "(14/03/2025) and the agencies' due date (16/03/2025); set the due date to "
            "17/03/2025 or later.",
        ),
        (  # the days after the cut-off are all Tết
            (D(2024, 1, 15), D(2024, 2, 7), D(2024, 2, 12), D(2024, 2, 20), D(2024, 2, 26)),
            "There must be at least one working day between the end of the data cut-off "
            "(07/02/2024) and the agencies' due date (12/02/2024); set the due date to "
            "15/02/2024 or later.",
        ),
        (
            (D(2025, 2, 15), D(2025, 3, 14), D(2025, 3, 18), D(2025, 3, 17), D(2025, 3, 25)),
            "The coordinating department's due date (17/03/2025) is before the agencies' "
            "due date (18/03/2025); it must be the same day or later.",
        ),
        (
            (D(2025, 2, 15), D(2025, 3, 14), D(2025, 3, 18), D(2025, 3, 20), D(2025, 3, 19)),
            "The province's due date (19/03/2025) is before the coordinating department's "
            "due date (20/03/2025); it must be the same day or later.",
        ),
    ],
    ids=["cutoff-reversed", "cutoff-on-due", "cutoff-after-due", "no-gap", "no-gap-tet",
         "department-before-agency", "province-before-department"],
)  # fmt: skip
def test_validate_period_says_what_is_wrong(english, dates, sentence):
    with pytest.raises(ApplicationError) as raised:
        validate_period(*dates, CAL)
    assert sentence in raised.value.message


# Invariants -------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    year=st.integers(min_value=2020, max_value=2035),
    kind=st.sampled_from(PERIOD_KINDS),
    days_off=st.lists(st.integers(min_value=0, max_value=364), max_size=25),
)
def test_invariants_hold_for_every_year_kind_and_extra_days_off(year, kind, days_off):
    first = D(year, 1, 1)
    cal = WorkingCalendar({first + datetime.timedelta(days=n): "day_off" for n in days_off})
    specs = period_specs(kind, year, cal)
    assert len(specs) == COUNTS[kind]
    for spec in specs:
        _assert_invariants(spec, cal)
        assert spec.due_province >= D(year, spec.end.month, 25)
