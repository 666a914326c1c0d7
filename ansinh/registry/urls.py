"""Page routes of the registry in the field (/registry/): search, people, households, payments, receipts,
the worklist, imports and exports."""

from django.urls import path

from ansinh.enrollment import views as enrollment_views
from ansinh.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.search, name="search"),
    path("people/new/", views.person_new, name="person-new"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("people/<int:pk>/voluntary-si/", enrollment_views.person_voluntary_si, name="person-vsi"),
    path("households/new/", views.household_new, name="household-new"),
    path("households/<int:pk>/", enrollment_views.household_detail, name="household-detail"),
    path("households/<int:pk>/renew/", enrollment_views.household_renew, name="household-renew"),
    path("enrollments/<int:pk>/renew/", enrollment_views.enrollment_renew, name="enrollment-renew"),
    path("enrollments/<int:pk>/end/", enrollment_views.enrollment_end, name="enrollment-end"),
    path("receipts/<int:pk>/", enrollment_views.receipt_detail, name="receipt-detail"),
    path("receipts/<int:pk>/pdf/", enrollment_views.receipt_pdf, name="receipt-pdf"),
    path("worklist/", enrollment_views.worklist, name="worklist"),
    path("exports/", enrollment_views.exports, name="exports"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_detail, name="import-detail"),
    path("import/<int:pk>/errors/", views.import_errors, name="import-errors"),
]
