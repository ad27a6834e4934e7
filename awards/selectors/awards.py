from django.db.models import Count, Sum

from unions import access

from ..models import Award, AwardType


def award_list_for(user):
    return Award.objects.visible_to(user).select_related("award_type", "organization", "member", "decision")


def award_totals(queryset):
    return queryset.aggregate(count=Count("id"), bonus=Sum("bonus_amount"))


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
