"""API routes for enrollment."""

urlpatterns: list = []
