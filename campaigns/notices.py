"""Who hears that a campaign was launched to them (see notifications/dispatch.py).

The officers of every union the campaign targets (`selectors.target_unions`: the organiser's subtree, its
target sectors), each checked against the campaign list they would see (`campaign_list_for`), so a union the
campaign does not reach hears nothing. The registration deadline reminders are sent by the daily task
(`services/deadline_reminders.py`), already outside any request.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.dispatch import Message, send_after_commit, sender
from notifications.kinds import Kind
from unions import access

from .models import Campaign
from .selectors.campaigns import campaign_list_for, target_unions


def campaign_launched(campaign, actor):
    """Called by `campaign_launch` inside its transaction."""
    send_after_commit(Kind.CAMPAIGN_LAUNCHED, campaign_id=campaign.pk, actor_id=actor.pk)


def sees(user, campaign):
    return campaign_list_for(user).filter(pk=campaign.pk).exists()


@sender(Kind.CAMPAIGN_LAUNCHED)
def _launched(*, campaign_id, actor_id):
    campaign = Campaign.objects.select_related("organizer").get(pk=campaign_id)
    users = {role.user for role in access.officers_of(target_unions(campaign).values("pk"))}
    title = _("New campaign: %(name)s") % {"name": campaign.name}
    body = _(
        "%(organizer)s launched the campaign on %(date)s. Launch it for your members; registrations close on "
        "%(deadline)s."
    ) % {
        "organizer": campaign.organizer.name,
        "date": campaign.launched_on.strftime("%d/%m/%Y") if campaign.launched_on else "",
        "deadline": campaign.registration_deadline.strftime("%d/%m/%Y"),
    }
    link = reverse("campaigns:campaign_detail", args=[campaign.pk])
    for user in sorted(users, key=lambda u: u.pk):
        if user.pk != actor_id and user.is_active and sees(user, campaign):
            yield Message(user=user, key=f"campaign-launched:{campaign.pk}", title=title, body=body, link=link)
