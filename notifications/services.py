import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .kinds import DEFAULTS, Delivery, Kind
from .models import Notification, Preference

log = logging.getLogger(__name__)


def delivery_for(user, kind):
    """How `user` wants `kind` delivered: their choice, else the kind's default."""
    chosen = Preference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True).first()
    return chosen or DEFAULTS.get(Kind(kind), Delivery.EMAIL)


def _absolute(link):
    # Links are stored relative (the bell opens them on this site); an e-mail needs the site's address.
    return f"{settings.SITE_URL.rstrip('/')}{link}" if link.startswith("/") else link


def _mail(user, title, body, link):
    send_mail(title, f"{body}\n\n{_absolute(link)}".strip(), settings.DEFAULT_FROM_EMAIL, [user.email])


def notify(*, user, key, title, body="", link="", kind=Kind.OTHER, email=True):
    """Send once per (user, key), as the user chose for `kind`: in-app, with an e-mail at once or in the
    daily digest, or not at all. `email=False` keeps it in the app whatever the choice.

    Returns the new notification, or None when it had already been sent or the user turned the kind off.
    """
    delivery = delivery_for(user, kind)
    if delivery == Delivery.OFF:
        return None
    mailed = email and bool(user.email)
    try:
        with transaction.atomic():
            note = Notification.objects.create(
                user=user,
                kind=kind,
                key=key,
                title=title,
                body=body,
                link=link,
                in_digest=mailed and delivery == Delivery.DIGEST,
            )
    except IntegrityError:
        return None
    if mailed and delivery == Delivery.EMAIL:
        _mail(user, title, body, link)
        note.emailed_at = timezone.now()
        note.save(update_fields=["emailed_at"])
    return note


@transaction.atomic
def preferences_set(*, actor, choices):
    """Store the actor's own choices: {kind: delivery}; a choice equal to the default keeps no row."""
    for kind, delivery in choices.items():
        kind, delivery = Kind(kind), Delivery(delivery)
        if DEFAULTS.get(kind) == delivery:
            Preference.objects.filter(user=actor, kind=kind).delete()
        else:
            Preference.objects.update_or_create(user=actor, kind=kind, defaults={"delivery": delivery})


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


# -- the daily digest: one e-mail per user gathering what they chose to receive that way --


def _send_one(user_id):
    """One user's digest. The rows stay locked until the mail is handed over, so two runs never send twice;
    a failed mail rolls back and the items wait for the next run."""
    with transaction.atomic():
        notes = list(
            Notification.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(user_id=user_id, in_digest=True)
            .order_by("created_at", "id")
        )
        if not notes:
            return 0
        user = notes[0].user
        lines = []
        for note in notes:
            lines.append(f"• {note.title}")
            if note.body:
                lines.append(f"  {note.body}")
            if note.link:
                lines.append(f"  {_absolute(note.link)}")
        with translation.override("vi"):
            subject = ngettext("%(count)d new notification", "%(count)d new notifications", len(notes)) % {
                "count": len(notes)
            }
            intro = _("What happened since your last digest:")
        if user.email:
            send_mail(subject, "\n".join([intro, "", *lines]), settings.DEFAULT_FROM_EMAIL, [user.email])
        Notification.objects.filter(pk__in=[n.pk for n in notes]).update(in_digest=False, emailed_at=timezone.now())
        return len(notes)


def digest_send():
    """Daily: every user's digest; the number of users who got one. A user whose mail fails is logged and
    tried again the next day without holding back the others."""
    user_ids = list(Notification.objects.filter(in_digest=True).values_list("user_id", flat=True).distinct())
    sent = 0
    for user_id in sorted(user_ids):
        try:
            sent += bool(_send_one(user_id))
        except Exception:
            log.exception("notification digest of user %s failed", user_id)
    return sent
