"""Relevance to the province: the gazetteer, diacritics, where a mention is, hard negatives."""

import pytest

from ttdn.monitoring.pipeline.extract import extract
from ttdn.monitoring.pipeline.relevance import default_gazetteer, relevance_stage
from ttdn.monitoring.pipeline.text import fold_stage
from ttdn.monitoring.pipeline.types import RawDocument


def score(title: str, text: str = "", lead: str = ""):
    doc = extract(
        RawDocument(
            url="https://x.example/a", title=title, text=text, summary=lead, language_hint="vi"
        )
    )
    return relevance_stage(fold_stage(doc), gazetteer=default_gazetteer(), threshold=0.5)


def test_the_gazetteer_has_every_current_and_former_locality():
    entries = default_gazetteer().entries.values()
    kinds = [entry.kind for entry in entries]
    assert kinds.count("commune") == 130
    assert kinds.count("former_district") == 20
    assert kinds.count("former_commune") > 300  # the 412 former ones, minus names still in use
    assert kinds.count("border_gate") == 5
    assert {"Cửa khẩu Nậm Cắn", "Nghệ An", "Thị xã Thái Hoà"} <= {e.name for e in entries}


@pytest.mark.parametrize(
    "title",
    [
        "Nghệ An đón đoàn đầu tư Hàn Quốc",
        "NGHỆ AN ĐÓN ĐOÀN ĐẦU TƯ HÀN QUỐC",
        "Nghe An don doan dau tu Han Quoc",
        "Nghe An province welcomes Korean investors",
    ],
)
def test_the_province_is_found_with_or_without_diacritics(title):
    result = score(title)
    assert result.relevant and result.places[0] == "Nghệ An"


def test_folding_does_not_merge_different_places():
    assert not score("Sạt lở bờ sông ở Năm Căn").places  # Cà Mau, not the Nậm Cắn border gate
    assert score("Thông quan qua Nậm Cắn tăng mạnh").places == ("Cửa khẩu Nậm Cắn",)
    assert not score("Xây cầu mới ở thành phố Vĩnh Yên").places  # not Vinh


def test_title_counts_more_than_lead_more_than_body():
    in_title = score("Lũ quét ở xã Mường Xén", text="Mưa lớn gây lũ quét.")
    in_lead = score("Lũ quét ở vùng cao", lead="Lũ quét ở xã Mường Xén.", text="Mưa lớn.")
    in_body = score(
        "Lũ quét ở vùng cao",
        lead="Mưa lớn kéo dài.",
        text="Mưa lớn kéo dài.\nNhiều nhà ở xã Mường Xén bị cuốn trôi.",
    )
    assert in_title.score > in_lead.score > in_body.score > 0
    assert in_title.relevant and not in_body.relevant


def test_a_neighbour_mentioning_the_province_in_passing_is_not_relevant():
    result = score(
        "Hà Tĩnh thu hút 800 triệu USD vào Khu kinh tế Vũng Áng",
        text="Khu kinh tế của tỉnh Hà Tĩnh thu hút 5 dự án. Lợi thế cảng nước sâu giúp Hà Tĩnh "
        "cạnh tranh với các địa phương lân cận như Nghệ An và Quảng Bình. Hà Tĩnh đặt mục "
        "tiêu thu hút 2 tỷ USD.",
    )
    assert result.places == ("Nghệ An",)
    assert not result.relevant and result.other > result.own


def test_an_enumeration_of_provinces_is_not_about_the_province():
    result = score(
        "Mưa lớn ở Bắc Trung Bộ",
        lead="Các tỉnh Thanh Hóa, Nghệ An, Hà Tĩnh và Quảng Trị có mưa to.",
    )
    assert not result.relevant


def test_a_home_town_is_a_passing_mention():
    result = score(
        "Bầu Chủ tịch UBND tỉnh mới",
        lead="Ông Nguyễn Văn A, quê ở Nghệ An, được bầu làm Chủ tịch UBND tỉnh Quảng Trị.",
    )
    assert not result.relevant


def test_people_named_like_a_district_are_not_places():
    assert not score(
        "Anh Sơn cho biết sẽ tiếp tục", text="Theo anh Sơn, việc vớt rác mất 3 ngày."
    ).places
    assert not score("Ông Nguyễn Thanh Chương nhận giải thưởng").places
    assert score("Lũ ở Thanh Chương, nhiều nhà bị ngập").places == ("Huyện Thanh Chương",)


def test_a_name_other_provinces_share_is_not_enough_alone():
    weak = score("Sốt xuất huyết tăng ở xã Tân Phú")  # a commune name found in several provinces
    assert weak.places and not weak.relevant
    strong = score("Sốt xuất huyết tăng ở xã Tân Phú, huyện Tân Kỳ")
    assert strong.relevant


def test_places_and_agencies_concerned():
    result = score("Lũ quét ở xã Mường Xén, tỉnh Nghệ An")
    assert result.places[:2] in (("Nghệ An", "Xã Mường Xén"), ("Xã Mường Xén", "Nghệ An"))
    assert "xa-16813" in result.agencies  # the commune's People's Committee
    assert "ubnd-tinh" in result.agencies


def test_former_names_are_found():
    result = score("Cầu mới ở thị xã Cửa Lò và huyện Nghi Lộc")
    assert "Huyện Nghi Lộc" in result.places and result.relevant
