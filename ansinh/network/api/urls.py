"""API routes for the field network."""

from rest_framework.routers import DefaultRouter

from ansinh.network.api.views import PointViewSet, StaffViewSet

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.include_root_view = False
router.register("collection-points", PointViewSet, basename="collection-point")
router.register("staff", StaffViewSet, basename="staff")
urlpatterns = router.urls
