from django.urls import path

from .views import candidates, inputs, register

app_name = "awards"

urlpatterns = [
    path("awards/", register.award_list, name="award_list"),
    path("awards/export/", register.award_export, name="award_export"),
    path("awards/external/add/", register.external_award_create, name="external_award_create"),
    path("awards/candidates/", candidates.candidate_list, name="candidates"),
    path("awards/ratings/", inputs.ratings_edit, name="ratings"),
    path("awards/discipline/", inputs.discipline_list, name="discipline_list"),
    path("awards/discipline/add/", inputs.discipline_create, name="discipline_create"),
    path("awards/complaints/add/", inputs.complaint_create, name="complaint_create"),
]
