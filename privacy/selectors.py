from unions import access

from .models import DataSubjectRequest, MemberConsent


def data_request_list_for(user, *, status=""):
    qs = DataSubjectRequest.objects.visible_to(user, access.MEMBER_WRITE).select_related(
        "member", "member__organization", "handled_by"
    )
    if status == "pending":
        qs = qs.exclude(status__in=DataSubjectRequest.CLOSED)
    elif status:
        qs = qs.filter(status=status)
    return qs


def data_request_get_for(user, pk):
    return (
        DataSubjectRequest.objects.visible_to(user, access.READ)
        .select_related("member", "member__organization", "handled_by")
        .get(pk=pk)
    )


def member_consents(member):
    return MemberConsent.objects.filter(member=member).select_related("recorded_by")


def consent_get_for(user, pk):
    return MemberConsent.objects.visible_to(user, access.READ).select_related("member__organization").get(pk=pk)
