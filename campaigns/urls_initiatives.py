"""Initiatives, works and research projects."""

from django.urls import path

from .views import files, initiatives, works

app_name = "initiatives"

urlpatterns = [
    path("initiatives/", initiatives.initiative_list, name="initiative_list"),
    path("initiatives/export/", initiatives.initiative_export, name="initiative_export"),
    path("initiatives/add/", initiatives.initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/", initiatives.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/attachment/", files.initiative_attachment, name="initiative_attachment"),
    path("initiatives/<int:pk>/edit/", initiatives.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/evaluate/", initiatives.initiative_start_evaluation, name="initiative_start_evaluation"),
    path("initiatives/<int:pk>/recognise/", initiatives.initiative_recognise, name="initiative_recognise"),
    path("initiatives/<int:pk>/reject/", initiatives.initiative_reject, name="initiative_reject"),
    path("initiatives/<int:pk>/apply/", initiatives.initiative_apply, name="initiative_apply"),
    path("works/", works.work_list, name="work_list"),
    path("works/export/", works.work_export, name="work_export"),
    path("works/add/", works.work_create, name="work_create"),
    path("works/<int:pk>/", works.work_detail, name="work_detail"),
    path("works/<int:pk>/edit/", works.work_edit, name="work_edit"),
    path("research/", works.research_list, name="research_list"),
    path("research/export/", works.research_export, name="research_export"),
    path("research/add/", works.research_create, name="research_create"),
    path("research/<int:pk>/", works.research_detail, name="research_detail"),
    path("research/<int:pk>/edit/", works.research_edit, name="research_edit"),
]
