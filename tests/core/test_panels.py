"""Panel slots: apps above fill a page's slot without the page importing them."""

import pytest

from core import panels


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(panels, "_registry", {})
    return panels._registry


def test_renderers_fill_their_slot_in_order_each_once(registry):
    def first(request, **context):
        return f"<p>1 {context['product']}</p>"

    def second(request, **context):
        return "<p>2</p>"

    panels.register_panel("cart", first)
    panels.register_panel("cart", second)
    panels.register_panel("cart", first)  # AppConfig.ready may run twice

    html = panels.render_panels("cart", None, product="lamp")

    assert html == "<p>1 lamp</p><p>2</p>"


def test_an_empty_slot_renders_nothing(registry):
    assert panels.render_panels("thanks", None) == ""


def test_an_unknown_slot_is_refused(registry):
    with pytest.raises(ValueError, match="unknown panel slot 'sidebar'"):
        panels.register_panel("sidebar", lambda request, **context: "")

    assert registry == {}
