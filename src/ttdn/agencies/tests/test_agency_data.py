"""The default agency catalogue (agencies/data/agencies.json) is whole and consistent.

Pure data tests, no Django: run with
``PYTHONPATH=src pytest -p no:django -q src/ttdn/agencies/tests/test_agency_data.py``.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import unicodedata
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
AGENCIES_JSON = DATA / "agencies.json"
DISTRICTS_CSV = DATA / "districts_nghe_an_old_to_new_2025.csv"

AGENCY_KINDS = {
    "department",
    "provincial_body",
    "press",
    "party_mass",
    "district",
    "commune",
    "central",
}
SUCCESSION_KINDS = {"merge", "split", "rename", "abolition"}
TWO_TIER_DATE = date(2025, 7, 1)

# Every agency cell of plan 978's appendix, as printed (cells with several agencies split at
# their separators; 'Các Sở: Du lịch, Công Thương, Văn hóa và thể thao' (3.8) and
# 'Các Sở: Ngoại vụ, Nội vụ; Tỉnh đoàn' (5.4) expanded to one 'Sở …' each).
PLAN_APPENDIX_NAMES = [
    "Các sở, ngành, địa phương",
    "Sở Thông tin và Truyền thông",
    "các sở, ngành, địa phương",
    "các cơ quan báo chí",
    "Các sở ngành, địa phương",
    "Báo Nghệ An",
    "Đài Phát thanh và Truyền hình Nghệ An",
    "Tạp chí Sông Lam",
    "Cổng Thông tin điện tử tỉnh",
    "Sở Ngoại vụ",
    "Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh",
    "Sở Du lịch",
    "Sở Công Thương",
    "Sở Văn hóa và thể thao",
    "Công an tỉnh",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    "các sở, ngành, địa phương liên quan",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Sở Nội vụ",
    "Tỉnh đoàn",
    "Sở Văn hóa và Thể thao",
]

# Section III and the 'Nơi nhận' list of the plan, as printed.
PLAN_BODY_NAMES = [
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
    "Ủy ban nhân dân các huyện, thành, thị",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An",
    "các tổ chức chính trị - xã hội",
    "Hội đồng nhân dân tỉnh",
    "Ủy ban nhân dân tỉnh",
    "UBND tỉnh",
    "Bộ Thông tin và Truyền thông",
    "Tỉnh uỷ",
    "HĐND tỉnh",
    "Uỷ ban MTTQ tỉnh",
    "Các Sở, ban, ngành cấp tỉnh",
    "Bộ Chỉ huy quân sự tỉnh",
    "Liên hiệp các tổ chức hữu nghị tỉnh",
    "Các cơ quan báo chí Nghệ An",
    "Cổng TTĐT tỉnh",
    "Công báo tỉnh",
]

# Field sizes of the agencies app's models.
MAX_CODE, MAX_NAME, MAX_SHORT_NAME, MAX_LEGAL_BASIS = 64, 255, 64, 500


def _load_generator():
    spec = importlib.util.spec_from_file_location("build_agencies", DATA / "build_agencies.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip().casefold()


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", _key(name).replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


@pytest.fixture(scope="module")
def text() -> str:
    return AGENCIES_JSON.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def data(text) -> dict:
    return json.loads(text)


@pytest.fixture(scope="module")
def agencies(data) -> dict[str, dict]:
    return {agency["code"]: agency for agency in data["agencies"]}


@pytest.fixture(scope="module")
def district_map() -> dict[str, set[str]]:
    """Old district code → the new commune codes that received any of its communes."""
    mapping: dict[str, set[str]] = defaultdict(set)
    with DISTRICTS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            mapping[row["old_district_code"]].add(row["new_commune_code"])
    return mapping


def test_file_is_nfc_and_pretty_printed(text):
    assert unicodedata.is_normalized("NFC", text)
    assert not text.startswith("\ufeff")
    assert text.startswith('{\n  "source": ')


def test_generator_output_matches_the_file(text):
    generator = _load_generator()
    first = generator.render(generator.build())
    assert first == generator.render(generator.build())
    assert first == text, "agencies.json is stale: run build_agencies.py"


def test_top_level_shape(data):
    assert set(data) == {"source", "agencies", "successions", "groups"}
    assert data["source"]


def test_codes_unique_and_slugs(data):
    codes = [agency["code"] for agency in data["agencies"]]
    groups = [group["code"] for group in data["groups"]]
    assert not [code for code, n in Counter(codes + groups).items() if n > 1]
    for code in codes + groups:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code)
        assert len(code) <= MAX_CODE


def test_fields_fit_the_models(data):
    for agency in data["agencies"]:
        assert agency["name"] and len(agency["name"]) <= MAX_NAME
        assert agency["name_en"] and len(agency["name_en"]) <= MAX_NAME
        assert agency["short_name"] and len(agency["short_name"]) <= MAX_SHORT_NAME
        assert all(len(alias) <= MAX_NAME for alias in agency["aliases"])
        assert agency["name"] not in agency["aliases"]
    for succession in data["successions"]:
        assert len(succession["legal_basis"]) <= MAX_LEGAL_BASIS


def test_kinds_are_valid(data):
    assert {agency["kind"] for agency in data["agencies"]} <= AGENCY_KINDS
    assert {succession["kind"] for succession in data["successions"]} <= SUCCESSION_KINDS
    for group in data["groups"]:
        assert group["kinds"] and set(group["kinds"]) <= AGENCY_KINDS


def test_every_referenced_code_exists(data, agencies):
    for agency in data["agencies"]:
        assert agency["parent"] is None or agency["parent"] in agencies, agency["code"]
    for succession in data["successions"]:
        for code in succession["predecessors"]:
            assert code in agencies
        for target in succession["successors"]:
            assert target["agency"] in agencies
    for group in data["groups"]:
        for code in group["include"] + group["exclude"]:
            assert code in agencies, group["code"]


def test_dates_are_iso_and_ordered(data):
    for agency in data["agencies"]:
        start, end = _day(agency["active_from"]), _day(agency["active_to"])
        assert start is None or end is None or start <= end, agency["code"]
    for succession in data["successions"]:
        assert date.fromisoformat(succession["date"]).isoformat() == succession["date"]


def test_predecessors_end_the_day_before(data, agencies):
    for succession in data["successions"]:
        on = date.fromisoformat(succession["date"])
        assert succession["predecessors"] and succession["successors"]
        for code in succession["predecessors"]:
            assert _day(agencies[code]["active_to"]) == on - timedelta(days=1), code
        for target in succession["successors"]:
            successor = agencies[target["agency"]]
            assert successor["active_from"] is None or _day(successor["active_from"]) <= on
            assert successor["active_to"] is None or _day(successor["active_to"]) >= on
            assert isinstance(target["foreign_information"], bool)
            assert target["functions"]


def test_every_start_and_end_is_explained_by_a_succession(data):
    ended, started = set(), set()
    for succession in data["successions"]:
        ended |= {(code, succession["date"]) for code in succession["predecessors"]}
        started |= {(t["agency"], succession["date"]) for t in succession["successors"]}
    for agency in data["agencies"]:
        if agency["active_to"]:
            day_after = (_day(agency["active_to"]) + timedelta(days=1)).isoformat()
            assert (agency["code"], day_after) in ended, agency["code"]
        if agency["active_from"]:
            assert (agency["code"], agency["active_from"]) in started, agency["code"]


def test_unverified_rows_say_why(data):
    for row in data["agencies"] + data["successions"]:
        assert isinstance(row["verified"], bool)
        if not row["verified"]:
            assert row["note"], row


def test_communes(data):
    communes = [agency for agency in data["agencies"] if agency["kind"] == "commune"]
    prefixes = Counter(agency["name"].rsplit(" ", 1)[0].split(" ")[1] for agency in communes)
    assert len(communes) == 130
    assert prefixes == {"xã": 119, "phường": 11}
    for commune in communes:
        assert commune["code"].startswith("xa-")
        assert commune["active_from"] == TWO_TIER_DATE.isoformat()
        assert commune["active_to"] is None and commune["parent"] is None
        assert commune["name_en"].startswith("People's Committee of ")


def test_old_tone_placement_is_an_alias(agencies):
    assert "Phường Thái Hòa" in agencies["xa-16939"]["aliases"]
    assert "Xã Yên Hòa" in agencies["xa-16909"]["aliases"]
    assert "Xã Nhân Hòa" in agencies["xa-17344"]["aliases"]
    assert "Xã Quỳ Châu" in agencies["xa-16777"]["aliases"]  # 'quỳ' keeps its mark


def test_districts_abolished_into_their_communes(data, agencies, district_map):
    districts = [agency for agency in data["agencies"] if agency["kind"] == "district"]
    assert len(districts) == 20
    assert {agency["code"] for agency in districts} == {f"huyen-{c}" for c in district_map}
    abolitions = [s for s in data["successions"] if s["kind"] == "abolition"]
    by_district = {s["predecessors"][0]: s for s in abolitions}
    assert len(abolitions) == len(by_district) == 20
    for code, communes in district_map.items():
        succession = by_district[f"huyen-{code}"]
        assert succession["predecessors"] == [f"huyen-{code}"]
        assert succession["date"] == TWO_TIER_DATE.isoformat()
        assert {t["agency"] for t in succession["successors"]} == {f"xa-{c}" for c in communes}
        for target in succession["successors"]:
            assert target["foreign_information"] is False
            assert target["functions"].startswith("territory: ")
        assert agencies[f"huyen-{code}"]["active_to"] == "2025-06-30"


def test_every_commune_comes_from_a_district(data):
    received = {
        target["agency"]
        for succession in data["successions"]
        if succession["kind"] == "abolition"
        for target in succession["successors"]
    }
    communes = {agency["code"] for agency in data["agencies"] if agency["kind"] == "commune"}
    assert received == communes


@pytest.fixture(scope="module")
def names(data) -> dict[str, set[str]]:
    """Case-folded name or alias → the agency and group codes it names."""
    index: dict[str, set[str]] = defaultdict(set)
    for row in data["agencies"] + data["groups"]:
        for name in [row["name"], *row["aliases"]]:
            index[_key(name)].add(row["code"])
    return index


@pytest.mark.parametrize("name", PLAN_APPENDIX_NAMES + PLAN_BODY_NAMES)
def test_names_printed_in_the_plan_resolve(names, name):
    assert len(names.get(_key(name), ())) == 1, name


def test_no_name_is_ambiguous_after_folding(data):
    owners: dict[str, set[str]] = defaultdict(set)
    for row in data["agencies"] + data["groups"]:
        for name in [row["name"], row.get("short_name", row["name"]), *row["aliases"]]:
            owners[_fold(name)].add(row["code"])
    assert {name: codes for name, codes in owners.items() if len(codes) > 1} == {}


def test_plan_successions(data, agencies):
    def successors(predecessor: str) -> dict[str, bool]:
        [succession] = [s for s in data["successions"] if predecessor in s["predecessors"]]
        return {t["agency"]: t["foreign_information"] for t in succession["successors"]}

    assert successors("so-tttt") == {"so-khcn": False, "so-vhttdl": True}
    assert successors("so-du-lich") == {"so-vhttdl": True}
    assert successors("so-ldtbxh") == {"so-noi-vu": True}
    assert successors("bao-nghe-an") == {"bao-dai-ptth": True}
    assert successors("ban-tuyen-giao-tu") == {"ban-tgdv-tu": True}
    assert agencies["so-ngoai-vu"]["active_to"] is None
    assert agencies["bao-dai-ptth"]["active_from"] == "2025-07-01"


def test_groups(data):
    groups = {group["code"]: group for group in data["groups"]}
    assert groups["co-quan-bao-chi"]["kinds"] == ["press"]
    assert groups["ubnd-huyen-thanh-thi"]["kinds"] == ["district"]
    assert groups["ubnd-xa-phuong"]["kinds"] == ["commune"]
    assert "ubnd-tinh" in groups["so-nganh-dia-phuong"]["exclude"]
    assert "tinh-uy" in groups["to-chuc-chinh-tri-xa-hoi"]["exclude"]
