"""Permission-matrix rows for member transfer requests (and the administrator's new-password link).

A request of member_a1 (union_a1) to union_b1, so both the
sending side (A, S) and the receiving side (B) reach it; only the receiving side answers, only the sending withdraws."""

from django.utils import timezone

from tests.personas import ADM, OUT, A, B, L, S
from unions.services import transfers

MATRIX = {
    "unions:transfer_list": ("get", None, "member.write", {A: 200, S: 200, L: 403, B: 200, OUT: 403, ADM: 200}),
    "unions:transfer_detail": ("get", "transfer_a1_b1", "read", {A: 200, S: 200, L: 200, B: 200, OUT: 404, ADM: 200}),
    "unions:transfer_accept": (
        "post",
        "transfer_a1_b1",
        "member.write",
        {A: 403, S: 403, L: 403, B: 302, OUT: 404, ADM: 302},
    ),
    # Sent without a reason: the page again with the error, for those who may refuse.
    "unions:transfer_refuse": (
        "post",
        "transfer_a1_b1",
        "member.write",
        {A: 403, S: 403, L: 403, B: 200, OUT: 404, ADM: 200},
    ),
    # officer_union_a2 has no e-mail address: the link is shown on a page.
    "unions:user_password_reset": (
        "post",
        "user_a2",
        "user.manage",
        {A: 403, S: 403, L: 403, B: 403, OUT: 403, ADM: 200},
    ),
    "unions:transfer_withdraw": (
        "post",
        "transfer_a1_b1",
        "member.write",
        {A: 302, S: 302, L: 403, B: 403, OUT: 404, ADM: 302},
    ),
}


def make_target(world, target):
    if target == "transfer_a1_b1":
        req = transfers.transfer_request(
            actor=world.officer_union_a1,
            member=world.member_a1,
            to_organization=world.union_b1,
            transferred_on=timezone.localdate(),
        )
        return {"pk": req.pk}
    return None
