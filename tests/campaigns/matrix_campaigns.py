"""Permission-matrix rows for the campaign, launch and registration URLs."""

import datetime

from django.core.files.base import ContentFile

from campaigns.models import Campaign, CampaignDocument, Cluster, ClusterMember, Contest, Registration
from tests.personas import ADM, ALL, OUT, A, B, L, S


def everyone(status):
    return dict.fromkeys(ALL, status)


VIEW = {A: 200, S: 200, L: 200, B: 404, OUT: 404, ADM: 200}
MANAGE = {A: 403, S: 200, L: 403, B: 404, OUT: 404, ADM: 200}
TAKE_PART = {A: 200, S: 200, L: 403, B: 404, OUT: 404, ADM: 200}
# Officers organise within their own union (its divisions); leaders organise nothing.
ORGANISE = {A: 200, S: 200, L: 403, B: 200, OUT: 403, ADM: 200}

MATRIX = {
    "campaigns:campaign_list": ("get", None, "read", everyone(200)),
    "campaigns:campaign_create": (
        "get",
        None,
        "campaign.organise",
        {A: 403, S: 200, L: 403, B: 403, OUT: 403, ADM: 200},
    ),
    "campaigns:campaign_detail": ("get", "campaign_a", "read", VIEW),
    "campaigns:campaign_edit": ("get", "campaign_a", "campaign.organise", MANAGE),
    "campaigns:campaign_launch": ("get", "campaign_a", "campaign.organise", MANAGE),
    "campaigns:document_add": ("get", "campaign_a", "campaign.organise", MANAGE),
    "campaigns:document_download": ("get", "campaign_document_a", "read", VIEW),
    "campaigns:campaign_close": ("post", "campaign_a", "campaign.organise", {**MANAGE, S: 302, ADM: 302}),
    "campaigns:campaign_coverage": ("get", "campaign_a", "read", {**VIEW, A: 403}),
    "campaigns:launch_create": ("get", "campaign_a", "member.write", TAKE_PART),
    "campaigns:register_members": ("get", "campaign_a", "member.write", TAKE_PART),
    "campaigns:register_union": ("get", "campaign_a", "member.write", TAKE_PART),
    "campaigns:registration_import": ("get", "campaign_a", "member.write", TAKE_PART),
    "campaigns:registration_import_template": ("get", "campaign_a", "member.write", TAKE_PART),
    "campaigns:registration_list": ("get", None, "read", everyone(200)),
    "campaigns:registration_export": ("get", None, "read", everyone(200)),
    "campaigns:registration_decide": (
        "post",
        "registration_a1",
        "member.write",
        {A: 302, S: 302, L: 403, B: 404, OUT: 404, ADM: 302},
    ),
    "campaigns:cluster_list": ("get", None, "read", everyone(200)),
    "campaigns:cluster_create": ("get", None, "cluster.organise", ORGANISE),
    "campaigns:cluster_detail": ("get", "cluster_a", "read", VIEW),
    "campaigns:cluster_rank": ("post", "cluster_a", "cluster.organise", {**MANAGE, S: 302, ADM: 302}),
    "campaigns:pact_add": ("post", "cluster_a", "cluster.organise", {**MANAGE, S: 302, ADM: 302}),
    "campaigns:contest_list": ("get", None, "read", everyone(200)),
    "campaigns:contest_create": ("get", None, "cluster.organise", ORGANISE),
    "campaigns:contest_detail": ("get", "contest_a", "read", VIEW),
}


def _campaign(world):
    return Campaign.objects.get_or_create(
        code="BTL-2026",
        defaults={
            "name": "Phong trào thi đua quận Bắc Từ Liêm năm 2026",
            "kind": "annual",
            "organizer": world.district_a,
            "year": 2026,
            "start_on": datetime.date(2026, 1, 1),
            "end_on": datetime.date(2026, 12, 31),
            "registration_deadline": datetime.date(2099, 12, 31),
            "titles": ["Lao động tiên tiến"],
            "status": Campaign.Status.LAUNCHED,
            "launched_on": datetime.date(2026, 1, 10),
        },
    )[0]


def make_target(world, target):
    if target == "campaign_a":
        return {"pk": _campaign(world).pk}
    if target == "campaign_document_a":
        campaign = _campaign(world)
        document = CampaignDocument.objects.create(
            campaign=campaign, kind="plan", title="Kế hoạch", file=ContentFile(b"%PDF-1.4 plan", name="ke-hoach.pdf")
        )
        return {"pk": campaign.pk, "document_pk": document.pk}
    if target == "registration_a1":
        registration = Registration.objects.create(
            campaign=_campaign(world),
            year=2026,
            organization=world.union_a1,
            member=world.member_a1,
            title="Lao động tiên tiến",
        )
        return {"pk": registration.pk}
    if target == "cluster_a":
        cluster = Cluster.objects.create(
            name="Cụm thi đua số 1", organizer=world.district_a, year=2026, leader=world.union_a1
        )
        for org in (world.union_a1, world.union_a2):
            ClusterMember.objects.create(cluster=cluster, organization=org)
        return {"pk": cluster.pk}
    if target == "contest_a":
        contest = Contest.objects.create(
            name="Hội thi thợ giỏi", organizer=world.district_a, year=2026, held_on=datetime.date(2026, 5, 19)
        )
        return {"pk": contest.pk}
    return None
