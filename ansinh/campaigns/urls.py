"""Page routes for campaigns."""

app_name = "campaigns"
urlpatterns: list = []
