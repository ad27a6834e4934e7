"""Member transfers across the sender's reach: requested by the sending union, decided by the receiving one.

An officer keeps only their own union, so a member leaving for a union elsewhere in the country cannot simply be
written into it: the sending officer asks, the receiving union's officers (or anyone who keeps it) accept or
refuse with a reason. Until the answer the member stays in the sending union, invisible to the receiving one;
accepting makes the same move as a direct transfer (`members._move_member`), after which the sender no longer
reaches the member. Someone who keeps both unions transfers directly (`members.member_transfer`).

One open request per member: checked under the member's row lock and held by a partial unique index, so two
officers asking at once get one request and one message. Notices go out after commit through
`unions/notices.py` (the notification kinds "transfer requested" and "transfer answered").
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from notifications.dispatch import send_after_commit
from notifications.kinds import Kind

from .. import access
from ..models import Member, MemberStatus, Organization, TransferRequest
from .members import _move_member, check_can_hold_members

Status = TransferRequest.Status


def _lock(transfer_request):
    """Lock the request row: an accept and a withdraw racing each other must see one status each."""
    return (
        TransferRequest.objects.select_for_update(of=("self",))
        .select_related("member", "from_organization", "to_organization")
        .get(pk=transfer_request.pk)
    )


def _require_open(req):
    if req.status != Status.OPEN:
        raise ValidationError(
            _("This request has already been answered (%(status)s).") % {"status": req.get_status_display()}
        )


def _already_waiting():
    return ValidationError(
        _("A transfer request for this member is already waiting for an answer: answer or withdraw it first.")
    )


@transaction.atomic
def transfer_request(*, actor, member, to_organization, transferred_on, note=""):
    member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
    access.require(actor, access.MEMBER_WRITE, member.organization)
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(_("Only active members can be transferred."))
    to_organization = Organization.objects.get(pk=to_organization.pk)
    check_can_hold_members(to_organization)
    if to_organization.pk == member.organization_id:
        raise ValidationError({"to_organization": _("The member already belongs to this union.")})
    if TransferRequest.objects.filter(member=member, status=Status.OPEN).exists():
        raise _already_waiting()
    req = TransferRequest(
        member=member,
        from_organization=member.organization,
        to_organization=to_organization,
        transferred_on=transferred_on,
        note=note,
        requested_by=actor,
    )
    try:
        with transaction.atomic():
            req.save()
    except IntegrityError:  # the index's word, should the row lock ever be bypassed
        raise _already_waiting() from None
    record(
        actor=actor,
        action="change",
        obj=member,
        organization=member.organization,
        label=_("%(member)s: transfer to %(union)s requested")
        % {"member": member.member_code, "union": to_organization.code},
    )
    send_after_commit(Kind.TRANSFER_REQUESTED, transfer_id=req.pk, actor_id=actor.pk)
    return req


@transaction.atomic
def transfer_accept(*, actor, transfer_request):
    req = _lock(transfer_request)
    access.require(actor, access.MEMBER_WRITE, req.to_organization)
    _require_open(req)
    member = Member.objects.select_for_update().select_related("organization").get(pk=req.member_id)
    if member.organization_id != req.from_organization_id:
        raise ValidationError(_("The member has left %(union)s since the request.") % {"union": req.from_organization})
    req.transfer = _move_member(
        actor=actor,
        member=member,
        to_organization=req.to_organization,
        transferred_on=req.transferred_on,
        note=req.note,
    )
    _close(req, Status.ACCEPTED, actor)
    record(
        actor=actor,
        action="change",
        obj=member,
        organization=req.to_organization,
        label=_("%(member)s: transfer from %(union)s accepted")
        % {"member": member.member_code, "union": req.from_organization.code},
    )
    send_after_commit(Kind.TRANSFER_ACCEPTED, transfer_id=req.pk, actor_id=actor.pk)
    return req


@transaction.atomic
def transfer_refuse(*, actor, transfer_request, reason):
    req = _lock(transfer_request)
    access.require(actor, access.MEMBER_WRITE, req.to_organization)
    _require_open(req)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the refusal: the sending union reads it.")})
    req.reason = reason
    _close(req, Status.REFUSED, actor)
    record(
        actor=actor,
        action="change",
        obj=req,
        organization=req.to_organization,
        label=_("%(member)s: transfer refused") % {"member": req.member.member_code},
    )
    send_after_commit(Kind.TRANSFER_ACCEPTED, transfer_id=req.pk, actor_id=actor.pk)
    return req


@transaction.atomic
def transfer_withdraw(*, actor, transfer_request):
    req = _lock(transfer_request)
    access.require(actor, access.MEMBER_WRITE, req.from_organization)
    _require_open(req)
    _close(req, Status.CANCELLED, actor)
    record(
        actor=actor,
        action="change",
        obj=req,
        organization=req.from_organization,
        label=_("%(member)s: transfer request withdrawn") % {"member": req.member.member_code},
    )
    return req


def _close(req, status, actor):
    req.status = status
    req.decided_by = actor
    req.decided_at = timezone.now()
    req.save(update_fields=["status", "reason", "decided_by", "decided_at", "transfer"])
