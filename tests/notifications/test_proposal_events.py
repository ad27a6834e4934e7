"""Each step of a proposal reaches the right people once, after commit, and nobody outside its reach."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse

from awards.models import AwardType
from awards.services import decisions, proposals
from notifications import dispatch
from notifications.kinds import Kind
from notifications.models import Notification
from tests.awards import helpers as h
from tests.factories import MemberFactory, UserFactory, role

Y = 2025
DAY = datetime.date(2025, 12, 20)


@pytest.fixture
def people(world, award_catalogue):
    """Beside the personas: a second reviewer at the district, staff of the other district and of the city (whose
    reach covers the proposal but who do not receive it), e-mail addresses to see the mail."""
    world.reviewer_a = UserFactory(username="reviewer_district_a", email="review@btl.vn")
    role(world.reviewer_a, world.district_a, "federation_staff")
    world.staff_district_b = UserFactory(username="staff_district_b", email="staff@th.vn")
    role(world.staff_district_b, world.district_b, "federation_staff")
    world.staff_city = UserFactory(username="staff_city")
    role(world.staff_city, world.city, "federation_staff")
    world.officer_union_a1.email = "a1@xuandinh.vn"
    world.officer_union_a1.save()
    return world


@pytest.fixture
def proposal(people):
    w = people
    member = MemberFactory(organization=w.union_a1, full_name="Trần Thị Mai", search_name="tran thi mai")
    h.rate(member, Y, "HTT")
    p = proposals.proposal_create(actor=w.officer_union_a1, from_org=w.union_a1, year=Y, title="Đề nghị năm 2025")
    proposals.line_add(
        actor=w.officer_union_a1, proposal=p, award_type=AwardType.objects.get(code="LDTT"), member=member
    )
    return p


def received(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def link_of(p):
    return reverse("awards:proposal_detail", args=[p.pk])


def submit(w, p, commit):
    with commit(execute=True):
        proposals.proposal_submit(actor=w.officer_union_a1, proposal=p)


def test_submitted_reaches_the_reviewers_of_the_receiving_union_once(
    people, proposal, django_capture_on_commit_callbacks, mailoutbox
):
    w = people
    with django_capture_on_commit_callbacks(execute=True):
        proposals.proposal_submit(actor=w.officer_union_a1, proposal=proposal)
        assert not Notification.objects.exists()  # nothing before the commit
    # The sender does not hear of their own act; the other district, the city and the leader do not either.
    assert received(Kind.PROPOSAL_SUBMITTED) == ["reviewer_district_a", "staff_district_a"]
    assert {n.link for n in Notification.objects.all()} == {link_of(proposal)}
    assert [m.to for m in mailoutbox] == [["review@btl.vn"]]  # staff_district_a has no address
    # The task delivered twice (a retry) sends nothing twice.
    assert dispatch.deliver(Kind.PROPOSAL_SUBMITTED, {"proposal_id": proposal.pk, "actor_id": None, "round": 0}) == 0
    assert Notification.objects.count() == 2 and len(mailoutbox) == 1


def test_nothing_is_sent_when_the_transaction_rolls_back(people, proposal, django_capture_on_commit_callbacks):
    w = people
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        proposals.proposal_submit(actor=w.officer_union_a1, proposal=proposal)
        raise RuntimeError("the request failed after the service")
    assert callbacks == [] and not Notification.objects.exists()


def test_returned_reaches_the_senders_with_the_reason(people, proposal, django_capture_on_commit_callbacks, mailoutbox):
    w = people
    submit(w, proposal, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        proposals.proposal_return(actor=w.staff_district_a, proposal=proposal, reason="Thiếu biên bản họp bình xét")
    assert received(Kind.PROPOSAL_RETURNED) == ["officer_union_a1"]
    note = Notification.objects.get(kind=Kind.PROPOSAL_RETURNED)
    assert "Thiếu biên bản họp bình xét" in note.body and note.link == link_of(proposal)
    assert mailoutbox[-1].to == ["a1@xuandinh.vn"] and "Thiếu biên bản họp bình xét" in mailoutbox[-1].body


def test_resubmitted_after_a_return_and_a_second_return_is_a_new_notification(
    people, proposal, django_capture_on_commit_callbacks
):
    w = people
    submit(w, proposal, django_capture_on_commit_callbacks)
    for reason in ("Thiếu biên bản", "Thiếu báo cáo thành tích"):
        with django_capture_on_commit_callbacks(execute=True):
            proposals.proposal_return(actor=w.staff_district_a, proposal=proposal, reason=reason)
        submit(w, proposal, django_capture_on_commit_callbacks)
    assert received(Kind.PROPOSAL_SUBMITTED) == ["reviewer_district_a", "staff_district_a"]  # the first time only
    assert received(Kind.PROPOSAL_RESUBMITTED) == ["reviewer_district_a"] * 2 + ["staff_district_a"] * 2
    assert received(Kind.PROPOSAL_RETURNED) == ["officer_union_a1"] * 2


def test_notice_and_council_reach_the_sender_and_who_issues_the_decision(
    people, proposal, django_capture_on_commit_callbacks
):
    w = people
    staff = w.staff_district_a
    submit(w, proposal, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        proposals.proposal_start_review(actor=staff, proposal=proposal)
        proposals.notice_publish(actor=staff, proposal=proposal, starts_on=DAY, ends_on=DAY + datetime.timedelta(5))
    assert received(Kind.NOTICE_PUBLISHED) == ["officer_union_a1"]
    votes = {line.pk: (8, 1) for line in proposal.lines.all()}
    with django_capture_on_commit_callbacks(execute=True):
        proposals.council_record(
            actor=staff,
            proposal=proposal,
            held_on=DAY,
            members_total=9,
            members_present=9,
            chair="Nguyễn Thùy Chi",
            votes=votes,
        )
    # The staff member who recorded it is left out; the other reviewer may issue the decision.
    assert received(Kind.COUNCIL_RECORDED) == ["officer_union_a1", "reviewer_district_a"]
    assert {n.link for n in Notification.objects.filter(kind=Kind.COUNCIL_RECORDED)} == {link_of(proposal)}


def test_decision_issued_reaches_the_proposer_and_the_unit_once(people, proposal, django_capture_on_commit_callbacks):
    w = people
    drafter = UserFactory(username="drafter_a1")  # drew the proposal up, then a colleague submitted it
    role(drafter, w.union_a1, "union_officer")
    proposal.created_by = drafter
    proposal.save(update_fields=["created_by"])
    staff = w.staff_district_a
    with django_capture_on_commit_callbacks(execute=True):
        proposals.proposal_submit(actor=w.officer_union_a1, proposal=proposal)
        proposals.proposal_start_review(actor=staff, proposal=proposal)
        proposals.council_record(
            actor=staff,
            proposal=proposal,
            held_on=DAY,
            members_total=9,
            members_present=9,
            chair="Nguyễn Thùy Chi",
            votes={line.pk: (9, 0) for line in proposal.lines.all()},
        )
    with django_capture_on_commit_callbacks(execute=True):
        decision, _child = decisions.decision_issue(
            actor=staff,
            proposal=proposal,
            number="215/QĐ-LĐLĐ",
            signed_on=DAY,
            signer_name="Nguyễn Thùy Chi",
            signer_title="Phó Chủ tịch",
        )
    assert received(Kind.DECISION_ISSUED) == ["drafter_a1", "officer_union_a1"]
    note = Notification.objects.get(kind=Kind.DECISION_ISSUED, user__username="drafter_a1")
    assert "215/QĐ-LĐLĐ" in note.title and note.link == link_of(proposal)
    assert not Notification.objects.filter(user__username__in=["officer_union_a2", "officer_union_b1"]).exists()


def test_a_forwarded_part_reaches_the_reviewers_above(people, proposal, django_capture_on_commit_callbacks):
    w = people
    member = MemberFactory(organization=w.union_a1, full_name="Hoàng Văn Nam", search_name="hoang van nam")
    h.rate(member, Y, "HTXS")
    proposals.line_add(
        actor=w.officer_union_a1, proposal=proposal, award_type=AwardType.objects.get(code="BK_TLD_CN"), member=member
    )
    staff = w.staff_district_a
    with django_capture_on_commit_callbacks(execute=True):
        proposals.proposal_submit(actor=w.officer_union_a1, proposal=proposal)
        proposals.proposal_start_review(actor=staff, proposal=proposal)
        proposals.council_record(
            actor=staff,
            proposal=proposal,
            held_on=DAY,
            members_total=9,
            members_present=9,
            chair="Nguyễn Thùy Chi",
            votes={line.pk: (9, 0) for line in proposal.lines.all()},
        )
        _decision, child = decisions.decision_issue(
            actor=staff,
            proposal=proposal,
            number="216/QĐ-LĐLĐ",
            signed_on=DAY,
            signer_name="Nguyễn Thùy Chi",
            signer_title="Phó Chủ tịch",
        )
    assert child is not None
    upward = Notification.objects.filter(kind=Kind.PROPOSAL_SUBMITTED, link=link_of(child))
    # The city's staff review it; the district's staff who sent it and the grassroots union do not get it.
    assert sorted(upward.values_list("user__username", flat=True)) == ["staff_city"]


def test_a_level_without_reviewers_hands_the_event_to_the_nearest_level_above(
    people, django_capture_on_commit_callbacks
):
    w = people
    h.rate(w.member_b1, Y, "HTT")
    p = proposals.proposal_create(actor=w.officer_union_b1, from_org=w.union_b1, year=Y, title="Đề nghị Xuân La")
    proposals.line_add(
        actor=w.officer_union_b1, proposal=p, award_type=AwardType.objects.get(code="LDTT"), member=w.member_b1
    )
    with django_capture_on_commit_callbacks(execute=True):
        proposals.proposal_submit(actor=w.officer_union_b1, proposal=p)
    assert received(Kind.PROPOSAL_SUBMITTED) == ["staff_district_b"]  # district A's staff never

    w.staff_district_b.roles.all().delete()  # district B has nobody yet: the city's staff hear of it
    Notification.objects.all().delete()
    p.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        proposals.proposal_return(actor=w.staff_city, proposal=p, reason="Bổ sung")
        proposals.proposal_submit(actor=w.officer_union_b1, proposal=p)
    assert received(Kind.PROPOSAL_RESUBMITTED) == ["staff_city"]
