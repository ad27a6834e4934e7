"""Reads about collective lines decided with their members (issue 13.5)."""

from ..eligibility.registry import REFUSED_AT_DECISION
from ..models import ProposalLine


def lines_refused_at_decision(proposal):
    """Names of the collective lines of `proposal` the decision refused because their members were not conferred."""
    lines = ProposalLine.objects.filter(
        proposal=proposal, status=ProposalLine.Status.REJECTED, member__isnull=True
    ).select_related("organization", "award_type")
    return [
        f"{line.organization.name} ({line.award_type.name})"
        for line in lines
        if line.eligibility and line.eligibility[0].get("rule") == REFUSED_AT_DECISION
    ]
