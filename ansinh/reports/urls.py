"""Page routes for reports."""

app_name = "reports"
urlpatterns: list = []
