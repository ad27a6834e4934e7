"""Permission-matrix rows for the audit log and the privacy pages."""

import datetime

from privacy.models import DataSubjectRequest, MemberConsent
from tests.personas import ADM, OUT, A, B, L, S

USERS_ONLY = {A: 403, S: 403, L: 403, B: 403, OUT: 403, ADM: 200}
WRITE_MEMBER = {A: 200, S: 200, L: 403, B: 404, OUT: 404, ADM: 200}
ANY_WRITER = {A: 200, S: 200, L: 403, B: 200, OUT: 403, ADM: 200}

MATRIX = {
    "audit:entry_list": ("get", None, "audit.read", USERS_ONLY),
    "privacy:request_list": ("get", None, "member.write", ANY_WRITER),
    "privacy:request_detail": ("get", "dsr_a1", "member.write", WRITE_MEMBER),
    "privacy:request_create": ("get", "member_a1", "member.write", WRITE_MEMBER),
    "privacy:consent_create": ("get", "member_a1", "member.write", WRITE_MEMBER),
    "privacy:member_anonymise": ("get", "member_a1", "member.write", WRITE_MEMBER),
    "privacy:consent_withdraw": (
        "post",
        "consent_a1",
        "member.write",
        {A: 302, S: 302, L: 403, B: 404, OUT: 404, ADM: 302},
    ),
}
PUBLIC = {"privacy:notice"}


def make_target(world, target):
    if target == "dsr_a1":
        received = datetime.date(2026, 1, 5)
        return {
            "pk": DataSubjectRequest.objects.create(
                member=world.member_a1, kind="access", received_on=received, acknowledge_due=received, due_on=received
            ).pk
        }
    if target == "consent_a1":
        return {
            "pk": MemberConsent.objects.create(
                member=world.member_a1, basis="consent", given_on=datetime.date(2026, 1, 5)
            ).pk
        }
    return None
