"""Page routes of the field network (/network/): staff, collection points, import and export."""

from django.urls import path

from ansinh.network import views

app_name = "network"
urlpatterns = [
    path("", views.staff_list, name="staff-list"),
    path("staff/new/", views.staff_new, name="staff-new"),
    path("staff/export/", views.staff_export, name="staff-export"),
    path("staff/<int:pk>/", views.staff_detail, name="staff-detail"),
    path("staff/<int:pk>/deactivate/", views.staff_deactivate, name="staff-deactivate"),
    path("points/", views.point_list, name="point-list"),
    path("points/new/", views.point_new, name="point-new"),
    path("points/export/", views.point_export, name="point-export"),
    path("points/<int:pk>/", views.point_detail, name="point-detail"),
    path("points/<int:pk>/deactivate/", views.point_deactivate, name="point-deactivate"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_detail, name="import-detail"),
    path("import/<int:pk>/errors/", views.import_errors, name="import-errors"),
    path("import/<int:pk>/retry/", views.import_retry, name="import-retry"),
]
