"""Ratings, discipline and complaints: the evidence the eligibility rules read."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from unions import access

from ..models import Complaint, DisciplineRecord, LeaveKind, LeaveRecord, PerformanceRating, Rating
from . import eligibility_refresh

MAX_LEAVE_DAYS = 366


@transaction.atomic
def ratings_save(*, actor, organization, year, rows, union_rating="", leaves=None):
    """Save a union's yearly ratings in one go: all rows or none.

    `rows`: (member, rating, months_worked, absent_days[, time_override]); a blank rating clears the member's
    rating; without the fifth value a saved override stays as it was (the Excel import does not touch it).
    `leaves`: {member: {kind: days}} for the year; 0 or None removes that kind's record. Every row's problems
    are collected and raised together as {member pk: [messages]}, so the grid shows each beside its row.
    """
    access.require(actor, access.MEMBER_WRITE, organization)
    leaves = leaves or {}
    errors = {}
    for member, rating, months, _absent, *_rest in rows:
        errors.update(_row_problems(organization, member, rating, months))
    for member, days_by_kind in leaves.items():
        errors.update(_leave_problems(organization, member, days_by_kind))
    if errors:
        raise ValidationError(errors)
    members = [row[0] for row in rows]
    # One lock on the year's rows of these members: two clerks saving the same grid cannot interleave.
    existing = {
        r.member_id: r for r in PerformanceRating.objects.select_for_update().filter(member__in=members, year=year)
    }
    for member, rating, months, absent, *rest in rows:
        record = existing.get(member.pk)
        if not rating:
            if record:
                record.delete()
            continue
        record = record or PerformanceRating(member=member, year=year)
        record.organization = member.organization
        record.rating, record.months_worked, record.absent_days = rating, months, absent
        if rest:
            record.time_override = bool(rest[0])
        record.recorded_by = actor
        record._history_user = actor
        record.save()
    _save_leaves(actor, year, leaves)
    if union_rating:
        PerformanceRating.objects.update_or_create(
            organization=organization,
            member=None,
            year=year,
            defaults={"rating": union_rating, "recorded_by": actor},
        )
    eligibility_refresh.inputs_changed(
        members=[m.pk for m in (*members, *leaves)], paths=[organization.path, *(m.organization.path for m in members)]
    )


def _row_problems(organization, member, rating, months):
    problems = []
    if not member.organization.path.startswith(organization.path):
        problems.append(_("%(name)s is not a member of this union.") % {"name": member.full_name})
    if rating and rating not in Rating.values:
        problems.append(_("Unknown rating."))
    if not 0 <= months <= 12:
        problems.append(_("Months worked must be between 0 and 12 (%(name)s).") % {"name": member.full_name})
    return {str(member.pk): problems} if problems else {}


def _leave_problems(organization, member, days_by_kind):
    problems = []
    if not member.organization.path.startswith(organization.path):
        problems.append(_("%(name)s is not a member of this union.") % {"name": member.full_name})
    for kind, days in days_by_kind.items():
        if kind not in LeaveKind.values:
            problems.append(_("Unknown kind of leave."))
        elif days is not None and not 0 <= days <= MAX_LEAVE_DAYS:
            problems.append(
                _("%(kind)s: the days must be between 0 and %(max)s (%(name)s).")
                % {"kind": LeaveKind(kind).label, "max": MAX_LEAVE_DAYS, "name": member.full_name}
            )
    return {str(member.pk): problems} if problems else {}


def _save_leaves(actor, year, leaves):
    """The year's leave rows of these members, as given: a kind left at 0 or blank has no row."""
    if not leaves:
        return
    saved = {
        (r.member_id, r.kind): r
        for r in LeaveRecord.objects.select_for_update().filter(member__in=list(leaves), year=year)
    }
    for member, days_by_kind in leaves.items():
        for kind, days in days_by_kind.items():
            record = saved.get((member.pk, kind))
            if not days:
                if record:
                    record._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
                    record.delete()
                continue
            if record is None:
                record = LeaveRecord(member=member, year=year, kind=kind)
            elif record.days == days:
                continue
            record.days, record.recorded_by = days, actor
            record._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
            record.save()


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
    eligibility_refresh.inputs_changed(members=[record.member_id], paths=[organization.path])
    return record


@transaction.atomic
def complaint_record(*, actor, organization, member=None, **data):
    access.require(actor, access.MEMBER_WRITE, organization)
    complaint = Complaint(organization=organization, member=member, **data)
    complaint.full_clean()
    complaint.save()
    eligibility_refresh.inputs_changed(members=[complaint.member_id], paths=[organization.path])
    return complaint
