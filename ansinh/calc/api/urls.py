"""API routes for calc."""

urlpatterns: list = []
