"""Every read of unions data that a user sees, already scoped and prefetched."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q

from . import access
from .models import (
    MEMBER_HOLDING_KINDS,
    Member,
    MemberStatus,
    Organization,
    OrganizationEvent,
    Role,
)

STEP = Organization.steplen


def organization_list_for(user, perm=access.READ):
    return Organization.objects.visible_to(user, perm)


def organization_get_for(user, pk, perm=access.READ):
    """The organisation or DoesNotExist: callers turn that into a 404."""
    return organization_list_for(user, perm).get(pk=pk)


def member_holding_orgs_for(user, perm=access.MEMBER_WRITE):
    return (
        organization_list_for(user, perm)
        .filter(kind__in=MEMBER_HOLDING_KINDS, dissolved_on__isnull=True)
        .order_by("path")
    )


def subtree_member_counts(orgs):
    """{org.pk: active members in its subtree} for the given orgs, in one query."""
    orgs = list(orgs)
    if not orgs:
        return {}
    prefixes = {o.path for o in orgs}
    rows = (
        Member.objects.filter(status=MemberStatus.ACTIVE)
        .filter(organization__path__regex=r"^(" + "|".join(sorted(prefixes)) + ")")
        .values("organization__path")
        .annotate(n=Count("id"))
    )
    per_prefix = defaultdict(int)
    for row in rows:
        path = row["organization__path"]
        for depth in range(1, len(path) // STEP + 1):
            prefix = path[: depth * STEP]
            if prefix in prefixes:
                per_prefix[prefix] += row["n"]
    return {o.pk: per_prefix[o.path] for o in orgs}


def tree_children_for(user, parent):
    """Children of `parent` visible to the user, with subtree member counts."""
    children = list(
        organization_list_for(user)
        .filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("dissolved_on", "name")
    )
    counts = subtree_member_counts(children)
    for child in children:
        child.member_count = counts[child.pk]
    return children


def tree_roots_for(user):
    roots = list(access.root_orgs(user))
    counts = subtree_member_counts(roots)
    for root in roots:
        root.member_count = counts[root.pk]
    return roots


def organization_events_for(user, org):
    return OrganizationEvent.objects.visible_to(user).filter(organization=org).select_related("other", "actor")


def organization_history(org):
    return with_changes(org.history.select_related("history_user", "successor").order_by("-history_date")[:50])


def member_list_for(user, perm=access.READ):
    return Member.objects.visible_to(user, perm).select_related("organization")


def member_get_for(user, pk, perm=access.READ):
    return member_list_for(user, perm).get(pk=pk)


def member_transfers(member):
    return member.transfers.select_related("from_organization", "to_organization", "actor")


def member_history(member):
    return with_changes(member.history.select_related("history_user", "organization").order_by("-history_date")[:50])


def ancestors_of(org):
    return list(Organization.objects.get_ancestors(org))


def user_list_for(actor):
    """Users whose roles sit in the actor's reach (all users for a system administrator)."""
    User = get_user_model()
    users = User.objects.order_by("username")
    if not actor.is_superuser:
        scoped_roles = Role.objects.visible_to(actor, access.USER_MANAGE)
        # Accounts without a role yet are listed so that a manager can give them one.
        users = users.filter(Q(roles__in=scoped_roles) | Q(roles__isnull=True)).distinct()
    return users.prefetch_related(
        Prefetch("roles", queryset=Role.objects.select_related("organization").order_by("organization__path"))
    )


def user_get_for(actor, pk):
    if not access.can(actor, access.USER_MANAGE):
        raise get_user_model().DoesNotExist
    User = get_user_model()
    if actor.is_superuser:
        return User.objects.get(pk=pk)
    return user_list_for(actor).get(pk=pk)


def role_get_for(actor, pk):
    return Role.objects.visible_to(actor, access.USER_MANAGE).select_related("user", "organization").get(pk=pk)


def _display(record, field):
    if field.choices:
        return getattr(record, f"get_{field.name}_display")()
    value = getattr(record, field.name, None) if field.is_relation else getattr(record, field.attname)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def with_changes(records, hidden=("id", "history_id", "created_at", "updated_at")):
    """Attach `changes` [(label, old, new)] to each history record, newest first, without queries."""
    records = list(records)
    if not records:  # rows loaded in bulk (or before history was kept) have none
        return records
    for newer, older in zip(records, records[1:] + [None], strict=True):
        newer.changes = []
        if older is None:
            continue
        for field in newer.instance_type._meta.concrete_fields:
            if field.name in hidden or not hasattr(newer, field.attname):
                continue
            if getattr(newer, field.attname) != getattr(older, field.attname):
                newer.changes.append((field.verbose_name, _display(older, field), _display(newer, field)))
    return records
