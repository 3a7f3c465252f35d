"""Counts of the foreign-information database on the dashboard (its own tab, its XLSX) and
in the consolidated report (a generated part, kept when edited, and in the DOCX)."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from ttdn.catalog.validators import language_name
from ttdn.reporting.exports import consolidated_docx
from ttdn.reporting.models import ConsolidatedParagraph
from ttdn.reporting.selectors.dashboard import database_counts
from ttdn.reporting.services.consolidated import (
    consolidated_build,
    consolidated_paragraph_update,
)

pytestmark = pytest.mark.django_db
DATABASE = ConsolidatedParagraph.Part.DATABASE


@pytest.fixture
def items(make_item):
    """Six items dated 2024, and some that must not be counted."""
    made = [
        make_item("A", tasks=["3.5", "3.3"], kind="video"),
        make_item("B", tasks=["3.5"], language="en"),
        make_item("C", agency="so-du-lich", tasks=["1.2"], language="lo", status="approved"),
        make_item("D", agency="so-du-lich", language="en", kind="publication"),
        make_item("E", agency="so-du-lich", tasks=["3.3"]),
        make_item("F", tasks=["5.4"], day=datetime.date(2024, 12, 31)),
    ]
    make_item("Draft", tasks=["3.5"], status="draft")  # not evidence yet
    make_item("In review", tasks=["3.5"], status="in_review")
    make_item("2023", tasks=["3.5"], day=datetime.date(2023, 6, 1))  # another year
    make_item("2021", day=datetime.date(2021, 6, 1))
    return made


def test_counts_for_the_period_year(year_2024, items):
    counts = database_counts(year_2024)
    assert counts.year == 2024 and counts.total == 6
    tasks = {row.key.number: row.count for row in counts.tasks}
    assert tasks["3.5"] == 2 and tasks["3.3"] == 2 and tasks["1.2"] == 1 and tasks["5.4"] == 1
    assert tasks["1.1"] == 0 and len(tasks) == year_2024.plan.tasks.count()  # every task
    assert [row.key.number for row in counts.tasks] == sorted(tasks, key=_task_order)
    assert [group.number for group, _rows in counts.groups] == ["1", "2", "3", "4", "5"]
    assert {row.key.code: row.count for row in counts.agencies} == {
        "so-ngoai-vu": 3,
        "so-du-lich": 3,
    }
    assert {row.key: row.count for row in counts.languages} == {"vi": 3, "en": 2, "lo": 1}
    assert {row.key: row.count for row in counts.kinds} == {
        "article": 4,
        "video": 1,
        "publication": 1,
    }
    assert [(row.key, row.count) for row in counts.years] == [
        (2024, 6), (2023, 1), (2022, 0), (2021, 1), (2020, 0),
    ]  # fmt: skip
    english = next(row for row in counts.languages if row.key == "en")
    assert "language=en" in english.link and "year=2024" in english.link
    assert "status=approved" in english.link and "status=published" in english.link


def _task_order(number: str) -> tuple:
    return tuple(int(part) for part in number.split("."))


def _dashboard(client, period):
    return client.get(reverse("reporting:dashboard", args=[period.pk]), {"tab": "database"})


def _cell(body: str, testid: str) -> str:
    match = re.search(rf'data-testid="{re.escape(testid)}">(.*?)</td>', body, re.S)
    assert match, testid
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_dashboard_shows_the_counts_with_links_to_the_catalog(
    client, year_2024, coordinator, items
):
    client.force_login(coordinator)
    body = _dashboard(client, year_2024).content.decode()
    assert _cell(body, "database-task-3.5") == "2" and _cell(body, "database-task-1.1") == "0"
    assert _cell(body, "database-language-en") == "2"
    assert _cell(body, "database-language-lo") == "1"
    assert _cell(body, "database-agency-so-du-lich") == "3"
    assert _cell(body, "database-kind-video") == "1"
    assert _cell(body, "database-year-2023") == "1" and _cell(body, "database-year-2022") == "0"
    assert 'data-testid="database-total">6<' in body
    assert f"{reverse('catalog:search')}?agency=so-du-lich&amp;year=2024&amp;status=" in body
    assert (
        'data-testid="tab-database"'
        in client.get(reverse("reporting:dashboard", args=[year_2024.pk])).content.decode()
    )


def test_dashboard_counts_are_fresh_whatever_the_cache(client, year_2024, coordinator, make_item):
    """The period's figures are cached until a report or obligation changes; the database
    counts are read outside that cache, so an item approved since shows at once."""
    client.force_login(coordinator)
    assert 'data-testid="database-total">0<' in _dashboard(client, year_2024).content.decode()
    make_item("Mới duyệt", tasks=["3.5"], status="approved")
    assert 'data-testid="database-total">1<' in _dashboard(client, year_2024).content.decode()


def test_dashboard_queries_do_not_grow_with_items(client, year_2024, coordinator, make_item):
    client.force_login(coordinator)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert _dashboard(client, year_2024).status_code == 200
        return len(captured)

    make_item("Một", tasks=["3.5"])
    count()  # the period's figures are now cached; the database counts never are
    before = count()
    for number, (agency, language, kind) in enumerate(
        [
            ("so-du-lich", "en", "video"),
            ("so-noi-vu", "lo", "publication"),
            ("cong-an-tinh", "fr", "infographic"),
            ("so-tttt", "zh", "audio"),
        ]
    ):
        for year in (2024, 2023):
            make_item(
                f"Tư liệu {number} {year}",
                agency=agency,
                language=language,
                kind=kind,
                tasks=["1.1", "2.4", "4.3"][: number + 1],
                day=datetime.date(year, 3, 1),
            )
    assert count() == before


def test_leaders_see_the_tab_and_agency_staff_do_not(client, year_2024, leader, officer):
    client.force_login(leader)
    assert _dashboard(client, year_2024).status_code == 200
    client.force_login(officer)
    assert _dashboard(client, year_2024).status_code == 403


def test_database_tables_export_to_xlsx(client, year_2024, coordinator, items):
    client.force_login(coordinator)
    response = client.get(reverse("reporting:dashboard_export", args=[year_2024.pk, "database"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == 5
    by_task = {row[1]: row[3] for row in workbook.worksheets[0].iter_rows(values_only=True)}
    assert by_task["3.5"] == 2 and by_task["1.1"] == 0
    by_language = dict(workbook.worksheets[2].iter_rows(min_row=2, values_only=True))
    assert by_language == {language_name("vi"): 3, language_name("en"): 2, language_name("lo"): 1}


# The consolidated report ------------------------------------------------------------------


def _language(code: str) -> str:
    """As the (Vietnamese) consolidated report writes it mid-sentence."""
    with translation.override("vi"):
        name = language_name(code)
    return name[:1].lower() + name[1:]


def _database_paragraphs(period):
    return list(
        ConsolidatedParagraph.objects.filter(report__period=period, part=DATABASE)
        .select_related("group")
        .order_by("position")
    )


def test_draft_has_a_paragraph_with_the_counts(year_2024, coordinator, items):
    consolidated_build(actor=coordinator, period=year_2024)
    overview, *groups = _database_paragraphs(year_2024)
    assert overview.group is None and "2024" in overview.text and "6" in overview.text
    for code, count in (("vi", 3), ("en", 2), ("lo", 1)):
        assert re.search(rf"\b{count}\b[^,;.]*{_language(code)}", overview.text), code
    assert [p.group.number for p in groups] == ["1", "2", "3", "4", "5"]
    texts = {p.group.number: p.text for p in groups}
    assert "1.2" in texts["1"] and "1.1" not in texts["1"]
    assert re.search(r"3\.3\D+2\b", texts["3"]) and re.search(r"3\.5\D+2\b", texts["3"])
    assert "2." not in texts["2"]  # no item serves group 2
    parts = list(year_2024.consolidated.paragraphs.values_list("part", flat=True))
    assert parts.index(DATABASE) > parts.index("summary")
    assert "difficulties" not in parts or parts.index("difficulties") > parts.index(DATABASE)


def test_refresh_keeps_edited_database_paragraphs(year_2024, coordinator, items, make_item):
    consolidated_build(actor=coordinator, period=year_2024)
    overview, *groups = _database_paragraphs(year_2024)
    consolidated_paragraph_update(actor=coordinator, paragraph=overview, text="Đoạn đã sửa.")
    make_item("Thêm", tasks=["3.5"], language="en")
    consolidated_build(actor=coordinator, period=year_2024, rebuild=True)
    refreshed = _database_paragraphs(year_2024)
    assert len(refreshed) == len(groups) + 1
    assert refreshed[0].text == "Đoạn đã sửa." and refreshed[0].edited
    group_3 = next(p for p in refreshed if p.group and p.group.number == "3")
    assert re.search(r"3\.5\D+3\b", group_3.text)  # refreshed with the new item


def test_docx_has_the_database_part(year_2024, coordinator, items):
    draft = consolidated_build(actor=coordinator, period=year_2024)
    draft.signer_name = "Nguyễn Văn Hải"
    draft.save()
    overview = _database_paragraphs(year_2024)[0]
    _name, content = consolidated_docx({"period": year_2024.pk}, lambda _p: None)
    texts = [p.text for p in Document(io.BytesIO(content)).paragraphs]
    assert overview.text in texts
    with translation.override("vi"):  # an official document is in Vietnamese
        title = str(ConsolidatedParagraph.Part.DATABASE.label)
    heading = texts[texts.index(overview.text) - 1]
    assert re.fullmatch(rf"[IVX]+\. {re.escape(title)}", heading, re.IGNORECASE)
    group_3 = next(p for p in _database_paragraphs(year_2024) if p.group and p.group.number == "3")
    assert group_3.text in texts and group_3.group.title in " ".join(texts)
