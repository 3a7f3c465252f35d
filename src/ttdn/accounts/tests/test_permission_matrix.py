"""Every view × every role: the expected answer, allow or deny (with a sentence)."""

import pytest
from django.urls import reverse

from ttdn.accounts.choices import Role

pytestmark = pytest.mark.django_db

ROLES = {
    "officer": (Role.OFFICER, "so-ngoai-vu"),
    "head": (Role.HEAD, "so-ngoai-vu"),
    "coordinator": (Role.COORDINATOR, "so-vhttdl"),
    "leader": (Role.LEADER, "ubnd-tinh"),
    "admin": (Role.ADMIN, None),
}
PLAN = "978-kh-ubnd"

# view name → (url, {role: expected status}); anonymous users always go to the log-in page.
MATRIX = {
    "plan home": (reverse("plans:home"), dict.fromkeys(ROLES, 302)),
    "plan": (reverse("plans:detail", args=[PLAN]), dict.fromkeys(ROLES, 200)),
    "task": (reverse("plans:task", args=[PLAN, "2.4"]), dict.fromkeys(ROLES, 200)),
    "task edit": (
        reverse("plans:task_edit", args=[PLAN, "2.4"]),
        {"officer": 403, "head": 403, "coordinator": 200, "leader": 403, "admin": 200},
    ),
    "plan export": (reverse("plans:export", args=[PLAN, "json"]), dict.fromkeys(ROLES, 200)),
    "my agency": (
        reverse("plans:my_agency"),
        {"officer": 200, "head": 200, "coordinator": 200, "leader": 200, "admin": 302},
    ),
    "own agency work": (
        reverse("plans:agency_work", args=["so-ngoai-vu"]),
        dict.fromkeys(ROLES, 200),
    ),
    "other agency work": (
        reverse("plans:agency_work", args=["so-vhttdl"]),
        {"officer": 403, "head": 403, "coordinator": 200, "leader": 200, "admin": 200},
    ),
    "agency list": (reverse("agencies:list"), dict.fromkeys(ROLES, 200)),
    "agency page": (reverse("agencies:detail", args=["so-vhttdl"]), dict.fromkeys(ROLES, 200)),
    "own agency form": (
        reverse("agencies:edit", args=["so-ngoai-vu"]),
        {"officer": 200, "head": 200, "coordinator": 200, "leader": 403, "admin": 200},
    ),
    "other agency form": (
        reverse("agencies:edit", args=["so-vhttdl"]),
        {"officer": 403, "head": 403, "coordinator": 200, "leader": 403, "admin": 200},
    ),
    "admin": (
        reverse("admin:index"),
        {"officer": 302, "head": 302, "coordinator": 302, "leader": 302, "admin": 200},
    ),
}
CASES = [(view, role) for view in MATRIX for role in ROLES]


@pytest.mark.parametrize(("view", "role"), CASES)
def test_matrix(client, make_user, view, role):
    url, expected = MATRIX[view]
    role_value, agency = ROLES[role]
    client.force_login(make_user(role_value, agency))
    response = client.get(url)
    assert response.status_code == expected[role], (view, role)
    if expected[role] == 403:
        body = response.content.decode()
        assert 'data-testid="denied-message"' in body
        assert "Traceback" not in body


@pytest.mark.parametrize("view", list(MATRIX))
def test_anonymous_users_are_sent_to_log_in(client, view):
    url, _expected = MATRIX[view]
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_denial_speaks_the_users_language(client, make_user):
    client.force_login(make_user(Role.OFFICER, "so-ngoai-vu"))
    url = reverse("plans:agency_work", args=["so-vhttdl"])
    vietnamese = client.get(url).content.decode()
    assert "Bạn chỉ có thể mở công việc của cơ quan mình" in vietnamese
    client.cookies["ttdn_language"] = "en"
    english = client.get(url).content.decode()
    assert "You can only open the work of your own agency" in english


def test_posting_another_agencys_form_changes_nothing(client, make_user):
    from ttdn.agencies.models import Agency

    client.force_login(make_user(Role.OFFICER, "so-ngoai-vu"))
    response = client.post(
        reverse("agencies:edit", args=["so-vhttdl"]), {"email": "hacked@example.org"}
    )
    assert response.status_code == 403
    assert Agency.objects.get(code="so-vhttdl").email == ""


def test_leader_cannot_change_even_through_the_service(make_user, english):
    from django.core.exceptions import PermissionDenied

    from ttdn.agencies.models import Agency
    from ttdn.agencies.services import agency_update_contact

    leader = make_user(Role.LEADER, "ubnd-tinh")
    agency = Agency.objects.get(code="ubnd-tinh")
    with pytest.raises(PermissionDenied, match="Leaders can read everything"):
        agency_update_contact(actor=leader, agency=agency, data={"email": "x@example.org"})
    agency.refresh_from_db()
    assert agency.email == ""
