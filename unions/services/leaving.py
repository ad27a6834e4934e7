"""Leaving the union with a reason from the list, and coming back (a member marked as left by mistake, or who
rejoined the same union)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record

from .. import access
from ..models import Member, MemberStatus
from ..signals import announce
from .members import check_can_hold_members


@transaction.atomic
def member_reinstate(*, actor, member, reason=""):
    """A member who left is active again in the same union; the leaving stays in the member's history."""
    member = Member.objects.select_for_update(of=("self",)).select_related("organization").get(pk=member.pk)
    access.require(actor, access.MEMBER_WRITE, member.organization)
    if member.status != MemberStatus.LEFT:
        raise ValidationError(_("Only a member who left the union can be reinstated."))
    check_can_hold_members(member.organization)
    member.status = MemberStatus.ACTIVE
    member.left_on = None
    member.left_reason, member.left_reason_text = "", ""
    member._history_user = actor
    member._change_reason = reason.strip()[:100] or None
    member.save(update_fields=["status", "left_on", "left_reason", "left_reason_text", "updated_at"])
    announce([member.organization.path])
    record(actor=actor, action="change", obj=member, label=_("%(member)s: reinstated") % {"member": member.member_code})
    return member
