"""Reads of campaign data, scoped through unions.access."""

from collections import defaultdict

from django.db.models import Count, Q

from unions import access
from unions.models import Organization, OrgKind

from ..models import Campaign, CampaignLaunch, Registration

STEP = Organization.steplen
VISIBLE_STATUSES = (Campaign.Status.LAUNCHED, Campaign.Status.CLOSED)


def campaign_list_for(user):
    """Campaigns the user organises (any state) and those launched down to them."""
    own = access.scope_q(user, access.READ, "organizer")
    inherited = access.inherited_q(user, "organizer", sectors_field="target_sectors")
    parts = [q for q in (own,) if q is not None]
    if inherited is not None:
        parts.append(inherited & Q(status__in=VISIBLE_STATUSES))
    if not parts:
        return Campaign.objects.none()
    q = parts[0]
    for part in parts[1:]:
        q |= part
    return Campaign.objects.filter(q).select_related("organizer")


def campaign_get_for(user, pk):
    return campaign_list_for(user).get(pk=pk)


def target_unions(campaign, under=None):
    """Active grassroots unions the campaign addresses, optionally below one organisation."""
    root = under or campaign.organizer
    qs = Organization.objects.filter(kind=OrgKind.GRASSROOTS, dissolved_on__isnull=True, path__startswith=root.path)
    if campaign.sectors:
        qs = qs.filter(sector__in=campaign.sectors)
    return qs


def coverage(campaign, under=None):
    """How many target unions launched, overall and per child of `under` (default: the organiser).

    Two queries whatever the size of the tree.
    """
    root = under or campaign.organizer
    targets = list(target_unions(campaign, root).values_list("pk", "path"))
    launched = set(
        CampaignLaunch.objects.filter(campaign=campaign, organization__path__startswith=root.path).values_list(
            "organization_id", flat=True
        )
    )
    child_len = len(root.path) + STEP
    per_child = defaultdict(lambda: [0, 0])
    for pk, path in targets:
        bucket = per_child[path[:child_len]]
        bucket[0] += 1
        bucket[1] += pk in launched
    total = len(targets)
    done = sum(1 for pk, _path in targets if pk in launched)
    return {
        "total": total,
        "launched": done,
        "percent": round(100 * done / total, 1) if total else None,
        "per_child": dict(per_child),
        "not_launched_ids": [pk for pk, _path in targets if pk not in launched],
    }


def coverage_rows(campaign, user, under=None):
    """Coverage per visible child organisation, for the coverage table."""
    root = under or campaign.organizer
    data = coverage(campaign, root)
    children = access.restrict(
        Organization.objects.filter(path__startswith=root.path, depth=root.depth + 1), user, access.READ
    ).order_by("name")
    rows = []
    for child in children:
        total, done = data["per_child"].get(child.path, (0, 0))
        if total:
            rows.append({"org": child, "total": total, "launched": done, "percent": round(100 * done / total, 1)})
    return data, rows


def not_launched_unions(campaign, user, under=None):
    data = coverage(campaign, under)
    return access.restrict(Organization.objects.filter(pk__in=data["not_launched_ids"]), user, access.READ).order_by(
        "path"
    )


def launch_for(campaign, organization):
    return CampaignLaunch.objects.filter(campaign=campaign, organization=organization).first()


def launchable_unions_for(user, campaign):
    """Unions the user may record a launch for: targeted, writable, not yet launched."""
    qs = access.restrict(target_unions(campaign), user, access.MEMBER_WRITE)
    return qs.exclude(campaign_launches__campaign=campaign).order_by("path")


def registration_list_for(user):
    return Registration.objects.visible_to(user).select_related("campaign", "organization", "member")


def registration_get_for(user, pk):
    return registration_list_for(user).get(pk=pk)


def registration_counts(campaign, user):
    """Registrations of the campaign in the user's reach, by title and status."""
    rows = (
        registration_list_for(user)
        .filter(campaign=campaign)
        .values("title", "status")
        .annotate(n=Count("id"))
        .order_by("title")
    )
    table = defaultdict(lambda: defaultdict(int))
    for row in rows:
        table[row["title"]][row["status"]] += row["n"]
        table[row["title"]]["total"] += row["n"]
    return {title: dict(counts) for title, counts in table.items()}


def registrable_unions_for(user, campaign):
    return access.restrict(target_unions(campaign), user, access.MEMBER_WRITE).order_by("path")


def campaigns_to_launch_for(user):
    """Launched campaigns that the user's own union (officers) has not launched yet."""
    unions = [o for o in access.root_orgs(user) if o.kind == OrgKind.GRASSROOTS]
    if not unions:
        return Campaign.objects.none()
    return (
        campaign_list_for(user)
        .filter(status=Campaign.Status.LAUNCHED)
        .exclude(launches__organization__in=unions)
        .order_by("registration_deadline")
    )


def coverage_root_for(user, campaign):
    """Where the user's view of coverage starts: the organiser, or their own federation below it."""
    if access.can(user, access.READ, campaign.organizer):
        return campaign.organizer
    for org in access.root_orgs(user):
        if org.path.startswith(campaign.organizer.path) and org.kind != OrgKind.GRASSROOTS and not org.holds_members:
            return org
    return None
