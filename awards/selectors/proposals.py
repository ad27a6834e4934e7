import functools

from django.db.models import Count, Exists, OuterRef, Prefetch, prefetch_related_objects

from ..models import (
    Award,
    Decision,
    ProcessingSettings,
    Proposal,
    ProposalAttachment,
    ProposalLine,
    ProposalProcessing,
    PublicNotice,
)

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
    return _header().visible_to(user)


@functools.cache
def _header():
    """The proposal page's read without the user's scope, built once per process (resolving five EXISTS costs the
    ORM about a millisecond; a clone of the built query a tenth of that).

    PostgreSQL's planning time grows fast with the tables joined (measured at T3: 0,1 ms for three, 0,75 ms for
    seven, ten times the run). The proposal joins its two organisations; the links that are often empty are asked
    with EXISTS in the same read and read after only when there (_links_when_set)."""
    return Proposal.objects.select_related("from_org", "to_org").annotate(
        has_notice=Exists(PublicNotice.objects.filter(proposal=OuterRef("pk"))),
        has_processing=Exists(ProposalProcessing.objects.filter(proposal=OuterRef("pk"))),
        has_settings=Exists(ProcessingSettings.objects.filter(organization=OuterRef("to_org"))),
        has_attachments=Exists(ProposalAttachment.objects.filter(proposal=OuterRef("pk"))),
        has_forwarded=Exists(Proposal.objects.filter(parent=OuterRef("pk"))),
    )


def _links_when_set(proposal):
    """The proposal's links read one each when set, and marked empty otherwise, so the page's later uses read
    nothing (Django's prefetch costs ~0,3 ms a link even with nothing to read)."""
    _read_set(proposal, ("campaign", "parent", "decision", "council_session"))
    _read_reverse(proposal, "notice", proposal.has_notice, PublicNotice.objects.filter(proposal=proposal))
    _read_reverse(proposal, "processing", proposal.has_processing, ProposalProcessing.objects.filter(proposal=proposal))
    _read_reverse(
        proposal.to_org,
        "processing_settings",
        proposal.has_settings,
        ProcessingSettings.objects.filter(organization=proposal.to_org_id),
    )
    _read_many(proposal, "attachments", proposal.has_attachments)
    _read_many(proposal, "forwarded", proposal.has_forwarded)
    processing = getattr(proposal, "processing", None)
    if processing is not None:
        _read_set(processing, PROCESSING_PEOPLE)
    return proposal


def _read_set(obj, names):
    for name in names:
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        field.set_cached_value(obj, field.related_model._default_manager.get(pk=value) if value is not None else None)


def _read_reverse(obj, name, there, queryset):
    """A reverse one-to-one link: read when there, else remembered as missing (getattr(obj, name, None) is None)."""
    obj._meta.get_field(name).set_cached_value(obj, queryset.get() if there else None)


def _read_many(obj, name, there):
    """A reverse foreign key the page lists: prefetched when it has rows, else remembered as empty."""
    if there:
        prefetch_related_objects([obj], name)
    else:
        manager = getattr(obj, name)
        obj.__dict__.setdefault("_prefetched_objects_cache", {})[manager.field.remote_field.cache_name] = manager.none()


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
