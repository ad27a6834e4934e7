"""Sign-ins are written to the audit log (the one entry not made by a view or service)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .services import record


@receiver(user_logged_in, dispatch_uid="audit_login")
def log_login(sender, request, user, **kwargs):
    record(actor=user, action="login", obj=user, request=request, label=user.get_username())
