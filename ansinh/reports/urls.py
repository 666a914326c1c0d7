"""Page routes for reports: the coverage dashboard and the steering committee's report packs."""

from django.urls import path

from ansinh.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.job_list, name="job-list"),
    path("coverage/", views.coverage, name="coverage"),
    path("jobs/<int:pk>/", views.job_detail, name="job-detail"),
    path("jobs/<int:pk>/retry/", views.job_retry, name="job-retry"),
    path("jobs/<int:pk>/<str:fmt>/", views.job_download, name="job-download"),
]
