"""API routes for registry."""

from rest_framework.routers import DefaultRouter

from ansinh.registry.api.views import HouseholdViewSet, PersonViewSet

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.include_root_view = False
router.register("people", PersonViewSet, basename="person")
router.register("households", HouseholdViewSet, basename="household")
urlpatterns = router.urls
