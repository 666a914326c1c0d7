"""API routes for enrollment."""

from rest_framework.routers import DefaultRouter

from ansinh.enrollment.api.views import EnrollmentViewSet, PointViewSet, ReceiptViewSet, StaffViewSet, WorklistViewSet

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.include_root_view = False
router.register("enrollments", EnrollmentViewSet, basename="enrollment")
router.register("receipts", ReceiptViewSet, basename="receipt")
router.register("worklist/expiring-cards", WorklistViewSet, basename="expiring-card")
router.register("collection-points", PointViewSet, basename="collection-point")
router.register("staff", StaffViewSet, basename="staff")
urlpatterns = router.urls
