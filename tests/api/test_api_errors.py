"""What the API fuzzer found, pinned: every API answer is JSON and in the schema."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/api/sets/%23%20x/"),  # '#' and a space: no slug route matches
        ("get", "/api/products/a/b/c/"),
        ("post", "/api/nowhere/"),  # a form post without a CSRF token
        ("delete", "/api/sets/%F3%88%A7%BF/like/"),
    ],
)
def test_an_api_path_no_route_takes_answers_json_404(method, path):
    # given an anonymous client with CSRF checks on, as a browser is
    client = Client(enforce_csrf_checks=True)
    # when it calls an /api/ address that no API route takes
    response = getattr(client, method)(path)
    # then the answer is the API's JSON 404, not the shop's HTML page (or a 403)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "detail": "No API endpoint at this address."
    }


def schema():
    response = Client().get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_every_operation_documents_the_shared_json_errors():
    document = schema()
    assert document["components"]["schemas"]["Error"]["required"] == ["detail"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for code in ("400", "403", "404", "429"):
                assert code in operation["responses"], f"{method} {path} {code}"


def test_a_sets_referral_code_is_documented_as_nullable():
    # it is null for everyone but the set's creator
    for name in ("Set", "SetSummary"):
        field = schema()["components"]["schemas"][name]["properties"]["referral_code"]
        assert field.get("nullable") is True, name


@pytest.fixture
def shopper():
    from tests.shop.factories import UserFactory

    return UserFactory()


@pytest.fixture
def shopper_client(shopper):
    client = Client()
    client.force_login(shopper)
    return client


@pytest.mark.parametrize(
    "body",
    [
        # ids and versions past what a database column holds (SQLite: int64)
        {
            "items": [
                {"product": -(2**63) - 1, "x": 0, "y": 0, "width": 0.2, "height": 0.2}
            ]
        },
        {"items": [{"product": 2**64, "x": 0, "y": 0, "width": 0.2, "height": 0.2}]},
    ],
)
def test_an_id_too_big_for_the_database_is_bad_input_not_a_500(shopper_client, body):
    from sets.models import Set

    response = shopper_client.post(
        "/api/sets/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    assert "product" in json.dumps(json.loads(response.content)["errors"])
    assert Set.objects.count() == 0


def test_a_version_too_big_for_the_database_is_bad_input_not_a_500(
    shopper, shopper_client
):
    from tests.sets.factories import SetFactory

    # given the shopper's own draft
    board = SetFactory(owner=shopper, title="Mine")
    # when the autosave names a version past what the column holds
    response = shopper_client.patch(
        f"/api/sets/{board.slug}/",
        json.dumps({"version": 2**70, "title": "x"}),
        content_type="application/json",
    )
    # then it is bad input and the set is unchanged
    assert response.status_code == 400
    assert "version" in json.loads(response.content)["errors"]
    board.refresh_from_db()
    assert (board.title, board.version) == ("Mine", 1)


@pytest.mark.parametrize("product", ["²", "99999999999999999999999", "١٢"])
def test_a_product_filter_that_is_no_id_lists_without_filtering(product):
    response = Client().get("/api/sets/", {"product": product})
    assert response.status_code == 200
    assert json.loads(response.content)["results"] == []
