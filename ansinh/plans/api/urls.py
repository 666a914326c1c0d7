"""API routes for plans."""

urlpatterns: list = []
