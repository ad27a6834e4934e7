"""Reads of the receiving body's processing: the panel on a proposal, the received list, rounds, settings."""

from django.db.models import Count
from django.utils import timezone

from unions import access

from ..models import ProcessingSettings, Proposal, SubmissionRound
from ..services import rounds

S = Proposal.Status
# Dossiers the receiving body holds: sent to it and not yet decided, forwarded or rejected.
OPEN = (S.SUBMITTED, S.UNDER_REVIEW, S.PUBLIC_NOTICE, S.COUNCIL)


def panel_for(user, proposal):
    """What the proposal page shows of the processing, from the rows `proposal_get_for` read (no query)."""
    processing = getattr(proposal, "processing", None)
    settings = getattr(proposal.to_org, "processing_settings", None)
    to_org = proposal.to_org
    status = proposal.status
    reviews = access.can(user, access.PROPOSAL_REVIEW, to_org)
    return {
        "processing": processing,
        "sign_off_required": bool(settings and settings.sign_off_required),
        "locked": rounds.is_locked(processing),
        "closes_on": processing.closes_on if processing else None,
        "can_assign": status in OPEN and access.can(user, access.PROPOSAL_ASSIGN, to_org),
        "can_approve": status in (S.UNDER_REVIEW, S.PUBLIC_NOTICE, S.COUNCIL)
        and not (processing and processing.review_approved)
        and access.can(user, access.REVIEW_APPROVE, to_org),
        "can_sign_off": status == S.COUNCIL
        and bool(processing and processing.review_approved and not processing.signed_off)
        and access.can(user, access.DECISION_SIGN_OFF, to_org),
        # A secretary who does not review finds the council form here; reviewers have it among the actions.
        "can_record_council": status in (S.UNDER_REVIEW, S.PUBLIC_NOTICE)
        and not reviews
        and access.can(user, access.COUNCIL_RECORD, to_org),
        "can_draft_minutes": bool(proposal.council_session_id)
        and not reviews
        and access.can(user, access.COUNCIL_RECORD, to_org),
        "can_reopen": bool(processing and processing.round_id)
        and status in (S.DRAFT, S.RETURNED)
        and access.can(user, access.PROCESSING_ORGANISE, to_org),
    }


def received_list_for(user, *, mine=False, round_id=None, status=""):
    """Proposals sent to a body in the user's reach (drafts are the sender's own), the oldest waiting first."""
    items = access.restrict(Proposal.objects.visible_to(user), user, access.READ, "to_org").exclude(status=S.DRAFT)
    if mine:
        items = items.filter(processing__assigned_to=user)
    if round_id:
        items = items.filter(processing__round_id=round_id)
    items = items.filter(status=status) if status in S.values else items.filter(status__in=OPEN)
    return (
        items.select_related("from_org", "to_org", "processing__assigned_to", "processing__round")
        .annotate(line_count=Count("lines"))
        .order_by("submitted_at", "pk")
    )


def round_list_for(user):
    return access.restrict(
        SubmissionRound.objects.select_related("organization"), user, access.PROCESSING_ORGANISE, "organization"
    ).annotate(proposal_count=Count("processings"))


def bodies_for(user, limit=50):
    """The receiving bodies whose processing the user organises (the links to their settings)."""
    orgs = access.orgs_for(user, access.PROCESSING_ORGANISE).filter(dissolved_on__isnull=True)
    return list(orgs.order_by("path")[:limit])


def round_get_for(user, pk):
    return SubmissionRound.objects.visible_to(user).select_related("organization").get(pk=pk)


def rounds_of_received(user):
    """The rounds of the bodies whose received proposals the user reads (the received list's filter)."""
    return list(
        access.restrict(SubmissionRound.objects.all(), user, access.READ, "organization")
        .filter(year__gte=timezone.localdate().year - 1)
        .select_related("organization")
    )


def settings_of(organization):
    return ProcessingSettings.objects.filter(organization=organization).first()
