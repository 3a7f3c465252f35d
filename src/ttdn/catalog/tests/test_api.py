"""The REST API, end to end, with every response checked against the OpenAPI schema."""

import json

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate as validate_spec

from ttdn.catalog.models import Item
from ttdn.catalog.services.tokens import token_create
from ttdn.catalog.tests.helpers import PDF_BYTES, image_bytes

pytestmark = pytest.mark.django_db
ITEMS = "/api/v1/catalog/items/"


@pytest.fixture(scope="module")
def spec(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    schema = json.loads(json.dumps(schema, default=str))
    validate_spec(schema)
    return schema


def _inline(node, spec):
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            return _inline(spec["components"]["schemas"][name], spec)
        return {key: _inline(value, spec) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(value, spec) for value in node]
    return node


def check(spec, response, path: str, method: str):
    """The response's status is documented and its body matches the documented schema."""
    operation = spec["paths"][path][method]
    documented = operation["responses"].get(str(response.status_code))
    assert documented, f"{method.upper()} {path} → {response.status_code} is not documented"
    schema = _inline(documented["content"]["application/json"]["schema"], spec)
    OAS30Validator(schema).validate(response.json())
    return response.json()


@pytest.fixture
def token(head, agency):
    return token_create(actor=head, agency=agency, name="Cổng thông tin Sở")[1]


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the API answers in the asker's language


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_the_schema_is_valid_openapi_and_served(client, spec):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    validate_spec(json.loads(response.content))
    assert set(spec["paths"]) == {
        "/api/v1/catalog/items/",
        "/api/v1/catalog/items/{id}/",
        "/api/v1/catalog/items/{id}/submit/",
        "/api/v1/catalog/items/{id}/media/",
    }
    assert client.get("/api/docs/").status_code == 200


def test_round_trip(client, spec, token, coordinator):
    from ttdn.plans.models import Task

    task = Task.objects.get(plan__number="978/KH-UBND", number="3.4")
    payload = {
        "title": "Lễ hội đền Quả Sơn",
        "language": "vi",
        "kind": "event",
        "summary": "Lễ hội truyền thống ở Đô Lương.",
        "body": "Đoạn một.\n\nĐoạn hai.",
        "topics": ["culture-heritage", "tourism"],
        "target_countries": ["LA", "fr"],
        "tasks": [task.pk],
        "published_on": "2025-02-10",
        "original_url": "https://dolương.nghean.gov.vn/le-hoi?utm_source=zalo",
    }
    response = client.post(ITEMS, payload, content_type="application/json", **auth(token))
    created = check(spec, response, "/api/v1/catalog/items/", "post")
    assert response.status_code == 201, created
    assert created["status"] == "draft" and created["agency"] == "so-ngoai-vu"
    assert created["target_countries"] == ["FR", "LA"] and created["tasks"][0]["number"] == "3.4"
    path, pk = "/api/v1/catalog/items/{id}/", created["id"]

    response = client.patch(
        f"{ITEMS}{pk}/", {"summary": "Tóm tắt mới"}, content_type="application/json", **auth(token)
    )
    assert check(spec, response, path, "patch")["summary"] == "Tóm tắt mới"

    image = {"file": _file("quason.jpg", image_bytes()), "caption": "Rước kiệu"}
    response = client.post(f"{ITEMS}{pk}/media/", image, **auth(token))
    media = check(spec, response, "/api/v1/catalog/items/{id}/media/", "post")
    assert response.status_code == 201 and media["content_type"] == "image/jpeg"
    file_url = media["url"].replace("http://testserver", "")
    assert client.get(file_url, **auth(token)).status_code == 200
    assert client.get(file_url).status_code == 403  # the item is not published

    english = {"title": "Qua Son Temple Festival", "language": "en", "kind": "event",
               "translation_of": pk, "submit": True}  # fmt: skip
    response = client.post(ITEMS, english, content_type="application/json", **auth(token))
    version = check(spec, response, "/api/v1/catalog/items/", "post")
    assert version["translated_from"] == pk and version["status"] == "in_review"
    assert set(version["topics"]) == {"culture-heritage", "tourism"}  # copied from the source

    response = client.post(f"{ITEMS}{pk}/submit/", **auth(token))
    assert check(spec, response, "/api/v1/catalog/items/{id}/submit/", "post")["status"] == (
        "in_review"
    )
    listed = check(spec, client.get(ITEMS, **auth(token)), "/api/v1/catalog/items/", "get")
    assert {row["id"] for row in listed["results"]} == {pk, version["id"]}
    public = check(spec, client.get(ITEMS), "/api/v1/catalog/items/", "get")
    assert public["count"] == 0  # nothing is published yet

    from ttdn.catalog.services.items import item_approve_and_publish

    item_approve_and_publish(actor=coordinator, item=Item.objects.get(pk=pk))
    public = check(spec, client.get(ITEMS, {"language": "vi"}), "/api/v1/catalog/items/", "get")
    assert [row["id"] for row in public["results"]] == [pk]
    assert check(spec, client.get(f"{ITEMS}{pk}/"), path, "get")["media"][0]["caption"] == (
        "Rước kiệu"
    )
    history = Item.objects.get(pk=pk).history.order_by("pk").first()
    assert history.via == "API token “Cổng thông tin Sở”" and history.actor.role == "head"


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("payload", "field", "sentence"),
    [
        ({"language": "vi", "kind": "article"}, "title", "Title: This field is required."),
        ({"title": "T", "language": "xx", "kind": "article"}, "language", "“xx” is not a language"),
        ({"title": "T", "language": "vi", "kind": "poem"}, "kind", "Kind: \"poem\" is not a valid"),
        ({"title": "T", "language": "vi", "kind": "fact", "target_countries": ["XX"]},
         "target_countries", "XX: not ISO 3166 country codes"),
        ({"title": "T", "language": "vi", "kind": "fact", "topics": ["nope"]}, "topics", "nope"),
        ({"title": "T", "language": "vi", "kind": "fact", "published_on": "31/02/2025"},
         "published_on", "Date has wrong format"),
    ],
)  # fmt: skip
def test_invalid_input_is_answered_in_sentences(
    client, spec, token, english, payload, field, sentence
):
    response = client.post(ITEMS, payload, content_type="application/json", **auth(token))
    body = check(spec, response, "/api/v1/catalog/items/", "post")
    assert response.status_code == 400
    assert sentence in body["detail"] and field in body["errors"]
    assert not Item.objects.exists()


def test_authentication_errors(client, spec, token, head, english):
    from ttdn.catalog.models import AgencyToken
    from ttdn.catalog.services.tokens import token_revoke

    payload = {"title": "T", "language": "vi", "kind": "fact"}
    response = client.post(ITEMS, payload, content_type="application/json")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    assert (
        "Authorization: Bearer" in check(spec, response, "/api/v1/catalog/items/", "post")["detail"]
    )
    token_revoke(actor=head, token=AgencyToken.objects.get())
    response = client.get(ITEMS, **auth(token))
    assert response.status_code == 401
    assert "revoked" in check(spec, response, "/api/v1/catalog/items/", "get")["detail"]


def test_duplicates_and_bad_files_are_refused(client, spec, token, make_item, english):
    existing = make_item("Bài gốc", original_url="https://baonghean.vn/a")
    payload = {"title": "Bài khác", "language": "vi", "kind": "article",
               "original_url": "http://www.baonghean.vn/a/"}  # fmt: skip
    response = client.post(ITEMS, payload, content_type="application/json", **auth(token))
    body = check(spec, response, "/api/v1/catalog/items/", "post")
    assert response.status_code == 409 and body["duplicate_of"] == existing.pk

    pk = client.post(
        ITEMS, {"title": "Ảnh", "language": "vi", "kind": "photo_album"},
        content_type="application/json", **auth(token),
    ).json()["id"]  # fmt: skip
    response = client.post(
        f"{ITEMS}{pk}/media/", {"file": _file("a.jpg", PDF_BYTES)}, **auth(token)
    )
    body = check(spec, response, "/api/v1/catalog/items/{id}/media/", "post")
    assert response.status_code == 400 and "its content is a PDF document" in body["detail"]


def test_an_agency_cannot_touch_another_agencys_items(client, spec, token, make_item, english):
    from ttdn.agencies.models import Agency

    other = Agency.objects.get(code="so-du-lich")
    draft = make_item("Nháp của sở khác", item_agency=other)
    published = make_item("Bài của sở khác", item_agency=other, status="published")
    path = "/api/v1/catalog/items/{id}/"
    response = client.get(f"{ITEMS}{draft.pk}/", **auth(token))
    assert response.status_code == 404 and check(spec, response, path, "get")
    response = client.patch(
        f"{ITEMS}{published.pk}/", {"title": "x"}, content_type="application/json", **auth(token)
    )
    assert response.status_code == 403
    assert "own agency" in check(spec, response, path, "patch")["detail"]
