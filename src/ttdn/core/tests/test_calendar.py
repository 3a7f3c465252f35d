"""The working-day calendar: Vietnamese holidays, adjustments, counting; and its services.

Expected holidays are those the `holidays` library gives (checked against the Government's
announcements for civil servants where we know them): Tết 2024 is 08–14/02, Tết 2025
27/01–01/02, Tết 2026 16–20/02.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.core.calendar import WorkingCalendar, calendar_from_db
from ttdn.core.choices import WorkdayKind
from ttdn.core.errors import ApplicationError
from ttdn.core.models import WorkdayAdjustment
from ttdn.core.services import workday_adjustment_delete, workday_adjustment_set

D = datetime.date
CAL = WorkingCalendar()


def _days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]


# Holidays -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "first", "last", "after", "new_year"),
    [
        (D(2024, 2, 7), D(2024, 2, 8), D(2024, 2, 14), D(2024, 2, 15), D(2024, 2, 10)),
        (D(2025, 1, 24), D(2025, 1, 27), D(2025, 2, 1), D(2025, 2, 3), D(2025, 1, 29)),
        (D(2026, 2, 13), D(2026, 2, 16), D(2026, 2, 20), D(2026, 2, 23), D(2026, 2, 17)),
    ],
    ids=["2024", "2025", "2026"],
)
def test_tet_break_is_off_and_the_days_around_it_are_working(before, first, last, after, new_year):
    assert CAL.is_working_day(before) and CAL.is_working_day(after)
    assert not any(CAL.is_working_day(day) for day in _days(first, last))
    tet = CAL.holidays_between(before, after)
    assert set(tet) == set(_days(first, last))
    assert tet[new_year] == "Tết Nguyên Đán"


def test_tet_2024_falls_on_a_weekend_so_the_library_adds_days_either_side():
    # Lunar New Year 10/02/2024 is a Saturday: 29 Tết (Thu 08/02) and the fifth day
    # (Wed 14/02) replace the weekend days.
    tet = CAL.holidays_between(D(2024, 2, 8), D(2024, 2, 14))
    assert tet[D(2024, 2, 8)] == "29 Tết"
    assert tet[D(2024, 2, 14)] == "Mùng năm Tết Nguyên Đán"
    assert len(tet) == 7


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_reunification_and_labour_day_are_off(year):
    assert not CAL.is_working_day(D(year, 4, 30))
    assert not CAL.is_working_day(D(year, 5, 1))


def test_the_library_swaps_count_both_ways():
    # 2024: Mon 29/04 off, Sat 04/05 worked; 2025: Fri 02/05 off, Sat 26/04 worked.
    assert not CAL.is_working_day(D(2024, 4, 29)) and CAL.is_working_day(D(2024, 5, 4))
    assert not CAL.is_working_day(D(2025, 5, 2)) and CAL.is_working_day(D(2025, 4, 26))
    assert CAL.working_days_between(D(2024, 5, 3), D(2024, 5, 6)) == 2


@pytest.mark.parametrize(
    ("year", "second_day"),
    [(2024, D(2024, 9, 3)), (2025, D(2025, 9, 1)), (2026, D(2026, 9, 1))],
)
def test_national_day_is_two_days(year, second_day):
    assert not CAL.is_working_day(D(year, 9, 2))
    assert not CAL.is_working_day(second_day)
    assert CAL.holidays_between(second_day, second_day)[second_day] == "Quốc khánh"


def test_hung_kings_day_and_vietnam_cultural_day():
    assert not CAL.is_working_day(D(2024, 4, 18))
    assert not CAL.is_working_day(D(2025, 4, 7))
    assert not CAL.is_working_day(D(2026, 4, 27))  # 26/04/2026 is a Sunday
    assert not CAL.is_working_day(D(2026, 11, 24))  # a holiday from 2026
    assert CAL.is_working_day(D(2025, 11, 24))


def test_weekends_are_off():
    assert not CAL.is_working_day(D(2025, 3, 8)) and not CAL.is_working_day(D(2025, 3, 9))
    assert CAL.is_working_day(D(2025, 3, 10))


def test_holiday_names_in_english_when_asked():
    names = WorkingCalendar(language="en_US").holidays_between(D(2026, 2, 17), D(2026, 2, 17))
    assert names == {D(2026, 2, 17): "Lunar New Year"}


# Adjustments ------------------------------------------------------------------------------


def test_a_make_up_saturday_counts():
    saturday = D(2025, 1, 11)
    cal = WorkingCalendar({saturday: WorkdayKind.WORKING_DAY})
    assert cal.is_working_day(saturday)
    assert CAL.working_days_between(D(2025, 1, 10), D(2025, 1, 13)) == 1
    assert cal.working_days_between(D(2025, 1, 10), D(2025, 1, 13)) == 2
    assert cal.next_working_day(D(2025, 1, 10)) == saturday


def test_a_swapped_day_off_does_not_count_and_is_named_by_its_reason():
    friday = D(2025, 1, 3)
    cal = WorkingCalendar({friday: "day_off"}, reasons={friday: "Nghỉ bù (thử)"})
    assert not cal.is_working_day(friday)
    assert cal.add_working_days(D(2025, 1, 2), 1) == D(2025, 1, 6)
    assert cal.holidays_between(D(2025, 1, 1), D(2025, 1, 5)) == {
        D(2025, 1, 1): "Tết Dương lịch",
        friday: "Nghỉ bù (thử)",
    }


def test_an_adjustment_overrides_a_public_holiday():
    cal = WorkingCalendar({D(2024, 9, 3): WorkdayKind.WORKING_DAY})
    assert cal.is_working_day(D(2024, 9, 3))
    assert D(2024, 9, 3) not in cal.holidays_between(D(2024, 9, 1), D(2024, 9, 30))


def test_an_unknown_adjustment_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="holiday"):
        WorkingCalendar({D(2025, 1, 3): "holiday"})


# Counting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 08–14/02/2024 off: Thu 15 (1), Fri 16 (2), Mon 19 (3), Tue 20 (4), Wed 21 (5).
        (D(2024, 2, 7), 5, D(2024, 2, 21)),
        # 27/01–01/02/2025 off: Mon 03/02 (1) … Fri 07/02 (5).
        (D(2025, 1, 24), 5, D(2025, 2, 7)),
        # 16–20/02/2026 off: Mon 23/02 (1) … Fri 27/02 (5).
        (D(2026, 2, 13), 5, D(2026, 2, 27)),
        (D(2024, 2, 15), -1, D(2024, 2, 7)),
        (D(2024, 2, 21), -5, D(2024, 2, 7)),
        (D(2024, 2, 7), 0, D(2024, 2, 7)),
        (D(2024, 2, 10), 0, D(2024, 2, 15)),
    ],
)
def test_add_working_days_across_tet(start, n, expected):
    assert CAL.add_working_days(start, n) == expected


def test_next_and_previous_are_strict():
    assert CAL.next_working_day(D(2025, 3, 10)) == D(2025, 3, 11)
    assert CAL.previous_working_day(D(2025, 3, 10)) == D(2025, 3, 7)
    assert CAL.next_working_day(D(2024, 2, 7)) == D(2024, 2, 15)
    assert CAL.previous_working_day(D(2024, 2, 15)) == D(2024, 2, 7)


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        (D(2025, 3, 7), D(2025, 3, 10), 1),  # Friday → Monday
        (D(2025, 3, 10), D(2025, 3, 14), 4),  # Monday → Friday
        (D(2025, 3, 10), D(2025, 3, 10), 0),
        (D(2024, 2, 7), D(2024, 2, 21), 5),  # across Tết
        (D(2024, 2, 10), D(2024, 2, 18), 2),  # both ends days off: 15 and 16
        (D(2024, 2, 8), D(2024, 2, 14), 0),  # inside Tết
    ],
)
def test_working_days_between_counts_after_a_up_to_b_in_both_directions(a, b, count):
    assert CAL.working_days_between(a, b) == count
    assert CAL.working_days_between(b, a) == -count


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31))


@settings(max_examples=200, deadline=None)
@given(day=dates, n=st.integers(min_value=1, max_value=60))
def test_adding_n_lands_on_a_working_day_n_working_days_away(day, n):
    later = CAL.add_working_days(day, n)
    assert later > day and CAL.is_working_day(later)
    assert CAL.working_days_between(day, later) == n
    earlier = CAL.add_working_days(day, -n)
    assert earlier < day and CAL.is_working_day(earlier)
    if CAL.is_working_day(day):
        assert CAL.add_working_days(later, -n) == day
        assert CAL.working_days_between(day, earlier) == -n


@settings(max_examples=100, deadline=None)
@given(a=dates, b=dates, c=dates)
def test_working_days_between_is_antisymmetric_and_additive(a, b, c):
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)
    assert CAL.working_days_between(a, b) + CAL.working_days_between(
        b, c
    ) == CAL.working_days_between(a, c)


# The database and the services ------------------------------------------------------------


@pytest.mark.django_db
def test_calendar_from_db_reads_every_adjustment_in_one_query(
    coordinator, django_assert_num_queries
):
    workday_adjustment_set(actor=coordinator, date=D(2025, 1, 3), kind="day_off", reason="Nghỉ bù")
    workday_adjustment_set(
        actor=coordinator, date=D(2025, 1, 11), kind="working_day", reason="Làm bù"
    )
    with django_assert_num_queries(1):
        cal = calendar_from_db()
    assert not cal.is_working_day(D(2025, 1, 3)) and cal.is_working_day(D(2025, 1, 11))
    assert cal.holidays_between(D(2025, 1, 3), D(2025, 1, 3)) == {D(2025, 1, 3): "Nghỉ bù"}


@pytest.mark.django_db
def test_setting_a_date_twice_updates_the_row(coordinator):
    first = workday_adjustment_set(
        actor=coordinator, date=D(2026, 2, 23), kind="day_off", reason="Nghỉ bù Tết"
    )
    second = workday_adjustment_set(
        actor=coordinator, date=D(2026, 2, 23), kind="working_day", reason="  Làm  bù "
    )
    assert second.pk == first.pk
    row = WorkdayAdjustment.objects.get()
    assert (row.kind, row.reason, row.created_by) == ("working_day", "Làm bù", coordinator)


@pytest.mark.django_db
def test_an_officer_cannot_change_the_calendar(officer, english):
    with pytest.raises(PermissionDenied, match="Only the coordinating department"):
        workday_adjustment_set(actor=officer, date=D(2025, 1, 3), kind="day_off", reason="x")
    assert not WorkdayAdjustment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("day", [D(1900, 1, 1), D(1999, 12, 31), D(2101, 1, 1), D(9999, 1, 1)])
def test_a_date_outside_2000_to_2100_is_refused(coordinator, english, day):
    with pytest.raises(ApplicationError, match="outside the calendar TTĐN keeps") as raised:
        workday_adjustment_set(actor=coordinator, date=day, kind="day_off", reason="x")
    assert f"{day:%d/%m/%Y}" in raised.value.message and "2000 to 2100" in raised.value.message
    assert not WorkdayAdjustment.objects.exists()


@pytest.mark.django_db
def test_a_bad_kind_or_an_empty_reason_is_refused_and_nothing_changes(coordinator, english):
    workday_adjustment_set(actor=coordinator, date=D(2025, 1, 3), kind="day_off", reason="Nghỉ")
    with pytest.raises(ApplicationError, match="a day off or a working day"):
        workday_adjustment_set(actor=coordinator, date=D(2025, 1, 3), kind="holiday", reason="x")
    with pytest.raises(ApplicationError, match=r"Say why 03/01/2025 changes"):
        workday_adjustment_set(
            actor=coordinator, date=D(2025, 1, 3), kind="working_day", reason=" "
        )
    row = WorkdayAdjustment.objects.get()
    assert (row.kind, row.reason) == ("day_off", "Nghỉ")


@pytest.mark.django_db
def test_deleting_an_adjustment(coordinator, officer, english):
    workday_adjustment_set(actor=coordinator, date=D(2025, 1, 3), kind="day_off", reason="Nghỉ")
    with pytest.raises(PermissionDenied):
        workday_adjustment_delete(actor=officer, date=D(2025, 1, 3))
    workday_adjustment_delete(actor=coordinator, date=D(2025, 1, 3))
    assert calendar_from_db().is_working_day(D(2025, 1, 3))
    with pytest.raises(ApplicationError, match="no change to the calendar on 03/01/2025"):
        workday_adjustment_delete(actor=coordinator, date=D(2025, 1, 3))
