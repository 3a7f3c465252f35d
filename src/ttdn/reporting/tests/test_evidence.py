"""Citing items of the foreign-information database as evidence of a report section: the
rules (services) and the section editor's "Cite from the database" (HTTP)."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ttdn.accounts.choices import Role
from ttdn.agencies.models import Agency
from ttdn.catalog.models import Item
from ttdn.catalog.permissions import can_view_item
from ttdn.catalog.services.items import item_update
from ttdn.core.errors import ApplicationError
from ttdn.reporting.models import AgencyReport, Evidence, ReportEvent
from ttdn.reporting.selectors.evidence import (
    evidence_picker,
    item_citable_by,
    suggestion_counts,
)
from ttdn.reporting.services import reports

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def report(year_2024, officer):
    return reports.report_start(
        actor=officer, period=year_2024, agency=Agency.objects.get(code="so-ngoai-vu")
    )


@pytest.fixture
def section(report):
    return report.sections.get(task__number="3.5")  # foreign press delegations, Sở Ngoại vụ


def _written(report):
    return (
        Evidence.objects.filter(section__report=report).count(),
        ReportEvent.objects.filter(report=report).count(),
        AgencyReport.objects.get(pk=report.pk).version,
    )


def _submit(report, officer, head):
    reports.report_submit(actor=officer, report=report)
    return reports.report_approve(actor=head, report=report)


# Services -------------------------------------------------------------------------------


def test_cite_an_item_keeps_its_title_and_leaves_an_event(section, officer, coordinator, make_item):
    item = make_item("Đoàn phóng viên Lào thăm Nậm Cắn", agency="so-du-lich", tasks=["3.5"])
    version = section.report.version
    evidence = reports.evidence_cite(actor=officer, section=section, item=item)
    assert evidence.item == item and evidence.kind == "item"
    assert evidence.title == item.title and not evidence.file and not evidence.url
    event = ReportEvent.objects.filter(report=section.report).last()
    assert event.action == "saved" and event.actor == officer and event.section == section
    assert event.changes == {"evidence": [None, item.title], "item": [None, item.pk]}
    assert AgencyReport.objects.get(pk=section.report_id).version == version + 1
    item_update(actor=coordinator, item=item, data={"title": "Tiêu đề mới"})
    evidence.refresh_from_db()
    assert evidence.title == "Đoàn phóng viên Lào thăm Nậm Cắn"  # a snapshot


def test_the_same_item_is_cited_once_per_section(section, officer, make_item, report):
    item = make_item("Phóng sự về Nghệ An", tasks=["3.5"])
    reports.evidence_cite(actor=officer, section=section, item=item)
    before = _written(report)
    with pytest.raises(ApplicationError, match="already cited as evidence of task 3.5"):
        reports.evidence_cite(actor=officer, section=section, item=item)
    assert _written(report) == before
    other_section = report.sections.get(task__number="3.3")
    reports.evidence_cite(actor=officer, section=other_section, item=item)  # another task: fine


def test_another_agencys_draft_is_refused_without_naming_it(section, officer, make_item, report):
    secret = make_item("Bản nháp bí mật", agency="so-du-lich", status="draft", tasks=["3.5"])
    before = _written(report)
    with pytest.raises(ApplicationError) as refused:
        reports.evidence_cite(actor=officer, section=section, item=secret)
    assert "not public and belongs to another agency" in refused.value.message
    assert "Sở Ngoại vụ can neither open nor cite it" in refused.value.message
    assert "bí mật" not in refused.value.message
    assert _written(report) == before


@pytest.mark.parametrize(
    ("agency", "status", "citable"),
    [
        ("so-ngoai-vu", "published", True),
        ("so-ngoai-vu", "approved", True),
        ("so-ngoai-vu", "in_review", False),
        ("so-ngoai-vu", "draft", False),
        ("so-ngoai-vu", "archived", False),
        ("so-du-lich", "published", True),
        ("so-du-lich", "approved", False),  # the agency cannot open it in the catalog
        ("so-du-lich", "draft", False),
    ],
)
def test_citable_items_are_evidence_the_agency_can_open(
    section, officer, make_item, report, agency, status, citable
):
    item = make_item(f"Tư liệu {agency} {status}", agency=agency, status=status)
    assert item_citable_by(item, report.agency_id) is citable
    if citable:  # never more than the catalog lets the agency's staff open
        assert can_view_item(officer, item)
    before = _written(report)
    if citable:
        reports.evidence_cite(actor=officer, section=section, item=item)
        assert _written(report) != before
    else:
        with pytest.raises(ApplicationError, match="neither open nor cite|can be cited"):
            reports.evidence_cite(actor=officer, section=section, item=item)
        assert _written(report) == before


def test_a_publication_scheduled_for_later_is_not_public_yet(section, officer, make_item):
    """The portal may schedule a publication: until its time the item is read only by its
    agency and the coordinator, so another agency cannot cite it yet."""
    later = timezone.now() + datetime.timedelta(days=2)
    theirs = make_item("Sắp đăng", agency="so-du-lich", tasks=["3.5"])
    mine = make_item("Của mình, sắp đăng", tasks=["3.5"])
    Item.objects.filter(pk__in=[theirs.pk, mine.pk]).update(published_at=later)
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert not item_citable_by(theirs, section.report.agency_id)
    with pytest.raises(ApplicationError, match="not public"):
        reports.evidence_cite(actor=officer, section=section, item=theirs)
    reports.evidence_cite(actor=officer, section=section, item=mine)
    picker = evidence_picker(section)
    assert [i.title for i in picker.items] == ["Của mình, sắp đăng"]


def test_own_draft_is_refused_with_its_status(section, officer, make_item):
    draft = make_item("Video đang làm", status="draft")
    with pytest.raises(ApplicationError, match="“Video đang làm” is draft: only approved or"):
        reports.evidence_cite(actor=officer, section=section, item=draft)


def test_a_submitted_report_cannot_cite_nor_remove(section, officer, head, make_item, report):
    cited = reports.evidence_cite(
        actor=officer, section=section, item=make_item("Ấn phẩm", tasks=["3.5"])
    )
    _submit(report, officer, head)
    before = _written(report)
    with pytest.raises(ApplicationError, match="was submitted on .* can no longer be changed"):
        reports.evidence_cite(actor=officer, section=section, item=make_item("Khác"))
    with pytest.raises(ApplicationError, match="can no longer be changed"):
        reports.evidence_remove(actor=officer, evidence=cited)
    assert _written(report) == before


def test_only_the_agencys_writers_cite(section, make_user, make_item, leader, report):
    item = make_item("Bài viết", tasks=["3.5"])
    stranger = make_user(Role.OFFICER, "so-noi-vu", username="stranger")
    before = _written(report)
    for actor in (stranger, leader):
        with pytest.raises(PermissionDenied):
            reports.evidence_cite(actor=actor, section=section, item=item)
    assert _written(report) == before


def test_remove_a_citation(section, officer, make_item, report):
    item = make_item("Ảnh tư liệu", tasks=["3.5"])
    evidence = reports.evidence_cite(actor=officer, section=section, item=item)
    reports.evidence_remove(actor=officer, evidence=evidence)
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    event = ReportEvent.objects.filter(report=report).last()
    assert event.changes == {"evidence": [item.title, None], "item": [item.pk, None]}
    reports.evidence_cite(actor=officer, section=section, item=item)  # may be cited again


def test_removing_a_link_works_the_same(section, officer, report):
    link = reports.evidence_add(
        actor=officer, section=section, title="Bài trên báo", url="https://nghean.gov.vn/a"
    )
    reports.evidence_remove(actor=officer, evidence=link)
    assert not Evidence.objects.filter(section__report=report).exists()
    assert ReportEvent.objects.filter(report=report).last().changes == {
        "evidence": ["Bài trên báo", None]
    }


def test_citing_changes_a_returned_report_so_it_can_be_sent_again(
    section, officer, head, coordinator, make_item, report
):
    _submit(report, officer, head)
    reports.report_return(actor=coordinator, report=report, comment="Thiếu minh chứng.")
    with pytest.raises(ApplicationError, match="nothing has changed"):
        reports.report_submit(actor=officer, report=AgencyReport.objects.get(pk=report.pk))
    reports.evidence_cite(actor=officer, section=section, item=make_item("Minh chứng"))
    reports.report_submit(actor=officer, report=AgencyReport.objects.get(pk=report.pk))


def test_a_cited_item_cannot_be_deleted(section, officer, make_item):
    item = make_item("Không xóa được")
    reports.evidence_cite(actor=officer, section=section, item=item)
    with pytest.raises(ProtectedError):
        item.delete()


def test_starting_from_the_previous_report_copies_no_evidence(
    year_2024, report, section, officer, head, make_item, coordinator
):
    from ttdn.reporting.services.obligations import obligations_generate
    from ttdn.reporting.services.periods import periods_generate

    reports.evidence_cite(actor=officer, section=section, item=make_item("Năm trước"))
    reports.evidence_add(actor=officer, section=section, title="Link", url="https://a.vn/")
    _submit(report, officer, head)
    (next_year,) = periods_generate(
        actor=coordinator, plan=year_2024.plan, years=[2025], kinds=["year"]
    )
    obligations_generate(period=next_year)
    copy = reports.report_start(
        actor=officer, period=next_year, agency=report.agency, from_previous=True
    )
    assert copy.started_from == report
    assert not Evidence.objects.filter(section__report=copy).exists()  # files, links, items


# HTTP -----------------------------------------------------------------------------------


@pytest.fixture
def client(client, settings):
    """Pages in English, so that sentences can be matched whatever the translations."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _picker(client, section, *, htmx=False, **params):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.get(
        reverse("reporting:evidence_cite", args=[section.pk]), params, headers=headers
    )


def test_picker_suggests_items_for_the_task_and_year_own_agency_first(
    client, section, officer, make_item
):
    make_item("Của sở khác", agency="so-du-lich", tasks=["3.5"], day=datetime.date(2024, 9, 1))
    make_item("Của mình, đã duyệt", status="approved", tasks=["3.5"], day=datetime.date(2024, 2, 1))
    make_item("Năm 2023", tasks=["3.5"], day=datetime.date(2023, 12, 31))
    make_item("Nhiệm vụ khác", tasks=["3.3"])
    make_item("Bản nháp", status="draft", tasks=["3.5"])
    make_item("Đã duyệt, sở khác", agency="so-du-lich", status="approved", tasks=["3.5"])
    client.force_login(officer)
    page = _picker(client, section)
    body = page.content.decode()
    assert page.status_code == 200 and "<html" in body  # the page without JavaScript
    assert body.count('data-testid="picker-item"') == 2
    assert body.index("Của mình, đã duyệt") < body.index("Của sở khác")  # own first
    for absent in ("Năm 2023", "Nhiệm vụ khác", "Bản nháp", "Đã duyệt, sở khác"):
        assert absent not in body
    fragment = _picker(client, section, htmx=True)
    assert "<html" not in fragment.content.decode()


def test_each_section_says_how_many_items_it_may_cite(report, make_item):
    tasks = {s.task.number: s.task_id for s in report.sections.all()}
    make_item("Hai nhiệm vụ", tasks=["3.5", "3.3"])
    make_item("Sở khác", agency="so-du-lich", tasks=["3.5"])
    make_item("Sở khác, chưa công bố", agency="so-du-lich", status="approved", tasks=["3.5"])
    make_item("Năm khác", tasks=["3.3"], day=datetime.date(2025, 1, 2))
    assert suggestion_counts(report) == {tasks["3.5"]: 2, tasks["3.3"]: 1}


def test_search_without_diacritics_finds_the_title_with_them(client, section, officer, make_item):
    make_item("Tuyên truyền Nghị quyết của Đảng", tasks=["1.1"], day=datetime.date(2022, 3, 1))
    make_item("Kỷ niệm ngày thành lập Đảng", agency="so-du-lich", day=datetime.date(2026, 2, 3))
    make_item("Mừng Đảng, mừng xuân", agency="so-du-lich")  # 2024, the report's year
    make_item("Du lịch biển Cửa Lò")
    client.force_login(officer)
    body = _picker(client, section, htmx=True, q="Dang").content.decode()
    assert "Tuyên truyền Nghị quyết của Đảng" in body and "Cửa Lò" not in body
    found = re.findall(r'target="_blank" rel="noopener">([^<]+)</a>', body)
    assert found == [  # own first, then the report's year, then newest first
        "Tuyên truyền Nghị quyết của Đảng",
        "Mừng Đảng, mừng xuân",
        "Kỷ niệm ngày thành lập Đảng",
    ]
    assert "Cửa Lò" in _picker(client, section, htmx=True, q="cua lo").content.decode()
    assert 'data-testid="picker-item"' not in _picker(client, section, q="xyz").content.decode()


def test_cite_over_http_then_shown_in_the_report_and_its_history(
    client, section, officer, make_item, report
):
    item = make_item(
        "Video giới thiệu Nghệ An", agency="so-du-lich", tasks=["3.5"], language="en", kind="video"
    )
    client.force_login(officer)
    response = client.post(reverse("reporting:evidence_cite", args=[section.pk]), {"item": item.pk})
    assert response.status_code == 302 and response.url.endswith(f"#section-{section.pk}")
    page = client.get(response.url.split("#")[0]).content.decode()
    assert 'data-testid="cited-item"' in page and reverse("catalog:item", args=[item.pk]) in page
    line = page[page.index('data-testid="evidence-item"') :].split("</li>")[0]
    assert "Video giới thiệu Nghệ An" in line and "English" in line and "Video" in line
    assert "Sở Du lịch" in line and date_format(item.published_on, "SHORT_DATE_FORMAT") in line
    assert 'data-testid="already-cited"' in _picker(client, section).content.decode()
    history = client.get(reverse("reporting:history", args=[report.pk])).content.decode()
    assert 'data-testid="history-item"' in history and "Video giới thiệu Nghệ An" in history
    evidence = Evidence.objects.get(section=section)
    removed = client.post(reverse("reporting:evidence_remove", args=[evidence.pk]))
    assert removed.status_code == 302 and not Evidence.objects.filter(section=section).exists()


def test_a_refused_citation_says_why_on_the_page(client, section, officer, make_item):
    draft = make_item("Bản nháp", agency="so-du-lich", status="draft")
    client.force_login(officer)
    response = client.post(
        reverse("reporting:evidence_cite", args=[section.pk]), {"item": draft.pk}, follow=True
    )
    assert "belongs to another agency" in response.content.decode()
    assert not Evidence.objects.filter(section=section).exists()
    missing = client.post(reverse("reporting:evidence_cite", args=[section.pk]), {"item": "x"})
    assert missing.status_code == 404


def test_another_agencys_officer_cannot_cite_into_this_report(
    client, section, make_user, make_item, report, officer
):
    item = make_item("Bài viết", tasks=["3.5"])
    client.force_login(make_user(Role.OFFICER, "so-noi-vu", username="outsider"))
    url = reverse("reporting:evidence_cite", args=[section.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"item": item.pk}).status_code == 403
    assert not Evidence.objects.filter(section__report=report).exists()
    evidence = reports.evidence_cite(actor=officer, section=section, item=item)
    remove = reverse("reporting:evidence_remove", args=[evidence.pk])
    assert client.post(remove).status_code == 403 and Evidence.objects.filter(pk=evidence.pk)


def test_report_page_queries_do_not_grow_with_citations(client, report, officer, make_item):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    url = reverse("reporting:report", args=[report.period_id, "so-ngoai-vu"])

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = count()
    for number in ("3.3", "3.5", "5.4"):
        item = make_item(f"Tư liệu {number}", tasks=[number])
        reports.evidence_cite(
            actor=officer, section=report.sections.get(task__number=number), item=item
        )
    assert count() == before
