from django.db.models import Count, Prefetch, Q

from unions import access

from ..models import Cluster, ClusterMember, Contest, ContestResult


def cluster_list_for(user):
    """Clusters organised in the user's reach, or that one of the user's units belongs to."""
    own = Cluster.objects.visible_to(user).values("pk")
    member_of = Cluster.objects.filter(memberships__organization__in=access.orgs_for(user)).values("pk")
    return (
        Cluster.objects.filter(Q(pk__in=own) | Q(pk__in=member_of))
        .select_related("organizer", "leader")
        .annotate(units=Count("memberships"))
        .order_by("-year", "name")
    )


def cluster_get_for(user, pk):
    return (
        cluster_list_for(user)
        .prefetch_related(
            Prefetch("memberships", queryset=ClusterMember.objects.select_related("organization")),
            "pacts",
        )
        .get(pk=pk)
    )


def contest_list_for(user):
    """Contests organised in the user's reach or above it (their members may take part)."""
    q = access.scope_q(user, access.READ, "organizer")
    inherited = access.inherited_q(user, "organizer")
    parts = [p for p in (q, inherited) if p is not None]
    if not parts:
        return Contest.objects.none()
    combined = parts[0] if len(parts) == 1 else parts[0] | parts[1]
    return (
        Contest.objects.filter(combined)
        .select_related("organizer", "campaign")
        .annotate(contestants=Count("results"))
        .order_by("-held_on", "name")
    )


def contest_get_for(user, pk):
    return (
        contest_list_for(user)
        .prefetch_related(Prefetch("results", queryset=ContestResult.objects.select_related("member__organization")))
        .get(pk=pk)
    )
