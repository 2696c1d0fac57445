from django.conf import settings
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.media import media_serve
from shop import account_views


def favicon(request):
    # Resolved per request: the hashed name exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


admin.site.site_header = f"{settings.SHOP_NAME} — merchant"
admin.site.site_title = f"{settings.SHOP_NAME} merchant"
admin.site.index_title = "Shop administration"
# One login for the whole site: the admin's goes through allauth (lock-out, two-factor).
admin.site.login = account_views.admin_login

urlpatterns = [
    # Browsers ask for /favicon.ico on pages without an icon link (the admin's).
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("accounts/login/", account_views.LoginView.as_view(), name="account_login"),
    path("accounts/signup/", account_views.SignupView.as_view(), name="account_signup"),
    path("accounts/", include("allauth.urls")),  # with allauth.mfa's /accounts/2fa/
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema"),
        name="api-docs",
    ),
    path("api/", include("crosssell.api.urls")),
    path("api/", include("sets.api.urls")),
    path("api/", include("shop.api.urls")),
    path("", include("crosssell.urls")),
    path("", include("sets.urls")),
    path("", include("shop.urls")),
]

if settings.SERVE_MEDIA:
    # Uploads: pictures only, fixed content types, nosniff (never static.serve).
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", media_serve)]

handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
