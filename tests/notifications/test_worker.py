"""On a real Celery worker with Redis: the daily registration deadline reminder, once per union and tier; an event
delivered by the worker after the service committed."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.tasks import remind_registration_deadlines
from notifications.kinds import Kind
from notifications.models import Notification

pytestmark = pytest.mark.celery_worker


def test_deadline_reminders_on_the_worker(world, celery_worker):
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        code="HN-LDG-W",
        name="Lao động giỏi",
        kind="annual",
        organizer=world.district_a,
        year=today.year,
        start_on=today - datetime.timedelta(days=30),
        end_on=today + datetime.timedelta(days=300),
        registration_deadline=today + datetime.timedelta(days=1),
        status=Campaign.Status.LAUNCHED,
        launched_on=today - datetime.timedelta(days=20),
    )
    assert remind_registration_deadlines.delay().get(timeout=20) == [campaign.pk]
    notes = Notification.objects.filter(kind=Kind.REGISTRATION_DEADLINE)
    assert sorted(notes.values_list("user__username", flat=True)) == ["officer_union_a1", "officer_union_a2"]
    assert {key.rsplit(":", 1)[1] for key in notes.values_list("key", flat=True)} == {"1"}
    # The beat fires again (a second worker run): nobody gets it twice.
    assert remind_registration_deadlines.delay().get(timeout=20) == [campaign.pk]
    assert notes.count() == 2


def test_an_event_is_delivered_by_the_worker_after_the_commit(world, celery_worker, award_catalogue, mailoutbox):
    """The service only enqueues after its commit; the worker computes the recipients and sends."""
    from awards.models import AwardType
    from awards.services import proposals
    from tests.awards import helpers as h
    from tests.waiting import wait_until

    world.staff_district_a.email = "btl@example.vn"
    world.staff_district_a.save()
    h.rate(world.member_a1, 2025, "HTT")
    p = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=2025, title="Đề nghị")
    proposals.line_add(
        actor=world.officer_union_a1, proposal=p, award_type=AwardType.objects.get(code="LDTT"), member=world.member_a1
    )
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    note = wait_until(
        lambda: Notification.objects.filter(kind=Kind.PROPOSAL_SUBMITTED).first(), 20, "the worker's notification"
    )
    assert note.user == world.staff_district_a
    assert [m.to for m in mailoutbox] == [["btl@example.vn"]]
