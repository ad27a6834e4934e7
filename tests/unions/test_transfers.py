"""Transferring a member to a union outside the sender's reach: asked, then accepted or refused there."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from notifications.models import Notification
from tests.awards import helpers as h
from unions import selectors, selectors_transfers
from unions.models import Member, MemberTransfer, TransferRequest
from unions.services import members, transfers

TODAY = timezone.localdate()
Status = TransferRequest.Status


def _ask(world, **kwargs):
    return transfers.transfer_request(
        actor=world.officer_union_a1,
        member=world.member_a1,
        to_organization=world.union_b1,
        transferred_on=TODAY,
        note=kwargs.get("note", "Chuyển công tác"),
    )


def _sees(user, member):
    return selectors.member_list_for(user).filter(pk=member.pk).exists()


def test_across_districts_the_receiving_union_sees_the_member_only_after_accepting(world, award_catalogue):
    award = h.award(world.member_a1, code="LDTT", year=2024)
    req = _ask(world)
    assert req.status == Status.OPEN
    # Before the answer: still the sender's member, and nothing of it in the receiving union.
    assert _sees(world.officer_union_a1, world.member_a1)
    assert not _sees(world.officer_union_b1, world.member_a1)
    assert [r.pk for r in selectors_transfers.transfer_requests_incoming(world.officer_union_b1)] == [req.pk]
    assert selectors_transfers.transfer_requests_incoming(world.officer_union_a1) == []

    transfers.transfer_accept(actor=world.officer_union_b1, transfer_request=req)

    member = Member.objects.get(pk=world.member_a1.pk)
    assert member.organization == world.union_b1
    assert _sees(world.officer_union_b1, member)
    assert not _sees(world.officer_union_a1, member)
    assert not _sees(world.staff_district_a, member)
    req.refresh_from_db()
    assert (req.status, req.decided_by) == (Status.ACCEPTED, world.officer_union_b1)
    moved = MemberTransfer.objects.get(member=member)
    assert (moved.from_organization, moved.to_organization, moved.note) == (
        world.union_a1,
        world.union_b1,
        "Chuyển công tác",
    )
    assert req.transfer == moved
    # The record follows the person: the history row of the move, and the awards with their issuer unchanged.
    assert member.history.first().organization_id == world.union_b1.pk
    award.refresh_from_db()
    assert award.member_id == member.pk and award.decision.issuer == world.union_a1
    assert [a.pk for a in member.awards.all()] == [award.pk]
    assert AuditEntry.objects.filter(organization=world.union_b1, object_id=str(member.pk)).exists()


def test_the_officers_pages_follow_the_member(client, world):
    req = _ask(world)
    detail = reverse("unions:member_detail", kwargs={"pk": world.member_a1.pk})
    client.force_login(world.officer_union_b1)
    assert client.get(detail).status_code == 404
    page = client.get(reverse("unions:transfer_detail", kwargs={"pk": req.pk}))
    assert page.status_code == 200 and world.member_a1.member_code in page.content.decode()
    assert world.member_a1.national_id not in page.content.decode()
    response = client.post(reverse("unions:transfer_accept", kwargs={"pk": req.pk}))
    assert response.status_code == 302 and response.url == detail
    assert client.get(detail).status_code == 200
    client.force_login(world.officer_union_a1)
    assert client.get(detail).status_code == 404


def test_a_request_is_sent_from_the_transfer_page_when_the_union_is_elsewhere(client, world):
    client.force_login(world.officer_union_a1)
    response = client.post(
        reverse("unions:member_transfer", kwargs={"pk": world.member_a1.pk}),
        {"to_organization": world.union_b1.pk, "transferred_on": TODAY.strftime("%d/%m/%Y"), "note": ""},
    )
    req = TransferRequest.objects.get(member=world.member_a1)
    assert response.status_code == 302 and response.url == reverse("unions:transfer_detail", kwargs={"pk": req.pk})
    assert Member.objects.get(pk=world.member_a1.pk).organization == world.union_a1


def test_inside_the_users_reach_the_transfer_page_moves_at_once(client, world):
    client.force_login(world.staff_district_a)
    client.post(
        reverse("unions:member_transfer", kwargs={"pk": world.member_a1.pk}),
        {"to_organization": world.union_a2.pk, "transferred_on": TODAY.strftime("%d/%m/%Y")},
    )
    assert Member.objects.get(pk=world.member_a1.pk).organization == world.union_a2
    assert not TransferRequest.objects.exists()


def test_the_staff_above_both_unions_transfers_directly(world):
    members.member_transfer(
        actor=world.admin, member=world.member_a1, to_organization=world.union_b1, transferred_on=TODAY
    )
    assert Member.objects.get(pk=world.member_a1.pk).organization == world.union_b1


def test_one_open_request_per_member(world):
    _ask(world)
    with pytest.raises(ValidationError, match="đang chờ trả lời"):
        _ask(world)
    # The index holds even a write that skips the service's check.
    with pytest.raises(IntegrityError), transaction.atomic():
        TransferRequest.objects.create(
            member=world.member_a1,
            from_organization=world.union_a1,
            to_organization=world.union_a2,
            transferred_on=TODAY,
        )
    # Nor can a direct transfer overtake the waiting request.
    with pytest.raises(ValidationError, match="đang chờ công đoàn nơi đến"):
        members.member_transfer(
            actor=world.staff_district_a, member=world.member_a1, to_organization=world.union_a2, transferred_on=TODAY
        )


def test_after_an_answer_a_new_request_may_be_made(world):
    req = _ask(world)
    transfers.transfer_withdraw(actor=world.officer_union_a1, transfer_request=req)
    assert _ask(world).status == Status.OPEN


def test_only_the_receiving_side_answers_and_only_the_sending_side_withdraws(world):
    req = _ask(world)
    for outsider in (world.officer_union_a1, world.officer_union_a2, world.leader_city):
        with pytest.raises(PermissionDenied):
            transfers.transfer_accept(actor=outsider, transfer_request=req)
        with pytest.raises(PermissionDenied):
            transfers.transfer_refuse(actor=outsider, transfer_request=req, reason="Không")
    for outsider in (world.officer_union_b1, world.leader_city):
        with pytest.raises(PermissionDenied):
            transfers.transfer_withdraw(actor=outsider, transfer_request=req)
    with pytest.raises(PermissionDenied):  # a member the officer does not keep
        transfers.transfer_request(
            actor=world.officer_union_b1, member=world.member_a1, to_organization=world.union_b1, transferred_on=TODAY
        )
    assert TransferRequest.objects.get(pk=req.pk).status == Status.OPEN


def test_a_refusal_needs_its_reason_and_leaves_the_member_where_it_was(world):
    req = _ask(world)
    with pytest.raises(ValidationError):
        transfers.transfer_refuse(actor=world.officer_union_b1, transfer_request=req, reason="  ")
    transfers.transfer_refuse(actor=world.officer_union_b1, transfer_request=req, reason="Không có hồ sơ")
    req.refresh_from_db()
    assert (req.status, req.reason) == (Status.REFUSED, "Không có hồ sơ")
    assert Member.objects.get(pk=world.member_a1.pk).organization == world.union_a1
    with pytest.raises(ValidationError, match="đã được trả lời"):
        transfers.transfer_accept(actor=world.officer_union_b1, transfer_request=req)


def test_the_receiving_officers_hear_of_it_after_commit_and_the_sender_of_the_answer(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        req = _ask(world)
    told = Notification.objects.filter(key=f"transfer_requested:{req.pk}")
    assert [n.user for n in told] == [world.officer_union_b1]
    assert told.get().link == reverse("unions:transfer_detail", kwargs={"pk": req.pk})
    with django_capture_on_commit_callbacks(execute=True):
        transfers.transfer_accept(actor=world.officer_union_b1, transfer_request=req)
    assert [n.user for n in Notification.objects.filter(key=f"transfer_answered:{req.pk}")] == [world.officer_union_a1]


def test_nothing_is_told_when_the_request_rolls_back(world, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _ask(world)
        raise RuntimeError
    assert callbacks == [] and not Notification.objects.exists()


def test_the_lists_show_each_side_its_requests(client, world):
    req = _ask(world)
    client.force_login(world.officer_union_b1)
    page = client.get(reverse("unions:transfer_list")).content.decode()
    assert world.member_a1.full_name in page
    client.force_login(world.officer_union_a2)
    assert world.member_a1.full_name not in client.get(reverse("unions:transfer_list")).content.decode()
    assert client.get(reverse("unions:transfer_detail", kwargs={"pk": req.pk})).status_code == 404


def test_the_destination_picker_offers_unions_anywhere_by_name_and_code(client, world):
    client.force_login(world.officer_union_a1)
    response = client.post(
        reverse("unions:pick_organization"), {"q": "Xuân La", "source": "unions.transfer_destination"}
    )
    body = response.content.decode()
    assert world.union_b1.code in body
    client.force_login(world.leader_city)
    response = client.post(
        reverse("unions:pick_organization"), {"q": "Xuân La", "source": "unions.transfer_destination"}
    )
    assert world.union_b1.code not in response.content.decode()


def test_the_sender_sees_the_waiting_request_on_the_members_page(client, world):
    detail = reverse("unions:member_detail", kwargs={"pk": world.member_a1.pk})
    client.force_login(world.officer_union_a1)
    assert "data-pending-transfer" not in client.get(detail).content.decode()
    req = _ask(world)
    page = client.get(detail).content.decode()
    assert "data-pending-transfer" in page
    assert reverse("unions:transfer_detail", kwargs={"pk": req.pk}) in page
