"""Page routes for sponsors."""

from django.urls import path

from ansinh.sponsors import views

app_name = "sponsors"
urlpatterns = [
    path("", views.sponsor_list, name="sponsor-list"),
    path("<int:pk>/", views.sponsor_detail, name="sponsor-detail"),
    path("pledges/", views.pledge_list, name="pledge-list"),
    path("pledges/<int:pk>/", views.pledge_detail, name="pledge-detail"),
    path("pledges/<int:pk>/receive/", views.pledge_receive, name="pledge-receive"),
    path("pledges/<int:pk>/give/", views.pledge_give, name="pledge-give"),
    path("pledges/<int:pk>/import/", views.pledge_import, name="pledge-import"),
    path("pledges/<int:pk>/close/", views.pledge_close, name="pledge-close"),
    path("pledges/<int:pk>/statement.pdf", views.pledge_statement, name="pledge-statement"),
    path("pledges/<int:pk>/thanks.pdf", views.pledge_thanks, name="pledge-thanks"),
    path("imports/<int:pk>/", views.import_detail, name="import-detail"),
    path("imports/<int:pk>/retry/", views.import_retry, name="import-retry"),
    path("cards/<int:pk>/pay/", views.card_pay, name="card-pay"),
    path("cards/<int:pk>/release/", views.card_release, name="card-release"),
]
