"""API routes for enrollment, and the field API of people and households (the registry's, extended)."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from ansinh.enrollment.api.views import (
    EnrollmentViewSet,
    HouseholdViewSet,
    ImportRunViewSet,
    LapsedCardViewSet,
    PersonViewSet,
    ReceiptViewSet,
    SmsEventView,
    WorklistViewSet,
)

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.include_root_view = False
router.register("people", PersonViewSet, basename="person")
router.register("households", HouseholdViewSet, basename="household")
router.register("enrollments", EnrollmentViewSet, basename="enrollment")
router.register("receipts", ReceiptViewSet, basename="receipt")
router.register("imports", ImportRunViewSet, basename="import-run")
router.register("worklist/expiring-cards", WorklistViewSet, basename="expiring-card")
router.register("worklist/lapsed-cards", LapsedCardViewSet, basename="lapsed-card")
urlpatterns = [path("reminders/sms-events/", SmsEventView.as_view(), name="sms-events"), *router.urls]
