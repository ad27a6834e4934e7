"""The launch reminder runs on a real Celery worker with Redis."""

import datetime

import pytest

from campaigns.models import CampaignLaunch
from campaigns.tasks import remind_due_launches, remind_unlaunched
from notifications.models import Notification

pytestmark = pytest.mark.celery_worker


def test_reminder_task_on_the_worker(world, campaign, celery_worker):
    CampaignLaunch.objects.create(campaign=campaign, organization=world.union_a1,
                                  launched_on=datetime.date(2026, 2, 3), participants=12)
    first = remind_unlaunched.delay(campaign.pk).get(timeout=20)
    assert first == sorted([world.union_a2.pk, world.union_b1.pk])
    assert remind_unlaunched.delay(campaign.pk).get(timeout=20) == []
    assert set(Notification.objects.values_list("user__username", flat=True)) == {
        "officer_union_a2", "officer_union_b1"}
    assert remind_due_launches.delay().get(timeout=20) == [campaign.pk]
