from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from unions import access
from unions.models import MEMBER_HOLDING_KINDS

from .. import notices
from ..models import Campaign, CampaignDocument, join_codes

FIELDS = (
    "code",
    "name",
    "kind",
    "slogan",
    "description",
    "year",
    "start_on",
    "end_on",
    "registration_deadline",
    "midterm_review_on",
    "final_review_on",
    "target_group",
    "titles",
    "criteria",
    "standard",
)


def _check_organizer(actor, organizer):
    if organizer.kind in MEMBER_HOLDING_KINDS:
        raise ValidationError({"organizer": _("Campaigns are organised by a federation or an upper-level union.")})
    access.require(actor, access.CAMPAIGN_ORGANISE, organizer)


def _apply(campaign, data):
    sectors = data.pop("target_sectors", None)
    for field, value in data.items():
        if field not in FIELDS:
            raise ValueError(f"{field} is not editable here")
        setattr(campaign, field, value)
    if sectors is not None:
        campaign.target_sectors = join_codes(sectors)
    campaign.titles = [t.strip() for t in campaign.titles if t and t.strip()]
    if not campaign.titles:
        raise ValidationError({"titles": _("List at least one title that the campaign leads to.")})
    if campaign.registration_deadline and campaign.end_on and campaign.registration_deadline > campaign.end_on:
        raise ValidationError({"registration_deadline": _("The registration deadline must be before the end.")})
    campaign.code = campaign.code.strip().upper()


@transaction.atomic
def campaign_create(*, actor, organizer, **data):
    _check_organizer(actor, organizer)
    campaign = Campaign(organizer=organizer, created_by=actor)
    _apply(campaign, data)
    campaign.full_clean()
    campaign._history_user = actor
    campaign.save()
    return campaign


@transaction.atomic
def campaign_update(*, actor, campaign, **data):
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    access.require(actor, access.CAMPAIGN_ORGANISE, campaign.organizer)
    if campaign.status == Campaign.Status.CLOSED:
        raise ValidationError(_("A closed campaign can no longer be changed."))
    _apply(campaign, data)
    campaign.full_clean()
    campaign._history_user = actor
    campaign.save()
    return campaign


@transaction.atomic
def campaign_launch(*, actor, campaign, launched_on, launch_document=""):
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    access.require(actor, access.CAMPAIGN_ORGANISE, campaign.organizer)
    if campaign.status != Campaign.Status.DRAFT:
        raise ValidationError(_("Only a draft campaign can be launched."))
    campaign.status = Campaign.Status.LAUNCHED
    campaign.launched_on = launched_on
    campaign.launch_document = launch_document
    campaign._history_user = actor
    campaign.save()
    notices.campaign_launched(campaign, actor)
    return campaign


@transaction.atomic
def campaign_close(*, actor, campaign):
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    access.require(actor, access.CAMPAIGN_ORGANISE, campaign.organizer)
    if campaign.status != Campaign.Status.LAUNCHED:
        raise ValidationError(_("Only a launched campaign can be closed."))
    campaign.status = Campaign.Status.CLOSED
    campaign._history_user = actor
    campaign.save()
    return campaign


@transaction.atomic
def document_add(*, actor, campaign, kind, title, file):
    if not access.can(actor, access.CAMPAIGN_ORGANISE, campaign.organizer):
        raise PermissionDenied
    document = CampaignDocument(campaign=campaign, kind=kind, title=title, file=file, uploaded_by=actor)
    document.full_clean()
    document.save()
    return document
