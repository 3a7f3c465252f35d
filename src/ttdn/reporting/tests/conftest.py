import datetime

import pytest

from ttdn.plans.models import Plan
from ttdn.reporting.services.obligations import obligations_generate
from ttdn.reporting.services.periods import periods_generate


@pytest.fixture
def plan(db):
    return Plan.objects.get(number="978/KH-UBND")


@pytest.fixture
def year_2024(plan, coordinator):
    (period,) = periods_generate(actor=coordinator, plan=plan, years=[2024], kinds=["year"])
    obligations_generate(period=period)
    return period


@pytest.fixture
def at(monkeypatch):
    """Pretend today is another date (timezone.localdate and now) — for deadlines."""
    from django.utils import timezone

    def move(day: datetime.date, hour: int = 9):
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
        monkeypatch.setattr(timezone, "now", lambda: moment)
        monkeypatch.setattr(
            timezone,
            "localdate",
            lambda value=None, timezone=None: (
                day if value is None else value.astimezone(moment.tzinfo).date()
            ),
        )
        return moment

    return move
