"""API routes for reports."""

urlpatterns: list = []
