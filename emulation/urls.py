from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core.views import about_self
from unions.views import twofactor

from . import password_reset, sign_in, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("accounts/login/", sign_in.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", about_self(auth_views.PasswordChangeView.as_view()), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/password/reset/", password_reset.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/two-factor/setup/", twofactor.otp_setup, name="otp_setup"),
    path("accounts/two-factor/verify/", twofactor.otp_verify, name="otp_verify"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("", include("api.urls_pages")),
    path("", include("unions.urls")),
    path("", include("notifications.urls")),
    path("", include("campaigns.urls")),
    path("", include("campaigns.urls_initiatives")),
    path("", include("documents.urls")),
    path("", include("awards.urls")),
    path("", include("awards.urls_verify")),
    path("", include("reports.urls")),
    path("", include("audit.urls")),
    path("", include("privacy.urls")),
    path("", include("jobs.urls")),
]
