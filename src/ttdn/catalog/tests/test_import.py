"""Bulk import: every row checked first; a file with any bad row writes nothing."""

import datetime
import io

import pytest
from openpyxl import Workbook

from ttdn.catalog.choices import RunStatus
from ttdn.catalog.models import ImportRun, Item
from ttdn.catalog.services.imports import import_confirm, import_upload
from ttdn.catalog.tests.helpers import image_bytes, upload

pytestmark = pytest.mark.django_db

HEADER = (
    "Tiêu đề,Tóm tắt,Ngôn ngữ,Loại,Chủ đề,Quốc gia,Ngày xuất bản,Đường dẫn,Nhiệm vụ,Nhóm bản dịch\n"
)
GOOD = HEADER + (
    "Lễ hội Làng Sen 2025,Mừng sinh nhật Bác,vi,event,Du lịch; culture-heritage,LA,"
    "19/05/2025,https://vhttdl.example/lang-sen,3.2,sen\n"
    "Lang Sen Festival 2025,Birthday of President Ho Chi Minh,en,Event,tourism,la; fr,"
    "2025-05-19,,3.2,sen\n"
    "Ẩm thực xứ Nghệ,Cháo lươn và bánh mướt,vi,Ảnh,Ẩm thực,,2025-06-01,,,\n"
)
BAD = HEADER + (
    ",Thiếu tiêu đề,vi,event,,,,,,\n"
    "Ngôn ngữ lạ,,xx,event,,,,,,\n"
    "Ngày sai,,vi,event,,,31/02/2025,,,\n"
    "Chủ đề lạ,,vi,bài thơ,Thiên văn,ZZ,,,9.9,\n"
    "Trùng địa chỉ 1,,vi,article,,,,https://a.example/x,,\n"
    "Trùng địa chỉ 2,,vi,article,,,,http://www.a.example/x/,,\n"
    "Dòng tốt,,vi,article,,,,,,\n"
)


def run_upload(officer, agency, content: bytes, name="items.csv"):
    return import_upload(actor=officer, agency=agency, upload=upload(name, content))


def test_a_good_file_is_previewed_then_imported_in_one_go(
    officer, agency, django_capture_on_commit_callbacks
):
    run = run_upload(officer, agency, GOOD.encode("utf-8-sig"))
    assert run.status == RunStatus.CHECKED and (run.rows_total, run.rows_valid) == (3, 3)
    assert run.preview[0]["Tiêu đề"] == "Lễ hội Làng Sen 2025"
    assert not Item.objects.exists()  # nothing before confirmation
    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(actor=officer, run=run)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.items_created == 3
    festival = Item.objects.get(language="vi", kind="event")
    english = Item.objects.get(language="en")
    assert (
        english.translated_from == festival and english.translation_key == festival.translation_key
    )
    assert english.target_countries == ["FR", "LA"]
    assert {t.code for t in festival.topics.all()} == {"tourism", "culture-heritage"}
    assert [t.number for t in festival.tasks.all()] == ["3.2"]
    assert str(festival.published_on) == "2025-05-19" and festival.status == "draft"
    assert Item.objects.get(title="Ẩm thực xứ Nghệ").kind == "photo_album"


def test_a_file_with_bad_rows_writes_nothing_and_names_each_problem(officer, agency, english):
    run = run_upload(officer, agency, BAD.encode())
    assert run.status == RunStatus.REJECTED and run.rows_total == 7
    problems = {(e["row"], e["column"]) for e in run.errors}
    assert problems >= {
        (2, "Tiêu đề"),
        (3, "Ngôn ngữ"),
        (4, "Ngày xuất bản"),
        (5, "Loại"),
        (5, "Chủ đề"),
        (5, "Quốc gia"),
        (5, "Nhiệm vụ"),
        (7, "Đường dẫn"),
    }
    messages = {(e["row"], e["column"]): e["message"] for e in run.errors}
    assert messages[(3, "Ngôn ngữ")].startswith("“xx” is not a language the database accepts")
    assert "write it as 2025-03-31" in messages[(4, "Ngày xuất bản")]
    assert messages[(7, "Đường dẫn")] == "The same address is on row 6."
    assert messages[(5, "Nhiệm vụ")] == "Plan 978/KH-UBND has no task 9.9."
    assert not Item.objects.exists()
    with pytest.raises(Exception, match="Only a checked file"):
        import_confirm(actor=officer, run=run)


def test_rows_are_checked_again_at_confirmation(
    officer, agency, make_item, django_capture_on_commit_callbacks, english
):
    run = run_upload(officer, agency, GOOD.encode())
    make_item("Đã có", original_url="https://vhttdl.example/lang-sen")  # arrives meanwhile
    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(actor=officer, run=run)
    run.refresh_from_db()
    assert run.status == RunStatus.REJECTED and "already has this address" in str(run.errors)
    assert Item.objects.count() == 1


def test_an_excel_workbook_is_read(officer, agency):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["title", "language", "kind", "publication date"])
    sheet.append(["Hang Thẩm Ồm", "vi", "photo_album", datetime.date(2024, 3, 2)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    run = run_upload(officer, agency, buffer.getvalue(), name="danh-sach.csv")  # name lies
    assert run.file_format == "xlsx" and run.status == RunStatus.CHECKED


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"Ti\xeau \xf0\xea,Ng\xf4n ng\xf7,Lo\xe0i\nL\xea\xd2 h\xf4\xf2i,vi,event\n",
            "not in UTF-8",
        ),
        (image_bytes("PNG"), "neither a CSV text file nor an Excel"),
        (b"PK\x03\x04 not really a zip", "ZIP archive but not an Excel workbook"),
        (b"Ngay,So\n1,2\n", "required ones are missing: title, language, kind"),
    ],
)
def test_unreadable_files_are_refused_with_a_sentence(officer, agency, english, content, message):
    try:
        run = run_upload(officer, agency, content)
    except Exception as error:  # refused before a run row exists
        assert message in str(error)
        return
    assert run.status == RunStatus.REJECTED and message in run.errors[0]["message"]
    assert not Item.objects.exists()


def test_officers_import_for_their_own_agency_only(other_officer, agency):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run_upload(other_officer, agency, GOOD.encode())
    assert not ImportRun.objects.exists()


def test_the_pages(client, officer, django_capture_on_commit_callbacks):
    client.force_login(officer)
    assert client.get("/catalog/import/").status_code == 200
    template = client.get("/catalog/import/template.csv")
    assert template.content.startswith(b"\xef\xbb\xbftitle,summary")
    response = client.post(
        "/catalog/import/", {"file": upload("x.csv", GOOD.encode()), "agency": officer.agency_id}
    )
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == f"/catalog/import/{run.pk}/"
    page = client.get(response.url).content.decode()
    assert 'data-testid="import-preview"' in page and 'data-testid="import-confirm"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    assert Item.objects.count() == 3
