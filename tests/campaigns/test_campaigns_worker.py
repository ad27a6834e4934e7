"""The daily launch reminder runs on a real Celery worker with Redis."""

import datetime

import pytest

from campaigns.models import CampaignLaunch
from campaigns.tasks import remind_due_launches
from notifications.models import Notification

pytestmark = pytest.mark.celery_worker


def test_reminder_task_on_the_worker(world, campaign, celery_worker):
    CampaignLaunch.objects.create(
        campaign=campaign, organization=world.union_a1, launched_on=datetime.date(2026, 2, 3), participants=12
    )
    assert remind_due_launches.delay().get(timeout=20) == [campaign.pk]
    reminded = sorted(Notification.objects.values_list("user__username", flat=True))
    assert reminded == ["officer_union_a2", "officer_union_b1"]  # union_a1 has launched
    # The next day's run finds the same campaign due and sends nobody a second reminder.
    assert remind_due_launches.delay().get(timeout=20) == [campaign.pk]
    assert Notification.objects.count() == 2
