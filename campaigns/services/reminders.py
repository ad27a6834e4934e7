import datetime
import logging

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.kinds import Kind
from notifications.services import notify
from unions import access

from ..models import Campaign
from ..selectors.campaigns import coverage

REMIND_AFTER = datetime.timedelta(days=7)
log = logging.getLogger(__name__)


def send_launch_reminders(campaign_id, *, today=None):
    """Remind the officers of every target union that has not launched, a week after the federation.

    Safe to run again: each (union, campaign) reminder is sent once.
    Returns the ids of the unions whose officers were newly notified.
    """
    today = today or timezone.localdate()
    campaign = Campaign.objects.select_related("organizer").get(pk=campaign_id)
    if campaign.status != Campaign.Status.LAUNCHED or not campaign.launched_on:
        return []
    if today < campaign.launched_on + REMIND_AFTER:
        return []
    missing = coverage(campaign)["not_launched_ids"]
    officers = access.officers_of(missing)
    link = reverse("campaigns:campaign_detail", args=[campaign.pk])
    reminded = set()
    with translation.override("vi"):
        for role in officers:
            note = notify(
                user=role.user,
                kind=Kind.LAUNCH_REMINDER,
                key=f"launch-reminder:{campaign.pk}:{role.organization_id}",
                title=_("Reminder: launch the campaign “%(name)s”") % {"name": campaign.name},
                body=_(
                    "%(org)s has not recorded its launch of the campaign that %(organizer)s launched on "
                    "%(date)s. Launch it for your members and record it."
                )
                % {
                    "org": role.organization.name,
                    "organizer": campaign.organizer.name,
                    "date": campaign.launched_on.strftime("%d/%m/%Y"),
                },
                link=link,
            )
            if note is not None:
                reminded.add(role.organization_id)
    return sorted(reminded)


def send_due_launch_reminders(*, today=None):
    """Daily: the reminders of every campaign launched at least REMIND_AFTER ago; the ids of those campaigns.

    Each campaign on its own: one that fails is logged and tried again the next day (its reminders are sent
    once whatever happens), and does not hold back the others.
    """
    today = today or timezone.localdate()
    ids = list(
        Campaign.objects.filter(status=Campaign.Status.LAUNCHED, launched_on__lte=today - REMIND_AFTER)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        try:
            send_launch_reminders(pk, today=today)
        except Exception:
            log.exception("launch reminders of campaign %s failed", pk)
    return ids
