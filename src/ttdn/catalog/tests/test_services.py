"""Items through their life: workflow, history, translations, duplicates, clean input."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from ttdn.catalog.choices import DuplicateDecision, ItemStatus
from ttdn.catalog.models import DuplicateCandidate, Item, ItemHistory
from ttdn.catalog.services import duplicates, items
from ttdn.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


def actions(item) -> list[str]:
    return list(
        ItemHistory.objects.filter(item=item).order_by("pk").values_list("action", flat=True)
    )


def test_draft_to_published_leaves_a_history_row_per_change(officer, coordinator, agency):
    item = items.item_create(
        actor=officer, agency=agency, data={"title": "Ẩm thực xứ Nghệ", "language": "vi",
                                            "kind": "photo_album"}
    )  # fmt: skip
    assert item.status == ItemStatus.DRAFT and item.created_by == officer
    item = items.item_submit(actor=officer, item=item)
    item = items.item_approve(actor=coordinator, item=item, note="Tốt")
    item = items.item_publish(actor=coordinator, item=item)
    assert item.status == ItemStatus.PUBLISHED and item.published_at is not None
    assert actions(item) == ["created", "submitted", "approved", "published"]
    last = ItemHistory.objects.filter(item=item).latest("pk")
    assert (last.from_status, last.to_status, last.actor) == ("approved", "published", coordinator)


def test_a_step_out_of_order_is_refused_with_a_sentence(make_item, coordinator, english):
    item = make_item("Bản nháp")
    with pytest.raises(ApplicationError, match="is draft, so it cannot be published now"):
        items.item_publish(actor=coordinator, item=item)
    assert Item.objects.get(pk=item.pk).status == ItemStatus.DRAFT


def test_return_needs_a_note_and_sends_the_item_back_to_draft(make_item, coordinator):
    item = make_item("Chờ duyệt", status="in_review")
    with pytest.raises(ApplicationError):
        items.item_return(actor=coordinator, item=item, note="  ")
    item = items.item_return(actor=coordinator, item=item, note="Thêm nguồn ảnh")
    assert item.status == ItemStatus.DRAFT and item.review_note == "Thêm nguồn ảnh"


def test_publication_is_refused_when_rights_expired_or_consent_is_missing(
    make_item, coordinator, english
):
    expired = make_item("Ảnh cũ", status="approved", rights_expire_on=datetime.date(2020, 1, 1))
    with pytest.raises(ApplicationError, match="expired on 01/01/2020"):
        items.item_publish(actor=coordinator, item=expired)
    pending = make_item("Chân dung", status="approved", consent="pending")
    with pytest.raises(ApplicationError, match="have not consented"):
        items.item_publish(actor=coordinator, item=pending)


def test_body_is_sanitised_and_plain_text_becomes_paragraphs(make_item):
    item = make_item(
        "Bài viết",
        body='<p onclick="x()">Xin <script>alert(1)</script><a href="javascript:x">chào</a></p>',
    )
    assert (
        "script" not in item.body and "onclick" not in item.body and "javascript" not in item.body
    )
    assert make_item("Văn bản", body="Đoạn một.\n\nĐoạn hai.").body == (
        "<p>Đoạn một.</p><p>Đoạn hai.</p>"
    )


def test_unknown_language_and_country_codes_are_refused_with_sentences(make_item, english):
    with pytest.raises(ApplicationError, match="“xx” is not a language the database accepts"):
        make_item("Tin", language="xx")
    with pytest.raises(ApplicationError, match="ZZ: not ISO 3166 country codes"):
        make_item("Tin", target_countries=["LA", "zz"])
    assert not Item.objects.filter(title="Tin").exists()


def test_titles_and_text_are_normalised_to_nfc(make_item):
    item = make_item("Nghe\u0302\u0323  An\u00a0")
    assert item.title == "Nghệ An" and item.title_folded == "nghe an"


def test_the_same_address_is_blocked_after_normalisation(make_item, english):
    first = make_item("Bài gốc", original_url="https://www.baonghean.vn/bai-1/?utm_source=fb")
    with pytest.raises(ApplicationError, match=f"no. {first.pk}") as raised:
        make_item("Bài trùng", original_url="http://baonghean.vn/bai-1")
    assert raised.value.extra["duplicate_of"] == first.pk


def test_a_translation_shares_the_key_and_becomes_outdated_when_its_source_changes(
    make_item, coordinator
):
    source = make_item("Lễ hội Làng Sen", summary="Tóm tắt")
    english = items.translation_create(
        actor=coordinator, source=source, data={"language": "en", "title": "Lang Sen Festival"}
    )
    assert english.translation_key == source.translation_key
    assert english.kind == source.kind and not english.translation_is_stale
    items.item_update(actor=coordinator, item=source, data={"summary": "Tóm tắt mới"})
    english.refresh_from_db()
    assert english.translation_is_stale
    english = items.translation_mark_current(actor=coordinator, item=english)
    assert not Item.objects.get(pk=english.pk).translation_is_stale
    with pytest.raises(ApplicationError):
        items.translation_create(
            actor=coordinator, source=source, data={"language": "en", "title": "Again"}
        )


def test_near_duplicate_titles_are_flagged_for_a_person(make_item, coordinator):
    first = make_item("Nghệ An đón 5 triệu lượt khách du lịch trong năm 2025")
    second = make_item("Nghệ An đón 5 triệu lượt khách du lịch năm 2025")
    make_item("Hội nghị xúc tiến đầu tư vào khu kinh tế Đông Nam")
    pairs = DuplicateCandidate.objects.all()
    assert [(p.item_id, p.other_id) for p in pairs] == [(second.pk, first.pk)]
    assert pairs[0].similarity >= 0.8
    duplicates.duplicate_decide(
        actor=coordinator, candidate=pairs[0], decision=DuplicateDecision.DUPLICATE
    )
    assert Item.objects.get(pk=second.pk).status == ItemStatus.ARCHIVED
    with pytest.raises(ApplicationError):
        duplicates.duplicate_decide(
            actor=coordinator, candidate=pairs[0], decision=DuplicateDecision.DISTINCT
        )


def test_only_the_coordinator_decides_duplicates(make_item, officer):
    make_item("Khai mạc lễ hội hang Thẩm Ồm năm nay")
    make_item("Khai mạc lễ hội hang Thẩm Ồm năm nay!")
    with pytest.raises(PermissionDenied):
        duplicates.duplicate_decide(
            actor=officer, candidate=DuplicateCandidate.objects.get(), decision="distinct"
        )


def test_similarity_of_folded_titles():
    a = duplicates.shingles("nghe an don khach")
    assert duplicates.jaccard(a, duplicates.shingles("nghe an don khach")) == 1.0
    assert duplicates.jaccard(a, duplicates.shingles("hoi nghi dau tu")) < 0.2
