"""Registration deadline reminders: 7 days and 1 day before a campaign's deadline, to the officers of the
target unions that have registered nothing yet (a union that registered has answered; reminding it would
teach people to ignore the bell). Each (campaign, union, 7 | 1) is sent once whatever runs again."""

import datetime
import logging

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.kinds import Kind
from notifications.services import notify
from unions import access

from ..models import Campaign, Registration
from ..notices import sees
from ..selectors.campaigns import target_unions

AHEAD = (7, 1)  # days before the deadline
log = logging.getLogger(__name__)


def _tier(days_left):
    """Which reminder is due: a run missed on the day still sends it later, but never the 7-day one once only a
    day is left."""
    if days_left <= 1:
        return 1
    return 7


def send_deadline_reminders_of(campaign, *, today):
    """The reminders of one campaign due today; [(union id, 7 | 1)] newly sent."""
    days_left = (campaign.registration_deadline - today).days
    if not 0 <= days_left <= max(AHEAD):
        return []
    tier = _tier(days_left)
    registered = Registration.objects.filter(campaign=campaign).exclude(status=Registration.Status.WITHDRAWN)
    missing = target_unions(campaign).exclude(pk__in=registered.values("organization_id"))
    link = reverse("campaigns:campaign_detail", args=[campaign.pk])
    deadline = campaign.registration_deadline.strftime("%d/%m/%Y")
    sent = set()
    with translation.override("vi"):
        for role in access.officers_of(missing.values("pk")):
            if not role.user.is_active or not sees(role.user, campaign):
                continue
            if tier == 1:
                title = _("Registrations for “%(name)s” close tomorrow") % {"name": campaign.name}
            else:
                title = _("Registrations for “%(name)s” close in 7 days") % {"name": campaign.name}
            note = notify(
                user=role.user,
                kind=Kind.REGISTRATION_DEADLINE,
                key=f"registration-deadline:{campaign.pk}:{role.organization_id}:{tier}",
                title=title,
                body=_("%(org)s has not registered for the campaign yet. The deadline is %(date)s.")
                % {"org": role.organization.name, "date": deadline},
                link=link,
            )
            if note is not None:
                sent.add((role.organization_id, tier))
    return sorted(sent)


def send_deadline_reminders(*, today=None):
    """Daily: the reminders of every launched campaign whose deadline is at most 7 days away; the ids of the
    campaigns looked at. One that fails is logged and does not hold back the others."""
    today = today or timezone.localdate()
    ids = list(
        Campaign.objects.filter(
            status=Campaign.Status.LAUNCHED,
            registration_deadline__gte=today,
            registration_deadline__lte=today + datetime.timedelta(days=max(AHEAD)),
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        try:
            campaign = Campaign.objects.select_related("organizer").get(pk=pk)
            send_deadline_reminders_of(campaign, today=today)
        except Exception:
            log.exception("registration deadline reminders of campaign %s failed", pk)
    return ids
