"""Page routes for plans: targets and reported figures (/plans/ itself leads to the coverage dashboard)."""

from django.urls import path
from django.views.generic import RedirectView

from ansinh.plans import views

app_name = "plans"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="reports:coverage", query_string=True, permanent=True)),
    path("targets/", views.plan_list, name="plan-list"),
    path("targets/<int:pk>/delete/", views.plan_delete, name="plan-delete"),
    path("figures/", views.figure_list, name="figure-list"),
    path("figures/<int:pk>/delete/", views.figure_delete, name="figure-delete"),
]
