from django.db.models import F, Sum

from core import paging
from unions import access

from ..models import Award, AwardType


def award_list_for(user):
    # Newest first: an order the path index can serve without joining award types for every row.
    return (
        Award.objects.visible_to(user)
        .select_related("award_type", "organization", "member", "decision")
        .order_by("-year", "-id")
    )


def award_page_order(queryset, *, small):
    """Newest first. A small scope (a union's awards) is read through its path index and sorted, by an order
    the planner cannot take from the (year, id) index: walking that index would skip the whole country's rows."""
    if small:
        return queryset.order_by((F("year") + 0).desc(), (F("id") + 0).desc())
    return queryset


def award_totals(queryset):
    """Count and bonus total; past COUNT_LIMIT rows only "more than", as summing a whole country's
    awards on every page view costs more than the page (the dashboard has the totals)."""
    count = paging.capped_count(queryset)
    if count > paging.COUNT_LIMIT:
        return {"count": paging.COUNT_LIMIT, "capped": True, "bonus": None}
    return {"count": count, "capped": False, "bonus": queryset.order_by().aggregate(v=Sum("bonus_amount"))["v"]}


def member_awards(member):
    return (
        Award.objects.filter(member=member)
        .select_related("award_type", "decision")
        .order_by("-year", "-award_type__rank")
    )


def organization_awards(org):
    return (
        Award.objects.filter(organization=org, member__isnull=True)
        .select_related("award_type", "decision")
        .order_by("-year", "-award_type__rank")
    )


def award_types(subject_kind=None):
    qs = AwardType.objects.filter(active=True)
    return qs.filter(subject_kind=subject_kind) if subject_kind else qs


def writable(user, award):
    return access.can(user, access.MEMBER_WRITE, award.organization)
