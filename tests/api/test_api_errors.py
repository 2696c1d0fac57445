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
