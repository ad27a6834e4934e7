"""The administrator's help for someone who cannot sign in: a new-password link, by e-mail or shown once.

The link is Django's password-reset link (`password_reset_confirm`, the same pages as "Quên mật khẩu"): it works
for PASSWORD_RESET_TIMEOUT and only until the password changes, so it is used once. The administrator never
learns or types the password. Each reset is written to the audit log with who asked and how the link went out.
"""

from functools import partial

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from audit.services import record

from .. import access, selectors

BY_EMAIL, SHOWN = "email", "link"


def _link(user, base_url):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})


def _send(user, link):
    subject = render_to_string("registration/password_reset_subject.txt").strip()
    body = render_to_string("unions/password_reset_by_admin_email.txt", {"user": user, "link": link})
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def user_password_reset(*, actor, user, base_url, how=BY_EMAIL):
    """Send `user` a new-password link by e-mail (`how="email"`, needs an address), or return it for the
    administrator to hand over (`how="link"`); returns the link in the second case, None in the first."""
    if not selectors.user_list_for(actor).filter(pk=user.pk).exists() or not access.can(actor, access.USER_MANAGE):
        raise PermissionDenied
    if how == BY_EMAIL and not user.email:
        raise ValidationError(_("This account has no e-mail address: show a link instead."))
    link = _link(user, base_url)
    record(
        actor=actor,
        action="change",
        obj=user,
        label=(
            _("%(user)s: new-password link sent by e-mail")
            if how == BY_EMAIL
            else _("%(user)s: new-password link shown")
        )
        % {"user": user.username},
    )
    if how == BY_EMAIL:
        transaction.on_commit(partial(_send, user, link))
        return None
    return link
