"""Page routes for calc: the public calculator and the officers' parameter tables."""

from django.urls import path

from ansinh.calc import views

app_name = "calc"
urlpatterns = [
    path("", views.household, name="household"),
    path("voluntary-si/", views.voluntary_si, name="voluntary-si"),
    path("pension/", views.pension, name="pension"),
    path("id/", views.identifier, name="identifier"),
    path("parameters/", views.parameters, name="parameters"),
    path("parameters/add/", views.parameter_add, name="parameter-add"),
    path("parameters/local-support/add/", views.top_up_add, name="local-support-add"),
    path("parameters/local-support/end/", views.top_up_end, name="local-support-end"),
]
