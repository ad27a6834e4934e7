"""Ratings, discipline and complaints: the evidence the eligibility rules read."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from unions import access

from ..models import Complaint, DisciplineRecord, PerformanceRating, Rating


@transaction.atomic
def ratings_save(*, actor, organization, year, rows, union_rating=""):
    """Save a union's yearly ratings: rows of (member, rating, months_worked, absent_days); '' clears."""
    access.require(actor, access.MEMBER_WRITE, organization)
    for member, rating, months, absent in rows:
        if not member.organization.path.startswith(organization.path):
            raise ValidationError(_("%(name)s is not a member of this union.") % {"name": member.full_name})
        if rating and rating not in Rating.values:
            raise ValidationError(_("Unknown rating."))
        if not 0 <= months <= 12:
            raise ValidationError(_("Months worked must be between 0 and 12 (%(name)s).") % {"name": member.full_name})
        existing = PerformanceRating.objects.select_for_update().filter(member=member, year=year).first()
        if not rating:
            if existing:
                existing.delete()
            continue
        record = existing or PerformanceRating(member=member, year=year)
        record.organization = member.organization
        record.rating, record.months_worked, record.absent_days = rating, months, absent
        record.recorded_by = actor
        record._history_user = actor
        record.save()
    if union_rating:
        PerformanceRating.objects.update_or_create(
            organization=organization,
            member=None,
            year=year,
            defaults={"rating": union_rating, "recorded_by": actor},
        )


@transaction.atomic
def discipline_record(*, actor, organization, member=None, **data):
    access.require(actor, access.MEMBER_WRITE, organization)
    if member is not None and not member.organization.path.startswith(organization.path):
        raise ValidationError({"member": _("%(name)s is not a member of this union.") % {"name": member.full_name}})
    record = DisciplineRecord(organization=organization, member=member, recorded_by=actor, **data)
    if record.decided_on and record.decided_on < record.opened_on:
        raise ValidationError({"decided_on": _("The decision cannot be dated before the case was opened.")})
    record.full_clean()
    record._history_user = actor
    record.save()
    return record


@transaction.atomic
def complaint_record(*, actor, organization, member=None, **data):
    access.require(actor, access.MEMBER_WRITE, organization)
    complaint = Complaint(organization=organization, member=member, **data)
    complaint.full_clean()
    complaint.save()
    return complaint
