"""The rules: an agency edits its own items, the coordinator reviews, a leader reads, the
public sees only what is published."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from ttdn.accounts.choices import Role
from ttdn.catalog import permissions as rules
from ttdn.catalog.services import items, tokens

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user, coordinator):
    return {
        "officer": make_user(Role.OFFICER, "so-ngoai-vu"),
        "head": make_user(Role.HEAD, "so-ngoai-vu"),
        "other": make_user(Role.OFFICER, "so-du-lich", username="other"),
        "coordinator": coordinator,
        "leader": make_user(Role.LEADER, "ubnd-tinh"),
        "public": AnonymousUser(),
    }


EXPECTED = {
    # role:          view draft, edit draft, edit published, submit, review, archive draft
    "officer": (True, True, False, True, False, True),
    "head": (True, True, False, True, False, True),
    "other": (False, False, False, False, False, False),
    "coordinator": (True, True, True, True, True, True),
    "leader": (True, False, False, False, False, False),
    "public": (False, False, False, False, False, False),
}


@pytest.mark.parametrize("role", EXPECTED)
def test_rule_matrix(people, make_item, role):
    draft = make_item("Bản nháp")
    published = make_item("Đã đăng", status="published")
    user = people[role]
    assert (
        rules.can_view_item(user, draft),
        rules.can_edit_item(user, draft),
        rules.can_edit_item(user, published),
        rules.can_submit_item(user, draft),
        rules.can_review(user),
        rules.can_archive_item(user, draft),
    ) == EXPECTED[role]
    assert rules.can_view_item(user, published)


def test_services_enforce_the_rules(people, make_item, agency, english):
    draft = make_item("Bản nháp", status="in_review")
    with pytest.raises(PermissionDenied, match="only change items of your own agency"):
        items.item_update(actor=people["other"], item=draft, data={"title": "x"})
    with pytest.raises(PermissionDenied, match="read everything"):
        items.item_create(actor=people["leader"], agency=agency, data={"title": "x"})
    with pytest.raises(PermissionDenied, match="coordinating department reviews"):
        items.item_approve(actor=people["officer"], item=draft)
    approved = items.item_approve(actor=people["coordinator"], item=draft)
    with pytest.raises(PermissionDenied, match="ask the coordinator to return it"):
        items.item_update(actor=people["officer"], item=approved, data={"title": "x"})


def test_tokens_are_managed_by_the_head_or_the_coordinator(people, agency):
    with pytest.raises(PermissionDenied):
        tokens.token_create(actor=people["officer"], agency=agency, name="Cổng TTĐT")
    token, secret = tokens.token_create(actor=people["head"], agency=agency, name="Cổng TTĐT")
    assert secret.startswith("ttdn_") and token.token_hash != secret
    assert secret not in str(token.__dict__.values())
    assert tokens.token_authenticate(secret) == token
    tokens.token_revoke(actor=people["coordinator"], token=token)
    assert tokens.token_authenticate(secret) is None


def test_pages_follow_the_rules(client, people, make_item):
    draft = make_item("Bản nháp")
    for role, status in (("public", 403), ("other", 403), ("officer", 200), ("leader", 200)):
        client.logout()
        if role != "public":
            client.force_login(people[role])
        response = client.get(f"/catalog/items/{draft.pk}/")
        assert response.status_code == status, role
    client.force_login(people["officer"])
    assert client.get("/catalog/review/").status_code == 403
    client.force_login(people["leader"])
    assert client.get(f"/catalog/items/{draft.pk}/edit/").status_code == 403
    assert client.get("/catalog/items/new/").status_code == 200  # the form; saving is refused
