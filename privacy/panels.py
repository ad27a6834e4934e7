from django.template.loader import render_to_string
from django.utils import timezone

from unions import access
from unions.models import MemberStatus

from .models import Anonymisation, DataSubjectRequest
from .selectors import member_consents


def member_privacy(request, member):
    can_write = access.can(request.user, access.MEMBER_WRITE, member.organization)
    anonymised = Anonymisation.objects.filter(member=member).exists()
    return render_to_string(
        "privacy/_member_panel.html",
        {
            "member": member,
            "consents": list(member_consents(member)),
            "requests": list(DataSubjectRequest.objects.filter(member=member)) if can_write else [],
            "can_write": can_write and not anonymised,
            "can_anonymise": can_write and not anonymised and member.status == MemberStatus.LEFT,
            "anonymised": anonymised,
            "today": timezone.localdate(),
        },
        request,
    )
