"""The level above a grassroots union approves its registrations, or returns one with a reason the union
reads on its list. The review is a mark beside the registration's own status: no figure counts it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unions import access

from ..models import Registration

R = Registration.Review


def _locked(registrations):
    """The rows themselves, in one order (two reviewers of overlapping lists queue instead of deadlocking)."""
    return list(
        Registration.objects.select_for_update(of=("self",))
        .select_related("organization", "member")
        .filter(pk__in=[r.pk for r in registrations])
        .order_by("pk")
    )


def _review(actor, registration, review, reason):
    access.require(actor, access.REGISTRATION_REVIEW, registration.organization)
    if registration.status != Registration.Status.REGISTERED:
        raise ValidationError(
            _("Only a registration still pending its result can be reviewed: %(name)s.")
            % {"name": registration.member.full_name if registration.member_id else registration.organization.name}
        )
    registration.review, registration.review_reason = review, reason
    registration.reviewed_by, registration.reviewed_at = actor, timezone.now()
    registration._history_user = actor
    registration.save(update_fields=["review", "review_reason", "reviewed_by", "reviewed_at"])
    return registration


@transaction.atomic
def registrations_approve(*, actor, registrations):
    if not registrations:
        raise ValidationError(_("Tick the registrations to approve."))
    return [_review(actor, r, R.APPROVED, "") for r in _locked(registrations)]


@transaction.atomic
def registration_return(*, actor, registration, reason):
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write what the union must correct.")})
    (registration,) = _locked([registration])
    return _review(actor, registration, R.RETURNED, reason)
