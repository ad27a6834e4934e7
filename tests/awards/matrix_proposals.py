"""Permission-matrix rows for proposals, decisions, certificates and revocation."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from awards.models import (
    Award,
    AwardType,
    CertificateKind,
    CertificateLayout,
    CouncilSession,
    Proposal,
    ProposalAttachment,
    ProposalLine,
    PublicNotice,
)
from tests.awards import helpers as h
from tests.personas import ADM, ALL, OUT, A, B, L, S

VIEW = {A: 200, S: 200, L: 200, B: 404, OUT: 404, ADM: 200}
SEND = {A: 200, S: 200, L: 403, B: 404, OUT: 404, ADM: 200}
REVIEW = {A: 403, S: 200, L: 403, B: 404, OUT: 404, ADM: 200}
SEND_POST = {A: 302, S: 302, L: 403, B: 404, OUT: 404, ADM: 302}
REVIEW_POST = {A: 403, S: 302, L: 403, B: 404, OUT: 404, ADM: 302}
FEDERATION_VIEW = {A: 404, S: 200, L: 200, B: 404, OUT: 404, ADM: 200}
# What only an issuer does (a blank layout of district_a): the leader sees it but may not change it.
FEDERATION_ISSUE = {A: 404, S: 200, L: 403, B: 404, OUT: 404, ADM: 200}
ANY_ISSUER = {A: 200, S: 200, L: 403, B: 200, OUT: 403, ADM: 200}

MATRIX = {
    "awards:proposal_list": ("get", None, "read", dict.fromkeys(ALL, 200)),
    "awards:proposal_create": ("get", None, "proposal.submit", {A: 200, S: 200, L: 403, B: 200, OUT: 403, ADM: 200}),
    "awards:proposal_detail": ("get", "proposal_a1", "read", VIEW),
    "awards:line_add": ("get", "proposal_a1", "proposal.submit", SEND),
    "awards:lines_bulk": ("post", "proposal_a1", "proposal.submit", SEND_POST),
    # Without the filter posted back, the page is shown again: the form asks for it.
    "awards:candidates_add": ("post", None, "proposal.submit", {A: 302, S: 302, L: 403, B: 302, OUT: 403, ADM: 302}),
    "awards:registrations_add": ("get", None, "proposal.submit", {A: 200, S: 200, L: 403, B: 200, OUT: 403, ADM: 200}),
    "awards:proposal_lines_import": ("get", "proposal_a1", "proposal.submit", SEND),
    "awards:proposal_lines_template": ("get", "proposal_a1", "proposal.submit", SEND),
    "awards:attachment_add": ("get", "proposal_a1", "proposal.submit", SEND),
    "awards:proposal_attachment": ("get", "proposal_a1_attachment", "read", VIEW),
    "awards:proposal_submit": ("post", "proposal_a1", "proposal.submit", SEND_POST),
    "awards:proposal_review": ("post", "proposal_a1", "proposal.review", REVIEW_POST),
    "awards:proposal_return": ("post", "proposal_a1", "proposal.review", REVIEW_POST),
    "awards:proposal_reject": ("post", "proposal_a1", "proposal.review", REVIEW_POST),
    "awards:notice_publish": ("get", "proposal_a1", "proposal.review", REVIEW),
    "awards:notice_view": ("get", "proposal_notice", "read", VIEW),
    "awards:notice_comment": ("post", "proposal_notice", "proposal.review", REVIEW_POST),
    "awards:council_record": ("get", "proposal_a1", "council.record", REVIEW),
    "awards:decision_issue": ("get", "proposal_a1", "decision.issue", REVIEW),
    "awards:line_remove": ("post", "line_a1", "proposal.submit", SEND_POST),
    "awards:line_override": ("post", "line_a1", "proposal.review", REVIEW_POST),
    "awards:decision_detail": ("get", "decision_a", "read", FEDERATION_VIEW),
    "awards:decision_certificates": ("get", "decision_a", "read", FEDERATION_VIEW),
    "awards:decision_file": ("get", "decision_a_scanned", "read", FEDERATION_VIEW),
    "awards:certificate": ("get", "award_a1", "read", VIEW),
    "awards:award_revoke": ("get", "award_a1", "award.revoke", REVIEW),
    "awards:certificate_reissue": ("get", "award_a1", "decision.issue", REVIEW),
    "awards:layout_list": ("get", None, "decision.issue", ANY_ISSUER),
    "awards:layout_create": ("get", None, "decision.issue", ANY_ISSUER),
    "awards:layout_edit": ("get", "layout_a", "decision.issue", FEDERATION_ISSUE),
    "awards:layout_test_print": ("get", "layout_a", "decision.issue", FEDERATION_ISSUE),
    "awards:proposal_draft": ("get", "proposal_a1", "proposal.submit", SEND),
    "awards:notice_draft": ("get", "proposal_notice", "proposal.review", REVIEW),
    "awards:minutes_draft": ("get", "proposal_council", "council.record", REVIEW),
    # Drafted by the issuer: the union officer does not see the district's decision at all.
    "awards:decision_draft": ("get", "decision_a", "decision.issue", {**FEDERATION_VIEW, L: 403}),
    # The sender or the reviewer runs the rules again; the leader reads only.
    "awards:proposal_recheck": ("post", "proposal_a1", "proposal.submit", SEND_POST),
}
# The verification of printed certificates is for anyone (tests/awards/test_verification.py).
PUBLIC = {"verify:lookup", "verify:certificate"}


def _proposal(world, status=Proposal.Status.DRAFT):
    proposal = Proposal.objects.create(
        title="Đề nghị khen thưởng năm 2025", from_org=world.union_a1, to_org=world.district_a, year=2025, status=status
    )
    ProposalLine.objects.create(
        proposal=proposal,
        organization=world.union_a1,
        member=world.member_a1,
        award_type=AwardType.objects.get(code="LDTT"),
        eligibility_status="pass",
        eligibility_checked_at=timezone.now(),  # fresh: the page does not re-run the rules on it
    )
    return proposal


def _award(world):
    """The award of member_a1 (created once: `decision_a` and `award_a1` share it)."""
    existing = Award.objects.filter(member=world.member_a1, year=2025, award_type__code="LDTT").first()
    if existing is not None:
        return existing
    award = h.award(world.member_a1, org=world.union_a1, code="LDTT", year=2025)
    award.decision.issuer = world.district_a
    award.decision.save()
    award.gold_book_number = "SV-2025-00001"
    award.save()
    return award


def make_target(world, target):
    if target == "proposal_a1":
        return {"pk": _proposal(world).pk}
    if target == "proposal_notice":
        proposal = _proposal(world, Proposal.Status.PUBLIC_NOTICE)
        PublicNotice.objects.create(
            proposal=proposal, starts_on=datetime.date(2025, 12, 1), ends_on=datetime.date(2025, 12, 10)
        )
        return {"pk": proposal.pk}
    if target == "proposal_council":
        proposal = _proposal(world, Proposal.Status.COUNCIL)
        proposal.council_session = CouncilSession.objects.create(
            organization=world.district_a,
            held_on=datetime.date(2025, 12, 15),
            members_total=9,
            members_present=8,
            chair="Nguyễn Thùy Chi",
        )
        proposal.save()
        proposal.lines.update(votes_yes=8, votes_no=0, status=ProposalLine.Status.APPROVED)
        return {"pk": proposal.pk}
    if target == "line_a1":
        return {"pk": _proposal(world).lines.get().pk}
    if target == "decision_a":
        return {"pk": _award(world).decision_id}
    if target == "decision_a_scanned":
        decision = _award(world).decision
        decision.file.save("quyet-dinh.pdf", ContentFile(b"%PDF-1.4 decision"))
        return {"pk": decision.pk}
    if target == "proposal_a1_attachment":
        proposal = _proposal(world)
        attachment = ProposalAttachment.objects.create(
            proposal=proposal, kind="minutes", title="Biên bản", file=ContentFile(b"%PDF-1.4 minutes", name="bb.pdf")
        )
        return {"pk": proposal.pk, "attachment_pk": attachment.pk}
    if target == "award_a1":
        return {"pk": _award(world).pk}
    if target == "layout_a":
        layout, _created = CertificateLayout.objects.get_or_create(
            issuer=world.district_a, kind=CertificateKind.TITLE, subject_kind="individual"
        )
        return {"pk": layout.pk}
    return None
