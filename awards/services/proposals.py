"""Proposals from a lower level: lines with their eligibility, submission, review, notice and council vote."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unions import access
from unions.models import MEMBER_HOLDING_KINDS, Organization, OrgKind
from unions.signals import announce

from .. import notices
from ..eligibility.engine import evaluate
from ..eligibility.pending import pending_for
from ..models import (
    CouncilSession,
    NoticeComment,
    Proposal,
    ProposalAttachment,
    ProposalLine,
    PublicNotice,
)
from . import eligibility_refresh, rounds

S = Proposal.Status
EDITABLE = (S.DRAFT, S.RETURNED)


def receiving_org(org):
    """Proposals go to the nearest level above that decides (not a division of the same union)."""
    for ancestor in reversed(Organization.objects.get_ancestors(org)):
        if ancestor.kind not in MEMBER_HOLDING_KINDS:
            return ancestor
    return None


def _lock(proposal):
    """The proposal row only: locking the joined organisations too would queue every proposal of a union."""
    return Proposal.objects.select_for_update(of=("self",)).select_related("from_org", "to_org").get(pk=proposal.pk)


def _require_sender(actor, proposal):
    access.require(actor, access.PROPOSAL_SUBMIT, proposal.from_org)
    rounds.require_open(proposal)


def _require_reviewer(actor, proposal):
    access.require(actor, access.PROPOSAL_REVIEW, proposal.to_org)


def _require_status(proposal, *statuses):
    if proposal.status not in statuses:
        raise ValidationError(
            _("This cannot be done while the proposal is “%(status)s”.") % {"status": proposal.get_status_display()}
        )


@transaction.atomic
def proposal_create(*, actor, from_org, year, title, kind=Proposal.Kind.ANNUAL, campaign=None):
    access.require(actor, access.PROPOSAL_SUBMIT, from_org)
    to_org = receiving_org(from_org)
    if to_org is None:
        raise ValidationError(_("%(org)s has no level above to propose to.") % {"org": from_org})
    proposal = Proposal(
        from_org=from_org, to_org=to_org, year=year, title=title.strip(), kind=kind, campaign=campaign, created_by=actor
    )
    proposal._history_user = actor
    proposal.save()
    rounds.place(proposal)
    announce([from_org.path, to_org.path])
    return proposal


def _snapshot(line, year):
    subject = line.member if line.member_id else line.organization
    eligibility_refresh.record(line, evaluate(subject, line.award_type, year, pending=pending_for(line)))


@transaction.atomic
def line_add(*, actor, proposal, award_type, member=None, organization=None, achievement="", initiative=None):
    proposal = _lock(proposal)
    _require_sender(actor, proposal)
    _require_status(proposal, *EDITABLE)
    subject_org = member.organization if member is not None else organization
    if subject_org is None or not subject_org.path.startswith(proposal.from_org.path):
        raise ValidationError(_("The subject must belong to the proposing union."))
    if member is None and subject_org.kind != OrgKind.GRASSROOTS and subject_org != proposal.from_org:
        raise ValidationError(_("Propose a grassroots union or the proposing organisation itself."))
    if initiative is not None and not initiative.authors.filter(member=member).exists():
        raise ValidationError({"initiative": _("The member is not an author of this initiative.")})
    line = ProposalLine(
        proposal=proposal,
        organization=subject_org,
        member=member,
        award_type=award_type,
        achievement=achievement,
        initiative=initiative,
    )
    _snapshot(line, proposal.year)
    try:
        with transaction.atomic():
            line.save()
    except IntegrityError:
        raise ValidationError(_("This subject is already proposed for this award in this proposal.")) from None
    return line


@transaction.atomic
def lines_add(*, actor, proposal, rows):
    """Several lines at once (an imported list): each by the rules of line_add, all of them or none."""
    return [line_add(actor=actor, proposal=proposal, **row) for row in rows]


@transaction.atomic
def line_remove(*, actor, line):
    proposal = _lock(line.proposal)
    _require_sender(actor, proposal)
    _require_status(proposal, *EDITABLE)
    line.delete()


@transaction.atomic
def line_override(*, actor, line, reason):
    """An authorised person lets a line that fails the rules go on, with a written reason."""
    proposal = _lock(line.proposal)
    _require_reviewer(actor, proposal)
    _require_status(proposal, S.DRAFT, S.RETURNED, S.SUBMITTED, S.UNDER_REVIEW)
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the rules are overridden.")})
    line.override_reason = reason.strip()
    line.overridden_by = actor
    line.save(update_fields=["override_reason", "overridden_by"])
    return line


@transaction.atomic
def attachment_add(*, actor, proposal, kind, title, file):
    proposal = _lock(proposal)
    _require_sender(actor, proposal)
    _require_status(proposal, *EDITABLE)
    return ProposalAttachment.objects.create(proposal=proposal, kind=kind, title=title, file=file, uploaded_by=actor)


def _transition(proposal, actor, status, **fields):
    previous = proposal.status
    proposal.status = status
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal._history_user = actor
    proposal.save()
    # Every change of state moves the proposal between the figures by state of the sender and the receiver.
    announce([proposal.from_org.path, proposal.to_org.path])
    notices.proposal_changed(proposal, actor, previous)
    return proposal


def proposal_submit(*, actor, proposal):
    # The rules run on every line in a step of its own that commits: a refused submission leaves each line
    # showing its own results, not those of before (the check below runs in a transaction that rolls back).
    eligibility_refresh.proposal_recheck(actor=actor, proposal=proposal)
    return _submit(actor=actor, proposal=proposal)


@transaction.atomic
def _submit(*, actor, proposal):
    proposal = _lock(proposal)
    _require_sender(actor, proposal)
    _require_status(proposal, *EDITABLE)
    lines = list(proposal.lines.select_related("member", "organization", "award_type"))
    for line in lines:
        _snapshot(line, proposal.year)
        line.save(update_fields=eligibility_refresh.FIELDS)
    active = [line for line in lines if line.status == ProposalLine.Status.PROPOSED]
    if not active:
        raise ValidationError(_("Add at least one line that is not deferred."))
    blocked = [line.subject_name for line in active if line.blocked]
    if blocked:
        raise ValidationError(
            _("These lines do not meet the rules and have no authorised override: %(names)s.")
            % {"names": ", ".join(blocked)}
        )
    return _transition(proposal, actor, S.SUBMITTED, submitted_at=timezone.now(), return_reason="")


@transaction.atomic
def proposal_start_review(*, actor, proposal):
    proposal = _lock(proposal)
    _require_reviewer(actor, proposal)
    _require_status(proposal, S.SUBMITTED)
    return _transition(proposal, actor, S.UNDER_REVIEW)


@transaction.atomic
def proposal_return(*, actor, proposal, reason):
    proposal = _lock(proposal)
    _require_reviewer(actor, proposal)
    _require_status(proposal, S.SUBMITTED, S.UNDER_REVIEW, S.PUBLIC_NOTICE)
    if not reason.strip():
        raise ValidationError({"reason": _("Write what the union must complete.")})
    # Lines approved for sending up (aggregation.proposal_approve) are proposed again once resubmitted.
    proposal.lines.filter(status=ProposalLine.Status.APPROVED).update(status=ProposalLine.Status.PROPOSED)
    return _transition(proposal, actor, S.RETURNED, return_reason=reason.strip())


@transaction.atomic
def proposal_reject(*, actor, proposal, reason):
    proposal = _lock(proposal)
    _require_reviewer(actor, proposal)
    _require_status(proposal, S.SUBMITTED, S.UNDER_REVIEW, S.PUBLIC_NOTICE, S.COUNCIL)
    proposal.lines.exclude(status__in=[ProposalLine.Status.DEFERRED, ProposalLine.Status.RETURNED]).update(
        status=ProposalLine.Status.REJECTED
    )
    return _transition(proposal, actor, S.REJECTED, return_reason=reason.strip())


@transaction.atomic
def notice_publish(*, actor, proposal, starts_on, ends_on):
    proposal = _lock(proposal)
    _require_reviewer(actor, proposal)
    _require_status(proposal, S.UNDER_REVIEW)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The notice must end after it starts.")})
    PublicNotice.objects.update_or_create(
        proposal=proposal, defaults={"starts_on": starts_on, "ends_on": ends_on, "published_by": actor}
    )
    return _transition(proposal, actor, S.PUBLIC_NOTICE)


@transaction.atomic
def notice_comment(*, actor, proposal, author, received_on, content):
    _require_reviewer(actor, proposal)
    notice = PublicNotice.objects.get(proposal=proposal)
    return NoticeComment.objects.create(
        notice=notice, author=author, received_on=received_on, content=content, recorded_by=actor
    )


def required_share(award_type):
    """The share of all council members a line of this award needs (percent), or None: no secret ballot."""
    if not award_type.secret_ballot or award_type.vote_threshold is None:
        return None
    return award_type.vote_threshold


def line_passes_ballot(line, members_total):
    threshold = required_share(line.award_type)
    if threshold is None:
        # No share is required; a tally the council still recorded must have more votes for than against.
        return line.votes_yes is None or line.votes_yes > (line.votes_no or 0)
    return (line.votes_yes or 0) * 100 >= threshold * members_total


@transaction.atomic
def council_record(*, actor, proposal, held_on, members_total, members_present, chair, votes):
    """Record the council's secret ballot: votes = {line_id: (yes, no)}; thresholds count all members."""
    proposal = _lock(proposal)
    access.require(actor, access.COUNCIL_RECORD, proposal.to_org)
    _require_status(proposal, S.UNDER_REVIEW, S.PUBLIC_NOTICE)
    if members_present > members_total:
        raise ValidationError({"members_present": _("More members present than the council has.")})
    session = CouncilSession.objects.create(
        organization=proposal.to_org,
        held_on=held_on,
        members_total=members_total,
        members_present=members_present,
        chair=chair,
        recorded_by=actor,
    )
    lines = list(proposal.lines.filter(status=ProposalLine.Status.PROPOSED).select_related("award_type"))
    for line in lines:
        yes, no = votes.get(line.pk, (None, None))
        if (yes is None or no is None) and (line.award_type.secret_ballot or (yes, no) != (None, None)):
            raise ValidationError(_("Enter the ballot result of %(name)s.") % {"name": line.subject_name})
        if yes is not None and yes + no > members_total:
            raise ValidationError(_("More votes than council members for %(name)s.") % {"name": line.subject_name})
        line.votes_yes, line.votes_no = yes, no
        ok = line_passes_ballot(line, members_total) and not line.blocked
        line.status = ProposalLine.Status.APPROVED if ok else ProposalLine.Status.REJECTED
        line.save(update_fields=["votes_yes", "votes_no", "status"])
    return _transition(proposal, actor, S.COUNCIL, council_session=session)
