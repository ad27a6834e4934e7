"""Aggregation upward (awards/services/aggregation.py): a district sends its grassroots unions' approved lines
up as one proposal whose lines keep their origin; a line returned up there, and a decision, reach the origin."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from awards.models import Award, Proposal, ProposalLine
from awards.selectors import aggregation as selectors
from awards.selectors import proposal_lines
from awards.services import aggregation, decisions, proposals
from tests.awards import aggregation_scene as sc
from tests.factories import UserFactory, add_org, role


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are asserted as their English msgids, whatever the catalogue says."""
    with translation.override("en"):
        yield


DAY = datetime.date(2025, 12, 20)
L = ProposalLine.Status


@pytest.fixture
def s(world):
    return sc.scene(world)


def _reload(*objs):
    for obj in objs:
        obj.refresh_from_db()


def test_three_proposals_reach_the_province_as_one_with_three_origins(world, s):
    up = sc.aggregated(world, s)
    assert (up.from_org, up.to_org, up.status, up.year) == (world.district_a, world.city, "submitted", sc.Y)
    lines = list(up.lines.select_related("origin__proposal"))
    assert len(lines) == 3
    assert {line.origin.proposal for line in lines} == {s.p1, s.p2, s.p3}
    assert all(line.award_type.code == sc.CITY_AWARD and line.member == line.origin.member for line in lines)
    _reload(s.p1, s.p2, s.p3)
    # Union A1's LĐTT is the district's own award: it stays for the district's council, the rest went up.
    assert (s.p1.status, s.p2.status, s.p3.status) == ("under_review", "forwarded", "forwarded")
    assert sorted(s.p1.lines.values_list("award_type__code", "status")) == [
        ("CNG_TD", "forwarded"),
        ("LDTT", "proposed"),
    ]
    assert up in Proposal.objects.visible_to(s.staff_city)
    assert up not in Proposal.objects.visible_to(world.officer_union_a1)


def panel_of(user, proposal):
    """The proposal page's sending-up panel, read as the page reads it."""
    counted = proposal_lines.summary(proposal)
    lines = proposal_lines.attach_links(proposal_lines.panel_lines(proposal, counted))
    return selectors.panel_for(user, proposal, lines, counted)


def test_the_upper_level_sees_one_dossier_broken_down_by_grassroots_union(world, s):
    up = sc.aggregated(world, s)
    panel = panel_of(s.staff_city, up)
    assert [g.origin for g in panel.groups] == [s.p1, s.p2, s.p3]  # in the tree's order
    assert [(len(g.lines), g.individuals, g.collectives) for g in panel.groups] == [(1, 1, 0)] * 3
    assert panel.total == 3 and panel.can_return_lines and not panel.can_approve


def test_a_returned_line_reaches_its_origin_and_the_union_sees_why(world, s):
    up = sc.aggregated(world, s)
    line = up.lines.get(origin__proposal=s.p2)
    with pytest.raises(PermissionDenied):  # the district cannot return at the city's level
        aggregation.line_return(actor=world.staff_district_a, line=line, reason="Thiếu báo cáo")
    with pytest.raises(ValidationError):
        aggregation.line_return(actor=s.staff_city, line=line, reason=" ")
    aggregation.line_return(actor=s.staff_city, line=line, reason="Thiếu báo cáo thành tích có xác nhận")
    origin = s.p2.lines.get()
    assert (origin.status, origin.return_reason) == (L.RETURNED, "Thiếu báo cáo thành tích có xác nhận")
    assert up.lines.get(pk=line.pk).status == L.RETURNED
    assert sorted(up.lines.values_list("status", flat=True)) == [L.PROPOSED, L.PROPOSED, L.RETURNED]
    # What union A2's officer reads on its own proposal.
    mine = panel_of(world.officer_union_a2, s.p2)
    assert [(r.pk, r.return_reason) for r in mine.returned] == [(origin.pk, "Thiếu báo cáo thành tích có xác nhận")]
    with pytest.raises(ValidationError):  # once returned, not again
        aggregation.line_return(actor=s.staff_city, line=line, reason="Lần nữa")


def test_the_decision_above_shows_on_the_origin_lines(world, s):
    up = sc.aggregated(world, s)
    aggregation.line_return(actor=s.staff_city, line=up.lines.get(origin__proposal=s.p3), reason="Trùng đề nghị")
    proposals.proposal_start_review(actor=s.staff_city, proposal=up)
    proposals.council_record(
        actor=s.staff_city, proposal=up, held_on=DAY, members_total=9, members_present=9, chair="Lê Văn Hải", votes={}
    )
    decision, child = decisions.decision_issue(
        actor=s.staff_city,
        proposal=up,
        number="88/QĐ-LĐLĐ",
        signed_on=DAY,
        signer_name="Lê Văn Hải",
        signer_title="Chủ tịch",
    )
    assert child is None
    assert Award.objects.filter(decision=decision).count() == 2
    outcomes = {
        line.award_type.code: (copy.status, copy.award.decision.number)
        for line, copy, _v in panel_of(world.officer_union_a1, s.p1).outcomes
    }
    assert outcomes == {"CNG_TD": (L.AWARDED, "88/QĐ-LĐLĐ")}
    returned = panel_of(world.officer_union_a1, s.p3)
    assert returned.outcomes == [] and [r.return_reason for r in returned.returned] == ["Trùng đề nghị"]


def test_a_district_aggregates_only_proposals_sent_to_it(world, s):
    staff_b = UserFactory(username="staff_district_b")
    role(staff_b, world.district_b, "federation_staff")
    with pytest.raises(PermissionDenied):
        aggregation.proposal_approve(actor=staff_b, proposal=s.p1)
    with pytest.raises(PermissionDenied):
        aggregation.proposal_aggregate(actor=staff_b, organization=world.district_a, proposals=[s.p1])
    with pytest.raises(PermissionDenied):  # a grassroots officer reviews nothing it sent itself
        aggregation.proposal_approve(actor=world.officer_union_a1, proposal=s.p1)
    aggregation.proposal_approve(actor=world.staff_district_a, proposal=s.p1)
    with pytest.raises(ValidationError, match="not sent to"):
        aggregation.proposal_aggregate(actor=staff_b, organization=world.district_b, proposals=[s.p1])
    with pytest.raises(ValidationError):  # not approved yet
        aggregation.proposal_aggregate(actor=world.staff_district_a, organization=world.district_a, proposals=[s.p2])
    assert list(selectors.aggregatable_for(world.staff_district_a, world.district_a)) == [s.p1]
    assert not selectors.aggregatable_for(staff_b, world.district_a).exists()
    assert not Proposal.objects.filter(from_org=world.district_a).exists()


def test_approval_needs_a_line_beyond_the_district_and_no_failing_line(world, s):
    own = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=sc.Y, title="Riêng")
    proposals.line_add(
        actor=world.officer_union_a1,
        proposal=own,
        award_type=s.p1.lines.get(award_type__code="LDTT").award_type,
        member=s.p1.lines.first().member,
    )
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=own)
    with pytest.raises(ValidationError, match="hold the council"):
        aggregation.proposal_approve(actor=world.staff_district_a, proposal=own)
    ProposalLine.objects.filter(proposal=s.p2).update(eligibility_status="fail")
    with pytest.raises(ValidationError, match="Hoàng Văn Nam"):
        aggregation.proposal_approve(actor=world.staff_district_a, proposal=s.p2)


def test_a_proposal_returned_after_approval_is_proposed_again_when_resubmitted(world, s):
    aggregation.proposal_approve(actor=world.staff_district_a, proposal=s.p2)
    assert s.p2.lines.get().status == L.APPROVED
    proposals.proposal_return(actor=world.staff_district_a, proposal=s.p2, reason="Bổ sung biên bản")
    proposals.proposal_submit(actor=world.officer_union_a2, proposal=s.p2)
    assert s.p2.lines.get().status == L.PROPOSED


def test_lines_forwarded_after_a_decision_keep_their_origin_too(world, s):
    """The single-proposal flow: the district's council and decision, the rest forwarded with origins."""
    staff = world.staff_district_a
    proposals.proposal_start_review(actor=staff, proposal=s.p1)
    proposals.council_record(
        actor=staff,
        proposal=s.p1,
        held_on=DAY,
        members_total=9,
        members_present=9,
        chair="Nguyễn Thùy Chi",
        votes={line.pk: (9, 0) for line in s.p1.lines.all()},
    )
    _decision, child = decisions.decision_issue(
        actor=staff,
        proposal=s.p1,
        number="5/QĐ",
        signed_on=DAY,
        signer_name="Nguyễn Thùy Chi",
        signer_title="Phó Chủ tịch",
    )
    assert child.parent == s.p1
    copy = child.lines.get()
    assert copy.origin == s.p1.lines.get(award_type__code=sc.CITY_AWARD)
    aggregation.line_return(actor=s.staff_city, line=copy, reason="Chưa đủ minh chứng")
    assert copy.origin.__class__.objects.get(pk=copy.origin_id).return_reason == "Chưa đủ minh chứng"


def test_a_commune_union_sends_up_to_the_province_the_same_way(world):
    """Since 7/2025 commune and ward unions stand where district federations stood."""
    commune = add_org(world.city, "commune_union", "Công đoàn phường Xuân Đỉnh", code="HN-XD")
    school = add_org(commune, "grassroots", "Công đoàn Trường Mầm non Xuân Đỉnh", code="HN-XD-001")
    officer, staff = UserFactory(username="officer_school"), UserFactory(username="staff_commune")
    role(officer, school, "union_officer")
    role(staff, commune, "federation_staff")
    p = sc.submitted(world, school, officer, "Vũ Thị Hồng")
    assert p.to_org == commune
    aggregation.proposal_approve(actor=staff, proposal=p)
    up = aggregation.proposal_aggregate(actor=staff, organization=commune, proposals=[p])
    assert (up.from_org, up.to_org, up.lines.get().origin) == (commune, world.city, p.lines.get())
