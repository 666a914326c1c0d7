"""API routes for campaigns."""

from rest_framework.routers import DefaultRouter

from ansinh.campaigns.api.views import CampaignViewSet

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.include_root_view = False
router.register("campaigns", CampaignViewSet, basename="campaign")
urlpatterns = router.urls
