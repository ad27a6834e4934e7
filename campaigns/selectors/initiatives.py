"""Reads of initiatives, works and research projects, scoped through unions.access."""

from django.db.models import BigIntegerField, Count, Prefetch, Sum
from django.db.models.functions import Coalesce

from core.text import fold
from unions import access
from unions.selectors import with_changes

from ..models import Initiative, InitiativeAuthor, ResearchProject, WorkProduct

# Two titles are "likely the same" when they share more than this part of the longer one's words.
SIMILARITY = 0.6


def _authors():
    return Prefetch("authors", queryset=InitiativeAuthor.objects.select_related("member__organization"))


def initiative_list_for(user, perm=access.READ):
    return (
        Initiative.objects.visible_to(user, perm)
        .select_related("organization", "campaign")
        .prefetch_related(_authors())
    )


def initiative_get_for(user, pk, perm=access.READ):
    return initiative_list_for(user, perm).get(pk=pk)


def initiative_history(initiative):
    return with_changes(
        initiative.history.select_related("history_user", "organization", "campaign").order_by("-history_date")[:50]
    )


def initiative_totals(queryset):
    """{"count", "estimated", "verified"} of the rows, in one aggregate query."""
    totals = queryset.order_by().aggregate(
        count=Count("id"),
        estimated=Coalesce(Sum("estimated_benefit"), 0, output_field=BigIntegerField()),
        verified=Coalesce(Sum("verified_benefit"), 0, output_field=BigIntegerField()),
    )
    return {key: int(value) for key, value in totals.items()}


def _words(title):
    return set(fold(title).split())


def similarity(a, b):
    """Share of the longer title's words that the two folded titles have in common."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / max(len(wa), len(wb))


def similar_initiatives(organization, year, title, exclude_pk=None):
    """Initiatives of the same union and year whose titles share most words: a warning, never a block."""
    if not title or organization is None or not year:
        return []
    candidates = Initiative.objects.filter(organization=organization, year=year).only("pk", "title", "status")
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    scored = [(similarity(title, c.title), c) for c in candidates]
    return [c for score, c in sorted(scored, key=lambda sc: -sc[0]) if score > SIMILARITY]


def work_list_for(user, perm=access.READ):
    return WorkProduct.objects.visible_to(user, perm).select_related("organization", "campaign")


def work_get_for(user, pk, perm=access.READ):
    return work_list_for(user, perm).get(pk=pk)


def work_totals(queryset):
    totals = queryset.order_by().aggregate(
        count=Count("id"), value=Coalesce(Sum("value"), 0, output_field=BigIntegerField())
    )
    return {key: int(value) for key, value in totals.items()}


def research_list_for(user, perm=access.READ):
    return ResearchProject.objects.visible_to(user, perm).select_related("organization", "lead")


def research_get_for(user, pk, perm=access.READ):
    # The lead's union too: the edit form's picker labels the lead with it.
    return research_list_for(user, perm).select_related("lead__organization").get(pk=pk)
