"""Submission rounds (đợt xét) of a receiving body, and the lock they put on late proposals.

A proposal belongs to the round of its receiving body for its year (and kind, when the round names one) whose
deadline has not passed when it is first placed, else to the last round that closed: a proposal started after
every round of the year closed is as late as one left unsent. Without any round the body has no deadline and
nothing is locked, as before rounds existed. After the round closes the sender can neither change nor submit
the proposal, until the body reopens the round or that one proposal up to a later day.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from unions import access

from ..models import Proposal, ProposalProcessing, SubmissionRound


def _rounds_for(proposal):
    return SubmissionRound.objects.filter(
        Q(kind="") | Q(kind=proposal.kind), organization_id=proposal.to_org_id, year=proposal.year
    ).order_by("deadline", "pk")


def round_for(proposal, today=None):
    """The round a proposal not yet placed belongs to, or None when its body has no round that year."""
    today = today or timezone.localdate()
    rounds = list(_rounds_for(proposal))
    if not rounds:
        return None
    return next((r for r in rounds if r.closes_on >= today), rounds[-1])


def place(proposal):
    """Put a new proposal into its round; a body without rounds gets no processing row for it."""
    found = round_for(proposal)
    if found is not None:
        ProposalProcessing.objects.update_or_create(proposal=proposal, defaults={"round": found})


def require_open(proposal):
    """Refuse a sender's change after the round closed (called by every service that lets the sender edit)."""
    processing = ProposalProcessing.objects.select_related("round").filter(proposal=proposal).first()
    if processing is None or processing.round is None:
        found = round_for(proposal)
        if found is None:
            return
        processing, _created = ProposalProcessing.objects.update_or_create(proposal=proposal, defaults={"round": found})
    closes_on = processing.closes_on
    if closes_on is not None and timezone.localdate() > closes_on:
        raise ValidationError(
            _(
                "The round “%(round)s” closed on %(date)s: the proposal can no longer be changed or submitted "
                "unless %(org)s reopens it."
            )
            % {
                "round": processing.round.title if processing.round else "",
                "date": closes_on.strftime("%d/%m/%Y"),
                "org": proposal.to_org.name,
            }
        )


def is_locked(processing, today=None):
    if processing is None or processing.closes_on is None:
        return False
    return (today or timezone.localdate()) > processing.closes_on


def _require_organiser(actor, organization):
    access.require(actor, access.PROCESSING_ORGANISE, organization)


def _clean(title):
    if not title.strip():
        raise ValidationError({"title": _("Give the round a title.")})


@transaction.atomic
def round_create(*, actor, organization, year, title, deadline, kind=""):
    _require_organiser(actor, organization)
    _clean(title)
    return SubmissionRound.objects.create(
        organization=organization, year=year, title=title.strip(), deadline=deadline, kind=kind, created_by=actor
    )


def _lock_round(submission_round):
    """The round row only: its proposals stay free for their senders' own locks."""
    return SubmissionRound.objects.select_for_update().get(pk=submission_round.pk)


@transaction.atomic
def round_update(*, actor, submission_round, title, deadline, kind=""):
    submission_round = _lock_round(submission_round)
    _require_organiser(actor, submission_round.organization)
    _clean(title)
    submission_round.title, submission_round.deadline, submission_round.kind = title.strip(), deadline, kind
    submission_round._history_user = actor
    submission_round.save()
    return submission_round


def _require_future(until):
    if until < timezone.localdate():
        raise ValidationError({"until": _("Reopen until today or a later day.")})


@transaction.atomic
def round_reopen(*, actor, submission_round, until):
    """Every proposal of the round may be changed and submitted again until that day."""
    submission_round = _lock_round(submission_round)
    _require_organiser(actor, submission_round.organization)
    _require_future(until)
    submission_round.reopened_until = until
    submission_round._history_user = actor
    submission_round.save()
    return submission_round


@transaction.atomic
def proposal_reopen(*, actor, proposal, until):
    """This one proposal may be changed and submitted again until that day, its round staying closed."""
    proposal = Proposal.objects.select_related("to_org").get(pk=proposal.pk)
    _require_organiser(actor, proposal.to_org)
    _require_future(until)
    processing = ProposalProcessing.objects.select_for_update().filter(proposal=proposal).first()
    if processing is None or processing.round_id is None:
        raise ValidationError(_("This proposal belongs to no submission round: nothing is locked."))
    processing.reopened_until = until
    processing._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
    processing.save(update_fields=["reopened_until"])
    return processing
