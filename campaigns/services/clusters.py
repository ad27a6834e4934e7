from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from unions import access
from unions.inputs import inputs_changed_send
from unions.models import Organization

from ..models import Cluster, ClusterMember, Contest, ContestResult, EmulationPact


def _check_units(actor, organizer, units):
    outside = [
        u.name
        for u in units
        if u.pk == organizer.pk or not u.path.startswith(organizer.path) or not access.can(actor, access.READ, u)
    ]
    if outside:
        raise ValidationError({"units": _("Not below the organiser: %(names)s.") % {"names": ", ".join(outside)}})


@transaction.atomic
def cluster_create(*, actor, organizer, name, year, units, leader=None, campaign=None):
    access.require(actor, access.CLUSTER_ORGANISE, organizer)
    units = list(units)
    if len(units) < 2:
        raise ValidationError({"units": _("A cluster needs at least two units.")})
    _check_units(actor, organizer, units)
    if leader is not None and leader not in units:
        raise ValidationError({"leader": _("The cluster leader must be one of its units.")})
    try:
        with transaction.atomic():
            cluster = Cluster.objects.create(
                organizer=organizer, name=name.strip(), year=year, leader=leader, campaign=campaign
            )
    except IntegrityError:
        raise ValidationError(
            {"name": _("This organiser already has a cluster with that name in that year.")}
        ) from None
    ClusterMember.objects.bulk_create(ClusterMember(cluster=cluster, organization=u) for u in units)
    return cluster


@transaction.atomic
def cluster_rank(*, actor, cluster, ranks):
    """Record the year's ranking: {organization_id: rank}, ranks 1..n without gaps or ties."""
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    access.require(actor, access.CLUSTER_ORGANISE, cluster.organizer)
    memberships = {m.organization_id: m for m in cluster.memberships.all()}
    if set(ranks) != set(memberships):
        raise ValidationError(_("Rank every unit of the cluster."))
    if sorted(ranks.values()) != list(range(1, len(memberships) + 1)):
        raise ValidationError(_("Ranks must run from 1 to %(n)s, each used once.") % {"n": len(memberships)})
    ClusterMember.objects.filter(cluster=cluster).update(rank=None)
    for org_id, rank in ranks.items():
        memberships[org_id].rank = rank
    ClusterMember.objects.bulk_update(memberships.values(), ["rank"])
    inputs_changed_send(paths=Organization.objects.filter(pk__in=list(ranks)).values_list("path", flat=True))
    return cluster


@transaction.atomic
def pact_sign(*, actor, cluster, signed_on, targets, document_number=""):
    access.require(actor, access.CLUSTER_ORGANISE, cluster.organizer)
    if not targets.strip():
        raise ValidationError({"targets": _("Write the commitments of the pact.")})
    return EmulationPact.objects.create(
        cluster=cluster, signed_on=signed_on, targets=targets.strip(), document_number=document_number
    )


@transaction.atomic
def contest_create(*, actor, organizer, name, year, held_on, trade="", campaign=None):
    access.require(actor, access.CLUSTER_ORGANISE, organizer)
    if campaign is not None and not organizer.path.startswith(campaign.organizer.path):
        raise ValidationError({"campaign": _("The contest must be held under a campaign that reaches its organiser.")})
    return Contest.objects.create(
        organizer=organizer, name=name.strip(), year=year, held_on=held_on, trade=trade, campaign=campaign
    )


def contest_result_add(*, actor, contest, member, rank, prize, score=None):
    access.require(actor, access.CLUSTER_ORGANISE, contest.organizer)
    if not member.organization.path.startswith(contest.organizer.path):
        raise ValidationError({"member": _("The contestant must be a member below the organiser.")})
    try:
        with transaction.atomic():
            return ContestResult.objects.create(contest=contest, member=member, rank=rank, prize=prize, score=score)
    except IntegrityError:
        raise ValidationError(
            {"member": _("%(name)s already has a result in this contest.") % {"name": member.full_name}}
        ) from None
