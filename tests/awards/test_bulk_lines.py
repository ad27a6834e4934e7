"""Proposal lines in bulk (issue 13, point 1): many subjects into a new or open proposal in one transaction, all
or nothing, with the eligibility snapshot each line would get by hand; one change to many lines; the council's
tally per line."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards.models import AwardType, Proposal, ProposalLine
from awards.services import bulk_lines, proposals
from tests.awards import helpers as h
from tests.factories import MemberFactory
from unions.models import MemberStatus

Y = 2025
DAY = datetime.date(2025, 12, 20)


def t(code):
    return AwardType.objects.get(code=code)


@pytest.fixture
def rated(world):
    """Three members of union A1 rated HTT in 2025 (they qualify for LĐTT)."""
    people = [
        MemberFactory(organization=world.union_a1, full_name=name, search_name=name.lower())
        for name in ("Trần Thị Mai", "Hoàng Văn Nam", "Đỗ Thị Lan")
    ]
    for person in people:
        h.rate(person, Y, "HTT")
    return people


def add(world, subjects, code="LDTT", **target):
    target = target or {"from_org": world.union_a1, "year": Y, "title": "Đề nghị khen thưởng năm 2025"}
    return bulk_lines.lines_add_to(actor=world.officer_union_a1, award_type=t(code), subjects=subjects, **target)


def test_subjects_go_into_a_new_proposal_with_their_snapshot(world, rated):
    proposal, added, skipped = add(world, rated)
    assert proposal.from_org == world.union_a1 and proposal.to_org == world.district_a
    assert proposal.status == Proposal.Status.DRAFT and proposal.year == Y
    assert {line.member for line in proposal.lines.all()} == set(rated)
    assert skipped == [] and len(added) == 3
    assert all(line.eligibility_status == "pass" and line.eligibility for line in proposal.lines.all())


def test_a_line_added_in_bulk_carries_the_same_snapshot_as_by_hand(world):
    weak = MemberFactory(organization=world.union_a1, full_name="Lý Văn Kém")
    h.rate(weak, Y, "HT")
    proposal, _added, _ = add(world, [weak])
    by_hand = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Tay")
    hand = proposals.line_add(actor=world.officer_union_a1, proposal=by_hand, award_type=t("LDTT"), member=weak)
    bulk = proposal.lines.get()
    assert bulk.eligibility_status == hand.eligibility_status == "fail"
    assert bulk.eligibility == hand.eligibility


def test_already_proposed_for_the_award_is_skipped_and_named(world, rated):
    proposal, _, _ = add(world, rated[:1])
    proposal, added, skipped = add(world, rated, proposal=proposal)
    assert skipped == ["Trần Thị Mai"]
    assert [line.member for line in added] == rated[1:]
    assert proposal.lines.count() == 3
    # Another award for the same person is a line of its own.
    _, added, skipped = add(world, rated[:1], code="GK_CD_CN", proposal=proposal)
    assert len(added) == 1 and skipped == []


def test_all_or_nothing_each_refusal_named(world, rated):
    gone = MemberFactory(organization=world.union_a1, full_name="Vũ Văn Đi", status=MemberStatus.LEFT)
    outside = world.member_a2  # union A2: not a member of the proposing union
    with pytest.raises(ValidationError) as caught:
        add(world, [*rated, gone, outside])
    messages = caught.value.messages
    assert len(messages) == 2
    assert messages[0].startswith("Vũ Văn Đi: ")
    assert messages[1].startswith("Lê Thị Bích: ")
    assert not Proposal.objects.exists(), "the new proposal is rolled back with the lines"
    assert not ProposalLine.objects.exists()


def test_a_collective_award_takes_unions_not_members(world, rated):
    with pytest.raises(ValidationError) as caught:
        add(world, rated[:1], code="TTLDTT")
    assert "Trần Thị Mai" in caught.value.messages[0]
    proposal, added, _ = add(world, [world.union_a1], code="TTLDTT")
    assert added[0].member is None and added[0].organization == world.union_a1


def test_the_same_post_twice_leaves_one_proposal_and_no_duplicate_line(world, rated):
    first, _, _ = add(world, rated)
    second, added, skipped = add(world, rated)
    assert second == first and added == [] and len(skipped) == 3
    assert Proposal.objects.count() == 1 and ProposalLine.objects.count() == 3


def test_only_the_union_s_writers_add(world, rated):
    proposal, _, _ = add(world, rated[:1])
    for subjects in (rated, rated[:1]):  # even when every subject is already there and nothing would be added
        with pytest.raises(PermissionDenied):
            bulk_lines.lines_add_to(
                actor=world.officer_union_b1, award_type=t("LDTT"), subjects=subjects, proposal=proposal
            )
    with pytest.raises(PermissionDenied):
        bulk_lines.lines_add_to(
            actor=world.leader_city, award_type=t("LDTT"), subjects=rated, from_org=world.union_a1, year=Y, title="X"
        )


def test_nothing_is_added_to_a_submitted_proposal(world, rated):
    proposal, _, _ = add(world, rated[:1])
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=proposal)
    with pytest.raises(ValidationError):
        add(world, rated[1:], proposal=proposal)
    assert proposal.lines.count() == 1


def test_proposer_of_a_division_is_its_union(world):
    assert bulk_lines.proposer_for(world.officer_union_a1, world.division_a1) == world.union_a1
    assert bulk_lines.proposer_for(world.staff_district_a, world.district_a) == world.district_a
    assert bulk_lines.proposer_for(world.leader_city, world.union_a1) is None


# ---- one change to many lines ----------------------------------------------------------------------------


def ids(proposal):
    return list(proposal.lines.values_list("pk", flat=True))


def test_remove_and_set_achievement_on_ticked_lines(world, rated):
    proposal, _, _ = add(world, rated)
    first, *others = ids(proposal)
    n = bulk_lines.lines_set_achievement(
        actor=world.officer_union_a1, proposal=proposal, line_ids=others, achievement=" Hoàn thành tốt nhiệm vụ "
    )
    assert n == 2
    assert dict(proposal.lines.values_list("pk", "achievement")) == {
        first: "",
        others[0]: "Hoàn thành tốt nhiệm vụ",
        others[1]: "Hoàn thành tốt nhiệm vụ",
    }
    bulk_lines.lines_remove(actor=world.officer_union_a1, proposal=proposal, line_ids=others)
    assert ids(proposal) == [first]


def test_lines_of_another_proposal_are_not_touched(world, rated):
    mine, _, _ = add(world, rated[:1])
    theirs, _, _ = add(world, rated[1:], from_org=world.union_a1, year=Y, title="Khác")
    with pytest.raises(ValidationError):
        bulk_lines.lines_remove(actor=world.officer_union_a1, proposal=mine, line_ids=ids(mine) + ids(theirs))
    assert ProposalLine.objects.count() == 3


def test_initiative_cited_only_where_the_subject_authored_it(world, rated):
    mai, nam, _lan = rated
    proposal, _, _ = add(world, [mai, nam])
    _, _, _ = add(world, [world.union_a1], code="TTLDTT", proposal=proposal)
    idea = h.initiative(mai, Y)
    mai_line = proposal.lines.get(member=mai).pk
    nam_line = proposal.lines.get(member=nam).pk
    union_line = proposal.lines.get(member=None).pk
    with pytest.raises(ValidationError) as caught:
        bulk_lines.lines_set_initiative(
            actor=world.officer_union_a1, proposal=proposal, line_ids=[mai_line, nam_line], initiative=idea
        )
    [message] = caught.value.messages
    assert message.startswith("Hoàng Văn Nam: ") and idea.title in message
    assert not ProposalLine.objects.filter(initiative=idea).exists()
    bulk_lines.lines_set_initiative(
        actor=world.officer_union_a1, proposal=proposal, line_ids=[mai_line, union_line], initiative=idea
    )
    assert set(ProposalLine.objects.filter(initiative=idea).values_list("pk", flat=True)) == {mai_line, union_line}
    bulk_lines.lines_set_initiative(
        actor=world.officer_union_a1, proposal=proposal, line_ids=[mai_line], initiative=None
    )
    assert ProposalLine.objects.get(pk=mai_line).initiative is None


def test_bulk_changes_need_an_editable_proposal_of_the_user(world, rated):
    proposal, _, _ = add(world, rated)
    with pytest.raises(PermissionDenied):
        bulk_lines.lines_remove(actor=world.officer_union_a2, proposal=proposal, line_ids=ids(proposal))
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=proposal)
    with pytest.raises(ValidationError):
        bulk_lines.lines_remove(actor=world.officer_union_a1, proposal=proposal, line_ids=ids(proposal))
    assert proposal.lines.count() == 3


# ---- the council's tally per line ------------------------------------------------------------------------


def at_council(world, subjects_by_code):
    proposal = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="CĐ")
    for code, subjects in subjects_by_code.items():
        add(world, subjects, code=code, proposal=proposal)
    staff = world.staff_district_a
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=proposal)
    proposals.proposal_start_review(actor=staff, proposal=proposal)
    return proposal


def record(world, proposal, votes, total=9):
    proposals.council_record(
        actor=world.staff_district_a,
        proposal=proposal,
        held_on=DAY,
        members_total=total,
        members_present=total,
        chair="Nguyễn Thùy Chi",
        votes=votes,
    )


def test_required_share_is_the_award_types_threshold(world):
    assert proposals.required_share(t("CSTDCS")) == 80
    assert proposals.required_share(t("CSTD_TINH")) == 90
    assert proposals.required_share(t("LDTT")) is None


def test_a_tally_without_required_share_needs_more_for_than_against(world, rated):
    proposal = at_council(world, {"LDTT": rated})
    lines = list(proposal.lines.order_by("pk"))
    votes = {lines[0].pk: (3, 6), lines[1].pk: (6, 3)}  # the third: no tally, no ballot needed
    record(world, proposal, votes)
    assert [line.status for line in proposal.lines.order_by("pk")] == ["rejected", "approved", "approved"]


def test_a_ballot_line_needs_its_tally_and_its_share_of_all_members(world, rated):
    best = MemberFactory(organization=world.union_a1, full_name="Phan Văn Giỏi")
    h.rate(best, Y, "HTXS")
    proposal = at_council(world, {"LDTT": rated[:1], "CSTDCS": [best]})
    cstd = proposal.lines.get(award_type__code="CSTDCS")
    with pytest.raises(ValidationError) as caught:
        record(world, proposal, {})
    [message] = caught.value.messages
    assert "Phan Văn Giỏi" in message
    # 7 of 9 members is 77,8 %: under the 80 % of all members CSTĐCS needs, even with nobody against.
    record(world, proposal, {cstd.pk: (7, 0)})
    assert proposal.lines.get(pk=cstd.pk).status == "rejected"
    assert proposal.lines.get(award_type__code="LDTT").status == "approved"
