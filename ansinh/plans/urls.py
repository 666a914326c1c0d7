"""Page routes for plans: the coverage dashboard, targets and reported figures."""

from django.urls import path

from ansinh.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("targets/", views.plan_list, name="plan-list"),
    path("targets/<int:pk>/delete/", views.plan_delete, name="plan-delete"),
    path("figures/", views.figure_list, name="figure-list"),
    path("figures/<int:pk>/delete/", views.figure_delete, name="figure-delete"),
]
