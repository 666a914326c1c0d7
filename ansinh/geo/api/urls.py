"""API routes for geo."""

from rest_framework.routers import DefaultRouter

from ansinh.geo.api.views import UnitViewSet

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.register("units", UnitViewSet, basename="unit")
urlpatterns = router.urls
