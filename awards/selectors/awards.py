from django.db.models import Sum

from emulation import paging
from unions import access

from ..models import Award, AwardType


def award_list_for(user):
    # Newest first: an order the path index can serve without joining award types for every row.
    return (Award.objects.visible_to(user).select_related("award_type", "organization", "member", "decision")
            .order_by("-year", "-id"))


def award_totals(queryset):
    """Count and bonus total; past COUNT_LIMIT rows only "more than", as summing a whole country's
    awards on every page view costs more than the page (the dashboard has the totals)."""
    count = paging.capped_count(queryset)
    if count > paging.COUNT_LIMIT:
        return {"count": paging.COUNT_LIMIT, "capped": True, "bonus": None}
    return {"count": count, "capped": False, "bonus": queryset.order_by().aggregate(v=Sum("bonus_amount"))["v"]}


def member_awards(member):
    return (Award.objects.filter(member=member).select_related("award_type", "decision")
            .order_by("-year", "-award_type__rank"))


def organization_awards(org):
    return (Award.objects.filter(organization=org, member__isnull=True).select_related("award_type", "decision")
            .order_by("-year", "-award_type__rank"))


def award_types(subject_kind=None):
    qs = AwardType.objects.filter(active=True)
    return qs.filter(subject_kind=subject_kind) if subject_kind else qs


def writable(user, award):
    return access.has_perm_on(user, award.organization, access.MEMBER_WRITE)
