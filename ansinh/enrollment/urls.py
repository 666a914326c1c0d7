"""Page routes of enrollment in the field, under /registry/ beside the registry's: a person's history,
payments, renewals, ends, receipts (A5 and 80 mm), the TK1-TS declaration, the worklist, exports and imports."""

from django.urls import path

from ansinh.enrollment import printing, views

app_name = "enrollment"
urlpatterns = [
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("people/<int:pk>/tk1-ts/", printing.declaration, name="declaration"),
    path("people/<int:pk>/tk1-ts/pdf/", printing.declaration_pdf, name="declaration-pdf"),
    path("people/<int:pk>/reminders/", views.person_reminders, name="person-reminders"),
    path("people/<int:pk>/voluntary-si/", views.person_voluntary_si, name="person-vsi"),
    path("households/<int:pk>/", views.household_detail, name="household-detail"),
    path("households/<int:pk>/renew/", views.household_renew, name="household-renew"),
    path("enrollments/<int:pk>/renew/", views.enrollment_renew, name="enrollment-renew"),
    path("enrollments/<int:pk>/end/", views.enrollment_end, name="enrollment-end"),
    path("enrollments/<int:pk>/contact/", views.enrollment_contact, name="enrollment-contact"),
    path("receipts/<int:pk>/", printing.receipt_detail, name="receipt-detail"),
    path("receipts/<int:pk>/cancel/", views.receipt_cancel, name="receipt-cancel"),
    path("receipts/<int:pk>/pdf/", printing.receipt_pdf, name="receipt-pdf"),
    path("receipts/<int:pk>/80mm/", printing.receipt_80mm, name="receipt-80mm"),
    path("receipts/<int:pk>/80mm/pdf/", printing.receipt_80mm_pdf, name="receipt-80mm-pdf"),
    path("worklist/", views.worklist, name="worklist"),
    path("worklist/report/", views.worklist_report, name="worklist-report"),
    path("reminders/", views.reminders, name="reminders"),
    path("prospects/", views.prospects, name="prospects"),
    path("prospects/import/", views.prospects_import, name="prospects-import"),
    path("prospects/assign/", views.prospects_assign, name="prospects-assign"),
    path("prospects/<int:pk>/register/", views.prospect_register, name="prospect-register"),
    path("bank/", views.bank_statements, name="bank"),
    path("exports/", views.exports, name="exports"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_detail, name="import-detail"),
    path("import/<int:pk>/errors/", views.import_errors, name="import-errors"),
    path("import/<int:pk>/retry/", views.import_retry, name="import-retry"),
]
