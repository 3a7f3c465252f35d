import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_right_password_logs_in(client, officer):
    response = client.post(
        reverse("accounts:login"),
        {"username": officer.username, "password": "correct horse battery"},
    )
    assert response.status_code == 302


def test_wrong_password_gets_a_translated_sentence(client, officer):
    response = client.post(
        reverse("accounts:login"), {"username": officer.username, "password": "wrong"}
    )
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    client.cookies["ttdn_language"] = "en"
    response = client.post(
        reverse("accounts:login"), {"username": officer.username, "password": "wrong"}
    )
    assert "The user name or password is wrong" in response.content.decode()


def test_repeated_wrong_passwords_are_throttled_even_with_the_right_one(client, officer):
    for _attempt in range(5):
        client.post(reverse("accounts:login"), {"username": officer.username, "password": "no"})
    response = client.post(
        reverse("accounts:login"),
        {"username": officer.username, "password": "correct horse battery"},
    )
    assert response.status_code == 429
    assert "Quá nhiều lần nhập sai mật khẩu" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_root_sends_the_public_to_the_portal_and_staff_to_their_work(client, officer):
    assert client.get("/")["Location"] == "/vi/"
    client.force_login(officer)
    assert client.get("/")["Location"] == reverse("plans:home")
