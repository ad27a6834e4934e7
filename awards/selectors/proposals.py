from django.db.models import Count, Prefetch

from ..models import Award, Decision, Proposal, ProposalLine

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
    return _links_when_set(
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
    """The proposal page's read: the proposal as `proposal_get_for` gives it, without its lines (the page reads
    a page of them, awards/selectors/proposal_lines.py)."""
    return _links_when_set(_proposal(user).get(pk=pk))


def _proposal(user):
    # Seven tables at most in the join: from the eighth, PostgreSQL's planning time doubles (measured at T3,
    # 2 → 4 ms). The links that are usually empty are read after, and only when set (_links_when_set).
    return (
        Proposal.objects.visible_to(user)
        .select_related("from_org", "to_org__processing_settings", "campaign", "notice", "processing")
        .prefetch_related("attachments", "forwarded")
    )


def _links_when_set(proposal):
    """The proposal's parent, decision and council session, and its processing's round and people: one read
    each that is set, none for an empty one (Django's prefetch costs ~0,3 ms a link even with nothing to read)."""
    _read_set(proposal, ("parent", "decision", "council_session"))
    processing = getattr(proposal, "processing", None)
    if processing is not None:
        _read_set(processing, PROCESSING_PEOPLE)
    return proposal


def _read_set(obj, names):
    for name in names:
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        field.set_cached_value(obj, field.related_model._default_manager.get(pk=value) if value is not None else None)


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
