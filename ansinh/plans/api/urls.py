"""API routes for plans: targets and reported figures."""

from rest_framework.routers import DefaultRouter

from ansinh.plans.api.views import FigureViewSet, PlanViewSet

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.register("plans", PlanViewSet, basename="plan")
router.register("figures", FigureViewSet, basename="figure")
urlpatterns = router.urls
