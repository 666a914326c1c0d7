"""Root URL configuration: pages, API v1, schema and docs, admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from ansinh.accounts.throttle import LoginView
from ansinh.web import views as web_views

APPS_WITH_API = ["geo", "calc", "network", "enrollment", "campaigns", "plans", "sponsors", "reports"]
api_v1 = [path("", include(f"ansinh.{app}.api.urls")) for app in APPS_WITH_API]

urlpatterns = [
    path("", web_views.home, name="home"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("pick/<str:name>/", web_views.pick, name="pick"),
    path("units/", include("ansinh.geo.urls")),
    path("calc/", include("ansinh.calc.urls")),
    path("registry/", include("ansinh.registry.urls")),
    path("registry/", include("ansinh.enrollment.urls")),
    path("campaigns/", include("ansinh.campaigns.urls")),
    path("plans/", include("ansinh.plans.urls")),
    path("reports/", include("ansinh.reports.urls")),
    path("network/", include("ansinh.network.urls")),
    path("sponsors/", include("ansinh.sponsors.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

handler404 = "ansinh.web.views.not_found"
