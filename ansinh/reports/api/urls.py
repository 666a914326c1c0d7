"""API routes for reports: coverage figures and report-pack jobs."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from ansinh.reports.api.views import JobViewSet, coverage

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.register("report-jobs", JobViewSet, basename="report-job")
urlpatterns = [path("coverage/", coverage, name="coverage"), *router.urls]
