from django.urls import path

from . import views

app_name = "shop"

urlpatterns = [
    path("", views.home, name="home"),
    path("products/", views.product_list_view, name="product_list"),
    path("products/<slug:slug>/", views.product_view, name="product"),
    path("categories/<slug:slug>/", views.category_view, name="category"),
    path("cart/", views.cart_view, name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/add-many/", views.cart_add_many, name="cart_add_many"),
    path("cart/added/<slug:slug>/", views.cart_added, name="cart_added"),
    path("cart/lines/<int:line_id>/", views.cart_line_update, name="cart_line_update"),
    path(
        "cart/lines/<int:line_id>/remove/",
        views.cart_line_remove,
        name="cart_line_remove",
    ),
    path("checkout/", views.checkout, name="checkout"),
    path("orders/<str:number>/thanks/", views.thanks, name="thanks"),
    path("account/", views.account, name="account"),
    path("account/profile/", views.account_profile, name="account_profile"),
    path("account/orders/<str:number>/", views.account_order, name="account_order"),
    path("healthz/", views.healthz, name="healthz"),
]
