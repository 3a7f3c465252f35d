"""List pages run a number of queries that does not grow with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ttdn.agencies.models import Agency
from ttdn.plans.models import Plan, Task, TaskAssignment

pytestmark = pytest.mark.django_db
PLAN = "978-kh-ubnd"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _add_tasks(count: int) -> None:
    plan = Plan.objects.get(slug=PLAN)
    group = plan.groups.first()
    agency = Agency.objects.get(code="so-tttt")
    for index in range(count):
        task = Task.objects.create(
            plan=plan,
            group=group,
            number=f"9.{index}",
            title=f"Nhiệm vụ thêm {index}",
            position=100 + index,
            start_year=2025,
            end_year=2026,
            recurrence="once",
        )
        TaskAssignment.objects.create(task=task, role="lead", printed=agency.name, agency=agency)


def _add_agencies(count: int) -> None:
    Agency.objects.bulk_create(
        Agency(code=f"extra-{index}", name=f"Cơ quan thêm {index}", kind="department")
        for index in range(count)
    )


@pytest.mark.parametrize(
    "url",
    [
        reverse("plans:detail", args=[PLAN]),
        reverse("plans:my_agency"),
        reverse("plans:detail", args=[PLAN]) + "?agency=so-vhttdl",
    ],
)
def test_plan_lists_do_not_grow_with_tasks(client, make_user, url):
    client.force_login(make_user("coordinator", "so-vhttdl"))
    before = _queries(client, url)
    _add_tasks(40)
    assert _queries(client, url) == before


def test_agency_directory_does_not_grow_with_agencies(client, officer):
    client.force_login(officer)
    url = reverse("agencies:list") + "?history=1"
    before = _queries(client, url)
    _add_agencies(60)
    assert _queries(client, url) == before
