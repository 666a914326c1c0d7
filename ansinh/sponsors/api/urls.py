"""API routes for sponsors."""

from rest_framework.routers import DefaultRouter

from ansinh.sponsors.api.views import CardViewSet, PledgeViewSet, SponsorViewSet

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.include_root_view = False
router.register("sponsors", SponsorViewSet, basename="sponsor")
router.register("pledges", PledgeViewSet, basename="pledge")
router.register("sponsored-cards", CardViewSet, basename="sponsored-card")
urlpatterns = router.urls
