from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path("privacy/requests/", views.request_list, name="request_list"),
    path("privacy/requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("members/<int:pk>/data-request/", views.request_create, name="request_create"),
    path("members/<int:pk>/consent/", views.consent_create, name="consent_create"),
    path("members/<int:pk>/anonymise/", views.member_anonymise, name="member_anonymise"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
]
