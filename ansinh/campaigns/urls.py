"""Page routes for campaigns."""

from django.urls import path

from ansinh.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_create, name="create"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/edit/", views.campaign_edit, name="edit"),
    path("<slug:slug>/live/", views.campaign_live, name="live"),
    path("<slug:slug>/targets/", views.campaign_targets, name="targets"),
    path("<slug:slug>/teams/", views.campaign_teams, name="teams"),
    path("<slug:slug>/teams/<str:code>/", views.campaign_team, name="team"),
    path("<slug:slug>/teams/<str:code>/day/", views.campaign_team_day, name="team-day"),
    path("<slug:slug>/activities/", views.campaign_activities, name="activities"),
    path("<slug:slug>/results/", views.campaign_results, name="results"),
    path("<slug:slug>/imports/<int:pk>/", views.campaign_import, name="import"),
    path("<slug:slug>/imports/<int:pk>/retry/", views.campaign_import_retry, name="import-retry"),
    path("<slug:slug>/imports/<int:pk>/errors.csv", views.campaign_import_errors, name="import-errors"),
    path("<slug:slug>/ranking/", views.campaign_ranking, name="ranking"),
    path("<slug:slug>/retention/", views.campaign_retention, name="retention"),
    path("<slug:slug>/units/<str:code>/", views.campaign_unit, name="unit"),
    path("<slug:slug>/staff/<str:code>/", views.campaign_staff, name="staff"),
    path("<slug:slug>/report/", views.campaign_report_page, name="report"),
    path("<slug:slug>/report.pdf", views.campaign_report_pdf, name="report-pdf"),
    path("<slug:slug>/report.xlsx", views.campaign_report_xlsx, name="report-xlsx"),
    path("<slug:slug>/report.json", views.campaign_report_json, name="report-json"),
]
