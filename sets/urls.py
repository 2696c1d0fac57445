from django.urls import include, path

from . import views

app_name = "sets"

urlpatterns = [
    path("sets/", views.set_browse, name="browse"),
    # Fixed words before <slug>: set slugs can never be these (see services.editing).
    path("sets/mine/", views.my_sets, name="mine"),
    # The editor (/sets/new/, /sets/<slug>/edit/) lives in its own module.
    path("", include("sets.editor_urls")),
    path("sets/<slug:slug>/", views.set_detail, name="detail"),
    path("sets/<slug:slug>/embed/", views.set_embed, name="embed"),
    path("sets/<slug:slug>/picture.css", views.set_picture_css, name="picture_css"),
    path("sets/<slug:slug>/like/", views.set_like_toggle, name="like"),
    path("sets/<slug:slug>/email/", views.set_email, name="email"),
    path("sets/<slug:slug>/report/", views.set_report_view, name="report"),
    path(
        "sets/<slug:slug>/to/<int:product_id>/",
        views.set_product_redirect,
        name="product_redirect",
    ),
    # A public handle (shop.services.profiles): letters, digits and hyphens only.
    path("u/<slug:handle>/", views.creator_sets, name="creator"),
]
