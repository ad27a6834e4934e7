"""Who may do what, and where: the one place that knows.

Authority is named by action (`campaign.organise`, `proposal.review`, …). One table maps a role
kind and the level of the organisation the role sits at (a grassroots union and its divisions, or a
level above) to the actions it grants; a role grants them on the subtree of its organisation (a
materialised path prefix). An action may also say which organisations it applies to (only a
federation organises campaigns) and whether it is decided one level up (a unit is restructured by
its parent).

Three entry points, and nothing else in the code decides authority from role or organisation kinds:
- `can(user, action, target=None)`: on an organisation or an organisation-owned object; without a
  target, whether the user may do it anywhere (menus, buttons);
- `orgs_for(user, action)`: the organisations where the user may do it, as a queryset;
- `get_for(user, source, pk, action=None)`: fetch through the scoped selector or queryset; an object
  outside reach does not exist (404), one visible but not allowed is refused (403).
Queries of user-visible data are narrowed by `restrict` / `OrgScopedQuerySet.visible_to`, which use
the same grants.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce, wraps
from operator import or_
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from core import views as core_views

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django_stubs_ext import StrOrPromise

    from .models import Organization, Role

    Person = User | AnonymousUser
Grants = list[tuple[str, frozenset[str]]]
M = TypeVar("M", bound=models.Model)

# Actions. Each constant is the name views and services declare.
READ = "read"
MEMBER_WRITE = "member.write"
ORG_ADD_UNIT = "org.add_unit"
ORG_RESTRUCTURE = "org.restructure"
CAMPAIGN_ORGANISE = "campaign.organise"
CLUSTER_ORGANISE = "cluster.organise"
REGISTRATION_CHANGE_AFTER_DEADLINE = "registration.change_after_deadline"
INITIATIVE_RECOGNISE_PROVINCIAL = "initiative.recognise_provincial"
PROPOSAL_SUBMIT = "proposal.submit"
PROPOSAL_REVIEW = "proposal.review"
DECISION_ISSUE = "decision.issue"
AWARD_REGISTER_IMPORT = "award.register_import"
AWARD_REVOKE = "award.revoke"
REPORT_BUILD = "report.build"
DOCUMENT_TEMPLATE = "document.template"
AUDIT_READ = "audit.read"
USER_MANAGE = "user.manage"
# Not an action on an organisation: pages about the signed-in user's own account and notifications.
SELF = core_views.SELF


class RoleKind(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    FEDERATION_STAFF = "federation_staff", _("Federation staff")
    UNION_OFFICER = "union_officer", _("Grassroots union officer")
    LEADER = "leader", _("Leader")


# The level of the organisation a role sits at.
GRASSROOTS_LEVEL = "grassroots"  # a grassroots union, its divisions and groups
UPPER_LEVEL = "upper"  # a federation or an upper-level union, up to the confederation

_GRASSROOTS_KINDS = frozenset({"grassroots", "division", "group"})


def level_of(org_kind: str) -> str:
    return GRASSROOTS_LEVEL if org_kind in _GRASSROOTS_KINDS else UPPER_LEVEL


@dataclass(frozen=True)
class Action:
    name: str
    label: StrOrPromise
    # Kinds of organisation the action applies to; empty: any.
    targets: frozenset[str] = frozenset()
    # Decided by the level above: the grant must cover the target's parent.
    decided_above: bool = False


_UPPER_KINDS = frozenset(
    {"confederation", "provincial_federation", "sector_union", "district_federation", "commune_union", "zone_union"}
)

ACTIONS = {
    a.name: a
    for a in (
        Action(READ, _("See the organisation, its members and figures")),
        Action(MEMBER_WRITE, _("Keep members, registrations, initiatives and the award register")),
        Action(ORG_ADD_UNIT, _("Add a unit under an organisation")),
        Action(ORG_RESTRUCTURE, _("Rename, move, merge or dissolve a unit"), decided_above=True),
        Action(CAMPAIGN_ORGANISE, _("Launch and run campaigns"), targets=_UPPER_KINDS),
        Action(
            CLUSTER_ORGANISE, _("Run emulation clusters, pacts and contests"), targets=_UPPER_KINDS | {"grassroots"}
        ),
        # After the deadline only the level above the union may change its registrations.
        Action(
            REGISTRATION_CHANGE_AFTER_DEADLINE,
            _("Change registrations after the deadline"),
            targets=frozenset({"grassroots"}),
            decided_above=True,
        ),
        Action(
            INITIATIVE_RECOGNISE_PROVINCIAL,
            _("Record a provincial or national recognition of an initiative"),
            decided_above=True,
        ),
        # Divisions propose through their union; the confederation has no level above to propose to.
        Action(
            PROPOSAL_SUBMIT,
            _("Prepare and submit commendation proposals"),
            targets=(_UPPER_KINDS - {"confederation"}) | {"grassroots"},
        ),
        Action(PROPOSAL_REVIEW, _("Review proposals received, hold the council vote")),
        Action(DECISION_ISSUE, _("Issue commendation decisions")),
        Action(AWARD_REGISTER_IMPORT, _("Import a federation's award register"), targets=_UPPER_KINDS),
        Action(AWARD_REVOKE, _("Revoke an award")),
        Action(REPORT_BUILD, _("Build and rebuild periodic reports")),
        # Units below a federation draft with their federation's templates (documents/selectors.py).
        Action(DOCUMENT_TEMPLATE, _("Replace the templates of drafted documents"), targets=_UPPER_KINDS),
        Action(AUDIT_READ, _("Read the audit log")),
        Action(USER_MANAGE, _("Manage user accounts and roles")),
    )
}

_READER = frozenset({READ})
_GRASSROOTS_OFFICER = _READER | {
    MEMBER_WRITE,
    ORG_ADD_UNIT,
    ORG_RESTRUCTURE,
    CLUSTER_ORGANISE,
    PROPOSAL_SUBMIT,
    PROPOSAL_REVIEW,
    DECISION_ISSUE,
    AWARD_REVOKE,
    REPORT_BUILD,
}
_FEDERATION_STAFF = _GRASSROOTS_OFFICER | {
    CAMPAIGN_ORGANISE,
    REGISTRATION_CHANGE_AFTER_DEADLINE,
    INITIATIVE_RECOGNISE_PROVINCIAL,
    AWARD_REGISTER_IMPORT,
    DOCUMENT_TEMPLATE,
}
_ADMINISTRATION = frozenset({USER_MANAGE, AUDIT_READ})

# (role kind, level of the role's organisation) -> actions granted on that organisation's subtree.
# An officer role placed at a federation acts as its staff: what differs is the level, not the title.
GRANTS = {
    (RoleKind.ADMIN, UPPER_LEVEL): _FEDERATION_STAFF | _ADMINISTRATION,
    (RoleKind.ADMIN, GRASSROOTS_LEVEL): _GRASSROOTS_OFFICER | _ADMINISTRATION,
    (RoleKind.FEDERATION_STAFF, UPPER_LEVEL): _FEDERATION_STAFF,
    (RoleKind.FEDERATION_STAFF, GRASSROOTS_LEVEL): _GRASSROOTS_OFFICER,
    (RoleKind.UNION_OFFICER, UPPER_LEVEL): _FEDERATION_STAFF,
    (RoleKind.UNION_OFFICER, GRASSROOTS_LEVEL): _GRASSROOTS_OFFICER,
    (RoleKind.LEADER, UPPER_LEVEL): _READER,
    (RoleKind.LEADER, GRASSROOTS_LEVEL): _READER,
}

# Roles whose holders must sign in with a second factor: they reach many people's data.
_SECOND_FACTOR_KINDS = (RoleKind.ADMIN, RoleKind.FEDERATION_STAFF)


def _grants(user: Person) -> Grants:
    """[(path prefix, actions)] of the user's roles, cached on the user object."""
    cached: Grants | None = getattr(user, "_access_grants", None)
    if cached is not None:
        return cached
    grants: Grants
    if not user.is_authenticated or not user.is_active:
        grants = []
    elif user.is_superuser:
        grants = [("", GRANTS[(RoleKind.ADMIN, UPPER_LEVEL)])]
    else:
        from .models import Role

        rows = Role.objects.filter(user=user).values_list("organization__path", "kind", "organization__kind")
        grants = [(path, GRANTS[(RoleKind(kind), level_of(org_kind))]) for path, kind, org_kind in rows]
    setattr(user, "_access_grants", grants)  # noqa: B010 -- a cache on the request's user object
    return grants


def forget(user: Person) -> None:
    """Drop the cached grants after roles change."""
    if hasattr(user, "_access_grants"):
        del user._access_grants


def _prefixes(user: Person, action: str) -> list[str] | None:
    """The path prefixes where the user may do `action`; None: the whole tree."""
    prefixes = sorted({path for path, actions in _grants(user) if action in actions})
    if "" in prefixes:
        return None
    # A prefix inside another adds nothing to the filter.
    kept: list[str] = []
    for prefix in prefixes:
        if not any(prefix.startswith(k) for k in kept):
            kept.append(prefix)
    return kept


def _spec(action: str) -> Action:
    try:
        return ACTIONS[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}") from None


def _org_of(target: models.Model | None) -> Organization | None:
    """The organisation an object answers to: itself, or the one its model's `org_field` names."""
    from .models import Organization

    if target is None or isinstance(target, Organization):
        return target
    obj: Any = target
    for part in getattr(type(target), "org_field").split("__"):  # noqa: B009 -- declared by owned models
        obj = getattr(obj, part)
    return obj if isinstance(obj, Organization) or obj is None else None


def can(user: Person, action: str, target: models.Model | None = None) -> bool:
    """Whether the user may do `action` on `target` (an organisation or an object it owns), or anywhere."""
    spec = _spec(action)
    grants = _grants(user)
    if target is None:
        return any(action in actions for _, actions in grants)
    org = _org_of(target)
    if org is None or (spec.targets and org.kind not in spec.targets):
        return False
    if spec.decided_above:
        from .models import Organization

        org = Organization.objects.get_parent(org)
        if org is None:
            return False
    return any(action in actions and org.path.startswith(path) for path, actions in grants)


def require(user: Person, action: str, target: models.Model | None) -> None:
    """`can`, for services: PermissionDenied when not allowed."""
    if not can(user, action, target):
        raise PermissionDenied


def scope_q(user: Person, action: str, org_field: str = "", *, path_field: str | None = None) -> Q | None:
    """Q restricting rows to organisations reachable with `action`, or None for nothing.

    `path_field` names a column holding a copy of the owner's path (see ancestry), which
    spares the join to the organisation table.
    """
    prefixes = _prefixes(user, _spec(action).name)
    if path_field:
        lookup = f"{path_field}__startswith"
    else:
        lookup = f"{org_field}__path__startswith" if org_field else "path__startswith"
    if prefixes is None:
        return Q()
    if not prefixes:
        return None
    return reduce(or_, (Q(**{lookup: p}) for p in prefixes))


def restrict(
    queryset: models.QuerySet[M], user: Person, action: str, org_field: str = "", *, path_field: str | None = None
) -> models.QuerySet[M]:
    q = scope_q(user, action, org_field, path_field=path_field)
    return queryset.none() if q is None else queryset.filter(q)


def reach(user: Person, action: str = READ) -> list[str] | None:
    """The path prefixes of the subtrees where the user may do `action`, none inside another; None: the whole
    tree. For narrowing a search to an index's part of the tree (unions/name_search.py), never for access:
    that is `restrict` and `get_for`."""
    return _prefixes(user, action)


def reaches_whole_tree(user: Person, action: str) -> bool:
    """Whether the user may do `action` on every root of the tree (and so on rows owned by no organisation)."""
    from .models import Organization

    prefixes = _prefixes(user, action)
    if prefixes is None:
        return True
    roots = set(Organization.objects.get_root_nodes().values_list("path", flat=True))
    return bool(roots) and roots <= set(prefixes)


def orgs_for(user: Person, action: str = READ) -> models.QuerySet[Organization]:
    """The organisations where the user may do `action`."""
    from .models import Organization

    spec = _spec(action)
    orgs = cast("models.QuerySet[Organization]", Organization.objects.all())
    if spec.targets:
        orgs = orgs.filter(kind__in=spec.targets)
    if spec.decided_above:
        prefixes = _prefixes(user, action)
        if prefixes is None:
            return orgs.filter(depth__gt=1)
        if not prefixes:
            return orgs.none()
        return orgs.filter(reduce(or_, (Q(path__startswith=p) & ~Q(path=p) for p in prefixes)))
    return restrict(orgs, user, action)


def get_for(
    user: Person,
    source: Callable[[Any, Any], Any] | OrgScopedQuerySet[Any],
    pk: Any,
    action: str | None = None,
    *,
    via: str | None = None,
) -> Any:
    """Fetch one object the user can see, then check `action` on it (or on its attribute `via`).

    `source` is a selector `<entity>_get_for(user, pk)` (already scoped) or an `OrgScopedQuerySet`,
    narrowed here. Outside reach: Http404. Visible but not allowed: PermissionDenied.
    """
    if isinstance(source, OrgScopedQuerySet):
        obj = get_object_or_404(source.visible_to(user), pk=pk)
    elif callable(source):
        try:
            obj = source(user, pk)
        except ObjectDoesNotExist:
            raise Http404 from None
    else:
        raise TypeError("get_for needs a selector or an OrgScopedQuerySet, so the fetch is always scoped")
    if action is not None:
        require(user, action, getattr(obj, via) if via else obj)
    return obj


V = TypeVar("V", bound=Callable[..., Any])


def declares(action: str, *, required: bool = False) -> Callable[[V], V]:
    """Name the action a view performs; the permission matrix holds every URL to it.

    With `required`, a user who may do it nowhere is refused before the view runs (403). Views on one
    object leave it off and fetch through `get_for(..., action)`, so that an object outside reach stays a
    404 whatever the user's roles. Put it under `login_required`.
    """
    if action != SELF:
        _spec(action)

    def decorate(view: V) -> V:
        @wraps(view)
        def checked(request: Any, *args: Any, **kwargs: Any) -> Any:
            if required and not can(request.user, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        checked.access_action = action  # type: ignore[attr-defined]
        return cast(V, checked)

    return decorate


def root_orgs(user: Person) -> models.QuerySet[Organization]:
    """The organisations where the user's roles sit: the tops of their reach."""
    from .models import Organization

    prefixes = _prefixes(user, READ)
    orgs: models.QuerySet[Organization] = Organization.objects.all()
    if prefixes is None:
        return orgs.filter(depth=1).order_by("path")
    return orgs.filter(path__in=prefixes).order_by("path")


def reads_only(user: Person) -> bool:
    """A user whose every role only reads (leaders): their home is the dashboard of their subtree."""
    grants = _grants(user)
    return bool(grants) and all(actions == _READER for _, actions in grants)


def needs_second_factor(user: Person) -> bool:
    """Administrators and federation staff reach many people's data: they sign in with a second factor."""
    from .models import Role

    if user.pk is None:
        return False
    user_id: int = user.pk
    return user.is_superuser or Role.objects.filter(user_id=user_id, kind__in=_SECOND_FACTOR_KINDS).exists()


def officers_of(organization_ids: Iterable[int]) -> models.QuerySet[Role]:
    """The roles of the officers who keep these unions (who are reminded of what the union must do)."""
    from .models import Role

    return Role.objects.filter(organization_id__in=organization_ids, kind=RoleKind.UNION_OFFICER).select_related(
        "user", "organization"
    )


def leaders_over(org: Organization) -> set[User]:
    """The users holding a leader role at this organisation or above it (who receive its reports)."""
    from .models import Organization, Role

    step = Organization.steplen
    paths = [org.path[:i] for i in range(step, len(org.path) + 1, step)]
    return {
        r.user for r in Role.objects.filter(kind=RoleKind.LEADER, organization__path__in=paths).select_related("user")
    }


def holders_at(org: Organization, action: str) -> set[User]:
    """The active users with a role placed at this organisation itself that grants `action` on it: the people
    who work there and are addressed when something needs that action (reviewers of a proposal received)."""
    from .models import Role

    roles = Role.objects.filter(organization=org, user__is_active=True).select_related("user")
    return {role.user for role in roles if can(role.user, action, org)}


class OrgScopedQuerySet(models.QuerySet[M]):
    """Models owned by an organisation declare `org_field` and are read through here."""

    def visible_to(self, user: Person, action: str = READ) -> models.QuerySet[M]:
        return restrict(
            self,
            user,
            action,
            getattr(self.model, "org_field"),  # noqa: B009 -- declared per model
            path_field=getattr(self.model, "org_path_field", None),
        )


def inherited_q(user: Person, org_field: str, *, sectors_field: str | None = None, action: str = READ) -> Q | None:
    """Rows owned by an organisation above the user's roles: what is launched down to them.

    With `sectors_field`, a row whose sectors are set reaches a grassroots role only
    when the union's sector is among them (see campaigns' target sectors).
    """
    from .models import Organization, Role

    if user.is_superuser or user.pk is None:
        return None
    user_id: int = user.pk
    step = Organization.steplen
    roles = Role.objects.filter(user_id=user_id).select_related("organization")
    parts = []
    for role in roles:
        org = role.organization
        if action not in GRANTS[(RoleKind(role.kind), level_of(org.kind))]:
            continue
        above = [org.path[:i] for i in range(step, len(org.path), step)]
        if not above:
            continue
        q = Q(**{f"{org_field}__path__in": above})
        if sectors_field and org.kind in _GRASSROOTS_KINDS:
            sector = _grassroots_sector(org)
            q &= Q(**{sectors_field: ""}) | Q(**{f"{sectors_field}__contains": f",{sector},"})
        parts.append(q)
    return reduce(or_, parts) if parts else None


def _grassroots_sector(org: Organization) -> str:
    from .models import Organization

    if org.kind == "grassroots":
        return str(org.sector)
    ancestor = Organization.objects.get_ancestors(org).filter(kind="grassroots").first()
    return str(ancestor.sector) if ancestor else ""
