"""Page routes for enrollment."""

app_name = "enrollment"
urlpatterns: list = []
