"""Correcting a launch record (the date, document number or participants a union typed)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unions import access
from unions.signals import announce

from ..models import CampaignLaunch

FIELDS = ("launched_on", "document_number", "participants")


@transaction.atomic
def launch_update(*, actor, launch, launched_on, participants, document_number="", reason=""):
    """The same rules as recording it (not before the federation, not in the future); the old values stay in
    the record's history with the reason."""
    launch = (
        CampaignLaunch.objects.select_for_update(of=("self",))
        .select_related("campaign", "organization")
        .get(pk=launch.pk)
    )
    access.require(actor, access.MEMBER_WRITE, launch.organization)
    campaign = launch.campaign
    if campaign.launched_on and launched_on < campaign.launched_on:
        raise ValidationError(
            {
                "launched_on": _("A union cannot launch before the federation (%(date)s).")
                % {"date": campaign.launched_on.strftime("%d/%m/%Y")}
            }
        )
    if launched_on > timezone.localdate():
        raise ValidationError({"launched_on": _("The launch date cannot be in the future.")})
    if participants < 1:
        raise ValidationError({"participants": _("At least one participant.")})
    new = {"launched_on": launched_on, "participants": participants, "document_number": document_number.strip()}
    if all(getattr(launch, field) == value for field, value in new.items()):
        raise ValidationError(_("Nothing was changed."))
    for field, value in new.items():
        setattr(launch, field, value)
    launch._history_user = actor
    launch._change_reason = reason.strip()[:100] or None
    launch.save(update_fields=list(FIELDS))
    # Coverage counts launches by their date: a moved date moves the union between periods.
    announce([launch.organization.path])
    return launch
