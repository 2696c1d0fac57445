from django.urls import path

from . import views

urlpatterns = [
    path("products/", views.ProductListAPI.as_view(), name="api-products"),
    path("products/<str:sku>/", views.ProductDetailAPI.as_view(), name="api-product"),
]
