from django.urls import path

from . import views

urlpatterns = [
    path("sets/", views.SetListCreateAPI.as_view(), name="api-sets"),
    # Fixed words before <slug>: set slugs can never be these (see services.editing).
    path("sets/mine/", views.MySetsAPI.as_view(), name="api-sets-mine"),
    path(
        "sets/products/",
        views.SetProductSearchAPI.as_view(),
        name="api-sets-products",
    ),
    path("sets/<slug:slug>/", views.SetDetailAPI.as_view(), name="api-set"),
    path("sets/<slug:slug>/items/", views.SetItemsAPI.as_view(), name="api-set-items"),
    path(
        "sets/<slug:slug>/publish/",
        views.SetPublishAPI.as_view(),
        name="api-set-publish",
    ),
    path("sets/<slug:slug>/like/", views.SetLikeAPI.as_view(), name="api-set-like"),
    path("sets/<slug:slug>/share/", views.SetShareAPI.as_view(), name="api-set-share"),
    path(
        "sets/<slug:slug>/report/", views.SetReportAPI.as_view(), name="api-set-report"
    ),
]
