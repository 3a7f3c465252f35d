import datetime

import pytest

from ttdn.agencies.models import Agency, AgencyGroup
from ttdn.agencies.selectors import (
    AmbiguousSuccession,
    agency_find,
    agency_group_members,
    agency_resolve,
)
from ttdn.core.errors import ApplicationError
from ttdn.plans.models import TaskAssignment

pytestmark = pytest.mark.django_db

BEFORE = datetime.date(2024, 6, 1)
AFTER = datetime.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("printed", "today_code", "then_code"),
    [
        ("Sở Thông tin và Truyền thông", "so-vhttdl", "so-tttt"),
        ("Sở TT&TT", "so-vhttdl", "so-tttt"),
        ("so thong tin va truyen thong", "so-vhttdl", "so-tttt"),
        ("Sở Du lịch", "so-vhttdl", "so-du-lich"),
        ("Sở Văn hóa và Thể thao", "so-vhttdl", "so-vhtt"),
        ("Báo Nghệ An", "bao-dai-ptth", "bao-nghe-an"),
        ("Đài Phát thanh và Truyền hình tỉnh", "bao-dai-ptth", "dai-ptth"),
        ("Ban Tuyên giáo Tỉnh ủy", "ban-tgdv-tu", "ban-tuyen-giao-tu"),
        ("Sở Ngoại vụ", "so-ngoai-vu", "so-ngoai-vu"),
        ("Sở Nội vụ", "so-noi-vu", "so-noi-vu"),
        ("Sở Lao động - Thương binh và Xã hội", "so-noi-vu", "so-ldtbxh"),
        ("Bộ Thông tin và Truyền thông", "bo-vhttdl", "bo-tttt"),
    ],
)
def test_resolve_follows_successions_by_date(printed, today_code, then_code):
    assert agency_resolve(printed, on=AFTER).code == today_code
    assert agency_resolve(printed, on=BEFORE).code == then_code


def test_split_goes_to_the_successor_with_the_foreign_information_function():
    # Sở TT&TT went to two departments on 01/03/2025; only one took foreign information.
    assert agency_resolve("Sở Thông tin và Truyền thông", on=datetime.date(2025, 3, 1)).code == (
        "so-vhttdl"
    )
    assert agency_resolve("Sở Thông tin và Truyền thông", on=datetime.date(2025, 2, 28)).code == (
        "so-tttt"
    )


def test_every_agency_named_in_plan_978_resolves_to_one_in_charge_today():
    assignments = TaskAssignment.objects.filter(task__plan__number="978/KH-UBND")
    assert assignments.count() > 50
    for assignment in assignments.select_related("agency", "group"):
        assert not assignment.is_flagged, assignment.printed
        if assignment.agency is not None:
            current = agency_resolve(assignment.agency, on=AFTER)
            assert current.active_to is None, (assignment.printed, current)


def test_a_district_divided_among_communes_asks_for_a_choice(english):
    with pytest.raises(AmbiguousSuccession) as error:
        agency_resolve("UBND huyện Kỳ Sơn", on=AFTER)
    assert len(error.value.candidates) > 1
    assert all(c.kind == "commune" for c in error.value.candidates)
    assert "Kỳ Sơn" in error.value.message


def test_unknown_names_and_groups_are_refused_with_a_sentence(english):
    with pytest.raises(ApplicationError, match="No agency is known by the name"):
        agency_resolve("Sở Không Tồn Tại")
    with pytest.raises(ApplicationError, match="is a group of agencies"):
        agency_resolve("Các sở, ngành, địa phương")


def test_find_matches_aliases_without_diacritics():
    assert isinstance(agency_find("cac so nganh, dia phuong"), AgencyGroup)
    assert agency_find("SO NGOAI VU").code == "so-ngoai-vu"


def test_group_membership_follows_the_reorganisation():
    group = AgencyGroup.objects.get(code="so-nganh-dia-phuong")
    before = set(agency_group_members(group, on=BEFORE).values_list("code", flat=True))
    after = set(agency_group_members(group, on=AFTER).values_list("code", flat=True))
    assert "so-tttt" in before and "so-tttt" not in after
    assert "so-vhttdl" in after and "so-vhttdl" not in before
    assert "huyen-417" in before and "huyen-417" not in after
    communes_after = Agency.objects.filter(code__in=after, kind="commune").count()
    assert communes_after == 130
    assert "ubnd-tinh" not in after
