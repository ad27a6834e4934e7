from django.db.models import Count, Prefetch, Q

from ..models import Award, Decision, Proposal, ProposalLine


def proposal_list_for(user):
    return (Proposal.objects.visible_to(user).select_related("from_org", "to_org", "campaign")
            .annotate(line_count=Count("lines")).order_by("-created_at"))


def proposal_get_for(user, pk):
    return (
        Proposal.objects.visible_to(user)
        .select_related("from_org", "to_org", "campaign", "parent", "decision", "council_session", "notice")
        .prefetch_related(
            Prefetch("lines", queryset=ProposalLine.objects.select_related(
                "member", "organization", "award_type", "initiative", "award", "overridden_by")),
            "attachments", "forwarded",
        )
        .get(pk=pk)
    )


def waiting_for(user, proposals):
    """Split counts for the home page: to review (incoming) and returned (outgoing)."""
    return proposals.aggregate(
        incoming=Count("id", filter=Q(status__in=["submitted", "under_review"])),
        returned=Count("id", filter=Q(status="returned")),
    )


def decision_get_for(user, pk):
    return (Decision.objects.visible_to(user).select_related("issuer")
            .prefetch_related(Prefetch("awards", queryset=Award.objects.select_related(
                "award_type", "member", "organization").order_by("gold_book_number")))
            .get(pk=pk))


def award_get_for(user, pk):
    return Award.objects.visible_to(user).select_related("award_type", "member", "organization", "decision").get(pk=pk)
