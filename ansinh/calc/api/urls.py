"""API routes for calc: /api/v1/calc/… (calculations are public; parameter rows are added by administrators)."""

from django.urls import path

from ansinh.calc.api import views

urlpatterns = [
    path("calc/household-hi/", views.HouseholdHIView.as_view(), name="calc-household-hi"),
    path("calc/voluntary-si/", views.VoluntarySIView.as_view(), name="calc-voluntary-si"),
    path("calc/pension/", views.PensionView.as_view(), name="calc-pension"),
    path("calc/id/", views.IdentifierView.as_view(), name="calc-id"),
    path("calc/parameters/", views.ParameterRowsView.as_view(), name="calc-parameters"),
    path("calc/local-support/", views.TopUpRowsView.as_view(), name="calc-local-support"),
    path("calc/local-support/end/", views.TopUpEndView.as_view(), name="calc-local-support-end"),
]
