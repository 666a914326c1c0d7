"""Page routes for calc."""

app_name = "calc"
urlpatterns: list = []
