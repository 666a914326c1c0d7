"""Page routes for geo."""

from django.urls import path

from ansinh.geo import views

app_name = "geo"
urlpatterns = [
    path("", views.unit_list, name="unit-list"),
    path("<str:era>/<str:code>/", views.unit_detail, name="unit-detail"),
    path("<str:era>/<str:code>/statistics/", views.unit_statistic_add, name="unit-statistic-add"),
]
