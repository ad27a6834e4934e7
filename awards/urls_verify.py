"""The public verification of printed certificates: no sign-in."""

from django.urls import path

from .views import verify

app_name = "verify"

urlpatterns = [
    path("v/", verify.lookup, name="lookup"),
    path("v/<str:token>/", verify.certificate, name="certificate"),
]
