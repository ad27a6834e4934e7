from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("document-templates/", views.template_list, name="template_list"),
    path("document-templates/upload/", views.template_upload, name="template_upload"),
    path("document-templates/<int:pk>/file.docx", views.template_file, name="template_file"),
    path("document-templates/<int:pk>/activate/", views.template_activate, name="template_activate"),
    path("document-templates/built-in/<str:kind>.docx", views.template_builtin, name="template_builtin"),
]
