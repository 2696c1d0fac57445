"""page_of: any ?page= gives a page, never an error."""

import pytest
from django.test import RequestFactory

from core.pagination import page_of, querystring_without_page

ITEMS = list(range(1, 26))  # 25 items, 10 a page: pages 1, 2, 3


@pytest.mark.parametrize(
    ("asked", "number"),
    [
        (None, 1),
        ("", 1),
        ("2", 2),
        ("3", 3),
        ("abc", 1),
        ("1.5", 1),
        ("99", 3),
        ("0", 3),
        ("-1", 3),
    ],
)
def test_a_bad_page_number_is_clamped(asked, number):
    # given a request asking for some page
    params = {} if asked is None else {"page": asked}
    request = RequestFactory().get("/", params)

    # when the list is paged
    page = page_of(request, ITEMS, 10)

    # then a real page comes back
    assert page.number == number
    assert list(page.object_list) == ITEMS[(number - 1) * 10 : number * 10]


def test_an_empty_list_is_one_empty_page():
    page = page_of(RequestFactory().get("/", {"page": "4"}), [], 10)

    assert page.number == 1
    assert list(page.object_list) == []


def test_the_pager_links_keep_every_parameter_but_page():
    request = RequestFactory().get("/", {"q": "lamp", "page": "2", "color": "red"})

    assert querystring_without_page(request) == "q=lamp&color=red"
