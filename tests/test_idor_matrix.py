"""The IDOR matrix: every route that takes an id, a slug, a number or a token,
requested as the owner of its object, another shopper, an anonymous visitor and
the merchant, must answer the status that tests/idor_table.py gives.

The routes are read from the URL configuration itself (allauth's and the API's
included), so a new route with parameters and no row in the table fails
test_every_route_with_parameters_has_a_row until someone decides who may see it.
Two rules skip routes: the Django admin (its own staff-only permission checks) and
the media/static file views (paths, not objects: core.media's tests cover them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.api.world import build_world, signed_in_client
from tests.idor_table import ROLES, SKIPPED_NAMESPACES, TABLE


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    parameters: tuple[str, ...]


def _parameters(pattern) -> list[str]:
    converters = getattr(pattern, "converters", None)
    if converters:
        return list(converters)
    regex = getattr(pattern, "regex", None)
    return list(regex.groupindex) if regex is not None else []


def _file_prefixes() -> tuple[str, ...]:
    return tuple(
        url.lstrip("/")
        for url in (settings.MEDIA_URL, settings.STATIC_URL)
        if url and url.strip("/")
    )


def routes() -> list[Route]:
    """Every URL pattern of the project, namespaced name and all its parameters."""
    found: list[Route] = []

    def walk(resolver, prefix: str, namespaces: tuple, parameters: tuple) -> None:
        for entry in resolver.url_patterns:
            text = prefix + str(entry.pattern).lstrip("^").rstrip("$")
            params = parameters + tuple(_parameters(entry.pattern))
            if isinstance(entry, URLResolver):
                if entry.namespace in SKIPPED_NAMESPACES:  # rule 1: the admin
                    continue
                spaces = namespaces + ((entry.namespace,) if entry.namespace else ())
                walk(entry, text, spaces, params)
            elif isinstance(entry, URLPattern):
                if text.startswith(_file_prefixes()):  # rule 2: media and static
                    continue
                name = ":".join((*namespaces, entry.name)) if entry.name else text
                found.append(Route(name, text, params))

    walk(get_resolver(), "", (), ())
    return found


def routes_with_parameters() -> list[Route]:
    return [route for route in routes() if route.parameters]


def test_every_route_with_parameters_has_a_row():
    missing = sorted(
        {f"{r.name}  (/{r.pattern})" for r in routes_with_parameters()}
        - {
            f"{r.name}  (/{r.pattern})"
            for r in routes_with_parameters()
            if r.name in TABLE
        }
    )
    assert not missing, (
        "These routes take an id, slug, number or token but tests/idor_table.py "
        "has no row for them. Add one per route: the status the owner, another "
        "shopper, an anonymous visitor and the merchant should get:\n  "
        + "\n  ".join(missing)
    )


def test_every_row_names_a_route_that_exists():
    names = {route.name for route in routes_with_parameters()}
    assert sorted(set(TABLE) - names) == []


def test_the_walker_sees_allauth_and_the_api_and_skips_admin_and_media():
    names = {route.name for route in routes()}
    assert {"account_confirm_email", "api-set", "shop:thanks"} <= names
    assert not any(route.pattern.startswith("admin/") for route in routes())
    assert not any(
        route.pattern.startswith(settings.MEDIA_URL.lstrip("/")) for route in routes()
    )


CASES = [
    pytest.param(name, index, role, id=f"{name}[{case.label or index}]-{role}")
    for name, cases in TABLE.items()
    for index, case in enumerate(cases)
    for role in ROLES
]


def _client(role: str, world) -> Client:
    user = {
        "owner": world.owner,
        "other": world.other,
        "anonymous": None,
        "merchant": world.merchant,
    }[role]
    return signed_in_client(user, world=world)


@pytest.mark.django_db
@pytest.mark.parametrize("name, index, role", CASES)
def test_route_answers_each_visitor_as_the_table_says(name, index, role, settings):
    settings.RATE_LIMITS_ENABLED = False
    case = TABLE[name][index]
    # given the world, and this visitor
    world = build_world()
    client = _client(role, world)
    before = case.state(world) if case.state else None
    # when they ask for the owner's object
    url = reverse(name, kwargs=case.kwargs(world))
    query = case.query(world) if case.query else None
    if url.startswith("/api/"):
        body = json.dumps(case.data(world)) if case.data else None
        response = getattr(client, case.method)(
            url
            + (f"?{'&'.join(f'{k}={v}' for k, v in query.items())}" if query else ""),
            data=body,
            content_type="application/json",
        )
    elif case.method == "get":
        response = client.get(url, query)
    else:
        response = getattr(client, case.method)(
            url, case.data(world) if case.data else {}
        )
    # then they get what the table says
    assert response.status_code == case.expected(role), (
        f"{case.method.upper()} {url} as {role}: {response.status_code}, "
        f"the table says {case.expected(role)}. {case.why}"
    )
    if case.state and role != "owner":
        assert case.state(world) == before, f"{role} changed the owner's object"
