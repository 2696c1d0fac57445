from django.urls import path

from . import views

urlpatterns = [
    path(
        "products/<str:sku>/crosssells/",
        views.ProductCrosssellsAPI.as_view(),
        name="api-product-crosssells",
    ),
]
