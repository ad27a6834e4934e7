from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("exports/<int:pk>/", views.export_detail, name="export"),
    path("exports/<int:pk>/file/", views.export_download, name="export_download"),
]
