"""Who may act on which organisations: the one place that knows.

A role grants permissions on the subtree of its organisation (a materialised
path prefix). Every query of user-visible data is narrowed by `scope_q` or
`OrgScopedQuerySet.visible_to`; views fetch objects through them, so an object
outside reach does not exist (404) and one that is visible but not writable
is refused (403).
"""

from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

READ = "read"
MEMBER_WRITE = "member.write"
ORG_MANAGE = "org.manage"
USER_MANAGE = "user.manage"


class RoleKind(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    FEDERATION_STAFF = "federation_staff", _("Federation staff")
    UNION_OFFICER = "union_officer", _("Grassroots union officer")
    LEADER = "leader", _("Leader")


ROLE_PERMISSIONS = {
    RoleKind.ADMIN: frozenset({READ, MEMBER_WRITE, ORG_MANAGE, USER_MANAGE}),
    RoleKind.FEDERATION_STAFF: frozenset({READ, MEMBER_WRITE, ORG_MANAGE}),
    RoleKind.UNION_OFFICER: frozenset({READ, MEMBER_WRITE, ORG_MANAGE}),
    RoleKind.LEADER: frozenset({READ}),
}

_ALL = object()


def _grants(user):
    """[(path prefix, permissions)] of the user's roles, cached on the user object."""
    cached = getattr(user, "_access_grants", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        grants = []
    elif user.is_superuser:
        grants = [("", ROLE_PERMISSIONS[RoleKind.ADMIN])]
    else:
        from .models import Role

        rows = Role.objects.filter(user=user).values_list("organization__path", "kind")
        grants = [(path, ROLE_PERMISSIONS[RoleKind(kind)]) for path, kind in rows]
    user._access_grants = grants
    return grants


def forget(user):
    """Drop the cached grants after roles change."""
    if hasattr(user, "_access_grants"):
        del user._access_grants


def _prefixes(user, perm):
    prefixes = sorted({path for path, perms in _grants(user) if perm in perms})
    if "" in prefixes:
        return _ALL
    # A prefix inside another adds nothing to the filter.
    kept = []
    for prefix in prefixes:
        if not any(prefix.startswith(k) for k in kept):
            kept.append(prefix)
    return kept


def scope_q(user, perm, org_field="", *, path_field=None):
    """Q restricting rows to organisations reachable with `perm`, or None for nothing.

    `path_field` names a column holding a copy of the owner's path (see ancestry), which
    spares the join to the organisation table.
    """
    prefixes = _prefixes(user, perm)
    if path_field:
        lookup = f"{path_field}__startswith"
    else:
        lookup = f"{org_field}__path__startswith" if org_field else "path__startswith"
    if prefixes is _ALL:
        return Q()
    if not prefixes:
        return None
    return reduce(or_, (Q(**{lookup: p}) for p in prefixes))


def restrict(queryset, user, perm, org_field="", *, path_field=None):
    q = scope_q(user, perm, org_field, path_field=path_field)
    return queryset.none() if q is None else queryset.filter(q)


def orgs_for(user, perm=READ):
    from .models import Organization

    return restrict(Organization.objects.all(), user, perm)


def has_perm(user, perm):
    """Whether any role of the user grants `perm` somewhere (menus, buttons)."""
    return any(perm in perms for _, perms in _grants(user))


def has_perm_on(user, org, perm):
    if org is None:
        return False
    return any(perm in perms and org.path.startswith(path) for path, perms in _grants(user))


def can_manage_structure(user, org):
    """Renaming, moving, merging or dissolving an organisation is decided one level up."""
    from .models import Organization

    parent = Organization.objects.get_parent(org)
    return parent is not None and has_perm_on(user, parent, ORG_MANAGE)


def require(user, org, perm):
    if not has_perm_on(user, org, perm):
        raise PermissionDenied


def root_orgs(user):
    """The organisations where the user's roles sit: the tops of their reach."""
    from .models import Organization

    prefixes = _prefixes(user, READ)
    if prefixes is _ALL:
        return Organization.objects.get_root_nodes()
    return Organization.objects.filter(path__in=prefixes).order_by("path")


class OrgScopedQuerySet(models.QuerySet):
    """Models owned by an organisation declare `org_field` and are read through here."""

    def visible_to(self, user, perm=READ):
        return restrict(self, user, perm, self.model.org_field,
                        path_field=getattr(self.model, "org_path_field", None))


def inherited_q(user, org_field, *, sectors_field=None, perm=READ):
    """Rows owned by an organisation above the user's roles: what is launched down to them.

    With `sectors_field`, a row whose sectors are set reaches a grassroots role only
    when the union's sector is among them (see campaigns' target sectors).
    """
    from .models import MEMBER_HOLDING_KINDS, Organization, Role

    if user.is_superuser:
        return None
    step = Organization.steplen
    roles = Role.objects.filter(user=user).select_related("organization")
    parts = []
    for role in roles:
        if perm not in ROLE_PERMISSIONS[RoleKind(role.kind)]:
            continue
        org = role.organization
        above = [org.path[:i] for i in range(step, len(org.path), step)]
        if not above:
            continue
        q = Q(**{f"{org_field}__path__in": above})
        if sectors_field and org.kind in MEMBER_HOLDING_KINDS:
            sector = _grassroots_sector(org)
            q &= Q(**{sectors_field: ""}) | Q(**{f"{sectors_field}__contains": f",{sector},"})
        parts.append(q)
    return reduce(or_, parts) if parts else None


def _grassroots_sector(org):
    from .models import Organization, OrgKind

    if org.kind == OrgKind.GRASSROOTS:
        return org.sector
    ancestor = Organization.objects.get_ancestors(org).filter(kind=OrgKind.GRASSROOTS).first()
    return ancestor.sector if ancestor else ""
