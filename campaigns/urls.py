from django.urls import path

from .views import campaigns, clusters, corrections, files, registration_review, registrations

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/add/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/launch/", campaigns.campaign_launch, name="campaign_launch"),
    path("campaigns/<int:pk>/close/", campaigns.campaign_close, name="campaign_close"),
    path("campaigns/<int:pk>/coverage/", campaigns.campaign_coverage, name="campaign_coverage"),
    path("campaigns/<int:pk>/documents/add/", campaigns.document_add, name="document_add"),
    path("campaigns/<int:pk>/documents/<int:document_pk>/", files.document_download, name="document_download"),
    path("campaigns/<int:pk>/launches/add/", registrations.launch_create, name="launch_create"),
    path("campaigns/<int:pk>/register/members/", registrations.register_members, name="register_members"),
    path("campaigns/<int:pk>/register/union/", registrations.register_union, name="register_union"),
    path("campaigns/<int:pk>/register/import/", registrations.registration_import, name="registration_import"),
    path(
        "campaigns/<int:pk>/register/template/",
        registrations.registration_import_template,
        name="registration_import_template",
    ),
    path("registrations/", registrations.registration_list, name="registration_list"),
    path("registrations/export/", registrations.registration_export, name="registration_export"),
    path("registrations/<int:pk>/decide/", registrations.registration_decide, name="registration_decide"),
    path("registrations/review/", registration_review.registration_review, name="registration_review"),
    path("registrations/<int:pk>/return/", registration_review.registration_return, name="registration_return"),
    path("clusters/", clusters.cluster_list, name="cluster_list"),
    path("clusters/add/", clusters.cluster_create, name="cluster_create"),
    path("clusters/<int:pk>/", clusters.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/rank/", clusters.cluster_rank, name="cluster_rank"),
    path("clusters/<int:pk>/pacts/add/", clusters.pact_add, name="pact_add"),
    path("contests/", clusters.contest_list, name="contest_list"),
    path("contests/add/", clusters.contest_create, name="contest_create"),
    path("contests/<int:pk>/", clusters.contest_detail, name="contest_detail"),
    path("registrations/<int:pk>/", corrections.registration_detail, name="registration_detail"),
    path("launches/<int:pk>/edit/", corrections.launch_edit, name="launch_edit"),
]
