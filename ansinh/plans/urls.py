"""Page routes for plans."""

app_name = "plans"
urlpatterns: list = []
