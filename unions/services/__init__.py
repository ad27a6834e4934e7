"""Every write to unions data goes through these functions (see DESIGN.md §2)."""

from .members import (
    allocate_member_codes,
    member_create,
    member_mark_left,
    member_transfer,
    member_update,
)
from .organizations import (
    organization_create,
    organization_dissolve,
    organization_merge,
    organization_move,
    organization_update,
)
from .users import role_add, role_remove, user_create, user_update

__all__ = [
    "allocate_member_codes",
    "member_create",
    "member_mark_left",
    "member_transfer",
    "member_update",
    "organization_create",
    "organization_dissolve",
    "organization_merge",
    "organization_move",
    "organization_update",
    "role_add",
    "role_remove",
    "user_create",
    "user_update",
]
