"""Processing inside the receiving body: the dossier is assigned to a specialist, the head of department
approves the review, a leader signs off, and only then, where the body asks for it, the decision is issued.

The steps are kept on `ProposalProcessing`, beside the proposal's own states, so that a body that does not
work this way sees nothing change. An approval or sign-off given before the proposal's last submission does
not count: a dossier returned and sent again is approved again.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unions import access

from ..models import ProcessingSettings, Proposal, ProposalProcessing
from .proposals import _lock, _require_status

S = Proposal.Status
RECEIVED = (S.SUBMITTED, S.UNDER_REVIEW, S.PUBLIC_NOTICE, S.COUNCIL)


def sign_off_required(org):
    return ProcessingSettings.objects.filter(organization=org, sign_off_required=True).exists()


@transaction.atomic
def processing_settings_set(*, actor, organization, sign_off_required):
    access.require(actor, access.PROCESSING_ORGANISE, organization)
    settings, _created = ProcessingSettings.objects.select_for_update().get_or_create(organization=organization)
    settings.sign_off_required = sign_off_required
    settings.updated_by = actor
    settings._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
    settings.save()
    return settings


def _processing(proposal, actor):
    processing, _created = ProposalProcessing.objects.select_for_update().get_or_create(proposal=proposal)
    processing.proposal = proposal  # the locked row: its submitted_at decides which approvals count
    processing._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
    return processing


def specialists_for(proposal):
    """Whom the dossier can be assigned to: the reviewers whose role sits at the receiving body itself."""
    return access.holders_at(proposal.to_org, access.PROPOSAL_REVIEW)


@transaction.atomic
def proposal_assign(*, actor, proposal, assignee):
    proposal = _lock(proposal)
    access.require(actor, access.PROPOSAL_ASSIGN, proposal.to_org)
    _require_status(proposal, *RECEIVED)
    if assignee is not None and not specialists_for(proposal).filter(pk=assignee.pk).exists():
        raise ValidationError(
            {
                "assignee": _("%(name)s does not review proposals at %(org)s.")
                % {"name": assignee, "org": proposal.to_org}
            }
        )
    processing = _processing(proposal, actor)
    processing.assigned_to = assignee
    processing.assigned_by = actor
    processing.assigned_at = timezone.now()
    processing.save()
    return processing


@transaction.atomic
def review_approve(*, actor, proposal):
    """The head of department approves the specialist's review."""
    proposal = _lock(proposal)
    access.require(actor, access.REVIEW_APPROVE, proposal.to_org)
    _require_status(proposal, S.UNDER_REVIEW, S.PUBLIC_NOTICE, S.COUNCIL)
    processing = _processing(proposal, actor)
    if processing.review_approved:
        raise ValidationError(_("The review is already approved."))
    processing.review_approved_by = actor
    processing.review_approved_at = timezone.now()
    processing.save()
    return processing


@transaction.atomic
def proposal_sign_off(*, actor, proposal):
    """A leader with approval rights signs off the council's result before the decision."""
    proposal = _lock(proposal)
    access.require(actor, access.DECISION_SIGN_OFF, proposal.to_org)
    _require_status(proposal, S.COUNCIL)
    processing = _processing(proposal, actor)
    if not processing.review_approved:
        raise ValidationError(_("The head of department has not approved the review yet."))
    if processing.signed_off:
        raise ValidationError(_("The proposal is already signed off."))
    processing.signed_off_by = actor
    processing.signed_off_at = timezone.now()
    processing.save()
    return processing


def require_sign_off(proposal):
    """Called by decision_issue on the locked proposal: where the body asks for it, no decision before the
    leader's sign-off."""
    if not sign_off_required(proposal.to_org):
        return
    processing = ProposalProcessing.objects.filter(proposal=proposal).first()
    if processing is not None:
        processing.proposal = proposal
    if processing is None or not processing.signed_off:
        raise ValidationError(
            _(
                "%(org)s issues decisions only after a leader's sign-off, and this proposal has not been signed "
                "off yet. Nothing was issued."
            )
            % {"org": proposal.to_org.name}
        )
