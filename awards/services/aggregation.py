"""Aggregation upward: a district or commune union approves what its grassroots unions propose beyond its own
authority, then sends the approved lines of several proposals up as ONE proposal to its own receiving level.

Each line sent up keeps its origin (`ProposalLine.origin`, the grassroots line it was copied from), so the
level above reads one dossier per district broken down by grassroots union, a line it returns goes back to
the line it came from, and the grassroots union reads the upper level's outcome through the same link
(`selectors/aggregation.py`). Forwarding after a decision (`decisions._forward`) copies lines the same way.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unions import access
from unions.signals import announce

from ..models import Proposal, ProposalLine
from .decisions import _require_someone_confers, confers, relay_attachments, relay_lines
from .proposals import _lock, _require_reviewer, _require_status, _transition, receiving_org

S = Proposal.Status
L = ProposalLine.Status
# Up to the council's vote a line can still go back; after it, the decision (or a rejection) answers it.
RETURNABLE = (S.SUBMITTED, S.UNDER_REVIEW, S.PUBLIC_NOTICE)


def _upper(org):
    upper = receiving_org(org)
    if upper is None:
        raise ValidationError(_("There is no level above %(org)s to send proposals to.") % {"org": org})
    return upper


@transaction.atomic
def proposal_approve(*, actor, proposal):
    """The receiving union agrees to send up the lines it cannot confer itself; its own lines stay proposed
    for its council."""
    proposal = _lock(proposal)
    _require_reviewer(actor, proposal)
    _require_status(proposal, S.SUBMITTED, S.UNDER_REVIEW)
    receiver = proposal.to_org
    _upper(receiver)
    lines = [
        line
        for line in proposal.lines.select_related("award_type", "member", "organization")
        if line.status == L.PROPOSED and not confers(receiver, line.award_type)
    ]
    if not lines:
        raise ValidationError(
            _("No line of this proposal goes beyond what %(org)s confers: hold the council and decide it here.")
            % {"org": receiver.name}
        )
    _require_someone_confers(receiver, lines)
    blocked = [line.subject_name for line in lines if line.blocked]
    if blocked:
        raise ValidationError(
            _("These lines do not meet the rules and have no authorised override: %(names)s.")
            % {"names": ", ".join(blocked)}
        )
    ProposalLine.objects.filter(pk__in=[line.pk for line in lines]).update(status=L.APPROVED)
    return _transition(proposal, actor, S.UNDER_REVIEW)


def _one(values, message):
    values = set(values)
    if len(values) != 1:
        raise ValidationError(message)
    return values.pop()


@transaction.atomic
def proposal_aggregate(*, actor, organization, proposals, title=""):
    """One proposal from `organization` to its receiving level with the approved lines of `proposals`
    (received by `organization`); a grassroots proposal with nothing left for the council here is forwarded."""
    access.require(actor, access.PROPOSAL_REVIEW, organization)
    access.require(actor, access.PROPOSAL_SUBMIT, organization)
    upper = _upper(organization)
    if not proposals:
        raise ValidationError(_("Choose the proposals to send up."))
    # Locked in one order so that two aggregations of overlapping choices queue instead of deadlocking.
    locked = [_lock(p) for p in sorted(proposals, key=lambda p: p.pk)]
    for proposal in locked:
        if proposal.to_org_id != organization.pk:
            raise ValidationError(
                _("%(title)s was not sent to %(org)s.") % {"title": proposal.title, "org": organization.name}
            )
        _require_status(proposal, S.UNDER_REVIEW)
    year = _one((p.year for p in locked), _("Send up proposals of one year together."))
    lines = list(
        ProposalLine.objects.filter(proposal__in=locked, status=L.APPROVED)
        .select_related("member", "organization", "award_type", "initiative", "overridden_by")
        .order_by("proposal__from_org__path", "proposal_id", "id")
    )
    empty = [p.title for p in locked if not any(line.proposal_id == p.pk for line in lines)]
    if empty:
        raise ValidationError(
            _("These proposals have no approved line to send up: %(titles)s.") % {"titles": ", ".join(empty)}
        )
    kinds = {p.kind for p in locked}
    campaigns = {p.campaign_id for p in locked}
    aggregate = Proposal(
        title=title.strip()
        or _("Proposals of the grassroots unions of %(org)s, %(year)s") % {"org": organization.name, "year": year},
        from_org=organization,
        to_org=upper,
        year=year,
        kind=kinds.pop() if len(kinds) == 1 else Proposal.Kind.ANNUAL,
        campaign_id=campaigns.pop() if len(campaigns) == 1 else None,
        status=S.SUBMITTED,
        submitted_at=timezone.now(),
        created_by=actor,
    )
    aggregate._history_user = actor  # type: ignore[attr-defined]  # read by django-simple-history
    aggregate.save()
    try:
        with transaction.atomic():
            relay_lines(aggregate, lines)
    except IntegrityError:
        raise ValidationError(
            _("Two of these proposals propose the same subject for the same award: return one of them.")
        ) from None
    for proposal in locked:
        relay_attachments(aggregate, proposal)
        if not proposal.lines.filter(status=L.PROPOSED).exists():
            _transition(proposal, actor, S.FORWARDED)
    announce([organization.path, upper.path])
    return aggregate


@transaction.atomic
def line_return(*, actor, line, reason):
    """The upper level sends one line back: it and every line it was copied from, down to the grassroots
    union's, are marked returned with the reason."""
    proposal = _lock(line.proposal)
    _require_reviewer(actor, proposal)
    _require_status(proposal, *RETURNABLE)
    line = ProposalLine.objects.select_for_update().get(pk=line.pk)
    if line.origin_id is None:
        raise ValidationError(_("This line was proposed here, not sent up: return the whole proposal instead."))
    if line.status not in (L.PROPOSED, L.DEFERRED):
        raise ValidationError(_("Only a line still waiting for the council can be returned."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the line is returned.")})
    returned = []
    while line is not None:
        line.status, line.return_reason = L.RETURNED, reason
        line.save(update_fields=["status", "return_reason"])
        returned.append(line)
        line = ProposalLine.objects.select_for_update().filter(pk=line.origin_id).first() if line.origin_id else None
    return returned
