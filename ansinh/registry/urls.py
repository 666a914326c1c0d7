"""Page routes for registry."""

app_name = "registry"
urlpatterns: list = []
