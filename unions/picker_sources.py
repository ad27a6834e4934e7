"""What the pickers of unions' own forms offer (see unions/pickers.py)."""

from . import access, selectors
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
