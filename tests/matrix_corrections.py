"""Permission-matrix rows for timelines and corrections (issue 14.2): withdrawing a proposal, undoing a ballot,
correcting or cancelling a decision, a registration's page, correcting a launch record, reinstating a member."""

import datetime

from campaigns.models import Campaign, CampaignLaunch
from tests.awards.matrix_proposals import FEDERATION_ISSUE, REVIEW_POST, SEND_POST, VIEW
from tests.campaigns.matrix_campaigns import TAKE_PART
from tests.personas import ADM, OUT, A, B, L, S

WRITE_MEMBER = {A: 200, S: 200, L: 403, B: 404, OUT: 404, ADM: 200}

MATRIX = {
    "awards:proposal_withdraw": ("post", "proposal_a1", "proposal.submit", SEND_POST),
    "awards:proposal_undo_approval": ("post", "proposal_council", "proposal.review", REVIEW_POST),
    "awards:decision_correct": ("get", "decision_a", "decision.issue", FEDERATION_ISSUE),
    "awards:decision_cancel": ("get", "decision_a", "decision.issue", FEDERATION_ISSUE),
    "campaigns:registration_detail": ("get", "registration_a1", "read", VIEW),
    "campaigns:launch_edit": ("get", "launch_a1", "member.write", TAKE_PART),
    "unions:member_reinstate": ("get", "member_a1", "member.write", WRITE_MEMBER),
}


def make_target(world, target):
    if target == "launch_a1":
        # A campaign of its own: union_a1 stays free to record its launch of the shared one (launch_create).
        campaign, _created = Campaign.objects.get_or_create(
            code="BTL-2026-VH",
            defaults={
                "name": "Phong trào văn hóa cơ sở 2026",
                "kind": "thematic",
                "organizer": world.district_a,
                "year": 2026,
                "start_on": datetime.date(2026, 1, 1),
                "end_on": datetime.date(2026, 12, 31),
                "registration_deadline": datetime.date(2099, 12, 31),
                "status": Campaign.Status.LAUNCHED,
                "launched_on": datetime.date(2026, 1, 10),
            },
        )
        launch, _created = CampaignLaunch.objects.get_or_create(
            campaign=campaign,
            organization=world.union_a1,
            defaults={"launched_on": campaign.launched_on or datetime.date(2026, 2, 1), "participants": 40},
        )
        return {"pk": launch.pk}
    return None
