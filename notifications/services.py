from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Notification


def notify(*, user, key, title, body="", link="", email=True):
    """Send once per (user, key): in-app always, by e-mail when the user has an address.

    Returns the new notification, or None when it had already been sent.
    """
    try:
        with transaction.atomic():
            note = Notification.objects.create(user=user, key=key, title=title, body=body, link=link)
    except IntegrityError:
        return None
    if email and user.email:
        send_mail(title, f"{body}\n\n{link}".strip(), settings.DEFAULT_FROM_EMAIL, [user.email])
        note.emailed_at = timezone.now()
        note.save(update_fields=["emailed_at"])
    return note


@transaction.atomic
def notification_mark_read(*, actor, notification):
    if notification.user_id != actor.pk:
        raise PermissionError
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, actor):
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
