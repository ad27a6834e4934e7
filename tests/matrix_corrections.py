"""Permission-matrix rows for timelines and corrections (issue 14.2): withdrawing a proposal, undoing a ballot,
correcting or cancelling a decision, a registration's page, correcting a launch record, reinstating a member."""

import datetime

from campaigns.models import CampaignLaunch
from tests.awards.matrix_proposals import FEDERATION_ISSUE, REVIEW_POST, SEND_POST, VIEW
from tests.campaigns.matrix_campaigns import TAKE_PART, _campaign
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
        campaign = _campaign(world)
        launch, _created = CampaignLaunch.objects.get_or_create(
            campaign=campaign,
            organization=world.union_a1,
            defaults={"launched_on": campaign.launched_on or datetime.date(2026, 2, 1), "participants": 40},
        )
        return {"pk": launch.pk}
    return None
