"""What the pickers of award forms offer (see unions/pickers.py); `within` is the proposing union."""

from unions import access
from unions.models import Member, Organization, OrgKind
from unions.pickers import MEMBER, ORGANIZATION, source

from .services import register


@source("awards.line_member", MEMBER)
def line_members(user, within):
    if within is None:
        return Member.objects.none()
    return Member.objects.visible_to(user, access.MEMBER_WRITE).filter(org_path__startswith=within.path)


@source("awards.line_union", ORGANIZATION)
def line_unions(user, within):
    """The proposing union itself and the grassroots unions under it (collective titles)."""
    if within is None:
        return Organization.objects.none()
    return (
        Organization.objects.visible_to(user)
        .filter(path__startswith=within.path, kind__in=[OrgKind.GRASSROOTS, within.kind])
        .active()
    )


@source("awards.case_member", MEMBER)
def case_members(user, within):
    """Members a disciplinary case or a complaint can be about."""
    return Member.objects.visible_to(user, access.MEMBER_WRITE)


@source("awards.register_member", MEMBER)
def register_members(user, within):
    return register.individual_subjects(user)


@source("awards.register_union", ORGANIZATION)
def register_unions(user, within):
    return register.collective_subjects(user)
