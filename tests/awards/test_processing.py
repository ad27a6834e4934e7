"""Processing inside the receiving body (issue 14.3): assignment to a specialist, the head's approval, the
leader's sign-off before the decision where the body asks for it, and submission rounds that lock late
proposals until the receiving level reopens them."""

import datetime
import pathlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from awards.models import Award, Proposal, ProposalProcessing
from awards.services import processing, proposals, rounds
from tests.awards import helpers as h
from tests.awards.test_proposals import Y, build, issue, t, through_council
from tests.factories import MemberFactory, UserFactory, role
from tests.test_i18n import parse_po


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are asserted as their English msgids, whatever the catalogue says."""
    with translation.override("en"):
        yield


TODAY = timezone.localdate()
ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def good(world):
    """Two members of union A1 who qualify for the lines `build` proposes (LĐTT, CSTĐCS)."""
    mai = MemberFactory(organization=world.union_a1, full_name="Trần Thị Mai", search_name="tran thi mai")
    nam = MemberFactory(organization=world.union_a1, full_name="Hoàng Văn Nam", search_name="hoang van nam")
    h.rate(mai, Y, "HTT")
    h.rate(nam, Y, "HTXS")
    return mai, nam


@pytest.fixture
def desks(world):
    """The desks of district_a: a specialist, a head of department, a leader who signs off, a secretary."""
    people = {}
    for kind, name in (
        ("specialist", ("Lan", "Trần Thị")),
        ("department_head", ("Hùng", "Phạm Văn")),
        ("approving_leader", ("Chi", "Nguyễn Thùy")),
        ("council_secretary", ("Hà", "Vũ Thu")),
    ):
        user = UserFactory(username=f"{kind}_district_a", first_name=name[0], last_name=name[1])
        role(user, world.district_a, kind)
        people[kind] = user
    # A specialist of the other district: not a desk of district_a.
    people["specialist_b"] = UserFactory(username="specialist_district_b")
    role(people["specialist_b"], world.district_b, "specialist")
    return people


def _submitted(world, good):
    p = build(world, good)
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    return p


def test_a_proposal_is_assigned_to_a_specialist_of_the_receiving_body(world, good, desks):
    p = _submitted(world, good)
    # Whoever reviews at district_a itself: its specialists, its head, its staff; not the other desks.
    assert set(processing.specialists_for(p)) == {
        desks["specialist"],
        desks["department_head"],
        world.staff_district_a,
    }
    processing.proposal_assign(actor=desks["department_head"], proposal=p, assignee=desks["specialist"])
    row = ProposalProcessing.objects.get(proposal=p)
    assert (row.assigned_to, row.assigned_by) == (desks["specialist"], desks["department_head"])
    with pytest.raises(ValidationError, match="does not review proposals"):
        processing.proposal_assign(actor=world.staff_district_a, proposal=p, assignee=desks["specialist_b"])
    with pytest.raises(ValidationError, match="does not review proposals"):
        processing.proposal_assign(actor=world.staff_district_a, proposal=p, assignee=desks["approving_leader"])
    # The specialist reviews but does not hand out dossiers; the union never does.
    for actor in (desks["specialist"], world.officer_union_a1):
        with pytest.raises(PermissionDenied):
            processing.proposal_assign(actor=actor, proposal=p, assignee=desks["specialist"])
    # The specialist does the review steps the staff did.
    proposals.proposal_start_review(actor=desks["specialist"], proposal=p)
    assert Proposal.objects.get(pk=p.pk).status == Proposal.Status.UNDER_REVIEW


def _to_council(world, p, desks):
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    proposals.proposal_start_review(actor=desks["specialist"], proposal=p)
    processing.review_approve(actor=desks["department_head"], proposal=p)
    votes = {line.pk: (8, 1) for line in p.lines.all()}
    proposals.council_record(
        actor=desks["council_secretary"],
        proposal=p,
        held_on=TODAY,
        members_total=9,
        members_present=9,
        chair="Nguyễn Thùy Chi",
        votes=votes,
    )


def test_with_the_setting_on_no_decision_before_the_leaders_sign_off(world, good, desks):
    with pytest.raises(PermissionDenied):
        processing.processing_settings_set(
            actor=desks["specialist"], organization=world.district_a, sign_off_required=True
        )
    processing.processing_settings_set(
        actor=world.staff_district_a, organization=world.district_a, sign_off_required=True
    )
    p = build(world, good)
    _to_council(world, p, desks)
    with pytest.raises(ValidationError, match="only after a leader's sign-off") as refused:
        issue(world, p)
    assert "Nothing was issued" in refused.value.messages[0]
    assert not Award.objects.exists()
    assert Proposal.objects.get(pk=p.pk).status == Proposal.Status.COUNCIL
    # Only a leader with approval rights signs off; the staff who issue decisions cannot.
    for actor in (world.staff_district_a, desks["department_head"], world.leader_city):
        with pytest.raises(PermissionDenied):
            processing.proposal_sign_off(actor=actor, proposal=p)
    processing.proposal_sign_off(actor=desks["approving_leader"], proposal=p)
    decision, _child = issue(world, p)
    assert decision.awards.count() == 3
    assert Proposal.objects.get(pk=p.pk).status == Proposal.Status.DECIDED


def test_the_leader_signs_off_only_after_the_head_approved_the_review(world, good, desks):
    p = build(world, good)
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    proposals.proposal_start_review(actor=desks["specialist"], proposal=p)
    votes = {line.pk: (8, 1) for line in p.lines.all()}
    proposals.council_record(
        actor=desks["council_secretary"], proposal=p, held_on=TODAY, members_total=9, members_present=9,
        chair="Nguyễn Thùy Chi", votes=votes,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="has not approved the review"):
        processing.proposal_sign_off(actor=desks["approving_leader"], proposal=p)
    with pytest.raises(PermissionDenied):
        processing.review_approve(actor=desks["specialist"], proposal=p)
    processing.review_approve(actor=desks["department_head"], proposal=p)
    processing.proposal_sign_off(actor=desks["approving_leader"], proposal=p)
    with pytest.raises(ValidationError, match="already signed off"):
        processing.proposal_sign_off(actor=desks["approving_leader"], proposal=p)


def test_an_approval_given_before_the_proposal_was_returned_does_not_count(world, good, desks):
    p = _submitted(world, good)
    proposals.proposal_start_review(actor=desks["specialist"], proposal=p)
    processing.review_approve(actor=desks["department_head"], proposal=p)
    proposals.proposal_return(actor=desks["specialist"], proposal=p, reason="Bổ sung biên bản")
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    proposals.proposal_start_review(actor=desks["specialist"], proposal=p)
    assert not ProposalProcessing.objects.select_related("proposal").get(proposal=p).review_approved
    processing.review_approve(actor=desks["department_head"], proposal=p)


def test_without_the_setting_the_staff_issue_as_before(world, good, desks):
    p = build(world, good)
    through_council(world, p)
    decision, _child = issue(world, p)
    assert decision.awards.count() == 3


def test_the_council_is_recorded_by_its_secretary_and_the_staff_not_by_the_specialist(world, good, desks):
    p = _submitted(world, good)
    proposals.proposal_start_review(actor=desks["specialist"], proposal=p)
    votes = {line.pk: (8, 1) for line in p.lines.all()}
    fields = {"held_on": TODAY, "members_total": 9, "members_present": 9, "chair": "Nguyễn Thùy Chi", "votes": votes}
    with pytest.raises(PermissionDenied):
        proposals.council_record(actor=desks["specialist"], proposal=p, **fields)
    proposals.council_record(actor=desks["council_secretary"], proposal=p, **fields)
    assert Proposal.objects.get(pk=p.pk).status == Proposal.Status.COUNCIL


def _round(world, deadline, **extra):
    return rounds.round_create(
        actor=world.staff_district_a,
        organization=world.district_a,
        year=2025,
        title="Đợt xét khen thưởng năm 2025",
        deadline=deadline,
        **extra,
    )


def test_a_proposal_of_a_closed_round_is_locked_until_reopened(world, good):
    current = _round(world, TODAY)
    p = build(world, good)
    assert ProposalProcessing.objects.get(proposal=p).round == current
    # The deadline passes.
    current.deadline = TODAY - datetime.timedelta(days=1)
    current.save()
    for attempt in (
        lambda: proposals.proposal_submit(actor=world.officer_union_a1, proposal=p),
        lambda: proposals.line_remove(actor=world.officer_union_a1, line=p.lines.first()),
    ):
        with pytest.raises(ValidationError, match="closed on") as refused:
            attempt()
        assert world.district_a.name in refused.value.messages[0]
    # Only the receiving level reopens, and not into the past.
    with pytest.raises(PermissionDenied):
        rounds.proposal_reopen(actor=world.officer_union_a1, proposal=p, until=TODAY)
    with pytest.raises(ValidationError):
        rounds.proposal_reopen(actor=world.staff_district_a, proposal=p, until=TODAY - datetime.timedelta(days=1))
    rounds.proposal_reopen(actor=world.staff_district_a, proposal=p, until=TODAY)
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    assert Proposal.objects.get(pk=p.pk).status == Proposal.Status.SUBMITTED


def test_reopening_the_round_reopens_all_its_proposals(world, good):
    current = _round(world, TODAY)
    p = build(world, good)
    current.deadline = TODAY - datetime.timedelta(days=3)
    current.save()
    # A proposal started after every round of the year closed is as late as the others.
    late = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=2025, title="Muộn")
    with pytest.raises(ValidationError, match="closed on"):
        proposals.line_add(actor=world.officer_union_a1, proposal=late, award_type=t("LDTT"), member=good[0])
    rounds.round_reopen(
        actor=world.staff_district_a, submission_round=current, until=TODAY + datetime.timedelta(days=2)
    )
    proposals.line_add(actor=world.officer_union_a1, proposal=late, award_type=t("LDTT"), member=good[0])
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    assert ProposalProcessing.objects.filter(round=current).count() == 2


def test_rounds_are_the_receiving_bodys_own(world, good):
    with pytest.raises(PermissionDenied):
        rounds.round_create(
            actor=world.officer_union_a1, organization=world.district_a, year=2025, title="Đợt", deadline=TODAY
        )
    with pytest.raises(PermissionDenied):  # a grassroots union receives no proposals
        rounds.round_create(
            actor=world.staff_district_a, organization=world.union_a1, year=2025, title="Đợt", deadline=TODAY
        )
    # Another body's round, or another year's, leaves district_a's proposals free.
    rounds.round_create(
        actor=world.admin, organization=world.district_b, year=2025, title="Đợt", deadline=TODAY - datetime.timedelta(1)
    )
    _round(world, TODAY - datetime.timedelta(days=1), kind=Proposal.Kind.THEMATIC)
    p = build(world, good)
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    assert not ProposalProcessing.objects.filter(proposal=p).exists()


def _vietnamese(msgid):
    """The Vietnamese of a message, from the catalogue or (until the lead folds it in) locale/pending/roles.po."""
    for path in (ROOT / "locale/vi/LC_MESSAGES/django.po", ROOT / "locale/pending/roles.po"):
        if path.exists():
            entries = {f.get("msgid"): f.get("msgstr") for _flags, f in parse_po(path.read_text(encoding="utf-8"))}
            if entries.get(msgid):
                return entries[msgid]
    return None


def test_the_refusal_before_sign_off_has_its_vietnamese():
    vietnamese = _vietnamese(
        "%(org)s issues decisions only after a leader's sign-off, and this proposal has not been signed off yet. "
        "Nothing was issued."
    )
    assert vietnamese and "phê duyệt" in vietnamese and "%(org)s" in vietnamese
