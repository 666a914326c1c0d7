"""Page routes of the registry in the field (/registry/): search, register a person or a household.

The enrollment pages (a person's history, payments, receipts, the worklist, imports, exports) are mounted
under the same /registry/ prefix by ansinh/enrollment/urls.py."""

from django.urls import path

from ansinh.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.search, name="search"),
    path("people/new/", views.person_new, name="person-new"),
    path("households/new/", views.household_new, name="household-new"),
    path("statuses/new/", views.person_status_new, name="person-status-new"),
    path("statuses/<int:pk>/delete/", views.person_status_delete, name="person-status-delete"),
]
