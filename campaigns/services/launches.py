from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unions import access
from unions.models import OrgKind
from unions.signals import announce

from ..models import Campaign, CampaignLaunch


def launch_record(*, actor, campaign, organization, launched_on, participants, document_number=""):
    """A grassroots union records that it launched the campaign for its members."""
    access.require(actor, access.MEMBER_WRITE, organization)
    campaign = Campaign.objects.select_related("organizer").get(pk=campaign.pk)
    if campaign.status != Campaign.Status.LAUNCHED:
        raise ValidationError(_("The campaign is not open: it has not been launched or is already closed."))
    if organization.kind != OrgKind.GRASSROOTS or not organization.path.startswith(campaign.organizer.path):
        raise ValidationError({"organization": _("This union is not addressed by the campaign.")})
    if not campaign.targets(organization):
        raise ValidationError({"organization": _("This union is not addressed by the campaign.")})
    if campaign.launched_on and launched_on < campaign.launched_on:
        raise ValidationError(
            {
                "launched_on": _("A union cannot launch before the federation (%(date)s).")
                % {"date": campaign.launched_on.strftime("%d/%m/%Y")}
            }
        )
    if launched_on > timezone.localdate():
        raise ValidationError({"launched_on": _("The launch date cannot be in the future.")})
    launch = CampaignLaunch(
        campaign=campaign,
        organization=organization,
        launched_on=launched_on,
        participants=participants,
        document_number=document_number,
        recorded_by=actor,
    )
    launch._history_user = actor
    try:
        with transaction.atomic():
            launch.save()
    except IntegrityError:
        raise ValidationError(
            _("%(org)s has already recorded its launch of this campaign.") % {"org": organization}
        ) from None
    announce([organization.path])
    return launch
