from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch

from campaigns.models import Initiative
from unions.models import Organization

from ..models import Award, AwardType, Decision, Proposal, ProposalLine

# The receiving body's processing: its round and people, read with the proposal for its panel
# (awards/selectors/processing.py).
PROCESSING_PEOPLE = ("round", "assigned_to", "review_approved_by", "signed_off_by")


def proposal_list_for(user):
    return (
        Proposal.objects.visible_to(user)
        .select_related("from_org", "to_org", "campaign")
        .annotate(line_count=Count("lines"))
        .order_by("-created_at")
    )


def proposal_get_for(user, pk):
    return (
        _proposal(user)
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=ProposalLine.objects.select_related(
                    "member", "organization", "award_type", "initiative", "award", "overridden_by"
                ),
            ),
        )
        .get(pk=pk)
    )


def proposal_page_for(user, pk):
    """The proposal page's read: the proposal as `proposal_get_for` gives it, with its lines read narrowly
    (`page_lines`)."""
    proposal = _proposal(user).get(pk=pk)
    proposal.page_lines = page_lines(proposal)
    return proposal


def _proposal(user):
    # Seven tables at most in the join: from the eighth, PostgreSQL's planning time doubles (measured at T3,
    # 2 → 4 ms). The links that are usually empty come by prefetch, which reads nothing for an empty one.
    return (
        Proposal.objects.visible_to(user)
        .select_related("from_org", "to_org__processing_settings", "campaign", "notice", "processing")
        .prefetch_related(
            "parent",
            "decision",
            "council_session",
            *(f"processing__{name}" for name in PROCESSING_PEOPLE),
            "attachments",
            "forwarded",
        )
    )


# The columns the proposal page, its panels and its bulk form read of a line and its member and unit
# (awards/views/proposals.py).
PAGE_LINE_FIELDS = (*(f.attname for f in ProposalLine._meta.concrete_fields), "member__full_name")
PAGE_UNIT_FIELDS = ("id", "name", "short_name", "path", "kind")


def page_lines(proposal):
    """The lines of the proposal page: the member with only the name shown; the units (one object for all the
    lines of a union), award types, initiatives, awards and users who overrode a rule read once each, and only
    when a line has one.

    Read with every column and one object per line and link, the 200 lines of a proposal took 12 ms at T3; these
    take a third of it (Django's prefetch costs more than the reads themselves at this size).
    """
    lines = list(proposal.lines.select_related("member").only(*PAGE_LINE_FIELDS))
    _attach(lines, "organization", Organization.objects.only(*PAGE_UNIT_FIELDS))
    _attach(lines, "award_type", AwardType.objects.all())
    _attach(lines, "initiative", Initiative.objects.all())
    _attach(lines, "award", Award.objects.all())
    _attach(lines, "overridden_by", get_user_model().objects.all())
    return lines


def _attach(lines, name, queryset):
    """Set the `name` link of each line from one read of `queryset` (as select_related would have)."""
    field = ProposalLine._meta.get_field(name)
    ids = {getattr(line, field.attname) for line in lines} - {None}
    found = queryset.in_bulk(ids) if ids else {}
    for line in lines:
        field.set_cached_value(line, found.get(getattr(line, field.attname)))


def line_get_for(user, pk):
    return ProposalLine.objects.select_related("proposal").get(pk=pk, proposal__in=proposal_list_for(user))


def to_review_for(user):
    """Proposals sent to an organisation the user reviews, waiting for action."""
    from unions import access

    q = access.scope_q(user, access.PROPOSAL_REVIEW, "to_org")
    if q is None:
        return Proposal.objects.none()
    return (
        Proposal.objects.filter(q)
        .filter(status__in=["submitted", "under_review", "public_notice", "council"])
        .select_related("from_org")
        .order_by("submitted_at")
    )


def returned_for(user):
    """The user's own proposals that came back with a reason."""
    from unions import access

    q = access.scope_q(user, access.MEMBER_WRITE, "from_org")
    if q is None:
        return Proposal.objects.none()
    return Proposal.objects.filter(q, status="returned").select_related("to_org").order_by("-created_at")


def decision_get_for(user, pk):
    return (
        Decision.objects.visible_to(user)
        .select_related("issuer")
        .prefetch_related(
            Prefetch(
                "awards",
                queryset=Award.objects.select_related("award_type", "member", "organization").order_by(
                    "gold_book_number"
                ),
            )
        )
        .get(pk=pk)
    )


def award_get_for(user, pk):
    return (
        Award.objects.visible_to(user)
        .select_related("award_type", "member", "organization", "decision__issuer")
        .get(pk=pk)
    )
