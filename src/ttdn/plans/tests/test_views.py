import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ttdn.accounts.choices import Role

pytestmark = pytest.mark.django_db
PLAN = "978-kh-ubnd"


def test_plan_page_lists_28_tasks_with_todays_agencies(client, officer):
    client.force_login(officer)
    body = client.get(reverse("plans:detail", args=[PLAN])).content.decode()
    assert body.count('data-testid="task-row"') == 28
    assert "Sở Văn hóa, Thể thao và Du lịch" in body  # Sở TT&TT's successor


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "bao chi"}, {"1.1", "2.2", "4.3", "4.5"}),
        ({"group": "1"}, {"1.1", "1.2"}),
        ({"timeframe": "none"}, {"2.4"}),
        ({"agency": "bao-dai-ptth", "group": "3"}, {"3.1"}),
        ({"agency": "tap-chi-song-lam"}, {"2.2", "2.3", "3.1"}),
    ],
)
def test_filters(client, officer, params, expected):
    client.force_login(officer)
    response = client.get(reverse("plans:detail", args=[PLAN]), params, HTTP_HX_REQUEST="true")
    numbers = {
        row.split('class="task-no">')[1].split("<")[0]
        for row in response.content.decode().split('data-testid="task-row"')[1:]
    }
    assert numbers == expected


def test_year_filter_keeps_tasks_due_that_year(client, officer):
    client.force_login(officer)
    response = client.get(reverse("plans:detail", args=[PLAN]), {"year": 2027})
    body = response.content.decode()
    assert ">1.1<" not in body  # 2024 only
    assert ">3.4<" in body  # 2024–2030
    assert ">4.3<" in body  # every year


def test_my_agency_lists_tasks_of_its_predecessor(client, make_user):
    client.force_login(make_user(Role.OFFICER, "so-vhttdl"))
    body = client.get(reverse("plans:my_agency")).content.decode()
    # Sở TT&TT's tasks (e.g. 2.4, the database) are now Sở VH-TT-DL's, and so are Sở Du lịch's.
    for number in ("2.4", "4.5", "5.6", "3.8"):
        assert f'class="task-no">{number}<' in body


def test_task_page_shows_printed_and_current_agency(client, officer):
    client.force_login(officer)
    body = client.get(reverse("plans:task", args=[PLAN, "3.1"])).content.decode()
    assert "Báo Nghệ An" in body and "Báo và Đài Phát thanh - Truyền hình Nghệ An" in body
    assert "01/07/2025" in body


def test_coordinator_records_expected_outputs(client, coordinator):
    client.force_login(coordinator)
    url = reverse("plans:task_edit", args=[PLAN, "2.4"])
    response = client.post(url, {"expected_outputs": "Cơ sở dữ liệu TTĐN vận hành"})
    assert response.status_code == 302
    page = client.get(reverse("plans:task", args=[PLAN, "2.4"])).content.decode()
    assert "Cơ sở dữ liệu TTĐN vận hành" in page


def test_too_long_expected_outputs_are_refused_and_nothing_changes(client, coordinator):
    from ttdn.plans.models import Task

    client.force_login(coordinator)
    url = reverse("plans:task_edit", args=[PLAN, "2.4"])
    response = client.post(url, {"expected_outputs": "x" * 6000})
    assert response.status_code == 200
    assert "5000" in response.content.decode() or "5.000" in response.content.decode()
    assert Task.objects.get(number="2.4").expected_outputs == ""


def test_exports(client, officer):
    client.force_login(officer)
    data = json.loads(client.get(reverse("plans:export", args=[PLAN, "json"])).content)
    assert data["number"] == "978/KH-UBND" and len(data["tasks"]) == 28
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("plans:export", args=[PLAN, "xlsx"])).content)
    )
    sheet = workbook.active
    assert sheet.max_row == 28 + 3
    bad = client.get(reverse("plans:export", args=[PLAN, "pdf"]))
    assert bad.status_code == 400 and "không phải định dạng xuất" in bad.content.decode()


def test_unknown_plan_and_task_are_404(client, officer):
    client.force_login(officer)
    assert client.get(reverse("plans:detail", args=["no-such-plan"])).status_code == 404
    assert client.get(reverse("plans:task", args=[PLAN, "9.9"])).status_code == 404
