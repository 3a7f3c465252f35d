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


@pytest.fixture
def make_item(coordinator):
    """An item of the foreign-information database, made through the catalog's services
    and moved along its workflow to `status`."""
    from ttdn.agencies.models import Agency
    from ttdn.catalog.services import items
    from ttdn.plans.models import Task

    steps = {
        "in_review": [items.item_submit],
        "approved": [items.item_submit, items.item_approve],
        "published": [items.item_submit, items.item_approve, items.item_publish],
        "archived": [items.item_archive],
    }

    def make(
        title: str,
        *,
        agency: str = "so-ngoai-vu",
        status: str = "published",
        tasks: tuple[str, ...] = (),
        day: datetime.date = datetime.date(2024, 5, 1),
        **data,
    ):
        data = {"language": "vi", "kind": "article", **data}
        data |= {"title": title, "published_on": day}
        data["tasks"] = list(Task.objects.filter(plan__number="978/KH-UBND", number__in=tasks))
        item = items.item_create(
            actor=coordinator, agency=Agency.objects.get(code=agency), data=data
        )
        for step in steps.get(status, []):
            item = step(actor=coordinator, item=item)
        return item

    return make
