from django.urls import path

from .views import dashboards, document, runs

app_name = "reports"

urlpatterns = [
    path("dashboard/", dashboards.dashboard, name="dashboard"),
    path("reports/", runs.report_list, name="report_list"),
    path("reports/request/", runs.report_request, name="report_request"),
    path("reports/<int:pk>/", runs.report_detail, name="report_detail"),
    path("reports/<int:pk>/rebuild/", runs.report_rebuild, name="report_rebuild"),
    path("reports/<int:pk>/excel/", runs.report_excel, name="report_excel"),
    path("reports/<int:pk>/pdf/", runs.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/document/", document.report_document, name="report_document"),
    path("reports/<int:pk>/texts/", document.report_texts, name="report_texts"),
]
