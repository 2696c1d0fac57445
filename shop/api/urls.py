from django.urls import path, re_path

from . import views

urlpatterns = [
    path("products/", views.ProductListAPI.as_view(), name="api-products"),
    path("products/<str:sku>/", views.ProductDetailAPI.as_view(), name="api-product"),
    # Last of every app's API routes (config.urls includes this module last).
    re_path(r"", views.api_not_found, name="api-not-found"),
]
