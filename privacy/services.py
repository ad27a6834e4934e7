"""Writes of the privacy app: data-subject requests, recorded consent, anonymisation of members who left."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from awards.models import LeaveRecord
from core.text import fold
from unions import access
from unions.models import Member, MemberStatus

from .models import (
    ACKNOWLEDGE_WORKING_DAYS,
    NOTICE_VERSION,
    RESOLVE_DAYS,
    Anonymisation,
    DataSubjectRequest,
    MemberConsent,
    add_working_days,
)

# What anonymisation erases, on the member and on every history row of the member.
ERASED_FIELDS = {
    "national_id": None,
    "birth_date": None,
    "birth_year": None,
    "old_id_number": "",
    "phone": "",
    "phone2": "",
    "email": "",
    "card_number": "",
    "ethnicity": "",
    "job_title": "",
    "left_reason_text": "",  # the words of a leaving reason; the reason itself (retired, …) is kept
}

TRANSITIONS = {
    DataSubjectRequest.Status.OPEN: {
        DataSubjectRequest.Status.ACKNOWLEDGED,
        DataSubjectRequest.Status.RESOLVED,
        DataSubjectRequest.Status.REFUSED,
    },
    DataSubjectRequest.Status.ACKNOWLEDGED: {DataSubjectRequest.Status.RESOLVED, DataSubjectRequest.Status.REFUSED},
}


def _locked_member(member):
    return Member.objects.select_for_update().select_related("organization").get(pk=member.pk)


@transaction.atomic
def data_request_create(*, actor, member, kind, received_on, notes=""):
    member = _locked_member(member)
    access.require(actor, access.MEMBER_WRITE, member.organization)
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The receiving date cannot be in the future.")})
    if kind not in DataSubjectRequest.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of request.")})
    data_request = DataSubjectRequest.objects.create(
        member=member,
        kind=kind,
        received_on=received_on,
        notes=notes,
        acknowledge_due=add_working_days(received_on, ACKNOWLEDGE_WORKING_DAYS),
        due_on=received_on + datetime.timedelta(days=RESOLVE_DAYS),
    )
    record(
        actor=actor,
        action="create",
        obj=data_request,
        organization=member.organization,
        label=_("Data-subject request of %(code)s") % {"code": member.member_code},
    )
    return data_request


@transaction.atomic
def data_request_update(*, actor, data_request, status, notes=""):
    data_request = (
        DataSubjectRequest.objects.select_for_update().select_related("member__organization").get(pk=data_request.pk)
    )
    access.require(actor, access.MEMBER_WRITE, data_request.member.organization)
    if status not in TRANSITIONS.get(data_request.status, set()):
        raise ValidationError(
            {
                "status": _("This request cannot move from %(old)s to %(new)s.")
                % {"old": data_request.get_status_display(), "new": DataSubjectRequest.Status(status).label}
            }
        )
    if status == DataSubjectRequest.Status.REFUSED and not notes.strip():
        raise ValidationError({"notes": _("Write the reason for refusing the request.")})
    today = timezone.localdate()
    data_request.status = status
    data_request.handled_by = actor
    if notes.strip():
        data_request.notes = "\n".join(filter(None, [data_request.notes, notes.strip()]))
    if status == DataSubjectRequest.Status.ACKNOWLEDGED:
        data_request.acknowledged_on = today
    else:
        data_request.acknowledged_on = data_request.acknowledged_on or today
        data_request.resolved_on = today
    data_request.save()
    record(
        actor=actor,
        action="change",
        obj=data_request,
        organization=data_request.member.organization,
        label=_("Data-subject request of %(code)s") % {"code": data_request.member.member_code},
    )
    return data_request


@transaction.atomic
def consent_record(*, actor, member, basis, given_on, notice_version=NOTICE_VERSION):
    member = _locked_member(member)
    access.require(actor, access.MEMBER_WRITE, member.organization)
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("The date cannot be in the future.")})
    consent = MemberConsent(
        member=member, basis=basis, given_on=given_on, notice_version=notice_version, recorded_by=actor
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent, withdrawn_on):
    consent = MemberConsent.objects.select_for_update().select_related("member__organization").get(pk=consent.pk)
    access.require(actor, access.MEMBER_WRITE, consent.member.organization)
    if consent.withdrawn_on:
        raise ValidationError(_("This consent was already withdrawn."))
    if withdrawn_on < consent.given_on or withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("The withdrawal date must be between the giving date and today.")})
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    return consent


def anonymised_name(member):
    return _("Anonymised member %(code)s") % {"code": member.member_code}


@transaction.atomic
def anonymise_member(*, actor, member, request=None):
    """Erase the personal data of a member who left; keep the row so counts and awards stay intact."""
    member = _locked_member(member)
    access.require(actor, access.MEMBER_WRITE, member.organization)
    if member.status != MemberStatus.LEFT:
        raise ValidationError(_("Only a member who has left the union can be anonymised."))
    if Anonymisation.objects.filter(member=member).exists():
        raise ValidationError(_("This member was already anonymised."))
    name = anonymised_name(member)
    member.full_name = name
    member.search_name = fold(name)
    for field, value in ERASED_FIELDS.items():
        setattr(member, field, value)
    member._history_user = actor
    member._change_reason = _("Personal data erased")
    member.save()
    # Earlier versions in the change history held the same data.
    member.history.model.objects.filter(id=member.pk).update(full_name=name, **ERASED_FIELDS)
    # Leave by kind tells who was ill or on maternity leave (health data); the ratings keep the year's figures.
    # (Rows first: deleting them writes a last history row, erased with the rest.)
    LeaveRecord.objects.filter(member=member).delete()
    LeaveRecord.history.model.objects.filter(member_id=member.pk).delete()
    Anonymisation.objects.create(member=member, actor=actor)
    record(actor=actor, action="anonymise", obj=member, request=request)
    return member
