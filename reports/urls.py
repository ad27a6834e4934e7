from django.urls import path

from . import views, views_reports

app_name = "reports"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("reports/", views_reports.report_list, name="report_list"),
    path("reports/request/", views_reports.report_request, name="report_request"),
    path("reports/<int:pk>/", views_reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/rebuild/", views_reports.report_rebuild, name="report_rebuild"),
    path("reports/<int:pk>/excel/", views_reports.report_excel, name="report_excel"),
    path("reports/<int:pk>/pdf/", views_reports.report_pdf, name="report_pdf"),
]
