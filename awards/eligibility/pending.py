"""The members proposed in the same file, which a collective line may count on (issue 13.5).

A federation decides a union's collective title in the same file as its members' Lao động tiên tiến: the
collective's share is met on condition that those lines are approved, and the decision checks it again once they
are conferred. Lines deferred, rejected or already conferred are not pending.
"""

from collections import defaultdict

from ..models import Proposal, ProposalLine

PENDING = (ProposalLine.Status.PROPOSED, ProposalLine.Status.APPROVED)


def _by_code(rows):
    pending = defaultdict(set)
    for code, member_id in rows:
        pending[code].add(member_id)
    return dict(pending)


def pending_for(line):
    """{award code: member ids} of the individual lines in the proposal of `line` (a collective line), else None."""
    if line.member_id or not line.proposal_id:
        return None
    return _by_code(
        ProposalLine.objects.filter(proposal_id=line.proposal_id, member__isnull=False, status__in=PENDING)
        .order_by()
        .values_list("award_type__code", "member_id")
    )


def pending_in_drafts(organization, year):
    """{award code: member ids} proposed for `year` in the drafts being prepared under `organization` (what the
    candidates page counts on: a union ticked there goes into one of those files)."""
    return _by_code(
        ProposalLine.objects.filter(
            proposal__from_org__path__startswith=organization.path,
            proposal__year=year,
            proposal__status__in=[Proposal.Status.DRAFT, Proposal.Status.RETURNED],
            member__isnull=False,
            status__in=PENDING,
        )
        .order_by()
        .values_list("award_type__code", "member_id")
    )
