"""Extraction on captured pages of Vietnamese outlets (meth04, MIT) and our own look-alikes."""

import datetime

import pytest

from ttdn.monitoring.pipeline.extract import detect_language, extract, head_metadata
from ttdn.monitoring.pipeline.types import RawDocument


def page(fixture_text, name: str, url: str = "") -> RawDocument:
    return RawDocument(
        url=url or f"https://outlet.example/{name}", html=fixture_text(f"pages/{name}")
    )


@pytest.mark.parametrize(
    ("name", "title", "day"),
    [
        (
            "meth04/vnexpress_article.html",
            "Cách các nước đối phó cú sốc năng lượng từ Trung Đông",
            datetime.date(2026, 3, 7),
        ),
        (
            "meth04/baochinhphu_article.html",
            "Chính sách mới có hiệu lực từ tháng 3/2026",
            datetime.date(2026, 3, 1),
        ),
        (
            "meth04/vietnamnet_article.html",
            "Cổ phiếu FLC được giao dịch trở lại",
            datetime.date(2026, 3, 7),
        ),
        (
            "meth04/nld_article.html",
            "Những sai sót hộ kinh doanh thường gặp khi thực hiện quy định thuế mới",
            datetime.date(2026, 3, 7),
        ),
    ],
)
def test_real_vietnamese_pages(fixture_text, name, title, day):
    doc = extract(page(fixture_text, name, "https://vnexpress.net/a-1.html"))
    assert doc.title == title
    assert doc.published is not None and doc.published.date() == day
    assert doc.language == "vi"
    assert len(doc.text) > 1000
    assert "<script" not in doc.text and "function(" not in doc.text


def test_baodautu_page_without_a_date_in_its_head_falls_back_to_trafilatura(fixture_text):
    raw = page(fixture_text, "meth04/baodautu_article.html")
    assert "date" not in head_metadata(raw.html)
    doc = extract(raw)
    assert doc.title.startswith("Xử phạt Giám đốc tài chính Tập đoàn Tiên Sơn Thanh Hoá")
    assert doc.published is not None and doc.published.date() == datetime.date(2026, 3, 7)


def test_our_provincial_look_alike(fixture_text):
    doc = extract(page(fixture_text, "tinh_article.html"))
    assert doc.title == "Nghệ An khai trương đường bay thẳng Vinh - Viêng Chăn"
    assert doc.lead.startswith("Đường bay thẳng đầu tiên nối thành phố Vinh")
    assert doc.author == "Hoàng Thu Trang"  # JSON-LD, not the outlet's name in <meta author>
    assert doc.published == datetime.datetime(
        2026, 4, 15, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )
    assert "Tin đọc nhiều" not in doc.text and "Giấy phép" not in doc.text


def test_english_page(fixture_text):
    doc = extract(page(fixture_text, "en_article.html"))
    assert doc.language == "en"
    assert doc.title == "Floods cut off villages in Vietnam's Nghe An province"
    assert "Ky Son district" in doc.text


def test_a_bare_page_gets_title_and_date_from_the_fallback(fixture_text):
    doc = extract(page(fixture_text, "bare_article.html"))
    assert "du lịch cộng đồng" in doc.title
    assert doc.published is not None and doc.published.date() == datetime.date(2026, 4, 16)


def test_language_of_lao_and_short_text():
    assert detect_language("ແຂວງຫົວພັນ ຮ່ວມມືກັບແຂວງຂອງຫວຽດນາມ ໃນການພັດທະນາເສດຖະກິດ") == "lo"
    assert detect_language("Xin chào", hint="vi") == "vi"


def test_plain_text_input_and_normalisation():
    doc = extract(
        RawDocument(
            url="HTTPS://WWW.Outlet.example/a/?utm_source=x#top",
            title="Nghe\u0323\u0302 An",
            text="Dòng một.\n\n  Dòng   hai.  ",
        )
    )
    assert doc.title == "Nghệ An"  # NFC
    assert doc.text == "Dòng một.\nDòng hai."
    assert doc.url_normalised == "outlet.example/a"
