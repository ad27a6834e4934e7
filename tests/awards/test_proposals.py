import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from awards.models import Award, AwardType, Proposal, ProposalLine
from awards.services import decisions, proposals, revocations
from tests.awards import helpers as h
from tests.factories import MemberFactory

Y = 2025
DAY = datetime.date(2025, 12, 20)


def t(code):
    return AwardType.objects.get(code=code)


@pytest.fixture
def good(world):
    """Two members of union A1 who qualify: one for LĐTT, one for CSTĐCS."""
    a = MemberFactory(organization=world.union_a1, full_name="Trần Thị Mai", search_name="tran thi mai")
    b = MemberFactory(organization=world.union_a1, full_name="Hoàng Văn Nam", search_name="hoang van nam")
    h.rate(a, Y, "HTT")
    h.rate(b, Y, "HTXS")
    return a, b


def build(world, good, *, lines=None):
    a, b = good
    p = proposals.proposal_create(
        actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Đề nghị khen thưởng năm 2025"
    )
    for member, code in lines or [(a, "LDTT"), (b, "CSTDCS"), (b, "LDTT")]:
        proposals.line_add(actor=world.officer_union_a1, proposal=p, award_type=t(code), member=member)
    return p


def through_council(world, p, yes=8, total=9):
    staff = world.staff_district_a
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    proposals.proposal_start_review(actor=staff, proposal=p)
    proposals.notice_publish(actor=staff, proposal=p, starts_on=DAY, ends_on=DAY + datetime.timedelta(days=5))
    votes = {line.pk: (yes, total - yes) for line in p.lines.all()}
    proposals.council_record(
        actor=staff,
        proposal=p,
        held_on=DAY,
        members_total=total,
        members_present=total - 1,
        chair="Nguyễn Thùy Chi",
        votes=votes,
    )


def issue(world, p, number="215/QĐ-LĐLĐ"):
    return decisions.decision_issue(
        actor=world.staff_district_a,
        proposal=p,
        number=number,
        signed_on=DAY,
        signer_name="Nguyễn Thùy Chi",
        signer_title="Phó Chủ tịch",
    )


def test_proposal_goes_to_the_level_above(world, good):
    p = build(world, good)
    assert p.to_org == world.district_a
    assert set(Proposal.objects.visible_to(world.staff_district_a)) == {p}
    assert not Proposal.objects.visible_to(world.officer_union_a2).exists()


def test_ineligible_line_blocks_submission_until_overridden(world, good):
    poor = MemberFactory(organization=world.union_a1, full_name="Lý Văn Kém")
    h.rate(poor, Y, "HT")
    p = build(world, good, lines=[(good[0], "LDTT"), (poor, "LDTT")])
    line = p.lines.get(member=poor)
    assert line.eligibility_status == "fail"
    assert "Xếp loại Hoàn thành (HT) năm 2025; cần từ Hoàn thành tốt (HTT) trở lên." in [
        r["message"] for r in line.eligibility
    ]
    with pytest.raises(ValidationError) as exc:
        proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    assert "Lý Văn Kém" in exc.value.messages[0]
    with pytest.raises(PermissionDenied):
        proposals.line_override(actor=world.officer_union_a1, line=line, reason="Có thành tích đột xuất")
    proposals.line_override(actor=world.staff_district_a, line=line, reason="Có thành tích đột xuất")
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    assert Proposal.objects.get(pk=p.pk).status == "submitted"


def test_open_case_defers_the_line(world, good):
    h.discipline(good[0], Y, decided=False)
    p = build(world, good, lines=[(good[0], "LDTT"), (good[1], "LDTT")])
    assert p.lines.get(member=good[0]).status == "deferred"
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)


@pytest.mark.parametrize(("yes", "total", "approved"), [(8, 10, True), (7, 10, False), (8, 9, True), (7, 9, False)])
def test_ballot_threshold_counts_all_council_members(world, good, yes, total, approved):
    p = build(world, good, lines=[(good[1], "CSTDCS")])
    through_council(world, p, yes=yes, total=total)
    assert p.lines.get().status == ("approved" if approved else "rejected")


def test_decision_confers_awards_with_bonus_and_gold_book(world, good):
    a, b = good
    p = build(world, good)
    through_council(world, p)
    decision, child = issue(world, p)
    assert child is None
    awards = {(x.member.full_name, x.award_type.code): x for x in Award.objects.filter(decision=decision)}
    assert set(awards) == {("Trần Thị Mai", "LDTT"), ("Hoàng Văn Nam", "CSTDCS"), ("Hoàng Văn Nam", "LDTT")}
    # 0,3 × 2.340.000 = 702.000; 1,0 × 2.340.000; only the highest title of the period is paid.
    assert awards[("Trần Thị Mai", "LDTT")].bonus_amount == 710_000
    assert awards[("Hoàng Văn Nam", "CSTDCS")].bonus_amount == 2_340_000
    assert awards[("Hoàng Văn Nam", "LDTT")].bonus_amount == 0
    assert all(x.gold_book_number.startswith("SV-2025-") for x in awards.values())
    assert Proposal.objects.get(pk=p.pk).status == "decided"
    assert set(ProposalLine.objects.values_list("status", flat=True)) == {"awarded"}


def test_issuing_twice_is_refused(world, good):
    p = build(world, good)
    through_council(world, p)
    issue(world, p)
    with pytest.raises(ValidationError):
        issue(world, p)
    assert Award.objects.count() == 3


def test_duplicate_award_is_refused_and_nothing_is_issued(world, good):
    h.award(good[0], code="LDTT", year=Y)
    p = build(world, good)
    through_council(world, p)
    with pytest.raises(ValidationError):
        issue(world, p)
    assert Award.objects.count() == 1


def test_an_initiative_supports_one_award(world, good):
    a, _b = good
    used = h.initiative(a, Y)
    first = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Đợt 1")
    proposals.line_add(actor=world.officer_union_a1, proposal=first, award_type=t("LDTT"), member=a, initiative=used)
    second = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Đợt 2")
    proposals.line_add(
        actor=world.officer_union_a1, proposal=second, award_type=t("GK_CD_CN"), member=a, initiative=used
    )
    through_council(world, first)
    through_council(world, second)
    issue(world, first, "1/QĐ")
    with pytest.raises(ValidationError):
        issue(world, second, "2/QĐ")
    assert Award.objects.filter(initiative=used).count() == 1


def test_lines_beyond_authority_are_forwarded_up(world, good):
    a, b = good
    p = build(world, good, lines=[(a, "LDTT"), (b, "BK_TLD_CN")])
    through_council(world, p)
    _decision, child = issue(world, p)
    assert child.from_org == world.district_a and child.to_org == world.city
    assert child.status == "submitted" and child.parent == p
    assert [line.member for line in child.lines.all()] == [b]
    assert set(Proposal.objects.visible_to(world.leader_city)) == {p, child}
    assert Proposal.objects.visible_to(world.officer_union_a1).get() == p  # not the forwarded one
    assert p.lines.get(member=b).status == "forwarded"


def test_revocation(world, good):
    p = build(world, good, lines=[(good[0], "LDTT")])
    through_council(world, p)
    decision, _child = issue(world, p)
    award = Award.objects.get()
    with pytest.raises(PermissionDenied):
        revocations.award_revoke(
            actor=world.officer_union_a1, award=award, ground="a", decision_number="9/QĐ", decided_on=DAY
        )
    revocations.award_revoke(
        actor=world.staff_district_a,
        award=award,
        ground="a",
        decision_number="9/QĐ-TH",
        decided_on=DAY,
        bonus_recovered=710_000,
    )
    award.refresh_from_db()
    assert award.status == "revoked" and award.revocation.bonus_recovered == 710_000
    # The subject may be awarded again once the wrong award is revoked.
    h.award(good[0], code="LDTT", year=Y)


@pytest.mark.django_db(transaction=True)
def test_two_staff_issuing_at_once_make_one_decision(world, good):
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database for real concurrency")
    p = build(world, good)
    through_council(world, p)
    barrier, outcomes = threading.Barrier(2), []

    def go():
        try:
            barrier.wait()
            issue(world, p)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=go) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert outcomes.count("ok") == 1
    assert Award.objects.count() == 3


def _race(calls):
    """Run the callables at the same moment on separate connections; return their outcomes."""
    barrier, outcomes = threading.Barrier(len(calls)), []

    def go(call):
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=go, args=(c,)) for c in calls]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("same", ["award", "initiative"])
def test_two_decisions_at_once_cannot_double_an_award_or_an_initiative(world, good, same):
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database for real concurrency")
    a, _b = good
    used = h.initiative(a, Y)
    second_code = "LDTT" if same == "award" else "GK_CD_CN"
    first = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Đợt 1")
    second = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Đợt 2")
    proposals.line_add(actor=world.officer_union_a1, proposal=first, award_type=t("LDTT"), member=a, initiative=used)
    proposals.line_add(
        actor=world.officer_union_a1, proposal=second, award_type=t(second_code), member=a, initiative=used
    )
    through_council(world, first)
    through_council(world, second)
    outcomes = _race([lambda: issue(world, first, "1/QĐ"), lambda: issue(world, second, "2/QĐ")])
    assert outcomes.count("ok") == 1
    assert Award.objects.filter(member=a).count() == 1
