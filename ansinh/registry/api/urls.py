"""API routes for registry."""

urlpatterns: list = []
