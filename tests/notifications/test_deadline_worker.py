"""The daily registration deadline reminder runs on a real Celery worker with Redis, once per union and tier."""

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
