"""Reading feeds, sitemaps and section pages: real-world quirks and hostile XML."""

import datetime
import zoneinfo

import pytest

from ttdn.monitoring.pipeline.feeds import FeedError, detect, parse_source

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
BASE = "https://baotinh.example/rss/thoi-su.rss"


def parse(content: bytes, base: str = BASE, fmt: str = "auto"):
    return parse_source(content, base_url=base, fmt=fmt, tz=TZ)


def test_vietnamese_rss_with_outlets_quirks(fixture_bytes):
    entries = parse(fixture_bytes("feeds/tinh_rss.xml"))
    assert [e.title for e in entries] == [
        "Nghệ An khai trương đường bay thẳng Vinh - Viêng Chăn",  # CDATA padded with spaces
        "Lũ quét ở vùng cao, hai người mất tích",
        "Hội thảo du lịch cộng đồng miền Tây Nghệ An",
    ]
    first, relative, offset = entries
    assert first.url.startswith("https://baotinh.example/kinh-te/khai-truong")
    assert first.summary.startswith("Đường bay thẳng")  # tags of the CDATA description removed
    assert first.published == datetime.datetime(
        2026, 4, 15, 2, 30, tzinfo=datetime.UTC
    )  # 2-digit year
    assert relative.url == "https://baotinh.example/thoi-su/lu-quet-vung-cao-12346.html"
    assert relative.published == datetime.datetime(
        2026, 4, 15, 18, 44, tzinfo=TZ
    )  # M/D/YYYY h:mm AM
    assert offset.published == datetime.datetime(2026, 4, 16, 1, 15, tzinfo=datetime.UTC)  # +07:00


def test_atom_feed_of_a_foreign_outlet(fixture_bytes):
    entries = parse(fixture_bytes("feeds/foreign_atom.xml"), base="https://wire.example/asia")
    assert len(entries) == 2
    assert entries[0].author == "Sample Reporter"
    assert entries[0].summary == "Flash floods have cut off several villages near the Lao border."
    assert entries[1].published == datetime.datetime(2026, 4, 16, 10, 0, tzinfo=datetime.UTC)


def test_news_sitemap(fixture_bytes):
    content = fixture_bytes("feeds/news_sitemap.xml")
    assert detect(content) == "sitemap"
    entries = parse(content, base="https://cong.example/sitemap.xml")
    assert entries[0].title == "Sở Ngoại vụ tổ chức họp báo quý I năm 2026"
    assert entries[0].published.date() == datetime.date(2026, 4, 10)
    assert entries[1].published == datetime.datetime(2026, 4, 11, tzinfo=TZ)


def test_section_page_keeps_article_links_of_the_site_only(fixture_bytes):
    content = fixture_bytes("feeds/section_page.html")
    assert detect(content) == "page"
    entries = parse(content, base="https://cong.example/thoi-su")
    assert [e.url for e in entries] == [
        "https://cong.example/thoi-su/hop-bao-thong-tin-ket-qua-quy-i-nam-2026-20260410.html",
        "https://cong.example/thoi-su/2026/04/tiep-doan-cong-tac-tinh-xieng-khoang",
    ]
    assert entries[1].title.startswith("Tiếp đoàn công tác tỉnh Xiêng Khoảng")


def test_a_feed_with_a_raw_ampersand_is_still_read(fixture_bytes):
    entries = parse(fixture_bytes("feeds/malformed_raw_ampersand.xml"))
    assert [e.title for e in entries] == ["Lào và Việt Nam thúc đẩy hợp tác giáo dục"]


@pytest.mark.parametrize("name", ["feeds/billion_laughs.xml", "feeds/xxe.xml"])
def test_entity_attacks_are_refused(fixture_bytes, name):
    with pytest.raises(FeedError) as error:
        parse(fixture_bytes(name))
    assert error.value.code == "hostile_xml"


def test_garbage_is_not_a_feed(fixture_bytes):
    assert parse(fixture_bytes("feeds/garbage.bin")) == []
    with pytest.raises(FeedError) as error:
        parse(b"<?xml version='1.0'?><rss><channel><item>", fmt="feed")
    assert error.value.code == "unreadable"


def test_real_outlets_feed_shapes_from_shared_fixtures():
    """The outlets' own feeds are read where they are (no licence to copy them here)."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[5] / "shared/fixtures/news/feeds"
    files = sorted(folder.glob("*/*.rss")) + sorted(folder.glob("*/*.xml"))
    if not files:
        pytest.skip("../shared/fixtures is not available here")
    for path in files:
        entries = parse(path.read_bytes(), base="https://outlet.example/rss")
        assert entries, path.name
        assert all(e.url.startswith("https://") and e.title for e in entries), path.name
        assert all(e.published is not None for e in entries), path.name
