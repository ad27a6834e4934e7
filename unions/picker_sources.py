"""What the pickers of unions' own forms offer (see unions/pickers.py)."""

from django.db.models import Q

from . import access, selectors
from .models import MEMBER_HOLDING_KINDS, Organization, OrgKind, child_kinds
from .pickers import ORGANIZATION, source


@source("unions.member_unit", ORGANIZATION)
def member_units(user, within):
    """Unions that hold members and that the user may write to: where a member is transferred."""
    return selectors.member_holding_orgs_for(user)


@source("unions.role_unit", ORGANIZATION)
def role_units(user, within):
    return selectors.organization_list_for(user, access.USER_MANAGE).active()


@source("unions.unit", ORGANIZATION)
def units(user, within):
    """Every unit in reach, dissolved ones too: list filters."""
    return selectors.organization_list_for(user)


@source("unions.transfer_destination", ORGANIZATION)
def transfer_destinations(user, within):
    """Where a member may be transferred: a unit the user keeps (moved at once), or any active grassroots union in
    the country (asked, then accepted there). The picker shows units by name and code only, never their members."""
    own = access.scope_q(user, access.MEMBER_WRITE)
    if own is None:
        return Organization.objects.none()
    return Organization.objects.active().filter(Q(kind=OrgKind.GRASSROOTS) | (own & Q(kind__in=MEMBER_HOLDING_KINDS)))


@source("unions.move_parent", ORGANIZATION)
def move_parents(user, within):
    """Where the unit `within` may be moved: an active organisation of the user's reach that may hold its kind,
    neither under the unit itself nor its present parent (a move that moves nothing)."""
    if within is None:
        return Organization.objects.none()
    kinds = [kind for kind in OrgKind.values if within.kind in child_kinds(kind)]
    parent_path = within.path[: -Organization.steplen]
    return (
        access.orgs_for(user, access.ORG_ADD_UNIT)
        .filter(kind__in=kinds, dissolved_on__isnull=True)
        .exclude(path__startswith=within.path)
        .exclude(path=parent_path)
    )
