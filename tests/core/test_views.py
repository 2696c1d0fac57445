"""The error pages: 404 with search and departments, 500 standalone."""

import pytest
from django.test import RequestFactory

from core.views import server_error
from shop.models import Category


@pytest.mark.django_db
def test_a_missing_page_is_a_404_with_the_departments(client):
    # given two departments and a sub-category
    home = Category.objects.create(name="Home", slug="home", position=2)
    Category.objects.create(name="Books", slug="books", position=1)
    Category.objects.create(name="Lamps", slug="lamps", parent=home)

    # when a visitor follows a broken link
    response = client.get("/no-such-page/")

    # then the 404 page offers a search and the top-level departments, in order
    assert response.status_code == 404
    page = response.content.decode()
    assert "We couldn’t find that page" in page
    assert 'name="q"' in page
    browse = page.split("Or browse a department:")[1]
    assert browse.index('href="/categories/books/"') < browse.index(
        'href="/categories/home/"'
    )
    assert "Lamps" not in browse


@pytest.mark.django_db
def test_a_crash_is_the_standalone_500_page():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
