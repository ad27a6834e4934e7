"""Quên mật khẩu: a link by e-mail, through Django's own reset views (tokens that expire with
PASSWORD_RESET_TIMEOUT and die once the password changes).

An unknown address gets the very same answer as a known one, so the form does not tell who has an account; the
requests of one address are rate limited (PASSWORD_RESET_RATE), so the form cannot be used to flood a mailbox.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit


@method_decorator(
    ratelimit(group="password-reset", key="ip", rate=settings.PASSWORD_RESET_RATE, method="POST", block=False),
    name="post",
)
class PasswordResetView(auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            return render(request, "registration/password_reset_limited.html", status=429)
        return super().post(request, *args, **kwargs)
