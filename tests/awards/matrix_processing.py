"""Permission-matrix rows for the receiving body's processing: the received list, assignment, approval,
sign-off, submission rounds and the processing settings (issue 14.3). The desks' own personas (specialist,
head of department, leader with approval rights, council secretary) are held to these pages in
tests/awards/test_processing_matrix.py."""

import datetime

from awards.models import SubmissionRound
from tests.personas import ADM, ALL, OUT, A, B, L, S

# Only federation staff (and the administrator, who holds their actions) assign, organise rounds and settings.
STAFF = {A: 403, S: 200, L: 403, B: 404, OUT: 404, ADM: 200}
STAFF_POST = {A: 403, S: 302, L: 403, B: 404, OUT: 404, ADM: 302}
# The head's approval and the leader's sign-off belong to those desks (and the administrator), not to staff.
DESK_POST = {A: 403, S: 403, L: 403, B: 404, OUT: 404, ADM: 302}
# Pages of a federation's own: union officers do not see the district at all.
FEDERATION_STAFF = {A: 404, S: 200, L: 403, B: 404, OUT: 404, ADM: 200}
ORGANISERS = {A: 403, S: 200, L: 403, B: 403, OUT: 403, ADM: 200}

MATRIX = {
    "awards:proposals_received": ("get", None, "read", dict.fromkeys(ALL, 200)),
    "awards:proposal_assign": ("get", "proposal_a1", "proposal.assign", STAFF),
    "awards:review_approve": ("post", "proposal_a1", "review.approve", DESK_POST),
    "awards:proposal_sign_off": ("post", "proposal_a1", "decision.sign_off", DESK_POST),
    "awards:proposal_reopen": ("post", "proposal_a1", "processing.organise", STAFF_POST),
    "awards:round_list": ("get", None, "processing.organise", ORGANISERS),
    "awards:round_create": ("get", None, "processing.organise", ORGANISERS),
    "awards:round_edit": ("get", "round_a", "processing.organise", FEDERATION_STAFF),
    "awards:round_reopen": ("post", "round_a", "processing.organise", {**FEDERATION_STAFF, S: 302, ADM: 302}),
    "awards:processing_settings": ("get", "district_a", "processing.organise", FEDERATION_STAFF),
}


def make_target(world, target):
    if target == "round_a":
        submission_round, _created = SubmissionRound.objects.get_or_create(
            organization=world.district_a,
            year=2025,
            title="Đợt xét khen thưởng năm 2025",
            defaults={"deadline": datetime.date(2025, 12, 15)},
        )
        return {"pk": submission_round.pk}
    return None
